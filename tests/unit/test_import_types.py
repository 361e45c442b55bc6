"""Native types back to portable ones: exactly, or reported as having none."""

from __future__ import annotations

import pytest
import sqlglot

from generator import dialects
from generator.importer import native
from generator.importer.portable import portable


def imported(type_text: str, dialect: str) -> str | None:
    """The portable spelling (with `unsigned`) a column of `type_text` imports as."""
    definition = sqlglot.parse_one(f"CREATE TABLE t (c {type_text})", read=dialect)
    read = native.read(definition.this.expressions[0].kind, dialect, {})
    found = portable(read.sql_type, dialects.get(dialect)) if read.sql_type else None
    if found is None:
        return None
    return found.text + (" unsigned" if found.unsigned else "")


@pytest.mark.parametrize("native_type, expected", [
    ("char(36)", "char(36)"),  # never guessed to be a uuid
    ("tinyint(1)", "boolean"),
    ("bool", "boolean"),
    ("tinyint(4)", "tinyint"),
    ("bigint(20) unsigned", "bigint unsigned"),
    ("int(11)", "integer"),
    ("int unsigned", "integer unsigned"),
    ("smallint", "smallint"),
    ("varchar(191)", "string(191)"),
    ("varchar(45)", "string(45)"),  # not ip_address
    ("decimal(8,2)", "decimal(8,2)"),
    ("decimal", "decimal(10,0)"),
    ("double", "double"),
    ("float", "float"),
    ("timestamp", "timestamp"),
    ("timestamp(6)", "timestamp(6)"),
    ("datetime", "datetime"),
    ("datetime(3)", "datetime(3)"),
    ("text", "text"),
    ("mediumtext", "mediumtext"),
    ("longtext", "longtext"),
    ("json", "json"),
    ("blob", "binary"),
    ("date", "date"),
    ("mediumint", None),
    ("tinytext", None),
    ("longblob", None),
    ("binary(16)", None),
    ("varbinary(16)", None),
    ("year", None),
    ("double(8,2)", None),
    ("bit(1)", None),
    ("set('a','b')", None),
])
def test_mysql(native_type, expected):
    assert imported(native_type, "mysql") == expected


@pytest.mark.parametrize("native_type, expected", [
    ("integer", "integer"),
    ("int4", "integer"),
    ("int8", "bigint"),
    ("int2", "smallint"),
    ("serial", "integer"),
    ("bigserial", "bigint"),
    ("character varying(255)", "string(255)"),
    ("character(2)", "char(2)"),
    ("bpchar(2)", "char(2)"),
    ("numeric(10,2)", "decimal(10,2)"),
    ("numeric(5)", "decimal(5,0)"),
    ("double precision", "double"),
    ("float8", "double"),
    ("real", "float"),
    ("float4", "float"),
    ("timestamp without time zone", "timestamp(6)"),  # PostgreSQL's default precision
    ("timestamp(0) without time zone", "timestamp"),
    ("timestamp(3) with time zone", "timestamptz(3)"),
    ("timestamptz", "timestamptz(6)"),
    ("time without time zone", "time(6)"),
    ("boolean", "boolean"),
    ("uuid", "uuid"),
    ("inet", "ip_address"),
    ("bytea", "binary"),
    ("json", "json"),
    ("jsonb", "jsonb"),
    ("text", "text"),
    ("date", "date"),
    ("numeric", None),
    ("interval", None),
    ("text[]", None),
    ("money", None),
    ("timetz", None),
    ("citext", None),
    ("character varying(20000)", None),
])
def test_postgres(native_type, expected):
    assert imported(native_type, "postgres") == expected
