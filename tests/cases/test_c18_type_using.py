"""C18: a PostgreSQL type change without an assignment cast carries USING."""

from __future__ import annotations

from pathlib import Path

from .migrating import plan_between

USERS = """\
tables:
  users:
    columns:
      id: {type: integer, primary: true}
      gender: {type: text, nullable: true}
"""


def test_c18_text_to_bigint_uses_a_cast(tmp_path: Path) -> None:
    after = USERS.replace("gender: {type: text", "gender: {type: bigint")
    plan = plan_between(tmp_path, USERS, after, "postgres")
    assert plan.up == ['ALTER TABLE "users" ALTER COLUMN "gender" TYPE bigint USING '
                       '"gender"::bigint']
    assert plan.down == ['ALTER TABLE "users" ALTER COLUMN "gender" TYPE text']


def test_c18_widening_needs_no_using(tmp_path: Path) -> None:
    before = USERS.replace("gender: {type: text", "gender: {type: string(10)")
    after = USERS.replace("gender: {type: text", "gender: {type: string(20)")
    assert plan_between(tmp_path, before, after, "postgres").up == [
        'ALTER TABLE "users" ALTER COLUMN "gender" TYPE varchar(20)']


def test_c18_default_is_dropped_and_re_added_around_the_cast(tmp_path: Path) -> None:
    before = USERS.replace("gender: {type: text, nullable: true}",
                           "gender: {type: text, default: '0'}")
    after = USERS.replace("gender: {type: text, nullable: true}",
                          "gender: {type: bigint, default: 0}")
    assert plan_between(tmp_path, before, after, "postgres").up == [
        'ALTER TABLE "users" ALTER COLUMN "gender" DROP DEFAULT',
        'ALTER TABLE "users" ALTER COLUMN "gender" TYPE bigint USING "gender"::bigint',
        'ALTER TABLE "users" ALTER COLUMN "gender" SET DEFAULT 0']
