"""The repository's own out/: the migrations in order build what the snapshot builds, the
down migrations undo everything, and both equal schema.yaml, on every live server here."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import dialects
from generator.compare import differences
from generator.importer.split import split
from generator.live.apply import apply_statements
from generator.live.introspect import read_schema
from generator.output import LAYOUTS
from generator.pipeline import compile_file

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "out"
DIALECTS = ["postgres", "mariadb", "mysql"]


def statements_of(path: Path, dialect: str) -> list[str]:
    sqlglot_dialect = dialects.get(dialect).sqlglot
    return [s.text for s in split(path.read_text(encoding="utf-8"), sqlglot_dialect)
            if s.kind == "sql"]


def migrations(dialect: str, prefix: str) -> list[Path]:
    folder = OUT / dialect / "migrations"
    return sorted(folder.glob(f"{prefix}*.sql"), key=lambda p: LAYOUTS["flyway"].version_of(p.name))


@pytest.mark.live
@pytest.mark.parametrize("dialect", DIALECTS)
def test_migrations_in_order_equal_the_snapshot_and_the_spec(dialect: str,
                                                             fresh_database) -> None:
    replayed, snapshot = fresh_database(dialect), fresh_database(dialect)
    for path in migrations(dialect, "V"):
        apply_statements(replayed, dialect, statements_of(path, dialect))
    apply_statements(snapshot, dialect, statements_of(OUT / dialect / "schema.sql", dialect))
    by_migrations, by_snapshot = read_schema(replayed, dialect), read_schema(snapshot, dialect)
    spec = compile_file(ROOT / "schema.yaml").schemas[dialect]
    assert differences(by_snapshot, by_migrations) == []
    assert differences(spec, by_migrations) == []
    assert len(by_migrations.tables) == 23


@pytest.mark.live
@pytest.mark.parametrize("dialect", DIALECTS)
def test_down_migrations_in_reverse_empty_the_database(dialect: str, fresh_database) -> None:
    url = fresh_database(dialect)
    for path in migrations(dialect, "V"):
        apply_statements(url, dialect, statements_of(path, dialect))
    for path in reversed(migrations(dialect, "U")):
        apply_statements(url, dialect, statements_of(path, dialect))
    assert read_schema(url, dialect).tables == ()
