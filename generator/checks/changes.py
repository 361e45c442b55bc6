"""Change rules: findings on the operations of one migration, per dialect.

They catch what a schema alone cannot show: data a change destroys or cannot convert, and
locks a change takes on a table that already holds rows. Each rule has a stable code, a
severity and a page in docs/rules/, like the schema rules; they live in their own registry
because they look at a `Change`, not at a schema. What each server can do without blocking
writes is data (`ONLINE`), never a test of the dialect's name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .. import operations as ops
from ..dialects import Dialect
from ..findings import Finding, Location
from ..model import Column, Schema, SqlType, Table
from .lint import Hit

if TYPE_CHECKING:
    from ..generate import DialectPlan
    from ..pipeline import Compiled
    from .lint import LintSubject

WARNING = "warning"


@dataclass(frozen=True)
class OnlineDdl:
    """How a server changes a table that holds rows, as far as the change rules need it."""

    concurrent_index: bool  # CREATE INDEX CONCURRENTLY builds an index without blocking writes
    not_valid_constraints: bool  # ADD CONSTRAINT ... NOT VALID, then VALIDATE CONSTRAINT
    online_alter: bool  # ALTER TABLE runs INSTANT or INPLACE where it can, else copies
    instant_reorder: bool  # moving a column needs no rebuild (MariaDB 10.4+)
    varchar_length_byte: int  # bytes above which a VARCHAR needs 2 length bytes; 0: n/a


# https://www.postgresql.org/docs/current/sql-altertable.html (Notes);
# https://dev.mysql.com/doc/refman/8.0/en/innodb-online-ddl-operations.html;
# https://mariadb.com/kb/en/innodb-online-ddl-operations-with-the-instant-alter-algorithm/
ONLINE: dict[str, OnlineDdl] = {
    "postgres": OnlineDdl(True, True, False, False, 0),
    "mysql": OnlineDdl(False, False, True, False, 255),
    "mariadb": OnlineDdl(False, False, True, True, 255),
}


@dataclass(frozen=True)
class Change:
    """One dialect's migration: the schemas on both sides and the operations between them.

    `locate_current` places an object that exists only in the current state (a dropped
    column) in the file that state came from; other findings point into the schema file.
    `live` narrows which tables hold rows, when `current` is a state within a migration.
    """

    dialect: Dialect
    current: Schema
    desired: Schema
    operations: tuple[ops.Operation, ...]
    locate_current: Callable[[str], Location | None] = field(default=lambda path: None,
                                                            compare=False)
    live: frozenset[str] | None = None  # tables holding rows, when not all of `current`'s
    concurrent_builds: bool = False  # settings.postgres.concurrent_indexes is on

    def existing(self, table: str) -> bool:
        """Whether `table` may hold rows before this change: it is in the current state."""
        renamed = {op.new_name: op.table for op in self.operations
                   if isinstance(op, ops.RenameTable)}
        name = renamed.get(table, table)
        if self.live is not None:
            return name in self.live
        return self.current.table(name) is not None

    def current_table(self, table: str) -> Table | None:
        renamed = {op.new_name: op.table for op in self.operations
                   if isinstance(op, ops.RenameTable)}
        return self.current.table(renamed.get(table, table))

    @property
    def online(self) -> OnlineDdl | None:
        return ONLINE.get(self.dialect.name)


ChangeRun = Callable[[Change], Iterable[Hit]]


@dataclass(frozen=True)
class ChangeRule:
    code: str
    severity: str
    summary: str
    run: ChangeRun


CHANGE_RULES: dict[str, ChangeRule] = {}


def change_rule(code: str, summary: str, severity: str = WARNING
                ) -> Callable[[ChangeRun], ChangeRun]:
    """Register a change rule under its stable code."""

    def register(function: ChangeRun) -> ChangeRun:
        CHANGE_RULES[code] = ChangeRule(code, severity, summary, function)
        return function

    return register


def run(change: Change) -> list[Hit]:
    """Every change rule's hits on one dialect's change."""
    return [found for info in CHANGE_RULES.values() for found in info.run(change)]


def _hit(change: Change, code: str, origin: str, message: str, table: str,
         current_side: bool = False, suffix: str = "") -> Hit:
    where = change.locate_current(origin) if current_side and origin else None
    finding = Finding(code, message, origin + suffix if origin else "", WARNING,
                      change.dialect.name, where)
    return Hit(finding, table, (origin,) if origin and not current_side else ())


def _of(change: Change, kind: type) -> Iterator:
    return (op for op in change.operations if isinstance(op, kind))


# --- what destroys data ----------------------------------------------------------------


@change_rule("drop-table", "A change that drops a table and its rows.")
def drop_table(change: Change) -> Iterator[Hit]:
    for op in _of(change, ops.DropTable):
        yield _hit(change, "drop-table", op.definition.origin if op.definition else "",
                   f"This change drops table {op.table} and every row in it; if the table "
                   "was renamed, give the new one `renamed_from: " f"{op.table}`, and if the "
                   "data is no longer needed, keep a backup before releasing.", op.table,
                   current_side=True)


@change_rule("drop-column", "A change that drops a column and its data.")
def drop_column(change: Change) -> Iterator[Hit]:
    for op in _of(change, ops.DropColumn):
        yield _hit(change, "drop-column", op.column.origin,
                   f"This change drops column {op.table}.{op.column.name} and its data; if it "
                   f"was renamed, give the new column `renamed_from: {op.column.name}`, and "
                   "release the code that stops using it before this migration.", op.table,
                   current_side=True)


@change_rule("narrowing", "A type change that can fail on, cut or round existing values.")
def narrowing(change: Change) -> Iterator[Hit]:
    for op in _of(change, ops.AlterColumn):
        reason = narrowed(op.current.type, op.desired.type, change.dialect)
        if reason:
            yield _hit(change, "narrowing", op.desired.origin,
                       f"{op.table}.{op.desired.name} changes from {op.current.type} to "
                       f"{op.desired.type}: {reason}. Check the longest values first (or keep "
                       "the wider type).", op.table, suffix=".type")


@change_rule("enum-value-removed", "A value removed from an enum that rows may still hold.")
def enum_value_removed(change: Change) -> Iterator[Hit]:
    for op in _of(change, ops.AlterColumn):
        removed = [value for value in op.current.type.values
                   if value not in op.desired.type.values] if op.desired.type.values else []
        if removed:
            yield _enum_hit(change, op.table, op.desired, removed)
    for table, column, removed in _check_enums_removed(change):
        yield _enum_hit(change, table, column, removed)


def _enum_hit(change: Change, table: str, column: Column, removed: list[str]) -> Hit:
    listed = ", ".join(f"'{value}'" for value in removed)
    return _hit(change, "enum-value-removed", column.origin,
                f"{table}.{column.name} no longer allows {listed}: the migration fails (or "
                "in non-strict MySQL turns them into '') while rows hold them; update those "
                "rows to an allowed value first.", table, suffix=".values")


_QUOTED = re.compile(r"'((?:[^']|'')*)'")


def _check_enums_removed(change: Change) -> Iterator[tuple[str, Column, list[str]]]:
    """Enum values lost where an enum is a CHECK (PostgreSQL): compare both CHECKs."""
    for desired in change.desired.tables:
        current = change.current_table(desired.name)
        if current is None:
            continue
        before = {check.enum_column: check for check in current.checks if check.enum_column}
        for check in desired.checks:
            old = before.get(check.enum_column) if check.enum_column else None
            column = desired.column(check.enum_column or "")
            if old is None or column is None:
                continue
            values = [v.replace("''", "'") for v in _QUOTED.findall(check.expression)]
            removed = [v.replace("''", "'") for v in _QUOTED.findall(old.expression)
                       if v.replace("''", "'") not in values]
            if removed:
                yield desired.name, column, removed


@change_rule("set-not-null", "A column made NOT NULL, which fails while rows hold NULL.")
def set_not_null(change: Change) -> Iterator[Hit]:
    online = change.online
    for op in _of(change, ops.AlterColumn):
        if not (op.current.nullable and not op.desired.nullable):
            continue
        extra = ""
        if online and online.not_valid_constraints:
            extra = (f" On {change.dialect.title} SET NOT NULL also scans the table under an "
                     "ACCESS EXCLUSIVE lock; add CHECK (" f"{op.desired.name} IS NOT NULL) "
                     "NOT VALID, VALIDATE it, then SET NOT NULL, which uses the check.")
        yield _hit(change, "set-not-null", op.desired.origin,
                   f"{op.table}.{op.desired.name} becomes NOT NULL: the migration fails while "
                   "any row holds NULL; fill those rows first (an UPDATE before this "
                   f"migration, or a default).{extra}", op.table, suffix=".nullable")


# --- type capacities -------------------------------------------------------------------

_STRINGS = ("varchar", "char")
_TEXT_BYTES = {"tinytext": 255, "text": 65_535, "mediumtext": 16_777_215,
               "longtext": 4_294_967_295}
_INT_BYTES = {"tinyint": 1, "smallint": 2, "mediumint": 3, "int": 4, "integer": 4, "bigint": 8}
_FLOAT_BYTES = {"real": 4, "float": 4, "double": 8, "double precision": 8}
_TIMES = ("time", "timestamp", "timestamptz", "datetime")


def family(sql_type: SqlType) -> str:
    """The family a native type belongs to, for comparing two types of one column."""
    name = sql_type.name
    if name in _STRINGS or name in _TEXT_BYTES:
        return "string"
    if name in _INT_BYTES:
        return "bool" if sql_type.args == (1,) and name == "tinyint" else "integer"
    if name in ("decimal", "numeric"):
        return "decimal"
    if name in _FLOAT_BYTES:
        return "float"
    if name in _TIMES:
        return "time"
    if name in ("json", "jsonb"):
        return "json"
    return name


def _chars(sql_type: SqlType, dialect: Dialect) -> float:
    """How many characters a string type holds; PostgreSQL's text has no limit."""
    if sql_type.name in _STRINGS:
        return sql_type.args[0] if sql_type.args else 1
    if sql_type.name == "text" and not dialect.prefix_indexes:
        return float("inf")  # PostgreSQL text; MySQL's text is 65,535 bytes
    return _TEXT_BYTES[sql_type.name] / dialect.charset_bytes


