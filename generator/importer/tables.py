"""Columns, keys, indexes and checks of one table, read from sqlglot's CREATE/ALTER TABLE.

Used by CREATE TABLE and by ALTER TABLE ... ADD, which carry the same pieces. An object the
DDL leaves unnamed gets the name the source server would give it (`ServerNames`), because
that is the name its catalog will hold.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlglot import exp

from .. import dialects, naming
from ..model import Check, Column, ForeignKey, Index, IndexColumn, PrimaryKey, SqlType
from . import defaults, native
from .drafts import Drafts, TableDraft
from .notes import Notebook


@dataclass(frozen=True)
class ServerNames:
    """The names a server gives unnamed constraints and indexes, as templates."""

    primary_key: str
    unique: str  # {columns} joined by `_`, {column} the first column
    foreign: str  # {n} counts the table's foreign keys from 1
    check: str
    column_check: str
    index: str
    inline_references: bool  # a column's REFERENCES clause creates a foreign key
    fk_index_by_column: bool  # InnoDB names the index of an unnamed foreign key by column
    duplicate: str  # a second unnamed key on the same columns: {name} and {n}
    first_duplicate: int  # the {n} of the first duplicate
    limit: int | None  # PostgreSQL shortens a generated name to fit 63 bytes

    def make(self, template: str, table: str, columns: tuple[str, ...] | list[str] = (),
             n: int = 1) -> str:
        """A generated name; PostgreSQL's is shortened the way the server shortens it."""
        joined = "_".join(columns)
        first = columns[0] if columns else ""
        name = template.format(table=table, columns=joined, column=first, n=n)
        if self.limit is None or len(name.encode()) <= self.limit:
            return name
        return _shorten(table, joined if "{columns}" in template else first,
                        template.rsplit("_", 1)[-1], self.limit)


def _shorten(table: str, columns: str, label: str, limit: int) -> str:
    """PostgreSQL's makeObjectName: trim the longer of table and columns until it fits.

    https://github.com/postgres/postgres/blob/master/src/backend/commands/indexcmds.c
    """
    room = limit - len(label) - 1 - (1 if columns else 0)
    first, second = len(table), len(columns)
    while first + second > room:
        if first > second:
            first -= 1
        else:
            second -= 1
    parts = [table[:first]] + ([columns[:second]] if columns else []) + [label]
    return "_".join(parts)


NAMES = {
    # PostgreSQL: ChooseConstraintName in src/backend/commands/indexcmds.c
    "postgres": ServerNames("{table}_pkey", "{table}_{columns}_key", "{table}_{columns}_fkey",
                            "{table}_{columns}_check", "{table}_{column}_check",
                            "{table}_{columns}_idx", True, False, "{name}{n}", 1, 63),
    # MySQL/MariaDB: a key is named after its first column, a foreign key {table}_ibfk_{n},
    # and InnoDB ignores a column's REFERENCES clause.
    "mysql": ServerNames("PRIMARY", "{column}", "{table}_ibfk_{n}", "CONSTRAINT_{n}",
                         "{column}", "{column}", False, True, "{name}_{n}", 2, None),
}

_NATIONAL = {exp.DataType.Type.NVARCHAR, exp.DataType.Type.NCHAR}
_ACTIONS = {"CASCADE": "cascade", "RESTRICT": "restrict", "SET NULL": "set null",
            "SET DEFAULT": "set default", "NO ACTION": "no action"}


@dataclass
class Reading:
    """What reading one statement needs: the drafts, the notes, where it is, its text."""

    drafts: Drafts
    notebook: Notebook
    line: int
    source: str

    @property
    def dialect(self) -> str:
        return self.drafts.dialect

    def line_at(self, node: exp.Expression) -> int:
        """The file line of a node, from the first identifier under it that knows its line."""
        for found in node.walk():
            line = found.meta.get("line") if isinstance(found, exp.Expression) else None
            if line:
                return self.line + line - 1
        return self.line


def name_of(node: exp.Expression | None) -> str:
    """An identifier, table or column node's own name, without schema and quotes."""
    if node is None:
        return ""
    if isinstance(node, (exp.Table, exp.Column)):
        return node.name
    return node.name if hasattr(node, "name") and node.name else node.sql().strip('"`')


