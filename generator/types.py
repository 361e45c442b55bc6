"""Portable column types and how each dialect spells them.

The mapping follows Laravel 12's own MySQL and PostgreSQL schema grammars, because the
people moving to this tool run such applications today: `uuid` is char(36) on MySQL and
uuid on PostgreSQL, `boolean` is tinyint(1) / boolean, `enum` is ENUM on MySQL and a
varchar(255) with a CHECK on PostgreSQL, `timestamp` has precision 0, and so on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dialects import Dialect
from .model import SqlType


class TypeError_(ValueError):
    """A portable type that does not exist or has the wrong arguments."""


@dataclass(frozen=True)
class Portable:
    """A parsed portable type: `decimal(10,2)` is Portable("decimal", (10, 2))."""

    name: str
    args: tuple[int, ...] = ()


@dataclass(frozen=True)
class Kind:
    """One portable type: how many arguments it takes and its defaults."""

    min_args: int = 0
    max_args: int = 0
    defaults: tuple[int, ...] = ()
    family: str = "other"  # integer, decimal, float, string, text, json, time, bool, ...


KINDS: dict[str, Kind] = {
    "uuid": Kind(family="uuid"),
    "string": Kind(0, 1, (255,), "string"),
    "char": Kind(0, 1, (255,), "string"),
    "text": Kind(family="text"),
    "mediumtext": Kind(family="text"),
    "longtext": Kind(family="text"),
    "json": Kind(family="json"),
    "jsonb": Kind(family="json"),
    "boolean": Kind(family="bool"),
    "tinyint": Kind(family="integer"),
    "smallint": Kind(family="integer"),
    "integer": Kind(family="integer"),
    "bigint": Kind(family="integer"),
    "decimal": Kind(0, 2, (8, 2), "decimal"),
    "float": Kind(family="float"),
    "double": Kind(family="float"),
    "date": Kind(family="date"),
    "time": Kind(0, 1, (0,), "time"),
    "timestamp": Kind(0, 1, (0,), "timestamp"),
    "timestamptz": Kind(0, 1, (0,), "timestamp"),
    "datetime": Kind(0, 1, (0,), "timestamp"),
    "enum": Kind(family="enum"),
    "ip_address": Kind(family="string"),
    "binary": Kind(family="binary"),
}

_SYNTAX = re.compile(r"^\s*([a-z_]+)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?\s*$")


def parse(text: str) -> Portable:
    """`string(100)` to Portable("string", (100,)), with the kind's default arguments."""
    match = _SYNTAX.match(text.lower())
    if not match or match.group(1) not in KINDS:
        raise TypeError_(
            f"'{text}' is not a portable type; use one of: {', '.join(sorted(KINDS))}."
        )
    name = match.group(1)
    kind = KINDS[name]
    args = tuple(int(arg) for arg in match.groups()[1:] if arg is not None)
    if not kind.min_args <= len(args) <= kind.max_args:
        expected = "no arguments" if kind.max_args == 0 else f"at most {kind.max_args}"
        raise TypeError_(f"'{text}' takes {expected}.")
    args = args + kind.defaults[len(args):]
    _check_range(name, args, text)
    return Portable(name, args)


def _check_range(name: str, args: tuple[int, ...], text: str) -> None:
    if name == "char" and args[0] > 255:
        raise TypeError_(f"'{text}': char takes at most 255 characters; use string(n).")
    if name in ("string", "char") and not 1 <= args[0] <= 16383:
        raise TypeError_(f"'{text}': a length must be between 1 and 16383.")
    if name == "decimal" and not (1 <= args[0] <= 65 and 0 <= args[1] <= min(args[0], 30)):
        raise TypeError_(f"'{text}': precision 1..65 and scale 0..30, at most the precision.")
    if name in ("time", "timestamp", "timestamptz", "datetime") and not 0 <= args[0] <= 6:
        raise TypeError_(f"'{text}': fractional-second precision must be 0 to 6.")


def family(portable: Portable) -> str:
    return KINDS[portable.name].family


_POSTGRES = {
    "uuid": "uuid", "string": "varchar", "char": "char", "text": "text",
    "mediumtext": "text", "longtext": "text", "json": "json", "jsonb": "jsonb",
    "boolean": "boolean", "tinyint": "smallint", "smallint": "smallint",
    "integer": "integer", "bigint": "bigint", "decimal": "numeric", "float": "real",
    "double": "double precision", "date": "date", "time": "time",
    "timestamp": "timestamp", "timestamptz": "timestamptz", "datetime": "timestamp",
    "enum": "varchar", "ip_address": "inet", "binary": "bytea",
}

