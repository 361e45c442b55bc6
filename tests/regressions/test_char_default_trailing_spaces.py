"""A char default ending in spaces (`char(1)` with default ' ') was accepted, but MySQL and
MariaDB cut trailing spaces from a CHAR default: MariaDB read it back as '', so a fresh
database drifted from its spec at once. Found by tests/property/test_live_migrations.py;
fixed in generator/spec/values.py by refusing such a default, as other defaults a server
would cut are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.compare import differences

from .support import PREFIX, build, compile_text, refused_paths

SCHEMA = "format: 1\ntables:\n  t:\n    columns:\n      c: {{type: {type}, default: '{value}'}}\n"


@pytest.mark.parametrize("value", [" ", "a  "])
def test_char_default_ending_in_spaces_is_refused(value: str, tmp_path: Path) -> None:
    assert refused_paths(tmp_path, SCHEMA.format(type="char(3)", value=value)) == \
        ["tables.t.columns.c.default"]


def test_varchar_default_keeps_its_trailing_spaces(tmp_path: Path) -> None:
    compiled = compile_text(tmp_path, SCHEMA.format(type="string(3)", value="a  "))
    assert compiled.schemas["mariadb"].tables[0].column("c").default.value == "a  "


@pytest.mark.live
@pytest.mark.parametrize("dialect", ["postgres", "mariadb"])
def test_char_default_without_trailing_spaces_reads_back_equal(dialect: str, tmp_path: Path,
                                                               fresh_database) -> None:
    compiled = compile_text(tmp_path, SCHEMA.format(type="char(3)", value=" a"))
    actual = build(compiled, dialect, fresh_database(dialect, PREFIX))
    assert differences(compiled.schemas[dialect], actual) == []
