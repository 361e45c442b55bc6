"""The schema model: frozen dataclasses of one database schema as one dialect sees it.

Every road meets here: `schema.yaml` resolved for a dialect, the state kept in `out/`, and
a live catalog read back. Types are native to the dialect (`varchar(255)`, `bigint
unsigned`), every object has its final name, and defaults are normalized values, so two
models of the same schema compare equal with `==` however they were obtained.

Fields marked `compare=False` carry hints (renames, source lines) that never make two
schemas different.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

DefaultKind = Literal["literal", "expression"]
Action = Literal["cascade", "restrict", "set null", "set default", "no action"]


@dataclass(frozen=True)
class SqlType:
    """A native type: `name` lower-case as the dialect spells it, `args` its numbers."""

    name: str
    args: tuple[int, ...] = ()
    unsigned: bool = False
    values: tuple[str, ...] = ()

    def __str__(self) -> str:
        text = self.name
        if self.values:
            text += "(" + ", ".join(repr(value) for value in self.values) + ")"
        elif self.args:
            text += "(" + ",".join(str(arg) for arg in self.args) + ")"
        return text + (" unsigned" if self.unsigned else "")


@dataclass(frozen=True)
class Default:
    """A column default: a literal value (always data) or an SQL expression.

    A literal keeps its value as text in a normal form for the column's type: `true` and
    `false` for booleans, the shortest decimal for numbers, compact JSON for json.
    """

    kind: DefaultKind
    value: str

    def __str__(self) -> str:
        return self.value if self.kind == "expression" else repr(self.value)


@dataclass(frozen=True)
class Column:
    name: str
    type: SqlType
    nullable: bool = False
    default: Default | None = None
    auto_increment: bool = False
    comment: str | None = None
    collation: str | None = None
    renamed_from: str | None = field(default=None, compare=False)
    origin: str = field(default="", compare=False)


@dataclass(frozen=True)
class IndexColumn:
    name: str
    descending: bool = False
    length: int | None = None


@dataclass(frozen=True)
class PrimaryKey:
    name: str
    columns: tuple[str, ...]
    origin: str = field(default="", compare=False)


@dataclass(frozen=True)
class Index:
    """An index or a unique key.

    `constraint` marks a PostgreSQL UNIQUE constraint (as opposed to a unique index);
    `implicit` marks the index InnoDB creates by itself for a foreign key, which the model
    holds so a catalog read back compares equal, but which is never rendered.
    """

    name: str
    columns: tuple[IndexColumn, ...]
    unique: bool = False
    constraint: bool = False
    using: str | None = None
    where: str | None = None
    implicit: bool = False
    renamed_from: str | None = field(default=None, compare=False)
    origin: str = field(default="", compare=False)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)


@dataclass(frozen=True)
class ForeignKey:
    name: str
    columns: tuple[str, ...]
    ref_table: str
    ref_columns: tuple[str, ...]
    on_delete: Action = "no action"
    on_update: Action = "no action"
    origin: str = field(default="", compare=False)


@dataclass(frozen=True)
class Check:
    """A CHECK constraint; `enum_column` marks one that stands in for an ENUM type."""

    name: str
    expression: str
    enum_column: str | None = None
    origin: str = field(default="", compare=False)


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    primary_key: PrimaryKey | None = None
    indexes: tuple[Index, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()
    checks: tuple[Check, ...] = ()
    comment: str | None = None
    options: tuple[tuple[str, str], ...] = ()
    renamed_from: str | None = field(default=None, compare=False)
    origin: str = field(default="", compare=False)

    def column(self, name: str) -> Column | None:
        return next((column for column in self.columns if column.name == name), None)

    def index(self, name: str) -> Index | None:
        return next((index for index in self.indexes if index.name == name), None)


@dataclass(frozen=True)
class Schema:
    dialect: str
    tables: tuple[Table, ...]

    def table(self, name: str) -> Table | None:
        return next((table for table in self.tables if table.name == name), None)

    def without_hints(self) -> Schema:
        """The same schema with every rename hint dropped, as the next state to keep."""
        return replace(self, tables=tuple(_strip_table(table) for table in self.tables))


def _strip_table(table: Table) -> Table:
    columns = tuple(replace(column, renamed_from=None) for column in table.columns)
    indexes = tuple(replace(index, renamed_from=None) for index in table.indexes)
    return replace(table, columns=columns, indexes=indexes, renamed_from=None)
