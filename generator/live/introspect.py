"""Read a live catalog into the model that `resolve` gives for the spec.

Each server has its reader (`postgres`, `mysql`); what they share is here: turning a
catalog's default text into a `Default`, and recognising the objects the model marks
(the enum stand-in CHECK, InnoDB's implicit foreign key index). The result compares with
the spec's model through `generator.compare.differences`.
"""

from __future__ import annotations

from dataclasses import replace

from .. import dialects
from ..dialects import Dialect
from ..model import Check, Default, Schema, SqlType, Table
from ..spec.resolve import enum_check_expression
from ..spec.values import normalize
from ..sqltext import type_family
from .connect import connect
from .expressions import constant_of, in_list
from .quirks import SERVERS


def read_schema(url: str, dialect: str) -> Schema:
    """The tables of the database `url` names, as the model of `dialect`."""
    target = dialects.get(dialect)
    with connect(url, dialect) as connection:
        tables = _reader(dialect).read(connection, target)
    return Schema(dialect, tuple(sorted(tables, key=lambda table: table.name)))


def is_empty(url: str, dialect: str) -> bool:
    """True when the database holds no table, view, sequence, type or routine of a user."""
    with connect(url, dialect) as connection:
        return _reader(dialect).object_count(connection) == 0


def table_names(url: str, dialect: str) -> list[str]:
    with connect(url, dialect) as connection:
        return _reader(dialect).table_names(connection)


def _reader(dialect: str):
    from . import mysql, postgres

    return postgres if SERVERS[dialect].driver == "psycopg" else mysql


def literal_default(value: str, sql_type: SqlType) -> Default:
    """A literal in the model's normal form for the column's type (`0` is false on a bool)."""
    try:
        return Default("literal", normalize(value, type_family(sql_type)))
    except ValueError:
        return Default("literal", value)


def sql_default(text: str | None, sql_type: SqlType, dialect: Dialect) -> Default | None:
    """A default the catalog gives as SQL: a literal when it is one (casts aside), else
    the expression as the server spells it; None for NULL."""
    if text is None:
        return None
    constant = constant_of(text, dialect)
    if constant is None:
        return Default("expression", text.strip())
    if constant.value is None:
        return None
    return literal_default(constant.value, sql_type)


def enum_stand_in(check: Check, table: Table, dialect: Dialect) -> Check:
    """The CHECK `resolve` writes for an enum on PostgreSQL, in the very text it writes.

    The catalog cannot tell it from the same check written by hand, so any `column IN
    ('a', ...)` on a varchar column is read as one; compare sets the mark aside.
    """
    found = in_list(check.expression, dialect)
    column = table.column(found[0]) if found else None
    if found is None or column is None or column.type.name != "varchar":
        return check
    expression = enum_check_expression(dialect, column.name, found[1])
    return replace(check, expression=expression, enum_column=column.name)


def mark_implicit(table: Table) -> Table:
    """Flag the index InnoDB made for a foreign key: named as the key, on exactly its columns.

    https://dev.mysql.com/doc/refman/8.0/en/create-table-foreign-keys.html
    """
    keys = {fk.name: fk.columns for fk in table.foreign_keys}
    indexes = tuple(
        replace(index, implicit=True)
        if keys.get(index.name) == index.column_names and not index.unique
        and not any(part.descending or part.length for part in index.columns)
        else index
        for index in table.indexes)
    return replace(table, indexes=indexes)
