"""Whole schemas against their golden output; regenerate with `python tools/regen_golden.py`."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.golden import SCENARIOS, expected_files, sum_of

NAMES = sorted(p.name for p in SCENARIOS.iterdir() if (p / "schema.yaml").exists())


def on_disk(scenario: Path) -> dict[str, bytes]:
    folder = scenario / "expected"
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("name", NAMES)
def test_output_equals_golden_files(name: str) -> None:
    scenario = SCENARIOS / name
    assert expected_files(scenario) == on_disk(scenario)


@pytest.mark.parametrize("name", NAMES)
def test_golden_files_were_not_edited_by_hand(name: str) -> None:
    scenario = SCENARIOS / name
    recorded = (scenario / "GOLDEN.sum").read_text(encoding="utf-8")
    assert sum_of(on_disk(scenario)) == recorded, (
        "A golden file differs from GOLDEN.sum: regenerate with tools/regen_golden.py "
        "instead of editing it.")


def test_every_scenario_covers_every_dialect() -> None:
    for name in NAMES:
        files = on_disk(SCENARIOS / name)
        for dialect in ("postgres", "mysql", "mariadb"):
            assert f"{dialect}/schema.sql" in files
            names = sorted(key.rpartition("/")[2] for key in files
                           if key.startswith(f"{dialect}/migrations/"))
            assert [n[:7] for n in names] == ["U0001__", "V0001__", "schemag"]
