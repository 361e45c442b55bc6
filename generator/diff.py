"""Compare two models of one dialect and list the operations from `current` to `desired`.

Set algebra over names: added, removed, changed, unchanged, with the sides called
`current_*` and `desired_*` throughout. A rename is only ever taken from a `renamed_from`
hint (tables, columns, indexes) or, for an index, from the same definition under a new
name; anything else that disappears is dropped, and `warnings` says so.

Before comparing, the current side of a kept table is *translated*: renamed tables and
columns get their desired names inside keys, indexes and foreign keys, so that a rename
alone never looks like a changed key.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from . import dialects, operations as ops
from .dialects import Dialect
from .findings import Finding
from .model import Column, ForeignKey, Index, Schema, Table
from .render import dependency_order

log = logging.getLogger("schemagen.diff")


class DiffUnsupported(Exception):
    """A change this version cannot express as a migration."""


@dataclass
class Pair:
    """A table kept from current to desired, possibly renamed."""

    current: Table  # as the current state has it
    desired: Table
    translated: Table  # `current` with the renames of this migration applied
    columns: dict[str, str] = field(default_factory=dict)  # renamed: current -> desired


@dataclass
class Matching:
    pairs: list[Pair]
    removed: list[Table]  # current tables that do not survive
    added: list[Table]  # desired tables that do not exist yet


@dataclass
class Touched:
    """What foreign keys may depend on and this migration rebuilds, in desired names."""

    retyped: set[tuple[str, str]] = field(default_factory=set)  # (table, column)
    keys: set[tuple[str, tuple[str, ...]]] = field(default_factory=set)  # (table, columns)


def diff(current: Schema, desired: Schema) -> list[ops.Operation]:
    """The operations that turn `current` into `desired`, in phase order."""
    dialect = dialects.get(desired.dialect)
    matching = match(current, desired)
    found: list[ops.Operation] = []
    for table in matching.removed:
        found += [ops.DropForeignKey(table.name, fk) for fk in table.foreign_keys]
        found.append(ops.DropTable(table.name, table))
    found += [ops.CreateTable(table.name, table) for table in matching.added]

    touched = Touched()
    for pair in matching.pairs:
        found += _table_changes(pair, dialect, touched)
    for pair in matching.pairs:
        found += _foreign_key_changes(pair, dialect, touched)
    found += [ops.AddForeignKey(t.name, fk) for t in matching.added for fk in t.foreign_keys]

    log.info("%s: %d operation(s)", desired.dialect, len(found))
    return ops.ordered(found)


# --- matching tables and columns --------------------------------------------------------


def match(current: Schema, desired: Schema) -> Matching:
    """Pair the tables of both sides by name and by `renamed_from` hints."""
    current_tables = {table.name: table for table in current.tables}
    desired_tables = {table.name: table for table in desired.tables}
    table_renames = hinted_renames(
        set(current_tables), {t.name: t.renamed_from for t in desired.tables}, "Table",
        where=lambda name: f"tables.{name}.renamed_from")
    survivors = {table_renames.get(name, name): name for name in current_tables
                 if table_renames.get(name, name) in desired_tables}  # desired -> current
    column_renames = {current_name: _column_renames(current_tables[current_name],
                                                    desired_tables[desired_name])
                      for desired_name, current_name in survivors.items()}

    pairs = []
    for table in desired.tables:
        if table.name in survivors:
            old = current_tables[survivors[table.name]]
            pairs.append(Pair(old, table, translate(old, table_renames, column_renames),
                              column_renames[old.name]))
    removed = [t for t in current.tables
               if table_renames.get(t.name, t.name) not in desired_tables]
    added = [t for t in dependency_order(desired.tables) if t.name not in survivors]
    return Matching(pairs, removed, added)


def _column_renames(current: Table, desired: Table) -> dict[str, str]:
    hints = {column.name: column.renamed_from for column in desired.columns}
    return hinted_renames({c.name for c in current.columns}, hints,
                          f"Column {desired.name}.", joined=True,
                          where=lambda name: f"tables.{desired.name}.columns.{name}.renamed_from")


def hinted_renames(current: set[str], hints: dict[str, str | None], what: str,
                   joined: bool = False,
                   where: Callable[[str], str] = str) -> dict[str, str]:
    """Current name -> desired name for every `renamed_from` hint that still has work to do.

    A hint whose new name already exists on the current side was applied by an earlier
    migration and is ignored. One that names nothing while the new name is not there either
    is a typo: taken silently it would drop the old object and add an empty new one.
    An empty current side (a first migration, a new target) has nothing to rename.
    """
    def label(name: str) -> str:
        return f"{what}{name}" if joined else f"{what} '{name}'"

    kind = what.split()[0].lower()
    renames: dict[str, str] = {}
    for new, old in hints.items():
        if old is not None and current and old not in current and new not in current:
            raise DiffUnsupported(
                f"{where(new)} names '{old}', but there is no {kind} '{old}' to rename "
                f"(there are: {', '.join(sorted(current))}); correct the hint, or remove it "
                f"to add '{new}' as a new {kind}.")
        if old is None or old == new or old not in current:
            continue
        if new in current:
            if hints.get(old) == new:
                raise DiffUnsupported(
                    f"{label(new)} and '{old}' swap names, which one migration cannot do; "
                    "rename one of them to a temporary name in a migration of its own first.")
            continue
        if old in hints:
            raise DiffUnsupported(
                f"{label(new)} says `renamed_from: {old}`, but '{old}' is still in the "
                "schema; remove the hint or the old one.")
        if old in renames:
            raise DiffUnsupported(
                f"{label(new)} and '{renames[old]}' are both `renamed_from: {old}`; keep the "
                "hint on one of them.")
        renames[old] = new
    return renames


def translate(table: Table, table_renames: dict[str, str],
              column_renames: dict[str, dict[str, str]]) -> Table:
    """`table` as it reads once this migration's renames are done."""
    own = column_renames.get(table.name, {})

    def names(columns: tuple[str, ...], renames: dict[str, str] = own) -> tuple[str, ...]:
        return tuple(renames.get(name, name) for name in columns)

    columns = tuple(replace(c, name=own.get(c.name, c.name)) for c in table.columns)
    key = table.primary_key and replace(table.primary_key,
                                        columns=names(table.primary_key.columns))
    indexes = tuple(
        replace(index, columns=tuple(replace(part, name=own.get(part.name, part.name))
                                     for part in index.columns))
        for index in table.indexes)
    foreign_keys = tuple(
        replace(fk, columns=names(fk.columns),
                ref_table=table_renames.get(fk.ref_table, fk.ref_table),
                ref_columns=names(fk.ref_columns, column_renames.get(fk.ref_table, {})))
        for fk in table.foreign_keys)
    return replace(table, name=table_renames.get(table.name, table.name), columns=columns,
                   primary_key=key, indexes=indexes, foreign_keys=foreign_keys)


