"""Apply a schema to a fresh database, read the catalog back: nothing may differ.

The chatbot schema and the rich fixture must read back with zero drift on every server,
a second read must equal the first, and the catalog facts below must be exactly what the
spec says (values taken from tests/live/fixtures/every_feature.yaml).
"""

from __future__ import annotations

import pytest

from generator import dialects
from generator.compare import differences
from generator.live.expressions import same_expression
from generator.live.introspect import read_schema
from generator.model import Default, ForeignKey, IndexColumn, SqlType
from generator.pipeline import compile_file

from .support import PREFIX, build, chatbot_schema, compile_fixture, table

DIALECTS = ["postgres", "mysql", "mariadb"]
HOSTILE_TABLE_COMMENT = "it's the \"user\" table; DROP TABLE user; -- \\ back\\slash \\' end"


@pytest.fixture(scope="module")
def every_feature():
    return compile_fixture("every_feature.yaml")


@pytest.mark.live
@pytest.mark.parametrize("dialect", DIALECTS)
def test_chatbot_schema_reads_back_without_drift(dialect, fresh_database) -> None:
    compiled = compile_file(chatbot_schema())
    url = fresh_database(dialect, PREFIX)
    actual = build(compiled, dialect, url)
    assert differences(compiled.schemas[dialect], actual) == []
    assert len(actual.tables) == len(compiled.schemas[dialect].tables)


@pytest.mark.live
@pytest.mark.parametrize("dialect", DIALECTS)
def test_every_feature_reads_back_without_drift_twice(dialect, every_feature,
                                                      fresh_database) -> None:
    url = fresh_database(dialect, PREFIX)
    first = build(every_feature, dialect, url)
    assert differences(every_feature.schemas[dialect], first) == []
    assert read_schema(url, dialect) == first


@pytest.mark.live
def test_postgres_catalog_facts(every_feature, fresh_database) -> None:
    actual = build(every_feature, "postgres", fresh_database("postgres", PREFIX))
    user = table(actual, "user")

    assert user.comment == HOSTILE_TABLE_COMMENT
    assert user.column("email").comment == "O'Brien's address; DROP TABLE x; --"
    assert user.column("id").type == SqlType("bigint")
    assert (user.column("id").auto_increment, user.column("id").default) == (True, None)
    assert user.column("key").default == Default("literal", "C:\\temp\\new")
    assert user.column("group").default == Default("literal", "it's; DROP TABLE group; --")
    assert user.column("balance").type == SqlType("numeric", (20, 6))
    assert user.column("balance").default == Default("literal", "0.7")
    assert user.column("small").default == Default("literal", "-1")
    assert user.column("settings").default == \
        Default("literal", '{"theme":"it\'s","tags":["a","b\\\\c"]}')
    assert user.column("seen_at").type == SqlType("timestamp", (0,))
    assert user.column("zoned_at").type == SqlType("timestamptz", (0,))
    assert user.column("external_id").default == Default("expression", "gen_random_uuid()")
    assert user.column("name").collation == "C"

    status = next(check for check in user.checks if check.enum_column == "status")
    assert status.expression == "\"status\" IN ('active', 'it''s', 'back\\slash')"
    assert user.index("user_email_unique").constraint is True
    assert user.index("user_email_active_unique").constraint is False
    assert user.index("user_key_hash").using == "hash"
    assert user.index("user_doc_gin").using == "gin"
    assert user.index("user_body_seen_at_index").columns == (
        IndexColumn("body"), IndexColumn("seen_at", descending=True))
    assert same_expression(user.index("user_positive_order").where, '"order" > 0',
                           dialects.POSTGRES)

    group = table(actual, "group")
    assert {fk.name: fk for fk in group.foreign_keys}["group_party_fk"] == ForeignKey(
        "group_party_fk", ("party_id", "party_type", "tenant"), "party",
        ("party_id", "party_type", "tenant"), on_delete="cascade")
    assert {fk.name: fk.on_delete for fk in group.foreign_keys}["group_owner_fk"] == "restrict"
    assert table(actual, "party").comment is None  # COMMENT ... IS '' removes the comment


