"""Literal defaults: exact numbers, no silent conversion, and what the servers refuse."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.dialects import DIALECTS
from generator.findings import InvalidSchema
from generator.pipeline import compile_file

HEAD = "format: 1\ntables:\n  t:\n    columns:\n      id: {type: integer, primary: true}\n"


def compiled_defaults(tmp_path: Path, columns: str) -> dict[str, dict[str, str | None]]:
    """Each dialect's literal default per column (text as the model keeps it)."""
    path = tmp_path / "schema.yaml"
    path.write_text(HEAD + columns, encoding="utf-8")
    result = compile_file(path, display="schema.yaml")
    return {name: {column.name: column.default.value if column.default else None
                   for column in schema.tables[0].columns}
            for name, schema in result.schemas.items()}


def errors(tmp_path: Path, columns: str, targets: str = "") -> list[str]:
    path = tmp_path / "schema.yaml"
    path.write_text(targets + HEAD + columns, encoding="utf-8")
    with pytest.raises(InvalidSchema) as caught:
        compile_file(path, display="schema.yaml")
    return [finding.text() for finding in caught.value.findings]


def test_decimal_default_keeps_every_digit(tmp_path: Path) -> None:
    defaults = compiled_defaults(
        tmp_path, "      d: {type: 'decimal(20,10)', default: 1234567890.0123456789}\n"
                  "      e: {type: 'decimal(8,2)', default: 1.10}\n")
    for name in DIALECTS:
        assert defaults[name]["d"] == "1234567890.0123456789"
        assert defaults[name]["e"] == "1.1"


def test_json_default_numbers_stay_json_numbers(tmp_path: Path) -> None:
    defaults = compiled_defaults(
        tmp_path, "      j: {type: json, default: {a: 1.50, b: 2.0, c: [0x10, 1e2]}}\n")
    assert defaults["postgres"]["j"] == '{"a":1.5,"b":2,"c":[16,100]}'


@pytest.mark.parametrize(("column", "message"), [
    ("{type: string(10), default: 0123}",
     "123 is a number on a text column; quote it: default: '123'."),
    ("{type: string(10), default: 1.10}",
     "1.10 is a number on a text column; quote it: default: '1.10'."),
    ("{type: text, default: 0x1F}", "31 is a number on a text column; quote it: default: '31'."),
    ("{type: uuid, default: 7}", "7 is a number on a uuid column; quote it: default: '7'."),
    ("{type: date, default: 20240101}",
     "20240101 is a number on a date column; quote it: default: '20240101'."),
])
def test_a_number_on_a_text_column_is_an_error(tmp_path: Path, column: str,
                                               message: str) -> None:
    assert errors(tmp_path, f"      s: {column}\n") == [
        f"schema.yaml:6:{column.index('default: ') + 10}: error default-type "
        f"tables.t.columns.s.default: The default does not fit: {message}"]


def test_yaml_11_scalars_stay_text(tmp_path: Path) -> None:
    """Sexagesimal, dates and yes/no are plain text under YAML 1.2: nothing is converted."""
    defaults = compiled_defaults(
        tmp_path, "      a: {type: string(10), default: 12:30:00}\n"
                  "      b: {type: string(10), default: yes}\n"
                  "      c: {type: date, default: 2024-02-29}\n"
                  "      d: {type: time, default: 12:30:00}\n")
    assert defaults["mysql"] == {"id": None, "a": "12:30:00", "b": "yes", "c": "2024-02-29",
                                 "d": "12:30:00"}