def column(reading: Reading, table: TableDraft, definition: exp.ColumnDef) -> Column | None:
    """One column definition, with what its constraints add to the table."""
    name = definition.name
    line = reading.line_at(definition)
    if definition.kind is None:
        reading.notebook.unsupported(line, f"column {table.name}.{name}",
                                     "It has no type (a partition or LIKE column?).",
                                     table.name)
        return None
    read_type = native.read(definition.kind, reading.dialect, reading.drafts.enum_types)
    if _default_precision(reading, definition.kind):
        reading.notebook.changed(line, f"column {table.name}.{name}", f"{read_type.text} "
                                 "has no precision, which stores microseconds; it is written "
                                 "with precision 6, the same values, and the catalog shows "
                                 "the precision.", table.name)
    if _unbounded_varchar(reading, definition.kind):
        read_type = native.NativeType(SqlType("text"), read_type.text)
        reading.notebook.changed(line, f"column {table.name}.{name}", "character varying "
                                 "without a length is written as text, which PostgreSQL "
                                 "treats the same; the catalog names the type text.",
                                 table.name)
    result = Column(name=name, type=read_type.sql_type or _unknown(read_type.text),
                    nullable=True, auto_increment=read_type.serial, origin=f"line {line}")
    if read_type.serial:
        table.sequences[name] = f"{table.name}_{name}_seq"
    if definition.kind.this in _NATIONAL and reading.dialect == "mysql":
        table.charsets[name] = "utf8mb3"  # NATIONAL VARCHAR is utf8mb3 on MySQL and MariaDB
    if read_type.enum_type:
        table.enum_columns[name] = read_type.enum_type
        check = naming.generated("{table}_{column}_check", table.name, (name,))
        reading.notebook.changed(line, f"column {table.name}.{name}",
                                 f"PostgreSQL enum type {read_type.enum_type} is written as "
                                 f"`enum` with its values: varchar(255) with CHECK {check} on "
                                 "PostgreSQL.", table.name)
    for constraint in definition.constraints:
        kind = constraint.args.get("kind") if isinstance(constraint, exp.ColumnConstraint) \
            else constraint
        if _mariadb_json(result, kind):
            result = replace(result, type=SqlType("json"), collation=None)
            table.charsets.pop(name, None)  # part of the alias, like the collation
            continue
        result = _column_constraint(reading, table, result, kind, line)
    return result


def _mariadb_json(column: Column, kind: exp.Expression) -> bool:
    """MariaDB's JSON is LONGTEXT with a binary collation and CHECK (json_valid(column)).

    https://mariadb.com/kb/en/json-data-type/ ; a dump shows the alias spelt out.
    """
    if column.type != SqlType("longtext") or not isinstance(kind, exp.CheckColumnConstraint):
        return False
    check = kind.this
    return isinstance(check, (exp.Anonymous, exp.Func)) and \
        check.sql("mysql").upper() == f"JSON_VALID(`{column.name.upper()}`)".upper() \
        and column.collation in (None, "utf8mb4_bin")


_PRECISE = {exp.DataType.Type.TIME, exp.DataType.Type.TIMESTAMP, exp.DataType.Type.TIMESTAMPTZ}


def _default_precision(reading: Reading, kind: exp.DataType) -> bool:
    """PostgreSQL's time and timestamp without a precision (typmod -1).

    https://www.postgresql.org/docs/current/datatype-datetime.html
    """
    return reading.dialect == "postgres" and kind.this in _PRECISE and not kind.expressions


def _unbounded_varchar(reading: Reading, kind: exp.DataType) -> bool:
    """PostgreSQL's varchar without a length: text by another name.

    https://www.postgresql.org/docs/current/datatype-character.html
    """
    return reading.dialect == "postgres" and kind.this == exp.DataType.Type.VARCHAR \
        and not kind.expressions


def _unknown(text: str) -> SqlType:
    """A type the model has no spelling for, kept by name so the report can show it."""
    return SqlType(text)


