"""`schemagen verify` against live servers: zero drift, drift made by hand, refusals."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from generator.live import verify as verify_module
from generator.live.connect import connect, rows
from generator.live.introspect import is_empty, table_names

from .support import FIXTURES, PREFIX

LIVE = ["postgres", "mariadb"]  # mysql runs the same tests wherever MySQL 8 is provided
SCHEMA = FIXTURES / "every_feature.yaml"

# A hand-made drift: a default and a type changed after the schema was applied.
ALTERATIONS = {
    "postgres": ['ALTER TABLE "user" ALTER COLUMN "order" SET DEFAULT 5',
                 'ALTER TABLE "key" ALTER COLUMN "value" TYPE varchar(40)'],
    "mysql": ["ALTER TABLE `user` ALTER COLUMN `order` SET DEFAULT 5",
              "ALTER TABLE `key` MODIFY `value` varchar(40) NULL DEFAULT 'Ünïcödé 🐢'"],
    "mariadb": ["ALTER TABLE `user` ALTER COLUMN `order` SET DEFAULT 5",
                "ALTER TABLE `key` MODIFY `value` varchar(40) NULL DEFAULT 'Ünïcödé 🐢'"],
}


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    """out/ generated from the rich fixture, as `make generate` writes it."""
    folder = tmp_path_factory.mktemp("verify") / "out"
    result = CliRunner().invoke(main, ["generate", "--schema", str(SCHEMA), "--out", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


def verify(url: str, out: Path, *extra: str, schema: Path = SCHEMA) -> Result:
    return CliRunner().invoke(main, ["verify", "--url", url, "--schema", str(schema),
                                     "--out", str(out), "--scratch-prefix", PREFIX, *extra])


def databases(server: str, dialect: str) -> set[str]:
    query = "SELECT datname FROM pg_database" if dialect == "postgres" \
        else "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA"
    with connect(server, dialect) as connection:
        return {row[0] for row in rows(connection, query)}


@pytest.mark.live
@pytest.mark.parametrize("dialect", ["postgres", "mysql", "mariadb"])
def test_a_server_url_gets_a_scratch_database_that_is_dropped(dialect, out,
                                                              live_server) -> None:
    server = live_server(dialect)
    result = verify(server, out, "--dialect", dialect)

    assert result.exit_code == 0, result.output
    assert re.match(rf"^{dialect}: {re.escape(str(out / dialect / 'schema.sql'))} applied "
                    rf"\(\d+ statements, scratch database {PREFIX}\d+_[0-9a-f]{{8}}, dropped\) "
                    rf"and reads back as {re.escape(str(SCHEMA))} describes: no drift\.$",
                    result.output.strip())
    scratch = re.search(rf"({PREFIX}\d+_[0-9a-f]{{8}})", result.output).group(1)
    assert scratch not in databases(server, dialect)


@pytest.mark.live
@pytest.mark.parametrize("dialect", ["postgres", "mysql", "mariadb"])
def test_a_column_altered_after_applying_is_drift(dialect, out, fresh_database,
                                                  monkeypatch) -> None:
    url = fresh_database(dialect, PREFIX)
    apply = verify_module.apply_statements

    def apply_then_alter(target: str, name: str, statements: list[str]) -> None:
        apply(target, name, statements)
        apply(target, name, ALTERATIONS[name])

    monkeypatch.setattr(verify_module, "apply_statements", apply_then_alter)
    result = verify(url, out, "--dialect", dialect)

    assert result.exit_code == 4, result.output
    assert result.output.splitlines()[1:] == [
        "  table user: column order: default '0' != '5'",
        "  table key: column value: type varchar(30) != varchar(40)",
    ]
    assert result.output.startswith(f"{dialect}: 2 difference(s) between {SCHEMA} and what ")
    assert is_empty(url, dialect)  # the tables verify created are gone again


@pytest.mark.live
@pytest.mark.parametrize("dialect", LIVE)
def test_a_database_in_use_is_refused_and_left_alone(dialect, out, fresh_database) -> None:
    url = fresh_database(dialect, PREFIX)
    with connect(url, dialect) as connection, connection.cursor() as cursor:
        cursor.execute("CREATE TABLE keep_me (id integer PRIMARY KEY)")

    result = verify(url, out, "--dialect", dialect)

    assert result.exit_code == 3, result.output
    assert result.output.startswith("refused: The database sg_live_")
    assert "is not empty; verify never touches a database in use." in result.output
    assert table_names(url, dialect) == ["keep_me"]


@pytest.mark.live
@pytest.mark.parametrize("dialect", LIVE)
def test_a_statement_the_server_refuses_is_reported(dialect, tmp_path, fresh_database
                                                    ) -> None:
    schema = tmp_path / "schema.yaml"
    schema.write_text("format: 1\ntables:\n  payments:\n    columns:\n"
                      "      id: {type: integer, primary: true}\n"
                      "      amount: integer\n"
                      "    checks:\n      - expression: no_such_function(amount) > 0\n",
                      encoding="utf-8")
    folder = tmp_path / "out"
    generated = CliRunner().invoke(main, ["generate", "--schema", str(schema), "--out",
                                          str(folder)])
    assert generated.exit_code == 0, generated.output
    url = fresh_database(dialect, PREFIX)

    result = verify(url, folder, "--dialect", dialect, schema=schema)

    assert result.exit_code == 4, result.output
    assert result.output.startswith(
        f"{dialect}: {folder / dialect / 'schema.sql'} does not build on this server. "
        "Statement 1 failed: ")
    assert "no_such_function" in result.output
    assert is_empty(url, dialect)


@pytest.mark.live
def test_mysql_scheme_at_mariadb_verifies_the_mariadb_target(out, live_server) -> None:
    server = live_server("mariadb")
    result = verify(server.replace("mariadb://", "mysql://", 1), out)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("mariadb: ")


@pytest.mark.live
def test_an_explicit_mysql_dialect_at_mariadb_is_refused(out, live_server) -> None:
    result = verify(live_server("mariadb"), out, "--dialect", "mysql")
    assert result.exit_code == 2, result.output
    assert "is MariaDB (" in result.output
    assert "not the MySQL 8.0+ the mysql target needs" in result.output
