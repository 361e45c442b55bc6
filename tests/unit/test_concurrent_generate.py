"""settings.postgres.concurrent_indexes: new indexes on existing tables in migrations of their own."""

from __future__ import annotations

from pathlib import Path

from generator.generate import generate
from generator.output import read_tree, write_tree
from generator.pipeline import compile_file

BEFORE = """\
format: 1
settings:
  postgres: {concurrent_indexes: true}
tables:
  t:
    columns:
      id: {type: integer, primary: true}
      a: integer
"""
AFTER = BEFORE.replace("      a: integer\n", "      a: {type: integer, index: true}\n"
                       "      b: {type: integer, nullable: true}\n")


def run(tmp_path: Path, text: str) -> dict[str, bytes]:
    schema = tmp_path / "schema.yaml"
    schema.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    write_tree(out, generate(compile_file(schema), out, "schema.yaml").files)
    return read_tree(out)


def body(data: bytes) -> list[str]:
    return [line for line in data.decode().splitlines() if line and not line.startswith("--")]


def test_index_on_existing_table_gets_its_own_migration_on_postgres(tmp_path: Path) -> None:
    run(tmp_path, BEFORE)
    files = run(tmp_path, AFTER)
    pg = sorted(name for name in files if name.startswith("postgres/migrations/V"))
    assert pg == ["postgres/migrations/V0001__create_t.sql",
                  "postgres/migrations/V0002__change_t.sql",
                  "postgres/migrations/V0003__create_index_t_a_index_concurrently.sql"]
    assert body(files[pg[2]]) == ['CREATE INDEX CONCURRENTLY "t_a_index" ON "t" ("a");']
    assert body(files["postgres/migrations/U0003__create_index_t_a_index_concurrently.sql"]) \
        == ['DROP INDEX CONCURRENTLY IF EXISTS "t_a_index";']
    mysql = sorted(name for name in files if name.startswith("mysql/migrations/V"))
    assert mysql == ["mysql/migrations/V0001__create_t.sql",
                     "mysql/migrations/V0002__change_t.sql"]
    assert body(files[mysql[1]]) == [
        "ALTER TABLE `t` ADD COLUMN `b` int NULL AFTER `a`;",
        "ALTER TABLE `t` ADD INDEX `t_a_index` (`a`);"]


def test_lint_does_not_flag_what_generate_builds_concurrently(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from generator.cli import main

    run(tmp_path, BEFORE)
    schema = tmp_path / "schema.yaml"
    args = ["lint", "--schema", str(schema), "--out", str(tmp_path / "out"), "--format", "json"]
    schema.write_text(AFTER, encoding="utf-8")
    quiet = CliRunner().invoke(main, args)
    schema.write_text(AFTER.replace("concurrent_indexes: true", "concurrent_indexes: false"))
    loud = CliRunner().invoke(main, args)
    assert "pg-index-not-concurrent" not in quiet.output
    assert '"code": "pg-index-not-concurrent"' in loud.output
