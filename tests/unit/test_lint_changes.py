"""Change rules on operations built by hand: each rule trips, and a safe variant does not."""

from __future__ import annotations

from pathlib import Path

from generator import dialects, operations as ops
from generator.checks.changes import Change, run
from generator.diff import diff
from generator.findings import Location
from generator.model import (Check, Column, Default, ForeignKey, Index, IndexColumn, PrimaryKey,
                             Schema, SqlType, Table)
from generator.pipeline import compile_file

ROOT = Path(__file__).resolve().parents[2]
VARCHAR = SqlType("varchar", (255,))


def col(name: str, sql_type: SqlType = VARCHAR, table: str = "t", **options) -> Column:
    return Column(name, sql_type, origin=f"tables.{table}.columns.{name}", **options)


def table(name: str, *columns: Column, **options) -> Table:
    return Table(name, columns, origin=f"tables.{name}", **options)


def change(dialect: str, operations: list[ops.Operation], current: tuple[Table, ...] = (),
           desired: tuple[Table, ...] | None = None) -> Change:
    current_schema = Schema(dialect, current)
    desired_schema = Schema(dialect, current if desired is None else desired)
    return Change(dialects.get(dialect), current_schema, desired_schema, tuple(operations),
                  lambda path: Location("out/state.yaml", 7, 5))


def found(subject: Change, code: str | None = None) -> list[tuple]:
    return [(hit.finding.code, hit.finding.dialect, hit.finding.path, hit.finding.message)
            for hit in run(subject) if code in (None, hit.finding.code)]


LIVE = (table("t", col("id", SqlType("integer")), col("a")),)


def test_drop_table_points_into_the_state_file() -> None:
    old = table("old", col("id", SqlType("integer"), "old"))
    hits = run(change("postgres", [ops.DropTable("old", old)], (old,), ()))
    assert [(h.finding.code, h.finding.path, str(h.finding.location)) for h in hits] == [
        ("drop-table", "tables.old", "out/state.yaml:7:5")]
    assert hits[0].finding.message == (
        "This change drops table old and every row in it; if the table was renamed, give the "
        "new one `renamed_from: old`, and if the data is no longer needed, keep a backup "
        "before releasing.")


def test_drop_column() -> None:
    assert found(change("mysql", [ops.DropColumn("t", col("a"))], LIVE)) == [
        ("drop-column", "mysql", "tables.t.columns.a",
         "This change drops column t.a and its data; if it was renamed, give the new column "
         "`renamed_from: a`, and release the code that stops using it before this "
         "migration.")]


def alter(current: SqlType, desired: SqlType, dialect: str = "postgres", **desired_options
          ) -> Change:
    before = col("a", current)
    after = col("a", desired, **desired_options)
    return change(dialect, [ops.AlterColumn("t", before, after)], LIVE)


def test_narrowing_of_strings_integers_and_decimals() -> None:
    cases = [
        (VARCHAR, SqlType("varchar", (100,)), "varchar(255) to varchar(100): longer values "
         "make the migration fail (or are cut where strict mode is off)"),
        (SqlType("text"), VARCHAR, "text to varchar(255): longer values make the migration "
         "fail (or are cut where strict mode is off)"),
        (SqlType("bigint"), SqlType("integer"), "bigint to integer: values outside "
         "-2147483648..2147483647 make the migration fail"),
        (SqlType("numeric", (10, 2)), SqlType("numeric", (10, 1)), "numeric(10,2) to "
         "numeric(10,1): values are rounded to 1 decimal place(s)"),
        (SqlType("text"), SqlType("bigint"), "text to bigint: values that do not convert to "
         "bigint make the migration fail"),
    ]
    for current, desired, reason in cases:
        assert found(alter(current, desired), "narrowing") == [
            ("narrowing", "postgres", "tables.t.columns.a.type",
             f"t.a changes from {reason}. Check the longest values first (or keep the wider "
             "type).")]


def test_widening_is_not_narrowing() -> None:
    for current, desired in [(SqlType("varchar", (100,)), VARCHAR), (VARCHAR, SqlType("text")),
                             (SqlType("integer"), SqlType("bigint")),
                             (SqlType("integer"), SqlType("numeric", (12, 2))),
                             (SqlType("json"), SqlType("jsonb")),
                             (SqlType("integer"), VARCHAR)]:
        assert found(alter(current, desired), "narrowing") == [], (current, desired)


