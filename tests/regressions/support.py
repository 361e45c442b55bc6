"""Helpers for the regression tests: compile an inline schema, build it on a live server."""

from __future__ import annotations

from pathlib import Path

from generator import dialects
from generator.live.apply import apply_statements
from generator.live.introspect import read_schema
from generator.model import Schema
from generator.pipeline import Compiled, compile_file
from generator.render import create_all, render_all

PREFIX = "sg_prop_"  # every database these tests create starts so


def compile_text(folder: Path, text: str) -> Compiled:
    """Compile the schema `text` through the real loader (InvalidSchema when refused)."""
    path = folder / "schema.yaml"
    path.write_text(text, encoding="utf-8")
    return compile_file(path, display="schema.yaml")


def create_statements(compiled: Compiled, dialect: str) -> list[str]:
    return render_all(create_all(compiled.schemas[dialect]), dialects.get(dialect))


def build(compiled: Compiled, dialect: str, url: str) -> Schema:
    """Apply the schema's CREATE statements to the empty database at `url`; read it back."""
    apply_statements(url, dialect, create_statements(compiled, dialect))
    return read_schema(url, dialect)


def refused_paths(folder: Path, text: str) -> list[str]:
    """The YAML paths of the errors validation reports for `text`; empty when it is valid."""
    from generator.findings import InvalidSchema

    try:
        compile_text(folder, text)
    except InvalidSchema as error:
        return [finding.path for finding in error.findings if finding.severity == "error"]
    return []
