"""`schemagen import`: output, report on stderr, JSON report, refusals and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main

DDL = ("CREATE TABLE users (id bigint NOT NULL PRIMARY KEY, tags text[]);\n"
       "CREATE VIEW v AS SELECT id FROM users;\n")


def run(*args: str) -> object:
    return CliRunner().invoke(main, list(args))


def test_prints_the_schema_and_reports_on_stderr(tmp_path: Path):
    source = tmp_path / "dump.sql"
    source.write_text(DDL, encoding="utf-8")
    result = run("import", "--dialect", "postgres", str(source))
    assert result.exit_code == 0
    assert "users:\n    columns:\n      id: {type: bigint, primary: true}\n" in result.stdout
    assert result.stderr.splitlines() == [
        f"{source}:1: unsupported: column users.tags: PostgreSQL 15+ type text[] has no "
        "portable type that gives it back exactly; the column was left out.",
        f"{source}:2: unsupported: view v: a view is not in schema.yaml; it was left out.",
        "schema.yaml (printed): 1 tables from 2 statements; 2 unsupported, 0 changed, "
        "0 unparsed.",
    ]


def test_writes_a_file_that_validates_and_refuses_to_overwrite_it(tmp_path: Path):
    source = tmp_path / "dump.sql"
    source.write_text(DDL, encoding="utf-8")
    output = tmp_path / "schema.yaml"
    assert run("import", "--dialect", "postgres", str(source), "-o", str(output)).exit_code == 0
    assert run("validate", "--schema", str(output)).exit_code == 0
    again = run("import", "--dialect", "postgres", str(source), "-o", str(output))
    assert again.exit_code == 3
    assert again.stderr.strip() == (f"{output} exists; choose another file or pass --force "
                                    "to overwrite it.")
    forced = run("import", "--dialect", "postgres", str(source), "-o", str(output), "--force")
    assert forced.exit_code == 0


def test_json_report(tmp_path: Path):
    source = tmp_path / "dump.sql"
    source.write_text(DDL, encoding="utf-8")
    output = tmp_path / "schema.yaml"
    result = run("import", "--dialect", "postgres", str(source), "-o", str(output),
                 "--format", "json")
    report = json.loads(result.stdout)
    assert report["tables"] == 1 and report["statements"] == 2
    assert [(n["line"], n["kind"], n["subject"]) for n in report["notes"]] == [
        (1, "unsupported", "column users.tags"), (2, "unsupported", "view v")]


def test_bad_input_is_one_sentence_and_exit_1(tmp_path: Path):
    missing = run("import", "--dialect", "mysql", str(tmp_path / "nope.sql"))
    assert missing.exit_code == 1 and "Traceback" not in missing.stderr
    latin = tmp_path / "latin.sql"
    latin.write_bytes("CREATE TABLE caf\xe9 (a int);".encode("latin-1"))
    result = run("import", "--dialect", "mysql", str(latin))
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"{latin} is not UTF-8 text; convert it (for example with "
                                     "iconv) and import it again.")
    empty = tmp_path / "empty.sql"
    empty.write_text("SET x = 1;\n", encoding="utf-8")
    result = run("import", "--dialect", "mysql", str(empty))
    assert result.exit_code == 1
    assert "has no table that could be imported" in result.stderr
