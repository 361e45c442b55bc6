"""Helper for the migration cases: the plan between two schema texts on one dialect."""

from __future__ import annotations

from pathlib import Path

from generator.generate import DialectPlan, migration
from generator.model import Schema

from .support import compile_text


def plan_between(tmp_path: Path, before: str | None, after: str, dialect: str) -> DialectPlan:
    """The migration from `before` (None: an empty database) to `after`."""
    current = compile_text(tmp_path, before).schemas[dialect] if before else Schema(dialect, ())
    return migration(current, compile_text(tmp_path, after).schemas[dialect])
