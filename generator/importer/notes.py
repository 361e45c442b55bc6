"""What an import reports: each construct the format cannot hold, with its line in the input.

A note is never a reason to stop: the import goes on with the rest of the file. `unsupported`
means the construct was left out of schema.yaml; `changed` means it was kept in the nearest
form the format has (which a review should confirm); `unparsed` means sqlglot could not read
the statement at all.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Literal

NoteKind = Literal["unsupported", "changed", "unparsed"]


@dataclass(frozen=True)
class Note:
    """One construct not imported as it is: where it is, what it is, and why."""

    line: int
    kind: NoteKind
    subject: str  # what it is about: `view film_list`, `column actor.last_update`
    message: str
    table: str | None = None  # the table it belongs to, when it belongs to one

    def text(self, source: str = "") -> str:
        where = f"{source}:{self.line}" if source else f"line {self.line}"
        return f"{where}: {self.kind}: {self.subject}: {self.message}"

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Notebook:
    """The notes and counts of one import, filled in as statements are read."""

    notes: list[Note] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)  # noise and data, by kind
    statements: int = 0

    def add(self, line: int, kind: NoteKind, subject: str, message: str,
            table: str | None = None) -> None:
        self.notes.append(Note(line, kind, subject, message, table))

    def unsupported(self, line: int, subject: str, message: str,
                    table: str | None = None) -> None:
        self.add(line, "unsupported", subject, message, table)

    def changed(self, line: int, subject: str, message: str, table: str | None = None) -> None:
        self.add(line, "changed", subject, message, table)

    def skip(self, what: str, count: int = 1) -> None:
        self.skipped[what] += count

    def sorted_notes(self) -> list[Note]:
        return sorted(self.notes, key=lambda note: (note.line, note.subject, note.message))
