"""Every validation rule: a failing example with its exact message and place in the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.findings import InvalidSchema
from generator.pipeline import compile_file

HEAD = "format: 1\ntables:\n"


def findings(tmp_path: Path, body: str) -> list[str]:
    path = tmp_path / "schema.yaml"
    path.write_text(HEAD + body, encoding="utf-8")
    with pytest.raises(InvalidSchema) as caught:
        compile_file(path, display="schema.yaml")
    return [finding.text() for finding in caught.value.findings]


CASES: dict[str, tuple[str, list[str]]] = {
    "duplicate key": ("""\
  t:
    columns:
      id: {type: integer, primary: true}
      id: string(10)
""", [
        "schema.yaml:6:7: error yaml-duplicate-key tables.t.columns.id: The key 'id' appears "
        "twice; keep one (the first is used).",
    ]),
    "unknown key": ("""\
  t:
    columns:
      id: {type: integer, primary: true, nulable: true}
""", [
        "schema.yaml:5:42: error unknown-key tables.t.columns.id.nulable: 'nulable' is not a "
        "key here; check its spelling in docs/schema-format.md.",
    ]),
    "missing key": ("""\
  t:
    columns:
      id: {primary: true}
""", [
        "schema.yaml:5:7: error missing-key tables.t.columns.id.type: 'type' is required "
        "here; add it.",
    ]),
    "unquoted comma in a flow mapping": ("""\
  t:
    columns:
      id: {type: integer, primary: true}
      price: {type: decimal(10,2)}
""", [
        "schema.yaml:6:32: error unknown-key tables.t.columns.price.2): Inside { } a comma "
        "ends the value: quote a type with a comma, like type: 'decimal(10,2)'.",
    ]),
    "unknown type": ("""\
  t:
    columns:
      id: {type: integer, primary: true}
      a: varchar(10)
""", [
        "schema.yaml:6:7: error type-unknown tables.t.columns.a.type: 'varchar(10)' is not a "
        "portable type; use one of: bigint, binary, boolean, char, date, datetime, decimal, "
        "double, enum, float, integer, ip_address, json, jsonb, longtext, mediumtext, "
        "smallint, string, text, time, timestamp, timestamptz, tinyint, uuid.",
    ]),
    "defaults that do not fit the type": ("""\
  t:
    columns:
      id: {type: integer, primary: true}
      flag: {type: boolean, default: maybe}
      n: {type: integer, default: 1.5}
      j: {type: json, default: "{not json"}
""", [
        "schema.yaml:6:29: error default-type tables.t.columns.flag.default: The default does "
        "not fit: 'maybe' is not a boolean; write true or false.",
        "schema.yaml:7:26: error default-type tables.t.columns.n.default: The default does not "
        "fit: 1.5 is not a whole number; write an integer.",
        "schema.yaml:8:23: error default-type tables.t.columns.j.default: The default does not "
        "fit: the text is not valid JSON (Expecting property name enclosed in double quotes); "
        "fix the JSON.",
    ]),
    "enum values and default": ("""\
  t:
    columns:
      id: {type: integer, primary: true}
      s: {type: enum, values: [a, b, a], default: c}
      e: {type: enum}
      v: {type: string(5), values: [x]}
""", [
        "schema.yaml:6:23: error enum-values tables.t.columns.s.values: An enum value is listed "
        "twice; list each value once.",
        "schema.yaml:6:42: error enum-default tables.t.columns.s.default: The default 'c' is "
        "not one of the enum's values; use one of them or add it to `values`.",
        "schema.yaml:7:7: error enum-values tables.t.columns.e.values: An enum needs its "
        "allowed values; add `values: [a, b]`.",
        "schema.yaml:8:28: error enum-values tables.t.columns.v.values: Only an `enum` column "
        "takes `values`; remove them or make it an enum.",
    ]),
    "unknown column group": ("""\
  t:
    include: [timestamps]
    columns:
      id: {type: integer, primary: true}
""", [
        "schema.yaml:4:15: error group-unknown tables.t.include[0]: There is no column group "
        "'timestamps' (known: none defined); define it under `column_groups:` or fix the name.",
    ]),
    "index on a missing column": ("""\
  t:
    columns:
      id: {type: integer, primary: true}
    indexes:
      - columns: [missing]
