"""Random pairs of schemas A and B (B is A after random edits: tables and columns added and
dropped, types widened, defaults, comments, indexes and checks changed, columns renamed).

The migration the diff engine writes from A to B, applied to a database built from A, must
read back as B; the drift repair from that database to B must then be empty; and the down
migration must bring back A (but for column order, which no migration restores).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given

from generator import dialects
from generator.compare import differences
from generator.drift import repair
from generator.generate import migration
from generator.live.apply import ApplyError, apply_statements
from generator.live.connect import scratch_database
from generator.live.introspect import read_schema
from generator.model import Schema
from generator.render import create_all, render_all

from .strategies import pairs
from .support import compile_data, dump, fuzz_settings

LIVE_PAIRS = 25
PREFIX = "sg_prop_"
DIALECTS = ["postgres", "mariadb", "mysql"]  # mysql where a MySQL 8 server is configured


@pytest.mark.live
@pytest.mark.parametrize("dialect", DIALECTS)
def test_random_migrations_reach_the_changed_schema(dialect: str,
                                                    live_server: Callable[[str], str]) -> None:
    server = live_server(dialect)

    @fuzz_settings(LIVE_PAIRS)
    @given(pairs(including=dialect))
    def migrate(pair: tuple[dict[str, Any], dict[str, Any]]) -> None:
        before = compile_data(pair[0]).schemas[dialect]
        after = compile_data(pair[1]).schemas[dialect]
        plan = migration(before, after)
        context = f"\n\nA:\n{dump(pair[0])}\nB:\n{dump(pair[1])}"
        with scratch_database(server, dialect, PREFIX) as url:
            _apply(url, dialect, render_all(create_all(before), dialects.get(dialect)), context)
            _apply(url, dialect, plan.up, "\n(the migration up)" + context)
            actual = read_schema(url, dialect)
            _same(after, actual, context)
            assert repair(actual, after) == [], "a repair after migrating" + context
            _apply(url, dialect, plan.down, "\n(the migration down)" + context)
            _same(before, read_schema(url, dialect), "\n(after down)" + context,
                  ignore=": column order ")

    migrate()


def _apply(url: str, dialect: str, statements: list[str], context: str) -> None:
    try:
        apply_statements(url, dialect, statements)
    except ApplyError as error:
        raise AssertionError(f"{dialect} refused statement {error.number}: {error.reason}\n"
                             f"{error.statement}{context}") from None


def _same(expected: Schema, actual: Schema, context: str, ignore: str | None = None) -> None:
    found = [line for line in differences(expected, actual)
             if ignore is None or ignore not in line]
    assert found == [], "\n".join(found) + context
