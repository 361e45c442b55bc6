"""Every golden scenario applies on the live servers and reads back equal to its schema."""

from __future__ import annotations

import pytest

from generator.compare import differences
from generator.golden import SCENARIOS
from generator.pipeline import compile_file

from .support import build

NAMES = sorted(p.name for p in SCENARIOS.iterdir() if (p / "schema.yaml").exists())


@pytest.mark.live
@pytest.mark.parametrize("dialect", ["postgres", "mariadb", "mysql"])
@pytest.mark.parametrize("name", NAMES)
def test_golden_scenario_reads_back_equal(name: str, dialect: str, fresh_database) -> None:
    compiled = compile_file(SCENARIOS / name / "schema.yaml")
    actual = build(compiled, dialect, fresh_database(dialect))
    assert differences(compiled.schemas[dialect], actual) == []
