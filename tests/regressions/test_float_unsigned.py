"""`unsigned: true` on a float passes validation, then generation crashes: sqlglot cannot
parse MySQL's `float unsigned`, so `schemagen generate` stops with an internal error
(exit 70) instead of a finding. Found by tests/property/test_offline.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.findings import InvalidSchema
from generator.generate import generate
from generator.sqlcheck import UnparsedStatement

from .support import compile_text

SCHEMA = """\
format: 1
tables:
  t:
    columns:
      f: {type: float, unsigned: true}
"""


@pytest.mark.xfail(strict=True, raises=UnparsedStatement,
                   reason="bug: validation accepts float unsigned; generation then crashes")
def test_unsigned_float_is_refused_or_generated(tmp_path: Path) -> None:
    try:
        compiled = compile_text(tmp_path, SCHEMA)
    except InvalidSchema as error:
        paths = [finding.path for finding in error.findings if finding.severity == "error"]
        assert paths == ["tables.t.columns.f.unsigned"]
        return
    files = generate(compiled, tmp_path / "out", "schema.yaml").files
    assert b"`f` float unsigned NOT NULL" in files["mariadb/schema.sql"]