# --- one kept table ----------------------------------------------------------------------


def _table_changes(pair: Pair, dialect: Dialect, touched: Touched) -> list[ops.Operation]:
    found: list[ops.Operation] = []
    if pair.current.name != pair.desired.name:
        found.append(ops.RenameTable(pair.current.name, pair.desired.name))
    found += _column_changes(pair, dialect, touched)
    found += _primary_key_changes(pair, touched)
    found += _index_changes(pair, touched)
    found += _check_changes(pair)
    current, desired = pair.translated, pair.desired
    if current.comment != desired.comment:
        found.append(ops.SetTableComment(desired.name, current.comment, desired.comment))
    if current.options != desired.options:
        found.append(ops.SetTableOptions(desired.name, current.options, desired.options))
    return found


def _column_changes(pair: Pair, dialect: Dialect, touched: Touched) -> list[ops.Operation]:
    current_name, desired_name = pair.current.name, pair.desired.name
    current_columns = {c.name: c for c in pair.translated.columns}
    desired_names = [c.name for c in pair.desired.columns]
    found: list[ops.Operation] = []

    kept_before: str | None = None
    for column in pair.current.columns:
        survives = pair.columns.get(column.name, column.name) in desired_names
        if not survives:
            found.append(ops.DropColumn(current_name, column, kept_before))
        else:
            kept_before = column.name

    for old, new in pair.columns.items():
        found.append(ops.RenameColumn(desired_name, old, new, current_columns[new]))

    for position, column in enumerate(pair.desired.columns):
        previous = desired_names[position - 1] if position else None
        current = current_columns.get(column.name)
        if current is None:
            found.append(ops.AddColumn(desired_name, column, previous))
        elif current != column:
            found.append(_alter_column(desired_name, current, column, dialect, touched))
    return found