""", [
        "schema.yaml:7:9: error key-column-unknown tables.t.indexes[0]: Table 't' has no column "
        "'missing'; fix the name or add the column.",
    ]),
    "foreign key to a non-key column and to a missing table (C09)": ("""\
  a:
    columns:
      id: {type: integer, primary: true}
      custom_id: string(191)
  b:
    columns:
      id: {type: integer, primary: true}
      a_id: {type: string(191), references: a.custom_id}
      c_id: {type: integer, references: c.id}
""", [
        "schema.yaml:10:33: error fk-target tables.b.columns.a_id.references: Foreign key "
        "b(a_id) -> a(custom_id): the referenced columns are neither the primary key nor a "
        "unique key of exactly these columns (PostgreSQL refuses it); reference the key or "
        "declare a unique key on them.",
        "schema.yaml:11:29: error fk-target tables.b.columns.c_id.references: Foreign key "
        "b(c_id) -> c(id): there is no table 'c'; fix the name or declare the table.",
    ]),
    "foreign key type mismatch (C10)": ("""\
  users:
    columns:
      id: {type: bigint, unsigned: true, auto_increment: true, primary: true}
  posts:
    columns:
      id: {type: integer, primary: true}
      user_id: {type: integer, unsigned: true, references: users.id}
""", [
        "schema.yaml:9:48: error fk-type-mismatch [mariadb,mysql] "
        "tables.posts.columns.user_id.references: posts.user_id is int unsigned but users.id "
        "is bigint unsigned on MariaDB 10.11+ and MySQL 8.0+; give both the same type (and "
        "signedness).",
        "schema.yaml:9:48: error fk-type-mismatch [postgres] "
        "tables.posts.columns.user_id.references: posts.user_id is integer but users.id is "
        "bigint on PostgreSQL 15+; give both the same type (and signedness).",
    ]),
    "index names shared across a PostgreSQL schema": ("""\
  t:
    columns:
      id: {type: integer, primary: true}
      a: {type: integer, index: same_name}
  u:
    columns:
      id: {type: integer, primary: true}
      b: {type: integer, index: same_name}
""", [
        "schema.yaml:10:26: error name-duplicate [postgres] tables.u.columns.b.index: The name "
        "'same_name' is already used by tables.t.columns.a.index (table and index names on "
        "PostgreSQL 15+); give one of them another name.",
    ]),
    "TEXT in a MySQL key (C07)": ("""\
  t:
    columns:
      id: {type: integer, primary: true}
      body: text
      token: {type: text, unique: true}
    indexes:
      - columns: [body]
""", [
        "schema.yaml:7:27: error text-in-key [mariadb,mysql] tables.t.columns.token.unique: "
        "'token' is text, which MariaDB 10.11+ and MySQL 8.0+ can only index through a "
        "prefix; use a varchar(n) type instead (a prefix would change what is unique).",
        "schema.yaml:9:9: error text-in-key [mariadb,mysql] tables.t.indexes[0]: 'body' is "
        "text, which MariaDB 10.11+ and MySQL 8.0+ can only index through a prefix; give the "
        "index column a `length:` prefix.",
    ]),
    "index key over 3072 bytes (C08)": ("""\
  pairs:
    columns:
      id: {type: integer, primary: true}
      a: string(500)
      b: string(500)
    indexes:
      - columns: [a, b]
""", [
        "schema.yaml:9:9: error index-key-too-long [mariadb,mysql] tables.pairs.indexes[0]: "
        "Index 'pairs_a_b_index' needs 4000 bytes per key with 4-byte characters; the limit "
        "on MariaDB 10.11+ and MySQL 8.0+ is 3072. Shorten the columns or give prefix "
        "lengths.",
    ]),
    "auto-increment and unsigned on the wrong column": ("""\
  t:
    columns:
      id: {type: integer, primary: true}
      n: {type: string(5), auto_increment: true, unsigned: true}
""", [
        "schema.yaml:6:28: error auto-increment-key tables.t.columns.n.auto_increment: An "
        "auto-increment column must lead the primary key (MySQL refuses it otherwise); make it "
        "the primary key.",
        "schema.yaml:6:28: error auto-increment-type tables.t.columns.n.auto_increment: Only an "
        "integer column can auto-increment; use integer or bigint.",
        "schema.yaml:6:50: error unsigned-type tables.t.columns.n.unsigned: Only numbers can be "
        "unsigned; remove `unsigned`.",
    ]),
    "SQL that is not one expression": ("""\
  t:
    columns:
      id: {type: integer, primary: true}
      a: {type: integer, default_sql: "1; DROP TABLE t"}
    checks:
      - expression: "a >"
