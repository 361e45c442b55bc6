"""`schemagen verify` refusals that need no server: they run in every test run.

Port 1 on 127.0.0.1 refuses connections at once, standing for a server that is down.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main

from .support import FIXTURES

SCHEMA = FIXTURES / "every_feature.yaml"
DOWN = {"postgres": "postgresql://postgres:secret@127.0.0.1:1/",
        "mariadb": "mariadb://root:secret@127.0.0.1:1/"}


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("offline") / "out"
    result = CliRunner().invoke(main, ["generate", "--schema", str(SCHEMA), "--out", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


def verify(*arguments: str) -> Result:
    return CliRunner().invoke(main, ["verify", *arguments])


@pytest.mark.parametrize("dialect", ["postgres", "mariadb"])
def test_a_server_that_does_not_answer_exits_5_without_the_password(dialect, out) -> None:
    result = verify("--url", DOWN[dialect], "--schema", str(SCHEMA), "--out", str(out))
    assert result.exit_code == 5, result.output
    assert result.output.startswith(
        f"Cannot use the server at {DOWN[dialect].replace('secret', '***')}: ")
    assert result.output.rstrip().endswith(
        "Check the URL (user, password, host, port, database) and that the server is "
        "running.")
    assert "secret" not in result.output
    assert "Traceback" not in result.output


def test_a_stale_snapshot_is_refused(out, tmp_path) -> None:
    stale = tmp_path / "out"
    (stale / "postgres").mkdir(parents=True)
    text = (out / "postgres" / "schema.sql").read_text(encoding="utf-8")
    (stale / "postgres" / "schema.sql").write_text(text.replace("DEFAULT 0", "DEFAULT 1", 1),
                                                   encoding="utf-8")
    result = verify("--url", DOWN["postgres"], "--schema", str(SCHEMA), "--out", str(stale))
    assert result.exit_code == 3, result.output
    assert result.output == (
        f"refused: {stale / 'postgres' / 'schema.sql'} is out of date with every_feature.yaml, "
        "so verifying it would prove nothing; run `make generate` and commit the result, "
        "then verify.\n")


def test_a_missing_snapshot_is_refused(tmp_path) -> None:
    result = verify("--url", DOWN["postgres"], "--schema", str(SCHEMA), "--out",
                    str(tmp_path / "nothing"))
    assert result.exit_code == 3, result.output
    assert result.output == (
        f"refused: {tmp_path / 'nothing' / 'postgres' / 'schema.sql'} does not exist; run "
        "`make generate` (or `schemagen generate`) first, then verify.\n")


def test_a_url_without_a_known_scheme_is_a_usage_error(out) -> None:
    result = verify("--url", "sqlite:///app.db", "--schema", str(SCHEMA), "--out", str(out))
    assert result.exit_code == 2
    assert result.output == ("Cannot tell the dialect from 'sqlite:'; start the URL with "
                             "postgresql://, mysql:// or mariadb://, or give --dialect.\n")


def test_a_dialect_the_schema_does_not_target_is_a_usage_error(tmp_path) -> None:
    schema = tmp_path / "schema.yaml"
    schema.write_text("format: 1\nsettings: {targets: [mariadb]}\ntables:\n  t:\n"
                      "    columns:\n      id: {type: integer, primary: true}\n",
                      encoding="utf-8")
    result = verify("--url", DOWN["postgres"], "--schema", str(schema))
    assert result.exit_code == 2
    assert result.output == (f"{schema} does not target postgres (targets: mariadb); add it "
                             "to settings.targets or verify another dialect.\n")


def test_a_scratch_prefix_that_cannot_name_a_database_is_a_usage_error(out) -> None:
    result = verify("--url", DOWN["postgres"], "--schema", str(SCHEMA), "--out", str(out),
                    "--scratch-prefix", "x; DROP DATABASE postgres")
    assert result.exit_code == 2
    assert result.output == ("'x; DROP DATABASE postgres' cannot start a database name; use "
                             "lower-case letters, digits and underscores, starting with a "
                             "letter.\n")
