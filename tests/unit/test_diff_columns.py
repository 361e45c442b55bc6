"""Column changes: one small case per kind, the exact SQL both ways on each dialect."""

from __future__ import annotations

from pathlib import Path

from diffcase import change, sql

USERS = """\
tables:
  users:
    columns:
      id: {type: integer, primary: true}
      name: {type: string(50), nullable: true}
      code: {type: text, nullable: true}
      flag: {type: integer, default: 0}
"""


def edited(old: str, new: str) -> str:
    assert old in USERS
    return USERS.replace(old, new)


def test_add_column_with_a_comment(tmp_path: Path) -> None:
    after = USERS + "      email: {type: string(100), nullable: true, comment: \"it's\"}\n"
    assert sql(tmp_path, USERS, after, "postgres") == (
        ['ALTER TABLE "users" ADD COLUMN "email" varchar(100) NULL',
         'COMMENT ON COLUMN "users"."email" IS \'it\'\'s\''],
        ['ALTER TABLE "users" DROP COLUMN "email"'])
    assert sql(tmp_path, USERS, after, "mysql") == (
        ["ALTER TABLE `users` ADD COLUMN `email` varchar(100) NULL COMMENT 'it''s' AFTER `flag`"],
        ["ALTER TABLE `users` DROP COLUMN `email`"])


def test_add_column_in_first_place_on_mysql(tmp_path: Path) -> None:
    after = USERS.replace("    columns:\n", "    columns:\n      n: {type: integer}\n")
    up, _ = sql(tmp_path, USERS, after, "mysql")
    assert up == ["ALTER TABLE `users` ADD COLUMN `n` int NOT NULL FIRST"]


def test_drop_column_comes_back_in_its_place(tmp_path: Path) -> None:
    after = edited("      name: {type: string(50), nullable: true}\n", "")
    assert sql(tmp_path, USERS, after, "postgres") == (
        ['ALTER TABLE "users" DROP COLUMN "name"'],
        ['ALTER TABLE "users" ADD COLUMN "name" varchar(50) NULL'])
    assert sql(tmp_path, USERS, after, "mysql") == (
        ["ALTER TABLE `users` DROP COLUMN `name`"],
        ["ALTER TABLE `users` ADD COLUMN `name` varchar(50) NULL AFTER `id`"])


def test_two_adjacent_dropped_columns_come_back_in_order(tmp_path: Path) -> None:
    after = edited("      name: {type: string(50), nullable: true}\n"
                   "      code: {type: text, nullable: true}\n", "")
    _, down = sql(tmp_path, USERS, after, "mysql")
    assert down == ["ALTER TABLE `users` ADD COLUMN `code` text NULL AFTER `id`",
                    "ALTER TABLE `users` ADD COLUMN `name` varchar(50) NULL AFTER `id`"]


def test_rename_column_from_hint(tmp_path: Path) -> None:
    after = edited("      name: {type: string(50), nullable: true}",
                   "      full_name: {type: string(50), nullable: true, renamed_from: name}")
    assert sql(tmp_path, USERS, after, "postgres") == (
        ['ALTER TABLE "users" RENAME COLUMN "name" TO "full_name"'],
        ['ALTER TABLE "users" RENAME COLUMN "full_name" TO "name"'])
    assert sql(tmp_path, USERS, after, "mysql") == (
        ["ALTER TABLE `users` RENAME COLUMN `name` TO `full_name`"],
        ["ALTER TABLE `users` RENAME COLUMN `full_name` TO `name`"])


def test_rename_and_retype_alter_the_new_name_up_and_the_old_name_down(tmp_path: Path) -> None:
    after = edited("      name: {type: string(50), nullable: true}",
                   "      full_name: {type: string(80), nullable: true, renamed_from: name}")
    assert sql(tmp_path, USERS, after, "postgres") == (
        ['ALTER TABLE "users" RENAME COLUMN "name" TO "full_name"',
         'ALTER TABLE "users" ALTER COLUMN "full_name" TYPE varchar(80)'],
        ['ALTER TABLE "users" ALTER COLUMN "full_name" TYPE varchar(50)',
         'ALTER TABLE "users" RENAME COLUMN "full_name" TO "name"'])


