"""Compare two models of one dialect and list the operations from `current` to `desired`.

Set algebra over names: added, removed, changed, unchanged, with the sides called
`current_*` and `desired_*` throughout.
"""

from __future__ import annotations

from . import operations as ops
from .model import Schema
from .render import dependency_order


class DiffUnsupported(Exception):
    """A change this version cannot express as a migration yet."""


def diff(current: Schema, desired: Schema) -> list[ops.Operation]:
    current_tables = {table.name: table for table in current.tables}
    desired_tables = {table.name: table for table in desired.tables}
    added = [t for t in dependency_order(desired.tables) if t.name not in current_tables]
    removed = [t for t in current.tables if t.name not in desired_tables]
    changed = [t.name for t in desired.tables
               if t.name in current_tables and current_tables[t.name] != t]
    if changed:
        # TODO(diff): changes inside an existing table are not computed yet.
        raise DiffUnsupported(f"Changes inside existing tables ({', '.join(changed)}) are "
                              "not supported yet.")
    found: list[ops.Operation] = []
    for table in removed:
        found += [ops.DropForeignKey(table.name, fk) for fk in table.foreign_keys]
        found.append(ops.DropTable(table.name, table))
    found += [ops.CreateTable(table.name, table) for table in added]
    found += [ops.AddForeignKey(t.name, fk) for t in added for fk in t.foreign_keys]
    return ops.ordered(found)
