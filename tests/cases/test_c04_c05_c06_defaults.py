"""C04, C05, C06: defaults on TEXT/JSON, boolean defaults, quotes and backslashes in strings."""

from __future__ import annotations

from pathlib import Path

from .support import compile_text, statements

NOTES = """\
tables:
  notes:
    columns:
      id: {type: integer, primary: true}
      note: {type: text, default: foo}
      data: {type: json, default: []}
"""


def test_c04_mysql8_gets_expression_defaults_on_text_and_json(tmp_path: Path) -> None:
    assert statements(compile_text(tmp_path, NOTES), "mysql")[0].splitlines()[2:4] == [
        "  `note` text NOT NULL DEFAULT ('foo'),",
        "  `data` json NOT NULL DEFAULT ('[]'),",
    ]


def test_c04_mariadb_and_postgres_take_plain_literals(tmp_path: Path) -> None:
    compiled = compile_text(tmp_path, NOTES)
    assert statements(compiled, "mariadb")[0].splitlines()[2:4] == [
        "  `note` text NOT NULL DEFAULT 'foo',",
        "  `data` json NOT NULL DEFAULT '[]',",
    ]
    assert statements(compiled, "postgres")[0].splitlines()[2:4] == [
        "    \"note\" text NOT NULL DEFAULT 'foo',",
        "    \"data\" json NOT NULL DEFAULT '[]',",
    ]


ACCOUNTS = """\
tables:
  accounts:
    columns:
      id: {type: integer, primary: true}
      is_active: {type: boolean, default: false}
      is_admin: {type: boolean, default: "1"}
"""


def test_c05_boolean_defaults_are_never_quoted(tmp_path: Path) -> None:
    compiled = compile_text(tmp_path, ACCOUNTS)
    assert statements(compiled, "mysql")[0].splitlines()[2:4] == [
        "  `is_active` tinyint(1) NOT NULL DEFAULT 0,",
        "  `is_admin` tinyint(1) NOT NULL DEFAULT 1,",
    ]
    assert statements(compiled, "postgres")[0].splitlines()[2:4] == [
        '    "is_active" boolean NOT NULL DEFAULT false,',
        '    "is_admin" boolean NOT NULL DEFAULT true,',
    ]


GREETINGS = r"""
tables:
  greetings:
    columns:
      id: {type: integer, primary: true}
      greeting: {type: string(50), default: "it's here"}
      path: {type: string(50), default: 'C:\temp'}
"""


def test_c06_quotes_doubled_everywhere_backslashes_doubled_on_mysql(tmp_path: Path) -> None:
    compiled = compile_text(tmp_path, GREETINGS)
    assert statements(compiled, "mysql")[0].splitlines()[2:4] == [
        "  `greeting` varchar(50) NOT NULL DEFAULT 'it''s here',",
        "  `path` varchar(50) NOT NULL DEFAULT 'C:\\\\temp',",
    ]
    assert statements(compiled, "postgres")[0].splitlines()[2:4] == [
        "    \"greeting\" varchar(50) NOT NULL DEFAULT 'it''s here',",
        "    \"path\" varchar(50) NOT NULL DEFAULT 'C:\\temp',",
    ]