def test_rename_without_hint_is_a_drop_and_an_add_with_a_warning(tmp_path: Path) -> None:
    after = edited("      name: {type: string(50), nullable: true}",
                   "      full_name: {type: string(50), nullable: true}")
    plan = change(tmp_path, USERS, after, "postgres")
    assert plan.up == ['ALTER TABLE "users" DROP COLUMN "name"',
                       'ALTER TABLE "users" ADD COLUMN "full_name" varchar(50) NULL']
    assert [w.text() for w in plan.warnings] == [
        "warning drop-column tables.users.columns.full_name: Column users.name is dropped "
        "with its values. If it was renamed to 'full_name', add `renamed_from: name` to that "
        "column so the migration renames it instead."]


def test_text_to_bigint_needs_using_on_postgres_only(tmp_path: Path) -> None:
    after = edited("code: {type: text, nullable: true}", "code: {type: bigint, nullable: true}")
    assert sql(tmp_path, USERS, after, "postgres") == (
        ['ALTER TABLE "users" ALTER COLUMN "code" TYPE bigint USING "code"::bigint'],
        ['ALTER TABLE "users" ALTER COLUMN "code" TYPE text'])
    assert sql(tmp_path, USERS, after, "mysql") == (
        ["ALTER TABLE `users` MODIFY COLUMN `code` bigint NULL"],
        ["ALTER TABLE `users` MODIFY COLUMN `code` text NULL"])


def test_widening_a_varchar_needs_no_using(tmp_path: Path) -> None:
    after = edited("string(50)", "string(80)")
    assert sql(tmp_path, USERS, after, "postgres") == (
        ['ALTER TABLE "users" ALTER COLUMN "name" TYPE varchar(80)'],
        ['ALTER TABLE "users" ALTER COLUMN "name" TYPE varchar(50)'])


def test_type_change_drops_and_restores_the_default_around_it(tmp_path: Path) -> None:
    after = edited("flag: {type: integer, default: 0}", "flag: {type: boolean, default: false}")
    assert sql(tmp_path, USERS, after, "postgres") == (
        ['ALTER TABLE "users" ALTER COLUMN "flag" DROP DEFAULT',
         'ALTER TABLE "users" ALTER COLUMN "flag" TYPE boolean USING "flag"::boolean',
         'ALTER TABLE "users" ALTER COLUMN "flag" SET DEFAULT false'],
        ['ALTER TABLE "users" ALTER COLUMN "flag" DROP DEFAULT',
         'ALTER TABLE "users" ALTER COLUMN "flag" TYPE integer USING "flag"::integer',
         'ALTER TABLE "users" ALTER COLUMN "flag" SET DEFAULT 0'])
    assert sql(tmp_path, USERS, after, "mysql") == (
        ["ALTER TABLE `users` MODIFY COLUMN `flag` tinyint(1) NOT NULL DEFAULT 0"],
        ["ALTER TABLE `users` MODIFY COLUMN `flag` int NOT NULL DEFAULT 0"])


def test_not_null_with_a_default_fills_nulls_and_never_drops_the_column(tmp_path: Path) -> None:
    after = edited("name: {type: string(50), nullable: true}",
                   "name: {type: string(50), default: ''}")
    assert sql(tmp_path, USERS, after, "postgres") == (
        ['ALTER TABLE "users" ALTER COLUMN "name" SET DEFAULT \'\'',
         'UPDATE "users" SET "name" = \'\' WHERE "name" IS NULL',
         'ALTER TABLE "users" ALTER COLUMN "name" SET NOT NULL'],
        ['ALTER TABLE "users" ALTER COLUMN "name" DROP DEFAULT',
         'ALTER TABLE "users" ALTER COLUMN "name" DROP NOT NULL'])
    assert sql(tmp_path, USERS, after, "mysql") == (
        ["UPDATE `users` SET `name` = '' WHERE `name` IS NULL",
         "ALTER TABLE `users` MODIFY COLUMN `name` varchar(50) NOT NULL DEFAULT ''"],
        ["ALTER TABLE `users` MODIFY COLUMN `name` varchar(50) NULL"])