def test_signedness_narrows_on_mysql() -> None:
    assert found(alter(SqlType("int", (), True), SqlType("int"), "mysql"), "narrowing") == [
        ("narrowing", "mysql", "tables.t.columns.a.type",
         "t.a changes from int unsigned to int: values outside -2147483648..2147483647 make "
         "the migration fail. Check the longest values first (or keep the wider type).")]


def test_enum_value_removed_on_mysql_and_postgres() -> None:
    status = SqlType("enum", values=("active", "draft"))
    assert found(alter(status, SqlType("enum", values=("active",)), "mysql"),
                 "enum-value-removed") == [
        ("enum-value-removed", "mysql", "tables.t.columns.a.values",
         "t.a no longer allows 'draft': the migration fails (or in non-strict MySQL turns them "
         "into '') while rows hold them; update those rows to an allowed value first.")]
    assert found(alter(status, SqlType("enum", values=("active", "draft", "x")), "mysql"),
                 "enum-value-removed") == []

    def checked(values: str) -> Table:
        return table("t", col("id", SqlType("integer")), col("a"),
                     checks=(Check("t_a_check", f'"a" IN ({values})', enum_column="a"),))

    before, after = checked("'active', 'it''s'"), checked("'active'")
    ops_ = [ops.DropCheck("t", before.checks[0]), ops.AddCheck("t", after.checks[0])]
    assert found(change("postgres", ops_, (before,), (after,)), "enum-value-removed") == [
        ("enum-value-removed", "postgres", "tables.t.columns.a.values",
         "t.a no longer allows 'it's': the migration fails (or in non-strict MySQL turns them "
         "into '') while rows hold them; update those rows to an allowed value first.")]


def test_set_not_null_with_the_postgres_lock_advice() -> None:
    nullable = col("a", nullable=True)
    step = [ops.AlterColumn("t", nullable, col("a"))]
    assert found(change("postgres", step, LIVE)) == [
        ("set-not-null", "postgres", "tables.t.columns.a.nullable",
         "t.a becomes NOT NULL: the migration fails while any row holds NULL; fill those rows "
         "first (an UPDATE before this migration, or a default). On PostgreSQL 15+ SET NOT "
         "NULL also scans the table under an ACCESS EXCLUSIVE lock; add CHECK (a IS NOT NULL) "
         "NOT VALID, VALIDATE it, then SET NOT NULL, which uses the check.")]
    assert [f[3] for f in found(change("mariadb", step, LIVE))] == [
        "t.a becomes NOT NULL: the migration fails while any row holds NULL; fill those rows "
        "first (an UPDATE before this migration, or a default)."]
    assert found(change("postgres", [ops.AlterColumn("t", col("a"), nullable)], LIVE)) == []


def test_index_on_a_live_table_wants_concurrently() -> None:
    index = Index("t_a_index", (IndexColumn("a"),), origin="tables.t.indexes[0]")
    assert found(change("postgres", [ops.CreateIndex("t", index)], LIVE)) == [
        ("pg-index-not-concurrent", "postgres", "tables.t.indexes[0]",
         "Building index t_a_index blocks every write to t until it is done; build it with "
         "CREATE INDEX CONCURRENTLY in a migration of its own, outside a transaction.")]
    new_table = (ops.CreateTable("t", LIVE[0]), ops.CreateIndex("t", index))
    assert found(change("postgres", list(new_table), (), LIVE)) == []
    assert found(change("mysql", [ops.CreateIndex("t", index)], LIVE)) == []


def test_unique_constraint_on_a_live_table_names_using_index() -> None:
    key = Index("t_a_unique", (IndexColumn("a"),), unique=True, constraint=True,
                origin="tables.t.unique[0]")
    assert found(change("postgres", [ops.CreateIndex("t", key)], LIVE))[0][3] == (
        "Building index t_a_unique blocks every write to t until it is done; build it with "
        "CREATE UNIQUE INDEX CONCURRENTLY in a migration of its own, outside a transaction, "
        "then ALTER TABLE t ADD CONSTRAINT t_a_unique UNIQUE USING INDEX t_a_unique.")


