"""A composite foreign key may list the referenced key's columns in another order: the
fk-target rule compares them as a set. PostgreSQL accepts that, but InnoDB needs an index
whose leading columns are the referenced ones in the order given, and refuses the key
(MariaDB 10.11: errno 150 "Foreign key constraint is incorrectly formed"). Found by
probing MariaDB with the DDL schemagen writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support import refused_paths

SCHEMA = """\
format: 1
tables:
  t:
    columns: {a: integer, b: integer}
    primary_key: [a, b]
  u:
    columns: {x: integer, y: integer}
    foreign_keys:
      - columns: [x, y]
        references: {table: t, columns: [b, a]}
"""


@pytest.mark.xfail(strict=True, reason="bug: reordered key columns pass for MySQL targets")
def test_reference_in_another_order_than_the_key_is_refused_for_mysql(tmp_path: Path) -> None:
    assert "tables.u.foreign_keys[0]" in refused_paths(tmp_path, SCHEMA)


def test_the_same_reference_is_valid_for_postgres_alone(tmp_path: Path) -> None:
    only_postgres = SCHEMA.replace("format: 1\n", "format: 1\nsettings: {targets: [postgres]}\n")
    assert refused_paths(tmp_path, only_postgres) == []
