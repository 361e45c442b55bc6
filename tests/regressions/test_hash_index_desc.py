"""`using: hash` with a DESC column passes validation, but PostgreSQL refuses the index:
'access method "hash" does not support ASC/DESC options'. Found by
tests/property/test_live_roundtrip.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.findings import InvalidSchema

from .support import compile_text

SCHEMA = """\
format: 1
settings: {targets: [postgres]}
tables:
  t:
    columns:
      n: bigint
    indexes:
      - columns: [{column: n, order: desc}]
        using: hash
"""


@pytest.mark.xfail(strict=True, reason="bug: validation lets DESC through on a hash index")
def test_hash_index_with_desc_column_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidSchema) as caught:
        compile_text(tmp_path, SCHEMA)
    paths = [finding.path for finding in caught.value.findings if finding.severity == "error"]
    assert paths and all(path.startswith("tables.t.indexes[0]") for path in paths)