def _column_constraint(reading: Reading, table: TableDraft, result: Column,
                       kind: exp.Expression, line: int) -> Column:
    names = NAMES[reading.dialect]
    subject = f"column {table.name}.{result.name}"
    if isinstance(kind, exp.NotNullColumnConstraint):
        return _with(result, nullable=bool(kind.args.get("allow_null")))
    if isinstance(kind, exp.DefaultColumnConstraint):
        return _default(reading, table, result, kind.this, line)
    if isinstance(kind, (exp.AutoIncrementColumnConstraint,)):
        return _with(result, auto_increment=True)
    if isinstance(kind, exp.GeneratedAsIdentityColumnConstraint):
        return _identity(reading, table, result, kind, line)
    if isinstance(kind, exp.PrimaryKeyColumnConstraint):
        table.primary_key = PrimaryKey(names.make(names.primary_key, table.name),
                                       (result.name,), f"line {line}")
        return _with(result, nullable=False)
    if isinstance(kind, exp.UniqueColumnConstraint):
        name = names.make(names.unique, table.name, (result.name,))
        add_index(table, Index(name, (IndexColumn(result.name),), unique=True,
                               constraint=True, origin=f"line {line}"), line)
        return result
    if isinstance(kind, exp.CommentColumnConstraint):
        return _with(result, comment=kind.this.this)
    if isinstance(kind, exp.CollateColumnConstraint):
        return _with(result, collation=name_of(kind.this).strip('"'))
    if isinstance(kind, exp.CharacterSetColumnConstraint):
        table.charsets[result.name] = name_of(kind.this)  # settled in finish()
        return result
    if isinstance(kind, exp.Reference) and names.inline_references:
        fk = _foreign_key(reading, table, None, (result.name,), kind, line)
        if fk:
            table.foreign_keys.append(fk)
        return result
    if isinstance(kind, exp.CheckColumnConstraint):
        name = names.make(names.column_check, table.name, (result.name,))
        table.checks.append(Check(name, sql_of(reading, kind.this, f"check {name} on "
                                             f"{table.name}", table.name),
                                  origin=f"line {line}"))
        return result
    reading.notebook.unsupported(line, subject, f"`{kind.sql(reading.dialect)}` is not "
                                 "something schema.yaml can hold; the column is imported "
                                 "without it.", table.name)
    return result


def _with(result: Column, **changes) -> Column:
    return replace(result, **changes)


def _default(reading: Reading, table: TableDraft, result: Column, node: exp.Expression,
             line: int) -> Column:
    if isinstance(node, exp.Collate):  # `DEFAULT NULL COLLATE x` reads as one expression
        result = _with(result, collation=name_of(node.expression))
        node = node.this
    read = defaults.read(node, result.type, reading.dialect, reading.source)
    if read.sequence:
        table.sequences[result.name] = read.sequence
        return _with(result, auto_increment=True)
    if read.problem:
        reading.notebook.unsupported(line, f"default of {table.name}.{result.name}",
                                     f"{read.problem} The default was left out.", table.name)
        return result
    return _with(result, default=read.default)


def _identity(reading: Reading, table: TableDraft, result: Column,
              kind: exp.GeneratedAsIdentityColumnConstraint, line: int) -> Column:
    options = [key for key in ("start", "increment", "minvalue", "maxvalue", "cycle")
               if kind.args.get(key) not in (None, False)]
    odd = [key for key in options if not _default_option(key, kind.args[key])]
    subject = f"column {table.name}.{result.name}"
    if kind.args.get("this"):  # GENERATED ALWAYS
        reading.notebook.changed(line, subject, "GENERATED ALWAYS AS IDENTITY is written as "
                                 "auto_increment (a serial column, which accepts explicit "
                                 "values).", table.name)
    else:
        reading.notebook.changed(line, subject, "GENERATED BY DEFAULT AS IDENTITY is written "
                                 "as auto_increment (a serial column on PostgreSQL).",
                                 table.name)
    if odd:
        reading.notebook.unsupported(line, subject, "identity options "
                                     f"({', '.join(odd)}) are not kept.", table.name)
    return _with(result, auto_increment=True, nullable=False)


def _default_option(key: str, value: object) -> bool:
    text = value.sql() if isinstance(value, exp.Expression) else str(value)
    return {"start": text == "1", "increment": text == "1"}.get(key, False)


