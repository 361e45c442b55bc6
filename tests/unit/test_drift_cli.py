"""`schemagen inspect` and `schemagen drift` without a server: refusals, exit codes, and the
logic behind them (align, the repair, the history tables, the enum fold).

Port 1 on 127.0.0.1 refuses connections at once, standing for a server that is down. The
catalog spellings below are what PostgreSQL 15 and MariaDB 10.11 print.
"""

from __future__ import annotations

import textwrap
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator import dialects
from generator.cli import main
from generator.commands.drift import _versions
from generator.compare import differences
from generator.drift import Drift, align, destructive, released_versions, repair, repair_text
from generator.importer.catalog import enum_columns
from generator.live.history import History, _flyway, _golang
from generator.model import Check, Default, Schema, SqlType, Table
from generator.pipeline import Compiled, compile_file

DOWN = {"postgres": "postgresql://postgres:secret@127.0.0.1:1/app",
        "mariadb": "mariadb://root:secret@127.0.0.1:1/app"}

SMALL = """\
    format: 1
    settings: {targets: [postgres, mariadb]}
    tables:
      accounts:
        columns:
          id: {type: bigint, auto_increment: true, primary: true}
          name: {type: string(100), default: none}
      payments:
        comment: Money in.
        columns:
          id: {type: bigint, auto_increment: true, primary: true}
          account_id: {type: bigint, references: accounts.id, on_delete: cascade}
          amount: {type: 'decimal(10,2)', default: 0.70}
          state: {type: enum, values: [new, paid], default: new}
          note: {type: string(200), nullable: true}
        indexes:
          - columns: [note]
        checks:
          - expression: amount >= 0
    """


@pytest.fixture
def small(tmp_path: Path) -> Compiled:
    path = tmp_path / "schema.yaml"
    path.write_text(textwrap.dedent(SMALL), encoding="utf-8")
    return compile_file(path)


def run(*arguments: str) -> Result:
    return CliRunner().invoke(main, list(arguments))


def command_line(command: str, url: str, schema: Path, output: Path) -> list[str]:
    """The command with its URL and output; drift also reads the schema file."""
    extra = ["--schema", str(schema)] if command == "drift" else []
    return [command, "--url", url, *extra, "-o", str(output)]


def table(schema: Schema, name: str) -> Table:
    found = schema.table(name)
    assert found is not None
    return found


def edit(schema: Schema, name: str, **changes) -> Schema:
    tables = tuple(replace(t, **changes) if t.name == name else t for t in schema.tables)
    return replace(schema, tables=tables)


# --- the commands' refusals --------------------------------------------------------------


def test_inspect_never_overwrites_without_force_and_asks_no_server(tmp_path) -> None:
    target = tmp_path / "schema.yaml"
    target.write_text("mine\n", encoding="utf-8")
    result = run("inspect", "--url", DOWN["postgres"], "-o", str(target))
    assert result.exit_code == 3, result.output
    assert result.output == (f"{target} exists; choose another file or pass --force to "
                             "overwrite it.\n")
    assert target.read_text(encoding="utf-8") == "mine\n"


@pytest.mark.parametrize("command", ["inspect", "drift"])
def test_a_url_naming_the_server_alone_is_bad_input(command, small, tmp_path) -> None:
    result = run(*command_line(command, "postgresql://postgres@127.0.0.1:1/", small.path,
                               tmp_path / "x"))
    assert result.exit_code == 1, result.output
    verb = "inspect" if command == "inspect" else "compare"
    assert result.output == ("The URL names no database (or a maintenance one); name the "
                             f"database to {verb}, for example "
                             "postgresql://postgres@127.0.0.1:1/app.\n")


@pytest.mark.parametrize("command", ["inspect", "drift"])
@pytest.mark.parametrize("dialect", ["postgres", "mariadb"])
def test_a_server_that_does_not_answer_exits_5_without_the_password(command, dialect, small,
                                                                    tmp_path) -> None:
    result = run(*command_line(command, DOWN[dialect], small.path, tmp_path / "out.txt"))
    assert result.exit_code == 5, result.output
    assert result.output.startswith(
        f"Cannot use the server at {DOWN[dialect].replace('secret', '***')}: ")
    assert "secret" not in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out.txt").exists()


def test_drift_with_a_scheme_that_names_no_dialect_is_a_usage_error(small) -> None:
    result = run("drift", "--url", "oracle://x@127.0.0.1:1/app", "--schema", str(small.path))
    assert result.exit_code == 2, result.output
    assert result.output == ("Cannot tell the dialect from 'oracle:'; start the URL with "
                             "postgresql://, mysql:// or mariadb://, or give --dialect.\n")


