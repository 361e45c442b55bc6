"""Released migrations replayed statement by statement, for `schemagen lint --all`.

The state each version left is not stored (out/state.yaml holds only the last one), so the
SQL files themselves are the record: every up migration in out/<dialect>/migrations is read
in version order, and each statement is parsed by sqlglot and turned into operations against
a model replayed from the statements before it (tables, columns in order, primary keys).
The change rules then judge each statement, a table counting as live when an earlier
migration created it, and findings point at the statement's line in the SQL file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import sqlglot
from sqlglot import exp
from sqlglot.tokens import TokenType

from .. import dialects, operations as ops
from ..dialects import Dialect
from ..findings import Finding, Location
from ..model import (Column, Default, ForeignKey, Index, IndexColumn, PrimaryKey, Schema,
                     SqlType, Table)
from ..output import LAYOUTS, migration_files
from .changes import Change, run
from .lint import LintSubject, silenced

Tables = dict[str, Table]
UNKNOWN = SqlType("unknown")  # a column the replay never saw created


def lint_released(out: Path, subject: LintSubject) -> list[Finding]:
    """Change findings on every statement of every released up migration in `out`."""
    found: list[Finding] = []
    for name in subject.dialects:
        folder = out / name / "migrations"
        tables: Tables = {}
        for filename, text in up_migrations(folder):
            found += _lint_file(folder / filename, text, dialects.get(name), tables, subject)
    return found


def up_migrations(folder: Path) -> list[tuple[str, str]]:
    """The up migrations of a folder in version order, whatever layout wrote them."""
    files = []
    for filename, data in migration_files(folder).items():
        if filename.startswith("U") or filename.endswith(".down.sql"):
            continue
        versions = [layout.version_of(filename) for layout in LAYOUTS.values()]
        version = next((v for v in versions if v is not None), None)
        if version is not None:
            files.append((version, filename, data.decode("utf-8")))
    return [(filename, text) for _, filename, text in sorted(files)]


def statements(text: str, dialect: Dialect) -> Iterator[tuple[int, int, str]]:
    """Each statement of a file with its line and column, split on sqlglot's tokens."""
    tokens = sqlglot.Dialect.get_or_raise(dialect.sqlglot).tokenize(text)
    start = None
    for token in tokens:
        if token.token_type == TokenType.SEMICOLON:
            if start is not None:
                yield start.line, start.col - len(start.text) + 1, text[start.start:token.start]
            start = None
        elif start is None:
            start = token
    if start is not None:
        yield start.line, start.col - len(start.text) + 1, text[start.start:]


def _lint_file(path: Path, text: str, dialect: Dialect, tables: Tables,
               subject: LintSubject) -> list[Finding]:
    live = frozenset(tables)  # created by an earlier migration, so they may hold rows
    found = []
    for line, column, statement in statements(text, dialect):
        before = Schema(dialect.name, tuple(tables.values()))
        operations = list(operations_of(statement, dialect, tables))
        if not operations:
            continue
        after = Schema(dialect.name, tuple(tables.values()))
        change = Change(dialect, before, after, tuple(operations), live=live)
        where = Location(str(path), line, column)
        for hit_ in run(change):
            if not silenced(subject, hit_):
                finding = hit_.finding
                found.append(Finding(finding.code, finding.message, "", finding.severity,
                                     finding.dialect, where))
    return found


# --- statements to operations, replaying the model -------------------------------------


def operations_of(statement: str, dialect: Dialect, tables: Tables) -> Iterator[ops.Operation]:
    """The operations one statement performs; `tables` is updated to the state after it."""
    try:
        parsed = sqlglot.parse_one(statement, read=dialect.sqlglot)
    except sqlglot.errors.SqlglotError:
        return  # schemagen's own files parse (sqlcheck); a hand edit is refused elsewhere
    if isinstance(parsed, exp.Create):
        yield from _create(parsed, dialect, tables)
    elif isinstance(parsed, exp.Drop) and parsed.args.get("kind") == "TABLE":
        for table in parsed.args.get("tables") or []:
            dropped = tables.pop(table.name, Table(table.name, ()))
            yield ops.DropTable(table.name, dropped)
    elif isinstance(parsed, exp.Alter) and parsed.args.get("kind") == "TABLE":
        for action in parsed.args.get("actions") or []:
            yield from _alter(parsed, action, dialect, tables)