_MYSQL = {
    "uuid": "char", "string": "varchar", "char": "char", "text": "text",
    "mediumtext": "mediumtext", "longtext": "longtext", "json": "json", "jsonb": "json",
    "boolean": "tinyint", "tinyint": "tinyint", "smallint": "smallint", "integer": "int",
    "bigint": "bigint", "decimal": "decimal", "float": "float", "double": "double",
    "date": "date", "time": "time", "timestamp": "timestamp", "timestamptz": "timestamp",
    "datetime": "datetime", "enum": "enum", "ip_address": "varchar", "binary": "blob",
}


def native(portable: Portable, dialect: Dialect, unsigned: bool = False,
           values: tuple[str, ...] = ()) -> SqlType:
    """The dialect's type for a portable one, in the form its catalog reports it."""
    if dialect.unsigned:
        return _mysql_type(portable, dialect, unsigned, values)
    return _postgres_type(portable)


def _postgres_type(portable: Portable) -> SqlType:
    name = _POSTGRES[portable.name]
    if portable.name == "enum":
        return SqlType("varchar", (255,))
    if name in ("varchar", "char", "numeric", "time", "timestamp", "timestamptz"):
        return SqlType(name, portable.args)
    return SqlType(name)


def _mysql_type(portable: Portable, dialect: Dialect, unsigned: bool,
                values: tuple[str, ...]) -> SqlType:
    name = _MYSQL[portable.name]
    numeric = family(portable) in ("integer", "decimal", "float")
    unsigned = unsigned and numeric
    if portable.name == "uuid":
        return SqlType("char", (36,))
    if portable.name == "ip_address":
        return SqlType("varchar", (45,))
    if portable.name == "boolean":
        return SqlType("tinyint", (1,))
    if portable.name == "enum":
        return SqlType("enum", values=values)
    if name in ("varchar", "char", "decimal"):
        return SqlType(name, portable.args, unsigned)
    if name in ("time", "timestamp", "datetime"):
        return SqlType(name, portable.args if portable.args != (0,) else ())
    return SqlType(name, (), unsigned)


# Characters an index key takes per character (strings) or its fixed bytes (others),
# for the InnoDB key-length check. https://dev.mysql.com/doc/refman/8.0/en/storage-requirements.html
_FIXED_BYTES = {
    "tinyint": 1, "smallint": 2, "int": 4, "bigint": 8, "float": 4, "double": 8,
    "date": 3, "time": 3, "timestamp": 4, "datetime": 5, "enum": 2,
}


def key_bytes(sql_type: SqlType, dialect: Dialect, prefix: int | None) -> int | None:
    """Bytes one column takes in an InnoDB index key; None for TEXT/BLOB without prefix."""
    if sql_type.name in ("varchar", "char"):
        chars = min(prefix or sql_type.args[0], sql_type.args[0])
        return chars * dialect.charset_bytes
    if sql_type.name == "decimal":
        precision, scale = (sql_type.args + (0,))[:2]
        return _decimal_bytes(precision - scale) + _decimal_bytes(scale)
    if sql_type.name in _FIXED_BYTES:
        temporal = sql_type.name in ("time", "timestamp", "datetime") and sql_type.args
        fraction = sql_type.args[0] if temporal else 0  # elsewhere args are a display width
        return _FIXED_BYTES[sql_type.name] + (fraction + 1) // 2
    if prefix:
        return prefix * dialect.charset_bytes
    return None


# Bytes of the digits left over after each group of nine, which take four bytes.
# https://dev.mysql.com/doc/refman/8.0/en/precision-math-decimal-characteristics.html
_LEFTOVER_DIGIT_BYTES = (0, 1, 1, 2, 2, 3, 3, 4, 4)


def _decimal_bytes(digits: int) -> int:
    """Bytes of one side of a packed DECIMAL: its integer digits or its fraction digits."""
    return digits // 9 * 4 + _LEFTOVER_DIGIT_BYTES[digits % 9]


def needs_prefix(sql_type: SqlType) -> bool:
    """TEXT, BLOB and JSON columns can only be indexed through a prefix on MySQL."""
    return sql_type.name in ("text", "mediumtext", "longtext", "blob", "json")