""", [
        "schema.yaml:6:26: error sql-syntax "
        "tables.t.columns.a.default_sql: '1; DROP TABLE t' must be one expression, not a "
        "statement; remove the statement.",
        "schema.yaml:8:9: error sql-syntax "
        "tables.t.checks[0].expression: 'a >' is not an SQL expression that MariaDB 10.11+ "
        "and MySQL 8.0+ and PostgreSQL 15+ can read; fix the expression.",
    ]),
    "primary key declared twice": ("""\
  t:
    primary_key: [id]
    columns:
      id: {type: integer, primary: true}
      b: {type: integer, primary: true}
""", [
        "schema.yaml:4:5: error primary-key-twice tables.t.primary_key: Declare the primary key "
        "once: either `primary_key:` on the table or `primary: true` on one column.",
        "schema.yaml:7:7: error primary-key-twice tables.t.columns.b: Several columns say "
        "`primary: true`; list them in the table's `primary_key:` instead.",
    ]),
}


@pytest.mark.parametrize("case", list(CASES))
def test_rule_reports_exact_finding(tmp_path: Path, case: str) -> None:
    body, expected = CASES[case]
    assert findings(tmp_path, body) == expected


def test_names_at_the_identifier_limits(tmp_path: Path) -> None:
    """63 bytes fit everywhere; 64 characters fit MySQL only; 65 fit nowhere."""
    name63, name64 = "i" * 63, "j" * 64
    body = f"""\
  t:
    columns:
      id: {{type: integer, primary: true}}
      a: {{type: integer, index: {name63}}}
      b: {{type: integer, index: {name64}}}
"""
    assert findings(tmp_path, body) == [
        f"schema.yaml:7:26: error identifier-length [postgres] tables.t.columns.b.index: "
        f"'{name64}' is 64 bytes long; the limit on PostgreSQL 15+ is 63. Choose a shorter "
        "name.",
    ]


def test_multibyte_names_are_counted_in_bytes_on_postgres(tmp_path: Path) -> None:
    name = "é" * 32  # 32 characters, 64 bytes
    body = f"""\
  t:
    columns:
      id: {{type: integer, primary: true}}
      a: {{type: integer, index: {name}}}
"""
    assert findings(tmp_path, body) == [
        f"schema.yaml:6:26: error identifier-length [postgres] tables.t.columns.a.index: "
        f"'{name}' is 64 bytes long; the limit on PostgreSQL 15+ is 63. Choose a shorter "
        "name.",
    ]


def test_every_problem_is_reported_in_one_run(tmp_path: Path) -> None:
    body = """\
  t:
    columns:
      id: {type: integer, primary: true}
      a: varchar(3)
      b: {type: integer, references: nowhere.id}
    indexes:
      - columns: [ghost]
"""
    codes = [text.split()[2] for text in findings(tmp_path, body)]
    assert codes == ["type-unknown", "fk-target", "key-column-unknown"]


def test_time_defaults_must_be_fixed_literals(tmp_path: Path) -> None:
    """'now' as a literal is frozen by PostgreSQL and refused by MySQL and MariaDB."""
    body = """\
  t:
    columns:
      id: {type: integer, primary: true}
      started_at: {type: timestamp, default: now}
      day: {type: date, default: "2024-02-30"}
      ok_at: {type: timestamp, default: "2024-01-01 00:00:00"}
"""
    assert findings(tmp_path, body) == [
        "schema.yaml:6:37: error default-type tables.t.columns.started_at.default: The default "
        "does not fit: 'now' is not a fixed date and time (YYYY-MM-DD HH:MM:SS) literal; for the "
        "current time use `default_sql: CURRENT_TIMESTAMP` instead of a literal.",
        "schema.yaml:7:25: error default-type tables.t.columns.day.default: The default does not "
        "fit: '2024-02-30' is not a fixed date (YYYY-MM-DD) literal; for the current time use "
        "`default_sql: CURRENT_TIMESTAMP` instead of a literal.",
    ]


def test_fk_between_different_collations_is_refused_on_mysql(tmp_path: Path) -> None:
    body = """\
  a:
    columns:
      code: {type: string(20), primary: true, collation: utf8mb4_bin}
  b:
    columns:
      id: {type: integer, primary: true}
      a_code: {type: string(20), references: a.code}
