"""Helpers for the migration tests: two schema texts, and the migration between them."""

from __future__ import annotations

import textwrap
from pathlib import Path

from generator.generate import DialectPlan, migration
from generator.pipeline import Compiled, compile_file


def compiled(tmp_path: Path, body: str, name: str = "schema.yaml") -> Compiled:
    """A schema text (without the `format:` line) compiled as a file would be."""
    path = tmp_path / name
    path.write_text("format: 1\n" + textwrap.dedent(body), encoding="utf-8")
    return compile_file(path, display="schema.yaml")


def change(tmp_path: Path, before: str, after: str, dialect: str) -> DialectPlan:
    """The migration from `before` to `after` on one dialect: operations, up, down."""
    current = compiled(tmp_path, before, "before.yaml").schemas[dialect]
    desired = compiled(tmp_path, after, "after.yaml").schemas[dialect]
    return migration(current, desired)


def sql(tmp_path: Path, before: str, after: str, dialect: str) -> tuple[list[str], list[str]]:
    """The up and down statements of the migration from `before` to `after`."""
    plan = change(tmp_path, before, after, dialect)
    return plan.up, plan.down
