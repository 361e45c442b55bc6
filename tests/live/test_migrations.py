"""Every kind of change, applied for real: build A, migrate up and read back B, down and A.

Each case builds schema A in a fresh database (and reads it back: no drift), puts in the
rows it names, applies the migration up, reads the catalog back (must equal B), checks the
rows it probes, applies the migration down and reads back A again. PostgreSQL and MariaDB
run here; mysql runs where a MySQL 8 server is configured (tests/conftest.py).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from generator import dialects
from generator.compare import differences
from generator.generate import migration
from generator.live.apply import apply_statements
from generator.live.connect import connect, rows
from generator.live.introspect import read_schema
from generator.pipeline import Compiled, compile_file
from generator.render import create_all, render_all

PREFIX = "sg_diff_"
DIALECTS = ["postgres", "mariadb", "mysql"]

USERS = """\
tables:
  users:
    columns:
      id: {type: integer, primary: true}
      name: {type: string(50), nullable: true}
      code: {type: text, nullable: true}
      flag: {type: integer, default: 0}
      tenant: {type: integer, default: 1}
      role: {type: enum, values: [a, b], default: a}
    indexes:
      - columns: [tenant]
  posts:
    columns:
      id: {type: integer, primary: true}
      user_id: {type: integer, references: users.id}
      body: {type: string(100), default: ''}
"""
ROWS = ("INSERT INTO users (id, name, code) VALUES (1, 'keep me', '12')",
        "INSERT INTO users (id) VALUES (2)",
        "INSERT INTO posts (id, user_id) VALUES (10, 1)")


@dataclass(frozen=True)
class Case:
    """A change from `before` to `after`; `probes` are queries and the rows they must give
    after the migration up; `down_drift` is what a server cannot restore, per dialect."""

    name: str
    before: str
    after: str
    inserts: tuple[str, ...] = ()
    probes: tuple[tuple[str, list[tuple]], ...] = ()
    down_drift: dict[str, list[str]] = field(default_factory=dict)
    servers: tuple[str, ...] = tuple(DIALECTS)  # where the change exists at all


def users(old: str, new: str) -> str:
    assert old in USERS, old
    return USERS.replace(old, new)


CASES = [
    Case("add column", USERS, USERS + "      note: {type: string(20), nullable: true, "
                                      "comment: \"it's\"}\n", ROWS),
    Case("drop column", USERS, users("      code: {type: text, nullable: true}\n", ""), ROWS,
         down_drift={"postgres": ["table users: column order id, name, code, flag, tenant, "
                                  "role != id, name, flag, tenant, role, code"]}),
    Case("rename column", USERS, users("      name: {type: string(50), nullable: true}",
                                       "      full_name: {type: string(50), nullable: true, "
                                       "renamed_from: name}"),
         ROWS, (("SELECT full_name FROM users WHERE id = 1", [("keep me",)]),)),
    Case("C18 text to bigint", USERS, users("code: {type: text", "code: {type: bigint"), ROWS,
         (("SELECT code FROM users WHERE id = 1", [(12,)]),)),
    Case("widen varchar", USERS, users("string(50)", "string(80)"), ROWS),
    Case("integer to boolean", USERS, users("flag: {type: integer, default: 0}",
                                            "flag: {type: boolean, default: false}"), ROWS),
    Case("C17 required with a default", USERS,
         users("name: {type: string(50), nullable: true}", "name: {type: string(50), "
               "default: ''}"), ROWS,
         (("SELECT id, name FROM users ORDER BY id", [(1, "keep me"), (2, "")]),)),
    Case("default changed", USERS, users("flag: {type: integer, default: 0}",
                                         "flag: {type: integer, default: 5}"), ROWS),
    Case("default dropped", USERS, users("flag: {type: integer, default: 0}",
                                         "flag: {type: integer}"), ROWS),
    Case("column comment", USERS, users("code: {type: text, nullable: true}",
                                        "code: {type: text, nullable: true, comment: \"c's\"}")),
    Case("collation", USERS, users("name: {type: string(50), nullable: true}",
                                   "name: {type: string(50), nullable: true, "
                                   "collation: utf8mb4_bin, "
                                   "overrides: {postgres: {collation: C}}}"), ROWS),
    Case("primary key changed", USERS,
         USERS.replace("      id: {type: integer, primary: true}\n      user_id",
                       "      id: {type: integer}\n      user_id")
         + "    primary_key: [id, user_id]\n", ROWS),
    Case("auto-increment key moved", USERS + "  seq:\n    columns:\n      id: {type: integer, "
         "primary: true, auto_increment: true}\n      k: {type: integer}\n",
         USERS + "  seq:\n    columns:\n      id: {type: integer, auto_increment: true}\n"
         "      k: {type: integer}\n    primary_key: [id, k]\n"),
    Case("index added", USERS, users("      - columns: [tenant]",
                                     "      - columns: [tenant]\n      - columns: [name, tenant]")),
    Case("index renamed", USERS, users("      - columns: [tenant]",
                                       "      - {columns: [tenant], name: by_tenant}")),
    Case("index changed", USERS, users("      - columns: [tenant]", "      - {columns: "
                                       "[tenant, flag], name: users_tenant_index}")),
    Case("unique added", USERS, users("name: {type: string(50), nullable: true}",
                                      "name: {type: string(50), nullable: true, unique: true}"),
         ROWS),
    Case("foreign key dropped", USERS, users("user_id: {type: integer, references: users.id}",
                                             "user_id: {type: integer}"), ROWS),
    Case("foreign key actions", USERS, users("references: users.id}",
                                             "references: users.id, on_delete: cascade}"), ROWS),
    Case("check added", USERS, USERS + "    checks:\n      - expression: \"body <> 'x'\"\n",
         ROWS),
    Case("C15 enum value added", USERS, users("values: [a, b]", "values: [a, b, c]"), ROWS),
    Case("C16 enum column added", USERS, USERS + "      colors: {type: enum, values: [RED, "
                                                 "GREEN], nullable: true}\n", ROWS),
    Case("table comment", USERS, users("  posts:\n", "  posts:\n    comment: \"it's\"\n")),
    Case("table options", USERS, users("  posts:\n", "  posts:\n    options: {mysql: "
                                       "{collation: utf8mb4_bin}}\n"), ROWS,
         servers=("mariadb", "mysql")),
    Case("referenced key retyped", USERS, users("      id: {type: integer, primary: true}\n"
                                                "      name", "      id: {type: bigint, "
                                                "primary: true}\n      name").replace(
        "user_id: {type: integer", "user_id: {type: bigint"), ROWS),
    Case("explicit index replaces InnoDB's", USERS, USERS + "    indexes:\n"
                                                            "      - columns: [user_id]\n", ROWS),
    Case("table added", USERS, USERS + "  tags:\n    columns:\n      id: {type: integer, "
                                       "primary: true}\n      post_id: {type: integer, "
                                       "references: posts.id}\n", ROWS),
    Case("C14 table renamed", USERS,
         users("  users:\n", "  people:\n    renamed_from: users\n").replace(
             "references: users.id", "references: people.id"), ROWS,
         (("SELECT count(*) FROM people", [(2,)]),)),
    Case("table renamed with its own keys", USERS,
         users("  posts:\n", "  articles:\n    renamed_from: posts\n"), ROWS,
         (("SELECT user_id FROM articles", [(1,)]),)),
]
CYCLE = """\
tables:
  keep:
    columns:
      id: {type: integer, primary: true}
  users:
    columns:
      id: {type: integer, primary: true}
      profile_image_id: {type: integer, nullable: true, references: images.id,
                         on_delete: set null}
  images:
    columns:
      id: {type: integer, primary: true}
      user_id: {type: integer, references: users.id}
