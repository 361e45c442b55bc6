"""C20 on a live server: an unsigned column refuses -1 on PostgreSQL as on MariaDB."""

from __future__ import annotations

import pytest

from generator.live.connect import connect

from generator.pipeline import compile_file

from .support import build

SCHEMA = """\
format: 1
tables:
  sessions:
    columns:
      id: {type: integer, primary: true}
      last_activity: {type: integer, unsigned: true, default: 0}
"""


@pytest.mark.live
@pytest.mark.parametrize("dialect", ["postgres", "mariadb"])
def test_c20_a_negative_unsigned_value_is_refused(tmp_path, fresh_database, dialect) -> None:
    url = fresh_database(dialect)
    path = tmp_path / "schema.yaml"
    path.write_text(SCHEMA, encoding="utf-8")
    build(compile_file(path), dialect, url)
    with connect(url, dialect) as connection:
        cursor = connection.cursor()
        cursor.execute("INSERT INTO sessions VALUES (1, 0)")
        with pytest.raises(Exception) as refused:
            cursor.execute("INSERT INTO sessions VALUES (2, -1)")
    # PostgreSQL: check violation from the CHECK; MariaDB (strict mode): out of range.
    assert type(refused.value).__name__ in ("CheckViolation", "DataError")
