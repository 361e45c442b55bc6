"""ALTER statements: what dumps and upgrade scripts do to tables after creating them.

pg_dump adds keys, defaults and identities with ALTER TABLE; upgrade scripts add, change
and drop columns. The few ALTERs sqlglot reads only as text (OWNED BY, ADD GENERATED AS
IDENTITY, ALTER TYPE ... ADD VALUE) are recognised here from that text.
"""

from __future__ import annotations

import re
from dataclasses import replace

from sqlglot import exp

from . import defaults, native, tables
from .drafts import Drafts, TableDraft
from .tables import Reading, name_of

_NAME = r'(?:"[^"]+"|[^\s."]+)'  # a name, quoted or not
_OWNED_BY = re.compile(
    rf"^ALTER\s+SEQUENCE\s+(?:{_NAME}\.)?(?P<sequence>{_NAME})\s+OWNED\s+BY\s+"
    rf"(?:(?:{_NAME}\.)?(?P<table>{_NAME})\.(?P<column>{_NAME})|NONE)\s*$", re.I)
_IDENTITY = re.compile(
    rf"^ALTER\s+TABLE\s+(?:ONLY\s+)?(?:{_NAME}\.)?(?P<table>{_NAME})\s+ALTER\s+"
    rf"(?:COLUMN\s+)?(?P<column>{_NAME})\s+ADD\s+GENERATED\s+(?P<kind>ALWAYS|BY\s+"
    r"DEFAULT)\s+AS\s+IDENTITY\s*(?:\((?P<options>.*)\))?\s*$", re.I | re.S)
_ADD_VALUE = re.compile(
    rf"^ALTER\s+TYPE\s+(?:{_NAME}\.)?(?P<type>{_NAME})\s+ADD\s+VALUE\s+"
    r"(?:IF\s+NOT\s+EXISTS\s+)?'(?P<value>(?:[^']|'')*)'\s*"
    r"(?:(?P<where>BEFORE|AFTER)\s+'(?P<other>(?:[^']|'')*)')?\s*$", re.I | re.S)


def alter(reading: Reading, parsed: exp.Alter) -> None:
    """An ALTER TABLE read by sqlglot: each action applied to the table's draft."""
    kind = str(parsed.args.get("kind") or "").upper()
    name = name_of(parsed.this)
    if kind != "TABLE":
        reading.notebook.unsupported(reading.line, f"alter {kind.lower()} {name}",
                                     "schema.yaml has no such object; it was left out.")
        return
    draft = reading.drafts.tables.get(name)
    if draft is None:
        _unknown_table(reading, parsed, name)
        return
    for action in parsed.args.get("actions") or []:
        _action(reading, draft, action, parsed)
    if parsed.args.get("options"):
        from .statements import table_properties

        table_properties(reading, draft, parsed.args["options"])


def _unknown_table(reading: Reading, parsed: exp.Alter, name: str) -> None:
    if parsed.args.get("exists"):
        reading.notebook.skip("ALTER TABLE IF EXISTS on tables not created before")
        return
    why = ("that table was not imported" if name in reading.drafts.left_out
           else "that table is not created in this file")
    reading.notebook.unsupported(reading.line, f"alter table {name}", f"{why}; the change "
                                 "was left out.", name)


def _action(reading: Reading, draft: TableDraft, action: exp.Expression,
            parsed: exp.Alter) -> None:
    if isinstance(action, exp.AddConstraint):
        for item in action.expressions:
            tables.table_item(reading, draft, item)
        if parsed.args.get("not_valid"):
            reading.notebook.changed(reading.line, f"table {draft.name}", "NOT VALID is not "
                                     "kept: the generated constraint checks existing rows.",
                                     draft.name)
    elif isinstance(action, exp.ColumnDef):
        column = tables.column(reading, draft, action)
        if column is not None:
            draft.set_column(column, reading.line_at(action))
    elif isinstance(action, exp.AlterColumn):
        _alter_column(reading, draft, action)
    elif isinstance(action, exp.ModifyColumn):
        _modify_column(reading, draft, action)
    elif isinstance(action, exp.Drop):
        _drop(reading, draft, action)
    elif isinstance(action, exp.RenameColumn):
        rename_column(draft, name_of(action.this), name_of(action.args.get("to")))
    elif isinstance(action, exp.AlterRename):
        _rename_table(reading.drafts, draft, name_of(action.this))
    else:
        reading.notebook.unsupported(reading.line, f"alter table {draft.name}",
                                     f"`{action.sql(reading.dialect)[:80]}` is not something "
                                     "schema.yaml can hold; it was left out.", draft.name)


