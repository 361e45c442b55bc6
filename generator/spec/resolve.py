"""From the checked spec to the model of one dialect: groups expanded, types mapped, names given.

Resolution never stops at the first problem: what it cannot resolve becomes a finding and is
left out, so every problem of a file is reported in one run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlglot
from sqlglot import exp

from .. import naming, types
from ..dialects import Dialect
from ..findings import Finding
from ..model import (Check, Column, Default, ForeignKey, Index, IndexColumn, PrimaryKey,
                     Schema, Table)
from . import format as fmt
from .values import Fit, normalize


@dataclass
class Resolution:
    schema: Schema
    findings: list[Finding] = field(default_factory=list)


@dataclass
class _Context:
    spec: fmt.SchemaSpec
    dialect: Dialect
    findings: list[Finding] = field(default_factory=list)

    def error(self, code: str, path: str, message: str) -> None:
        self.findings.append(Finding(code, message, path, dialect=self.dialect.name))


def resolve(spec: fmt.SchemaSpec, dialect: Dialect) -> Resolution:
    context = _Context(spec, dialect)
    tables = tuple(
        _table(context, name, table) for name, table in spec.tables.items()
    )
    return Resolution(Schema(dialect.name, tables), context.findings)


def column_entries(spec: fmt.SchemaSpec, name: str, table: fmt.TableSpec
                   ) -> list[tuple[str, fmt.ColumnSpec, str]]:
    """The table's columns with its groups appended: (name, spec, YAML path) each."""
    path = f"tables.{name}"
    entries = [(column, _full(entry), f"{path}.columns.{column}")
               for column, entry in table.columns.items()]
    for group_name in table.include:
        group = spec.column_groups.get(group_name)
        for column, entry in (group.columns.items() if group else ()):
            entries.append((column, _full(entry), f"column_groups.{group_name}.columns.{column}"))
    return entries


def _full(entry: fmt.ColumnEntry) -> fmt.ColumnSpec:
    return fmt.ColumnSpec(type=entry) if isinstance(entry, str) else entry


def _table(context: _Context, name: str, spec: fmt.TableSpec) -> Table:
    path = f"tables.{name}"
    entries = column_entries(context.spec, name, spec)
    columns = tuple(
        column for column in (_column(context, *entry) for entry in entries) if column
    )
    portable = {column_name: column_spec for column_name, column_spec, _ in entries}

    primary_key = _primary_key(context, name, spec, entries)
    indexes = _uniques(context, name, spec, entries) + _indexes(context, name, spec, entries)
    foreign_keys = _foreign_keys(context, name, spec, entries)
    enum_checks = _enum_checks(context, name, portable) + _unsigned_checks(context, name,
                                                                           portable)
    checks = enum_checks + _checks(context, name, spec, {c.name for c in enum_checks})
    if context.dialect.fk_creates_index:
        indexes += _implicit_fk_indexes(primary_key, indexes, foreign_keys)

    return Table(
        name=name, columns=columns, primary_key=primary_key, indexes=indexes,
        foreign_keys=foreign_keys, checks=checks, comment=spec.comment,
        options=_options(context, spec), renamed_from=spec.renamed_from, origin=path,
    )


def _column(context: _Context, name: str, spec: fmt.ColumnSpec, path: str) -> Column | None:
    override = spec.overrides.get(context.dialect.name) or (
        spec.overrides.get("mysql") if context.dialect.name == "mariadb" else None)
    type_text = (override and override.type) or spec.type
    try:
        portable = types.parse(type_text)
    except types.TypeError_ as error:
        context.error("type-unknown", f"{path}.type", str(error))
        return None
    values = tuple(spec.values or ())
    sql_type = types.native(portable, context.dialect, spec.unsigned, values)
    return Column(
        name=name, type=sql_type, nullable=spec.nullable,
        default=_default(context, spec, override, portable, path),
        auto_increment=spec.auto_increment, comment=spec.comment,
        collation=(override and override.collation) or _collation(context, spec),
        renamed_from=spec.renamed_from, origin=path,
    )


# What PostgreSQL stores an integer in: without UNSIGNED, its signed range is the limit.
_SIGNED_BITS = {"smallint": 16, "integer": 32, "bigint": 64}


def _collation(context: _Context, spec: fmt.ColumnSpec) -> str | None:
    """`collation:` names a MySQL collation; PostgreSQL takes one only from its override."""
    return spec.collation if context.dialect.table_options else None


