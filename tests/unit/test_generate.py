"""generate end to end on small schemas: determinism, layout, atomic writes, integrity."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main
from generator.golden import SCENARIOS

TYPES = SCENARIOS / "types" / "schema.yaml"


def run(*args: str, cwd: Path) -> tuple[int, str]:
    result = subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd,
                            capture_output=True, text=True, env={**os.environ})
    return result.returncode, result.stdout + result.stderr


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_runs_in_two_places_are_byte_identical(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "schema.yaml").write_bytes(TYPES.read_bytes())
        code, _ = run("generate", cwd=tmp_path / name)
        assert code == 0
    assert tree(tmp_path / "a" / "out") == tree(tmp_path / "b" / "out")


def test_second_run_changes_nothing(tmp_path: Path) -> None:
    (tmp_path / "schema.yaml").write_bytes(TYPES.read_bytes())
    assert run("generate", cwd=tmp_path)[0] == 0
    first = tree(tmp_path / "out")
    code, output = run("generate", cwd=tmp_path)
    assert code == 0
    assert output.splitlines()[0] == "out: no schema change; no new migration."
    assert tree(tmp_path / "out") == first
    assert run("check", cwd=tmp_path) == (0, "out is up to date with schema.yaml.\n")


def test_bad_input_writes_nothing_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "schema.yaml").write_bytes(TYPES.read_bytes())
    assert run("generate", cwd=tmp_path)[0] == 0
    before = tree(tmp_path / "out")
    (tmp_path / "schema.yaml").write_text("format: 1\ntables:\n  t:\n    columns:\n"
                                          "      id: {type: nonsense}\n")
    code, output = run("generate", cwd=tmp_path)
    assert code == 1
    assert "Traceback" not in output
    assert output.splitlines()[-1] == "1 error(s); nothing was written."
    assert tree(tmp_path / "out") == before


def test_check_fails_when_out_is_stale(tmp_path: Path) -> None:
    (tmp_path / "schema.yaml").write_bytes(TYPES.read_bytes())
    assert run("generate", cwd=tmp_path)[0] == 0
    snapshot = tmp_path / "out" / "mysql" / "schema.sql"
    snapshot.write_text(snapshot.read_text() + "-- edited\n")
    code, output = run("check", cwd=tmp_path)
    assert code == 4
    assert output == ("out is out of date with schema.yaml:\n  out/mysql/schema.sql\n"
                      "Run `make generate` and commit the result.\n")


def test_edited_release_is_refused(tmp_path: Path) -> None:
    (tmp_path / "schema.yaml").write_bytes(TYPES.read_bytes())
    assert run("generate", cwd=tmp_path)[0] == 0
    released = tmp_path / "out" / "postgres" / "migrations" / "V0001__create_everything.sql"
    released.write_text(released.read_text().replace("NOT NULL", "NULL", 1))
    code, output = run("generate", cwd=tmp_path)
    assert code == 3
    assert output.splitlines()[-1].startswith(
        "refused: Released migration out/postgres/migrations/V0001__create_everything.sql was "
        "edited; restore it with")


def test_validate_json_output_lists_every_finding(tmp_path: Path) -> None:
    schema = tmp_path / "schema.yaml"
    schema.write_text("format: 1\ntables:\n  t:\n    columns:\n      id: {type: nonsense}\n"
                      "      b: {type: integer, bogus: 1}\n")
    result = CliRunner().invoke(main, ["validate", "--schema", str(schema), "--format", "json"])
    assert result.exit_code == 1
    assert '"code": "unknown-key"' in result.output
    assert '"path": "tables.t.columns.b.bogus"' in result.output


def test_number_like_strings_survive_the_state(tmp_path: Path) -> None:
    """The state is read as YAML 1.2: strings such as '1e5' must be written quoted."""
    (tmp_path / "schema.yaml").write_text(
        "format: 1\ntables:\n  t:\n    columns:\n      id: {type: integer, primary: true}\n"
        "      a: {type: string(10), default: '1e5'}\n"
        "      b: {type: string(10), default: '0o17'}\n"
        "      d: {type: 'decimal(20,10)', default: 1234567890.0123456789}\n")
    assert run("generate", cwd=tmp_path)[0] == 0
    state = (tmp_path / "out" / "state.yaml").read_text()
    assert "default: '1e5'" in state and "default: '0o17'" in state
    code, output = run("generate", cwd=tmp_path)
    assert (code, output.splitlines()[0]) == (0, "out: no schema change; no new migration.")
