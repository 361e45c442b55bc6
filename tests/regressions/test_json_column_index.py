"""An index on a `json` column once passed validation (fixed in a434a2c) with a prefix, but
PostgreSQL has no B-tree operator class for json ('data type json has no default operator
class for access method "btree"'), and MySQL 8 cannot index a JSON column at all (error
3152; only MariaDB, where JSON is LONGTEXT, takes the prefix). Found on PostgreSQL by
tests/property/test_live_roundtrip.py; the MySQL 8 half is from its manual, untested here."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.findings import InvalidSchema

from .support import compile_text

SCHEMA = """\
format: 1
settings: {{targets: [{target}]}}
tables:
  t:
    columns:
      doc: json
    indexes:
      - columns: [{{column: doc, length: 10}}]
"""


@pytest.mark.parametrize("target", ["postgres", "mysql"])
def test_index_on_json_column_is_refused(target: str, tmp_path: Path) -> None:
    with pytest.raises(InvalidSchema) as caught:
        compile_text(tmp_path, SCHEMA.format(target=target))
    paths = [finding.path for finding in caught.value.findings if finding.severity == "error"]
    assert paths and all(path.startswith("tables.t.indexes[0]") for path in paths)


def test_prefix_index_on_json_column_is_accepted_for_mariadb(tmp_path: Path) -> None:
    compiled = compile_text(tmp_path, SCHEMA.format(target="mariadb"))
    index = compiled.schemas["mariadb"].tables[0].indexes[0]
    assert (index.columns[0].name, index.columns[0].length) == ("doc", 10)
