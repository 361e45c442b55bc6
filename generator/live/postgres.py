"""The PostgreSQL catalog (pg_catalog) read into the model, schema `current_schema()`.

pg_catalog rather than information_schema: only it has index methods, DESC, partial
predicates, identity, and constraint columns in key order (conkey/confkey).
https://www.postgresql.org/docs/current/catalogs.html
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from typing import Any

from ..dialects import Dialect
from ..model import (Action, Check, Column, ForeignKey, Index, IndexColumn, PrimaryKey, SqlType,
                     Table)
from .connect import rows
from .introspect import enum_stand_in, sql_default

_TABLES = """
SELECT c.oid, c.relname, obj_description(c.oid, 'pg_class')
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
ORDER BY c.relname"""

# A serial or identity column owns a sequence: pg_get_serial_sequence finds both.
_COLUMNS = """
SELECT a.attrelid, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
       pg_get_expr(d.adbin, d.adrelid),
       a.attidentity <> '' OR pg_get_serial_sequence(a.attrelid::regclass::text, a.attname)
           IS NOT NULL,
       col_description(a.attrelid, a.attnum),
       CASE WHEN a.attcollation <> t.typcollation THEN co.collname END
FROM pg_attribute a
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
LEFT JOIN pg_collation co ON co.oid = a.attcollation
WHERE a.attrelid = ANY(%s) AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum"""

# NOT NULL constraints (contype 'n', PostgreSQL 18) are columns' nullability, not objects.
_CONSTRAINTS = """
SELECT con.conrelid, con.conname, con.contype, con.conkey, con.confkey,
       ref.relname, con.confupdtype, con.confdeltype, pg_get_expr(con.conbin, con.conrelid),
       con.conindid
