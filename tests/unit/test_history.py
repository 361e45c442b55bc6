"""The repository's out/ is the real history, rebuilt byte for byte from its two versions."""

from __future__ import annotations

import tempfile
from pathlib import Path

from generator.generate import generate
from generator.output import read_tree, write_tree
from generator.pipeline import compile_file

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "out"


def test_history_rebuilds_byte_for_byte() -> None:
    """Version 1, then schema.yaml, into an empty folder: exactly the committed out/."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out"
        for source, message in ((ROOT / "examples" / "chatbot-v1.yaml", "create schema"),
                                (ROOT / "schema.yaml", "chatbot enhancement")):
            result = generate(compile_file(source), out, source.name, message=message)
            write_tree(out, result.files)
        assert read_tree(out) == read_tree(OUT)
