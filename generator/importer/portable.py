"""Native types back to portable ones, exactly or not at all.

The reverse mapping is not a second table to keep in step with `generator.types`: a portable
type is chosen only when `types.native` maps it back to the very same native type, so an
import never changes a column's type without saying so. Where several portable types map to
the same native one, the order below picks the plain one: char(36) stays char(36) rather
than becoming uuid, varchar(45) stays string(45) rather than ip_address.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import types
from ..dialects import Dialect
from ..model import SqlType

PREFERENCE = (
    "boolean", "smallint", "integer", "bigint", "tinyint", "decimal", "float", "double",
    "string", "char", "text", "mediumtext", "longtext", "json", "jsonb", "date", "time",
    "timestamp", "timestamptz", "datetime", "enum", "binary", "uuid", "ip_address",
)


@dataclass(frozen=True)
class PortableType:
    """What schema.yaml says for a column type: the type text, `unsigned` and `values`."""

    text: str
    unsigned: bool = False
    values: tuple[str, ...] = ()


def portable(sql_type: SqlType, dialect: Dialect) -> PortableType | None:
    """The portable type that gives back exactly `sql_type` on `dialect`, or None.

    An enum with its values is always `enum`: on PostgreSQL it comes from an enum type, which
    the reader has already reported as written the format's way.
    """
    if sql_type.name == "enum" and sql_type.values:
        return PortableType("enum", False, sql_type.values)
    for name in PREFERENCE:
        for text in _spellings(name, sql_type.args):
            try:
                parsed = types.parse(text)
            except types.TypeError_:
                continue
            if types.native(parsed, dialect, sql_type.unsigned, sql_type.values) == sql_type:
                return PortableType(_shortest(text, parsed), sql_type.unsigned, sql_type.values)
    return None


def _spellings(name: str, args: tuple[int, ...]) -> list[str]:
    spelled = [name]
    if args:
        spelled.insert(0, f"{name}({','.join(str(arg) for arg in args)})")
    return spelled


def _shortest(text: str, parsed: types.Portable) -> str:
    """`string(255)` stays as written; `timestamp(0)` is just `timestamp`."""
    if types.family(parsed) in ("time", "timestamp") and types.parse(parsed.name) == parsed:
        return parsed.name
    return text
