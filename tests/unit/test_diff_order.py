"""Statement order: what a change depends on goes first, what depends on it comes last."""

from __future__ import annotations

from pathlib import Path

from diffcase import sql

from generator import operations as ops
from generator.render import PLANNERS

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
KEEP = "tables:\n  keep:\n    columns:\n      id: {type: integer, primary: true}\n"
REF = """\
tables:
  users:
    columns:
      id: {type: integer, primary: true}
  posts:
    columns:
      id: {type: integer, primary: true}
      user_id: {type: integer, references: users.id}
"""


def test_every_kind_has_a_phase_and_a_planner() -> None:
    kinds = {cls.kind for cls in ops.Operation.__subclasses__()}
    assert kinds == set(ops.PHASES) == set(PLANNERS)


def test_fk_cycle_drops_both_keys_before_either_table(tmp_path: Path) -> None:
    up, down = sql(tmp_path, CYCLE, KEEP, "mysql")
    assert up == ["ALTER TABLE `users` DROP FOREIGN KEY `users_profile_image_id_foreign`",
                  "ALTER TABLE `images` DROP FOREIGN KEY `images_user_id_foreign`",
                  "DROP TABLE `users`", "DROP TABLE `images`"]
    assert [s.split(" (")[0] for s in down] == [
        "CREATE TABLE `images`", "CREATE TABLE `users`",
        "ALTER TABLE `images` ADD CONSTRAINT `images_user_id_foreign` FOREIGN KEY",
        "ALTER TABLE `users` ADD CONSTRAINT `users_profile_image_id_foreign` FOREIGN KEY"]


def test_renamed_table_keeps_the_foreign_key_that_points_at_it(tmp_path: Path) -> None:
    after = REF.replace("  users:\n", "  people:\n    renamed_from: users\n").replace(
        "references: users.id", "references: people.id")
    assert sql(tmp_path, REF, after, "postgres") == (
        ['ALTER TABLE "users" RENAME TO "people"',
         'ALTER TABLE "people" RENAME CONSTRAINT "users_pkey" TO "people_pkey"'],
        ['ALTER TABLE "people" RENAME CONSTRAINT "people_pkey" TO "users_pkey"',
         'ALTER TABLE "people" RENAME TO "users"'])
    assert sql(tmp_path, REF, after, "mysql") == (
        ["ALTER TABLE `users` RENAME TO `people`"], ["ALTER TABLE `people` RENAME TO `users`"])


def test_renamed_table_re_adds_its_own_keys_under_their_new_names(tmp_path: Path) -> None:
    after = REF.replace("  posts:\n", "  articles:\n    renamed_from: posts\n")
    up, down = sql(tmp_path, REF, after, "mariadb")
    assert up == ["ALTER TABLE `posts` DROP FOREIGN KEY `posts_user_id_foreign`",
                  "ALTER TABLE `posts` DROP INDEX `posts_user_id_foreign`",
                  "ALTER TABLE `posts` RENAME TO `articles`",
                  "ALTER TABLE `articles` ADD CONSTRAINT `articles_user_id_foreign` FOREIGN KEY "
                  "(`user_id`) REFERENCES `users` (`id`)"]
    assert down == ["ALTER TABLE `articles` DROP FOREIGN KEY `articles_user_id_foreign`",
                    "ALTER TABLE `articles` DROP INDEX `articles_user_id_foreign`",
                    "ALTER TABLE `articles` RENAME TO `posts`",
                    "ALTER TABLE `posts` ADD CONSTRAINT `posts_user_id_foreign` FOREIGN KEY "
                    "(`user_id`) REFERENCES `users` (`id`)"]