def _alter_column(reading: Reading, draft: TableDraft, action: exp.AlterColumn) -> None:
    name = name_of(action.this)
    column = draft.columns.get(name)
    if column is None:
        reading.notebook.unsupported(reading.line, f"column {draft.name}.{name}",
                                     "the column is not in the table; the change was left "
                                     "out.", draft.name)
        return
    if action.args.get("dtype") is not None:
        read = native.read(action.args["dtype"], reading.dialect, reading.drafts.enum_types)
        draft.update_column(name, type=read.sql_type or column.type)
    if action.args.get("default") is not None:
        _set_default(reading, draft, name, action.args["default"])
    if action.args.get("drop"):
        draft.update_column(name, default=None, auto_increment=False)
        draft.sequences.pop(name, None)
    if action.args.get("allow_null") is not None:
        draft.update_column(name, nullable=bool(action.args["allow_null"]))


def _set_default(reading: Reading, draft: TableDraft, name: str, node: exp.Expression) -> None:
    column = draft.columns[name]
    read = defaults.read(node, column.type, reading.dialect, reading.source)
    if read.sequence:
        draft.sequences[name] = read.sequence
        draft.update_column(name, auto_increment=True, default=None)
    elif read.problem:
        reading.notebook.unsupported(reading.line, f"default of {draft.name}.{name}",
                                     f"{read.problem} The default was left out.", draft.name)
    else:
        draft.update_column(name, default=read.default)


def _modify_column(reading: Reading, draft: TableDraft, action: exp.ModifyColumn) -> None:
    definition = action.this
    old = name_of(action.args.get("rename_from")) or definition.name
    column = tables.column(reading, draft, definition)
    if column is None or old not in draft.columns:
        return
    columns = {(column.name if key == old else key): (column if key == old else value)
               for key, value in draft.columns.items()}
    draft.columns = columns
    if old != column.name:
        rename_column(draft, old, column.name, keep_columns=True)


