"""The InnoDB key-size rule took a DECIMAL as (precision // 9) * 4 + 4 bytes and any
fractional seconds as 3 bytes, more than InnoDB stores, so a key that fits was refused: a
unique key on (varchar(765), tinyint, decimal(18,18)) needs 3060 + 1 + 8 = 3069 bytes, but
was counted as 3073 and refused with index-key-too-long. Found by
tests/property/test_live_roundtrip.py; fixed in generator/types.py with InnoDB's packed
DECIMAL sizes (four bytes per nine digits, integer and fraction apart)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import dialects, types
from generator.compare import differences
from generator.model import SqlType

from .support import PREFIX, build, compile_text, refused_paths

SCHEMA = """\
format: 1
tables:
  t:
    columns:
      a: string({length})
      b: tinyint
      c: decimal(18,18)
    unique:
      - columns: [a, b, c]
"""


@pytest.mark.parametrize(("sql_type", "size"), [
    (SqlType("decimal", (18, 18)), 8), (SqlType("decimal", (65, 30)), 30),
    (SqlType("decimal", (10, 2)), 5), (SqlType("decimal", (9, 0)), 4),
    (SqlType("datetime", (6,)), 8), (SqlType("time", (3,)), 5), (SqlType("timestamp"), 4),
    (SqlType("tinyint", (1,)), 1),
])
def test_key_bytes_are_what_innodb_stores(sql_type: SqlType, size: int) -> None:
    assert types.key_bytes(sql_type, dialects.MYSQL, None) == size


def test_key_that_fits_is_accepted_and_one_over_is_refused(tmp_path: Path) -> None:
    assert refused_paths(tmp_path, SCHEMA.format(length=765)) == []
    assert refused_paths(tmp_path, SCHEMA.format(length=766)) == ["tables.t.unique[0]"]


@pytest.mark.live
def test_key_that_fits_builds_on_mariadb(tmp_path: Path, fresh_database) -> None:
    compiled = compile_text(tmp_path, SCHEMA.format(length=765))
    actual = build(compiled, "mariadb", fresh_database("mariadb", PREFIX))
    assert differences(compiled.schemas["mariadb"], actual) == []
