"""What a migration runner's own table in a live database says was applied.

Flyway keeps `flyway_schema_history`, one row per migration run with its `success`;
golang-migrate keeps `schema_migrations`, one row holding the current version and `dirty`.
Both are read with plain SELECTs the two server families share.
https://documentation.red-gate.com/fd/flyway-schema-history-table-273973417.html
https://github.com/golang-migrate/migrate/blob/master/MIGRATIONS.md
"""

from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Callable
from typing import Any

from .connect import connect, rows

# The runner's table -> the runner's name. Neither table is part of a schema.yaml.
RUNNERS = {"flyway_schema_history": "Flyway", "schema_migrations": "golang-migrate"}

_FLYWAY = ("SELECT version, type, success FROM flyway_schema_history "
           "ORDER BY installed_rank")
_GOLANG = "SELECT version, dirty FROM schema_migrations"


@dataclass
class History:
    """The versions one runner counts as run, and those it recorded as failed."""

    runner: str
    table: str
    applied: set[int] = field(default_factory=set)
    through: int | None = None  # every version up to this one counts as run
    failed: list[int] = field(default_factory=list)
    problem: str | None = None  # why the table could not be read as the runner's

    @property
    def version(self) -> int | None:
        """The version the runner reports as current."""
        return max(self.applied | ({self.through} if self.through else set()), default=None)

    def pending(self, released: list[int]) -> list[int]:
        """Released versions the runner has not run (none claimed from an unreadable table)."""
        if self.problem:
            return []
        return [version for version in released if version not in self.applied
                and (self.through is None or version > self.through)]

    def unknown(self, released: list[int]) -> list[int]:
        """Versions the runner ran that the migrations folder does not hold."""
        return sorted(version for version in self.applied if version not in released)


def read_histories(url: str, dialect: str, tables: list[str]) -> list[History]:
    """The history of each runner whose table is among `tables` (the database's tables)."""
    found = []
    with connect(url, dialect) as connection:
        for table, runner in RUNNERS.items():
            if table in tables:
                found.append(_read(connection, table, runner))
    return found


def _read(connection: Any, table: str, runner: str) -> History:
    history = History(runner, table)
    query, interpret = _READERS[runner]
    try:
        found = rows(connection, query)
    except Exception as error:  # noqa: BLE001 - each driver has its own error classes
        reason = (str(error).strip().splitlines() or [type(error).__name__])[0]
        history.problem = f"{table} is not {runner}'s table as expected ({reason})"
        return history
    interpret(history, found)
    return history


def _flyway(history: History, found: list[tuple]) -> None:
    # Rows in the order Flyway ran them: a later success clears an earlier failure, an
    # undo takes a version back, a baseline stands for every version up to its own.
    for version_text, kind, success in found:
        if version_text is None:
            continue  # a repeatable migration has no version
        version = _version(str(version_text), history)
        if version is None:
            continue
        if kind == "BASELINE":
            history.through = max(history.through or 0, version)
        elif kind in ("UNDO_SQL", "UNDO_JDBC", "DELETE"):
            if success:
                history.applied.discard(version)
        elif success:
            history.applied.add(version)
            history.failed = [v for v in history.failed if v != version]
        else:
            history.failed.append(version)


def _golang(history: History, found: list[tuple]) -> None:
    if not found:
        return
    version_value, dirty = found[0]
    version = _version(str(version_value), history)
    if version is None or version < 1:
        return  # no migration run yet (golang-migrate writes -1 for none in some drivers)
    history.through = version
    history.applied.add(version)
    if dirty:
        # A dirty version failed part-way: golang-migrate refuses to run until it is fixed.
        history.failed.append(version)


def _version(text: str, history: History) -> int | None:
    try:
        return int(text)
    except ValueError:
        history.problem = (f"{history.table} holds version '{text}', which is not a whole "
                           "number as schemagen writes them; it was not compared")
        return None


# The runner's name -> the query of its table and how its rows are read.
_READERS: dict[str, tuple[str, Callable[[History, list[tuple]], None]]] = {
    "Flyway": (_FLYWAY, _flyway), "golang-migrate": (_GOLANG, _golang)}
