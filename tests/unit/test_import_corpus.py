"""Every file of the corpus of real schemas imports, validates and reports what it leaves out.

The live half of the proof (both catalogs equal) is tests/live/test_corpus.py.
"""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

import pytest

from generator.importer import Imported, import_ddl
from generator.importer.corpus import CorpusFile, corpus_files
from generator.pipeline import compile_file

FILES = corpus_files()
# Tables the README counts that the import cannot hold, and the note that says so.
LEFT_OUT = {
    "pagila/pagila-schema.sql": ("film", "unparsed", "create table public.film"),
    "lago/lago-api-structure.sql": ("template_public_enriched_events", "unsupported",
                                    "table template_public_enriched_events"),
}


@cache
def imported(name: str) -> Imported:
    item = next(item for item in FILES if item.name == name)
    return import_ddl(item.path.read_text(encoding="utf-8"), item.dialect, item.name)


def test_the_corpus_is_there():
    assert len(FILES) >= 40, "set SCHEMAGEN_CORPUS to the shared/corpus folder"


@pytest.mark.parametrize("item", FILES, ids=[item.name for item in FILES])
def test_every_table_and_statement_is_accounted_for(item: CorpusFile):
    result = imported(item.name)
    assert result.statements == item.statements
    expected = item.tables
    if item.name in LEFT_OUT:
        table, kind, subject = LEFT_OUT[item.name]
        assert any(note.kind == kind and note.subject == subject for note in result.notes)
        expected -= 1
    emptied = [note for note in result.notes
               if note.message.startswith("none of its columns could be imported")]
    assert result.tables == expected - len(emptied)


@pytest.mark.parametrize("item", FILES, ids=[item.name for item in FILES])
def test_the_written_schema_validates(item: CorpusFile):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "schema.yaml"
        path.write_text(imported(item.name).text, encoding="utf-8")
        compiled = compile_file(path)
    assert len(compiled.spec.tables) == imported(item.name).tables


@pytest.mark.parametrize("item", FILES, ids=[item.name for item in FILES])
def test_every_note_points_at_a_line_of_the_file(item: CorpusFile):
    lines = item.path.read_text(encoding="utf-8").count("\n") + 1
    for note in imported(item.name).notes:
        assert 1 <= note.line <= lines, note
        assert note.message.endswith((".", ")")), note


def test_what_the_corpus_holds_beyond_the_format_is_reported():
    subjects = {note.subject for name in ("pagila/pagila-schema.sql",
                                          "sakila/sakila-mysql-schema.sql",
                                          "employees/employees_partitioned.sql")
                for note in imported(name).notes}
    assert "view actor_info" in subjects
    assert "table payment" in subjects  # PARTITION BY RANGE
    assert "trigger ins_film" in subjects
    notes = imported("employees/employees_partitioned.sql").notes
    assert [(n.line, n.kind) for n in notes if "partition" in n.subject.lower()] == [
        (88, "unsupported"), (123, "unsupported")]