RANGE_CASES = [
    ("{type: tinyint, default: 128}",
     "128 is outside the range of tinyint (-128 to 127); choose a value in range or a "
     "larger type."),
    ("{type: tinyint, unsigned: true, default: 256}",
     "256 is outside the range of tinyint unsigned (0 to 255); choose a value in range or a "
     "larger type."),
    ("{type: integer, unsigned: true, default: -1}",
     "-1 is outside the range of integer unsigned (0 to 2147483647); choose a value in range "
     "or a larger type."),
    ("{type: smallint, default: -32769}",
     "-32769 is outside the range of smallint (-32768 to 32767); choose a value in range or a "
     "larger type."),
    ("{type: bigint, default: 9223372036854775808}",
     "9223372036854775808 is outside the range of bigint (-9223372036854775808 to "
     "9223372036854775807); choose a value in range or a larger type."),
    ("{type: double, default: .inf}",
     "Infinity is not a finite number; write a finite number (MySQL and MariaDB store no "
     "infinity or NaN)."),
    ("{type: 'decimal(5,2)', default: .nan}",
     "NaN is not a finite number; write a finite number (MySQL and MariaDB store no "
     "infinity or NaN)."),
    ("{type: 'decimal(5,2)', default: 123.456}",
     "123.456 does not fit decimal(5,2) (at most 3 digits before the point and 2 after); "
     "the servers would round or refuse it, so write it as stored."),
    ("{type: 'decimal(5,2)', default: 1234}",
     "1234 does not fit decimal(5,2) (at most 3 digits before the point and 2 after); "
     "the servers would round or refuse it, so write it as stored."),
    ("{type: string(3), default: abcd}",
     "'abcd' is 4 characters long; string(3) holds at most 3."),
    ("{type: char(2), default: abc}", "'abc' is 3 characters long; char(2) holds at most 2."),
    ("{type: uuid, default: not-a-uuid}",
     "'not-a-uuid' is not a uuid; write 32 hex digits as 8-4-4-4-12, like "
     "'123e4567-e89b-12d3-a456-426614174000'."),
    ("{type: ip_address, default: 999.1.1.1}",
     "'999.1.1.1' is not an IPv4 or IPv6 address; write one like '192.0.2.1' or "
     "'2001:db8::1'."),
    ("{type: time, default: '25:00:00'}",
     "'25:00:00' is not a fixed time (HH:MM:SS) literal; write the time of day as HH:MM:SS, "
     "like '09:30:00'."),
]


@pytest.mark.parametrize(("column", "message"), RANGE_CASES)
def test_values_the_servers_refuse_are_errors(tmp_path: Path, column: str,
                                             message: str) -> None:
    found = errors(tmp_path, f"      v: {column}\n", "settings: {targets: [postgres]}\n")
    assert found == [f"schema.yaml:7:{column.index('default: ') + 10}: error default-type "
                     f"[postgres] tables.t.columns.v.default: The default does not fit: "
                     f"{message}"]


def test_values_in_range_are_kept(tmp_path: Path) -> None:
    defaults = compiled_defaults(
        tmp_path, "      a: {type: tinyint, unsigned: true, default: 255}\n"
                  "      b: {type: 'decimal(5,2)', default: -999.99}\n"
                  "      c: {type: ip_address, default: '2001:db8::1'}\n"
                  "      u: {type: uuid, default: 123e4567-e89b-12d3-a456-426614174000}\n"
                  "      s: {type: timestamp, default: '2038-01-19 03:14:07'}\n")
    assert defaults["mariadb"] == {"id": None, "a": "255", "b": "-999.99", "c": "2001:db8::1",
                                   "u": "123e4567-e89b-12d3-a456-426614174000",
                                   "s": "2038-01-19 03:14:07"}


def test_timestamp_range_is_mysql_only(tmp_path: Path) -> None:
    found = errors(tmp_path, "      s: {type: timestamp, default: '2038-01-19 03:14:08'}\n"
                             "      d: {type: datetime, default: '2038-01-19 03:14:08'}\n")
    message = ("The default does not fit: '2038-01-19 03:14:08' is outside the TIMESTAMP "
               "range of MySQL and MariaDB ('1970-01-01 00:00:01' to '2038-01-19 03:14:07' "
               "UTC); use a datetime column or a date in range.")
    assert found == [
        f"schema.yaml:6:28: error default-type [mariadb,mysql] tables.t.columns.s.default: "
        f"{message}"]


def test_decimal_state_round_trips(tmp_path: Path) -> None:
    """The state file keeps all digits: the second run finds no change."""
    (tmp_path / "schema.yaml").write_text(
        HEAD + "      d: {type: 'decimal(20,10)', default: 1234567890.0123456789}\n"
               "      e: {type: 'decimal(8,2)', default: 1.10}\n"
               "      j: {type: json, default: {a: 1.5, b: [1, 2.25]}}\n", encoding="utf-8")

    def run() -> str:
        result = subprocess.run([sys.executable, "-m", "generator", "generate"], cwd=tmp_path,
                                capture_output=True, text=True, env={**os.environ})
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    run()
    state = (tmp_path / "out" / "state.yaml").read_text(encoding="utf-8")
    assert "default: '1234567890.0123456789'" in state
    assert "default: 1.1\n" in state and "b:\n          - 1\n          - 2.25" in state
    assert run().splitlines()[0] == "out: no schema change; no new migration."
