"""A CHECK on a column whose foreign key has ON UPDATE CASCADE (or SET NULL) passes
validation, but MariaDB refuses whichever of the two comes second (1901 "Function or
expression 'b' cannot be used in the CHECK clause"); MySQL 8 refuses a CHECK on a column
used by any referential action (its manual, untested here). Found by
tests/property/test_live_migrations.py (a check added to such a column) and confirmed
on MariaDB in both orders."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support import refused_paths

SCHEMA = """\
format: 1
tables:
  t:
    columns:
      id: {type: integer, primary: true}
      parent: {type: integer, nullable: true, references: t.id, on_update: cascade}
    checks:
      - expression: parent > 0
"""


@pytest.mark.xfail(strict=True, reason="bug: a CHECK on a cascading FK column passes")
def test_check_on_a_column_with_an_update_action_is_refused(tmp_path: Path) -> None:
    paths = refused_paths(tmp_path, SCHEMA)
    assert "tables.t.checks[0].expression" in paths or \
        "tables.t.columns.parent.references" in paths, paths


def test_the_same_check_is_valid_for_postgres_alone(tmp_path: Path) -> None:
    only_postgres = SCHEMA.replace("format: 1\n", "format: 1\nsettings: {targets: [postgres]}\n")
    assert refused_paths(tmp_path, only_postgres) == []
