"""Properties of random valid schemas that need no server: they validate, generate the same
bytes twice, emit SQL that sqlglot reads, and survive a trip through YAML and the state file."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given

from generator import dialects
from generator.diff import diff
from generator.generate import generate, migration, state_text
from generator.operations import reversed_plan
from generator.render import create_all, render_all
from generator.spec.format import SchemaSpec
from generator.spec.load import load
from generator.sqlcheck import check_all

from .strategies import KNOWN_BUGS, pairs, schemas
from .support import compile_data, dump, fuzz_settings, write_schema

OFFLINE_EXAMPLES = 100


@fuzz_settings(OFFLINE_EXAMPLES)
@given(schemas())
def test_every_drawn_schema_validates_and_its_sql_parses(data: dict[str, Any]) -> None:
    compiled = compile_data(data)  # fails with every finding when validation refuses it
    assert set(compiled.schemas) == set(compiled.spec.settings.targets)
    for name, schema in compiled.schemas.items():
        assert [table.name for table in schema.tables] == list(data["tables"])
        dialect = dialects.get(name)
        operations = create_all(schema)
        up = render_all(operations, dialect)
        down = render_all(reversed_plan(operations), dialect)
        assert len(up) >= len(schema.tables) and len(down) >= len(schema.tables)
        check_all(up + down, dialect)


@fuzz_settings(OFFLINE_EXAMPLES)
@given(schemas())
def test_generation_is_deterministic(data: dict[str, Any]) -> None:
    first, second = _generate_twice(data)
    assert first.keys() == second.keys()
    for name in first:
        assert first[name] == second[name], f"{name} differs between two runs"


def _generate_twice(data: dict[str, Any]) -> tuple[dict[str, bytes], dict[str, bytes]]:
    results = []
    for _ in range(2):
        with tempfile.TemporaryDirectory(prefix="sg_prop_") as folder:
            compiled = compile_data(data)
            results.append(generate(compiled, Path(folder) / "out", "schema.yaml").files)
    return results[0], results[1]


@fuzz_settings(OFFLINE_EXAMPLES)
@given(schemas())
def test_yaml_round_trips(data: dict[str, Any]) -> None:
    """The dumped text is the drawn file, and a loaded spec written out loads the same."""
    assert yaml.safe_load(dump(data)) == data
    first = _load(data).model_dump(mode="json")
    assert _load(first).model_dump(mode="json") == first


def _load(data: dict[str, Any]) -> SchemaSpec:
    with tempfile.TemporaryDirectory(prefix="sg_prop_") as folder:
        loaded = load(write_schema(data, Path(folder)))
    assert loaded.spec is not None, [finding.text() for finding in loaded.findings]
    return loaded.spec


@fuzz_settings(OFFLINE_EXAMPLES)
@given(schemas())
def test_state_file_reads_back_as_the_same_model(data: dict[str, Any]) -> None:
    """`out/state.yaml` is the next run's `current`: it must compile to the same model."""
    compiled = compile_data(data)
    state = yaml.safe_load(state_text(compiled).decode("utf-8"))
    assert compile_data(state).schemas == compiled.schemas


@fuzz_settings(OFFLINE_EXAMPLES)
@given(pairs())
def test_migrations_between_random_pairs_parse_and_settle(
        pair: tuple[dict[str, Any], dict[str, Any]]) -> None:
    """Both ways the migration's statements parse, and once there nothing is left to do."""
    before, after = compile_data(pair[0]), compile_data(pair[1])
    for name in after.targets:
        changed = before.schemas[name] != after.schemas[name]
        up = migration(before.schemas[name], after.schemas[name])  # sqlglot reads each one
        back = migration(after.schemas[name], before.schemas[name])
        assert bool(up.operations) == changed and bool(back.operations) == changed
        assert diff(after.schemas[name], after.schemas[name]) == []


def test_every_known_bug_has_its_failing_regression_test() -> None:
    """What the strategies leave out stays shown by a strict xfail; a fixed bug's entry goes."""
    root = Path(__file__).resolve().parents[2]
    for topic, test in KNOWN_BUGS.items():
        text = (root / test).read_text(encoding="utf-8")
        assert "xfail(strict=True" in text, f"{topic}: {test} passes now; drop the entry"
