"""The corpus of real schemas in ../shared/corpus: which files, which dialect, what they hold.

The list comes from the corpus README's table, so a file added there is imported and proven
without a change here. Used by the corpus tests and by tools/corpus_report.py.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

_ROW = re.compile(r"^\| (?P<file>[\w./-]+\.sql) \| (?P<dialect>mysql|postgres) \| "
                  r"(?P<tables>\d+) \| (?P<statements>\d+) \|", re.M)


@dataclass(frozen=True)
class CorpusFile:
    path: Path
    name: str  # the path under the corpus folder, as the README names it
    dialect: str
    tables: int  # as the README counts them
    statements: int


def corpus_folder() -> Path:
    """$SCHEMAGEN_CORPUS, else shared/corpus beside the checkout (as CI lays it out)."""
    if os.environ.get("SCHEMAGEN_CORPUS"):
        return Path(os.environ["SCHEMAGEN_CORPUS"])
    root = Path(__file__).resolve().parents[2]
    for candidate in (root.parent / "shared" / "corpus", Path("/work/shared/corpus")):
        if candidate.is_dir():
            return candidate
    return root.parent / "shared" / "corpus"


def corpus_files(folder: Path | None = None) -> list[CorpusFile]:
    """The files the corpus README lists, in its order; empty when there is no corpus."""
    folder = folder or corpus_folder()
    readme = folder / "README.md"
    if not readme.is_file():
        return []
    return [CorpusFile(folder / m["file"], m["file"], m["dialect"], int(m["tables"]),
                       int(m["statements"]))
            for m in _ROW.finditer(readme.read_text(encoding="utf-8"))]
