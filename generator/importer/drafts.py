"""Tables as they are being read: mutable drafts that end as frozen model tables.

A dump builds a table in pieces (CREATE TABLE, then ALTER TABLE ... ADD CONSTRAINT, CREATE
INDEX, COMMENT ON, a sequence's OWNED BY); the drafts collect the pieces with the line each
came from, so a note can point at it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..model import Check, Column, ForeignKey, Index, PrimaryKey, Schema, Table


@dataclass
class TableDraft:
    name: str
    line: int
    columns: dict[str, Column] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # object name -> its line
    sequences: dict[str, str] = field(default_factory=dict)  # column -> nextval sequence
    enum_columns: dict[str, str] = field(default_factory=dict)  # column -> PostgreSQL enum
    charsets: dict[str, str] = field(default_factory=dict)  # column -> CHARACTER SET
    unnamed_foreign_keys: set[str] = field(default_factory=set)  # names the server chose
    primary_key: PrimaryKey | None = None
    indexes: list[Index] = field(default_factory=list)
    foreign_keys: list[ForeignKey] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    comment: str | None = None
    options: dict[str, str] = field(default_factory=dict)

    def set_column(self, column: Column, line: int | None = None) -> None:
        self.columns[column.name] = column
        if line is not None:
            self.lines[f"column {column.name}"] = line

    def update_column(self, name: str, **changes) -> bool:
        """Change a column in place; False when the table has no such column."""
        if name not in self.columns:
            return False
        self.columns[name] = replace(self.columns[name], **changes)
        return True

    def line_of(self, kind: str, name: str) -> int:
        return self.lines.get(f"{kind} {name}", self.line)

    def remember(self, kind: str, name: str, line: int) -> None:
        self.lines[f"{kind} {name}"] = line

    def freeze(self) -> Table:
        return Table(
            name=self.name, columns=tuple(self.columns.values()),
            primary_key=self.primary_key, indexes=tuple(self.indexes),
            foreign_keys=tuple(self.foreign_keys), checks=tuple(self.checks),
            comment=self.comment, options=tuple(sorted(self.options.items())),
            origin=f"line {self.line}",
        )


@dataclass
class SequenceDraft:
    """A PostgreSQL sequence: plain when its options are the defaults serial would give."""

    name: str
    line: int
    plain: bool
    owner: tuple[str, str] | None = None  # (table, column) of OWNED BY
    data_type: str | None = None


@dataclass
class Drafts:
    """Everything read so far from one file."""

    dialect: str
    tables: dict[str, TableDraft] = field(default_factory=dict)
    enum_types: dict[str, tuple[str, ...]] = field(default_factory=dict)
    enum_lines: dict[str, int] = field(default_factory=dict)
    sequences: dict[str, SequenceDraft] = field(default_factory=dict)
    left_out: set[str] = field(default_factory=set)  # tables not imported, by name

    def schema(self, dialect_name: str) -> Schema:
        return Schema(dialect_name, tuple(draft.freeze() for draft in self.tables.values()))
