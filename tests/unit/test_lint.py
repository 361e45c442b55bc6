"""Schema lint rules: for each, a file that trips it (exact code, place and message) and one
that does not."""

from __future__ import annotations

from pathlib import Path

from generator.checks.lint import lint_rules, merged, subject_of, unused_ignores
from generator.pipeline import compile_file
from generator.spec.load import load

HEAD = "format: 1\n"


def lint(tmp_path: Path, body: str, settings: str = "", only: str | None = None) -> list[str]:
    """The lint findings of a schema (of one code if given) as `Finding.text()` lines."""
    path = tmp_path / "schema.yaml"
    path.write_text(HEAD + settings + "tables:\n" + body, encoding="utf-8")
    loaded = load(path, "schema.yaml")
    assert loaded.spec is not None, loaded.findings
    subject = subject_of(loaded.spec)
    found = loaded.locate(merged(lint_rules(subject) + unused_ignores(subject), subject))
    found.sort(key=lambda finding: finding.sort_key())
    return [finding.text() for finding in found if only in (None, finding.code)]


PARENT = """\
  parents:
    columns:
      id: {type: integer, primary: true}
"""


def test_fk_without_index_on_postgres_only(tmp_path: Path) -> None:
    body = PARENT + """\
  children:
    columns:
      id: {type: integer, primary: true}
      parent_id: {type: integer, references: parents.id}
"""
    assert lint(tmp_path, body) == [
        "schema.yaml:9:34: warning fk-without-index [postgres] "
        "tables.children.columns.parent_id.references: No index leads with "
        "children(parent_id), and PostgreSQL 15+ does not add one for foreign key "
        "children_parent_id_foreign: every delete or key update in parents scans children, "
        "and joins on it scan too; add `index: true` to the column.",
    ]


def test_fk_with_a_leading_index_or_on_mysql_only_is_fine(tmp_path: Path) -> None:
    body = PARENT + """\
  children:
    columns:
      id: {type: integer, primary: true}
      parent_id: {type: integer, references: parents.id}
      kind: string(10)
    indexes:
      - columns: [parent_id, kind]
  others:
    columns:
      id: {type: integer, primary: true}
      parent_id: {type: integer, references: parents.id, index: true}
"""
    assert lint(tmp_path, body) == []
    unindexed = PARENT + """\
  children:
    columns:
      id: {type: integer, primary: true}
      parent_id: {type: integer, references: parents.id}
"""
    assert lint(tmp_path, unindexed, "settings: {targets: [mysql, mariadb]}\n") == []


def test_redundant_index_behind_an_index_and_the_primary_key(tmp_path: Path) -> None:
    body = """\
  t:
    columns:
      a: integer
      b: integer
      c: integer
    primary_key: [a, b]
    indexes:
      - columns: [b]
      - columns: [b, c]
      - columns: [a]
"""
    assert lint(tmp_path, body) == [
        "schema.yaml:10:9: warning redundant-index tables.t.indexes[0]: Index t_b_index (b) is "
        "the start of index t_b_c_index, which serves the same lookups; drop t_b_index to save "
        "the space and the work of every write.",
        "schema.yaml:12:9: warning redundant-index tables.t.indexes[2]: Index t_a_index (a) is "
        "the start of the primary key (a, b), which serves the same lookups; drop t_a_index to "
        "save the space and the work of every write.",
    ]


def test_unique_partial_and_reordered_indexes_are_not_redundant(tmp_path: Path) -> None:
    body = """\
  t:
    columns:
      id: {type: integer, primary: true}
      a: integer
      b: integer
    indexes:
      - {columns: [a], unique: true}
      - columns: [a, b]
      - columns: [b, a]
      - {columns: [b], where: "a > 0"}
"""
    assert lint(tmp_path, body, "settings: {targets: [postgres]}\n") == []