"""
    assert findings(tmp_path, body) == [
        "schema.yaml:9:34: error fk-collation-mismatch [mariadb,mysql] "
        "tables.b.columns.a_code.references: b.a_code uses collation utf8mb4_unicode_ci but "
        "a.code uses utf8mb4_bin; MariaDB 10.11+ and MySQL 8.0+ refuses such a foreign key. "
        "Give both columns the same collation.",
    ]


def test_emoji_in_a_comment_is_refused_on_mysql(tmp_path: Path) -> None:
    body = """\
  t:
    comment: "turtle 🐢"
    columns:
      id: {type: integer, primary: true}
"""
    assert findings(tmp_path, body) == [
        "schema.yaml:4:5: error supplementary-characters [mariadb,mysql] tables.t.comment: The "
        "comment holds a character beyond U+FFFF (such as an emoji), which MariaDB 10.11+ and "
        "MySQL 8.0+ cannot keep in its catalog; remove it.",
    ]


def test_checks_read_existing_columns_and_no_auto_increment_on_mysql(tmp_path: Path) -> None:
    body = """\
  t:
    columns:
      id: {type: integer, auto_increment: true, primary: true}
      qty: integer
    checks:
      - expression: quantity > 0
      - expression: id > 0
"""
    assert findings(tmp_path, body) == [
        "schema.yaml:8:9: error check-column tables.t.checks[0].expression: The check reads "
        "'quantity', which table 't' does not have; fix the name or add the column.",
        "schema.yaml:9:9: error check-column [mariadb,mysql] tables.t.checks[1].expression: The "
        "check reads 'id', an AUTO_INCREMENT column, which MariaDB 10.11+ and MySQL 8.0+ "
        "refuses in a CHECK; drop the check.",
    ]


def test_gin_index_on_json_is_refused_on_postgres(tmp_path: Path) -> None:
    body = """\
  t:
    columns:
      id: {type: integer, primary: true}
      data: {type: json, nullable: true}
    indexes:
      - {columns: [data], using: gin, dialects: [postgres]}
"""
    assert findings(tmp_path, body) == [
        "schema.yaml:8:9: error gin-on-json [postgres] tables.t.indexes[0]: 'data' is json, "
        "which has no GIN operator class on PostgreSQL 15+; make the column `jsonb`.",
    ]


def test_empty_table_and_column_names_equal_but_for_case(tmp_path: Path) -> None:
    """MariaDB refuses `CREATE TABLE a ( )` (1064) and columns `id` and `ID` (1060)."""
    body = """\
  a: {}
  b:
    columns:
      id: integer
      ID: integer
"""
    assert findings(tmp_path, body) == [
        "schema.yaml:3:3: error table-no-columns tables.a: Table 'a' has no columns, which "
        "MySQL and MariaDB refuse; add a column or remove the table.",
        "schema.yaml:7:7: error column-case-duplicate [mariadb,mysql] tables.b.columns.ID: "
        "Columns 'id' and 'ID' differ only in case, which MariaDB 10.11+ and MySQL 8.0+ takes "
        "as one name; rename one of them.",
    ]


def test_enum_values_a_native_enum_strips_or_folds(tmp_path: Path) -> None:
    """MariaDB 1291 for [a, A] and ["a", "a "]; a binary collation keeps [a, A] apart."""
    body = """\
  t:
    columns:
      id: {type: integer, primary: true}
      s: {type: enum, values: [a, A]}
      u: {type: enum, values: ["a", "a "]}
      v: {type: enum, values: [a, A], collation: utf8mb4_bin}