def test_retyped_key_columns_rebuild_the_foreign_key_around_them(tmp_path: Path) -> None:
    after = REF.replace("user_id: {type: integer", "user_id: {type: bigint").replace(
        "  users:\n    columns:\n      id: {type: integer", "  users:\n    columns:\n"
        "      id: {type: bigint")
    assert sql(tmp_path, REF, after, "postgres") == (
        ['ALTER TABLE "posts" DROP CONSTRAINT "posts_user_id_foreign"',
         'ALTER TABLE "users" ALTER COLUMN "id" TYPE bigint',
         'ALTER TABLE "posts" ALTER COLUMN "user_id" TYPE bigint',
         'ALTER TABLE "posts" ADD CONSTRAINT "posts_user_id_foreign" FOREIGN KEY ("user_id") '
         'REFERENCES "users" ("id")'],
        ['ALTER TABLE "posts" DROP CONSTRAINT "posts_user_id_foreign"',
         'ALTER TABLE "posts" ALTER COLUMN "user_id" TYPE integer',
         'ALTER TABLE "users" ALTER COLUMN "id" TYPE integer',
         'ALTER TABLE "posts" ADD CONSTRAINT "posts_user_id_foreign" FOREIGN KEY ("user_id") '
         'REFERENCES "users" ("id")'])


def test_explicit_index_replacing_the_innodb_one_rebuilds_the_foreign_key(
        tmp_path: Path) -> None:
    after = REF + "    indexes:\n      - columns: [user_id]\n"
    assert sql(tmp_path, REF, after, "mysql") == (
        ["ALTER TABLE `posts` DROP FOREIGN KEY `posts_user_id_foreign`",
         "ALTER TABLE `posts` DROP INDEX `posts_user_id_foreign`",
         "ALTER TABLE `posts` ADD INDEX `posts_user_id_index` (`user_id`)",
         "ALTER TABLE `posts` ADD CONSTRAINT `posts_user_id_foreign` FOREIGN KEY (`user_id`) "
         "REFERENCES `users` (`id`)"],
        ["ALTER TABLE `posts` DROP FOREIGN KEY `posts_user_id_foreign`",
         "ALTER TABLE `posts` DROP INDEX `posts_user_id_index`",
         "ALTER TABLE `posts` ADD CONSTRAINT `posts_user_id_foreign` FOREIGN KEY (`user_id`) "
         "REFERENCES `users` (`id`)"])
    assert sql(tmp_path, REF, after, "postgres") == (
        ['CREATE INDEX "posts_user_id_index" ON "posts" ("user_id")'],
        ['DROP INDEX "posts_user_id_index"'])


def test_renamed_fk_column_follows_in_place_when_the_key_keeps_its_name(
        tmp_path: Path) -> None:
    after = REF.replace("user_id: {type: integer, references: users.id}",
                        "author_id: {type: integer, references: users.id, renamed_from: "
                        "user_id, foreign_key_name: posts_user_id_foreign}")
    assert sql(tmp_path, REF, after, "mysql") == (
        ["ALTER TABLE `posts` RENAME COLUMN `user_id` TO `author_id`"],
        ["ALTER TABLE `posts` RENAME COLUMN `author_id` TO `user_id`"])


def test_key_renamed_by_convention_is_dropped_before_and_added_after_the_rename(
        tmp_path: Path) -> None:
    after = REF.replace("user_id: {type: integer, references: users.id}",
                        "author_id: {type: integer, references: users.id, renamed_from: "
                        "user_id}")
    assert sql(tmp_path, REF, after, "postgres") == (
        ['ALTER TABLE "posts" DROP CONSTRAINT "posts_user_id_foreign"',
         'ALTER TABLE "posts" RENAME COLUMN "user_id" TO "author_id"',
         'ALTER TABLE "posts" ADD CONSTRAINT "posts_author_id_foreign" FOREIGN KEY '
         '("author_id") REFERENCES "users" ("id")'],
        ['ALTER TABLE "posts" DROP CONSTRAINT "posts_author_id_foreign"',
         'ALTER TABLE "posts" RENAME COLUMN "author_id" TO "user_id"',
         'ALTER TABLE "posts" ADD CONSTRAINT "posts_user_id_foreign" FOREIGN KEY ("user_id") '
         'REFERENCES "users" ("id")'])
