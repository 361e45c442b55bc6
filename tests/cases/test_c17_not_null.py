"""C17: optional to required is an ALTER of the column, never a drop and an add."""

from __future__ import annotations

from pathlib import Path

from generator import operations as ops

from .migrating import plan_between

ITEMS = """\
tables:
  items:
    columns:
      id: {type: integer, primary: true}
      x: {type: text, nullable: true}
"""
REQUIRED = ITEMS.replace("x: {type: text, nullable: true}", "x: {type: text, default: ''}")


def test_c17_postgres_fills_nulls_from_the_default_then_sets_not_null(tmp_path: Path) -> None:
    plan = plan_between(tmp_path, ITEMS, REQUIRED, "postgres")
    assert [type(op) for op in plan.operations] == [ops.AlterColumn]
    assert plan.up == ['ALTER TABLE "items" ALTER COLUMN "x" SET DEFAULT \'\'',
                       'UPDATE "items" SET "x" = \'\' WHERE "x" IS NULL',
                       'ALTER TABLE "items" ALTER COLUMN "x" SET NOT NULL']


def test_c17_mysql_fills_nulls_then_modifies(tmp_path: Path) -> None:
    plan = plan_between(tmp_path, ITEMS, REQUIRED, "mysql")
    assert plan.up == ["UPDATE `items` SET `x` = ('') WHERE `x` IS NULL",
                       "ALTER TABLE `items` MODIFY COLUMN `x` text NOT NULL DEFAULT ('')"]
    assert not any("DROP" in s for s in plan.up)


def test_c17_without_a_default_it_warns_instead_of_guessing(tmp_path: Path) -> None:
    after = ITEMS.replace("x: {type: text, nullable: true}", "x: {type: text}")
    plan = plan_between(tmp_path, ITEMS, after, "postgres")
    assert plan.up == ['ALTER TABLE "items" ALTER COLUMN "x" SET NOT NULL']
    assert [w.code for w in plan.warnings] == ["not-null-without-default"]
