"""Literal defaults that cannot be stored in their column once passed validation (fixed in
a434a2c). MariaDB refused the CREATE TABLE (1067 "Invalid default value") or rounded the
value (then the database drifted); PostgreSQL took most of them and failed every INSERT
that used the default later ("smallint out of range", "value too long", "numeric field
overflow"), or refused the CREATE TABLE at once (uuid). Each case was applied to both
servers as schemagen writes it; the column shows the first server that goes wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support import refused_paths

CASES = {
    "tinyint 200 (MariaDB refuses)": "{type: tinyint, default: 200}",
    "unsigned smallint 40000 (PostgreSQL smallint, fails on insert)":
        "{type: smallint, unsigned: true, default: 40000}",
    "decimal(3,1) 12345.678 (MariaDB refuses)": "{type: 'decimal(3,1)', default: 12345.678}",
    "decimal(5,1) 1.25 (MariaDB stores 1.3)": "{type: 'decimal(5,1)', default: 1.25}",
    "string(3) 'abcdef' (MariaDB refuses)": "{type: string(3), default: abcdef}",
    "timestamp 1960 (MariaDB refuses)": "{type: timestamp, default: '1960-01-01 00:00:00'}",
    "uuid 'nope' (PostgreSQL refuses)": "{type: uuid, default: nope}",
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_default_that_does_not_fit_is_refused(case: str, tmp_path: Path) -> None:
    text = f"format: 1\ntables:\n  t:\n    columns:\n      a: {CASES[case]}\n"
    assert "tables.t.columns.a.default" in refused_paths(tmp_path, text)