def sql_of(reading: Reading, node: exp.Expression, subject: str = "",
         table: str | None = None) -> str:
    """An expression as SQL; casts to a PostgreSQL enum type dropped (with a note), since
    an enum column becomes varchar and the type is not created."""
    while isinstance(node, exp.Paren):
        node = node.this
    enums = reading.drafts.enum_types
    casts = [cast for cast in node.find_all(exp.Cast) if _enum_name(cast, enums)]
    if casts:
        names = sorted({_enum_name(cast, enums) for cast in casts})
        node = node.transform(lambda n: n.this if n in casts else n)
        reading.notebook.changed(reading.line, subject or "expression", "its casts to "
                                 f"PostgreSQL enum type {', '.join(names)} are left out: the "
                                 "enum column becomes varchar and the type is not created.",
                                 table)
    return defaults.expression_sql(node, reading.dialect, reading.source)


def _enum_name(cast: exp.Cast, enums: dict[str, tuple[str, ...]]) -> str | None:
    to = cast.args.get("to")
    if not isinstance(to, exp.DataType) or to.this != exp.DataType.Type.USERDEFINED:
        return None
    name = to.sql().rsplit(".", 1)[-1].strip('"')
    return name if name in enums else None


def table_item(reading: Reading, table: TableDraft, item: exp.Expression,
               name: str | None = None) -> None:
    """A table-level key, index, foreign key or check (inline or from ALTER TABLE ADD)."""
    line = reading.line_at(item)
    if isinstance(item, exp.Constraint):
        for inner in item.expressions:
            table_item(reading, table, inner, item.name)
        return
    handler = _ITEMS.get(type(item))
    if handler is None:
        reading.notebook.unsupported(line, f"table {table.name}",
                                     f"`{item.sql(reading.dialect)[:80]}` is not something "
                                     "schema.yaml can hold; it was left out.", table.name)
        return
    handler(reading, table, item, name, line)


def _primary(reading: Reading, table: TableDraft, item: exp.PrimaryKey, name: str | None,
             line: int) -> None:
    names = NAMES[reading.dialect]
    columns = tuple(_key_column(part) for part in item.expressions)
    table.primary_key = PrimaryKey(name or names.make(names.primary_key, table.name),
                                   columns, f"line {line}")
    for column_name in columns:
        table.update_column(column_name, nullable=False)


def _unique(reading: Reading, table: TableDraft, item: exp.UniqueColumnConstraint,
            name: str | None, line: int) -> None:
    schema = item.this
    parts = schema.expressions if isinstance(schema, exp.Schema) else item.expressions
    if isinstance(schema, exp.Schema) and schema.this is not None and name is None:
        name = name_of(schema.this)
    columns = index_columns(reading, table, parts, line, name)
    if columns is None:
        return
    constraint = dialects.get(reading.dialect).unique_constraints
    name = name or unnamed(reading, table, NAMES[reading.dialect].unique, columns)
    add_index(table, Index(name, columns, unique=True, constraint=constraint,
                           origin=f"line {line}"), line)


def _index(reading: Reading, table: TableDraft, item: exp.IndexColumnConstraint,
           name: str | None, line: int) -> None:
    kind = str(item.args.get("kind") or "").upper()
    index_name = name_of(item.this) if item.this is not None else None
    if kind in ("FULLTEXT", "SPATIAL"):
        reading.notebook.unsupported(line, f"index {table.name}.{index_name or ''}".rstrip("."),
                                     f"{kind} indexes are not in the format; it was left out.",
                                     table.name)
        return
    columns = index_columns(reading, table, item.expressions, line, index_name)
    if columns is None:
        return
    for option in item.args.get("options") or []:
        if not option.args.get("using"):
            reading.notebook.unsupported(line, f"index {index_name or ''} on {table.name}",
                                         f"the index option `{option.sql(reading.dialect)}` "
                                         "is not in schema.yaml; it was left out.", table.name)
    unique = kind == "UNIQUE"
    template = NAMES[reading.dialect].unique if unique else NAMES[reading.dialect].index
    index_name = index_name or unnamed(reading, table, template, columns)
    add_index(table, Index(index_name, columns, unique=unique, origin=f"line {line}"), line)


def _foreign(reading: Reading, table: TableDraft, item: exp.ForeignKey, name: str | None,
             line: int) -> None:
    columns = tuple(_key_column(part) for part in item.expressions)
    fk = _foreign_key(reading, table, name, columns, item.args.get("reference"), line)
    if fk:
        table.foreign_keys.append(fk)