def test_default_fixed_time(tmp_path: Path) -> None:
    body = """\
  t:
    columns:
      id: {type: integer, primary: true}
      started_at: {type: timestamp, default: now}
      seen_at: {type: timestamp, default: '2025-08-23 02:13:14'}
"""
    assert lint(tmp_path, body, only="default-fixed-time") == [
        "schema.yaml:6:37: warning default-fixed-time tables.t.columns.started_at.default: The "
        "default 'now' is text, not the current time: PostgreSQL turns it into the moment the "
        "DDL runs, once, so every row gets the migration's time (or refuses it), and MySQL "
        "refuses it; for the time of each insert write `default_sql: CURRENT_TIMESTAMP` "
        "instead.",
        "schema.yaml:7:34: warning default-fixed-time tables.t.columns.seen_at.default: The "
        "default '2025-08-23 02:13:14' is a fixed moment, the same for every row, as a `now()` "
        "evaluated when a migration was written leaves it; if the current time was meant, for "
        "the time of each insert write `default_sql: CURRENT_TIMESTAMP` instead.",
    ]


def test_current_timestamp_and_midnight_sentinels_are_fine(tmp_path: Path) -> None:
    body = """\
  t:
    columns:
      id: {type: integer, primary: true}
      started_at: {type: timestamp, default_sql: CURRENT_TIMESTAMP}
      epoch: {type: timestamp, default: '1970-01-01 00:00:00'}
      day: {type: date, default: '2024-01-01'}
      note: {type: string(10), default: now}
"""
    assert lint(tmp_path, body, only="default-fixed-time") == []


TIMESTAMPS = """\
  a:
    columns:
      id: {type: integer, primary: true}
      created_at: {type: timestamp, nullable: true}
      updated_at: {type: timestamptz, nullable: true}
  b:
    columns:
      id: {type: integer, primary: true}
      seen_at: {type: timestamp, nullable: true}
      later_at: {type: datetime, nullable: true}
"""


def test_timestamp_2038_is_one_finding_per_schema(tmp_path: Path) -> None:
    assert lint(tmp_path, TIMESTAMPS) == [
        "schema.yaml:1:1: warning timestamp-2038 [mariadb,mysql] settings: 3 TIMESTAMP "
        "column(s) in 2 table(s) (a, b) hold no time after 2038-01-19 03:14:07 UTC on MariaDB "
        "10.11+ and MySQL 8.0+; use type `datetime` for times that may pass it, or silence "
        "this with a reason in settings.lint_ignore.",
    ]


def test_timestamp_2038_silenced_or_on_postgres_only(tmp_path: Path) -> None:
    silenced = ("settings:\n  lint_ignore:\n"
                "    - {rule: timestamp-2038, reason: moved to datetime next quarter}\n")
    assert lint(tmp_path, TIMESTAMPS, silenced) == []
    assert lint(tmp_path, TIMESTAMPS, "settings: {targets: [postgres]}\n") == []


def test_unix_time_overflow(tmp_path: Path) -> None:
    body = """\
  jobs:
    columns:
      id: {type: integer, primary: true}
      expiration: integer
      available_at: {type: integer, unsigned: true}
"""
    assert lint(tmp_path, body) == [
        "schema.yaml:6:7: warning unix-time-overflow tables.jobs.columns.expiration.type: "
        "jobs.expiration is a signed 32-bit integer, so as a Unix time it overflows on "
        "2038-01-19 on MariaDB 10.11+ and MySQL 8.0+ and PostgreSQL 15+; use `bigint`.",
        "schema.yaml:7:22: warning unix-time-overflow [postgres] "
        "tables.jobs.columns.available_at.type: jobs.available_at is a signed 32-bit integer, "
        "so as a Unix time it overflows on 2038-01-19 on PostgreSQL 15+; use `bigint`.",
    ]


def test_bigint_times_and_durations_are_fine(tmp_path: Path) -> None:
    body = """\
  jobs:
    columns:
      id: {type: integer, primary: true}
      expiration: bigint
      wait_time: integer
      avg_response_time: integer
      attempts: integer
"""
    assert lint(tmp_path, body) == []


def test_json_not_jsonb(tmp_path: Path) -> None:
    body = """\
  t:
    columns:
      id: {type: integer, primary: true}
      tags: json
      data: jsonb
"""
    assert lint(tmp_path, body) == [
        "schema.yaml:6:7: warning json-not-jsonb [postgres] tables.t.columns.tags.type: t.tags "
        "is `json`, kept as text and parsed on every read on PostgreSQL 15+; use type `jsonb` "
        "(binary, indexable with GIN, duplicate keys removed; still `json` on MySQL).",
    ]