def test_drift_with_a_broken_schema_file_is_bad_input(tmp_path) -> None:
    broken = tmp_path / "schema.yaml"
    broken.write_text("format: 1\ntables:\n  t:\n    columns:\n      id: {type: nonsense}\n",
                      encoding="utf-8")
    result = run("drift", "--url", DOWN["postgres"], "--schema", str(broken))
    assert result.exit_code == 1, result.output
    assert "type-unknown" in result.output
    assert result.output.rstrip().endswith("1 error(s); nothing was written.")


# --- align and the repair --------------------------------------------------------------


def test_catalog_spellings_align_to_the_schema_and_need_no_repair(small) -> None:
    desired = small.schemas["postgres"]
    payments = table(desired, "payments")
    # As PostgreSQL 15 prints them: casts and parentheses around the check, a cast on
    # the default, the comment the same.
    spelled = replace(
        payments,
        checks=tuple(replace(c, expression="(amount >= (0)::numeric)")
                     if c.name == "payments_amount_check" else c for c in payments.checks),
        columns=tuple(replace(c, default=Default("expression", "'new'::character varying"))
                      if c.name == "state" else c for c in payments.columns))
    actual = replace(desired, tables=(table(desired, "accounts"), spelled))

    assert differences(desired, actual) == []
    assert actual != desired  # the diff engine alone would see changes here
    assert align(actual, desired) == desired
    assert repair(actual, desired) == []


def test_mariadb_restrict_is_no_action_and_needs_no_repair(small) -> None:
    desired = small.schemas["mariadb"]
    payments = table(desired, "payments")
    fks = tuple(replace(fk, on_update="restrict") for fk in payments.foreign_keys)
    actual = edit(desired, "payments", foreign_keys=fks)
    assert repair(actual, desired) == []


def test_only_what_really_differs_is_repaired(small) -> None:
    desired = small.schemas["postgres"]
    payments = table(desired, "payments")
    spelled_check = replace(payments.checks[-1], expression="(amount >= (0)::numeric)")
    actual = edit(desired, "payments",
                  indexes=(), checks=payments.checks[:-1] + (spelled_check,),
                  columns=tuple(replace(c, nullable=True) if c.name == "amount" else c
                                for c in payments.columns))

    steps = repair(actual, desired)

    assert [op.describe() for op, _ in steps] == [
        "alter column payments.amount", "create index payments_note_index on payments"]
    assert [statements for _, statements in steps] == [
        ['UPDATE "payments" SET "amount" = 0.7 WHERE "amount" IS NULL',
         'ALTER TABLE "payments" ALTER COLUMN "amount" SET NOT NULL'],
        ['CREATE INDEX "payments_note_index" ON "payments" ("note")']]


def test_the_repair_file_marks_every_destructive_step(small) -> None:
    desired = small.schemas["mariadb"]
    payments = table(desired, "payments")
    extra = replace(payments.indexes[0], name="payments_extra")
    narrow = tuple(replace(c, type=SqlType("varchar", (300,))) if c.name == "note" else c
                   for c in payments.columns)
    actual = edit(desired, "payments", indexes=payments.indexes + (extra,), columns=narrow)
    actual = replace(actual, tables=actual.tables + (Table("old", ()),))
    found = Drift("mariadb", "app", differences(desired, actual), repair(actual, desired))

    drops = "DESTRUCTIVE: drops an object the schema file does not have"
    cuts = ("DESTRUCTIVE: longer values make the migration fail (or are cut where strict "
            "mode is off)")
    assert repair_text(found, "schema.yaml").splitlines() == [
        "-- Repair written by `schemagen drift`: brings the mariadb database app back to "
        "schema.yaml.",
        "-- It was NOT applied. Review it (destructive steps are marked), then run it.",
        "",
        f"-- drop index payments_extra on payments [{drops}]",
        "ALTER TABLE `payments` DROP INDEX `payments_extra`;",
        "",
        "-- drop table old [DESTRUCTIVE: loses data]",
        "DROP TABLE `old`;",
        "",
        f"-- alter column payments.note [{cuts}]",
        "ALTER TABLE `payments` MODIFY COLUMN `note` varchar(200) NULL;"]
    assert [destructive(op, "mariadb") is not None for op, _ in found.steps] == [
        True, True, True]