def test_not_null_column_without_default_on_a_live_table() -> None:
    added = col("b", SqlType("integer"))
    assert found(change("postgres", [ops.AddColumn("t", added)], LIVE)) == [
        ("pg-not-null-no-default", "postgres", "tables.t.columns.b",
         "Adding t.b NOT NULL without a default fails as soon as t holds a row; give it a "
         "default (a constant one adds the column without rewriting the table), or add it "
         "nullable, fill it, and make it NOT NULL in a later change.")]
    with_default = col("b", SqlType("integer"), default=Default("literal", "0"))
    assert found(change("postgres", [ops.AddColumn("t", with_default)], LIVE)) == []
    assert found(change("postgres", [ops.AddColumn("t", col("b", nullable=True))], LIVE)) == []


def test_type_change_that_rewrites_on_postgres() -> None:
    assert found(alter(SqlType("integer"), SqlType("bigint")), "pg-type-rewrite") == [
        ("pg-type-rewrite", "postgres", "tables.t.columns.a.type",
         "Changing t.a from integer to bigint rewrites t and rebuilds its indexes under an "
         "ACCESS EXCLUSIVE lock: reads and writes wait until it is done. For a big table add "
         "a new column, fill it in batches, then switch to it.")]
    for current, desired in [(SqlType("varchar", (100,)), VARCHAR), (VARCHAR, SqlType("text")),
                             (SqlType("numeric", (8, 2)), SqlType("numeric", (10, 2))),
                             (SqlType("timestamp", (0,)), SqlType("timestamp", (6,)))]:
        assert found(alter(current, desired), "pg-type-rewrite") == [], (current, desired)


def test_foreign_key_on_a_live_table_wants_not_valid() -> None:
    fk = ForeignKey("t_a_foreign", ("a",), "u", ("id",), origin="tables.t.columns.a.references")
    assert found(change("postgres", [ops.AddForeignKey("t", fk)], LIVE)) == [
        ("pg-fk-not-valid", "postgres", "tables.t.columns.a.references",
         "Adding foreign key t_a_foreign checks every row of t while writes to t and u wait; "
         "add it NOT VALID, then run ALTER TABLE t VALIDATE CONSTRAINT t_a_foreign in a later "
         "migration (it checks without blocking writes).")]
    assert found(change("postgres", [ops.AddForeignKey("n", fk)], LIVE), "pg-fk-not-valid") == []


def test_mysql_copies_for_a_type_change_but_not_for_a_longer_varchar() -> None:
    assert found(alter(SqlType("varchar", (50,)), SqlType("varchar", (100,)), "mysql"),
                 "mysql-not-instant") == [
        ("mysql-not-instant", "mysql", "tables.t.columns.a",
         "Changing t.a from varchar(50) to varchar(100) copies the whole table "
         "(ALGORITHM=COPY) and blocks writes meanwhile on MySQL 8.0+; run it at a quiet time "
         "or with an online schema change tool (gh-ost, pt-online-schema-change).")]
    for current, desired in [(SqlType("varchar", (10,)), SqlType("varchar", (60,))),
                             (SqlType("enum", values=("a",)), SqlType("enum", values=("a", "b")))]:
        assert found(alter(current, desired, "mysql"), "mysql-not-instant") == []


def test_mysql_rebuilds_for_a_moved_column_and_primary_key_changes() -> None:
    moved = (table("t", col("a"), col("id", SqlType("integer"))),)
    assert found(change("mysql", [], LIVE, moved)) == [
        ("mysql-not-instant", "mysql", "tables.t.columns.a",
         "Moving column t.a rebuilds t on MySQL 8.0+; add new columns at the end instead of "
         "reordering existing ones.")]
    assert found(change("mariadb", [], LIVE, moved)) == []
    key = PrimaryKey("PRIMARY", ("id",), origin="tables.t.primary_key")
    assert [f[3] for f in found(change("mysql", [ops.DropPrimaryKey("t", key)], LIVE))] == [
        "Dropping the primary key of t copies the table (ALGORITHM=COPY) and blocks writes "
        "meanwhile on MySQL 8.0+; run it at a quiet time or with an online schema change tool "
        "(gh-ost, pt-online-schema-change)."]
    swap = [ops.DropPrimaryKey("t", key), ops.AddPrimaryKey("t", key)]
    assert [f[3] for f in found(change("mysql", swap, LIVE))] == [
        "Changing the primary key of t rebuilds the table on MySQL 8.0+; run it at a quiet "
        "time or with an online schema change tool (gh-ost, pt-online-schema-change)."]