def _int_range(sql_type: SqlType) -> tuple[int, int]:
    bits = 8 * _INT_BYTES[sql_type.name]
    if sql_type.unsigned:
        return 0, 2 ** bits - 1
    return -(2 ** (bits - 1)), 2 ** (bits - 1) - 1


def _decimal(sql_type: SqlType) -> tuple[int, int]:
    precision = sql_type.args[0] if sql_type.args else 10
    scale = sql_type.args[1] if len(sql_type.args) > 1 else 0
    return precision, scale


def _fraction(sql_type: SqlType) -> int:
    return sql_type.args[0] if sql_type.args else 0


def narrowed(current: SqlType, desired: SqlType, dialect: Dialect) -> str | None:
    """Why `current` to `desired` can lose or refuse values, or None when it cannot."""
    if current == desired or desired.values or current.values:
        return None  # enums are enum-value-removed's business
    kind, new_kind = family(current), family(desired)
    if kind != new_kind:
        return _converted(current, desired, dialect)
    if kind == "string" and _chars(desired, dialect) < _chars(current, dialect):
        return "longer values make the migration fail (or are cut where strict mode is off)"
    if kind == "integer":
        low, high = _int_range(current)
        new_low, new_high = _int_range(desired)
        if new_low > low or new_high < high:
            return (f"values outside {new_low}..{new_high} make the migration fail")
    if kind == "decimal":
        (p, s), (new_p, new_s) = _decimal(current), _decimal(desired)
        if new_s < s:
            return f"values are rounded to {new_s} decimal place(s)"
        if new_p - new_s < p - s:
            return f"numbers with more than {new_p - new_s} integer digits make it fail"
    if kind == "float" and _FLOAT_BYTES[desired.name] < _FLOAT_BYTES[current.name]:
        return "values lose precision (double to single)"
    if kind == "time" and _fraction(desired) < _fraction(current):
        return "fractions of a second are rounded away"
    if kind == "time" and desired.name == "timestamp" and current.name == "datetime":
        return "times outside 1970..2038 make the migration fail"
    return None


