"""C03: reserved words used as names are always quoted, on every dialect."""

from __future__ import annotations

from pathlib import Path

from .support import compile_text, statements

SCHEMA = """\
tables:
  order:
    columns:
      key: {type: integer, primary: true}
      group: {type: string(10), nullable: true}
      blob: {type: binary, nullable: true}
      user: {type: string(10), nullable: true}
"""


def test_c03_mysql_quotes_every_identifier(tmp_path: Path) -> None:
    assert statements(compile_text(tmp_path, SCHEMA), "mysql") == [
        "CREATE TABLE `order` (\n"
        "  `key` int NOT NULL,\n"
        "  `group` varchar(10) NULL,\n"
        "  `blob` blob NULL,\n"
        "  `user` varchar(10) NULL,\n"
        "  PRIMARY KEY (`key`)\n"
        ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci"]


def test_c03_postgres_quotes_every_identifier(tmp_path: Path) -> None:
    assert statements(compile_text(tmp_path, SCHEMA), "postgres") == [
        'CREATE TABLE "order" (\n'
        '    "key" integer NOT NULL,\n'
        '    "group" varchar(10) NULL,\n'
        '    "blob" bytea NULL,\n'
        '    "user" varchar(10) NULL,\n'
        '    CONSTRAINT "order_pkey" PRIMARY KEY ("key")\n'
        ')']
