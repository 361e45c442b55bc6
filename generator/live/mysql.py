"""The MySQL 8 / MariaDB catalog (information_schema) read into the model.

The schema is the database the URL names. Where MySQL 8 and MariaDB spell a fact
differently the `Flavor` of the answering server says how (generator/live/quirks.py).
https://dev.mysql.com/doc/refman/8.0/en/information-schema.html
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from typing import Any

import sqlglot
from sqlglot.tokens import TokenType

from ..dialects import Dialect
from ..model import (Action, Check, Column, Default, ForeignKey, Index, IndexColumn,
                     PrimaryKey, SqlType, Table)
from .connect import flavor, rows
from .introspect import literal_default, mark_implicit, sql_default
from .quirks import Flavor

_TABLES = """
SELECT TABLE_NAME, ENGINE, TABLE_COLLATION, CREATE_OPTIONS, TABLE_COMMENT
FROM information_schema.TABLES
WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'
ORDER BY TABLE_NAME"""

_COLUMNS = """
SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA,
       COLUMN_COMMENT, COLLATION_NAME
FROM information_schema.COLUMNS
WHERE TABLE_SCHEMA = DATABASE()
ORDER BY TABLE_NAME, ORDINAL_POSITION"""

_INDEXES = """
SELECT TABLE_NAME, INDEX_NAME, COLUMN_NAME, SUB_PART, NON_UNIQUE, COLLATION, INDEX_TYPE
FROM information_schema.STATISTICS
WHERE TABLE_SCHEMA = DATABASE()
ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX"""

# ORDINAL_POSITION is the column's place in the constraint, so composite keys pair right.
_FOREIGN_KEYS = """
SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME,
       k.REFERENCED_COLUMN_NAME, r.UPDATE_RULE, r.DELETE_RULE
FROM information_schema.KEY_COLUMN_USAGE k
JOIN information_schema.REFERENTIAL_CONSTRAINTS r
  ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
 AND r.TABLE_NAME = k.TABLE_NAME
WHERE k.TABLE_SCHEMA = DATABASE() AND k.REFERENCED_TABLE_NAME IS NOT NULL
ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION"""

_CHECKS_WITH_TABLE = """
SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE, LEVEL
FROM information_schema.CHECK_CONSTRAINTS
WHERE CONSTRAINT_SCHEMA = DATABASE()
ORDER BY TABLE_NAME, CONSTRAINT_NAME"""

_CHECKS_BY_CONSTRAINT = """
SELECT tc.TABLE_NAME, cc.CONSTRAINT_NAME, cc.CHECK_CLAUSE, 'Table'
FROM information_schema.CHECK_CONSTRAINTS cc
JOIN information_schema.TABLE_CONSTRAINTS tc
  ON tc.CONSTRAINT_SCHEMA = cc.CONSTRAINT_SCHEMA AND tc.CONSTRAINT_NAME = cc.CONSTRAINT_NAME
 AND tc.CONSTRAINT_TYPE = 'CHECK'