_INTEGER_DIGITS = {1: 3, 2: 5, 3: 8, 4: 10, 8: 19}


def _converted(current: SqlType, desired: SqlType, dialect: Dialect) -> str | None:
    """A change of family: safe for a few widening pairs, else values may not convert."""
    kind, new_kind = family(current), family(desired)
    if new_kind == "string" and (_chars(desired, dialect) >= 255 or desired.name in _TEXT_BYTES):
        return None  # any number, time, uuid or JSON fits in text
    if kind == "integer" and new_kind == "decimal":
        precision, scale = _decimal(desired)
        if precision - scale >= _INTEGER_DIGITS[_INT_BYTES[current.name]]:
            return None
    if {kind, new_kind} == {"json"} or (kind, new_kind) in (("date", "time"), ("bool", "integer")):
        return None
    return f"values that do not convert to {desired} make the migration fail"


# --- locks on tables that hold rows ----------------------------------------------------


@change_rule("pg-index-not-concurrent", "CREATE INDEX on a live table without CONCURRENTLY.")
def pg_index_not_concurrent(change: Change) -> Iterator[Hit]:
    online = change.online
    if not online or not online.concurrent_index:
        return
    for op in _of(change, ops.CreateIndex):
        if op.index.implicit or not change.existing(op.table):
            continue
        if change.concurrent_builds and not op.index.constraint:
            continue  # generate builds it CONCURRENTLY in a migration of its own
        unique = " UNIQUE" if op.index.unique else ""
        attach = (f", then ALTER TABLE {op.table} ADD CONSTRAINT {op.index.name} UNIQUE USING "
                  f"INDEX {op.index.name}") if op.index.constraint else ""
        yield _hit(change, "pg-index-not-concurrent", op.index.origin,
                   f"Building index {op.index.name} blocks every write to {op.table} until it "
                   f"is done; build it with CREATE{unique} INDEX CONCURRENTLY in a migration of "
                   f"its own, outside a transaction{attach}.", op.table)
    yield from _pg_primary_keys(change)


