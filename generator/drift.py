"""A live database against schema.yaml: what drifted, what the history says, the repair.

The catalog is read into the model (`generator.live.introspect`) and compared with the
schema file's model object by object (`generator.compare`). The repair is the migration
`diff(actual, desired)` gives, rendered and checked by sqlglot exactly as every migration
`generate` writes, and it is only ever written out, never applied.

The diff engine compares objects with `==`, while `compare` sets aside how a server
spells what it stores (`(count >= 0)` for `count >= 0`, `'a'::text` for `'a'`). So before
diffing, every catalog object that `compare` finds equal to its schema twin is replaced by
that twin (`align`): the repair then touches only what really differs.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from pathlib import Path
from collections.abc import Callable

from . import dialects, operations as ops
from .checks.changes import narrowed
from .compare import differences
from .diff import DiffUnsupported, diff, warnings
from .findings import Finding
from .generate import current_state
from .live.connect import database_name
from .live.history import RUNNERS, History, read_histories
from .live.introspect import read_schema
from .model import Schema, Table
from .output import LAYOUTS, migration_files
from .pipeline import Compiled
from .render import render
from .sqlcheck import check_all

log = logging.getLogger("schemagen.verify")

Step = tuple[ops.Operation, list[str]]  # an operation and its statements


@dataclass
class Drift:
    """Everything `schemagen drift` reports about one database."""

    dialect: str
    database: str
    differences: list[str]
    steps: list[Step] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    unrepairable: str | None = None  # why no repair could be written
    released: list[int] = field(default_factory=list)
    histories: list[History] = field(default_factory=list)
    unreleased: bool = False  # schema.yaml has changes no released migration carries

    @property
    def statements(self) -> list[str]:
        return [statement for _, found in self.steps for statement in found]

    @property
    def pending(self) -> list[int]:
        """Released versions a runner's history says have not run."""
        return sorted({v for h in self.histories for v in h.pending(self.released)})

    @property
    def failed(self) -> list[int]:
        return sorted({version for history in self.histories for version in history.failed})

    @property
    def found(self) -> bool:
        """Drift: the catalog differs, or the history misses or failed a migration."""
        return bool(self.differences or self.pending or self.failed)


def drift(compiled: Compiled, dialect: str, url: str, out: Path) -> Drift:
    """Read the database at `url`, compare it with the compiled schema, plan the repair."""
    desired = compiled.schemas[dialect]
    catalog = read_schema(url, dialect)
    declared = {table.name for table in desired.tables}
    runners = [t.name for t in catalog.tables if t.name in RUNNERS and t.name not in declared]
    actual = replace(catalog, tables=tuple(t for t in catalog.tables if t.name not in runners))

    found = Drift(dialect, database_name(url), differences(desired, actual))
    found.released = released_versions(out / dialect / "migrations")
    found.histories = read_histories(url, dialect, runners)
    found.unreleased = _unreleased(compiled, out, dialect)
    if found.differences:
        _plan_repair(found, actual, desired)
    log.info("%s: %d difference(s), %d repair statement(s)", dialect,
             len(found.differences), len(found.statements))
    return found


def _plan_repair(found: Drift, actual: Schema, desired: Schema) -> None:
    # TODO(drift): a repair that mends only part of the drift (column order stays) does not
    # say which differences it leaves; `drift` run again after it does.
    try:
        found.steps = repair(actual, desired)
    except DiffUnsupported as error:
        found.unrepairable = str(error)
        return
    found.warnings = warnings([operation for operation, _ in found.steps])
    if not found.steps:
        found.unrepairable = ("no migration schemagen writes changes what differs (the order "
                              "of columns, for one); rebuild the table or accept the order.")


def repair(actual: Schema, desired: Schema) -> list[Step]:
    """The operations from the catalog to the schema, each with its checked statements."""
    dialect = dialects.get(desired.dialect)
    steps = [(operation, render(operation, dialect))
             for operation in diff(align(actual, desired), desired)]
    check_all([statement for _, found in steps for statement in found], dialect)
    return steps


def destructive(operation: ops.Operation, dialect: str) -> str | None:
    """Why a repair step destroys something, or None: every drop is named as such."""
    if operation.destructive:
        return "loses data"
    if operation.kind.startswith("drop_"):
        return "drops an object the schema file does not have"
    if isinstance(operation, ops.AlterColumn):
        return narrowed(operation.current.type, operation.desired.type,
                        dialects.get(dialect))
    return None


def released_versions(folder: Path) -> list[int]:
    """The migration versions a migrations folder holds, of either layout."""
    versions = set()
    for name in migration_files(folder):
        found = [layout.version_of(name) for layout in LAYOUTS.values()]
        versions |= {version for version in found if version is not None}
    return sorted(versions)


