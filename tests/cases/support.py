"""Helpers for the field cases: compile a schema text and render its statements."""

from __future__ import annotations

import textwrap
from pathlib import Path

from generator import dialects
from generator.pipeline import Compiled, compile_file
from generator.render import create_all, render_all


def compile_text(tmp_path: Path, body: str) -> Compiled:
    path = tmp_path / "schema.yaml"
    path.write_text("format: 1\n" + textwrap.dedent(body), encoding="utf-8")
    return compile_file(path, display="schema.yaml")


def statements(compiled: Compiled, dialect: str) -> list[str]:
    return render_all(create_all(compiled.schemas[dialect]), dialects.get(dialect))
