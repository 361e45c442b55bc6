"""A model schema of one dialect to the data of a schema.yaml: portable types, shorthands,
conventional names left out, column groups recognised.

The result is plain data (dicts and lists in the order they are written) for
`generator.emit`. What the format cannot hold is left out here with a note: a column whose
type has no exact portable type, and then every key, index and check that needs it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace

import sqlglot
from sqlglot import exp

from .. import naming
from ..dialects import Dialect
from ..model import Column, ForeignKey, Index, Schema, Table
from ..spec.format import Naming
from .groups import Group, recognise
from .notes import Notebook
from .portable import PortableType, portable
from ..sqltext import type_family
from ..emit import Number

TARGETS = {"postgres": ["postgres"], "mysql": ["mysql", "mariadb"], "mariadb": ["mariadb"]}
_TABLE_OPTIONS = ("engine", "charset", "collation")


@dataclass
class _Table:
    """One table on its way out: the model table, its portable types, what it keeps."""

    table: Table
    types: dict[str, PortableType] = field(default_factory=dict)


def to_spec(schema: Schema, dialect: Dialect, notebook: Notebook
            ) -> tuple[dict, dict[str, int]]:
    """The schema.yaml data of `schema`, with notes for everything left out.

    The second value maps the YAML paths of tables and columns to their source lines.
    """
    prepared = [_portable_table(table, dialect, notebook) for table in schema.tables]
    prepared = [item for item in prepared if _has_columns(item, notebook)]
    prepared = _drop_dangling_references(prepared, notebook)
    groups, includes = recognise([(p.table, p.types) for p in prepared])
    settings = _settings(schema, dialect)
    data: dict = {"format": 1, "settings": settings}
    if groups:
        data["column_groups"] = {group.name: {"columns": {
            name: _column_entry(column, ptype, {}) for name, column, ptype in group.columns}}
            for group in groups}
    defaults = settings.get("mysql", {})
    data["tables"] = {p.table.name: _table_entry(p, dialect, includes.get(p.table.name, []),
                                                 defaults)
                      for p in prepared}
    return data, _lines(prepared)


def _lines(prepared: list[_Table]) -> dict[str, int]:
    lines = {}
    for item in prepared:
        lines[f"tables.{item.table.name}"] = _line(item.table.origin)
        for column in item.table.columns:
            lines[f"tables.{item.table.name}.columns.{column.name}"] = _line(column.origin)
    return lines


def _has_columns(item: _Table, notebook: Notebook) -> bool:
    if item.table.columns:
        return True
    notebook.unsupported(_line(item.table.origin), f"table {item.table.name}", "none of its "
                         "columns could be imported, so the table was left out.",
                         item.table.name)
    return False


def _settings(schema: Schema, dialect: Dialect) -> dict:
    settings: dict = {"targets": TARGETS[schema.dialect]}
    if dialect.table_options:
        settings["mysql"] = {key: _common(schema, key) for key in _TABLE_OPTIONS}
    return settings


def _common(schema: Schema, key: str) -> str | None:
    """A table option every table gives with the same value, else None (set per table)."""
    values = {dict(table.options).get(key) for table in schema.tables}
    return values.pop() if len(values) == 1 else None


# --- types, and what goes when a column goes -------------------------------------------


def _portable_table(table: Table, dialect: Dialect, notebook: Notebook) -> _Table:
    kept: list[Column] = []
    types_: dict[str, PortableType] = {}
    for column in table.columns:
        found = portable(column.type, dialect)
        if found is None:
            notebook.unsupported(_line(column.origin), f"column {table.name}.{column.name}",
                                 f"{dialect.title} type {column.type} has no portable type "
                                 "that gives it back exactly; the column was left out.",
                                 table.name)
            continue
        types_[column.name] = found
        kept.append(column)
    table = _without_columns(table, {c.name for c in kept}, notebook, dialect.sqlglot)
    _primary_key_name(table, dialect, notebook)
    table = _auto_increment_on_key(replace(table, columns=tuple(kept)), notebook)
    return _Table(table, types_)


def _without_columns(table: Table, kept: set[str], notebook: Notebook, sqlglot_dialect: str
                     ) -> Table:
    """The table without keys, indexes and checks on columns that were left out."""
    def missing(names) -> list[str]:
        return [name for name in names if name not in kept]

    def gone(kind: str, name: str, origin: str, names) -> bool:
        lost = missing(names)
        if lost:
            notebook.unsupported(_line(origin), f"{kind} {name} on {table.name}",
                                 f"it uses column {lost[0]}, which was left out; so was it.",
                                 table.name)
        return bool(lost)

    primary_key = table.primary_key
    if primary_key and gone("primary key", primary_key.name, primary_key.origin,
                            primary_key.columns):
        primary_key = None
    return replace(
        table, primary_key=primary_key,
        indexes=tuple(i for i in table.indexes
                      if not gone("index", i.name, i.origin, i.column_names)),
        foreign_keys=tuple(f for f in table.foreign_keys
                           if not gone("foreign key", f.name, f.origin, f.columns)),
        checks=tuple(c for c in table.checks
                     if not gone("check", c.name, c.origin,
                                 _check_columns(c.expression, sqlglot_dialect))),
    )


def _primary_key_name(table: Table, dialect: Dialect, notebook: Notebook) -> None:
    key = table.primary_key
    if key is not None and key.name != dialect.pk_name(table.name):
        notebook.changed(_line(key.origin), f"primary key {key.name} on {table.name}",
                         f"it will be named {dialect.pk_name(table.name)}: schema.yaml does "
                         "not name primary keys.", table.name)


def _auto_increment_on_key(table: Table, notebook: Notebook) -> Table:
    """The format (and MySQL) wants an auto-increment column to lead the primary key."""
    leading = table.primary_key.columns[0] if table.primary_key else None
    columns = []
    for column in table.columns:
        if column.auto_increment and column.name != leading:
            notebook.unsupported(_line(column.origin), f"column {table.name}.{column.name}",
                                 "it takes values from a sequence but does not lead the "
                                 "primary key, which auto_increment needs; it is imported "
                                 "without a default.", table.name)
            column = replace(column, auto_increment=False)
        columns.append(column)
    return replace(table, columns=tuple(columns))


def _drop_dangling_references(prepared: list[_Table], notebook: Notebook) -> list[_Table]:
    present = {p.table.name: {c.name for c in p.table.columns} for p in prepared}
    result = []
    for item in prepared:
        kept = []
        for fk in item.table.foreign_keys:
            columns = present.get(fk.ref_table)
            if columns is None or not set(fk.ref_columns) <= columns:
                what = (f"table {fk.ref_table}" if columns is None else
                        f"column {fk.ref_table}.{','.join(fk.ref_columns)}")
                notebook.unsupported(_line(fk.origin), f"foreign key {fk.name} on "
                                     f"{item.table.name}", f"it references {what}, which is "
                                     "not imported; it was left out.", item.table.name)
                continue
            kept.append(fk)
        result.append(_Table(replace(item.table, foreign_keys=tuple(kept)), item.types))
    return result


def _check_columns(expression: str, dialect: str = "postgres") -> tuple[str, ...]:
    """The columns a check reads, in order, as the resolver finds them for its name."""
    try:
        parsed = sqlglot.parse_one(expression, read=dialect)
    except sqlglot.errors.ParseError:
        return ()
    return tuple(dict.fromkeys(column.name for column in parsed.find_all(exp.Column)))


def _line(origin: str) -> int:
    return int(origin.split()[-1]) if origin.startswith("line ") else 0


# --- one table ---------------------------------------------------------------------------


def _table_entry(item: _Table, dialect: Dialect, include: list[Group],
                 defaults: dict) -> dict:
    table = item.table
    grouped = {name for group in include for name, _, _ in group.columns}
    shorthand = _Shorthands.of(table, dialect, grouped)
    entry: dict = {}
    if table.comment is not None:
        entry["comment"] = table.comment
    if include:
        entry["include"] = [group.name for group in include]
    entry["columns"] = {
        column.name: _column_entry(column, item.types[column.name], shorthand.keys(column.name),
                                   dict(table.options).get("collation"),
                                   plain_collation=dialect.table_options)
        for column in table.columns if column.name not in grouped
    }
    if table.primary_key and shorthand.primary is None:
        entry["primary_key"] = list(table.primary_key.columns)
    uniques = [_unique_entry(table, index) for index in shorthand.unique_list]
    indexes = [_index_entry(table, index) for index in shorthand.index_list]
    foreign = [_foreign_entry(table, fk) for fk in shorthand.foreign_list]
    checks = _check_entries(table, dialect)
    for key, value in (("unique", uniques), ("indexes", indexes), ("foreign_keys", foreign),
                       ("checks", checks)):
        if value:
            entry[key] = value
    options = _table_options(table, defaults)
    if options:
        entry["options"] = {"mysql": options}
    return entry


@dataclass
class _Shorthands:
    """Which keys are written on their column and which in the table's lists."""

    primary: str | None
    unique: dict[str, Index]
    index: dict[str, Index]
    foreign: dict[str, ForeignKey]
    unique_list: list[Index]
    index_list: list[Index]
    foreign_list: list[ForeignKey]
    table: str

    @classmethod
    def of(cls, table: Table, dialect: Dialect, grouped: set[str]) -> _Shorthands:
        pk = table.primary_key
        primary = pk.columns[0] if pk and len(pk.columns) == 1 and \
            pk.columns[0] not in grouped else None
        unique, index, unique_list, index_list = {}, {}, [], []
        for item in table.indexes:
            if item.implicit:
                continue
            single = _single_plain(item, grouped)
            if item.unique and (item.constraint or not dialect.unique_constraints):
                _place(unique, unique_list, single, item)
            elif item.unique:
                index_list.append(item)
            else:
                _place(index, index_list, single, item)
        foreign, foreign_list = {}, []
        for fk in table.foreign_keys:
            single = fk.columns[0] if len(fk.columns) == 1 and fk.columns[0] not in grouped \
                else None
            _place(foreign, foreign_list, single, fk)
        return cls(primary, unique, index, foreign, unique_list, index_list, foreign_list,
                   table.name)

    def keys(self, column: str) -> dict:
        keys: dict = {}
        if self.primary == column:
            keys["primary"] = True
        if column in self.unique:
            keys["unique"] = _given_name(self.unique[column].name, Naming().unique,
                                         self.table, (column,)) or True
        if column in self.index:
            keys["index"] = _given_name(self.index[column].name, Naming().index,
                                        self.table, (column,)) or True
        if column in self.foreign:
            fk = self.foreign[column]
            keys["references"] = f"{fk.ref_table}.{fk.ref_columns[0]}"
            keys.update(_actions(fk))
            name = _given_name(fk.name, Naming().foreign, self.table, fk.columns)
            if name:
                keys["foreign_key_name"] = name
        return keys


