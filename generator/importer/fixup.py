"""Taking out of the imported data what `schemagen validate` still refuses, with a note.

The reader and `tospec` already leave out what the format cannot hold; this is the net under
them for what only the whole-schema rules see (a foreign key to columns that are not a key,
an index key too wide for InnoDB, two objects with one name). Each refused item is removed
at the place its finding points to: a list entry, a column's shorthand key, a primary key.
"""

from __future__ import annotations

import re

from ..findings import Finding
from .notes import Notebook

_PARTS = re.compile(r"\[(\d+)\]|([^.\[\]]+)")
_WITH_REFERENCES = ("references", "on_delete", "on_update", "foreign_key_name")


def remove(data: dict, lines: dict[str, int], finding: Finding, notebook: Notebook) -> bool:
    """Remove what `finding` points at; False when it points at nothing removable."""
    parts = [int(index) if index else key for index, key in _PARTS.findall(finding.path)]
    if len(parts) < 2 or parts[0] != "tables":
        return False
    table = parts[1]
    entry = data["tables"].get(table)
    if not isinstance(entry, dict):
        return False
    removed = _remove_in_table(entry, parts[2:])
    if removed is None:
        return False
    where = f"tables.{table}.columns.{parts[3]}" if len(parts) > 3 and parts[2] == "columns" \
        else f"tables.{table}"
    line = lines.get(where, lines.get(f"tables.{table}", 0))
    notebook.unsupported(line, f"{removed} on {table}",
                         f"schemagen validate refuses it ({finding.code}: {finding.message}); "
                         "it was left out.", str(table))
    return True


def _remove_in_table(entry: dict, parts: list) -> str | None:
    """Remove the item at `parts` inside one table's data; what it was, or None."""
    if len(parts) >= 2 and isinstance(parts[1], int) and parts[0] in entry:
        items = entry[parts[0]]
        if parts[1] < len(items):
            items.pop(parts[1])
            if not items:
                del entry[parts[0]]
            return f"{parts[0].rstrip('s').replace('_', ' ')} #{parts[1] + 1}"
        return None
    if parts[:1] == ["primary_key"] and "primary_key" in entry:
        del entry["primary_key"]
        return "primary key"
    if len(parts) >= 3 and parts[0] == "columns":
        return _remove_in_column(entry["columns"], parts[1], parts[2])
    return None


def _remove_in_column(columns: dict, name: str, key: str) -> str | None:
    column = columns.get(name)
    if not isinstance(column, dict) or key not in column or key in ("type", "nullable"):
        return None
    for gone in _WITH_REFERENCES if key == "references" else (key,):
        column.pop(gone, None)
    if list(column) == ["type"]:
        columns[name] = column["type"]
    return f"`{key}` of column {name}"