def _check(reading: Reading, table: TableDraft, item: exp.CheckColumnConstraint,
           name: str | None, line: int) -> None:
    expression = item.this
    if name is None:
        names = NAMES[reading.dialect]
        columns = tuple(dict.fromkeys(c.name for c in expression.find_all(exp.Column)))
        name = names.make(names.check, table.name, columns, len(table.checks) + 1)
    table.checks.append(Check(name, sql_of(reading, expression, f"check {name} on {table.name}",
                                         table.name), origin=f"line {line}"))
    table.remember("check", name, line)


_ITEMS = {
    exp.PrimaryKey: _primary,
    exp.UniqueColumnConstraint: _unique,
    exp.IndexColumnConstraint: _index,
    exp.ForeignKey: _foreign,
    exp.CheckColumnConstraint: _check,
}


def _foreign_key(reading: Reading, table: TableDraft, name: str | None,
                 columns: tuple[str, ...], reference: exp.Reference | None,
                 line: int) -> ForeignKey | None:
    if reference is None:
        return None
    target = reference.this
    ref_table = name_of(target.this if isinstance(target, exp.Schema) else target)
    ref_columns = tuple(_key_column(part) for part in target.expressions) \
        if isinstance(target, exp.Schema) else ()
    if not ref_columns:
        ref_columns = ("",)  # filled from the target's primary key when the file is read
    actions = {"on_delete": "no action", "on_update": "no action"}
    for option in reference.args.get("options") or []:
        text = str(option).upper().split()
        if text[:2] == ["ON", "DELETE"]:
            actions["on_delete"] = _ACTIONS.get(" ".join(text[2:]), "no action")
        elif text[:2] == ["ON", "UPDATE"]:
            actions["on_update"] = _ACTIONS.get(" ".join(text[2:]), "no action")
        else:
            reading.notebook.unsupported(line, f"foreign key {name or ''} on {table.name}",
                                         f"`{option}` is not kept.", table.name)
    names = NAMES[reading.dialect]
    if name is None:
        name = names.make(names.foreign, table.name, columns, len(table.foreign_keys) + 1)
        table.unnamed_foreign_keys.add(name)
    table.remember("foreign key", name, line)
    return ForeignKey(name, columns, ref_table, ref_columns, origin=f"line {line}", **actions)


def index_columns(reading: Reading, table: TableDraft, parts: list[exp.Expression],
                  line: int, name: str | None = None) -> tuple[IndexColumn, ...] | None:
    """The plain columns of a key or index; None (and a note) when one is an expression."""
    columns = []
    for part in parts:
        descending = False
        length = None
        if isinstance(part, exp.Ordered):
            descending = bool(part.args.get("desc"))
            part = part.this
        if isinstance(part, exp.ColumnPrefix):
            length = int(part.expression.this)
            part = part.this
        elif _is_prefix_call(part):  # CREATE INDEX ... (name(10)) reads as a call
            length = int(part.expressions[0].this)
            part = exp.to_identifier(str(part.this))
        if not isinstance(part, (exp.Column, exp.Identifier)):
            reading.notebook.unsupported(
                line, f"index {name} on {table.name}" if name else f"index on {table.name}",
                f"the key part `{part.sql(reading.dialect)}` is an expression; "
                "expression indexes are not in the format, so the index was left out.",
                table.name)
            return None
        columns.append(IndexColumn(name_of(part), descending, length))
    return tuple(columns)


def _is_prefix_call(part: exp.Expression) -> bool:
    return isinstance(part, exp.Anonymous) and len(part.expressions) == 1 and \
        isinstance(part.expressions[0], exp.Literal) and not part.expressions[0].is_string


def _key_column(part: exp.Expression) -> str:
    if isinstance(part, exp.Ordered):
        part = part.this
    return name_of(part)


def unnamed(reading: Reading, table: TableDraft, template: str,
            columns: tuple[IndexColumn, ...]) -> str:
    """The name the server gives an unnamed key or index, unique within the table."""
    server = NAMES[reading.dialect]
    name = server.make(template, table.name, [column.name for column in columns])
    taken = {index.name for index in table.indexes}
    candidate, counter = name, server.first_duplicate
    while candidate in taken:
        candidate = server.duplicate.format(name=name, n=counter)
        counter += 1
    return candidate


def add_index(table: TableDraft, index: Index, line: int) -> None:
    table.indexes.append(index)
    table.remember("index", index.name, line)