def _single_plain(index: Index, grouped: set[str]) -> str | None:
    if len(index.columns) != 1 or index.using or index.where:
        return None
    part = index.columns[0]
    if part.descending or part.length or part.name in grouped:
        return None
    return part.name


def _place(on_column: dict, listed: list, column: str | None, item) -> None:
    if column is not None and column not in on_column:
        on_column[column] = item
    else:
        listed.append(item)


def _given_name(name: str, template: str, table: str, columns: tuple[str, ...]) -> str | None:
    """The name to write, or None when the naming convention gives it anyway."""
    return None if naming.generated(template, table, columns) == name else name


def _actions(fk: ForeignKey) -> dict:
    found = {}
    if fk.on_delete != "no action":
        found["on_delete"] = fk.on_delete
    if fk.on_update != "no action":
        found["on_update"] = fk.on_update
    return found


def _column_entry(column: Column, ptype: PortableType, keys: dict,
                  table_collation: str | None = None, plain_collation: bool = True
                  ) -> dict | str:
    """One column; a collation equal to the table's is the column's anyway and left out.

    `collation:` names a MySQL collation; a PostgreSQL one goes in `overrides.postgres`.
    """
    entry: dict = {"type": ptype.text}
    if ptype.values:
        entry["values"] = list(ptype.values)
    if ptype.unsigned:
        entry["unsigned"] = True
    if column.nullable:
        entry["nullable"] = True
    if column.default is not None:
        entry.update(_default(column))
    if column.auto_increment:
        entry["auto_increment"] = True
    entry.update(keys)
    if column.collation and column.collation != table_collation:
        if plain_collation:
            entry["collation"] = column.collation
        else:
            entry["overrides"] = {"postgres": {"collation": column.collation}}
    if column.comment is not None:
        entry["comment"] = column.comment
    return entry["type"] if list(entry) == ["type"] else entry


