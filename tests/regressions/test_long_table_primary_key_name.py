"""A table name of 63 bytes is legal everywhere, but its PostgreSQL primary key was named
`<table>_pkey` without shortening (fixed in a434a2c): 68 bytes, which PostgreSQL truncated
to the table's own name, so CREATE TABLE failed with 'relation ... already exists'; the
identifier-length rule did not look at primary key names. Found by
tests/property/test_live_roundtrip.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.compare import differences

from .support import PREFIX, build, compile_text

NAME = "a_0" + "x" * 60  # 63 bytes
SCHEMA = f"""\
format: 1
tables:
  {NAME}:
    columns:
      id: {{type: integer, primary: true}}
"""


def test_primary_key_name_fits_postgres(tmp_path: Path) -> None:
    table = compile_text(tmp_path, SCHEMA).schemas["postgres"].tables[0]
    assert table.primary_key is not None
    assert len(table.primary_key.name.encode()) <= 63
    assert table.primary_key.name != table.name


@pytest.mark.live
def test_long_table_with_primary_key_builds_on_postgres(tmp_path: Path,
                                                        fresh_database) -> None:
    compiled = compile_text(tmp_path, SCHEMA)
    actual = build(compiled, "postgres", fresh_database("postgres", PREFIX))
    assert differences(compiled.schemas["postgres"], actual) == []
