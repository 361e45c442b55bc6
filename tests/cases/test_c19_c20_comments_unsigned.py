"""C19: comments with quotes stay data. C20: UNSIGNED never reaches PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from .support import compile_text, statements

NOTES = """\
tables:
  notes:
    comment: "table's note"
    columns:
      id: {type: integer, primary: true}
      test: {type: string(255), comment: "this doesn't work"}
"""


def test_c19_comments_are_escaped(tmp_path: Path) -> None:
    compiled = compile_text(tmp_path, NOTES)
    mysql = statements(compiled, "mysql")[0]
    assert "  `test` varchar(255) NOT NULL COMMENT 'this doesn''t work'," in mysql
    assert mysql.endswith("COMMENT='table''s note'")
    assert statements(compiled, "postgres")[1:] == [
        "COMMENT ON TABLE \"notes\" IS 'table''s note'",
        "COMMENT ON COLUMN \"notes\".\"test\" IS 'this doesn''t work'",
    ]


def test_c20_unsigned_is_mysql_only(tmp_path: Path) -> None:
    compiled = compile_text(tmp_path, """\
tables:
  sessions:
    columns:
      id: {type: integer, primary: true}
      last_activity: {type: integer, unsigned: true, default: 0}
""")
    pg = statements(compiled, "postgres")[0]
    assert '    "last_activity" integer NOT NULL DEFAULT 0,' in pg
    assert '    CONSTRAINT "sessions_last_activity_check" CHECK ("last_activity" >= 0)' in pg
    assert "  `last_activity` int unsigned NOT NULL DEFAULT 0," in statements(compiled, "mysql")[0]