def _create(parsed: exp.Create, dialect: Dialect, tables: Tables) -> Iterator[ops.Operation]:
    kind = parsed.args.get("kind")
    if kind == "TABLE" and isinstance(parsed.this, exp.Schema):
        table = _table(parsed.this, dialect)
        tables[table.name] = table
        yield ops.CreateTable(table.name, table)
    elif kind == "INDEX" and not parsed.args.get("concurrently"):
        index = parsed.this
        table_name = index.args["table"].name
        columns = tuple(IndexColumn(part.this.name) for part in index.args["params"]
                        .args.get("columns") or [] if isinstance(part.this, exp.Column))
        yield ops.CreateIndex(table_name, Index(index.name, columns,
                                                unique=bool(parsed.args.get("unique"))))


def _table(schema: exp.Schema, dialect: Dialect) -> Table:
    columns = tuple(column_of(item) for item in schema.expressions
                    if isinstance(item, exp.ColumnDef))
    keys = [item for item in schema.find_all(exp.PrimaryKey)]
    name = schema.this.name
    primary = PrimaryKey(dialect.pk_name(name), tuple(part.name for part in keys[0].expressions)) \
        if keys else None
    return Table(name, columns, primary)


def column_of(definition: exp.ColumnDef) -> Column:
    """A column as the model holds it, from a column definition in SQL."""
    constraints = [item.args.get("kind") for item in definition.args.get("constraints") or []]
    not_null = any(isinstance(c, exp.NotNullColumnConstraint) and not c.args.get("allow_null")
                   for c in constraints)
    default = next((c.this for c in constraints if isinstance(c, exp.DefaultColumnConstraint)),
                   None)
    data_type = definition.args.get("kind")
    return Column(definition.name, sql_type(data_type) if data_type else UNKNOWN,
                  nullable=not not_null,
                  default=Default("expression", default.sql()) if default is not None else None,
                  auto_increment=any(isinstance(c, exp.AutoIncrementColumnConstraint)
                                     for c in constraints))


_NAMES = {"INT": "integer", "SERIAL": "integer", "BIGSERIAL": "bigint",
          "SMALLSERIAL": "smallint", "DOUBLE": "double", "DECIMAL": "decimal"}
_UNSIGNED = {"UTINYINT": "TINYINT", "USMALLINT": "SMALLINT", "UMEDIUMINT": "MEDIUMINT",
             "UINT": "INT", "UBIGINT": "BIGINT", "UDECIMAL": "DECIMAL", "UDOUBLE": "DOUBLE"}


def sql_type(data_type: exp.DataType) -> SqlType:
    """The model's type for an SQL type; integer spellings of both dialects compare equal."""
    name = data_type.this.name
    unsigned = name in _UNSIGNED
    name = _UNSIGNED.get(name, name)
    parameters = data_type.expressions
    if name == "ENUM":
        return SqlType("enum", values=tuple(p.name for p in parameters))
    args = tuple(int(p.this.name) for p in parameters
                 if isinstance(p, exp.DataTypeParam) and p.this.is_int)
    return SqlType(_NAMES.get(name, name.lower()), args, unsigned)


def _alter(parsed: exp.Alter, action: exp.Expression, dialect: Dialect,
           tables: Tables) -> Iterator[ops.Operation]:
    name = parsed.this.name
    table = tables.get(name, Table(name, ()))
    if isinstance(action, exp.ColumnDef):
        column = column_of(action)
        tables[name] = _placed(table, column, action.args.get("position"), add=True)
        yield ops.AddColumn(name, column)
    elif isinstance(action, exp.Drop) and action.args.get("kind") == "COLUMN":
        for part in action.args.get("tables") or []:
            column = table.column(part.name) or Column(part.name, UNKNOWN)
            table = replace(table, columns=tuple(c for c in table.columns if c.name != part.name))
            yield ops.DropColumn(name, column)
        tables[name] = table
    elif isinstance(action, exp.AlterColumn):
        yield from _alter_column(name, table, action, tables)
    elif isinstance(action, exp.ModifyColumn):
        yield from _modify(name, table, action, tables)
    else:
        yield from _keys(parsed, name, table, action, dialect, tables)