def _alter_column(table: str, current: Column, desired: Column, dialect: Dialect,
                  touched: Touched) -> ops.AlterColumn:
    if current.auto_increment != desired.auto_increment and not dialect.auto_increment_keyword:
        # TODO(postgres): turning auto_increment on or off needs a sequence or an identity.
        raise DiffUnsupported(
            f"Column {table}.{desired.name} changes auto_increment, which this version "
            f"cannot migrate on {dialect.title}; add a new column instead and copy the data.")
    if (current.type, current.collation) != (desired.type, desired.collation):
        touched.retyped.add((table, desired.name))
    return ops.AlterColumn(table, current, desired)


def _primary_key_changes(pair: Pair, touched: Touched) -> list[ops.Operation]:
    """A key on other columns is replaced in one step once its columns exist; it is dropped
    first only when one of its columns goes away with this migration."""
    current, desired = pair.translated.primary_key, pair.desired.primary_key
    if current == desired:
        return []
    if current and desired and current.columns == desired.columns:
        return [ops.RenamePrimaryKey(pair.desired.name, current.name, desired.name)]
    table = pair.desired.name
    touched.keys |= {(table, key.columns) for key in (current, desired) if key}
    surviving = {column.name for column in pair.desired.columns}
    if current and desired and set(current.columns) <= surviving:
        return [ops.ReplacePrimaryKey(table, current, desired)]
    found: list[ops.Operation] = []
    if current:
        found.append(ops.DropPrimaryKey(pair.current.name, pair.current.primary_key))
    if desired:
        found.append(ops.AddPrimaryKey(table, desired))
    return found


def _index_changes(pair: Pair, touched: Touched) -> list[ops.Operation]:
    """Indexes and unique keys; InnoDB's implicit ones follow their foreign keys instead."""
    originals = {i.name: i for i in pair.current.indexes if not i.implicit}
    current = {i.name: i for i in pair.translated.indexes if not i.implicit}
    desired = {i.name: i for i in pair.desired.indexes if not i.implicit}
    hints = {name: index.renamed_from for name, index in desired.items()}
    renames = hinted_renames(
        set(current), hints, f"Index on {pair.desired.name}",
        where=lambda name: f"tables.{pair.desired.name}.indexes (the index '{name}')"
                           ".renamed_from")
    removed = [name for name in current if name not in desired and name not in renames]
    added = [name for name in desired if name not in current and name not in
             renames.values()]
    renames.update(_same_definition(current, desired, removed, added))

    drops, creates, found = [], [], []
    for old, new in renames.items():
        if replace(current[old], name=new) == desired[new]:
            found.append(ops.RenameIndex(pair.desired.name, old, new, desired[new]))
        else:
            drops.append(old)
            creates.append(new)
    changed = [name for name in desired if name in current and current[name] != desired[name]]
    drops += [name for name in removed if name not in renames] + changed
    creates += [name for name in added if name not in renames.values()] + changed

    for name in drops:
        found.append(ops.DropIndex(pair.current.name, originals[name]))
        touched.keys.add((pair.desired.name, current[name].column_names))
    for name in creates:
        found.append(ops.CreateIndex(pair.desired.name, desired[name]))
        touched.keys.add((pair.desired.name, desired[name].column_names))
    return found


def _same_definition(current: dict[str, Index], desired: dict[str, Index],
                     removed: list[str], added: list[str]) -> dict[str, str]:
    """An index that disappears and one that appears with the same definition: a rename."""
    renames: dict[str, str] = {}
    for new in added:
        old = next((old for old in removed if old not in renames
                    and replace(current[old], name=new) == desired[new]), None)
        if old is not None:
            renames[old] = new
    return renames


def _check_changes(pair: Pair) -> list[ops.Operation]:
    """Checks compare by name and text; an enum's value list is one such check."""
    current = {check.name: check for check in pair.current.checks}
    desired = {check.name: check for check in pair.desired.checks}
    found: list[ops.Operation] = []
    for name, check in current.items():
        if desired.get(name) != check:
            found.append(ops.DropCheck(pair.current.name, check))
    for name, check in desired.items():
        if current.get(name) != check:
            found.append(ops.AddCheck(pair.desired.name, check))
    return found


# --- foreign keys, once every table's own changes are known ------------------------------


