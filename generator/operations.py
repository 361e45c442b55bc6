"""Schema changes as operation objects, each able to give its reverse.

One list of operations feeds the SQL files, `plan` and the down migration: templates render
operations (`templates/<dialect>/<kind>.sql.j2`), and the down migration is the reversed
list of reverses. `PHASES` is the one place that fixes the order of a migration.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from .model import Check, Column, ForeignKey, Index, PrimaryKey, Table


@dataclass(frozen=True)
class Operation:
    kind: ClassVar[str] = ""
    phase: ClassVar[int] = 0
    destructive: ClassVar[bool] = False
    table: str

    def reverse(self) -> "Operation":
        raise NotImplementedError(f"{type(self).__name__} has no reverse")

    def describe(self) -> str:
        return f"{self.kind.replace('_', ' ')} on {self.table}"


# Order of phases within one migration: constraints that depend on what changes go first,
# then drops, renames, creates and alters, and constraints that depend on the result last.
PHASES = (
    "drop_foreign_key",
    "drop_check",
    "drop_index",
    "drop_primary_key",
    "drop_column",
    "drop_table",
    "rename_table",
    "rename_column",
    "rename_index",
    "create_table",
    "add_column",
    "alter_column",
    "set_table_comment",
    "set_table_options",
    "add_primary_key",
    "create_index",
    "add_check",
    "add_foreign_key",
)


def phase_of(kind: str) -> int:
    return PHASES.index(kind)


@dataclass(frozen=True)
class CreateTable(Operation):
    kind: ClassVar[str] = "create_table"
    definition: Table = None  # type: ignore[assignment]

    def reverse(self) -> Operation:
        return DropTable(self.table, self.definition)

    def describe(self) -> str:
        return f"create table {self.table}"


@dataclass(frozen=True)
class DropTable(Operation):
    kind: ClassVar[str] = "drop_table"
    destructive: ClassVar[bool] = True
    definition: Table = None  # type: ignore[assignment]

    def reverse(self) -> Operation:
        return CreateTable(self.table, self.definition)

    def describe(self) -> str:
        return f"drop table {self.table}"


@dataclass(frozen=True)
class RenameTable(Operation):
    kind: ClassVar[str] = "rename_table"
    new_name: str = ""

    def reverse(self) -> Operation:
        return RenameTable(self.new_name, self.table)

    def describe(self) -> str:
        return f"rename table {self.table} to {self.new_name}"


@dataclass(frozen=True)
class AddColumn(Operation):
    kind: ClassVar[str] = "add_column"
    column: Column = None  # type: ignore[assignment]
    after: str | None = None

    def reverse(self) -> Operation:
        return DropColumn(self.table, self.column, self.after)

    def describe(self) -> str:
        return f"add column {self.table}.{self.column.name}"


@dataclass(frozen=True)
class DropColumn(Operation):
    kind: ClassVar[str] = "drop_column"
    destructive: ClassVar[bool] = True
    column: Column = None  # type: ignore[assignment]
    after: str | None = None

    def reverse(self) -> Operation:
        return AddColumn(self.table, self.column, self.after)

    def describe(self) -> str:
        return f"drop column {self.table}.{self.column.name}"


@dataclass(frozen=True)
class RenameColumn(Operation):
    kind: ClassVar[str] = "rename_column"
    old: str = ""
    new: str = ""
    column: Column | None = None  # the full definition, for MySQL's CHANGE COLUMN

    def reverse(self) -> Operation:
        return RenameColumn(self.table, self.new, self.old, self.column)

    def describe(self) -> str:
        return f"rename column {self.table}.{self.old} to {self.new}"


@dataclass(frozen=True)
class AlterColumn(Operation):
    """Any change to one column: type, nullability, default, comment, collation."""

    kind: ClassVar[str] = "alter_column"
    current: Column = None  # type: ignore[assignment]
    desired: Column = None  # type: ignore[assignment]

    def reverse(self) -> Operation:
        return AlterColumn(self.table, self.desired, self.current)

    def describe(self) -> str:
        return f"alter column {self.table}.{self.desired.name}"


@dataclass(frozen=True)
class AddPrimaryKey(Operation):
    kind: ClassVar[str] = "add_primary_key"
    key: PrimaryKey = None  # type: ignore[assignment]

    def reverse(self) -> Operation:
        return DropPrimaryKey(self.table, self.key)


@dataclass(frozen=True)
class DropPrimaryKey(Operation):
    kind: ClassVar[str] = "drop_primary_key"
    destructive: ClassVar[bool] = True
    key: PrimaryKey = None  # type: ignore[assignment]

    def reverse(self) -> Operation:
        return AddPrimaryKey(self.table, self.key)


@dataclass(frozen=True)
class CreateIndex(Operation):
    kind: ClassVar[str] = "create_index"
    index: Index = None  # type: ignore[assignment]

    def reverse(self) -> Operation:
        return DropIndex(self.table, self.index)

    def describe(self) -> str:
        return f"create index {self.index.name} on {self.table}"


@dataclass(frozen=True)
class DropIndex(Operation):
    kind: ClassVar[str] = "drop_index"
    index: Index = None  # type: ignore[assignment]

    def reverse(self) -> Operation:
        return CreateIndex(self.table, self.index)

    def describe(self) -> str:
        return f"drop index {self.index.name} on {self.table}"


@dataclass(frozen=True)
class RenameIndex(Operation):
    kind: ClassVar[str] = "rename_index"
    old: str = ""
    new: str = ""
    index: Index | None = None

    def reverse(self) -> Operation:
        return RenameIndex(self.table, self.new, self.old, self.index)

    def describe(self) -> str:
        return f"rename index {self.old} to {self.new} on {self.table}"


@dataclass(frozen=True)
class AddForeignKey(Operation):
    kind: ClassVar[str] = "add_foreign_key"
    foreign_key: ForeignKey = None  # type: ignore[assignment]

    def reverse(self) -> Operation:
        return DropForeignKey(self.table, self.foreign_key)

    def describe(self) -> str:
        return f"add foreign key {self.foreign_key.name} on {self.table}"


@dataclass(frozen=True)
class DropForeignKey(Operation):
    kind: ClassVar[str] = "drop_foreign_key"
    foreign_key: ForeignKey = None  # type: ignore[assignment]

    def reverse(self) -> Operation:
        return AddForeignKey(self.table, self.foreign_key)

    def describe(self) -> str:
        return f"drop foreign key {self.foreign_key.name} on {self.table}"


@dataclass(frozen=True)
class AddCheck(Operation):
    kind: ClassVar[str] = "add_check"
    check: Check = None  # type: ignore[assignment]

    def reverse(self) -> Operation:
        return DropCheck(self.table, self.check)


@dataclass(frozen=True)
class DropCheck(Operation):
    kind: ClassVar[str] = "drop_check"
    check: Check = None  # type: ignore[assignment]

    def reverse(self) -> Operation:
        return AddCheck(self.table, self.check)


@dataclass(frozen=True)
class SetTableComment(Operation):
    kind: ClassVar[str] = "set_table_comment"
    current: str | None = None
    desired: str | None = None

    def reverse(self) -> Operation:
        return SetTableComment(self.table, self.desired, self.current)


@dataclass(frozen=True)
class SetTableOptions(Operation):
    kind: ClassVar[str] = "set_table_options"
    current: tuple[tuple[str, str], ...] = ()
    desired: tuple[tuple[str, str], ...] = ()

    def reverse(self) -> Operation:
        return SetTableOptions(self.table, self.desired, self.current)


def ordered(operations: list[Operation]) -> list[Operation]:
    """Operations sorted by phase; within a phase the given order is kept."""
    return sorted(operations, key=lambda op: phase_of(op.kind))


def reversed_plan(operations: list[Operation]) -> list[Operation]:
    """The down migration: every reverse, in an order valid for the reversed change."""
    return ordered([operation.reverse() for operation in reversed(operations)])
