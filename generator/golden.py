"""Whole-schema golden scenarios (tests/golden/): what generate writes for each, and a hash."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from .generate import generate
from .pipeline import compile_file

SCENARIOS = Path(__file__).resolve().parent.parent / "tests" / "golden"


def expected_files(scenario: Path) -> dict[str, bytes]:
    """The files a first `generate` writes for the scenario's schema.yaml."""
    compiled = compile_file(scenario / "schema.yaml", display="schema.yaml")
    with tempfile.TemporaryDirectory() as empty:
        return generate(compiled, Path(empty) / "out", "schema.yaml").files


def sum_of(files: dict[str, bytes]) -> str:
    lines = [f"{hashlib.sha256(data).hexdigest()}  {name}" for name, data in sorted(files.items())]
    return "\n".join(lines) + "\n"
