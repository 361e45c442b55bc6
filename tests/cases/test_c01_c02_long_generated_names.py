"""C01 / C02: generated names never exceed 64 characters (MySQL) or 63 bytes (PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

from .support import compile_text, statements

SCHEMA = """\
tables:
  organisation_membership_invitations:
    columns:
      id: {type: integer, primary: true}
  organisation_membership_invitation_responses:
    columns:
      id: {type: integer, primary: true}
      organisation_membership_invitation_id:
        {type: integer, index: true, references: organisation_membership_invitations.id}
  linking_table_for_user_and_post_with_long_name:
    columns:
      id: {type: integer, primary: true}
      first_participant_user_id: {type: integer, unique: true}
      first_participant_post_id: {type: integer, unique: true}
"""


def names(compiled, dialect: str) -> list[str]:
    schema = compiled.schemas[dialect]
    found = []
    for table in schema.tables:
        found += [index.name for index in table.indexes]
        found += [fk.name for fk in table.foreign_keys]
    return found


def test_c01_fk_and_index_names_are_shortened_with_a_hash(tmp_path: Path) -> None:
    compiled = compile_text(tmp_path, SCHEMA)
    assert names(compiled, "mysql") == [
        "organisation_membership_invitation_responses_organisat_50ac5f56",
        "organisation_membership_invitation_responses_organisat_ebc54f9d",
        "linking_table_for_user_and_post_with_long_name_first_p_86d287ab",
        "linking_table_for_user_and_post_with_long_name_first_p_f42276e3",
    ]
    assert all(len(name) <= 63 for name in names(compiled, "mysql"))


def test_c02_two_long_unique_names_stay_distinct_on_postgres(tmp_path: Path) -> None:
    compiled = compile_text(tmp_path, SCHEMA)
    pg = names(compiled, "postgres")
    assert len(set(pg)) == len(pg)
    assert all(len(name.encode()) <= 63 for name in pg)
    assert statements(compiled, "postgres")[3] == (
        'CREATE TABLE "linking_table_for_user_and_post_with_long_name" (\n'
        '    "id" integer NOT NULL,\n'
        '    "first_participant_user_id" integer NOT NULL,\n'
        '    "first_participant_post_id" integer NOT NULL,\n'
        '    CONSTRAINT "linking_table_for_user_and_post_with_long_name_pkey" PRIMARY KEY ("id"),\n'
        '    CONSTRAINT "linking_table_for_user_and_post_with_long_name_first_p_86d287ab" '
        'UNIQUE ("first_participant_user_id"),\n'
        '    CONSTRAINT "linking_table_for_user_and_post_with_long_name_first_p_f42276e3" '
        'UNIQUE ("first_participant_post_id")\n'
        ')')


def test_names_are_the_same_on_every_run(tmp_path: Path) -> None:
    first = names(compile_text(tmp_path, SCHEMA), "postgres")
    assert names(compile_text(tmp_path, SCHEMA), "postgres") == first