def _foreign_key_changes(pair: Pair, dialect: Dialect, touched: Touched
                         ) -> list[ops.Operation]:
    originals = {fk.name: fk for fk in pair.current.foreign_keys}
    current = {fk.name: fk for fk in pair.translated.foreign_keys}
    desired = {fk.name: fk for fk in pair.desired.foreign_keys}
    found: list[ops.Operation] = []
    for name, fk in current.items():
        if desired.get(name) != fk or _rebuilt(fk, pair.desired.name, dialect, touched):
            implicit = _implicit_index(pair.current, name)
            gone = implicit and _implicit_index(pair.translated, name) not in \
                pair.desired.indexes
            found.append(ops.DropForeignKey(pair.current.name, originals[name],
                                            implicit if gone else None))
    for name, fk in desired.items():
        if current.get(name) != fk or _rebuilt(fk, pair.desired.name, dialect, touched):
            implicit = _implicit_index(pair.desired, name)
            new = implicit if implicit not in pair.translated.indexes else None
            found.append(ops.AddForeignKey(pair.desired.name, fk, new))
    return found


def _rebuilt(fk: ForeignKey, table: str, dialect: Dialect, touched: Touched) -> bool:
    """Whether something this key depends on changes, so it is dropped and added again.

    Servers refuse to retype a column a foreign key uses (MariaDB error 1833) and to drop
    the key or index it stands on (PostgreSQL 2BP01, MySQL error 1553).
    """
    if any((table, column) in touched.retyped for column in fk.columns):
        return True
    if any((fk.ref_table, column) in touched.retyped for column in fk.ref_columns):
        return True
    for key_table, columns in touched.keys:
        if key_table == fk.ref_table and _covers(columns, fk.ref_columns):
            return True
        if dialect.fk_creates_index and key_table == table and _covers(columns, fk.columns):
            return True
    return False


def _covers(key: tuple[str, ...], columns: tuple[str, ...]) -> bool:
    return key[: len(columns)] == columns or set(key) == set(columns)


def _implicit_index(table: Table, fk_name: str) -> Index | None:
    return next((i for i in table.indexes if i.implicit and i.name == fk_name), None)


# --- what the user must hear about ------------------------------------------------------


def warnings(operations: list[ops.Operation]) -> list[Finding]:
    """Data a migration loses or may fail on, each with the way to avoid it."""
    renamed = {op.table: op.new_name for op in operations if isinstance(op, ops.RenameTable)}
    created = [op.definition for op in operations if isinstance(op, ops.CreateTable)]
    added = [op for op in operations if isinstance(op, ops.AddColumn)]
    found = []
    for op in operations:
        if isinstance(op, ops.DropTable):
            found.append(_lost_table(op.table, created))
        elif isinstance(op, ops.DropColumn):
            table = renamed.get(op.table, op.table)
            found.append(_lost_column(op.table, op.column.name,
                                      [a for a in added if a.table == table]))
        elif isinstance(op, ops.AlterColumn) and _needs_fill(op.current, op.desired):
            found.append(_unfilled(op))
    return list(dict.fromkeys(found))


def _lost_table(name: str, created: list[Table]) -> Finding:
    message = f"Table '{name}' is dropped with all its rows."
    path = ""
    if created:
        listed = ", ".join(f"'{table.name}'" for table in created)
        message += (f" If it was renamed to {listed}, add `renamed_from: {name}` to that "
                    "table so the migration renames it instead.")
        path = created[0].origin if len(created) == 1 else ""
    return Finding("drop-table", message, path, severity="warning")


def _lost_column(table: str, name: str, added: list[ops.AddColumn]) -> Finding:
    message = f"Column {table}.{name} is dropped with its values."
    path = ""
    if added:
        listed = ", ".join(f"'{op.column.name}'" for op in added)
        message += (f" If it was renamed to {listed}, add `renamed_from: {name}` to that "
                    "column so the migration renames it instead.")
        path = added[0].column.origin if len(added) == 1 else ""
    return Finding("drop-column", message, path, severity="warning")


def _needs_fill(current: Column, desired: Column) -> bool:
    return current.nullable and not desired.nullable and desired.default is None


def _unfilled(op: ops.AlterColumn) -> Finding:
    return Finding(
        "not-null-without-default",
        f"Column {op.table}.{op.desired.name} becomes NOT NULL without a default: the "
        "migration fails if a row holds NULL. Give it a `default:` (existing NULLs are "
        "set to it) or fill the column first.", op.desired.origin, severity="warning")