def rename_column(draft: TableDraft, old: str, new: str, keep_columns: bool = False) -> None:
    """A column renamed, with every key and index of the table that names it."""
    if not keep_columns and old in draft.columns:
        draft.columns = {(new if key == old else key): (replace(value, name=new) if key == old
                                                        else value)
                         for key, value in draft.columns.items()}

    def swap(names: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(new if name == old else name for name in names)

    if draft.primary_key:
        draft.primary_key = replace(draft.primary_key, columns=swap(draft.primary_key.columns))
    draft.indexes = [replace(index, columns=tuple(
        replace(part, name=new) if part.name == old else part for part in index.columns))
        for index in draft.indexes]
    draft.foreign_keys = [replace(fk, columns=swap(fk.columns)) for fk in draft.foreign_keys]


def _rename_table(drafts: Drafts, draft: TableDraft, new: str) -> None:
    old = draft.name
    draft.name = new
    drafts.tables = {(new if key == old else key): value for key, value in drafts.tables.items()}
    for other in drafts.tables.values():
        other.foreign_keys = [replace(fk, ref_table=new) if fk.ref_table == old else fk
                              for fk in other.foreign_keys]


def _drop(reading: Reading, draft: TableDraft, action: exp.Drop) -> None:
    kind = str(action.args.get("kind") or "").upper()
    nodes = action.args.get("tables") or action.expressions or [action.this]
    names = [name_of(node) for node in nodes if node is not None]
    for name in names:
        if kind == "COLUMN":
            draft.columns.pop(name, None)
        elif kind in ("CONSTRAINT", "FOREIGN KEY", "INDEX", "KEY"):
            _drop_constraint(draft, name)
        elif kind == "PRIMARY KEY":
            draft.primary_key = None
    if kind == "PRIMARY KEY" and not names:
        draft.primary_key = None


def _drop_constraint(draft: TableDraft, name: str) -> None:
    if draft.primary_key and draft.primary_key.name == name:
        draft.primary_key = None
    draft.indexes = [index for index in draft.indexes if index.name != name]
    draft.foreign_keys = [fk for fk in draft.foreign_keys if fk.name != name]
    draft.checks = [check for check in draft.checks if check.name != name]


def drop_index_anywhere(drafts: Drafts, name: str) -> bool:
    """DROP INDEX names no table: the index is looked for in every table."""
    for draft in drafts.tables.values():
        if any(index.name == name for index in draft.indexes):
            draft.indexes = [index for index in draft.indexes if index.name != name]
            return True
    return False


def command(reading: Reading, text: str) -> bool:
    """An ALTER sqlglot kept as text, if it is one this import understands."""
    flat = " ".join(text.split())
    for pattern, handler in ((_OWNED_BY, _owned_by), (_IDENTITY, _identity),
                             (_ADD_VALUE, _add_value)):
        match = pattern.match(flat)
        if match:
            handler(reading, match)
            return True
    return False


def folded(name: str | None) -> str:
    """A PostgreSQL name as the server keeps it: quoted as written, else lower case."""
    if not name:
        return ""
    return name[1:-1].replace('""', '"') if name.startswith('"') else name.lower()


def _owned_by(reading: Reading, match: re.Match) -> None:
    sequence = reading.drafts.sequences.get(folded(match["sequence"]))
    if sequence is None:
        reading.notebook.unsupported(reading.line, f"sequence {match['sequence']}",
                                     "the sequence is not created in this file.")
        return
    if match["table"]:
        sequence.owner = (folded(match["table"]), folded(match["column"]))


def _identity(reading: Reading, match: re.Match) -> None:
    table, column = folded(match["table"]), folded(match["column"])
    draft = reading.drafts.tables.get(table)
    subject = f"column {table}.{column}"
    if draft is None or column not in draft.columns:
        reading.notebook.unsupported(reading.line, subject, "the column is not created in "
                                     "this file; the identity was left out.", table)
        return
    kind = " ".join(match["kind"].upper().split())
    reading.notebook.changed(reading.line, subject, f"GENERATED {kind} AS IDENTITY is written "
                             "as auto_increment (a serial column on PostgreSQL).", draft.name)
    odd = _odd_identity_options(match["options"] or "")
    if odd:
        reading.notebook.unsupported(reading.line, subject, f"identity options ({odd}) are "
                                     "not kept.", draft.name)
    draft.update_column(column, auto_increment=True, nullable=False, default=None)


def _odd_identity_options(options: str) -> str:
    text = " ".join(options.upper().split())
    text = re.sub(r"SEQUENCE NAME \S+", "", text)
    for plain in ("START WITH 1", "INCREMENT BY 1", "NO MINVALUE", "NO MAXVALUE", "CACHE 1",
                  "MINVALUE 1", "NO CYCLE"):
        text = re.sub(rf"(?<!\w){plain}(?!\w)", "", text)
    text = re.sub(r"MAXVALUE (2147483647|9223372036854775807|32767)", "", text)
    return " ".join(text.split())


def _add_value(reading: Reading, match: re.Match) -> None:
    name = folded(match["type"])
    values = list(reading.drafts.enum_types.get(name, ()))
    if name not in reading.drafts.enum_types:
        reading.notebook.unsupported(reading.line, f"type {name}", "the type is not created "
                                     "in this file.")
        return
    value = match["value"].replace("''", "'")
    if value in values:
        return
    other = (match["other"] or "").replace("''", "'")
    position = len(values)
    if other in values:
        position = values.index(other) + (1 if match["where"].upper() == "AFTER" else 0)
    values.insert(position, value)
    reading.drafts.enum_types[name] = tuple(values)
    _retype_enum_columns(reading.drafts, name, tuple(values))


def _retype_enum_columns(drafts: Drafts, name: str, values: tuple[str, ...]) -> None:
    """Columns already typed with the enum see its new value too."""
    for draft in drafts.tables.values():
        for column_name, type_name in draft.enum_columns.items():
            if type_name == name and column_name in draft.columns:
                column = draft.columns[column_name]
                draft.update_column(column_name, type=replace(column.type, values=values))