def test_a_change_the_diff_cannot_write_is_reported_not_raised(small) -> None:
    from generator.drift import _plan_repair

    desired = small.schemas["postgres"]
    accounts = table(desired, "accounts")
    plain = tuple(replace(c, auto_increment=False) for c in accounts.columns)
    actual = edit(desired, "accounts", columns=plain)
    found = Drift("postgres", "app", differences(desired, actual))

    _plan_repair(found, actual, desired)

    assert found.steps == []
    assert found.unrepairable == (
        "Column accounts.id changes auto_increment, which this version cannot migrate on "
        "PostgreSQL 15+; add a new column instead and copy the data.")
    assert repair_text(found, "schema.yaml").endswith(
        f"-- No repair could be written: {found.unrepairable}\n")


# --- released versions and the runners' history ---------------------------------------


def test_released_versions_of_either_layout(tmp_path) -> None:
    for name in ("V0001__create.sql", "U0001__create.sql", "V0002__more.sql",
                 "0004_x.up.sql", "0004_x.down.sql", "notes.txt", "schemagen.sum"):
        (tmp_path / name).write_text("", encoding="utf-8")
    assert released_versions(tmp_path) == [1, 2, 4]
    assert released_versions(tmp_path / "missing") == []


def test_flyway_rows_in_order() -> None:
    history = History("Flyway", "flyway_schema_history")
    _flyway(history, [("1", "BASELINE", True), (None, "SQL", True), ("2", "SQL", True),
                      ("3", "SQL", False), ("3", "SQL", True), ("4", "SQL", True),
                      ("4", "UNDO_SQL", True), ("5", "SQL", False), ("9", "SQL", True)])
    assert history.applied == {2, 3, 9}
    assert history.through == 1
    assert history.failed == [5]
    assert history.version == 9
    assert history.pending([1, 2, 3, 4, 5]) == [4, 5]
    assert history.unknown([1, 2, 3, 4, 5]) == [9]


def test_golang_migrate_version_and_dirty() -> None:
    history = History("golang-migrate", "schema_migrations")
    _golang(history, [(2, True)])
    assert (history.version, history.failed) == (2, [2])
    assert history.pending([1, 2, 3]) == [3]
    assert history.unknown([1, 2, 3]) == []
    empty = History("golang-migrate", "schema_migrations")
    _golang(empty, [])
    assert empty.version is None and empty.pending([1]) == [1]


def test_a_version_that_is_not_a_number_is_not_compared() -> None:
    history = History("Flyway", "flyway_schema_history")
    _flyway(history, [("1.1", "SQL", True)])
    assert history.problem == ("flyway_schema_history holds version '1.1', which is not a "
                               "whole number as schemagen writes them; it was not compared")
    assert history.pending([1, 2]) == []


def test_pending_and_failed_versions_are_drift() -> None:
    history = History("Flyway", "flyway_schema_history", applied={1})
    found = Drift("postgres", "app", [], released=[1, 2], histories=[history])
    assert (found.pending, found.found) == ([2], True)
    assert Drift("postgres", "app", [], released=[1], histories=[history]).found is False


def test_version_runs_are_shortened() -> None:
    assert _versions([5, 1, 2, 3, 7, 8]) == "1-3, 5, 7, 8"
    assert _versions([1]) == "1"


# --- inspect: enums back from their PostgreSQL stand-ins --------------------------------


def test_an_enum_stand_in_becomes_an_enum_again(small) -> None:
    payments = table(small.schemas["postgres"], "payments")
    folded = enum_columns(payments, dialects.POSTGRES)
    state = folded.column("state")
    assert state is not None and state.type == SqlType("enum", values=("new", "paid"))
    assert [check.name for check in folded.checks] == ["payments_amount_check"]


def test_a_hand_written_check_of_another_name_stays_a_check(small) -> None:
    payments = table(small.schemas["postgres"], "payments")
    renamed = tuple(replace(c, name="state_values") if c.enum_column else c
                    for c in payments.checks)
    kept = enum_columns(replace(payments, checks=renamed), dialects.POSTGRES)
    assert kept.column("state").type == SqlType("varchar", (255,))
    assert [c.name for c in kept.checks] == ["state_values", "payments_amount_check"]
    other = replace(payments, checks=(Check("payments_state_check", '"state" IN (\'a\')',
                                            enum_column="state"),))
    shorter = replace(other, columns=tuple(replace(c, type=SqlType("varchar", (20,)))
                                           if c.name == "state" else c
                                           for c in other.columns))
    assert enum_columns(shorter, dialects.POSTGRES) == shorter
