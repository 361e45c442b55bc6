"""A live catalog to schema.yaml: the road `schemagen inspect` takes.

The catalog is read into the model (`generator.live.introspect`), which is the importer's
own meeting point, so the model-to-spec step is the one `schemagen import` uses. Two things
only a catalog shows are settled first: a migration runner's history table is not part of
the schema, and on PostgreSQL a varchar(255) with the conventionally named CHECK listing its
values is how `resolve` writes an `enum`, so it is read back as one. The written text is
then compiled again and compared with the catalog, so what the file does not hold exactly
is listed rather than assumed.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from .. import dialects, naming, types
from ..dialects import Dialect
from ..live.expressions import in_list
from ..live.history import RUNNERS
from ..model import Schema, SqlType, Table
from ..spec.format import Naming
from . import Imported, ImportFailed, import_model
from .notes import Notebook


@dataclass
class Inspection:
    """The schema.yaml of a catalog and what compiling it back does not give exactly."""

    imported: Imported
    differences: list[str]


def catalog_to_yaml(catalog: Schema, header: str, targets: list[str]) -> Inspection:
    """schema.yaml text for a catalog read back, with notes for what it leaves out."""
    notebook = Notebook()
    kept = _without_runner_tables(catalog, notebook)
    if not kept.tables:
        raise ImportFailed("the database has no table to inspect"
                           + (" besides a migration history" if catalog.tables else "") + ".")
    dialect = dialects.get(catalog.dialect)
    folded = replace(kept, tables=tuple(enum_columns(t, dialect) for t in kept.tables))
    imported = import_model(folded, header, notebook, targets)
    return Inspection(imported, _read_back(imported.text, kept))


def _without_runner_tables(catalog: Schema, notebook: Notebook) -> Schema:
    for table in catalog.tables:
        if table.name in RUNNERS:
            notebook.unsupported(0, f"table {table.name}", f"it is {RUNNERS[table.name]}'s "
                                 "migration history, not part of the schema; it was left out.",
                                 table.name)
    return replace(catalog, tables=tuple(t for t in catalog.tables if t.name not in RUNNERS))


def enum_columns(table: Table, dialect: Dialect) -> Table:
    """On a dialect without ENUM, the columns `resolve` wrote for an `enum` made enums again.

    Only the exact form is taken: the enum's native type, and a CHECK under the enum
    naming convention listing the values (the reader has already marked such checks).
    """
    if dialect.native_enum:
        return table
    stand_in = types.native(types.parse("enum"), dialect)
    folded: dict[str, tuple[str, tuple[str, ...]]] = {}
    for check in table.checks:
        column = table.column(check.enum_column) if check.enum_column else None
        found = in_list(check.expression, dialect)
        if column is None or found is None or column.type != stand_in \
                or column.name in folded:
            continue
        if check.name == naming.generated(Naming().enum_check, table.name, (column.name,)):
            folded[column.name] = (check.name, found[1])
    if not folded:
        return table
    names = {name for name, _ in folded.values()}
    columns = tuple(replace(c, type=SqlType("enum", values=folded[c.name][1]))
                    if c.name in folded else c for c in table.columns)
    checks = tuple(check for check in table.checks if check.name not in names)
    return replace(table, columns=columns, checks=checks)


def _read_back(text: str, catalog: Schema) -> list[str]:
    """What differs between the catalog and the model the written file compiles to."""
    from ..compare import differences
    from ..pipeline import compile_file

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "schema.yaml"
        path.write_text(text, encoding="utf-8")
        compiled = compile_file(path, "schema.yaml")
    return differences(compiled.schemas[catalog.dialect], catalog)