FROM pg_constraint con LEFT JOIN pg_class ref ON ref.oid = con.confrelid
WHERE con.conrelid = ANY(%s) AND con.contype IN ('p', 'u', 'f', 'c')
ORDER BY con.conrelid, con.conname"""

_INDEXES = """
SELECT i.indrelid, i.indexrelid, ic.relname, i.indisunique, i.indisprimary, am.amname,
       pg_get_expr(i.indpred, i.indrelid), i.indkey::int2[], i.indoption::int2[],
       i.indnkeyatts
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_am am ON am.oid = ic.relam
WHERE i.indrelid = ANY(%s)
ORDER BY i.indrelid, ic.relname"""

_INDEX_EXPRESSION = "SELECT pg_get_indexdef(%s, %s, true)"

_OBJECTS = """
SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
          AND n.nspname !~ '^pg_(toast|temp)')
     + (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname NOT IN ('pg_catalog', 'information_schema'))
     + (SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
          AND t.typtype IN ('e', 'd', 'r', 'm'))"""

_ACTIONS: dict[str, Action] = {"a": "no action", "r": "restrict", "c": "cascade",
                               "n": "set null", "d": "set default"}

_TYPE = re.compile(r"^(?P<name>[a-z ]+?)(?:\((?P<args>[\d,]+)\))?(?P<zone> with(?:out)? time "
                   r"zone)?(?P<array>(?:\[\])*)$")
_NAMES = {"character varying": "varchar", "character": "char"}


def read(connection: Any, dialect: Dialect) -> list[Table]:
    tables = rows(connection, _TABLES)
    oids = [oid for oid, _, _ in tables]
    columns = _columns(connection, oids, dialect)
    names = {oid: {number: column.name for number, column in columns.get(oid, [])}
             for oid in oids}
    by_table = {name: names[oid] for oid, name, _ in tables}
    constraints = rows(connection, _CONSTRAINTS, (oids,))
    indexes = _indexes(connection, oids, names, constraints)

    found = []
    for oid, name, comment in tables:
        table = Table(name=name, columns=tuple(column for _, column in columns.get(oid, [])),
                      indexes=tuple(indexes.get(oid, [])), comment=comment)
        mine = [row for row in constraints if row[0] == oid]
        found.append(_constraints(table, mine, names[oid], by_table, dialect))
    return found


def object_count(connection: Any) -> int:
    return int(rows(connection, _OBJECTS)[0][0])


def table_names(connection: Any) -> list[str]:
    return [name for _, name, _ in rows(connection, _TABLES)]


def sql_type(text: str) -> SqlType:
    """`format_type` text as the model spells it: `timestamp(0) without time zone` is
    timestamp(0), `character varying(255)` varchar(255), `... with time zone` timestamptz."""
    match = _TYPE.match(text)
    if not match:
        return SqlType(text)
    name = _NAMES.get(match.group("name"), match.group("name"))
    if match.group("zone") == " with time zone":
        name += "tz"
    args = tuple(int(arg) for arg in match.group("args").split(",")) if match.group("args") \
        else ()
    return SqlType(name + match.group("array"), args)


def _columns(connection: Any, oids: list[int], dialect: Dialect
             ) -> dict[int, list[tuple[int, Column]]]:
    # TODO(model): a generated column (attgenerated) reads back as a plain column.
    found: dict[int, list[tuple[int, Column]]] = defaultdict(list)
    for (oid, number, name, type_text, not_null, default, owns_sequence, comment,
         collation) in rows(connection, _COLUMNS, (oids,)):
        native = sql_type(type_text)
        found[oid].append((number, Column(
            name=name, type=native, nullable=not not_null,
            default=None if owns_sequence else sql_default(default, native, dialect),
            auto_increment=bool(owns_sequence), comment=comment, collation=collation)))
    return found


def _constraints(table: Table, mine: list[tuple], own: dict[int, str],
                 by_table: dict[str, dict[int, str]], dialect: Dialect) -> Table:
    """The table with its primary key, foreign keys and checks (unique ones are indexes)."""
    primary_key = next((PrimaryKey(row[1], tuple(own[n] for n in row[3]))
                        for row in mine if row[2] == "p"), None)
    foreign_keys = tuple(_foreign_key(row, own, by_table.get(row[5], {}))
                         for row in mine if row[2] == "f")
    checks = tuple(enum_stand_in(Check(row[1], row[8]), table, dialect)
                   for row in mine if row[2] == "c")
    return replace(table, primary_key=primary_key, foreign_keys=foreign_keys, checks=checks)


def _foreign_key(row: tuple, own: dict[int, str], theirs: dict[int, str]) -> ForeignKey:
    # conkey and confkey pair the columns in the constraint's own order.
    _, name, _, key, ref_key, ref_table, on_update, on_delete, _, _ = row
    return ForeignKey(
        name=name, columns=tuple(own[n] for n in key), ref_table=ref_table,
        ref_columns=tuple(theirs.get(n, f"#{n}") for n in ref_key),
        on_delete=_ACTIONS[on_delete], on_update=_ACTIONS[on_update])


def _indexes(connection: Any, oids: list[int], names: dict[int, dict[int, str]],
             constraints: list[tuple]) -> dict[int, list[Index]]:
    unique_constraints = {row[9]: row[1] for row in constraints if row[2] == "u"}
    found: dict[int, list[Index]] = defaultdict(list)
    for (oid, index_oid, name, unique, primary, method, predicate, keys, options,
         key_count) in rows(connection, _INDEXES, (oids,)):
        if primary:
            continue
        # INCLUDE columns come after the key columns; the model has no place for them.
        pairs = zip(keys[:key_count], options[:key_count], strict=True)
        parts = tuple(_index_column(connection, index_oid, position, number, option,
                                    names.get(oid, {}))
                      for position, (number, option) in enumerate(pairs, start=1))
        constraint = index_oid in unique_constraints
        found[oid].append(Index(
            name=unique_constraints.get(index_oid, name), columns=parts, unique=unique,
            constraint=constraint, using=None if method == "btree" else method,
            where=predicate))
    return found


def _index_column(connection: Any, index_oid: int, position: int, number: int, option: int,
                  names: dict[int, str]) -> IndexColumn:
    # indoption bit 0 is DESC; attribute number 0 is an expression.
    if number == 0:
        text = rows(connection, _INDEX_EXPRESSION, (index_oid, position))[0][0]
        return IndexColumn(str(text), bool(option & 1))
    return IndexColumn(names[number], bool(option & 1))