"""
CASES.append(Case("C13 cycle dropped", CYCLE, "tables:\n" + CYCLE.split("  users:\n")[0]
                  .split("tables:\n")[1],
                  ("INSERT INTO users (id) VALUES (1)",
                   "INSERT INTO images (id, user_id) VALUES (5, 1)",
                   "UPDATE users SET profile_image_id = 5")))


def compiled(tmp_path: Path, name: str, body: str) -> Compiled:
    path = tmp_path / name
    path.write_text("format: 1\n" + textwrap.dedent(body), encoding="utf-8")
    return compile_file(path, display="schema.yaml")


def query(url: str, dialect: str, sql: str) -> list[tuple]:
    with connect(url, dialect) as connection:
        return [tuple(row) for row in rows(connection, sql)]


@pytest.mark.live
@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_migration_up_and_down(case: Case, dialect: str, fresh_database,
                               tmp_path: Path) -> None:
    if dialect not in case.servers:
        pytest.skip(f"{case.name} changes nothing on {dialect}")
    before = compiled(tmp_path, "before.yaml", case.before).schemas[dialect]
    after = compiled(tmp_path, "after.yaml", case.after).schemas[dialect]
    plan = migration(before, after)
    assert plan.operations, "the case must change something"
    url = fresh_database(dialect, PREFIX)

    apply_statements(url, dialect, render_all(create_all(before), dialects.get(dialect)))
    assert differences(before, read_schema(url, dialect)) == []
    apply_statements(url, dialect, list(case.inserts))

    apply_statements(url, dialect, plan.up)
    assert differences(after, read_schema(url, dialect)) == []
    for sql, expected in case.probes:
        assert query(url, dialect, sql) == expected

    apply_statements(url, dialect, plan.down)
    assert differences(before, read_schema(url, dialect)) == case.down_drift.get(dialect, [])
