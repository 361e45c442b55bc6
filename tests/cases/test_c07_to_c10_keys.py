"""C07-C10: keys MySQL refuses and foreign keys no server accepts are caught before any SQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.findings import InvalidSchema

from .support import compile_text, statements


def codes(tmp_path: Path, body: str) -> list[tuple[str, str, str | None]]:
    with pytest.raises(InvalidSchema) as caught:
        compile_text(tmp_path, body)
    return [(f.code, f.path, f.dialect) for f in caught.value.findings]


def test_c07_text_in_primary_unique_and_plain_keys(tmp_path: Path) -> None:
    assert codes(tmp_path, """\
tables:
  document_store:
    primary_key: [collection, document_id]
    columns:
      collection: string(255)
      document_id: text
      document: {type: json, nullable: true}
  tokens:
    columns:
      id: {type: integer, primary: true}
      token: {type: text, unique: true}
  posts:
    columns:
      id: {type: integer, primary: true}
      body: text
    indexes:
      - columns: [body]
""") == [
        ("text-in-key", "tables.document_store.primary_key", "mariadb,mysql"),
        ("text-in-key", "tables.tokens.columns.token.unique", "mariadb,mysql"),
        ("text-in-key", "tables.posts.indexes[0]", "mariadb,mysql"),
    ]


def test_c07_a_declared_prefix_is_emitted(tmp_path: Path) -> None:
    compiled = compile_text(tmp_path, """\
tables:
  posts:
    columns:
      id: {type: integer, primary: true}
      body: text
    indexes:
      - columns: [{column: body, length: 191}]
        name: ix_body
""")
    assert "  KEY `ix_body` (`body`(191))" in statements(compiled, "mysql")[0]
    assert statements(compiled, "postgres")[1] == 'CREATE INDEX "ix_body" ON "posts" ("body")'


def test_c08_wide_composite_key_needs_prefixes(tmp_path: Path) -> None:
    body = """\
tables:
  pairs:
    columns:
      id: {type: integer, primary: true}
      a: string(500)
      b: string(500)
    indexes:
      - columns: [%s, %s]
        name: ix_ab
"""
    assert codes(tmp_path, body % ("a", "b")) == [
        ("index-key-too-long", "tables.pairs.indexes[0]", "mariadb,mysql")]
    fixed = compile_text(tmp_path, body % ("{column: a, length: 250}", "{column: b, length: 250}"))
    assert "  KEY `ix_ab` (`a`(250), `b`(250))" in statements(fixed, "mysql")[0]


def test_c09_fk_to_a_column_that_is_not_unique_is_refused(tmp_path: Path) -> None:
    body = """\
tables:
  a:
    columns:
      id: {type: integer, primary: true}
      custom_id: {type: string(191)%s}
  b:
    columns:
      id: {type: integer, primary: true}
      a_id: {type: string(191), references: a.custom_id}
"""
    assert codes(tmp_path, body % "") == [("fk-target", "tables.b.columns.a_id.references", None)]
    fixed = statements(compile_text(tmp_path, body % ", unique: true"), "postgres")
    assert fixed[0].splitlines()[-2] == '    CONSTRAINT "a_custom_id_unique" UNIQUE ("custom_id")'
    assert fixed[-1] == ('ALTER TABLE "b" ADD CONSTRAINT "b_a_id_foreign" FOREIGN KEY ("a_id") '
                         'REFERENCES "a" ("custom_id")')


def test_c10_fk_type_must_match_including_signedness(tmp_path: Path) -> None:
    body = """\
tables:
  users:
    columns:
      id: {type: bigint, unsigned: true, auto_increment: true, primary: true}
  posts:
    columns:
      id: {type: integer, primary: true}
      user_id: {type: %s, references: users.id}
"""
    assert codes(tmp_path, body % "integer, unsigned: true") == [
        ("fk-type-mismatch", "tables.posts.columns.user_id.references", "mariadb,mysql"),
        ("fk-type-mismatch", "tables.posts.columns.user_id.references", "postgres"),
    ]
    assert codes(tmp_path, body % "bigint") == [
        ("fk-type-mismatch", "tables.posts.columns.user_id.references", "mariadb,mysql")]
    fixed = compile_text(tmp_path, body % "bigint, unsigned: true")
    assert "  `user_id` bigint unsigned NOT NULL," in statements(fixed, "mysql")[1]