def _pg_primary_keys(change: Change) -> Iterator[Hit]:
    """A primary key added to a live table builds its unique index while writes wait."""
    for op in _of(change, ops.AddPrimaryKey):
        if change.existing(op.table):
            key = op.key.name
            yield _hit(change, "pg-index-not-concurrent", op.key.origin,
                       f"Adding primary key {key} builds its index while every write to "
                       f"{op.table} waits; build it first with CREATE UNIQUE INDEX "
                       f"CONCURRENTLY {key} in a migration of its own, then ALTER TABLE "
                       f"{op.table} ADD CONSTRAINT {key} PRIMARY KEY USING INDEX {key}.",
                       op.table)


@change_rule("pg-check-not-valid", "A CHECK added to a live table in one step (PostgreSQL).")
def pg_check_not_valid(change: Change) -> Iterator[Hit]:
    online = change.online
    if not online or not online.not_valid_constraints:
        return
    for op in _of(change, ops.AddCheck):
        if change.existing(op.table):
            yield _hit(change, "pg-check-not-valid", op.check.origin,
                       f"Adding check {op.check.name} reads every row of {op.table} under an "
                       "ACCESS EXCLUSIVE lock: reads and writes wait; add it NOT VALID, then "
                       f"run ALTER TABLE {op.table} VALIDATE CONSTRAINT {op.check.name} in a "
                       "later migration (it checks without blocking writes).", op.table)


# Functions whose value differs per row: a column added with one as its default is written
# into every existing row, a rewrite. https://www.postgresql.org/docs/current/ddl-alter.html
_VOLATILE = re.compile(r"\b(gen_random_uuid|uuid_generate_v[14]|random|clock_timestamp|"
                       r"timeofday|nextval|txid_current)\s*\(", re.IGNORECASE)


@change_rule("pg-volatile-default", "A column added to a live table with a volatile default.")
def pg_volatile_default(change: Change) -> Iterator[Hit]:
    online = change.online
    if not online or not online.not_valid_constraints:
        return
    for op in _of(change, ops.AddColumn):
        default = op.column.default
        if default is None or default.kind != "expression" or not change.existing(op.table) \
                or not _VOLATILE.search(default.value):
            continue
        yield _hit(change, "pg-volatile-default", op.column.origin,
                   f"Adding {op.table}.{op.column.name} with the default {default.value} "
                   f"writes a value into every row of {op.table}, rewriting it under an ACCESS "
                   "EXCLUSIVE lock; add the column without a default (or with a constant), "
                   "fill it in batches, then set the default.", op.table)


