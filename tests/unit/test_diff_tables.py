"""Whole tables: added, dropped, renamed from a hint, comments and options."""

from __future__ import annotations

from pathlib import Path

from diffcase import change, sql

ONE = """\
tables:
  users:
    columns:
      id: {type: integer, primary: true}
"""
TWO = ONE + """\
  posts:
    columns:
      id: {type: integer, primary: true}
      user_id: {type: integer, references: users.id}
"""


def test_table_added_then_its_foreign_keys(tmp_path: Path) -> None:
    assert sql(tmp_path, ONE, TWO, "postgres") == (
        ['CREATE TABLE "posts" (\n    "id" integer NOT NULL,\n    "user_id" integer NOT NULL,\n'
         '    CONSTRAINT "posts_pkey" PRIMARY KEY ("id")\n)',
         'ALTER TABLE "posts" ADD CONSTRAINT "posts_user_id_foreign" FOREIGN KEY ("user_id") '
         'REFERENCES "users" ("id")'],
        ['ALTER TABLE "posts" DROP CONSTRAINT "posts_user_id_foreign"', 'DROP TABLE "posts"'])


def test_table_dropped_warns_that_its_rows_are_lost(tmp_path: Path) -> None:
    plan = change(tmp_path, TWO, ONE, "mysql")
    assert plan.up == ["ALTER TABLE `posts` DROP FOREIGN KEY `posts_user_id_foreign`",
                       "DROP TABLE `posts`"]
    assert plan.down == [
        "CREATE TABLE `posts` (\n  `id` int NOT NULL,\n  `user_id` int NOT NULL,\n"
        "  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 "
        "COLLATE=utf8mb4_unicode_ci",
        "ALTER TABLE `posts` ADD CONSTRAINT `posts_user_id_foreign` FOREIGN KEY (`user_id`) "
        "REFERENCES `users` (`id`)"]
    assert [w.text() for w in plan.warnings] == [
        "warning drop-table Table 'posts' is dropped with all its rows."]


def test_table_renamed_without_hint_names_the_hint_that_keeps_the_rows(tmp_path: Path) -> None:
    after = ONE.replace("users:", "people:")
    plan = change(tmp_path, ONE, after, "postgres")
    assert plan.up == ['DROP TABLE "users"',
                       'CREATE TABLE "people" (\n    "id" integer NOT NULL,\n'
                       '    CONSTRAINT "people_pkey" PRIMARY KEY ("id")\n)']
    assert [w.text() for w in plan.warnings] == [
        "warning drop-table tables.people: Table 'users' is dropped with all its rows. If it "
        "was renamed to 'people', add `renamed_from: users` to that table so the migration "
        "renames it instead."]


def test_table_renamed_by_hint_renames_its_conventional_names_too(tmp_path: Path) -> None:
    before = ONE.replace("primary: true}", "primary: true}\n      email: "
                         "{type: string(50), unique: true}")
    after = before.replace("  users:\n", "  people:\n    renamed_from: users\n")
    assert sql(tmp_path, before, after, "postgres") == (
        ['ALTER TABLE "users" RENAME TO "people"',
         'ALTER TABLE "people" RENAME CONSTRAINT "users_email_unique" TO "people_email_unique"',
         'ALTER TABLE "people" RENAME CONSTRAINT "users_pkey" TO "people_pkey"'],
        ['ALTER TABLE "people" RENAME CONSTRAINT "people_pkey" TO "users_pkey"',
         'ALTER TABLE "people" RENAME CONSTRAINT "people_email_unique" TO "users_email_unique"',
         'ALTER TABLE "people" RENAME TO "users"'])
    assert sql(tmp_path, before, after, "mysql") == (
        ["ALTER TABLE `users` RENAME TO `people`",
         "ALTER TABLE `people` RENAME INDEX `users_email_unique` TO `people_email_unique`"],
        ["ALTER TABLE `people` RENAME INDEX `people_email_unique` TO `users_email_unique`",
         "ALTER TABLE `people` RENAME TO `users`"])
    assert change(tmp_path, before, after, "postgres").warnings == []


def test_a_hint_already_applied_changes_nothing(tmp_path: Path) -> None:
    after = ONE.replace("  users:\n", "  users:\n    renamed_from: members\n")
    assert change(tmp_path, ONE, after, "postgres").operations == []


def test_table_comment_set_and_removed(tmp_path: Path) -> None:
    after = ONE.replace("  users:\n", "  users:\n    comment: \"it's people\"\n")
    assert sql(tmp_path, ONE, after, "postgres") == (
        ['COMMENT ON TABLE "users" IS \'it\'\'s people\''],
        ['COMMENT ON TABLE "users" IS \'\''])
    assert sql(tmp_path, ONE, after, "mysql") == (
        ["ALTER TABLE `users` COMMENT = 'it''s people'"],
        ["ALTER TABLE `users` COMMENT = ''"])


def test_table_options_convert_the_columns_to_a_new_collation(tmp_path: Path) -> None:
    after = ONE.replace("  users:\n", "  users:\n    options: {mysql: {row_format: compressed,"
                        " collation: utf8mb4_bin}}\n")
    assert sql(tmp_path, ONE, after, "mariadb") == (
        ["ALTER TABLE `users` ROW_FORMAT=compressed",
         "ALTER TABLE `users` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"],
        ["ALTER TABLE `users` ROW_FORMAT=DEFAULT",
         "ALTER TABLE `users` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"])
    assert change(tmp_path, ONE, after, "postgres").operations == []
