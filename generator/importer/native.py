"""A column type sqlglot read, as the source server's catalog spells it (a model SqlType).

Only the spelling is settled here (aliases, default lengths and precisions, display widths);
whether a portable type can hold it is `generator.importer.portable`'s question. A type the
model cannot describe at all comes back as None with the type's own text for the report.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlglot import exp

from ..model import SqlType

DType = exp.DataType.Type


@dataclass(frozen=True)
class NativeRules:
    """How one source dialect spells its types: aliases and implicit arguments, as data."""

    names: dict[DType, str]  # sqlglot's type -> the catalog's name
    default_args: dict[str, tuple[int, ...]]  # arguments a bare name implies
    drop_args: frozenset[str]  # arguments that are display only (int(11))
    zero_precision_is_bare: bool  # MySQL: timestamp(0) is timestamp
    needs_args: frozenset[str]  # names that mean something else without arguments
    fixed: dict[DType, SqlType]  # types that are another type by definition (BOOL)
    float_precision: bool  # PostgreSQL: float(p) is real up to p = 24, else double


_POSTGRES_NAMES = {
    DType.SMALLINT: "smallint", DType.INT: "integer", DType.BIGINT: "bigint",
    DType.SERIAL: "integer", DType.BIGSERIAL: "bigint", DType.SMALLSERIAL: "smallint",
    DType.DECIMAL: "numeric", DType.FLOAT: "real", DType.DOUBLE: "double precision",
    DType.VARCHAR: "varchar", DType.CHAR: "char", DType.TEXT: "text",
    DType.BOOLEAN: "boolean", DType.DATE: "date", DType.TIME: "time",
    DType.TIMESTAMP: "timestamp", DType.TIMESTAMPTZ: "timestamptz", DType.JSON: "json",
    DType.JSONB: "jsonb", DType.UUID: "uuid", DType.INET: "inet", DType.VARBINARY: "bytea",
    DType.BPCHAR: "bpchar",
}

_MYSQL_NAMES = {
    DType.TINYINT: "tinyint", DType.UTINYINT: "tinyint", DType.SMALLINT: "smallint",
    DType.USMALLINT: "smallint", DType.MEDIUMINT: "mediumint", DType.UMEDIUMINT: "mediumint",
    DType.INT: "int", DType.UINT: "int", DType.BIGINT: "bigint", DType.UBIGINT: "bigint",
    DType.DECIMAL: "decimal", DType.UDECIMAL: "decimal", DType.FLOAT: "float",
    DType.DOUBLE: "double", DType.UDOUBLE: "double", DType.VARCHAR: "varchar",
    DType.CHAR: "char", DType.TEXT: "text", DType.MEDIUMTEXT: "mediumtext",
    DType.NVARCHAR: "varchar", DType.NCHAR: "char",
    DType.LONGTEXT: "longtext", DType.JSON: "json", DType.BLOB: "blob", DType.DATE: "date",
    DType.TIME: "time", DType.TIMESTAMPTZ: "timestamp", DType.TIMESTAMP: "timestamp",
    DType.DATETIME: "datetime", DType.ENUM: "enum",
}

RULES = {
    "postgres": NativeRules(
        names=_POSTGRES_NAMES,
        # https://www.postgresql.org/docs/current/datatype-datetime.html: precision 6 by default
        default_args={"time": (6,), "timestamp": (6,), "timestamptz": (6,), "char": (1,)},
        drop_args=frozenset({"smallint", "integer", "bigint", "real", "double precision"}),
        zero_precision_is_bare=False,
        needs_args=frozenset({"varchar", "numeric", "bpchar"}),
        fixed={},
        float_precision=True,
    ),
    "mysql": NativeRules(
        names=_MYSQL_NAMES,
        # https://dev.mysql.com/doc/refman/8.0/en/fixed-point-types.html: DECIMAL is (10,0)
        default_args={"decimal": (10, 0), "char": (1,)},
        drop_args=frozenset({"smallint", "mediumint", "int", "bigint"}),
        zero_precision_is_bare=True,
        needs_args=frozenset({"varchar"}),
        # https://dev.mysql.com/doc/refman/8.0/en/numeric-type-syntax.html: BOOL is TINYINT(1)
        fixed={DType.BOOLEAN: SqlType("tinyint", (1,))},
        float_precision=False,
    ),
}

_SERIALS = {DType.SERIAL, DType.BIGSERIAL, DType.SMALLSERIAL}


@dataclass(frozen=True)
class NativeType:
    """The catalog's type of a column, or None with the source text when there is none."""

    sql_type: SqlType | None
    text: str  # the type as written, lower-case, for messages
    serial: bool = False  # PostgreSQL serial / bigserial: an integer with a sequence
    enum_type: str | None = None  # the PostgreSQL enum type the column is of


def read(kind: exp.DataType, dialect: str, enum_types: dict[str, tuple[str, ...]]
         ) -> NativeType:
    """The native type of a column definition's `kind` on the source dialect."""
    text = kind.sql(dialect).lower()
    rules = RULES[dialect]
    if kind.this == DType.USERDEFINED:
        name = _bare(kind.args.get("kind") or text)
        values = enum_types.get(name)
        if values is None:
            return NativeType(None, text)
        return NativeType(SqlType("enum", values=values), text, enum_type=name)
    if kind.this in rules.fixed:
        return NativeType(rules.fixed[kind.this], text)
    name = rules.names.get(kind.this) if isinstance(kind.this, DType) else None
    if name is None:
        return NativeType(None, text)
    return NativeType(_spell(kind, name, rules), text, kind.this in _SERIALS)


def _spell(kind: exp.DataType, name: str, rules: NativeRules) -> SqlType | None:
    args = _args(kind)
    if kind.this == DType.ENUM:
        return SqlType("enum", values=tuple(_string(value) for value in kind.expressions))
    if kind.this == DType.DOUBLE and rules.float_precision and args:
        name, args = ("real" if args[0] <= 24 else "double precision"), ()
    if name in rules.needs_args and not args:
        return None
    if name == "bpchar":
        name = "char"  # bpchar(n) is char(n); a bare bpchar has no length limit
    if name == "tinyint" and args == (1,) and not _unsigned(kind):
        return SqlType("tinyint", (1,))
    if name in rules.drop_args or name == "tinyint":
        args = ()
    if name == "numeric" and len(args) == 1:
        args = (args[0], 0)
    if rules.zero_precision_is_bare and name in ("time", "timestamp", "datetime") \
            and args == (0,):
        args = ()
    args = args or rules.default_args.get(name, ())
    return SqlType(name, args, _unsigned(kind))


def _args(kind: exp.DataType) -> tuple[int, ...]:
    found = []
    for param in kind.expressions:
        value = param.this if isinstance(param, exp.DataTypeParam) else param
        if isinstance(value, exp.Literal) and not value.is_string:
            found.append(int(value.this))
    return tuple(found)


def _unsigned(kind: exp.DataType) -> bool:
    return kind.this.value.startswith("U") and kind.this not in (DType.UUID, DType.USERDEFINED)


def _string(node: exp.Expression) -> str:
    return node.this if isinstance(node, exp.Literal) else node.sql()


def _bare(name: object) -> str:
    """`public.mood` and `"mood"` are both the type mood."""
    text = str(name)
    return text.rsplit(".", 1)[-1].strip('"').strip("`")