@change_rule("pg-not-null-no-default", "ADD COLUMN NOT NULL without a default on a live table.")
def pg_not_null_no_default(change: Change) -> Iterator[Hit]:
    online = change.online
    if not online or not online.not_valid_constraints:
        return
    for op in _of(change, ops.AddColumn):
        column = op.column
        if column.nullable or column.default is not None or column.auto_increment \
                or not change.existing(op.table):
            continue
        yield _hit(change, "pg-not-null-no-default", column.origin,
                   f"Adding {op.table}.{column.name} NOT NULL without a default fails as soon "
                   f"as {op.table} holds a row; give it a default (a constant one adds the "
                   "column without rewriting the table), or add it nullable, fill it, and make "
                   "it NOT NULL in a later change.", op.table)


# Type changes PostgreSQL makes without rewriting the table (binary-coercible or a wider
# limit): https://www.postgresql.org/docs/current/sql-altertable.html (Notes).
def pg_rewrites(current: SqlType, desired: SqlType) -> bool:
    if current == desired:
        return False
    if current.name == "varchar" and desired.name == "text":
        return False
    if current.name == desired.name == "varchar":
        return bool(current.args) and (not desired.args or desired.args[0] < current.args[0])
    if current.name == desired.name and current.name in ("numeric", "decimal"):
        (p, s), (new_p, new_s) = _decimal(current), _decimal(desired)
        return not (new_s == s and new_p >= p)
    if current.name == desired.name and current.name in _TIMES:
        return _fraction(desired) < _fraction(current)
    return True


@change_rule("pg-type-rewrite", "A type change that rewrites a live table (PostgreSQL).")
def pg_type_rewrite(change: Change) -> Iterator[Hit]:
    online = change.online
    if not online or not online.concurrent_index:
        return
    for op in _of(change, ops.AlterColumn):
        if not change.existing(op.table) or not pg_rewrites(op.current.type, op.desired.type):
            continue
        yield _hit(change, "pg-type-rewrite", op.desired.origin,
                   f"Changing {op.table}.{op.desired.name} from {op.current.type} to "
                   f"{op.desired.type} rewrites {op.table} and rebuilds its indexes under an "
                   "ACCESS EXCLUSIVE lock: reads and writes wait until it is done. For a big "
                   "table add a new column, fill it in batches, then switch to it.", op.table,
                   suffix=".type")


@change_rule("pg-fk-not-valid", "A foreign key added to a live table in one step (PostgreSQL).")
def pg_fk_not_valid(change: Change) -> Iterator[Hit]:
    online = change.online
    if not online or not online.not_valid_constraints:
        return
    for op in _of(change, ops.AddForeignKey):
        if not change.existing(op.table):
            continue
        fk = op.foreign_key
        yield _hit(change, "pg-fk-not-valid", fk.origin,
                   f"Adding foreign key {fk.name} checks every row of {op.table} while writes "
                   f"to {op.table} and {fk.ref_table} wait; add it NOT VALID, then run ALTER "
                   f"TABLE {op.table} VALIDATE CONSTRAINT {fk.name} in a later migration "
                   "(it checks without blocking writes).", op.table)


@change_rule("mysql-not-instant", "A MySQL/MariaDB change that copies or rebuilds a live table.")
def mysql_not_instant(change: Change) -> Iterator[Hit]:
    online = change.online
    if not online or not online.online_alter:
        return
    for op in change.operations:
        reason = _copy_reason(change, online, op) if change.existing(op.table) else None
        if reason:
            origin, text, current_side = reason
            yield _hit(change, "mysql-not-instant", origin,
                       f"{text} on {change.dialect.title}; run it at a quiet time or with an "
                       "online schema change tool (gh-ost, pt-online-schema-change).",
                       op.table, current_side=current_side)
    yield from _reordered(change, online)


