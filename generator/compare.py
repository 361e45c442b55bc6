"""What differs between two models of one dialect, object by object, in readable lines.

`expected` is the spec's model, `actual` usually a catalog read back. Most of a server's
spelling is undone while reading (generator/live/introspect.py); what cannot be undone by
construction is set aside here, each rule listed in docs/normalization.md: expressions
compared through sqlglot, literals by value, InnoDB's RESTRICT as NO ACTION, an empty
comment as none, a collation equal to the table's as none, options the spec leaves unset.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import TypeVar
from collections.abc import Callable, Iterator

from . import dialects
from .dialects import Dialect
from .live.expressions import constant_of, same_expression
from .live.introspect import literal_default
from .live.quirks import SERVERS
from .model import (Check, Column, Default, ForeignKey, Index, PrimaryKey, Schema, SqlType,
                    Table)
from .spec.values import json_equal
from .sqltext import type_family

Named = TypeVar("Named", Column, Index, ForeignKey, Check)
_TEMPORAL = ("date", "time", "timestamp", "timestamptz", "datetime")


def differences(expected: Schema, actual: Schema) -> list[str]:
    """Every difference as `table t: column c: type varchar(255) != varchar(100)`, the
    expected value on the left; empty when the two models describe the same schema."""
    dialect = dialects.get(expected.dialect)
    found: list[str] = []
    mine = {table.name: table for table in actual.tables}
    for table in expected.tables:
        if table.name not in mine:
            found.append(f"table {table.name}: missing")
        else:
            found += [f"table {table.name}: {line}"
                      for line in _table(table, mine[table.name], dialect)]
    wanted = {table.name for table in expected.tables}
    found += [f"table {table.name}: unexpected" for table in actual.tables
              if table.name not in wanted]
    return found


def _table(expected: Table, actual: Table, dialect: Dialect) -> Iterator[str]:
    yield from _columns(expected, actual, dialect)
    yield from _primary_key(expected.primary_key, actual.primary_key)
    yield from _named("index", expected.indexes, actual.indexes,
                      lambda e, a: _index(e, a, expected, dialect))
    yield from _named("foreign key", expected.foreign_keys, actual.foreign_keys,
                      lambda e, a: _foreign_key(e, a, dialect))
    yield from _named("check", expected.checks, actual.checks,
                      lambda e, a: _check(e, a, dialect))
    if _comment(expected.comment) != _comment(actual.comment):
        yield f"comment {_show(expected.comment)} != {_show(actual.comment)}"
    yield from _options(expected.options, actual.options)


def _named(kind: str, expected: tuple[Named, ...], actual: tuple[Named, ...],
           compare: Callable[[Named, Named], Iterator[str]]) -> Iterator[str]:
    """Objects matched by name: missing ones, unexpected ones, then each pair's changes."""
    mine = {item.name: item for item in actual}
    wanted = {item.name for item in expected}
    for item in expected:
        if item.name not in mine:
            yield f"{kind} {item.name}: missing"
        else:
            yield from (f"{kind} {item.name}: {line}" for line in compare(item, mine[item.name]))
    yield from (f"{kind} {item.name}: unexpected" for item in actual if item.name not in wanted)


# --- columns ---------------------------------------------------------------------------


def _columns(expected: Table, actual: Table, dialect: Dialect) -> Iterator[str]:
    yield from _named("column", expected.columns, actual.columns,
                      lambda e, a: _column(e, a, expected, actual, dialect))
    wanted = [c.name for c in expected.columns if actual.column(c.name)]
    present = [c.name for c in actual.columns if expected.column(c.name)]
    if wanted != present:
        yield f"column order {', '.join(wanted)} != {', '.join(present)}"


def _column(expected: Column, actual: Column, expected_table: Table, actual_table: Table,
            dialect: Dialect) -> Iterator[str]:
    if expected.type != actual.type:
        yield f"type {expected.type} != {actual.type}"
    if expected.nullable != actual.nullable:
        yield f"{_null(expected)} != {_null(actual)}"
    if expected.auto_increment != actual.auto_increment:
        yield f"auto_increment {expected.auto_increment} != {actual.auto_increment}"
    if not same_default(expected.default, actual.default, expected.type, dialect):
        yield f"default {_show(expected.default)} != {_show(actual.default)}"
    if _comment(expected.comment) != _comment(actual.comment):
        yield f"comment {_show(expected.comment)} != {_show(actual.comment)}"
    if expected.collation or actual.collation:
        left = _collation(expected, expected_table)
        right = _collation(actual, actual_table)
        if left != right:
            yield f"collation {_show(left)} != {_show(right)}"


def _null(column: Column) -> str:
    return "NULL" if column.nullable else "NOT NULL"


def _collation(column: Column, table: Table) -> str | None:
    # What the column ends up with: its own collation, else the table's (MySQL family).
    return column.collation or dict(table.options).get("collation")


def same_default(expected: Default | None, actual: Default | None, sql_type: SqlType,
                 dialect: Dialect) -> bool:
    """Two defaults that give a new row the same value."""
    left = _effective(expected, sql_type, dialect)
    right = _effective(actual, sql_type, dialect)
    if left is None or right is None:
        return left is right
    if left.kind != right.kind:
        return False
    if left.kind == "expression":
        return same_expression(left.value, right.value, dialect)
    if SERVERS[dialect.name].defaults_bmp_only:
        return same_literal(_bmp(left.value), _bmp(right.value), sql_type)
    return same_literal(left.value, right.value, sql_type)


