"""Helpers for the live tests: build a compiled schema on a fresh database, read it back."""

from __future__ import annotations

from pathlib import Path

from generator import dialects
from generator.live.apply import apply_statements
from generator.live.introspect import read_schema
from generator.model import Schema, Table
from generator.pipeline import Compiled, compile_file
from generator.render import create_all, render_all

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PREFIX = "sg_live_"  # every database these tests create starts so


def chatbot_schema() -> Path:
    """The project's schema.yaml; the rich fixture until that file exists."""
    path = ROOT / "schema.yaml"
    return path if path.exists() else FIXTURES / "every_feature.yaml"


def build(compiled: Compiled, dialect: str, url: str) -> Schema:
    """Apply the schema's CREATE statements to the empty database at `url`; read it back."""
    statements = render_all(create_all(compiled.schemas[dialect]), dialects.get(dialect))
    apply_statements(url, dialect, statements)
    return read_schema(url, dialect)


def compile_fixture(name: str) -> Compiled:
    return compile_file(FIXTURES / name)


def table(schema: Schema, name: str) -> Table:
    found = schema.table(name)
    assert found is not None, f"table {name} was not read back"
    return found
