"""Line breaks inside string literals must stay byte for byte. The CREATE TABLE templates
once indented their lines with Jinja's `indent`, which also indented (and, for a carriage
return, turned into a newline) every line break inside a default or a MySQL column comment:
a comment '\\r' read back from MariaDB as '\\n  ', a default 'a\\nb' from PostgreSQL as
'a\\n    b'. Found by tests/property/test_live_roundtrip.py; fixed in de674c6."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlglot
from sqlglot import exp

from generator import dialects
from generator.model import Default

from .support import PREFIX, build, compile_text, create_statements

SCHEMA = """\
format: 1
tables:
  t:
    columns:
      id: {type: integer, primary: true, comment: "\\r"}
      note: {type: string(20), default: "a\\nb"}
"""


@pytest.mark.parametrize("dialect", ["postgres", "mysql", "mariadb"])
def test_create_table_keeps_line_breaks_of_literals(dialect: str, tmp_path: Path) -> None:
    create = create_statements(compile_text(tmp_path, SCHEMA), dialect)[0]
    literals = _column_literals(create, dialects.get(dialect).sqlglot)
    assert literals["note"]["default"] == "a\nb"
    if dialect != "postgres":  # PostgreSQL comments are statements of their own
        assert literals["id"]["comment"] == "\r"


def _column_literals(create: str, read: str) -> dict[str, dict[str, str]]:
    """Each column's DEFAULT and COMMENT literal values, as sqlglot reads the statement."""
    found: dict[str, dict[str, str]] = {}
    for column in sqlglot.parse_one(create, read=read).find_all(exp.ColumnDef):
        for constraint in column.constraints:
            kind = constraint.kind
            if isinstance(kind, exp.DefaultColumnConstraint):
                found.setdefault(column.name, {})["default"] = kind.this.this
            if isinstance(kind, exp.CommentColumnConstraint):
                found.setdefault(column.name, {})["comment"] = kind.this.this
    return found


@pytest.mark.live
@pytest.mark.parametrize("dialect", ["postgres", "mariadb"])
def test_line_breaks_read_back_unchanged(dialect: str, tmp_path: Path, fresh_database) -> None:
    compiled = compile_text(tmp_path, SCHEMA)
    table = build(compiled, dialect, fresh_database(dialect, PREFIX)).tables[0]
    assert table.column("note").default == Default("literal", "a\nb")
    assert table.column("id").comment == "\r"