def _copy_reason(change: Change, online: OnlineDdl, op: ops.Operation
                 ) -> tuple[str, str, bool] | None:
    """Where and why an operation copies or rebuilds the table; None when it need not."""
    if isinstance(op, ops.AlterColumn) and op.current.type != op.desired.type \
            and not _in_place_type(op.current.type, op.desired.type, online, change.dialect):
        return (op.desired.origin, f"Changing {op.table}.{op.desired.name} from "
                f"{op.current.type} to {op.desired.type} copies the whole table "
                "(ALGORITHM=COPY) and blocks writes meanwhile", False)
    replaced = any(isinstance(other, ops.AddPrimaryKey) and other.table == op.table
                   for other in change.operations)
    if isinstance(op, ops.DropPrimaryKey) and not replaced:
        return (op.key.origin, f"Dropping the primary key of {op.table} copies the table "
                "(ALGORITHM=COPY) and blocks writes meanwhile", True)
    if isinstance(op, ops.AddPrimaryKey):
        verb = "Changing" if any(isinstance(other, ops.DropPrimaryKey) and other.table == op.table
                                 for other in change.operations) else "Adding"
        return (op.key.origin, f"{verb} the primary key of {op.table} rebuilds the table",
                False)
    if isinstance(op, ops.AddForeignKey):
        return (op.foreign_key.origin, f"Adding foreign key {op.foreign_key.name} to "
                f"{op.table} copies the table unless foreign_key_checks is off "
                "(ALGORITHM=COPY)", False)
    return None


def _in_place_type(current: SqlType, desired: SqlType, online: OnlineDdl,
                   dialect: Dialect) -> bool:
    """Type changes InnoDB makes without a copy: a longer VARCHAR, ENUM values appended."""
    if current.name == desired.name == "varchar" and desired.args[0] >= current.args[0]:
        def length_bytes(chars: int) -> int:
            return 1 if chars * dialect.charset_bytes <= online.varchar_length_byte else 2
        return length_bytes(current.args[0]) == length_bytes(desired.args[0])
    if current.values and desired.values:
        return desired.values[: len(current.values)] == current.values
    return False


def _reordered(change: Change, online: OnlineDdl) -> Iterator[Hit]:
    """Columns kept but moved: MySQL rebuilds the table; MariaDB 10.4+ moves them instantly."""
    if online.instant_reorder:
        return
    for desired in change.desired.tables:
        current = change.current_table(desired.name)
        if current is None:
            continue
        kept = {column.name for column in current.columns} & \
            {column.name for column in desired.columns}
        before = [column.name for column in current.columns if column.name in kept]
        after = [column.name for column in desired.columns if column.name in kept]
        if before != after:
            moved = next(name for name, old in zip(after, before, strict=False) if name != old)
            column = desired.column(moved)
            yield _hit(change, "mysql-not-instant", column.origin if column else desired.origin,
                       f"Moving column {desired.name}.{moved} rebuilds {desired.name} on "
                       f"{change.dialect.title}; add new columns at the end instead of "
                       "reordering existing ones.", desired.name)


# --- what looks like a rename ----------------------------------------------------------


@change_rule("rename-without-hint", "A drop and an add of look-alike columns or tables.")
def rename_without_hint(change: Change) -> Iterator[Hit]:
    dropped = list(_of(change, ops.DropColumn))
    for op in _of(change, ops.AddColumn):
        twin = next((drop for drop in dropped if drop.table == op.table
                     and drop.column.name != op.column.name
                     and drop.column.type == op.column.type), None)
        if twin:
            yield _rename_hit(change, op.table, op.column.origin, "column",
                              f"{op.table}.{twin.column.name}", f"{op.table}.{op.column.name}",
                              twin.column.name)
    dropped_tables = list(_of(change, ops.DropTable))
    for op in _of(change, ops.CreateTable):
        twin = next((drop for drop in dropped_tables
                     if _same_shape(drop.definition, op.definition)), None)
        if twin:
            yield _rename_hit(change, op.table, op.definition.origin, "table", twin.table,
                              op.table, twin.table)


def _same_shape(left: Table | None, right: Table | None) -> bool:
    if left is None or right is None:
        return False
    return [(c.name, c.type) for c in left.columns] == [(c.name, c.type) for c in right.columns]


def _rename_hit(change: Change, table: str, origin: str, kind: str, old: str, new: str,
                old_name: str) -> Hit:
    return _hit(change, "rename-without-hint", origin,
                f"This change drops {kind} {old} and adds {new} of the same type: a rename "
                f"done this way loses the data. If it is a rename, add `renamed_from: "
                f"{old_name}` to {new}; if not, silence this with a reason.", table)


