"""The pydantic models of `schema.yaml`: the boundary where untrusted YAML becomes data.

Every model forbids unknown keys, so a misspelt key is an error with its location rather
than a silently ignored line. The models check the shape of the file only; what depends on
the whole schema (does a foreign key point at a real column?) lives in `generator.checks`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal, Union

from pydantic import (AfterValidator, BaseModel, ConfigDict, Discriminator, Field,
                      PlainSerializer, StringConstraints, Tag, field_validator,
                      model_validator)

from .values import plain_numbers, state_number

Identifier = Annotated[str, StringConstraints(min_length=1)]
Word = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_]+$")]
Action = Literal["cascade", "restrict", "set null", "set default", "no action"]
DialectName = Literal["postgres", "mysql", "mariadb"]
# Decimal before float, so pydantic's smart union keeps a YAML number's exact digits; JSON
# data holds plain numbers (JSON numbers are doubles), so the state file writes numbers.
Literal_ = Union[bool, int,  # noqa: UP007 - one member a line reads better here
                 Annotated[Decimal, PlainSerializer(state_number, when_used="json")],
                 float, str, Annotated[dict, AfterValidator(plain_numbers)],
                 Annotated[list, AfterValidator(plain_numbers)]]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LintIgnore(Strict):
    """Silences one lint rule on the object it sits on; the reason is required."""

    rule: str = Field(description="The rule id to silence, for example `fk-without-index`.")
    reason: str = Field(min_length=3, description="Why the finding does not apply here.")


class ColumnOverride(Strict):
    """What a column becomes on one dialect when the portable form does not fit."""

    type: str | None = Field(None, description="Portable type used on this dialect only.")
    default: Literal_ | None = Field(None, description="Literal default on this dialect only.")
    default_sql: str | None = Field(None, description="SQL expression default, this dialect.")
    collation: Word | None = Field(None, description="Column collation on this dialect.")


class ColumnSpec(Strict):
    """One column. NOT NULL unless `nullable: true`, as in Laravel and Prisma."""

    type: str = Field(description="Portable type: `string(100)`, `uuid`, `decimal(10,2)`, ...")
    nullable: bool = False
    default: Literal_ | None = Field(
        None,
        description="A literal value, always data: the string `now` stays the string 'now'. "
        "On a json column a mapping or list is the JSON value itself.",
    )
    default_sql: str | None = Field(
        None, description="An SQL expression, emitted as written: `CURRENT_TIMESTAMP`."
    )
    comment: str | None = None
    unsigned: bool = Field(False, description="MySQL UNSIGNED; PostgreSQL has none.")
    auto_increment: bool = Field(False, description="AUTO_INCREMENT / serial / identity.")
    values: list[str] | None = Field(None, description="The allowed values of an `enum`.")
    primary: bool = Field(False, description="Shorthand for a one-column primary key.")
    unique: bool | str = Field(False, description="Shorthand unique key; a string names it.")
    index: bool | str = Field(False, description="Shorthand plain index; a string names it.")
    references: str | None = Field(
        None, description="Shorthand foreign key to `table.column`."
    )
    on_delete: Action | None = None
    on_update: Action | None = None
    foreign_key_name: str | None = Field(None, description="Name of the shorthand foreign key.")
    collation: Word | None = None
    renamed_from: str | None = Field(
        None, description="The column's previous name; the next migration renames it."
    )
    overrides: dict[DialectName, ColumnOverride] = Field(default_factory=dict)
    lint_ignore: list[LintIgnore] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_default(self) -> ColumnSpec:
        if self.default is not None and self.default_sql is not None:
            raise ValueError(
                "give either `default` (a literal) or `default_sql` (an expression), not both"
            )
        return self


def _shape(value: object) -> str:
    return "short" if isinstance(value, str) else "full"


ColumnEntry = Annotated[
    Annotated[ColumnSpec, Tag("full")] | Annotated[str, Tag("short")],
    Discriminator(_shape),
]


class IndexColumn(Strict):
    """A column of an index with its order and, on MySQL, its prefix length."""

    column: Identifier
    order: Literal["asc", "desc"] = "asc"
    length: int | None = Field(None, gt=0, description="MySQL prefix length in characters.")


IndexColumnEntry = Annotated[
    Annotated[IndexColumn, Tag("full")] | Annotated[Identifier, Tag("short")],
    Discriminator(_shape),
]


class IndexSpec(Strict):
    """A plain or unique index. Unnamed ones follow the naming convention."""

    columns: list[IndexColumnEntry] = Field(min_length=1)
    name: str | None = None
    unique: bool = False
    using: Word | None = Field(None, description="PostgreSQL index method: btree, gin, ...")
    where: str | None = Field(None, description="PostgreSQL partial index predicate (SQL).")
    dialects: list[DialectName] | None = Field(
        None, description="Create the index only on these targets (for example a gin index)."
    )
    renamed_from: str | None = None
    lint_ignore: list[LintIgnore] = Field(default_factory=list)


class UniqueSpec(Strict):
    """A unique constraint (a unique index on MySQL)."""

    columns: list[Identifier] = Field(min_length=1)
    name: str | None = None
    renamed_from: str | None = None


class ForeignKeySpec(Strict):
    """A foreign key; composite keys pair `columns` and `references.columns` in order."""

    columns: list[Identifier] = Field(min_length=1)
    references: ForeignTarget
    name: str | None = None
    on_delete: Action | None = None
    on_update: Action | None = None
    lint_ignore: list[LintIgnore] = Field(default_factory=list)


class ForeignTarget(Strict):
    table: Identifier
    columns: list[Identifier] = Field(min_length=1)


class CheckSpec(Strict):
    """A CHECK constraint. The expression is SQL that both dialects must accept."""

    expression: str = Field(min_length=1)
    name: str | None = None


class MySQLTableOptions(Strict):
    engine: Word | None = None
    charset: Word | None = None
    collation: Word | None = None
    row_format: Word | None = None


class TableOptions(Strict):
    mysql: MySQLTableOptions | None = Field(None, description="Also used for mariadb.")


class TableSpec(Strict):
    """A table: its columns in order, then keys, indexes and constraints."""

    comment: str | None = None
    include: list[Identifier] = Field(
        default_factory=list, description="Column groups appended after `columns`, in order."
    )
    columns: dict[Identifier, ColumnEntry] = Field(default_factory=dict)
    primary_key: list[Identifier] | None = Field(None, description="A composite primary key.")
    unique: list[UniqueSpec] = Field(default_factory=list)
    indexes: list[IndexSpec] = Field(default_factory=list)
    foreign_keys: list[ForeignKeySpec] = Field(default_factory=list)
    checks: list[CheckSpec] = Field(default_factory=list)
    options: TableOptions | None = None
    renamed_from: str | None = None
    tenant: Literal["scoped", "global"] | None = Field(
        None, description="`global` exempts a table from the tenant-key rules."
    )
    lint_ignore: list[LintIgnore] = Field(default_factory=list)


class ColumnGroup(Strict):
    """Columns (and indexes) shared by several tables, like Laravel's `timestamps()`."""

    columns: dict[Identifier, ColumnEntry] = Field(min_length=1)
    indexes: list[IndexSpec] = Field(default_factory=list)