"""
    assert findings(tmp_path, body) == [
        "schema.yaml:6:23: error enum-values [mariadb,mysql] tables.t.columns.s.values: The "
        "enum values 'a', 'A' differ only in case, which MariaDB 10.11+ and MySQL 8.0+ takes "
        "as one value (collation utf8mb4_unicode_ci); keep one of them.",
        "schema.yaml:7:23: error enum-values [mariadb,mysql] tables.t.columns.u.values: The "
        "enum value 'a ' ends in spaces, which MariaDB 10.11+ and MySQL 8.0+ strips; remove "
        "the trailing spaces.",
    ]


def test_foreign_key_actions_and_engines_innodb_refuses_or_drops(tmp_path: Path) -> None:
    body = """\
  p:
    options: {mysql: {engine: MyISAM}}
    columns:
      id: {type: integer, primary: true}
  c:
    columns:
      id: {type: integer, primary: true}
      p_id: {type: integer, references: p.id, on_delete: set null}
      q_id: {type: integer, nullable: true, references: p.id, on_update: set default}
"""
    assert findings(tmp_path, body) == [
        "schema.yaml:4:23: error fk-engine [mariadb,mysql] tables.p.options.mysql.engine: "
        "Table 'p' takes part in a foreign key but uses engine MyISAM, which MariaDB 10.11+ "
        "and MySQL 8.0+ lets drop the key silently; use InnoDB for it.",
        "schema.yaml:10:29: error fk-set-null [mariadb,mysql] tables.c.columns.p_id.references: "
        "`on_delete: set null` needs 'p_id' to allow NULL, but it is NOT NULL, which MariaDB "
        "10.11+ and MySQL 8.0+ refuses; make the column `nullable: true` or choose another "
        "action.",
        "schema.yaml:11:45: error fk-set-default [mariadb,mysql] "
        "tables.c.columns.q_id.references: InnoDB on MariaDB 10.11+ and MySQL 8.0+ has no "
        "`on_update: set default` (it refuses or ignores it); use set null, restrict, cascade "
        "or no action.",
    ]


def test_engine_from_settings_is_reported_at_the_setting(tmp_path: Path) -> None:
    path = tmp_path / "schema.yaml"
    path.write_text("""\
format: 1
settings:
  mysql: {engine: Aria}
tables:
  p:
    columns:
      id: {type: integer, primary: true}
  lone:
    columns:
      id: {type: integer, primary: true}
  c:
    columns:
      id: {type: integer, primary: true}
      p_id: {type: integer, references: p.id}
""", encoding="utf-8")
    with pytest.raises(InvalidSchema) as caught:
        compile_file(path, display="schema.yaml")
    assert [finding.text() for finding in caught.value.findings] == [
        f"schema.yaml:3:11: error fk-engine [mariadb,mysql] settings.mysql.engine: Table "
        f"'{name}' takes part in a foreign key but uses engine Aria, which MariaDB 10.11+ and "
        "MySQL 8.0+ lets drop the key silently; use InnoDB for it."
        for name in ("p", "c")
    ]


def test_index_methods_and_json_keys(tmp_path: Path) -> None:
    body = """\
  t:
    columns:
      id: {type: integer, primary: true}
      data: {type: json, nullable: true}
      doc: {type: jsonb, nullable: true}
      name: string(50)
    indexes:
      - {columns: [name], using: gin, dialects: [postgres]}
      - {columns: [name], using: fulltext, name: t_fulltext, dialects: [postgres]}
      - {columns: [doc], using: gist, dialects: [postgres]}
      - {columns: [data]}
      - {columns: [name], using: hash, unique: true, dialects: [postgres]}
      - {columns: [doc], name: t_doc_btree, dialects: [postgres]}
"""
    assert findings(tmp_path, body) == [
        "schema.yaml:10:9: error index-method [postgres] tables.t.indexes[0]: 'name' is "
        "varchar(50), which has no gin operator class on PostgreSQL 15+; use another method "
        "or drop `using`.",
        "schema.yaml:11:9: error index-method [postgres] tables.t.indexes[1]: There is no "
        "index method 'fulltext' on PostgreSQL 15+; use one of btree, hash, gist, gin, "
        "spgist, brin.",
        "schema.yaml:12:9: error index-method [postgres] tables.t.indexes[2]: 'doc' is jsonb, "
        "which has no gist operator class on PostgreSQL 15+; use another method or drop "
        "`using`.",
        "schema.yaml:13:9: error json-in-key [mysql] tables.t.indexes[3]: 'data' is json, "
        "which cannot be indexed, not even through a prefix, on MySQL 8.0+; index a varchar "
        "column that holds the value you look up.",
        "schema.yaml:13:9: error json-in-key [postgres] tables.t.indexes[3]: 'data' is json, "
        "which has no btree operator class on PostgreSQL 15+; make the column `jsonb`.",
        "schema.yaml:13:9: error text-in-key [mariadb] tables.t.indexes[3]: 'data' is json, "
        "which MariaDB 10.11+ can only index through a prefix; index a varchar column that "
        "holds the value you look up (MySQL cannot index JSON at all).",
        "schema.yaml:14:9: error index-method [postgres] tables.t.indexes[4]: Only btree "
        "indexes can be unique on PostgreSQL 15+; drop `using` or `unique`.",
    ]


def test_compact_row_format_limits_keys_to_767_bytes(tmp_path: Path) -> None:
    body = """\
  t:
    options: {mysql: {row_format: COMPACT}}
    columns:
      id: {type: integer, primary: true}
      name: {type: string(200), index: true}
  u:
    columns:
      id: {type: integer, primary: true}
      name: {type: string(200), index: true}
