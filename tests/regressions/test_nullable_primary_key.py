"""`nullable: true` on a primary key column passes validation, but both servers make every
primary key column NOT NULL, so the database reads back different from its spec at once
(`column a: NULL != NOT NULL` on PostgreSQL and MariaDB). Found by probing both servers
with the DDL schemagen writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support import refused_paths

SCHEMA = """\
format: 1
tables:
  t:
    columns:
      a: {type: integer, nullable: true, primary: true}
"""


@pytest.mark.xfail(strict=True, reason="bug: a nullable primary key column passes validation")
def test_nullable_primary_key_column_is_refused(tmp_path: Path) -> None:
    assert any(path.startswith("tables.t.columns.a") for path in refused_paths(tmp_path, SCHEMA))
