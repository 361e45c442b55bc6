"""Random valid schemas, built on live servers and read back: the catalog must say what the
spec's model says, object by object (generator.compare.differences is empty), and the drift
repair from the catalog to the spec must be empty too."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given

from generator import dialects
from generator.compare import differences
from generator.drift import repair
from generator.live.apply import ApplyError, apply_statements
from generator.live.connect import scratch_database
from generator.live.introspect import read_schema
from generator.render import create_all, render_all

from .strategies import schemas
from .support import compile_data, dump, fuzz_settings

LIVE_EXAMPLES = 25
PREFIX = "sg_prop_"  # every database these tests create starts so
DIALECTS = ["postgres", "mariadb", "mysql"]  # mysql where a MySQL 8 server is configured


@pytest.mark.live
@pytest.mark.parametrize("dialect", DIALECTS)
def test_random_schemas_read_back_as_their_model(dialect: str,
                                                 live_server: Callable[[str], str]) -> None:
    server = live_server(dialect)

    @fuzz_settings(LIVE_EXAMPLES)
    @given(schemas(including=dialect))
    def round_trip(data: dict[str, Any]) -> None:
        schema = compile_data(data).schemas[dialect]
        statements = render_all(create_all(schema), dialects.get(dialect))
        with scratch_database(server, dialect, PREFIX) as url:
            try:
                apply_statements(url, dialect, statements)
            except ApplyError as error:
                raise AssertionError(f"{dialect} refused statement {error.number}: "
                                     f"{error.reason}\n{error.statement}\n\n{dump(data)}"
                                     ) from None
            actual = read_schema(url, dialect)
        found = differences(schema, actual)
        assert found == [], "\n".join(found) + "\n\n" + dump(data)
        steps = [operation.describe() for operation, _ in repair(actual, schema)]
        assert steps == [], "a repair of a fresh build: " + "; ".join(steps) + "\n\n" + dump(data)

    round_trip()