@pytest.mark.live
def test_mariadb_catalog_facts(every_feature, fresh_database) -> None:
    actual = build(every_feature, "mariadb", fresh_database("mariadb", PREFIX))
    user = table(actual, "user")

    assert user.comment == HOSTILE_TABLE_COMMENT
    assert user.column("id").type == SqlType("bigint", unsigned=True)
    assert user.column("order").type == SqlType("int")  # MariaDB prints int(11)
    assert user.column("is_active").type == SqlType("tinyint", (1,))
    assert user.column("is_active").default == Default("literal", "true")
    assert user.column("is_admin").default == Default("literal", "false")
    assert user.column("tiny").type == SqlType("tinyint", unsigned=True)  # tinyint(3) unsigned
    assert user.column("settings").type == SqlType("json")  # longtext + json_valid()
    assert user.column("settings").default == \
        Default("literal", '{"theme":"it\'s","tags":["a","b\\\\c"]}')
    assert user.column("settings").collation is None  # utf8mb4_bin comes with json
    assert user.column("status").type == \
        SqlType("enum", values=("active", "it's", "back\\slash"))
    assert user.column("key").default == Default("literal", "C:\\temp\\new")
    assert user.column("seen_at").type == SqlType("timestamp")
    assert user.column("seen_at").default == Default("expression", "current_timestamp()")
    assert user.column("name").collation == "utf8mb4_bin"
    assert not any(check.name == "settings" for check in user.checks)
    assert user.index("user_body_seen_at_index").columns == (
        IndexColumn("body", length=100), IndexColumn("seen_at", descending=True))

    group = table(actual, "group")
    implicit = sorted(index.name for index in group.indexes if index.implicit)
    assert implicit == ["group_owner_fk", "group_party_fk", "group_user_id_foreign"]
    actions = {fk.name: (fk.on_delete, fk.on_update) for fk in group.foreign_keys}
    assert actions == {"group_party_fk": ("cascade", "no action"),
                       "group_owner_fk": ("no action", "no action"),  # RESTRICT reported
                       "group_user_id_foreign": ("set null", "cascade"),
                       "group_parent_id_foreign": ("cascade", "no action")}
    assert dict(group.options) == {"charset": "utf8mb4", "collation": "utf8mb4_unicode_ci",
                                   "engine": "InnoDB", "row_format": "DYNAMIC"}
    assert dict(table(actual, "key").options)["collation"] == "utf8mb4_bin"


@pytest.mark.live
@pytest.mark.parametrize("dialect", ["mysql", "mariadb"])
def test_emoji_default_reads_back_as_question_mark_but_rows_get_it(dialect, tmp_path,
                                                                   fresh_database) -> None:
    """The MySQL family shows defaults in utf8mb3: compare sets that aside (see
    docs/normalization.md), and a row proves the stored default is intact."""
    from generator.live.connect import connect

    schema = tmp_path / "schema.yaml"
    schema.write_text("format: 1\ntables:\n  pets:\n    columns:\n"
                      "      id: {type: integer, primary: true}\n"
                      "      name: {type: string(20), default: \"turtle 🐢\"}\n",
                      encoding="utf-8")
    compiled = compile_file(schema)
    url = fresh_database(dialect, PREFIX)
    actual = build(compiled, dialect, url)

    assert table(actual, "pets").column("name").default == Default("literal", "turtle ?")
    assert differences(compiled.schemas[dialect], actual) == []
    with connect(url, dialect) as connection, connection.cursor() as cursor:
        cursor.execute("INSERT INTO pets (id) VALUES (1)")
        cursor.execute("SELECT name FROM pets")
        assert cursor.fetchall() == (("turtle 🐢",),)
