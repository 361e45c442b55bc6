"""Adopting an existing database: DDL text to a schema.yaml that passes `schemagen validate`.

The road: cut the file into statements (`split`), read each into table drafts (`statements`),
freeze them into the model of the source dialect, turn the model into schema data
(`tospec`) and write it (`generator.emit`). The written text is then validated exactly as
`schemagen validate` does; whatever validation still refuses is taken out and reported, so
the file always validates and nothing leaves without a note.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .. import dialects
from ..emit import emit
from ..findings import Finding, InvalidSchema
from ..model import Schema
from .notes import Note, Notebook
from .split import SplitError, split
from .statements import read
from .tospec import to_spec

__all__ = ["Imported", "ImportFailed", "import_ddl", "import_model", "read_schema"]

MAX_ROUNDS = 5


class ImportFailed(ValueError):
    """The file could not be imported at all (it could not even be cut into statements)."""


@dataclass
class Imported:
    """The result: the schema.yaml text, its data, and the report of what was not kept."""

    text: str
    data: dict
    dialect: str
    statements: int
    notes: list[Note] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)

    @property
    def tables(self) -> int:
        return len(self.data.get("tables", {}))

    def report(self) -> dict:
        """The report as data, for `--format json` and the corpus table."""
        return {"dialect": self.dialect, "tables": self.tables, "statements": self.statements,
                "skipped": dict(sorted(self.skipped.items())),
                "notes": [note.as_dict() for note in self.notes]}


def read_schema(text: str, dialect: str, notebook: Notebook) -> Schema:
    """The model of a DDL file on its own dialect, notes going to `notebook`."""
    try:
        statements = split(text, dialect)
    except SplitError as error:
        raise ImportFailed(str(error)) from None
    return read(statements, dialect, notebook).schema(dialect)


def import_ddl(text: str, dialect: str, source: str = "input.sql") -> Imported:
    """Import DDL of `dialect` (`mysql` or `postgres`) into schema.yaml text."""
    notebook = Notebook()
    schema = read_schema(text, dialect, notebook)
    header = (f"Imported by `schemagen import --dialect {dialect}` from {Path(source).name}.\n"
              "Review it with the import report: what schema.yaml cannot hold was left out.")
    return import_model(schema, header, notebook)


def import_model(schema: Schema, header: str, notebook: Notebook,
                 targets: list[str] | None = None) -> Imported:
    """A model of one dialect (read from DDL or from a live catalog) into schema.yaml text.

    `targets` replaces the targets the model's dialect implies (`settings.targets`).
    """
    dialect = schema.dialect
    data, lines = to_spec(schema, dialects.get(dialect), notebook)
    if targets is not None:
        data["settings"]["targets"] = list(targets)
    if not data["tables"]:
        raise ImportFailed("the file has no table that could be imported"
                           + (f" (first note, line {notebook.notes[0].line}: "
                              f"{notebook.notes[0].message})" if notebook.notes else "") + ".")
    text_out = _validated(data, lines, header, notebook)
    return Imported(text_out, data, dialect, notebook.statements, notebook.sorted_notes(),
                    dict(notebook.skipped))


def _validated(data: dict, lines: dict[str, int], header: str, notebook: Notebook) -> str:
    """The emitted text once `schemagen validate` accepts it, taking out what it refuses."""
    from .fixup import remove

    for _ in range(MAX_ROUNDS):
        text = emit(data, header)
        errors = _errors(text)
        if not errors:
            return text
        removed = [finding for finding in errors if remove(data, lines, finding, notebook)]
        if not removed:
            break
    raise ImportFailed("The imported schema does not validate and could not be repaired: "
                       + "; ".join(f.text() for f in _errors(emit(data, header))[:3])
                       + ". This is a bug in schemagen import; please report it.")


def _errors(text: str) -> list[Finding]:
    from ..pipeline import compile_file

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "schema.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            compile_file(path, "schema.yaml")
        except InvalidSchema as error:
            return [f for f in error.findings if f.severity == "error"]
    return []