def _default(column: Column) -> dict:
    default = column.default
    assert default is not None
    if default.kind == "expression":
        return {"default_sql": default.value}
    family = type_family(column.type)
    value: object = default.value
    if family == "bool":
        value = default.value == "true"
    elif family == "integer":
        value = int(default.value)
    elif family == "decimal":
        value = Number(default.value)
    elif family == "json":
        value = json.loads(default.value)
        if isinstance(value, str):  # a JSON string is written as its JSON text: '"{}"'
            value = default.value
    return {"default": value}


def _unique_entry(table: Table, index: Index) -> dict:
    columns = list(index.column_names)
    entry: dict = {"columns": columns}
    name = _given_name(index.name, Naming().unique, table.name, index.column_names)
    if name:
        entry["name"] = name
    return entry


def _index_entry(table: Table, index: Index) -> dict:
    parts = [part.name if not part.descending and not part.length else
             {"column": part.name, **({"order": "desc"} if part.descending else {}),
              **({"length": part.length} if part.length else {})}
             for part in index.columns]
    entry: dict = {"columns": parts}
    template = Naming().unique if index.unique else Naming().index
    name = _given_name(index.name, template, table.name, index.column_names)
    if name:
        entry["name"] = name
    if index.unique:
        entry["unique"] = True
    if index.using:
        entry["using"] = index.using
    if index.where:
        entry["where"] = index.where
    return entry


def _foreign_entry(table: Table, fk: ForeignKey) -> dict:
    entry: dict = {"columns": list(fk.columns),
                   "references": {"table": fk.ref_table, "columns": list(fk.ref_columns)}}
    name = _given_name(fk.name, Naming().foreign, table.name, fk.columns)
    if name:
        entry["name"] = name
    entry.update(_actions(fk))
    return entry


def _check_entries(table: Table, dialect: Dialect) -> list[dict]:
    taken: set[str] = set()
    entries = []
    for check in table.checks:
        generated = naming.generated(Naming().check, table.name,
                                     _check_columns(check.expression, dialect.sqlglot) or
                                     ("expr",))
        entry: dict = {"expression": check.expression}
        if check.name != generated or generated in taken:
            entry["name"] = check.name
        taken.add(check.name)
        entries.append(entry)
    return entries


def _table_options(table: Table, defaults: dict) -> dict:
    options = dict(table.options)
    return {key: value for key, value in options.items()
            if key not in defaults or defaults.get(key) is None}