class Naming(Strict):
    """Names for unnamed objects. `{table}`, `{columns}` (joined by `_`) and `{column}`."""

    index: str = "{table}_{columns}_index"
    unique: str = "{table}_{columns}_unique"
    foreign: str = "{table}_{columns}_foreign"
    check: str = "{table}_{columns}_check"
    enum_check: str = "{table}_{column}_check"


class PostgresSettings(Strict):
    concurrent_indexes: bool = Field(
        False, description="Build each new index on an existing table with CREATE INDEX "
        "CONCURRENTLY, in a migration of its own (outside a transaction).")


class MySQLSettings(Strict):
    """Table options for every MySQL and MariaDB table, as Laravel's config sets them."""

    engine: Word | None = "InnoDB"
    charset: Word | None = "utf8mb4"
    collation: Word | None = "utf8mb4_unicode_ci"


class Settings(Strict):
    targets: list[DialectName] = Field(
        default_factory=lambda: ["postgres", "mysql", "mariadb"], min_length=1)
    naming: Naming = Field(default_factory=Naming)
    postgres: PostgresSettings = Field(default_factory=PostgresSettings)
    mysql: MySQLSettings = Field(default_factory=MySQLSettings)
    tenant: str | None = Field(
        None, description="The tenant key as `table.column`, for the multi-tenant rules."
    )
    lint_ignore: list[LintIgnore] = Field(
        default_factory=list, description="Lint rules silenced for the whole schema."
    )

    @field_validator("targets")
    @classmethod
    def _distinct_targets(cls, targets: list[str]) -> list[str]:
        if len(set(targets)) != len(targets):
            raise ValueError("list each target once")
        return targets


class SchemaSpec(Strict):
    """The whole file."""

    format: Literal[1] = Field(description="Version of this file format. Always 1 for now.")
    settings: Settings = Field(default_factory=Settings)
    column_groups: dict[Identifier, ColumnGroup] = Field(default_factory=dict)
    tables: dict[Identifier, TableSpec] = Field(min_length=1)


ForeignKeySpec.model_rebuild()