"""
    assert findings(tmp_path, body) == [
        "schema.yaml:7:33: error index-key-too-long [mariadb,mysql] tables.t.columns.name."
        "index: Index 't_name_index' needs 800 bytes per key with 4-byte characters; the "
        "limit on MariaDB 10.11+ and MySQL 8.0+ with ROW_FORMAT=COMPACT is 767. Shorten the "
        "columns or give prefix lengths.",
    ]


def test_expressions_that_would_break_or_be_refused(tmp_path: Path) -> None:
    """Token errors, statements, comments, subqueries and column defaults are findings."""
    body = """\
  t:
    columns:
      id: {type: integer, primary: true}
      a: {type: string(10), default_sql: "'unterminated"}
      b: {type: integer, default_sql: "DROP TABLE x"}
      c: {type: integer, default_sql: " "}
      d: {type: integer, default_sql: "id + 1"}
      e: {type: integer, default_sql: "(SELECT 1)"}
    checks:
      - expression: "b > 0 -- positive"
      - expression: "b > (SELECT max(id) FROM t)"
    indexes:
      - {columns: [b], where: "b /* x */ > 0", dialects: [postgres]}
"""
    assert findings(tmp_path, body) == [
        "schema.yaml:6:29: error sql-syntax tables.t.columns.a.default_sql: ''unterminated' "
        "is not an SQL expression that MariaDB 10.11+ and MySQL 8.0+ and PostgreSQL 15+ can "
        "read; fix the expression.",
        "schema.yaml:7:26: error sql-syntax tables.t.columns.b.default_sql: 'DROP TABLE x' "
        "must be one expression, not a statement; remove the statement.",
        "schema.yaml:8:26: error sql-syntax tables.t.columns.c.default_sql: The expression "
        "is empty; write one or remove the key.",
        "schema.yaml:9:26: error sql-syntax [postgres] tables.t.columns.d.default_sql: "
        "'id + 1' reads a column, which PostgreSQL 15+ refuses in a default; use a constant "
        "or a function such as CURRENT_TIMESTAMP.",
        "schema.yaml:10:26: error sql-syntax tables.t.columns.e.default_sql: '(SELECT 1)' "
        "holds a subquery, which no server accepts in a default; write a plain expression.",
        "schema.yaml:12:9: error sql-syntax tables.t.checks[0].expression: 'b > 0 -- "
        "positive' holds an SQL comment; remove the comment.",
        "schema.yaml:13:9: error sql-syntax tables.t.checks[1].expression: 'b > (SELECT "
        "max(id) FROM t)' holds a subquery, which no server accepts in a check; write a plain "
        "expression.",
        "schema.yaml:15:24: error sql-syntax tables.t.indexes[0].where: 'b /* x */ > 0' holds "
        "an SQL comment; remove the comment.",
    ]


def test_char_longer_than_255_is_refused(tmp_path: Path) -> None:
    body = """\
  t:
    columns:
      id: {type: integer, primary: true}
      code: char(256)
"""
    assert findings(tmp_path, body) == [
        "schema.yaml:6:7: error type-unknown tables.t.columns.code.type: 'char(256)': char "
        "takes at most 255 characters; use string(n).",
    ]


def test_a_column_with_a_bad_type_is_not_also_reported_missing(tmp_path: Path) -> None:
    body = """\
  t:
    columns:
      id: {type: nonsense, primary: true}
"""
    assert [text.split()[2] for text in findings(tmp_path, body)] == ["type-unknown"]
