"""Changes a migration cannot express are refused with a sentence that says what to do."""

from __future__ import annotations

from pathlib import Path

import pytest
from diffcase import change

from generator.diff import DiffUnsupported

T = """\
tables:
  t:
    columns:
      id: {type: integer, primary: true}
      a: {type: integer}
      b: {type: integer}
"""


def refusal(tmp_path: Path, after: str, dialect: str = "postgres") -> str:
    with pytest.raises(DiffUnsupported) as caught:
        change(tmp_path, T, after, dialect)
    return str(caught.value)


def test_swapped_names_are_refused(tmp_path: Path) -> None:
    after = T.replace("      a: {type: integer}\n      b: {type: integer}",
                      "      a: {type: integer, renamed_from: b}\n"
                      "      b: {type: integer, renamed_from: a}")
    assert refusal(tmp_path, after) == (
        "Column t.a and 'b' swap names, which one migration cannot do; rename one of them to "
        "a temporary name in a migration of its own first.")


def test_a_hint_naming_a_column_still_there_is_refused(tmp_path: Path) -> None:
    after = T + "      c: {type: integer, renamed_from: a}\n"
    assert refusal(tmp_path, after, "mysql") == (
        "Column t.c says `renamed_from: a`, but 'a' is still in the schema; remove the hint "
        "or the old one.")


def test_two_renamed_from_one_are_refused(tmp_path: Path) -> None:
    after = T.replace("      a: {type: integer}\n",
                      "      c: {type: integer, renamed_from: a}\n"
                      "      d: {type: integer, renamed_from: a}\n")
    assert refusal(tmp_path, after) == (
        "Column t.d and 'c' are both `renamed_from: a`; keep the hint on one of them.")


def test_table_hint_naming_a_table_still_there_is_refused(tmp_path: Path) -> None:
    after = T + "  u:\n    renamed_from: t\n    columns:\n" \
                "      id: {type: integer, primary: true}\n"
    assert refusal(tmp_path, after) == (
        "Table 'u' says `renamed_from: t`, but 't' is still in the schema; remove the hint "
        "or the old one.")


def test_auto_increment_switched_on_is_refused_on_postgres_only(tmp_path: Path) -> None:
    after = T.replace("id: {type: integer, primary: true}",
                      "id: {type: integer, primary: true, auto_increment: true}")
    assert refusal(tmp_path, after) == (
        "Column t.id changes auto_increment, which this version cannot migrate on "
        "PostgreSQL 15+; add a new column instead and copy the data.")
    assert change(tmp_path, T, after, "mysql").up == [
        "ALTER TABLE `t` MODIFY COLUMN `id` int NOT NULL AUTO_INCREMENT"]
