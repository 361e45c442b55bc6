"""`schemagen inspect` against live servers: a database built from a rich schema, read back
into schema.yaml, compiles to exactly the catalog it was read from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from generator.compare import differences
from generator.live.apply import apply_statements
from generator.live.introspect import read_schema
from generator.pipeline import compile_file

from .support import FIXTURES, ROOT, build, chatbot_schema

PREFIX = "sg_drift_"
LIVE = ["postgres", "mariadb"]  # mysql runs the same tests wherever MySQL 8 is provided
TYPES = ROOT / "tests" / "golden" / "types" / "schema.yaml"


def inspect(url: str, output: Path, *extra: str) -> Result:
    return CliRunner().invoke(main, ["inspect", "--url", url, "-o", str(output), *extra])


@pytest.mark.live
@pytest.mark.parametrize("dialect", ["postgres", "mysql", "mariadb"])
@pytest.mark.parametrize("source", ["types", "chatbot", "every_feature"])
def test_an_inspected_database_compiles_back_to_its_catalog(dialect, source, fresh_database,
                                                            tmp_path) -> None:
    schema = {"types": lambda: TYPES, "chatbot": chatbot_schema,
              "every_feature": lambda: FIXTURES / "every_feature.yaml"}[source]()
    url = fresh_database(dialect, PREFIX)
    catalog = build(compile_file(schema), dialect, url)
    output = tmp_path / "schema.yaml"

    result = inspect(url, output)

    assert result.exit_code == 0, result.output
    assert result.stderr.endswith("it compiles back to exactly the catalog read.\n")
    written = compile_file(output)
    assert written.targets == [dialect]
    assert differences(written.schemas[dialect], catalog) == []
    assert differences(written.schemas[dialect], read_schema(url, dialect)) == []


@pytest.mark.live
@pytest.mark.parametrize("dialect", LIVE)
def test_types_come_back_portable(dialect, fresh_database, tmp_path) -> None:
    url = fresh_database(dialect, PREFIX)
    build(compile_file(TYPES), dialect, url)
    result = inspect(url, tmp_path / "schema.yaml")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "schema.yaml").read_text(encoding="utf-8")

    # An enum on PostgreSQL is a varchar(255) with a CHECK; it comes back as the enum.
    assert "      status: {type: enum, values: [active, inactive], default: active}\n" in text
    assert "      settings: {type: json, default: {theme: light, tags: [a, b]}}\n" in text
    assert "      price: {type: 'decimal(10,2)', default: 0.7}\n" in text
    assert "      is_active: {type: boolean, default: true}\n" in text
    assert "CHECK" not in text and "_check" not in text


@pytest.mark.live
@pytest.mark.parametrize("dialect", LIVE)
def test_a_migration_history_table_is_left_out_with_a_note(dialect, fresh_database,
                                                           tmp_path) -> None:
    url = fresh_database(dialect, PREFIX)
    apply_statements(url, dialect, [
        "CREATE TABLE things (id integer NOT NULL PRIMARY KEY, name varchar(40) NOT NULL)",
        "CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, "
        "dirty boolean NOT NULL)"])

    result = inspect(url, Path("-"))

    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "unsupported: table schema_migrations: it is golang-migrate's migration history, "
        "not part of the schema; it was left out.",
        "schema.yaml (printed): 1 tables; 1 unsupported, 0 changed; it compiles back to "
        "exactly the catalog read."]
    assert "schema_migrations" not in result.stdout
    assert "  things:\n    columns:\n      id: {type: integer, primary: true}\n" \
           "      name: string(40)\n" in result.stdout


@pytest.mark.live
@pytest.mark.parametrize("dialect", LIVE)
def test_an_empty_database_is_bad_input(dialect, fresh_database, tmp_path) -> None:
    url = fresh_database(dialect, PREFIX)
    result = inspect(url, tmp_path / "schema.yaml")
    assert result.exit_code == 1, result.output
    assert result.output.endswith(": the database has no table to inspect.\n")
    assert not (tmp_path / "schema.yaml").exists()


UNSUPPORTED = {"postgres": ("text[]", "PostgreSQL 15+ type text[]"),
               "mariadb": ("set('a','b')", "MariaDB 10.11+ type set")}


@pytest.mark.live
@pytest.mark.parametrize("dialect", LIVE)
def test_what_the_format_cannot_hold_is_noted_and_listed(dialect, fresh_database,
                                                         tmp_path) -> None:
    column_type, named = UNSUPPORTED[dialect]
    url = fresh_database(dialect, PREFIX)
    apply_statements(url, dialect, [f"CREATE TABLE things (id integer NOT NULL PRIMARY KEY, "
                                    f"tags {column_type} NULL)"])

    result = inspect(url, tmp_path / "schema.yaml", "--format", "json")

    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["differences"] == ["table things: column tags: unexpected"]
    assert [(n["kind"], n["subject"], n["table"]) for n in report["notes"]] == [
        ("unsupported", "column things.tags", "things")]
    assert report["notes"][0]["message"].startswith(named)
    assert "tags" not in (tmp_path / "schema.yaml").read_text(encoding="utf-8")
