"""C15/C16: enum changes. PostgreSQL has no native enum type here: an enum is a varchar with a
CHECK named {table}_{column}_check, so there is never a CREATE TYPE to forget or an ALTER TYPE
... ADD VALUE that cannot run in a transaction; MySQL changes its ENUM with MODIFY COLUMN."""

from __future__ import annotations

from pathlib import Path

from .migrating import plan_between

MODELS = """\
tables:
  models:
    columns:
      id: {type: integer, primary: true}
      model_type: {type: enum, values: [TEST_1, TEST_2]}
"""
EXAMPLES = "tables:\n  examples:\n    columns:\n      id: {type: integer, primary: true}\n"


def test_c15_value_added_swaps_the_check_in_one_transaction(tmp_path: Path) -> None:
    after = MODELS.replace("[TEST_1, TEST_2]", "[TEST_1, TEST_2, TEST_3]")
    plan = plan_between(tmp_path, MODELS, after, "postgres")
    assert plan.up == [
        'ALTER TABLE "models" DROP CONSTRAINT "models_model_type_check"',
        'ALTER TABLE "models" ADD CONSTRAINT "models_model_type_check" CHECK ("model_type" IN '
        "('TEST_1', 'TEST_2', 'TEST_3'))"]
    assert not any("TYPE" in s.split("model_type")[0] for s in plan.up + plan.down)


def test_c15_mysql_modifies_the_enum_keeping_the_order(tmp_path: Path) -> None:
    after = MODELS.replace("[TEST_1, TEST_2]", "[TEST_1, TEST_2, TEST_3]")
    plan = plan_between(tmp_path, MODELS, after, "mysql")
    assert (plan.up, plan.down) == (
        ["ALTER TABLE `models` MODIFY COLUMN `model_type` enum('TEST_1', 'TEST_2', 'TEST_3') "
         "NOT NULL"],
        ["ALTER TABLE `models` MODIFY COLUMN `model_type` enum('TEST_1', 'TEST_2') NOT NULL"])


def test_c16_new_enum_column_brings_its_check_and_takes_it_away(tmp_path: Path) -> None:
    after = EXAMPLES + "      colors: {type: enum, values: [RED, GREEN, BLUE, PURPLE], " \
                       "nullable: true}\n"
    plan = plan_between(tmp_path, EXAMPLES, after, "postgres")
    assert plan.up == [
        'ALTER TABLE "examples" ADD COLUMN "colors" varchar(255) NULL',
        'ALTER TABLE "examples" ADD CONSTRAINT "examples_colors_check" CHECK ("colors" IN '
        "('RED', 'GREEN', 'BLUE', 'PURPLE'))"]
    assert plan.down == ['ALTER TABLE "examples" DROP CONSTRAINT "examples_colors_check"',
                         'ALTER TABLE "examples" DROP COLUMN "colors"']
    assert plan_between(tmp_path, EXAMPLES, after, "mysql").up == [
        "ALTER TABLE `examples` ADD COLUMN `colors` enum('RED', 'GREEN', 'BLUE', 'PURPLE') "
        "NULL AFTER `id`"]