TENANTS = """\
  organizations:
    columns:
      id: {type: uuid, primary: true}
  posts:
    columns:
      id: {type: integer, primary: true}
  notes:
    columns:
      id: {type: integer, primary: true}
      organization_id: {type: uuid, nullable: true, references: organizations.id}
  plans:
    tenant: global
    columns:
      id: {type: integer, primary: true}
  tickets:
    columns:
      id: {type: integer, primary: true}
      organization_id: {type: uuid, references: organizations.id, index: true}
"""


def test_tenant_rules(tmp_path: Path) -> None:
    found = [line for line in lint(tmp_path, TENANTS, "settings: {tenant: organizations.id}\n")
             if "fk-without-index" not in line]
    assert found == [
        "schema.yaml:7:3: warning tenant-key-missing tables.posts: Table posts has no foreign "
        "key to organizations.id, so nothing ties its rows to a tenant; add a NOT NULL column "
        "that references organizations.id, or mark the table `tenant: global` if it is shared "
        "by all tenants.",
        "schema.yaml:13:37: warning tenant-key-nullable "
        "tables.notes.columns.organization_id.nullable: notes.organization_id allows NULL, so a "
        "row can belong to no tenant and escape every per-tenant query and cascade; make it "
        "NOT NULL (remove `nullable: true`).",
        "schema.yaml:13:53: warning tenant-key-unindexed "
        "tables.notes.columns.organization_id.references: No index of notes starts with its "
        "tenant key organization_id, so every per-tenant query reads the whole table; lead an "
        "index (or the primary key) with organization_id.",
    ]


def test_tenant_rules_pass_and_need_a_tenant_that_exists(tmp_path: Path) -> None:
    fixed = TENANTS.replace("posts:", "posts:\n    tenant: global").replace(
        "{type: uuid, nullable: true, references: organizations.id}",
        "{type: uuid, references: organizations.id, index: true}")
    assert lint(tmp_path, fixed, "settings: {tenant: organizations.id}\n") == []
    assert lint(tmp_path, PARENT, "settings: {tenant: organisations.id}\n") == [
        "schema.yaml:2:12: error tenant-unknown settings.tenant: settings.tenant is "
        "'organisations.id', which names no column of this schema; write the tenant key as "
        "`table.column`, like `organizations.id`.",
    ]


def test_lint_ignore_on_a_column_a_table_and_settings(tmp_path: Path) -> None:
    body = """\
  t:
    lint_ignore:
      - {rule: unix-time-overflow, reason: Laravel's own queue table}
    columns:
      id: {type: integer, primary: true}
      expiration: integer
      tags:
        type: json
        lint_ignore: [{rule: json-not-jsonb, reason: the exact text is signed}]
"""
    assert lint(tmp_path, body) == []


def test_lint_ignore_unknown_and_unused(tmp_path: Path) -> None:
    body = """\
  t:
    columns:
      id: {type: integer, primary: true}
      tags:
        type: jsonb
        lint_ignore:
          - {rule: json-not-json, reason: a typo}
          - {rule: text-in-key, reason: not a lint rule}
          - {rule: json-not-jsonb, reason: was json once}
"""
    assert lint(tmp_path, body) == [
        "schema.yaml:9:14: error lint-ignore-unknown "
        "tables.t.columns.tags.lint_ignore[0].rule: There is no lint rule 'json-not-json' "
        "(similar: json-not-jsonb); fix the name (see docs/rules/) or remove the entry.",
        "schema.yaml:10:14: error lint-ignore-unknown "
        "tables.t.columns.tags.lint_ignore[1].rule: 'text-in-key' is a validation rule: its "
        "findings are errors and cannot be silenced; fix the schema instead.",
        "schema.yaml:11:13: warning lint-ignore-unused tables.t.columns.tags.lint_ignore[2]: "
        "This entry silences 'json-not-jsonb', which finds nothing here any more; remove the "
        "entry.",
    ]


def test_compiling_a_schema_never_reports_lint_warnings(tmp_path: Path) -> None:
    path = tmp_path / "schema.yaml"
    path.write_text(HEAD + "tables:\n  t:\n    columns:\n      id: {type: integer, primary: "
                    "true}\n      tags: json\n      expiration: integer\n", encoding="utf-8")
    assert compile_file(path).findings == []
    assert len(lint(tmp_path, "  t:\n    columns:\n      id: {type: integer, primary: true}\n"
                    "      tags: json\n      expiration: integer\n")) == 2
