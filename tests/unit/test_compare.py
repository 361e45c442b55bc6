"""compare.differences and the normalizations behind it, without a server.

The catalog spellings below are what the servers printed (PostgreSQL 15, MariaDB 10.11),
or for MySQL 8 what its documentation and bug reports show; docs/normalization.md lists
each rule.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from generator.compare import differences, same_default
from generator.dialects import MARIADB, MYSQL, POSTGRES
from generator.live import mysql, postgres
from generator.live.connect import (dialect_from_url, names_server, redact, scratch_name,
                                    with_database)
from generator.live.expressions import canonical_text, constant_of, in_list, same_expression
from generator.live.introspect import enum_stand_in, sql_default
from generator.live.quirks import MARIADB as MARIADB_FLAVOR
from generator.live.quirks import MYSQL8
from generator.model import (Check, Column, Default, ForeignKey, Index, IndexColumn,
                             PrimaryKey, Schema, SqlType, Table)

VARCHAR = SqlType("varchar", (255,))


def users(**changes) -> Table:
    base = Table(
        name="users",
        columns=(Column("id", SqlType("bigint"), auto_increment=True),
                 Column("email", VARCHAR),
                 Column("price", SqlType("numeric", (8, 2)), default=Default("literal", "0.7")),
                 Column("status", VARCHAR, default=Default("literal", "active"))),
        primary_key=PrimaryKey("users_pkey", ("id",)),
        indexes=(Index("users_email_unique", (IndexColumn("email"),), unique=True,
                       constraint=True),),
        checks=(Check("users_price_check", "price >= 0"),),
        comment="People.",
    )
    return replace(base, **changes)


def diff(expected: Table, actual: Table, dialect: str = "postgres") -> list[str]:
    return differences(Schema(dialect, (expected,)), Schema(dialect, (actual,)))


def with_column(table: Table, name: str, **changes) -> Table:
    columns = tuple(replace(c, **changes) if c.name == name else c for c in table.columns)
    return replace(table, columns=columns)


# --- differences -----------------------------------------------------------------------


def test_the_same_table_has_no_difference() -> None:
    assert diff(users(), users()) == []


def test_a_column_type_change_names_table_column_and_both_types() -> None:
    actual = with_column(users(), "email", type=SqlType("varchar", (100,)))
    assert diff(users(), actual) == [
        "table users: column email: type varchar(255) != varchar(100)"]


def test_missing_and_unexpected_objects() -> None:
    extra = Table("audit", (Column("id", SqlType("integer")),))
    actual = replace(users(), columns=users().columns[:3] + (Column("note", SqlType("text")),),
                     checks=())
    assert differences(Schema("postgres", (users(),)), Schema("postgres", (actual, extra))) == [
        "table users: column status: missing",
        "table users: column note: unexpected",
        "table users: check users_price_check: missing",
        "table audit: unexpected",
    ]
    assert differences(Schema("postgres", (users(), extra)), Schema("postgres", (users(),))) \
        == ["table audit: missing"]


def test_column_order_nullability_increment_comment_collation() -> None:
    columns = users().columns
    actual = replace(users(), columns=(columns[1], columns[0]) + columns[2:])
    actual = with_column(actual, "email", nullable=True, comment="x", collation="C")
    actual = with_column(actual, "id", auto_increment=False)
    assert diff(users(), actual) == [
        "table users: column id: auto_increment True != False",
        "table users: column email: NOT NULL != NULL",
        "table users: column email: comment none != 'x'",
        "table users: column email: collation none != 'C'",
        "table users: column order id, email, price, status != email, id, price, status",
    ]


def test_a_changed_literal_default_is_reported_with_both_values() -> None:
    actual = with_column(users(), "status", default=Default("literal", "it's"))
    assert diff(users(), actual) == ["table users: column status: default 'active' != \"it's\""]


def test_primary_key_comment_and_index_kind() -> None:
    index = replace(users().indexes[0], constraint=False)
    actual = replace(users(), primary_key=PrimaryKey("users_pkey", ("id", "email")),
                     indexes=(index,), comment=None)
    assert diff(users(), actual) == [
        "table users: primary key users_pkey (id) != users_pkey (id, email)",
        "table users: index users_email_unique: unique constraint != unique index",
        "table users: comment 'People.' != none",
    ]


def test_a_changed_check_shows_both_expressions() -> None:
    actual = replace(users(), checks=(Check("users_price_check", "(price > (0)::numeric)"),))
    assert diff(users(), actual) == [
        "table users: check users_price_check: expression price >= 0 != "
        "(price > (0)::numeric)"]


def test_composite_foreign_key_order_and_actions() -> None:
    key = ForeignKey("orders_party_fk", ("party_id", "tenant"), "party", ("party_id", "tenant"),
                     on_delete="restrict")
    expected = replace(users(), foreign_keys=(key,))
    swapped = replace(key, columns=("tenant", "party_id"), on_delete="no action")
    assert diff(expected, replace(users(), foreign_keys=(swapped,))) == [
        "table users: foreign key orders_party_fk: (party_id, tenant) -> party "
        "(party_id, tenant) != (tenant, party_id) -> party (party_id, tenant)",
        "table users: foreign key orders_party_fk: on delete restrict != no action",
    ]


# --- normalizations --------------------------------------------------------------------


@pytest.mark.parametrize("left, right, sql_type, dialect", [
    (Default("literal", "0.70"), Default("literal", "0.7"), SqlType("numeric", (8, 2)),
     POSTGRES),
    (Default("literal", '{"a": [1, 2]}'), Default("literal", '{"a":[1,2]}'), SqlType("json"),
     MARIADB),
    (Default("expression", "CURRENT_TIMESTAMP"), Default("expression", "current_timestamp()"),
     SqlType("timestamp"), MARIADB),
    (Default("expression", "now()"), Default("expression", "CURRENT_TIMESTAMP"),
     SqlType("timestamp", (0,)), POSTGRES),
    (Default("expression", "'x'::character varying"), Default("literal", "x"), VARCHAR,
     POSTGRES),
    (Default("expression", "NULL"), None, VARCHAR, MARIADB),
    (Default("literal", "2020-01-01"), Default("literal", "2020-01-01 00:00:00"),
     SqlType("timestamp"), MARIADB),
    (Default("literal", "turtle 🐢"), Default("literal", "turtle ?"), VARCHAR, MARIADB),
])
def test_defaults_that_give_a_row_the_same_value(left, right, sql_type, dialect) -> None:
    assert same_default(left, right, sql_type, dialect)
    assert same_default(right, left, sql_type, dialect)


@pytest.mark.parametrize("left, right, sql_type, dialect", [
    (Default("literal", "2020-01-01"), Default("literal", "2020-01-01 00:00:00"), VARCHAR,
     MARIADB),
    (Default("literal", "turtle 🐢"), Default("literal", "turtle ?"), VARCHAR, POSTGRES),
    (Default("literal", "0"), None, SqlType("integer"), POSTGRES),
    (Default("expression", "now()"), Default("literal", "now"), VARCHAR, POSTGRES),
    (Default("literal", "1.5"), Default("literal", "1.50001"), SqlType("numeric"), POSTGRES),
])
def test_defaults_that_differ(left, right, sql_type, dialect) -> None:
    assert not same_default(left, right, sql_type, dialect)


@pytest.mark.parametrize("catalog, spec, dialect", [
    ("((s)::text = ANY ((ARRAY['a'::character varying, 'it''s'::character varying])::text[]))",
     "s IN ('a', 'it''s')", POSTGRES),
    ("((b >= ('-1'::integer)::numeric) AND (b <= 10.50))", "b BETWEEN -1 AND 10.5", POSTGRES),
    ("((((c)::text ~~ 'a%'::text) AND (length((c)::text) > 0)) OR ((c)::text <> ''::text))",
     "c LIKE 'a%' AND length(c) > 0 OR c <> ''", POSTGRES),
    ("((x)::text <> ALL ((ARRAY['a'::character varying])::text[]))", "x NOT IN ('a')",
     POSTGRES),
    ('("order" > 0)', '"order" > 0', POSTGRES),
    ("`c` like 'a%' and octet_length(`c`) > 0 or `c` <> ''",
     "c LIKE 'a%' AND length(c) > 0 OR c <> ''", MARIADB),
    ("(`status` in (_utf8mb4'a',_utf8mb4'b'))", "status IN ('a', 'b')", MYSQL),
])
def test_expressions_the_servers_rewrote_still_match_the_spec(catalog, spec, dialect) -> None:
    assert same_expression(catalog, spec, dialect)


def test_grouping_still_matters() -> None:
    assert not same_expression("(a OR b) AND c", "a OR (b AND c)", POSTGRES)
    assert canonical_text("((b >= ('-1'::integer)::numeric) AND (b <= 10.50))", POSTGRES) == \
        "b >= -1 AND b <= 10.5"


def test_innodb_restrict_is_no_action_but_not_on_postgres() -> None:
    key = ForeignKey("f", ("a",), "t", ("id",), on_delete="restrict")
    expected = replace(users(), foreign_keys=(key,))
    actual = replace(users(), foreign_keys=(replace(key, on_delete="no action"),))
    assert diff(expected, actual, "mariadb") == []
    assert diff(expected, actual, "postgres") == [
        "table users: foreign key f: on delete restrict != no action"]


def test_index_spellings_that_mean_the_same() -> None:
    expected = replace(users(), indexes=(
        Index("users_email_index", (IndexColumn("email", length=255),), using="btree",
              where="email <> ''", implicit=True),))
    actual = replace(users(), indexes=(
        Index("users_email_index", (IndexColumn("email"),),
              where="((email)::text <> ''::text)"),))
    assert diff(expected, actual) == []
    shorter = replace(actual, indexes=(replace(actual.indexes[0],
                                               columns=(IndexColumn("email", length=100),)),))
    assert diff(expected, shorter) == [
        "table users: index users_email_index: columns email != email(100)"]


def test_comments_collations_and_options_the_server_fills_in() -> None:
    options = (("collation", "utf8mb4_unicode_ci"), ("engine", "InnoDB"))
    expected = with_column(replace(users(), comment="", options=options), "email",
                           collation="utf8mb4_unicode_ci")
    actual = replace(users(), comment=None,
                     options=(("charset", "utf8mb4"), ("collation", "utf8mb4_unicode_ci"),
                              ("engine", "innodb"), ("row_format", "DYNAMIC")))
    assert diff(expected, actual, "mariadb") == []
    other = replace(actual, options=(("collation", "utf8mb4_bin"), ("engine", "InnoDB")))
    assert diff(expected, other, "mariadb") == [
        "table users: column email: collation 'utf8mb4_unicode_ci' != 'utf8mb4_bin'",
        "table users: option collation utf8mb4_unicode_ci != 'utf8mb4_bin'",
    ]


# --- catalog text to the model ---------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("character varying(255)", SqlType("varchar", (255,))),
    ("character(36)", SqlType("char", (36,))),
    ("numeric(20,6)", SqlType("numeric", (20, 6))),
    ("timestamp(0) without time zone", SqlType("timestamp", (0,))),
    ("timestamp(6) with time zone", SqlType("timestamptz", (6,))),
    ("time(0) without time zone", SqlType("time", (0,))),
    ("double precision", SqlType("double precision")),
    ("integer[]", SqlType("integer[]")),
    ("jsonb", SqlType("jsonb")),
])
def test_postgres_format_type_as_the_model_spells_it(text, expected) -> None:
    assert postgres.sql_type(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("int(11)", SqlType("int")),
    ("int", SqlType("int")),
    ("tinyint(1)", SqlType("tinyint", (1,))),
    ("tinyint(4)", SqlType("tinyint")),
    ("bigint(20) unsigned", SqlType("bigint", unsigned=True)),
    ("decimal(20,6) unsigned", SqlType("decimal", (20, 6), True)),
    ("timestamp(6)", SqlType("timestamp", (6,))),
    ("char(36)", SqlType("char", (36,))),
    ("enum('a','it''s','b\\\\c')", SqlType("enum", values=("a", "it's", "b\\c"))),
])
def test_mysql_column_type_as_the_model_spells_it(text, expected) -> None:
    assert mysql.sql_type(text, MARIADB) == expected


@pytest.mark.parametrize("text, sql_type, expected", [
    ("'-1'::integer", SqlType("integer"), Default("literal", "-1")),
    ("0.70", SqlType("numeric", (8, 2)), Default("literal", "0.7")),
    ("'it''s'::character varying", VARCHAR, Default("literal", "it's")),
    ("'{\"a\": 1}'::json", SqlType("json"), Default("literal", '{"a":1}')),
    ("false", SqlType("boolean"), Default("literal", "false")),
    ("NULL::character varying", VARCHAR, None),
    ("now()", SqlType("timestamp", (0,)), Default("expression", "now()")),
])
def test_postgres_defaults(text, sql_type, expected) -> None:
    assert sql_default(text, sql_type, POSTGRES) == expected


@pytest.mark.parametrize("raw, extra, flavor, sql_type, expected", [
    ("'it''s; x\\\\y'", "", MARIADB_FLAVOR, VARCHAR, Default("literal", "it's; x\\y")),
    ("NULL", "", MARIADB_FLAVOR, VARCHAR, None),
    ("'NULL'", "", MARIADB_FLAVOR, VARCHAR, Default("literal", "NULL")),
    ("1", "", MARIADB_FLAVOR, SqlType("tinyint", (1,)), Default("literal", "true")),
    ("current_timestamp()", "", MARIADB_FLAVOR, SqlType("timestamp"),
     Default("expression", "current_timestamp()")),
    ("it's", "", MYSQL8, VARCHAR, Default("literal", "it's")),
    ("current_timestamp()", "", MYSQL8, VARCHAR, Default("literal", "current_timestamp()")),
    ("CURRENT_TIMESTAMP", "DEFAULT_GENERATED", MYSQL8, SqlType("timestamp"),
     Default("expression", "CURRENT_TIMESTAMP")),
    ("_utf8mb4\\'[]\\'", "DEFAULT_GENERATED", MYSQL8, SqlType("json"),
     Default("literal", "[]")),
    ("_utf8mb4\\'it\\\\\\'s\\'", "DEFAULT_GENERATED", MYSQL8, SqlType("text"),
     Default("literal", "it's")),
])
def test_mysql_family_defaults(raw, extra, flavor, sql_type, expected) -> None:
    dialect = MARIADB if flavor is MARIADB_FLAVOR else MYSQL
    assert mysql._default(raw, extra, sql_type, flavor, dialect) == expected


def test_the_enum_stand_in_check_comes_back_in_the_text_resolve_writes() -> None:
    table = Table("t", (Column("status", VARCHAR),))
    catalog = Check("t_status_check",
                    "((status)::text = ANY ((ARRAY['a'::character varying, "
                    "'it''s'::character varying])::text[]))")
    assert enum_stand_in(catalog, table, POSTGRES) == Check(
        "t_status_check", "\"status\" IN ('a', 'it''s')", enum_column="status")
    other = Check("t_status_check", "(length((status)::text) > 0)")
    assert enum_stand_in(other, table, POSTGRES) == other
    assert in_list("x IN (1, 2)", POSTGRES) is None


def test_constants_in_catalog_spelling() -> None:
    assert constant_of("(-1)", POSTGRES).value == "-1"
    assert constant_of("_utf8mb4'[]'", MYSQL).value == "[]"
    assert constant_of("uuid()", MARIADB) is None


def test_urls() -> None:
    assert [dialect_from_url(url) for url in (
        "postgresql://h/db", "postgres://h", "mysql://h/", "mariadb://h", "sqlite:///x")] == \
        ["postgres", "postgres", "mysql", "mariadb", None]
    assert redact("mysql://root:s3cret@db:3306/app") == "mysql://root:***@db:3306/app"
    assert with_database("postgresql://u@h:5432/postgres?sslmode=require", "sg_x") == \
        "postgresql://u@h:5432/sg_x?sslmode=require"
    assert names_server("postgresql://u@h/postgres", "postgres")
    assert names_server("mysql://u@h:3306/", "mysql")
    assert not names_server("mysql://u@h:3306/app", "mysql")
    assert scratch_name("sg_live_").startswith("sg_live_")
    with pytest.raises(ValueError, match="cannot start a database name"):
        scratch_name("Bad-Prefix")


def test_one_value_enum_check_reads_back_as_an_equality() -> None:
    from generator.dialects import POSTGRES
    from generator.live.expressions import in_list, same_expression

    stored = "((role)::text = 'a'::text)"
    assert same_expression('"role" IN (\'a\')', stored, POSTGRES)
    assert in_list(stored, POSTGRES) == ("role", ("a",))