def _default(context: _Context, spec: fmt.ColumnSpec, override: fmt.ColumnOverride | None,
             portable: types.Portable, path: str) -> Default | None:
    source: fmt.ColumnSpec | fmt.ColumnOverride = spec
    if override and (override.default is not None or override.default_sql is not None):
        source = override
    if source.default_sql is not None:
        return Default("expression", source.default_sql.strip())
    if source.default is None:
        return None
    # Only the native TIMESTAMP of a dialect that keeps it as 32-bit seconds has 1970..2038.
    native = types.native(portable, context.dialect, spec.unsigned, tuple(spec.values or ()))
    fit = Fit(portable.name, portable.args, spec.unsigned,
              native.name == "timestamp" and context.dialect.epoch_timestamp,
              None if context.dialect.unsigned else _SIGNED_BITS.get(native.name))
    try:
        return Default("literal", normalize(source.default, types.family(portable), fit))
    except ValueError as error:
        context.error("default-type", f"{path}.default", f"The default does not fit: {error}")
        return None


def _primary_key(context: _Context, table: str, spec: fmt.TableSpec,
                 entries: list[tuple[str, fmt.ColumnSpec, str]]) -> PrimaryKey | None:
    flagged = [(name, path) for name, column, path in entries if column.primary]
    path = f"tables.{table}.primary_key"
    if spec.primary_key and flagged:
        context.error("primary-key-twice", path,
                      "Declare the primary key once: either `primary_key:` on the table or "
                      "`primary: true` on one column.")
    if len(flagged) > 1:
        context.error("primary-key-twice", flagged[1][1],
                      "Several columns say `primary: true`; list them in the table's "
                      "`primary_key:` instead.")
    columns = tuple(spec.primary_key or [name for name, _ in flagged[:1]])
    if not columns:
        return None
    origin = path if spec.primary_key else flagged[0][1]
    return PrimaryKey(naming.fit(context.dialect.pk_name(table)), columns, origin)


def _uniques(context: _Context, table: str, spec: fmt.TableSpec,
             entries: list[tuple[str, fmt.ColumnSpec, str]]) -> tuple[Index, ...]:
    template = context.spec.settings.naming.unique
    constraint = context.dialect.unique_constraints
    found = [
        Index(_name(column.unique, template, table, (name,)), (IndexColumn(name),), unique=True,
              constraint=constraint, origin=f"{path}.unique")
        for name, column, path in entries if column.unique
    ]
    for i, unique in enumerate(spec.unique):
        columns = tuple(unique.columns)
        found.append(Index(
            _name(unique.name, template, table, columns),
            tuple(IndexColumn(column) for column in columns), unique=True,
            constraint=constraint, renamed_from=unique.renamed_from,
            origin=f"tables.{table}.unique[{i}]"))
    return tuple(found)


def _indexes(context: _Context, table: str, spec: fmt.TableSpec,
             entries: list[tuple[str, fmt.ColumnSpec, str]]) -> tuple[Index, ...]:
    naming_ = context.spec.settings.naming
    found = [
        Index(_name(column.index, naming_.index, table, (name,)), (IndexColumn(name),),
              origin=f"{path}.index")
        for name, column, path in entries if column.index
    ]
    listed = [(index, f"tables.{table}.indexes[{i}]") for i, index in enumerate(spec.indexes)]
    for group_name in spec.include:
        group = context.spec.column_groups.get(group_name)
        listed += [(index, f"column_groups.{group_name}.indexes[{i}]")
                   for i, index in enumerate(group.indexes if group else ())]
    for index, path in listed:
        if index.dialects is None or context.dialect.name in index.dialects:
            found.append(_index(context, table, index, path))
    return tuple(found)


def _index(context: _Context, table: str, spec: fmt.IndexSpec, path: str) -> Index:
    dialect = context.dialect
    columns = tuple(
        IndexColumn(entry, False, None) if isinstance(entry, str) else
        IndexColumn(entry.column, entry.order == "desc",
                    entry.length if dialect.prefix_indexes else None)
        for entry in spec.columns
    )
    template = context.spec.settings.naming.unique if spec.unique else \
        context.spec.settings.naming.index
    name = _name(spec.name, template, table, tuple(column.name for column in columns))
    return Index(
        name, columns, unique=spec.unique,
        using=spec.using if dialect.index_methods else None,
        where=spec.where if dialect.partial_indexes else None,
        renamed_from=spec.renamed_from, origin=path,
    )


def _foreign_keys(context: _Context, table: str, spec: fmt.TableSpec,
                  entries: list[tuple[str, fmt.ColumnSpec, str]]) -> tuple[ForeignKey, ...]:
    template = context.spec.settings.naming.foreign
    found = []
    for name, column, path in entries:
        if not column.references:
            continue
        target_table, _, target_column = column.references.rpartition(".")
        if not target_table:
            context.error("fk-reference-syntax", f"{path}.references",
                          f"Write the target as `table.column`, not '{column.references}'.")
            continue
        found.append(ForeignKey(
            _name(column.foreign_key_name, template, table, (name,)), (name,), target_table,
            (target_column,), column.on_delete or "no action", column.on_update or "no action",
            origin=f"{path}.references"))
    for i, fk in enumerate(spec.foreign_keys):
        columns = tuple(fk.columns)
        found.append(ForeignKey(
            _name(fk.name, template, table, columns), columns, fk.references.table,
            tuple(fk.references.columns), fk.on_delete or "no action",
            fk.on_update or "no action", origin=f"tables.{table}.foreign_keys[{i}]"))
    return tuple(found)


