"""C14: a table renamed with `renamed_from` is renamed in place, never dropped and re-created."""

from __future__ import annotations

from pathlib import Path

from .migrating import plan_between

BEFORE = """\
tables:
  duration:
    columns:
      id: {type: integer, auto_increment: true, primary: true}
      code: {type: text, unique: true, overrides: {mysql: {type: string(191)}}}
      label: {type: text, nullable: true}
  jobs:
    columns:
      id: {type: integer, auto_increment: true, primary: true}
      duration_id: {type: integer, nullable: true, references: duration.id}
"""
RENAMED = BEFORE.replace("  duration:\n", "  durations:\n    renamed_from: duration\n").replace(
    "references: duration.id", "references: durations.id")
UNHINTED = RENAMED.replace("    renamed_from: duration\n", "")


def test_c14_postgres_renames_the_table_and_its_conventional_names(tmp_path: Path) -> None:
    plan = plan_between(tmp_path, BEFORE, RENAMED, "postgres")
    assert plan.up == [
        'ALTER TABLE "duration" RENAME TO "durations"',
        'ALTER TABLE "durations" RENAME CONSTRAINT "duration_code_unique" TO '
        '"durations_code_unique"',
        'ALTER TABLE "durations" RENAME CONSTRAINT "duration_pkey" TO "durations_pkey"']
    assert plan.down == [
        'ALTER TABLE "durations" RENAME CONSTRAINT "durations_pkey" TO "duration_pkey"',
        'ALTER TABLE "durations" RENAME CONSTRAINT "durations_code_unique" TO '
        '"duration_code_unique"',
        'ALTER TABLE "durations" RENAME TO "duration"']
    assert plan.warnings == []


def test_c14_mysql_renames_the_table_and_its_unique_index(tmp_path: Path) -> None:
    plan = plan_between(tmp_path, BEFORE, RENAMED, "mysql")
    assert plan.up == [
        "ALTER TABLE `duration` RENAME TO `durations`",
        "ALTER TABLE `durations` RENAME INDEX `duration_code_unique` TO `durations_code_unique`"]


def test_c14_without_the_hint_the_drop_is_announced_with_the_fix(tmp_path: Path) -> None:
    plan = plan_between(tmp_path, BEFORE, UNHINTED, "postgres")
    assert [s.split(" (")[0] for s in plan.up] == [
        'ALTER TABLE "jobs" DROP CONSTRAINT "jobs_duration_id_foreign"',
        'DROP TABLE "duration"', 'CREATE TABLE "durations"',
        'ALTER TABLE "jobs" ADD CONSTRAINT "jobs_duration_id_foreign" FOREIGN KEY']
    assert [w.text() for w in plan.warnings] == [
        "warning drop-table tables.durations: Table 'duration' is dropped with all its rows. "
        "If it was renamed to 'durations', add `renamed_from: duration` to that table so the "
        "migration renames it instead."]


def test_c14_column_variant_renames_the_column(tmp_path: Path) -> None:
    after = BEFORE.replace("      label: {type: text, nullable: true}",
                           "      title: {type: text, nullable: true, renamed_from: label}")
    assert plan_between(tmp_path, BEFORE, after, "postgres").up == [
        'ALTER TABLE "duration" RENAME COLUMN "label" TO "title"']
    assert plan_between(tmp_path, BEFORE, after, "mariadb").up == [
        "ALTER TABLE `duration` RENAME COLUMN `label` TO `title`"]