# --- the change `generate` would write next --------------------------------------------


def lint_next_change(compiled: Compiled, out: Path, subject: LintSubject) -> list[Finding]:
    """Change findings on the migration from out/state.yaml to the compiled schema."""
    from .. import dialects
    from ..diff import DiffUnsupported, diff
    from ..generate import current_state
    from ..output import STATE_FILE
    from ..spec.load import load
    from .lint import silenced

    state = out / STATE_FILE
    document = load(state, str(state)).document if state.exists() else None
    current = current_state(out, compiled)
    found: list[Finding] = []
    for name, desired in compiled.schemas.items():
        dialect = dialects.get(name)
        try:
            operations = tuple(diff(current[name], desired))
        except DiffUnsupported as error:
            found.append(Finding("change-unsupported", f"{error} (`generate` refuses this "
                                 "change as it stands.)", "", "error", name))
            continue
        change = Change(dialect, current[name], desired, operations,
                        document.locate if document else lambda path: None,
                        concurrent_builds=compiled.spec.settings.postgres.concurrent_indexes)
        found += [hit_.finding for hit_ in run(change) if not silenced(subject, hit_)]
    return found


# Registered for its code, severity and page; reported by lint_next_change when the diff
# engine refuses a change.
@change_rule("change-unsupported", "A change the migration engine refuses to write.", "error")
def change_unsupported(change: Change) -> Iterator[Hit]:
    return iter(())


# --- the safer alternative: indexes built concurrently ---------------------------------


def concurrent_plans(current: Schema, desired: Schema) -> list[DialectPlan]:
    """The change as migrations to release in order, indexes on live tables built apart.

    The first plan is the change without those indexes; each index that pg-index-not-
    concurrent would report follows in a plan of its own holding the one statement
    `CREATE INDEX CONCURRENTLY`, which PostgreSQL refuses inside a transaction block (and
    golang-migrate runs a multi-statement file as one). Its down migration is
    `DROP INDEX CONCURRENTLY IF EXISTS`, which also clears what a failed build leaves (an
    INVALID index). Dialects without concurrent builds get the one plan `migration` gives.
    """
    from ..generate import DialectPlan, migration
    from ..render import render
    from ..sqlcheck import check_all

    dialect = _dialect(desired.dialect)
    online = ONLINE.get(dialect.name)
    operations = tuple(_diff(current, desired))
    change = Change(dialect, current, desired, operations)
    apart = [op for op in operations if isinstance(op, ops.CreateIndex) and online
             and online.concurrent_index and change.existing(op.table)
             and not op.index.constraint and not op.index.implicit]
    if not apart:
        return [migration(current, desired)]
    main = migration(current, _without(desired, apart))
    plans = [main]
    for op in apart:
        up = [_concurrently(statement) for statement in render(op, dialect)]
        down = [_concurrently(statement, "DROP INDEX", "DROP INDEX CONCURRENTLY IF EXISTS")
                for statement in render(op.reverse(), dialect)]
        check_all(up + down, dialect)
        plans.append(DialectPlan(dialect.name, [op], up, down))
    return plans


def _dialect(name: str) -> Dialect:
    from .. import dialects

    return dialects.get(name)


def _diff(current: Schema, desired: Schema) -> list[ops.Operation]:
    from ..diff import diff

    return diff(current, desired)


def _without(desired: Schema, apart: list[ops.CreateIndex]) -> Schema:
    """`desired` less the indexes built apart: the state the first migration leaves."""
    from dataclasses import replace

    names = {(op.table, op.index.name) for op in apart}
    tables = tuple(replace(table, indexes=tuple(index for index in table.indexes
                                                if (table.name, index.name) not in names))
                   for table in desired.tables)
    return replace(desired, tables=tables)


def _concurrently(statement: str, plain: str = "INDEX",
                  safe: str = "INDEX CONCURRENTLY") -> str:
    """The statement with CONCURRENTLY after its INDEX keyword (the first occurrence)."""
    head, found, tail = statement.partition(plain + " ")
    if not found:
        raise ValueError(f"Expected an index statement, not: {statement}")
    return f"{head}{safe} {tail}"
