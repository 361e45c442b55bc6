"""`schemagen drift` against live servers: drift made by hand is reported object by object,
its repair (written, never applied) brings the catalog back, and a runner's history table
says which released migrations ran."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from generator.compare import differences
from generator.importer.split import split
from generator.live.apply import apply_statements
from generator.live.introspect import read_schema
from generator.live.verify import snapshot_statements
from generator.pipeline import compile_file

from .support import chatbot_schema

PREFIX = "sg_drift_"
LIVE = ["postgres", "mariadb"]  # mysql runs the same tests wherever MySQL 8 is provided
SCHEMA = chatbot_schema()
SPLIT = {"postgres": "postgres", "mysql": "mysql", "mariadb": "mysql"}

# By hand, after the snapshot was applied: a column's type and another's nullability, an
# index dropped and one added, a foreign key's ON DELETE changed and another dropped.
HAND = {
    "postgres": [
        "ALTER TABLE customers ALTER COLUMN phone TYPE varchar(40)",
        "ALTER TABLE customers ALTER COLUMN timezone DROP NOT NULL",
        "DROP INDEX jobs_queue_index",
        "CREATE INDEX jobs_by_hand ON jobs (attempts, queue)",
        "ALTER TABLE customers DROP CONSTRAINT customers_organization_id_foreign",
        "ALTER TABLE customers ADD CONSTRAINT customers_organization_id_foreign FOREIGN KEY "
        "(organization_id) REFERENCES organizations (id) ON DELETE RESTRICT",
        "ALTER TABLE agents DROP CONSTRAINT agents_user_id_foreign"],
    "mariadb": [
        "ALTER TABLE customers MODIFY phone varchar(40) NULL",
        "ALTER TABLE customers MODIFY timezone varchar(100) NULL DEFAULT 'Asia/Jakarta'",
        "DROP INDEX jobs_queue_index ON jobs",
        "CREATE INDEX jobs_by_hand ON jobs (attempts, queue)",
        "ALTER TABLE customers DROP FOREIGN KEY customers_organization_id_foreign",
        "ALTER TABLE customers ADD CONSTRAINT customers_organization_id_foreign FOREIGN KEY "
        "(organization_id) REFERENCES organizations (id) ON DELETE SET NULL",
        "ALTER TABLE agents DROP FOREIGN KEY agents_user_id_foreign"],
}
# ON DELETE SET NULL needs a nullable column on MariaDB: the hand edit makes one first.
HAND["mariadb"].insert(4, "ALTER TABLE customers MODIFY organization_id char(36) NULL")
# InnoDB reports RESTRICT as NO ACTION (docs/normalization.md), so PostgreSQL says restrict.
ACTION = {"postgres": "restrict", "mariadb": "set null"}


def hand_differences(dialect: str) -> list[str]:
    nullable = ["table customers: column organization_id: NOT NULL != NULL"] \
        if dialect == "mariadb" else []
    return [
        "table jobs: index jobs_queue_index: missing",
        "table jobs: index jobs_by_hand: unexpected",
        *nullable,
        "table customers: column phone: type varchar(20) != varchar(40)",
        "table customers: column timezone: NOT NULL != NULL",
        "table customers: foreign key customers_organization_id_foreign: on delete cascade "
        f"!= {ACTION[dialect]}",
        "table agents: foreign key agents_user_id_foreign: missing"]


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    """out/ generated from the repository's schema, as `make generate` writes it."""
    folder = tmp_path_factory.mktemp("drift") / "out"
    result = CliRunner().invoke(main, ["generate", "--schema", str(SCHEMA), "--out", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


def built(dialect: str, out: Path, fresh_database, schema: Path = SCHEMA) -> str:
    """A new database holding out/<dialect>/schema.sql exactly."""
    url = fresh_database(dialect, PREFIX)
    statements = snapshot_statements(compile_file(schema), dialect, out, schema.name)
    apply_statements(url, dialect, statements)
    return url


def drift(url: str, out: Path, *extra: str, schema: Path = SCHEMA) -> Result:
    return CliRunner().invoke(main, ["drift", "--url", url, "--schema", str(schema), "--out",
                                     str(out), *extra])


def apply_file(url: str, dialect: str, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    apply_statements(url, dialect, [s.text for s in split(text, SPLIT[dialect])])


@pytest.mark.live
@pytest.mark.parametrize("dialect", ["postgres", "mysql", "mariadb"])
def test_the_snapshot_as_applied_has_no_drift(dialect, out, fresh_database) -> None:
    url = built(dialect, out, fresh_database)
    result = drift(url, out)

    assert result.exit_code == 0, result.output
    assert result.stdout == ""  # no repair to print
    database = url.rsplit("/", 1)[1]
    assert result.stderr.splitlines() == [
        f"{dialect} database {database} reads back as {SCHEMA} describes: no difference.",
        f"migrations: {out / dialect / 'migrations'} holds versions 1.",
        "history: the database has no Flyway (flyway_schema_history) or golang-migrate "
        "(schema_migrations) table."]


@pytest.mark.live
@pytest.mark.parametrize("dialect", LIVE)
def test_drift_made_by_hand_is_reported_and_its_repair_brings_the_catalog_back(
        dialect, out, fresh_database, tmp_path) -> None:
    url = built(dialect, out, fresh_database)
    apply_statements(url, dialect, HAND[dialect])
    repair = tmp_path / "repair.sql"

    result = drift(url, out, "-o", str(repair))

    assert result.exit_code == 4, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == (f"{dialect} database {url.rsplit('/', 1)[1]}: "
                        f"{len(hand_differences(dialect))} difference(s) from {SCHEMA} (the "
                        "schema's value on the left):")
    assert lines[1:len(hand_differences(dialect)) + 1] == [
        f"  {line}" for line in hand_differences(dialect)]
    assert f"written to {repair}; NOT applied." in result.stdout
    assert "  drop index jobs_by_hand on jobs: drops an object the schema file does not have" \
        in lines
    assert "  alter column customers.phone: longer values make the migration fail (or are " \
           "cut where strict mode is off)" in lines
    assert read_schema(url, dialect).table("jobs").index("jobs_by_hand") is not None  # as is

    apply_file(url, dialect, repair)

    compiled = compile_file(SCHEMA)
    assert differences(compiled.schemas[dialect], read_schema(url, dialect)) == []
    again = drift(url, out)
    assert again.exit_code == 0, again.output
    assert "reads back as" in again.stderr and again.stdout == ""


@pytest.mark.live
@pytest.mark.parametrize("dialect", LIVE)
def test_the_repair_file_holds_each_step_with_its_statements(dialect, out, fresh_database,
                                                             tmp_path) -> None:
    url = built(dialect, out, fresh_database)
    apply_statements(url, dialect, HAND[dialect][2:4])  # the two index edits
    repair = tmp_path / "repair.sql"

    result = drift(url, out, "-o", str(repair))

    assert result.exit_code == 4, result.output
    drop = 'DROP INDEX "jobs_by_hand"' if dialect == "postgres" \
        else "ALTER TABLE `jobs` DROP INDEX `jobs_by_hand`"
    create = 'CREATE INDEX "jobs_queue_index" ON "jobs" ("queue")' if dialect == "postgres" \
        else "ALTER TABLE `jobs` ADD INDEX `jobs_queue_index` (`queue`)"
    database = url.rsplit("/", 1)[1]
    assert repair.read_text(encoding="utf-8").splitlines() == [
        f"-- Repair written by `schemagen drift`: brings the {dialect} database {database} "
        f"back to {SCHEMA.name}.",
        "-- It was NOT applied. Review it (destructive steps are marked), then run it.",
        "",
        "-- drop index jobs_by_hand on jobs [DESTRUCTIVE: drops an object the schema file "
        "does not have]",
        f"{drop};",
        "",
        "-- create index jobs_queue_index on jobs",
        f"{create};"]


@pytest.mark.live
@pytest.mark.parametrize("dialect", LIVE)
def test_json_report_and_the_repair_on_stdout(dialect, out, fresh_database) -> None:
    url = built(dialect, out, fresh_database)
    apply_statements(url, dialect, HAND[dialect])

    result = drift(url, out, "--format", "json")

    assert result.exit_code == 4, result.output
    report = json.loads(result.stdout)
    assert report["drift"] is True and report["dialect"] == dialect
    assert report["differences"] == hand_differences(dialect)
    steps = report["repair"]["steps"]
    assert [s["operation"] for s in steps if s["destructive"]] == [
        "drop foreign key customers_organization_id_foreign on customers",
        "drop index jobs_by_hand on jobs", "alter column customers.phone"]
    assert report["migrations"] == {"released": [1], "unreleased_changes": False,
                                    "histories": []}

    text = drift(url, out)
    assert text.exit_code == 4
    assert text.stdout.startswith("-- Repair written by `schemagen drift`")
    assert sum(len(s["statements"]) for s in steps) == text.stdout.count(";\n")


# --- the migration runners' history ---------------------------------------------------

FIRST = textwrap.dedent("""\
    format: 1
    settings: {targets: [postgres, mariadb]}
    tables:
      accounts:
        columns:
          id: {type: bigint, auto_increment: true, primary: true}
    """)
SECOND = FIRST + ("  payments:\n    columns:\n"
                  "      id: {type: bigint, auto_increment: true, primary: true}\n"
                  "      account_id: {type: bigint, references: accounts.id}\n")
FLYWAY = ("CREATE TABLE flyway_schema_history (installed_rank integer NOT NULL PRIMARY KEY, "
          "version varchar(50) NULL, description varchar(200) NOT NULL, type varchar(20) NOT "
          "NULL, script varchar(1000) NOT NULL, success boolean NOT NULL)")
GOLANG = ("CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, "
          "dirty boolean NOT NULL)")


@pytest.fixture(scope="module")
def released(tmp_path_factory) -> tuple[Path, Path]:
    """A schema file and an out/ with two released versions."""
    folder = tmp_path_factory.mktemp("history")
    schema, out = folder / "schema.yaml", folder / "out"
    for text in (FIRST, SECOND):
        schema.write_text(text, encoding="utf-8")
        result = CliRunner().invoke(main, ["generate", "--schema", str(schema), "--out",
                                           str(out)])
        assert result.exit_code == 0, result.output
    return schema, out


def flyway_rows(*rows: tuple[int, str, bool]) -> list[str]:
    return [FLYWAY] + [f"INSERT INTO flyway_schema_history VALUES ({rank}, '{version}', 'x', "
                       f"'SQL', 'V{version}__x.sql', {str(ok).lower()})"
                       for rank, version, ok in rows]


@pytest.mark.live
@pytest.mark.parametrize("dialect", LIVE)
def test_flyway_history_with_every_version_run(dialect, released, fresh_database) -> None:
    schema, out = released
    url = built(dialect, out, fresh_database, schema)
    apply_statements(url, dialect, flyway_rows((1, "0001", True), (2, "0002", True)))

    result = drift(url, out, schema=schema)

    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[1:] == [
        f"migrations: {out / dialect / 'migrations'} holds versions 1, 2.",
        "history: Flyway (flyway_schema_history) reports version 2; every released version "
        "ran."]


@pytest.mark.live
@pytest.mark.parametrize("dialect", LIVE)
def test_a_failed_flyway_migration_is_drift(dialect, released, fresh_database) -> None:
    schema, out = released
    url = built(dialect, out, fresh_database, schema)
    apply_statements(url, dialect, flyway_rows((1, "1", True), (2, "2", False)))

    result = drift(url, out, schema=schema)

    assert result.exit_code == 4, result.output
    assert result.stderr.splitlines()[2:] == [
        "history: Flyway (flyway_schema_history) reports version 1; FAILED: version(s) 2 "
        "recorded as failed.",
        "PENDING: released version(s) 2 did not run here; run the migrations rather than "
        "the repair if the differences are theirs."]


@pytest.mark.live
@pytest.mark.parametrize("dialect", LIVE)
def test_golang_migrate_behind_the_released_versions(dialect, released, fresh_database
                                                     ) -> None:
    schema, out = released
    url = fresh_database(dialect, PREFIX)
    up = (out / dialect / "migrations" / "V0001__create_accounts.sql").read_text("utf-8")
    apply_statements(url, dialect, [s.text for s in split(up, SPLIT[dialect])])
    apply_statements(url, dialect, [GOLANG, "INSERT INTO schema_migrations VALUES (1, false)"])

    result = drift(url, out, "--format", "json", schema=schema)

    assert result.exit_code == 4, result.output
    report = json.loads(result.stdout)
    assert report["differences"] == ["table payments: missing"]
    assert report["migrations"]["histories"] == [{
        "runner": "golang-migrate", "table": "schema_migrations", "version": 1,
        "pending": [2], "failed": [], "unknown": [], "problem": None}]
    assert [s["operation"] for s in report["repair"]["steps"]] == [
        "create table payments", "add foreign key payments_account_id_foreign on payments"]


@pytest.mark.live
def test_a_server_of_a_dialect_the_schema_does_not_target_is_refused(fresh_database,
                                                                     tmp_path) -> None:
    schema = tmp_path / "schema.yaml"
    schema.write_text(FIRST.replace("[postgres, mariadb]", "[postgres]"),
                      encoding="utf-8")
    url = fresh_database("mariadb", PREFIX)
    result = drift(url, tmp_path / "out", schema=schema)
    assert result.exit_code == 2, result.output
    assert result.output == (f"{schema} does not target mariadb (targets: postgres); add it "
                             "to settings.targets or verify another dialect.\n")


@pytest.mark.live
@pytest.mark.parametrize("dialect", LIVE)
def test_a_schema_migrations_table_of_another_tool_is_named_not_trusted(
        dialect, released, fresh_database) -> None:
    schema, out = released
    url = built(dialect, out, fresh_database, schema)
    # Rails keeps a schema_migrations table too, with no `dirty` column.
    apply_statements(url, dialect, ["CREATE TABLE schema_migrations (version varchar(20) "
                                    "NOT NULL PRIMARY KEY)",
                                    "INSERT INTO schema_migrations VALUES ('20240101000000')"])

    result = drift(url, out, schema=schema)

    assert result.exit_code == 0, result.output
    history = result.stderr.splitlines()[2]
    assert history.startswith("history: golang-migrate (schema_migrations): schema_migrations "
                              "is not golang-migrate's table as expected (")
    assert "dirty" in history