def _bmp(text: str) -> str:
    # What a utf8mb3 catalog shows of a text: characters past U+FFFF become '?'.
    return "".join("?" if ord(char) > 0xFFFF else char for char in text)


def _effective(default: Default | None, sql_type: SqlType, dialect: Dialect
               ) -> Default | None:
    # An expression that is only a literal (`'a'::text`, `(0)`) is that literal; NULL none.
    if default is None or default.kind == "literal":
        return default
    constant = constant_of(default.value, dialect)
    if constant is None:
        return default
    return None if constant.value is None else literal_default(constant.value, sql_type)


def same_literal(left: str, right: str, sql_type: SqlType) -> bool:
    """Literal values equal for the type: 0.70 and 0.7, JSON by value, dates by instant."""
    if left == right:
        return True
    family = type_family(sql_type)
    if family == "json":
        return json_equal(left, right)
    if family in ("integer", "decimal"):
        return _decimal(left) is not None and _decimal(left) == _decimal(right)
    if sql_type.name in _TEMPORAL:
        return _instant(left) is not None and _instant(left) == _instant(right)
    return False


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.strip())
    except InvalidOperation:
        return None


def _instant(text: str) -> date | time | datetime | None:
    # '2020-01-01' on a timestamp column is stored as '2020-01-01 00:00:00'.
    for kind in (datetime, time):
        try:
            return kind.fromisoformat(text.strip())
        except ValueError:
            continue
    return None


# --- keys, indexes, checks -------------------------------------------------------------


def _primary_key(expected: PrimaryKey | None, actual: PrimaryKey | None) -> Iterator[str]:
    if expected == actual:
        return
    if expected is None or actual is None \
            or (expected.name, expected.columns) != (actual.name, actual.columns):
        yield f"primary key {_key(expected)} != {_key(actual)}"


def _key(key: PrimaryKey | None) -> str:
    return "none" if key is None else f"{key.name} ({', '.join(key.columns)})"


def _index(expected: Index, actual: Index, table: Table, dialect: Dialect) -> Iterator[str]:
    # `implicit` is not compared: the catalog cannot tell who made an index.
    left, right = _index_columns(expected, table), _index_columns(actual, table)
    if left != right:
        yield f"columns {left} != {right}"
    if expected.unique != actual.unique:
        yield f"unique {expected.unique} != {actual.unique}"
    if expected.constraint != actual.constraint:
        yield f"{_unique_kind(expected)} != {_unique_kind(actual)}"
    if _method(expected.using) != _method(actual.using):
        yield f"using {_method(expected.using)} != {_method(actual.using)}"
    if not _same_predicate(expected.where, actual.where, dialect):
        yield f"where {_show(expected.where)} != {_show(actual.where)}"


def _index_columns(index: Index, table: Table) -> str:
    parts = []
    for part in index.columns:
        text = part.name
        column = table.column(part.name)
        full = column is not None and column.type.name in ("varchar", "char") and \
            column.type.args and part.length is not None and part.length >= column.type.args[0]
        if part.length and not full:  # a prefix as long as the column is no prefix
            text += f"({part.length})"
        parts.append(text + (" DESC" if part.descending else ""))
    return ", ".join(parts)


def _unique_kind(index: Index) -> str:
    return "unique constraint" if index.constraint else "unique index"


def _method(using: str | None) -> str:
    return (using or "btree").lower()


def _same_predicate(expected: str | None, actual: str | None, dialect: Dialect) -> bool:
    if expected is None or actual is None:
        return expected is actual
    return same_expression(expected, actual, dialect)


def _foreign_key(expected: ForeignKey, actual: ForeignKey, dialect: Dialect
                 ) -> Iterator[str]:
    left = f"({', '.join(expected.columns)}) -> {expected.ref_table} " \
           f"({', '.join(expected.ref_columns)})"
    right = f"({', '.join(actual.columns)}) -> {actual.ref_table} " \
            f"({', '.join(actual.ref_columns)})"
    if left != right:
        yield f"{left} != {right}"
    for when in ("on_delete", "on_update"):
        mine, theirs = getattr(expected, when), getattr(actual, when)
        if not _same_action(mine, theirs, dialect):
            yield f"{when.replace('_', ' ')} {mine} != {theirs}"


def _same_action(left: str, right: str, dialect: Dialect) -> bool:
    return left == right or any({left, right} <= group
                                for group in SERVERS[dialect.name].same_actions)


def _check(expected: Check, actual: Check, dialect: Dialect) -> Iterator[str]:
    # `enum_column` is not compared: the catalog cannot tell a stand-in from a hand check.
    if not same_expression(expected.expression, actual.expression, dialect):
        yield f"expression {expected.expression} != {actual.expression}"


def _comment(text: str | None) -> str | None:
    # PostgreSQL drops an empty comment (COMMENT ... IS ''); MySQL reports none as ''.
    return text or None


def _options(expected: tuple[tuple[str, str], ...], actual: tuple[tuple[str, str], ...]
             ) -> Iterator[str]:
    # Only what the spec sets: the server chooses the rest. Engine names ignore case.
    mine = {key: value.lower() for key, value in actual}
    for key, value in expected:
        if mine.get(key) != value.lower():
            yield f"option {key} {value} != {_show(dict(actual).get(key))}"


def _show(value: object) -> str:
    if value is None:
        return "none"
    if isinstance(value, str):
        return repr(value)
    return str(value)