def test_not_null_without_a_default_warns_that_nulls_fail(tmp_path: Path) -> None:
    after = edited("name: {type: string(50), nullable: true}", "name: {type: string(50)}")
    plan = change(tmp_path, USERS, after, "postgres")
    assert plan.up == ['ALTER TABLE "users" ALTER COLUMN "name" SET NOT NULL']
    assert [w.text() for w in plan.warnings] == [
        "warning not-null-without-default tables.users.columns.name: Column users.name "
        "becomes NOT NULL without a default: the migration fails if a row holds NULL. Give "
        "it a `default:` (existing NULLs are set to it) or fill the column first."]


def test_default_changed_and_dropped(tmp_path: Path) -> None:
    changed = edited("flag: {type: integer, default: 0}", "flag: {type: integer, default: 5}")
    assert sql(tmp_path, USERS, changed, "postgres") == (
        ['ALTER TABLE "users" ALTER COLUMN "flag" SET DEFAULT 5'],
        ['ALTER TABLE "users" ALTER COLUMN "flag" SET DEFAULT 0'])
    dropped = edited("flag: {type: integer, default: 0}", "flag: {type: integer}")
    assert sql(tmp_path, USERS, dropped, "postgres") == (
        ['ALTER TABLE "users" ALTER COLUMN "flag" DROP DEFAULT'],
        ['ALTER TABLE "users" ALTER COLUMN "flag" SET DEFAULT 0'])
    assert sql(tmp_path, USERS, dropped, "mysql") == (
        ["ALTER TABLE `users` MODIFY COLUMN `flag` int NOT NULL"],
        ["ALTER TABLE `users` MODIFY COLUMN `flag` int NOT NULL DEFAULT 0"])


def test_comment_set_and_removed(tmp_path: Path) -> None:
    after = edited("name: {type: string(50), nullable: true}",
                   "name: {type: string(50), nullable: true, comment: who}")
    assert sql(tmp_path, USERS, after, "postgres") == (
        ['COMMENT ON COLUMN "users"."name" IS \'who\''],
        ['COMMENT ON COLUMN "users"."name" IS \'\''])
    assert sql(tmp_path, USERS, after, "mysql") == (
        ["ALTER TABLE `users` MODIFY COLUMN `name` varchar(50) NULL COMMENT 'who'"],
        ["ALTER TABLE `users` MODIFY COLUMN `name` varchar(50) NULL"])


def test_collation_set_and_back_to_the_default(tmp_path: Path) -> None:
    after = edited("name: {type: string(50), nullable: true}",
                   "name: {type: string(50), nullable: true, collation: utf8mb4_bin,"
                   " overrides: {postgres: {collation: C}}}")
    assert sql(tmp_path, USERS, after, "postgres") == (
        ['ALTER TABLE "users" ALTER COLUMN "name" TYPE varchar(50) COLLATE "C"'],
        ['ALTER TABLE "users" ALTER COLUMN "name" TYPE varchar(50) COLLATE "default"'])
    assert sql(tmp_path, USERS, after, "mysql") == (
        ["ALTER TABLE `users` MODIFY COLUMN `name` varchar(50) COLLATE `utf8mb4_bin` NULL"],
        ["ALTER TABLE `users` MODIFY COLUMN `name` varchar(50) NULL"])


def test_serial_column_widened_keeps_its_sequence(tmp_path: Path) -> None:
    before = USERS.replace("id: {type: integer, primary: true}",
                           "id: {type: integer, primary: true, auto_increment: true}")
    after = before.replace("id: {type: integer,", "id: {type: bigint,")
    assert sql(tmp_path, before, after, "postgres") == (
        ['ALTER TABLE "users" ALTER COLUMN "id" TYPE bigint'],
        ['ALTER TABLE "users" ALTER COLUMN "id" TYPE integer'])
    assert sql(tmp_path, before, after, "mysql") == (
        ["ALTER TABLE `users` MODIFY COLUMN `id` bigint NOT NULL AUTO_INCREMENT"],
        ["ALTER TABLE `users` MODIFY COLUMN `id` int NOT NULL AUTO_INCREMENT"])


def test_no_change_no_operation(tmp_path: Path) -> None:
    plan = change(tmp_path, USERS, USERS, "mysql")
    assert (plan.operations, plan.up, plan.down, plan.warnings) == ([], [], [], [])
