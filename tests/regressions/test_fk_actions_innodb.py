"""Foreign key actions InnoDB refuses or drops, which validation lets through. Each schema
below was applied to MariaDB 10.11 as schemagen writes it:

- ON DELETE SET NULL on a NOT NULL column: errno 150 "Foreign key constraint is
  incorrectly formed" (probed);
- ON DELETE SET DEFAULT: accepted, then silently dropped (the catalog says NO ACTION), so
  the database drifts from the spec at once; MySQL 8 refuses it outright (probed);
- ON UPDATE CASCADE from a NOT NULL column to a nullable key column: errno 150 (found by
  tests/property/test_live_roundtrip.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .support import refused_paths

SET_NULL_ON_NOT_NULL = """\
format: 1
tables:
  t:
    columns:
      id: {type: integer, primary: true}
      parent: {type: integer, references: t.id, on_delete: set null}
"""
SET_DEFAULT = """\
format: 1
tables:
  t:
    columns:
      id: {type: integer, primary: true}
      parent: {type: integer, nullable: true, references: t.id, on_delete: set default}
"""
CASCADE_TO_NULLABLE = """\
format: 1
tables:
  p:
    columns:
      code: {type: bigint, nullable: true, unique: true}
  c:
    columns:
      code: {type: bigint, references: p.code, on_update: cascade}
"""


def test_set_null_on_not_null_column_is_refused(tmp_path: Path) -> None:
    assert any(path.startswith("tables.t.columns.parent")
               for path in refused_paths(tmp_path, SET_NULL_ON_NOT_NULL))


def test_set_default_is_refused_for_mysql_targets(tmp_path: Path) -> None:
    assert any(path.startswith("tables.t.columns.parent")
               for path in refused_paths(tmp_path, SET_DEFAULT))


@pytest.mark.xfail(strict=True,
                   reason="bug: ON UPDATE CASCADE to a nullable key passes validation")
def test_cascade_from_not_null_to_nullable_key_is_refused(tmp_path: Path) -> None:
    assert any(path.startswith("tables.c.columns.code")
               for path in refused_paths(tmp_path, CASCADE_TO_NULLABLE))