WHERE cc.CONSTRAINT_SCHEMA = DATABASE()
ORDER BY tc.TABLE_NAME, cc.CONSTRAINT_NAME"""

_OBJECTS = """
SELECT (SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE())
     + (SELECT COUNT(*) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE())
     + (SELECT COUNT(*) FROM information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE())"""

# InnoDB checks NO ACTION at once, exactly as RESTRICT, and reports either for an action
# left unspecified (MariaDB says RESTRICT, MySQL 8 NO ACTION): both are the model's default.
_ACTIONS: dict[str, Action] = {"CASCADE": "cascade", "SET NULL": "set null",
                               "SET DEFAULT": "set default", "RESTRICT": "no action",
                               "NO ACTION": "no action"}

_TYPE = re.compile(r"^(?P<name>[a-z]+(?: precision)?)(?:\((?P<args>.*)\))?"
                   r"(?P<unsigned> unsigned)?(?: zerofill)?$", re.S)
_INTEGERS = ("tinyint", "smallint", "mediumint", "int", "integer", "bigint")
_ESCAPED = re.compile(r"\\([\\'])")
_ROW_FORMAT = re.compile(r"row_format=(\w+)", re.I)
_JSON_VALID = re.compile(r"^json_valid\(`((?:[^`]|``)+)`\)$", re.I)


def read(connection: Any, dialect: Dialect) -> list[Table]:
    server = flavor(connection)
    tables = rows(connection, _TABLES)
    checks, column_level = _checks(connection, server)
    columns = _columns(connection, dialect, server, {row[0]: row[2] for row in tables})
    indexes, primary_keys = _indexes(connection)
    foreign_keys = _foreign_keys(connection)

    found = []
    for name, engine, collation, create_options, comment in tables:
        table = Table(
            name=name, columns=tuple(columns.get(name, [])), primary_key=primary_keys.get(name),
            indexes=tuple(indexes.get(name, [])), foreign_keys=tuple(foreign_keys.get(name, [])),
            checks=tuple(checks.get(name, [])), comment=comment or None,
            options=_options(engine, collation, create_options))
        found.append(_fold_json(mark_implicit(table), column_level, server))
    return found


def object_count(connection: Any) -> int:
    return int(rows(connection, _OBJECTS)[0][0])


def table_names(connection: Any) -> list[str]:
    return [row[0] for row in rows(connection, _TABLES)]


def sql_type(text: str, dialect: Dialect) -> SqlType:
    """COLUMN_TYPE as the model spells it: integer display widths dropped, except
    tinyint(1), which is how a boolean is told apart; enum values unescaped."""
    match = _TYPE.match(text.strip().lower())
    if not match:
        return SqlType(text)
    name, args_text = match.group("name"), match.group("args") or ""
    unsigned = bool(match.group("unsigned"))
    if name in ("enum", "set"):
        return SqlType(name, values=_quoted_values(text, dialect))
    args = tuple(int(arg) for arg in args_text.split(",") if arg.strip().isdigit())
    if name in _INTEGERS and not (name == "tinyint" and args == (1,)):
        args = ()
    return SqlType(name, args, unsigned)


def _quoted_values(text: str, dialect: Dialect) -> tuple[str, ...]:
    tokens = sqlglot.Dialect.get_or_raise(dialect.sqlglot).tokenize(text)
    return tuple(token.text for token in tokens if token.token_type == TokenType.STRING)


def _columns(connection: Any, dialect: Dialect, server: Flavor,
             collations: dict[str, str]) -> dict[str, list[Column]]:
    # TODO(model): ON UPDATE CURRENT_TIMESTAMP (in EXTRA) has no place in the model yet.
    found: dict[str, list[Column]] = defaultdict(list)
    for (table, name, type_text, nullable, default, extra, comment,
         collation) in rows(connection, _COLUMNS):
        native = sql_type(type_text, dialect)
        found[table].append(Column(
            name=name, type=native, nullable=nullable == "YES",
            default=_default(default, extra or "", native, server, dialect),
            auto_increment="auto_increment" in (extra or "").lower(),
            comment=comment or None,
            # The table's collation is what a column without one of its own gets.
            collation=collation if collation != collations.get(table) else None))
    return found


def _default(raw: str | None, extra: str, sql_type: SqlType, server: Flavor,
             dialect: Dialect) -> Default | None:
    if raw is None:
        return None
    if server.quoted_defaults:
        return sql_default(raw, sql_type, dialect)
    if "default_generated" in extra.lower():
        return sql_default(_unescape(raw, server), sql_type, dialect)
    return literal_default(raw, sql_type)


def _unescape(text: str, server: Flavor) -> str:
    return _ESCAPED.sub(r"\1", text) if server.escaped_expressions else text


def _indexes(connection: Any) -> tuple[dict[str, list[Index]], dict[str, PrimaryKey]]:
    grouped: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    for row in rows(connection, _INDEXES):
        grouped[(row[0], row[1])].append(row)
    indexes: dict[str, list[Index]] = defaultdict(list)
    primary_keys = {}
    for (table, name), parts in grouped.items():
        # TODO(mysql): a functional key part (MySQL 8 STATISTICS.EXPRESSION) is not read.
        columns = tuple(IndexColumn(column or "(expression)", collation == "D",
                                    int(sub_part) if sub_part else None)
                        for _, _, column, sub_part, _, collation, _ in parts)
        if name == "PRIMARY":
            primary_keys[table] = PrimaryKey(name, tuple(c.name for c in columns))
            continue
        kind = str(parts[0][6]).upper()
        indexes[table].append(Index(name, columns, unique=int(parts[0][4]) == 0,
                                    using=None if kind == "BTREE" else kind.lower()))
    return indexes, primary_keys


def _foreign_keys(connection: Any) -> dict[str, list[ForeignKey]]:
    grouped: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    for row in rows(connection, _FOREIGN_KEYS):
        grouped[(row[0], row[1])].append(row)
    found: dict[str, list[ForeignKey]] = defaultdict(list)
    for (table, name), parts in grouped.items():
        found[table].append(ForeignKey(
            name=name, columns=tuple(part[2] for part in parts), ref_table=parts[0][3],
            ref_columns=tuple(part[4] for part in parts),
            on_delete=_ACTIONS[parts[0][6].upper()], on_update=_ACTIONS[parts[0][5].upper()]))
    return found


def _checks(connection: Any, server: Flavor
            ) -> tuple[dict[str, list[Check]], set[tuple[str, str]]]:
    """Checks per table, and the (table, name) of those declared on a column (MariaDB)."""
    query = _CHECKS_WITH_TABLE if server.checks_name_table else _CHECKS_BY_CONSTRAINT
    found: dict[str, list[Check]] = defaultdict(list)
    column_level = set()
    for table, name, clause, level in rows(connection, query):
        found[table].append(Check(name, _unescape(clause, server).strip()))
        if level == "Column":
            column_level.add((table, name))
    return found, column_level


def _options(engine: str | None, collation: str | None, create_options: str | None
             ) -> tuple[tuple[str, str], ...]:
    chosen = {"engine": engine, "collation": collation}
    if collation:
        # Every MySQL and MariaDB collation is named <charset>_<rules>.
        chosen["charset"] = collation.split("_", 1)[0]
    row_format = _ROW_FORMAT.search(create_options or "")
    if row_format:
        chosen["row_format"] = row_format.group(1)
    return tuple(sorted((key, value) for key, value in chosen.items() if value))


def _fold_json(table: Table, column_level: set[tuple[str, str]], server: Flavor) -> Table:
    """MariaDB's JSON: a LONGTEXT (utf8mb4_bin) with a column CHECK json_valid(col) named
    after the column, turned back into the json column it was declared as."""
    if not server.json_as_longtext:
        return table
    json_columns = {check.name for check in table.checks
                    if (table.name, check.name) in column_level
                    and _validated_column(check.expression) == check.name}
    columns = tuple(
        _as_json(column) if column.name in json_columns and column.type.name == "longtext"
        else column for column in table.columns)
    checks = tuple(check for check in table.checks if check.name not in json_columns
                   or (table.name, check.name) not in column_level)
    return replace(table, columns=columns, checks=checks)


def _validated_column(expression: str) -> str | None:
    match = _JSON_VALID.match(expression)
    return match.group(1).replace("``", "`") if match else None


def _as_json(column: Column) -> Column:
    # The default was read as text; as JSON it takes the model's compact form.
    default = column.default
    if default is not None and default.kind == "literal":
        default = literal_default(default.value, SqlType("json"))
    return replace(column, type=SqlType("json"), collation=None, default=default)