def _unreleased(compiled: Compiled, out: Path, dialect: str) -> bool:
    """Whether schema.yaml holds changes that out/ has not released as a migration yet."""
    try:
        return bool(diff(current_state(out, compiled)[dialect], compiled.schemas[dialect]))
    except DiffUnsupported:
        return True


# --- align: the catalog in the schema's spelling wherever the two mean the same ----------


def align(actual: Schema, desired: Schema) -> Schema:
    """`actual` with every object `compare` finds equal to its desired twin replaced by it."""
    wanted = {table.name: table for table in desired.tables}
    tables = tuple(_align_table(table, wanted[table.name], desired.dialect)
                   if table.name in wanted else table for table in actual.tables)
    return replace(actual, tables=tables)


def _align_table(actual: Table, desired: Table, dialect: str) -> Table:
    same = _Probe(desired, dialect)
    return replace(
        actual,
        columns=tuple(same.twin("columns", column, same.column) for column in actual.columns),
        indexes=tuple(same.twin("indexes", index, same.index) for index in actual.indexes),
        foreign_keys=tuple(same.twin("foreign_keys", fk, same.bare)
                           for fk in actual.foreign_keys),
        checks=tuple(same.twin("checks", check, same.bare) for check in actual.checks),
        primary_key=same.value("primary_key", actual.primary_key),
        comment=same.value("comment", actual.comment),
        options=same.value("options", actual.options))


class _Probe:
    """Compares one object at a time, in a table that holds only what its check needs."""

    def __init__(self, desired: Table, dialect: str):
        self.desired = desired
        self.dialect = dialect
        # Options stay: a column's collation is compared with the table's in mind.
        self.empty = Table(desired.name, (), options=desired.options)

    def twin(self, field_name: str, item, context: Callable[[object], Table]):
        """The desired object of the same name when it means the same, else `item`."""
        twin = next((o for o in getattr(self.desired, field_name) if o.name == item.name),
                    None)
        if twin is None or twin == item:
            return twin or item
        left = replace(context(twin), **{field_name: (twin,)})
        right = replace(context(item), **{field_name: (item,)})
        return twin if self.equal(left, right) else item

    def value(self, field_name: str, actual):
        """The desired table's key, comment or options when they mean the same as `actual`."""
        desired = getattr(self.desired, field_name)
        left = replace(self.empty, **{field_name: desired})
        right = replace(self.empty, **{field_name: actual})
        return desired if self.equal(left, right) else actual

    def column(self, _item) -> Table:
        return self.empty

    def index(self, item) -> Table:
        # An index compares its key parts with its columns' types (a full-length prefix).
        names = {part.name for part in item.columns}
        return replace(self.empty, columns=tuple(c for c in self.desired.columns
                                                 if c.name in names))

    def bare(self, _item) -> Table:
        return replace(self.empty, options=())

    def equal(self, left: Table, right: Table) -> bool:
        return not differences(Schema(self.dialect, (left,)), Schema(self.dialect, (right,)))


# --- what is written and printed ----------------------------------------------------------


def repair_text(found: Drift, source: str) -> str:
    """The repair migration as a file: each step's description, its statements, its risk."""
    lines = [f"-- Repair written by `schemagen drift`: brings the {found.dialect} database "
             f"{found.database} back to {source}.",
             "-- It was NOT applied. Review it (destructive steps are marked), then run it."]
    if found.unrepairable:
        lines.append(f"-- No repair could be written: {found.unrepairable}")
    elif not found.steps:
        lines.append("-- No drift: nothing to repair.")
    for operation, statements in found.steps:
        risk = destructive(operation, found.dialect)
        lines += ["", f"-- {operation.describe()}" + (f" [DESTRUCTIVE: {risk}]" if risk else "")]
        lines += [f"{statement};" for statement in statements]
    return "\n".join(lines) + "\n"


def as_dict(found: Drift) -> dict:
    """The whole report as data, for `--format json`."""
    return {
        "dialect": found.dialect, "database": found.database, "drift": found.found,
        "differences": found.differences,
        "repair": {
            "steps": [{"operation": op.describe(), "statements": statements,
                       "destructive": destructive(op, found.dialect)}
                      for op, statements in found.steps],
            "unrepairable": found.unrepairable,
            "warnings": [warning.as_dict() for warning in found.warnings]},
        "migrations": {
            "released": found.released, "unreleased_changes": found.unreleased,
            "histories": [_history(h, found.released) for h in found.histories]},
    }


def _history(history: History, released: list[int]) -> dict:
    return {"runner": history.runner, "table": history.table, "version": history.version,
            "pending": history.pending(released), "failed": history.failed,
            "unknown": history.unknown(released), "problem": history.problem}
