"""squawk on the PostgreSQL migrations schemagen writes: every rule it raises is ours too
(and we raise it on the same change) or docs/rules/squawk.md says why it does not apply."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import dialects
from generator.checks.changes import Change, concurrent_plans, run
from generator.generate import migration, sql_file
from generator.model import Schema
from generator.pipeline import compile_file

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "rules" / "squawk.md").read_text(encoding="utf-8")


def _squawk() -> str:
    found = Path(sys.executable).with_name("squawk")
    if found.exists():
        return str(found)
    on_path = shutil.which("squawk")
    if on_path is None:
        pytest.fail("squawk is not installed: `pip install -e '.[test]'` brings squawk-cli")
    return on_path


def _table(heading: str) -> dict[str, str]:
    """squawk rule -> second column of a table in squawk.md."""
    section = DOC.split(heading, 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        for rule in re.findall(r"`([a-z-]+)`", cells[0]) if line.startswith("| `") else []:
            rows[rule] = cells[1]
    return rows


SHARED = {rule: set(re.findall(r"\[([a-z-]+)\]", ours))
          for rule, ours in _table("## Rules we share").items()}
NOT_APPLICABLE = _table("## squawk rules that do not apply")


def squawk(statements: list[str], tmp_path: Path, name: str) -> list[str]:
    path = tmp_path / f"{name}.sql"
    path.write_bytes(sql_file(statements, "schema.yaml", "PostgreSQL 15+"))
    result = subprocess.run([_squawk(), "--pg-version=15", "--reporter", "json", str(path)],
                            check=False, capture_output=True, text=True, timeout=60)
    assert result.returncode in (0, 1), result.stderr
    return sorted({item["rule_name"] for item in json.loads(result.stdout or "[]")})


def schema(tmp_path: Path, name: str, tables: str) -> Schema:
    path = tmp_path / f"{name}.yaml"
    path.write_text("format: 1\nsettings: {targets: [postgres]}\ntables:\n"
                    + tables, encoding="utf-8")
    return compile_file(path).schemas["postgres"]


BEFORE = """\
  users:
    columns:
      id: {type: bigint, auto_increment: true, primary: true}
  posts:
    columns:
      id: {type: bigint, auto_increment: true, primary: true}
      author_id: bigint
      views: integer
      title: {type: string(100), nullable: true}
      status: {type: enum, values: [draft, published]}
      old: text
  tags:
    columns:
      id: integer
      name: string(50)
"""
AFTER = """\
  users:
    columns:
      id: {type: bigint, auto_increment: true, primary: true}
  posts:
    columns:
      id: {type: bigint, auto_increment: true, primary: true}
      author_id: {type: bigint, references: users.id}
      views: bigint
      title: string(100)
      status: {type: enum, values: [draft]}
      slug: string(50)
      token: {type: uuid, default_sql: gen_random_uuid()}
    indexes:
      - columns: [title]
    unique:
      - columns: [slug]
  tags:
    columns:
      id: integer
      name: string(50)
    primary_key: [id]
"""


def test_every_squawk_rule_on_a_change_is_shared_or_explained(tmp_path: Path) -> None:
    current, desired = schema(tmp_path, "before", BEFORE), schema(tmp_path, "after", AFTER)
    plan = migration(current, desired)
    raised = squawk(plan.up, tmp_path, "change")
    assert "require-concurrent-index-creation" in raised and "changing-column-type" in raised
    unexplained = [rule for rule in raised if rule not in SHARED and rule not in NOT_APPLICABLE]
    assert unexplained == [], "document these in docs/rules/squawk.md or add a rule"

    change = Change(dialects.get("postgres"), current, desired, tuple(plan.operations))
    ours = {hit.finding.code for hit in run(change)}
    missed = {rule: SHARED[rule] for rule in raised if rule in SHARED
              and not SHARED[rule] & ours}
    assert missed == {}, f"squawk raises these and we do not: {missed}"


def test_squawk_on_the_chatbot_migrations(tmp_path: Path) -> None:
    v1 = compile_file(ROOT / "examples" / "chatbot-v1.yaml").schemas["postgres"]
    v2 = compile_file(ROOT / "schema.yaml").schemas["postgres"]
    for name, current in (("create", Schema("postgres", ())), ("v1_to_v2", v1)):
        raised = squawk(migration(current, v2).up, tmp_path, name)
        assert [rule for rule in raised
                if rule not in SHARED and rule not in NOT_APPLICABLE] == [], name


def test_concurrent_index_migrations_satisfy_squawk(tmp_path: Path) -> None:
    v1 = compile_file(ROOT / "examples" / "chatbot-v1.yaml").schemas["postgres"]
    v2 = compile_file(ROOT / "schema.yaml").schemas["postgres"]
    plans = concurrent_plans(v1, v2)
    for number, plan in enumerate(plans[1:]):
        raised = squawk(plan.up, tmp_path, f"index_{number}")
        assert "require-concurrent-index-creation" not in raised, plan.up


def test_renames_drops_and_relaxed_columns(tmp_path: Path) -> None:
    current = schema(tmp_path, "one", """\
  durations:
    columns:
      id: {type: integer, primary: true}
      code: string(20)
  scratch:
    columns:
      id: {type: integer, primary: true}
""")
    desired = schema(tmp_path, "two", """\
  periods:
    renamed_from: durations
    columns:
      id: {type: integer, primary: true}
      label: {type: string(20), renamed_from: code, nullable: true}
""")
    plan = migration(current, desired)
    raised = squawk(plan.up, tmp_path, "renames")
    assert {"renaming-table", "renaming-column", "ban-drop-table"} <= set(raised)
    assert [rule for rule in raised if rule not in SHARED and rule not in NOT_APPLICABLE] == []
    change = Change(dialects.get("postgres"), current, desired, tuple(plan.operations))
    assert {hit.finding.code for hit in run(change)} == {"drop-table"}
