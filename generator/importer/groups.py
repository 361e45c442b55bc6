"""Column groups recognised in imported tables: Laravel's `timestamps()` and `softDeletes()`.

A group is appended after a table's own columns, so a table can include one only when the
group's columns are its last ones, in that order. A group is defined when at least two
tables end with the same columns (same names, same types, nullable, nothing else on them);
a table whose columns differ keeps them written out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .. import types
from ..model import Column, Table
from .portable import PortableType

SHAPES = {"timestamps": ("created_at", "updated_at"), "soft_deletes": ("deleted_at",)}
ORDERS = (("timestamps", "soft_deletes"), ("soft_deletes", "timestamps"), ("timestamps",),
          ("soft_deletes",))
MINIMUM_USES = 2

Variant = tuple[tuple[str, str], ...]  # (column, portable type) of each column


@dataclass(frozen=True)
class Group:
    name: str
    columns: tuple[tuple[str, Column, PortableType], ...]


def recognise(tables: list[tuple[Table, dict[str, PortableType]]]
              ) -> tuple[list[Group], dict[str, list[Group]]]:
    """The groups worth defining, and which tables include which, in include order."""
    tails = {table.name: _tail(table, found) for table, found in tables}
    counts = Counter(part for tail in tails.values() for part in tail)
    chosen: dict[str, Variant] = {}
    for (shape, variant), uses in counts.most_common():
        if uses >= MINIMUM_USES and shape not in chosen:
            chosen[shape] = variant
    groups: dict[str, Group] = {}
    includes: dict[str, list[Group]] = {}
    for table, found in tables:
        order = _usable(tails[table.name], chosen)
        for shape in order:
            groups.setdefault(shape, _group(shape, table, found))
        if order:
            includes[table.name] = [groups[shape] for shape in order]
    ordered = [groups[name] for name in SHAPES if name in groups]
    return ordered, {name: [groups[g.name] for g in found] for name, found in includes.items()}


def _tail(table: Table, found: dict[str, PortableType]) -> tuple[tuple[str, Variant], ...]:
    """The longest run of group shapes the table's columns end with."""
    names = [column.name for column in table.columns]
    for order in ORDERS:
        wanted = [name for shape in order for name in SHAPES[shape]]
        if names[-len(wanted):] != wanted or len(names) == len(wanted):
            continue
        columns = {column.name: column for column in table.columns}
        if all(_fits(table, columns[name], found[name]) for name in wanted):
            return tuple((shape, tuple((name, found[name].text) for name in SHAPES[shape]))
                         for shape in order)
    return ()


def _fits(table: Table, column: Column, found: PortableType) -> bool:
    keyed = set(table.primary_key.columns) if table.primary_key else set()
    keyed |= {name for fk in table.foreign_keys for name in fk.columns}
    return (column.nullable and column.default is None and column.comment is None
            and column.collation is None and not column.auto_increment
            and column.name not in keyed
            and types.family(types.parse(found.text)) == "timestamp")


def _usable(tail: tuple[tuple[str, Variant], ...], chosen: dict[str, Variant]) -> list[str]:
    """The shapes of the tail that match the chosen groups, as a suffix of the columns."""
    usable: list[str] = []
    for shape, variant in reversed(tail):
        if chosen.get(shape) != variant:
            break
        usable.insert(0, shape)
    return usable


def _group(shape: str, table: Table, found: dict[str, PortableType]) -> Group:
    columns = {column.name: column for column in table.columns}
    return Group(shape, tuple((name, columns[name], found[name]) for name in SHAPES[shape]))
