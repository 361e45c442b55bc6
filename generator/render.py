"""Operations to SQL statements through the Jinja templates of each dialect.

Each operation kind maps to a function that decides which statements it needs; each
statement is one template, `templates/<dialect>/<name>.sql.j2`, rendered with the operation
and `sql`, the fragment writer of the dialect. Templates hold layout, not decisions.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator

import jinja2

from . import operations as ops
from .dialects import Dialect
from .model import Schema, Table
from .sqltext import Sql

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

Statement = tuple[str, dict]  # template name and its variables
Planner = Callable[[ops.Operation, Dialect], Iterator[Statement]]


class RenderError(Exception):
    """An operation that has no way to be written for a dialect."""


@lru_cache(maxsize=None)
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
    yield "create_table", {"table": table, "items": Sql(dialect).table_items(table, inline)}
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


def _add_foreign_key(op: ops.AddForeignKey, dialect: Dialect) -> Iterator[Statement]:
    yield "add_foreign_key", {"table_name": op.table, "fk": op.foreign_key}


def _drop_foreign_key(op: ops.DropForeignKey, dialect: Dialect) -> Iterator[Statement]:
    yield "drop_foreign_key", {"table_name": op.table, "fk": op.foreign_key}


def _add_check(op: ops.AddCheck, dialect: Dialect) -> Iterator[Statement]:
    yield "add_check", {"table_name": op.table, "check": op.check}


def _drop_check(op: ops.DropCheck, dialect: Dialect) -> Iterator[Statement]:
    yield "drop_check", {"table_name": op.table, "check": op.check}


PLANNERS: dict[str, Planner] = {
    "create_table": _create_table,
    "drop_table": _drop_table,
    "create_index": _create_index,
    "drop_index": _drop_index,
    "add_foreign_key": _add_foreign_key,
    "drop_foreign_key": _drop_foreign_key,
    "add_check": _add_check,
    "drop_check": _drop_check,
}