def test_rename_without_hint() -> None:
    step = [ops.DropColumn("t", col("a")), ops.AddColumn("t", col("b", nullable=True))]
    assert found(change("postgres", step, LIVE), "rename-without-hint") == [
        ("rename-without-hint", "postgres", "tables.t.columns.b",
         "This change drops column t.a and adds t.b of the same type: a rename done this way "
         "loses the data. If it is a rename, add `renamed_from: a` to t.b; if not, silence "
         "this with a reason.")]
    other = [ops.DropColumn("t", col("a")), ops.AddColumn("t", col("b", SqlType("integer"),
                                                                    nullable=True))]
    assert found(change("postgres", other, LIVE), "rename-without-hint") == []
    old, new = LIVE[0], table("t2", *LIVE[0].columns)
    tables = [ops.DropTable("t", old), ops.CreateTable("t2", new)]
    assert [f[3] for f in found(change("postgres", tables, LIVE, (new,)),
                                "rename-without-hint")] == [
        "This change drops table t and adds t2 of the same type: a rename done this way loses "
        "the data. If it is a rename, add `renamed_from: t` to t2; if not, silence this with a "
        "reason."]


def test_version_2_of_the_chatbot_narrows_three_columns() -> None:
    v1 = compile_file(ROOT / "examples" / "chatbot-v1.yaml")
    v2 = compile_file(ROOT / "schema.yaml")
    for name in v2.targets:
        operations = diff(v1.schemas[name], v2.schemas[name])
        subject = Change(dialects.get(name), v1.schemas[name], v2.schemas[name],
                         tuple(operations))
        assert [(f[2], f[3].split(":")[0]) for f in found(subject, "narrowing")] == [
            ("tables.jobs.columns.queue.type",
             "jobs.queue changes from varchar(255) to varchar(100)"),
            ("tables.failed_jobs.columns.connection.type",
             "failed_jobs.connection changes from text to varchar(255)"),
            ("tables.failed_jobs.columns.queue.type",
             "failed_jobs.queue changes from text to varchar(255)"),
        ], name


def test_check_on_a_live_table_wants_not_valid() -> None:
    check = Check("t_a_check", "a <> ''", origin="tables.t.checks[0]")
    assert found(change("postgres", [ops.AddCheck("t", check)], LIVE)) == [
        ("pg-check-not-valid", "postgres", "tables.t.checks[0]",
         "Adding check t_a_check reads every row of t under an ACCESS EXCLUSIVE lock: reads "
         "and writes wait; add it NOT VALID, then run ALTER TABLE t VALIDATE CONSTRAINT "
         "t_a_check in a later migration (it checks without blocking writes).")]
    assert found(change("postgres", [ops.AddCheck("n", check)], LIVE)) == []
    assert found(change("mysql", [ops.AddCheck("t", check)], LIVE)) == []


def test_volatile_default_on_a_live_table() -> None:
    token = col("token", SqlType("uuid"), default=Default("expression", "gen_random_uuid()"))
    assert found(change("postgres", [ops.AddColumn("t", token)], LIVE)) == [
        ("pg-volatile-default", "postgres", "tables.t.columns.token",
         "Adding t.token with the default gen_random_uuid() writes a value into every row of "
         "t, rewriting it under an ACCESS EXCLUSIVE lock; add the column without a default (or "
         "with a constant), fill it in batches, then set the default.")]
    stamp = col("seen", SqlType("timestamp", (0,)),
                default=Default("expression", "CURRENT_TIMESTAMP"))
    assert found(change("postgres", [ops.AddColumn("t", stamp)], LIVE)) == []


def test_primary_key_on_a_live_postgres_table() -> None:
    key = PrimaryKey("t_pkey", ("id",), origin="tables.t.primary_key")
    assert found(change("postgres", [ops.AddPrimaryKey("t", key)], LIVE)) == [
        ("pg-index-not-concurrent", "postgres", "tables.t.primary_key",
         "Adding primary key t_pkey builds its index while every write to t waits; build it "
         "first with CREATE UNIQUE INDEX CONCURRENTLY t_pkey in a migration of its own, then "
         "ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_pkey.")]
