"""Cutting DDL files into statements: quoting, dump noise, DELIMITER blocks, COPY data."""

from __future__ import annotations

import pytest

from generator.importer.split import SplitError, split


def texts(sql: str, dialect: str) -> list[tuple[int, str, str]]:
    return [(s.line, s.kind, s.text) for s in split(sql, dialect)]


def test_semicolons_inside_strings_and_dollar_quotes_do_not_end_a_statement():
    sql = ("CREATE TABLE a (b text DEFAULT 'x;y');\n"
           "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;\n"
           "CREATE TABLE c (d int);")
    assert texts(sql, "postgres") == [
        (1, "sql", "CREATE TABLE a (b text DEFAULT 'x;y')"),
        (2, "sql", "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql"),
        (3, "sql", "CREATE TABLE c (d int)"),
    ]


def test_mysql_executable_comments_are_read_as_sql():
    sql = ("/*!40101 SET NAMES utf8mb4 */;\n"
           "CREATE TABLE t (id int) ENGINE=InnoDB /*!50100 PARTITION BY HASH (id) */;\n"
           "SELECT '/*!40101 not a comment */';")
    found = texts(sql, "mysql")
    assert [line for line, _, _ in found] == [1, 2, 3]
    assert found[0][2].split() == ["SET", "NAMES", "utf8mb4"]
    assert "PARTITION BY HASH (id)" in found[1][2]
    assert found[2][2] == "SELECT '/*!40101 not a comment */'"


def test_delimiter_blocks_keep_trigger_bodies_whole():
    sql = ("CREATE TABLE a (x int);\n"
           "DELIMITER ;;\n"
           "CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN SET NEW.x = 1; END ;;\n"
           "DELIMITER $$\n"
           "CREATE PROCEDURE p() BEGIN SELECT ';;'; END$$\n"
           "DELIMITER ;\n"
           "CREATE TABLE b (y int);")
    assert texts(sql, "mysql") == [
        (1, "sql", "CREATE TABLE a (x int)"),
        (3, "sql", "CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN SET NEW.x = 1; END"),
        (5, "sql", "CREATE PROCEDURE p() BEGIN SELECT ';;'; END"),
        (7, "sql", "CREATE TABLE b (y int)"),
    ]


def test_psql_meta_commands_and_copy_data_are_their_own_kinds():
    sql = ("\\connect shop\n"
           "CREATE TABLE t (a int, b text);\n"
           "COPY public.t (a, b) FROM stdin;\n"
           "1\tit's; not SQL\n"
           "2\t\\N\n"
           "\\.\n"
           "CREATE INDEX ON t (a);")
    assert [(s.line, s.kind, s.rows) for s in split(sql, "postgres")] == [
        (1, "meta", 0), (2, "sql", 0), (3, "sql", 0), (4, "copy-data", 2), (7, "sql", 0)]


def test_a_file_the_tokenizer_cannot_read_says_so():
    with pytest.raises(SplitError, match="unterminated string"):
        split("CREATE TABLE t (a text DEFAULT 'open);", "postgres")