def _alter_column(name: str, table: Table, action: exp.AlterColumn,
                  tables: Tables) -> Iterator[ops.Operation]:
    """PostgreSQL's one-part changes: TYPE, SET / DROP NOT NULL."""
    current = table.column(action.name)
    if current is None:
        return
    desired = current
    if action.args.get("dtype") is not None:
        desired = replace(desired, type=sql_type(action.args["dtype"]))
    if action.args.get("allow_null") is not None:
        desired = replace(desired, nullable=bool(action.args["allow_null"]))
    if desired != current:
        tables[name] = _swapped(table, current.name, desired)
        yield ops.AlterColumn(name, current, desired)


def _modify(name: str, table: Table, action: exp.ModifyColumn,
            tables: Tables) -> Iterator[ops.Operation]:
    """MySQL's MODIFY and CHANGE: the whole column restated, maybe renamed or moved."""
    definition = action.this
    old_name = action.args["rename_from"].name if action.args.get("rename_from") \
        else definition.name
    current = table.column(old_name)
    desired = column_of(definition)
    if current is None:
        return
    if old_name != desired.name:
        yield ops.RenameColumn(name, old_name, desired.name)
    table = _swapped(table, old_name, desired)
    tables[name] = _placed(table, desired, definition.args.get("position"), add=False)
    if replace(current, name=desired.name) != desired:
        yield ops.AlterColumn(name, replace(current, name=desired.name), desired)


def _keys(parsed: exp.Alter, name: str, table: Table, action: exp.Expression,
          dialect: Dialect, tables: Tables) -> Iterator[ops.Operation]:
    if isinstance(action, exp.AlterRename):
        new = action.this.name
        tables[new] = replace(tables.pop(name, table), name=new)
        yield ops.RenameTable(name, new)
    elif isinstance(action, exp.RenameColumn):
        old, new = action.this.name, action.args["to"].name
        column = table.column(old)
        if column is not None:
            tables[name] = _swapped(table, old, replace(column, name=new))
        yield ops.RenameColumn(name, old, new)
    elif isinstance(action, exp.DropPrimaryKey) or (
            isinstance(action, exp.Drop) and table.primary_key is not None
            and any(part.name == table.primary_key.name for part in action.args["tables"])):
        key = table.primary_key or PrimaryKey(dialect.pk_name(name), ())
        tables[name] = replace(table, primary_key=None)
        yield ops.DropPrimaryKey(name, key)
    elif isinstance(action, exp.AddConstraint):
        yield from _constraints(parsed, name, table, action, dialect, tables)


def _constraints(parsed: exp.Alter, name: str, table: Table, action: exp.AddConstraint,
                 dialect: Dialect, tables: Tables) -> Iterator[ops.Operation]:
    for item in action.expressions:
        constraint_name = item.name if isinstance(item, exp.Constraint) else ""
        parts = item.expressions if isinstance(item, exp.Constraint) else [item]
        for part in parts:
            if isinstance(part, exp.ForeignKey) and not parsed.args.get("not_valid"):
                target = part.args["reference"].this
                yield ops.AddForeignKey(name, ForeignKey(
                    constraint_name, tuple(c.name for c in part.expressions), target.this.name,
                    tuple(c.name for c in target.expressions)))
            elif isinstance(part, exp.PrimaryKey):
                key = PrimaryKey(constraint_name or dialect.pk_name(name),
                                 tuple(c.name for c in part.expressions))
                tables[name] = replace(table, primary_key=key)
                yield ops.AddPrimaryKey(name, key)
            elif isinstance(part, exp.UniqueColumnConstraint) and part.this is not None:
                columns = tuple(IndexColumn(c.name) for c in part.this.expressions)
                yield ops.CreateIndex(name, Index(constraint_name, columns, unique=True,
                                                  constraint=True))


def _swapped(table: Table, old: str, column: Column) -> Table:
    return replace(table, columns=tuple(column if c.name == old else c for c in table.columns))


def _placed(table: Table, column: Column, position: exp.Expression | None, add: bool) -> Table:
    """The table with `column` added or moved as FIRST / AFTER x says (else at the end)."""
    others = [c for c in table.columns if c.name != column.name]
    if position is None:
        if add:
            return replace(table, columns=tuple(others + [column]))
        return table
    if position.args.get("position") == "FIRST":
        return replace(table, columns=tuple([column] + others))
    anchor = position.this.name if position.this is not None else ""
    at = next((i + 1 for i, c in enumerate(others) if c.name == anchor), len(others))
    return replace(table, columns=tuple(others[:at] + [column] + others[at:]))
