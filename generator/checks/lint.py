"""Lint rules on a schema: what every server accepts but that breaks, slows or misleads later.

Each rule is registered in `generator.checks.RULES` under a stable code, but looks only at a
`LintSubject`. Compiling a schema runs every registered rule on a plain `Subject`, so lint
warnings never leak into `validate` or `generate`, whatever was imported; `schemagen lint`
builds a `LintSubject` and runs them. A finding is silenced by a `lint_ignore` entry (with a
reason) on the object it concerns, its table, or `settings`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .. import types
from ..dialects import Dialect
from ..findings import Finding, dedupe
from ..model import ForeignKey, Index, IndexColumn, Schema, Table
from ..spec.format import ColumnSpec, LintIgnore, SchemaSpec
from ..spec.resolve import column_entries
from . import RULES, Subject, rule
from . import validate  # noqa: F401  (its codes are known, and cannot be silenced)

WARNING = "warning"
ERROR = "error"


@dataclass(frozen=True)
class LintSubject(Subject):
    """What lint rules look at; `used` collects the ignore entries that silenced a finding."""

    used: set[str] = field(default_factory=set, compare=False)


@dataclass(frozen=True)
class Hit:
    """A finding and what it concerns: its table and the YAML paths of the objects involved."""

    finding: Finding
    table: str | None = None
    origins: tuple[str, ...] = ()


LintRule = Callable[[LintSubject], Iterable[Hit]]
LINT_CODES: list[str] = []


def lint_rule(code: str, summary: str, severity: str = WARNING) -> Callable[[LintRule], LintRule]:
    """Register a lint rule: it runs only on a LintSubject, and ignores silence its hits."""

    def register(function: LintRule) -> LintRule:
        def run(subject: Subject) -> list[Finding]:
            if not isinstance(subject, LintSubject):
                return []
            return [hit.finding for hit in function(subject) if not silenced(subject, hit)]

        rule(code, severity, summary)(run)
        LINT_CODES.append(code)
        return function

    return register


def hit(code: str, path: str, message: str, table: str | None, origins: Iterable[str] = (),
        dialect: Dialect | None = None, severity: str = WARNING) -> Hit:
    finding = Finding(code, message, path, severity, dialect.name if dialect else None)
    return Hit(finding, table, tuple(origins))


# --- ignores ---------------------------------------------------------------------------


def ignore_entries(spec: SchemaSpec) -> dict[str, list[tuple[str, LintIgnore]]]:
    """Every `lint_ignore` list of the file, keyed by the YAML path of the object holding it."""
    found: dict[str, list[tuple[str, LintIgnore]]] = {}

    def add(path: str, entries: list[LintIgnore]) -> None:
        if entries:
            found[path] = [(f"{path}.lint_ignore[{i}]", entry) for i, entry in enumerate(entries)]

    add("settings", spec.settings.lint_ignore)
    for name, table in spec.tables.items():
        add(f"tables.{name}", table.lint_ignore)
        for column_name, column in table.columns.items():
            if not isinstance(column, str):
                add(f"tables.{name}.columns.{column_name}", column.lint_ignore)
        for i, index in enumerate(table.indexes):
            add(f"tables.{name}.indexes[{i}]", index.lint_ignore)
        for i, fk in enumerate(table.foreign_keys):
            add(f"tables.{name}.foreign_keys[{i}]", fk.lint_ignore)
    for name, group in spec.column_groups.items():
        for column_name, column in group.columns.items():
            if not isinstance(column, str):
                add(f"column_groups.{name}.columns.{column_name}", column.lint_ignore)
        for i, index in enumerate(group.indexes):
            add(f"column_groups.{name}.indexes[{i}]", index.lint_ignore)
    return found


def _holders(hit_: Hit) -> Iterator[str]:
    """Paths whose ignores apply: settings, the table, and each origin with its ancestors."""
    yield "settings"
    if hit_.table:
        yield f"tables.{hit_.table}"
    for origin in hit_.origins:
        probe = origin
        while probe:
            yield probe
            probe = probe[: probe.rindex("[")] if probe.endswith("]") \
                else probe.rpartition(".")[0]


def silenced(subject: LintSubject, hit_: Hit) -> bool:
    """Whether an ignore entry covers the hit; the entry is then recorded as used."""
    entries = ignore_entries(subject.spec)
    for holder in _holders(hit_):
        for path, entry in entries.get(holder, ()):
            if entry.rule == hit_.finding.code:
                subject.used.add(path)
                return True
    return False


# --- helpers ---------------------------------------------------------------------------


def _each(subject: Subject) -> Iterator[tuple[Dialect, Schema]]:
    for name, schema in subject.schemas.items():
        yield subject.dialects[name], schema


def _first(subject: Subject) -> Schema:
    return next(iter(subject.schemas.values()))


def _leading_keys(table: Table) -> list[tuple[str, ...]]:
    """Column lists of the declared keys that can serve a lookup: PK, unique, full indexes."""
    keys = [index.column_names for index in table.indexes
            if index.where is None and not index.implicit]
    if table.primary_key:
        keys.append(table.primary_key.columns)
    return keys


def _led_by(table: Table, columns: tuple[str, ...]) -> bool:
    """Whether some key starts with exactly these columns, in any order."""
    size = len(columns)
    return any(set(key[:size]) == set(columns) for key in _leading_keys(table) if len(key) >= size)


def _names(columns: Iterable[str]) -> str:
    return ", ".join(columns)


# --- foreign keys and indexes ----------------------------------------------------------


@lint_rule("fk-without-index", "A foreign key whose columns no index leads (PostgreSQL).")
def fk_without_index(subject: LintSubject) -> Iterator[Hit]:
    for dialect, schema in _each(subject):
        if dialect.fk_creates_index:
            continue  # InnoDB adds the index itself
        for table in schema.tables:
            for fk in table.foreign_keys:
                if not _led_by(table, fk.columns):
                    yield _fk_hit(dialect, table, fk)


def _fk_hit(dialect: Dialect, table: Table, fk: ForeignKey) -> Hit:
    columns = _names(fk.columns)
    advice = "add `index: true` to the column" if len(fk.columns) == 1 else \
        f"add an index on ({columns})"
    return hit("fk-without-index", fk.origin,
               f"No index leads with {table.name}({columns}), and {dialect.title} does not "
               f"add one for foreign key {fk.name}: every delete or key update in "
               f"{fk.ref_table} scans {table.name}, and joins on it scan too; {advice}.",
               table.name, [fk.origin], dialect)


@lint_rule("redundant-index", "An index whose columns lead another index (or the primary key).")
def redundant_index(subject: LintSubject) -> Iterator[Hit]:
    for _dialect, schema in _each(subject):
        for table in schema.tables:
            for index in table.indexes:
                cover = _covering(table, index)
                if cover:
                    yield hit("redundant-index", index.origin,
                              f"Index {index.name} ({_names(index.column_names)}) is the start "
                              f"of {cover}, which serves the same lookups; drop {index.name} "
                              "to save the space and the work of every write.",
                              table.name, [index.origin])


def _covering(table: Table, index: Index) -> str | None:
    """The name of a key that makes `index` redundant, if any."""
    if index.unique or index.where is not None or index.implicit:
        return None
    position = table.indexes.index(index)
    for other_position, other in enumerate(table.indexes):
        if other is index or other.where is not None or other.using != index.using:
            continue
        same = other.columns == index.columns
        if same and not other.unique and other_position > position:
            continue  # of two equal indexes, the later one is reported
        if other.columns[: len(index.columns)] == index.columns:
            return f"{'unique key' if other.unique else 'index'} {other.name}"
    key = table.primary_key
    plain = tuple(IndexColumn(name) for name in key.columns) if key else ()
    if key and index.using is None and plain[: len(index.columns)] == index.columns:
        return f"the primary key ({_names(key.columns)})"
    return None


# --- time ------------------------------------------------------------------------------

# Words PostgreSQL turns into a fixed value when the DDL runs, or that are not a time at all.
_NOW_WORDS = {"now", "now()", "today", "tomorrow", "yesterday", "current_timestamp",
              "current_timestamp()", "current_date", "current_time", "localtimestamp",
              "localtime", "sysdate()"}
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[ T](\d{2}):(\d{2})(?::(\d{2}))?")


@lint_rule("default-fixed-time", "A literal default on a time column where the current time "
           "was meant.")
def default_fixed_time(subject: LintSubject) -> Iterator[Hit]:
    # The spec, not the model: validation refuses some of these values, leaving no default.
    for table_name, table in subject.spec.tables.items():
        for _name, column, path in column_entries(subject.spec, table_name, table):
            message = _fixed_time(column)
            if message:
                yield hit("default-fixed-time", f"{path}.default", message, table_name, [path])


def _fixed_time(column: ColumnSpec) -> str | None:
    try:
        kind = types.family(types.parse(column.type))
    except types.TypeError_:
        return None
    if kind not in ("date", "time", "timestamp") or not isinstance(column.default, str):
        return None
    value = column.default.strip()
    fix = "for the time of each insert write `default_sql: CURRENT_TIMESTAMP` instead."
    if value.lower() in _NOW_WORDS:
        return (f"The default '{value}' is text, not the current time: PostgreSQL turns it "
                "into the moment the DDL runs, once, so every row gets the migration's time "
                f"(or refuses it), and MySQL refuses it; {fix}")
    match = _DATETIME.match(value)
    if match and match.groups(default="00") != ("00", "00", "00"):
        return (f"The default '{value}' is a fixed moment, the same for every row, as a "
                "`now()` evaluated when a migration was written leaves it; if the current "
                f"time was meant, {fix}")
    return None


# The last moment a TIMESTAMP column holds, per dialect; dialects not listed have no such end.
# https://dev.mysql.com/doc/refman/8.0/en/datetime.html and
# https://mariadb.com/kb/en/timestamp/ (MariaDB 11.5 moves it to 2106, 10.11 does not).
TIMESTAMP_ENDS = {"mysql": "2038-01-19 03:14:07 UTC", "mariadb": "2038-01-19 03:14:07 UTC"}
_LISTED = 5


@lint_rule("timestamp-2038", "MySQL and MariaDB TIMESTAMP columns end in January 2038.")
def timestamp_2038(subject: LintSubject) -> Iterator[Hit]:
    for dialect, schema in _each(subject):
        end = TIMESTAMP_ENDS.get(dialect.name)
        columns = [(table.name, column) for table in schema.tables for column in table.columns
                   if column.type.name == "timestamp"] if end else []
        if not columns:
            continue
        tables = list(dict.fromkeys(name for name, _ in columns))
        listed = _names(tables[:_LISTED]) + (f" and {len(tables) - _LISTED} more"
                                             if len(tables) > _LISTED else "")
        yield hit("timestamp-2038", "settings",
                  f"{len(columns)} TIMESTAMP column(s) in {len(tables)} table(s) ({listed}) "
                  f"hold no time after {end} on {dialect.title}; use type `datetime` for "
                  "times that may pass "
                  "it, or silence this with a reason in settings.lint_ignore.",
                  None, [], dialect)


_UNIX_NAME = re.compile(r"(_at|expiration|_time)$")
# `wait_time`, `avg_response_time`: durations in seconds, not moments.
_DURATION = re.compile(r"(^|_)(avg|average|total|response|resolution|wait|processing|elapsed"
                       r"|idle|run|up)_time$")


@lint_rule("unix-time-overflow", "A signed 32-bit integer column holding Unix times.")
def unix_time_overflow(subject: LintSubject) -> Iterator[Hit]:
    for dialect, schema in _each(subject):
        for table in schema.tables:
            for column in table.columns:
                if column.type.name in ("integer", "int") and not column.type.unsigned \
                        and _UNIX_NAME.search(column.name) \
                        and not _DURATION.search(column.name):
                    yield hit("unix-time-overflow", f"{column.origin}.type",
                              f"{table.name}.{column.name} is a signed 32-bit integer, so as a "
                              f"Unix time it overflows on 2038-01-19 on {dialect.title}; use "
                              "`bigint`.",
                              table.name, [column.origin], dialect)


@lint_rule("json-not-jsonb", "A `json` column on PostgreSQL, where `jsonb` serves better.")
def json_not_jsonb(subject: LintSubject) -> Iterator[Hit]:
    for dialect, schema in _each(subject):
        binary = types.native(types.parse("jsonb"), dialect)
        if binary == types.native(types.parse("json"), dialect):
            continue  # the dialect has one JSON type
        for table in schema.tables:
            for column in table.columns:
                if column.type.name == "json":
                    yield hit("json-not-jsonb", f"{column.origin}.type",
                              f"{table.name}.{column.name} is `json`, kept as text and parsed "
                              f"on every read on {dialect.title}; use type `jsonb` (binary, "
                              "indexable with GIN, duplicate keys removed; still `json` on "
                              "MySQL).", table.name, [column.origin], dialect)


# --- tenants ---------------------------------------------------------------------------


def tenant_key(spec: SchemaSpec) -> tuple[str, str] | None:
    """settings.tenant as (table, column), or None when unset or not `table.column`."""
    text = spec.settings.tenant
    if not text or "." not in text:
        return None
    table, _, column = text.rpartition(".")
    return table, column


@lint_rule("tenant-unknown", "settings.tenant names no table.column of the schema.", ERROR)
def tenant_unknown(subject: LintSubject) -> Iterator[Hit]:
    text = subject.spec.settings.tenant
    if text is None:
        return
    key = tenant_key(subject.spec)
    table = _first(subject).table(key[0]) if key else None
    if key is None or table is None or table.column(key[1]) is None:
        yield hit("tenant-unknown", "settings.tenant",
                  f"settings.tenant is '{text}', which names no column of this schema; write "
                  "the tenant key as `table.column`, like `organizations.id`.", None,
                  severity=ERROR)


def _scoped_tables(subject: LintSubject) -> Iterator[tuple[Table, str, str]]:
    key = tenant_key(subject.spec)
    schema = _first(subject)
    if key is None or schema.table(key[0]) is None:
        return
    for name, table_spec in subject.spec.tables.items():
        table = schema.table(name)
        if table is not None and name != key[0] and table_spec.tenant != "global":
            yield table, key[0], key[1]


def _tenant_fks(table: Table, tenant_table: str, tenant_column: str) -> list[ForeignKey]:
    return [fk for fk in table.foreign_keys
            if fk.ref_table == tenant_table and fk.ref_columns == (tenant_column,)]


@lint_rule("tenant-key-missing", "A tenant-scoped table without a foreign key to the tenant.")
def tenant_key_missing(subject: LintSubject) -> Iterator[Hit]:
    for table, tenant_table, tenant_column in _scoped_tables(subject):
        if _tenant_fks(table, tenant_table, tenant_column):
            continue
        yield hit("tenant-key-missing", table.origin,
                  f"Table {table.name} has no foreign key to {tenant_table}.{tenant_column}, "
                  "so nothing ties its rows to a tenant; add a NOT NULL column that "
                  f"references {tenant_table}.{tenant_column}, or mark the table "
                  "`tenant: global` if it is shared by all tenants.", table.name)


@lint_rule("tenant-key-nullable", "A tenant key column that allows NULL.")
def tenant_key_nullable(subject: LintSubject) -> Iterator[Hit]:
    for table, tenant_table, tenant_column in _scoped_tables(subject):
        for fk in _tenant_fks(table, tenant_table, tenant_column):
            column = table.column(fk.columns[0])
            if column is not None and column.nullable:
                yield hit("tenant-key-nullable", f"{column.origin}.nullable",
                          f"{table.name}.{column.name} allows NULL, so a row can belong to no "
                          "tenant and escape every per-tenant query and cascade; make it NOT "
                          "NULL (remove `nullable: true`).", table.name,
                          [column.origin, fk.origin])


@lint_rule("tenant-key-unindexed", "A tenant key that no index leads.")
def tenant_key_unindexed(subject: LintSubject) -> Iterator[Hit]:
    for table, tenant_table, tenant_column in _scoped_tables(subject):
        for fk in _tenant_fks(table, tenant_table, tenant_column):
            if any(key[:1] == fk.columns for key in _leading_keys(table)):
                continue
            yield hit("tenant-key-unindexed", fk.origin,
                      f"No index of {table.name} starts with its tenant key {fk.columns[0]}, "
                      "so every per-tenant query reads the whole table; lead an index (or "
                      f"the primary key) with {fk.columns[0]}.", table.name, [fk.origin])


# --- the ignores themselves ------------------------------------------------------------


def _change_codes() -> set[str]:
    from .changes import CHANGE_RULES

    return set(CHANGE_RULES)


@lint_rule("lint-ignore-unknown", "A lint_ignore entry naming a rule that does not exist.", ERROR)
def lint_ignore_unknown(subject: LintSubject) -> Iterator[Hit]:
    known = set(LINT_CODES) | _change_codes()
    for entries in ignore_entries(subject.spec).values():
        for path, entry in entries:
            if entry.rule in known:
                continue
            if entry.rule in RULES:
                message = (f"'{entry.rule}' is a validation rule: its findings are errors and "
                           "cannot be silenced; fix the schema instead.")
            else:
                close = sorted(code for code in known if code.split("-")[0]
                               == entry.rule.split("-")[0])
                hint = f" (similar: {', '.join(close)})" if close else ""
                message = (f"There is no lint rule '{entry.rule}'{hint}; fix the name (see "
                           "docs/rules/) or remove the entry.")
            yield hit("lint-ignore-unknown", f"{path}.rule", message, None, severity=ERROR)


def unused_ignores(subject: LintSubject) -> list[Finding]:
    """A finding for each ignore entry that silenced nothing, once every rule has run.

    Entries for change rules are policy for future changes and are never reported here.
    """
    change_codes = _change_codes()
    found = []
    for entries in ignore_entries(subject.spec).values():
        for path, entry in entries:
            if path in subject.used or entry.rule in change_codes \
                    or entry.rule not in LINT_CODES:
                continue
            found.append(Finding("lint-ignore-unused",
                                 f"This entry silences '{entry.rule}', which finds nothing "
                                 "here any more; remove the entry.", path, WARNING))
    return found


# Registered so that it has a code, a severity and a page; reported by `unused_ignores`.
@lint_rule("lint-ignore-unused", "A lint_ignore entry that silences nothing.")
def lint_ignore_unused(subject: LintSubject) -> Iterator[Hit]:
    return iter(())


# --- running lint ----------------------------------------------------------------------


def subject_of(spec: SchemaSpec) -> LintSubject:
    """The spec resolved for each target, as the lint rules see it."""
    from .. import dialects
    from ..spec.resolve import resolve

    targets = {name: dialects.get(name) for name in spec.settings.targets}
    schemas = {name: resolve(spec, dialect).schema for name, dialect in targets.items()}
    return LintSubject(spec, schemas, targets)


def lint_rules(subject: LintSubject) -> list[Finding]:
    """The findings of every lint rule on the subject, silenced ones left out."""
    found: list[Finding] = []
    for code in LINT_CODES:
        found += RULES[code].run(subject)
    return found


def merged(findings: Iterable[Finding], subject: Subject) -> list[Finding]:
    """One finding per problem, its dialects named together (see findings.dedupe)."""
    titles = {name: dialect.title for name, dialect in subject.dialects.items()}
    return dedupe(findings, titles)