def _checks(context: _Context, table: str, spec: fmt.TableSpec,
            taken: set[str]) -> tuple[Check, ...]:
    """Table checks; an unnamed one is named after the columns it reads, as PostgreSQL does."""
    template = context.spec.settings.naming.check
    checks = []
    for i, check in enumerate(spec.checks):
        name = check.name or _unique_name(
            _name(None, template, table, _check_columns(check.expression, context)), taken)
        taken.add(name)
        checks.append(Check(name, check.expression.strip(),
                            origin=f"tables.{table}.checks[{i}]"))
    return tuple(checks)


def _check_columns(expression: str, context: _Context) -> tuple[str, ...]:
    try:
        parsed = sqlglot.parse_one(expression, read=context.dialect.sqlglot)
    except sqlglot.errors.ParseError:
        return ("expr",)  # reported by the sql-syntax rule
    names = dict.fromkeys(column.name for column in parsed.find_all(exp.Column))
    return tuple(names) or ("expr",)


def _unique_name(name: str, taken: set[str]) -> str:
    counter = 1
    candidate = name
    while candidate in taken:
        candidate = naming.fit(f"{name}{counter}")
        counter += 1
    return candidate


def _unsigned_checks(context: _Context, table: str,
                     portable: dict[str, fmt.ColumnSpec]) -> tuple[Check, ...]:
    """Without UNSIGNED types (PostgreSQL) an unsigned column keeps its promise by a CHECK."""
    if context.dialect.unsigned:
        return ()
    from ..dialects import quote

    template = context.spec.settings.naming.enum_check
    return tuple(
        Check(_name(None, template, table, (name,)), f"{quote(context.dialect, name)} >= 0",
              origin=f"tables.{table}.columns.{name}.unsigned")
        for name, column in portable.items()
        if column.unsigned and not column.auto_increment
    )


def _enum_checks(context: _Context, table: str,
                 portable: dict[str, fmt.ColumnSpec]) -> tuple[Check, ...]:
    """PostgreSQL has no ENUM column type here: a CHECK lists the values, as Laravel does."""
    if context.dialect.native_enum:
        return ()
    template = context.spec.settings.naming.enum_check
    checks = []
    for name, column in portable.items():
        if column.type.strip().lower() != "enum" or not column.values:
            continue
        checks.append(Check(_name(None, template, table, (name,)),
                            enum_check_expression(context.dialect, name, column.values),
                            enum_column=name,
                            origin=f"tables.{table}.columns.{name}.values"))
    return tuple(checks)


def enum_check_expression(dialect: Dialect, column: str, values: list[str] | tuple[str, ...]
                          ) -> str:
    from ..dialects import quote, string_literal

    listed = ", ".join(string_literal(dialect, value) for value in values)
    return f"{quote(dialect, column)} IN ({listed})"


def _implicit_fk_indexes(primary_key: PrimaryKey | None, indexes: tuple[Index, ...],
                         foreign_keys: tuple[ForeignKey, ...]) -> tuple[Index, ...]:
    """The index InnoDB adds, named after the constraint, for a foreign key without one.

    https://dev.mysql.com/doc/refman/8.0/en/create-table-foreign-keys.html
    """
    leading = [index.column_names for index in indexes]
    if primary_key:
        leading.append(primary_key.columns)
    implicit = []
    for fk in foreign_keys:
        if any(columns[: len(fk.columns)] == fk.columns for columns in leading):
            continue
        implicit.append(Index(fk.name, tuple(IndexColumn(c) for c in fk.columns),
                              implicit=True, origin=fk.origin))
        leading.append(fk.columns)
    return tuple(implicit)


def _options(context: _Context, spec: fmt.TableSpec) -> tuple[tuple[str, str], ...]:
    if not context.dialect.table_options:
        return ()
    defaults = context.spec.settings.mysql
    table = spec.options.mysql if spec.options and spec.options.mysql else None
    chosen = {
        "engine": (table and table.engine) or defaults.engine,
        "charset": (table and table.charset) or defaults.charset,
        "collation": (table and table.collation) or defaults.collation,
        "row_format": table and table.row_format,
    }
    return tuple(sorted((key, value) for key, value in chosen.items() if value))


def _name(given: str | bool | None, template: str, table: str, columns: tuple[str, ...]) -> str:
    if isinstance(given, str):
        return given
    return naming.generated(template, table, columns)
