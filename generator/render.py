"""Operations to SQL statements through the Jinja templates of each dialect.

Each operation kind maps to a function that decides which statements it needs; each
statement is one template, `templates/<dialect>/<name>.sql.j2`, rendered with the operation
and `sql`, the fragment writer of the dialect. Templates hold layout, not decisions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import cache
from pathlib import Path

import jinja2

from . import casts, operations as ops
from .dialects import Dialect
from .model import Column, Schema, Table
from .sqltext import Sql

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

Statement = tuple[str, dict]  # template name and its variables
Planner = Callable[[ops.Operation, Dialect], Iterator[Statement]]


class RenderError(Exception):
    """An operation that has no way to be written for a dialect."""


@cache
def _environment(folder: str) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES / folder)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # SQL, not HTML: escaping is done by Sql.literal and Sql.q
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(operation: ops.Operation, dialect: Dialect) -> list[str]:
    """The statements of one operation, without trailing semicolons."""
    planner = PLANNERS.get(operation.kind)
    if planner is None:
        raise RenderError(f"No renderer for '{operation.kind}' on {dialect.title}.")
    environment = _environment(dialect.templates)
    statements = []
    for template, variables in planner(operation, dialect):
        text = environment.get_template(f"{template}.sql.j2").render(
            op=operation, sql=Sql(dialect), dialect=dialect, **variables)
        statements.append(text.strip())
    return statements


def render_all(operations: list[ops.Operation], dialect: Dialect) -> list[str]:
    return [statement for operation in operations for statement in render(operation, dialect)]


def create_all(schema: Schema) -> list[ops.Operation]:
    """Operations that build `schema` in an empty database: tables, then foreign keys."""
    tables = dependency_order(schema.tables)
    creates: list[ops.Operation] = [ops.CreateTable(table.name, table) for table in tables]
    foreign = [ops.AddForeignKey(table.name, fk) for table in tables for fk in table.foreign_keys]
    return creates + foreign


def dependency_order(tables: tuple[Table, ...]) -> list[Table]:
    """Tables so that each comes after those it references; file order breaks ties.

    Foreign keys are added after every table exists, so cycles and self-references need no
    special case; the order only makes the file read naturally.
    """
    remaining = list(tables)
    placed: list[Table] = []
    names = {table.name for table in tables}
    while remaining:
        done = {table.name for table in placed}
        ready = next((table for table in remaining
                      if all(fk.ref_table in done or fk.ref_table == table.name
                             or fk.ref_table not in names for fk in table.foreign_keys)),
                     remaining[0])  # a cycle: take the first in file order
        placed.append(ready)
        remaining.remove(ready)
    return placed


# --- what statements each operation needs ---------------------------------------------


def _create_table(op: ops.CreateTable, dialect: Dialect) -> Iterator[Statement]:
    table = op.definition
    inline = [index for index in table.indexes
              if not index.implicit and (index.constraint or dialect.inline_comments)]
    yield "create_table", {"table": table, "body": Sql(dialect).table_body(table, inline)}
    if not dialect.inline_comments:
        if table.comment is not None:
            yield "comment_table", {"table_name": table.name, "comment": table.comment}
        for column in table.columns:
            if column.comment is not None:
                yield "comment_column", {"table_name": table.name, "column": column}
    for index in table.indexes:
        if index not in inline and not index.implicit:
            yield "create_index", {"table_name": table.name, "index": index}


def _drop_table(op: ops.DropTable, dialect: Dialect) -> Iterator[Statement]:
    yield "drop_table", {"table_name": op.table}


def _rename_table(op: ops.RenameTable, dialect: Dialect) -> Iterator[Statement]:
    # TODO(postgres): the sequence of a serial column keeps the old table's name.
    yield "rename_table", {"table_name": op.table, "new_name": op.new_name}


def _set_table_comment(op: ops.SetTableComment, dialect: Dialect) -> Iterator[Statement]:
    template = "set_table_comment" if dialect.inline_comments else "comment_table"
    yield template, {"table_name": op.table, "comment": op.desired}


def _set_table_options(op: ops.SetTableOptions, dialect: Dialect) -> Iterator[Statement]:
    """Engine and row format as options; a new charset or collation converts the columns.

    `DEFAULT CHARSET=` alone would leave every existing column in the old collation.
    """
    # TODO(mysql): CONVERT TO also resets columns that declare a collation of their own.
    if not dialect.table_options:
        return
    current, desired = dict(op.current), dict(op.desired)
    storage = tuple((key, desired.get(key, "DEFAULT")) for key in ("engine", "row_format")
                    if current.get(key) != desired.get(key) and
                    (key in desired or key == "row_format"))
    if storage:
        yield "set_table_options", {"table_name": op.table, "options": storage}
    if any(current.get(key) != desired.get(key) for key in ("charset", "collation")):
        yield "convert_table", {"table_name": op.table,
                                "charset": desired.get("charset", "DEFAULT"),
                                "collation": desired.get("collation")}


# --- columns ---------------------------------------------------------------------------


def _add_column(op: ops.AddColumn, dialect: Dialect) -> Iterator[Statement]:
    yield "add_column", {"table_name": op.table, "column": op.column, "after": op.after}
    if not dialect.inline_comments and op.column.comment is not None:
        yield "comment_column", {"table_name": op.table, "column": op.column}


def _drop_column(op: ops.DropColumn, dialect: Dialect) -> Iterator[Statement]:
    yield "drop_column", {"table_name": op.table, "column": op.column}


def _rename_column(op: ops.RenameColumn, dialect: Dialect) -> Iterator[Statement]:
    if dialect.rename_column or op.column is None:
        yield "rename_column", {"table_name": op.table, "old": op.old, "new": op.new}
    else:
        column = replace(op.column, name=op.new)
        yield "change_column", {"table_name": op.table, "old": op.old, "column": column}


def _alter_column(op: ops.AlterColumn, dialect: Dialect) -> Iterator[Statement]:
    """One column changed: NULLs filled from the new default first, so NOT NULL can hold."""
    current, desired = op.current, op.desired
    fill = current.nullable and not desired.nullable and desired.default is not None
    if dialect.restate_column:
        if fill:
            yield "fill_nulls", {"table_name": op.table, "column": desired}
        yield "modify_column", {"table_name": op.table, "column": desired}
        return
    yield from _alter_column_parts(op, fill, Sql(dialect))


def _alter_column_parts(op: ops.AlterColumn, fill: bool, sql: Sql) -> Iterator[Statement]:
    """PostgreSQL: one clause per part, the default dropped around a type change."""
    current, desired = op.current, op.desired
    table = {"table_name": op.table, "column": desired}
    retyped = (current.type, current.collation) != (desired.type, desired.collation)
    dropped = retyped and current.default is not None
    if dropped:
        yield "drop_default", table
    if retyped:
        yield "alter_type", {**table, **_new_type(current, desired, sql)}
    if desired.default is not None and (dropped or current.default != desired.default):
        yield "set_default", table
    elif desired.default is None and current.default is not None and not dropped:
        yield "drop_default", table
    if fill:
        yield "fill_nulls", table
    if current.nullable != desired.nullable:
        yield ("set_nullable" if desired.nullable else "set_not_null"), table
    if current.comment != desired.comment:
        yield "comment_column", table


def _new_type(current: Column, desired: Column, sql: Sql) -> dict:
    """The parts of the TYPE clause: a serial column changes its integer type and keeps its
    sequence, a collation going back to the default is named "default", USING where needed.
    """
    # TODO(postgres): a serial's sequence stays AS integer when its column becomes bigint.
    collation = desired.collation or ("default" if current.collation else None)
    using = None
    if casts.needs_using(current.type, desired.type):
        using = casts.using(sql.q(desired.name), current.type, desired.type)
    return {"type": sql.type(replace(desired, auto_increment=False)),
            "collation": collation, "using": using}


# --- keys and indexes ------------------------------------------------------------------


def _add_primary_key(op: ops.AddPrimaryKey, dialect: Dialect) -> Iterator[Statement]:
    yield "add_primary_key", {"table_name": op.table, "key": op.key}


def _drop_primary_key(op: ops.DropPrimaryKey, dialect: Dialect) -> Iterator[Statement]:
    yield "drop_primary_key", {"table_name": op.table, "key": op.key}


def _replace_primary_key(op: ops.ReplacePrimaryKey, dialect: Dialect) -> Iterator[Statement]:
    yield "replace_primary_key", {"table_name": op.table, "current": op.current,
                                  "desired": op.desired}


def _rename_primary_key(op: ops.RenamePrimaryKey, dialect: Dialect) -> Iterator[Statement]:
    if dialect.named_primary_key:  # MySQL's is always PRIMARY: nothing to rename
        yield "rename_constraint", {"table_name": op.table, "old": op.old, "new": op.new}


def _create_index(op: ops.CreateIndex, dialect: Dialect) -> Iterator[Statement]:
    if op.index.implicit:
        return
    if op.index.constraint:
        yield "add_unique", {"table_name": op.table, "index": op.index}
    else:
        yield "create_index", {"table_name": op.table, "index": op.index}


def _drop_index(op: ops.DropIndex, dialect: Dialect) -> Iterator[Statement]:
    if op.index.implicit:
        return
    template = "drop_unique" if op.index.constraint else "drop_index"
    yield template, {"table_name": op.table, "index": op.index}


def _rename_index(op: ops.RenameIndex, dialect: Dialect) -> Iterator[Statement]:
    constraint = op.index is not None and op.index.constraint
    template = "rename_constraint" if constraint else "rename_index"
    yield template, {"table_name": op.table, "old": op.old, "new": op.new}


def _add_foreign_key(op: ops.AddForeignKey, dialect: Dialect) -> Iterator[Statement]:
    # InnoDB creates `op.implicit_index` by itself here.
    yield "add_foreign_key", {"table_name": op.table, "fk": op.foreign_key}


def _drop_foreign_key(op: ops.DropForeignKey, dialect: Dialect) -> Iterator[Statement]:
    yield "drop_foreign_key", {"table_name": op.table, "fk": op.foreign_key}
    if op.implicit_index is not None:  # InnoDB keeps it after the key is gone
        yield "drop_index", {"table_name": op.table, "index": op.implicit_index}


def _add_check(op: ops.AddCheck, dialect: Dialect) -> Iterator[Statement]:
    yield "add_check", {"table_name": op.table, "check": op.check}


def _drop_check(op: ops.DropCheck, dialect: Dialect) -> Iterator[Statement]:
    yield "drop_check", {"table_name": op.table, "check": op.check}


PLANNERS: dict[str, Planner] = {
    "create_table": _create_table,
    "drop_table": _drop_table,
    "rename_table": _rename_table,
    "set_table_comment": _set_table_comment,
    "set_table_options": _set_table_options,
    "add_column": _add_column,
    "drop_column": _drop_column,
    "rename_column": _rename_column,
    "alter_column": _alter_column,
    "add_primary_key": _add_primary_key,
    "drop_primary_key": _drop_primary_key,
    "rename_primary_key": _rename_primary_key,
    "replace_primary_key": _replace_primary_key,
    "create_index": _create_index,
    "drop_index": _drop_index,
    "rename_index": _rename_index,
    "add_foreign_key": _add_foreign_key,
    "drop_foreign_key": _drop_foreign_key,
    "add_check": _add_check,
    "drop_check": _drop_check,
}
