"""Schema changes as operation objects, each able to give its reverse.

One list of operations feeds the SQL files, `plan` and the down migration: templates render
operations (`templates/<dialect>/<kind>.sql.j2`), and the down migration is the list of
reverses in reverse order. `PHASES` is the one place that fixes the order of a migration.

Every operation names objects as they are called at its place in the migration: a drop
(which runs before the renames) uses the current names, an add or alter (which runs after
them) uses the desired names. The reverse of an operation therefore runs, in the down
migration, against the very state the operation itself saw, and needs no re-ordering.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from .model import Check, Column, ForeignKey, Index, PrimaryKey, Table

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
    "rename_primary_key",
    "create_table",
    "add_column",
    "alter_column",
    "set_table_comment",
    "set_table_options",
    "replace_primary_key",
    "add_primary_key",
    "create_index",
    "add_check",
    "add_foreign_key",
)


@dataclass(frozen=True)
class Operation:
    kind: ClassVar[str] = ""
    destructive: ClassVar[bool] = False  # loses data when applied
    table: str

    def reverse(self) -> Operation:
        raise NotImplementedError(f"{type(self).__name__} has no reverse")

    def describe(self) -> str:
        return f"{self.kind.replace('_', ' ')} on {self.table}"


def phase_of(kind: str) -> int:
    return PHASES.index(kind)


@dataclass(frozen=True)
class CreateTable(Operation):
    """A table with its columns, keys, indexes and checks; its foreign keys come later."""

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
    """A new column; `after` is the column it follows, None for the first place."""

    kind: ClassVar[str] = "add_column"
    column: Column = None  # type: ignore[assignment]
    after: str | None = None

    def reverse(self) -> Operation:
        return DropColumn(self.table, self.column, self.after)

    def describe(self) -> str:
        return f"add column {self.table}.{self.column.name}"


@dataclass(frozen=True)
class DropColumn(Operation):
    """A dropped column; `after` is where its reverse puts it back."""

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
    """A column renamed; `column` is its definition at that point, for CHANGE COLUMN."""

    kind: ClassVar[str] = "rename_column"
    old: str = ""
    new: str = ""
    column: Column | None = None

    def reverse(self) -> Operation:
        return RenameColumn(self.table, self.new, self.old, self.column)

    def describe(self) -> str:
        return f"rename column {self.table}.{self.old} to {self.new}"


@dataclass(frozen=True)
class AlterColumn(Operation):
    """Any change to one column: type, nullability, default, comment, collation.

    Both sides carry the column's name at this point of the migration (renames come first).
    """

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

    def describe(self) -> str:
        return f"add primary key ({', '.join(self.key.columns)}) on {self.table}"


@dataclass(frozen=True)
class DropPrimaryKey(Operation):
    kind: ClassVar[str] = "drop_primary_key"
    key: PrimaryKey = None  # type: ignore[assignment]

    def reverse(self) -> Operation:
        return AddPrimaryKey(self.table, self.key)

    def describe(self) -> str:
        return f"drop primary key ({', '.join(self.key.columns)}) on {self.table}"


@dataclass(frozen=True)
class ReplacePrimaryKey(Operation):
    """The primary key moved to other columns in one statement, after the column changes.

    MySQL refuses to leave an AUTO_INCREMENT column without a key even between two
    statements (error 1075), so the drop and the add cannot be apart.
    """

    kind: ClassVar[str] = "replace_primary_key"
    current: PrimaryKey = None  # type: ignore[assignment]
    desired: PrimaryKey = None  # type: ignore[assignment]

    def reverse(self) -> Operation:
        return ReplacePrimaryKey(self.table, self.desired, self.current)

    def describe(self) -> str:
        return (f"replace primary key ({', '.join(self.current.columns)}) with "
                f"({', '.join(self.desired.columns)}) on {self.table}")


@dataclass(frozen=True)
class RenamePrimaryKey(Operation):
    """The primary key's constraint renamed, as a table rename changes `{table}_pkey`."""

    kind: ClassVar[str] = "rename_primary_key"
    old: str = ""
    new: str = ""

    def reverse(self) -> Operation:
        return RenamePrimaryKey(self.table, self.new, self.old)

    def describe(self) -> str:
        return f"rename primary key {self.old} to {self.new} on {self.table}"


@dataclass(frozen=True)
class CreateIndex(Operation):
    """An index, a unique index or (where the dialect has them) a unique constraint."""

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
    """An index renamed; `index` is its definition, which says whether it is a constraint."""

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
    """A foreign key; `implicit_index` is the index InnoDB creates with it, if any.

    Adding the key creates that index by itself, so nothing renders it; the reverse drops
    it together with the key, because InnoDB would keep it otherwise.
    """

    kind: ClassVar[str] = "add_foreign_key"
    foreign_key: ForeignKey = None  # type: ignore[assignment]
    implicit_index: Index | None = None

    def reverse(self) -> Operation:
        return DropForeignKey(self.table, self.foreign_key, self.implicit_index)

    def describe(self) -> str:
        return f"add foreign key {self.foreign_key.name} on {self.table}"


@dataclass(frozen=True)
class DropForeignKey(Operation):
    """A dropped foreign key; `implicit_index` is its InnoDB index, dropped with it."""

    kind: ClassVar[str] = "drop_foreign_key"
    foreign_key: ForeignKey = None  # type: ignore[assignment]
    implicit_index: Index | None = None

    def reverse(self) -> Operation:
        return AddForeignKey(self.table, self.foreign_key, self.implicit_index)

    def describe(self) -> str:
        return f"drop foreign key {self.foreign_key.name} on {self.table}"


@dataclass(frozen=True)
class AddCheck(Operation):
    kind: ClassVar[str] = "add_check"
    check: Check = None  # type: ignore[assignment]

    def reverse(self) -> Operation:
        return DropCheck(self.table, self.check)

    def describe(self) -> str:
        return f"add check {self.check.name} on {self.table}"


@dataclass(frozen=True)
class DropCheck(Operation):
    kind: ClassVar[str] = "drop_check"
    check: Check = None  # type: ignore[assignment]

    def reverse(self) -> Operation:
        return AddCheck(self.table, self.check)

    def describe(self) -> str:
        return f"drop check {self.check.name} on {self.table}"


@dataclass(frozen=True)
class SetTableComment(Operation):
    kind: ClassVar[str] = "set_table_comment"
    current: str | None = None
    desired: str | None = None

    def reverse(self) -> Operation:
        return SetTableComment(self.table, self.desired, self.current)

    def describe(self) -> str:
        return f"set comment on {self.table}"


@dataclass(frozen=True)
class SetTableOptions(Operation):
    """MySQL table options (engine, charset, collation, row format) changed."""

    kind: ClassVar[str] = "set_table_options"
    current: tuple[tuple[str, str], ...] = ()
    desired: tuple[tuple[str, str], ...] = ()

    def reverse(self) -> Operation:
        return SetTableOptions(self.table, self.desired, self.current)

    def describe(self) -> str:
        return f"set table options on {self.table}"


def ordered(operations: list[Operation]) -> list[Operation]:
    """Operations sorted by phase; within a phase the given order is kept."""
    return sorted(operations, key=lambda op: phase_of(op.kind))


def reversed_plan(operations: list[Operation]) -> list[Operation]:
    """The down migration: the reverse of every operation, last one first.

    Each reverse runs against the state its operation left, so the plain reversal is valid
    wherever the up migration is; sorting it by phase again would break renames.
    """
    return [operation.reverse() for operation in reversed(operations)]
