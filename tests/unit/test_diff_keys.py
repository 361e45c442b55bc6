"""Keys, indexes, foreign keys and checks: one small case per kind, exact SQL both ways."""

from __future__ import annotations

from pathlib import Path

from diffcase import change, sql

BASE = """\
tables:
  users:
    columns:
      id: {type: integer, primary: true}
      email: {type: string(100)}
      tenant: {type: integer}
      role: {type: enum, values: [a, b]}
    indexes:
      - columns: [tenant]
  posts:
    columns:
      id: {type: integer, primary: true}
      user_id: {type: integer, references: users.id}
      body: {type: string(100)}
"""


def edited(old: str, new: str, base: str = BASE) -> str:
    assert old in base
    return base.replace(old, new)


def test_primary_key_moved_in_one_statement(tmp_path: Path) -> None:
    before = "tables:\n  t:\n    columns:\n      id: {type: integer, primary: true, " \
             "auto_increment: true}\n      k: {type: integer}\n"
    after = "tables:\n  t:\n    columns:\n      id: {type: integer, auto_increment: " \
            "true}\n      k: {type: integer}\n    primary_key: [id, k]\n"
    assert sql(tmp_path, before, after, "postgres") == (
        ['ALTER TABLE "t" DROP CONSTRAINT "t_pkey", ADD CONSTRAINT "t_pkey" PRIMARY KEY '
         '("id", "k")'],
        ['ALTER TABLE "t" DROP CONSTRAINT "t_pkey", ADD CONSTRAINT "t_pkey" PRIMARY KEY '
         '("id")'])
    # MySQL refuses an AUTO_INCREMENT column without a key even between two statements.
    assert sql(tmp_path, before, after, "mysql") == (
        ["ALTER TABLE `t` DROP PRIMARY KEY, ADD PRIMARY KEY (`id`, `k`)"],
        ["ALTER TABLE `t` DROP PRIMARY KEY, ADD PRIMARY KEY (`id`)"])


def test_primary_key_on_a_dropped_column_goes_before_the_column(tmp_path: Path) -> None:
    before = "tables:\n  t:\n    columns:\n      id: {type: integer}\n" \
             "      k: {type: integer}\n    primary_key: [id, k]\n"
    after = "tables:\n  t:\n    columns:\n      id: {type: integer, primary: true}\n"
    assert sql(tmp_path, before, after, "postgres") == (
        ['ALTER TABLE "t" DROP CONSTRAINT "t_pkey"', 'ALTER TABLE "t" DROP COLUMN "k"',
         'ALTER TABLE "t" ADD CONSTRAINT "t_pkey" PRIMARY KEY ("id")'],
        ['ALTER TABLE "t" DROP CONSTRAINT "t_pkey"',
         'ALTER TABLE "t" ADD COLUMN "k" integer NOT NULL',
         'ALTER TABLE "t" ADD CONSTRAINT "t_pkey" PRIMARY KEY ("id", "k")'])
    assert sql(tmp_path, before, after, "mysql")[0] == [
        "ALTER TABLE `t` DROP PRIMARY KEY", "ALTER TABLE `t` DROP COLUMN `k`",
        "ALTER TABLE `t` ADD PRIMARY KEY (`id`)"]


def test_index_added_and_dropped(tmp_path: Path) -> None:
    after = edited("      - columns: [tenant]", "      - columns: [tenant]\n"
                   "      - columns: [email, tenant]")
    assert sql(tmp_path, BASE, after, "postgres") == (
        ['CREATE INDEX "users_email_tenant_index" ON "users" ("email", "tenant")'],
        ['DROP INDEX "users_email_tenant_index"'])
    assert sql(tmp_path, after, BASE, "mysql") == (
        ["ALTER TABLE `users` DROP INDEX `users_email_tenant_index`"],
        ["ALTER TABLE `users` ADD INDEX `users_email_tenant_index` (`email`, `tenant`)"])


def test_index_renamed_by_hint(tmp_path: Path) -> None:
    after = edited("      - columns: [tenant]", "      - {columns: [tenant], name: by_tenant, "
                   "renamed_from: users_tenant_index}")
    assert sql(tmp_path, BASE, after, "postgres") == (
        ['ALTER INDEX "users_tenant_index" RENAME TO "by_tenant"'],
        ['ALTER INDEX "by_tenant" RENAME TO "users_tenant_index"'])
    assert sql(tmp_path, BASE, after, "mysql") == (
        ["ALTER TABLE `users` RENAME INDEX `users_tenant_index` TO `by_tenant`"],
        ["ALTER TABLE `users` RENAME INDEX `by_tenant` TO `users_tenant_index`"])


def test_same_definition_under_a_new_name_is_a_rename(tmp_path: Path) -> None:
    after = edited("      - columns: [tenant]", "      - {columns: [tenant], name: by_tenant}")
    up, _ = sql(tmp_path, BASE, after, "postgres")
    assert up == ['ALTER INDEX "users_tenant_index" RENAME TO "by_tenant"']


def test_hinted_rename_of_a_changed_index_is_drop_and_create(tmp_path: Path) -> None:
    after = edited("      - columns: [tenant]", "      - {columns: [tenant, email], name: "
                   "by_tenant, renamed_from: users_tenant_index}")
    up, _ = sql(tmp_path, BASE, after, "postgres")
    assert up == ['DROP INDEX "users_tenant_index"',
                  'CREATE INDEX "by_tenant" ON "users" ("tenant", "email")']


def test_index_changed_is_drop_and_create(tmp_path: Path) -> None:
    after = edited("      - columns: [tenant]",
                   "      - {columns: [tenant, email], name: users_tenant_index}")
    assert sql(tmp_path, BASE, after, "postgres") == (
        ['DROP INDEX "users_tenant_index"',
         'CREATE INDEX "users_tenant_index" ON "users" ("tenant", "email")'],
        ['DROP INDEX "users_tenant_index"',
         'CREATE INDEX "users_tenant_index" ON "users" ("tenant")'])
    assert sql(tmp_path, BASE, after, "mysql") == (
        ["ALTER TABLE `users` DROP INDEX `users_tenant_index`",
         "ALTER TABLE `users` ADD INDEX `users_tenant_index` (`tenant`, `email`)"],
        ["ALTER TABLE `users` DROP INDEX `users_tenant_index`",
         "ALTER TABLE `users` ADD INDEX `users_tenant_index` (`tenant`)"])


def test_unique_added_and_renamed(tmp_path: Path) -> None:
    unique = edited("email: {type: string(100)}", "email: {type: string(100), unique: true}")
    assert sql(tmp_path, BASE, unique, "postgres") == (
        ['ALTER TABLE "users" ADD CONSTRAINT "users_email_unique" UNIQUE ("email")'],
        ['ALTER TABLE "users" DROP CONSTRAINT "users_email_unique"'])
    assert sql(tmp_path, BASE, unique, "mysql") == (
        ["ALTER TABLE `users` ADD UNIQUE INDEX `users_email_unique` (`email`)"],
        ["ALTER TABLE `users` DROP INDEX `users_email_unique`"])
    renamed = edited("email: {type: string(100)}", "email: {type: string(100), unique: u_email}")
    assert sql(tmp_path, unique, renamed, "postgres") == (
        ['ALTER TABLE "users" RENAME CONSTRAINT "users_email_unique" TO "u_email"'],
        ['ALTER TABLE "users" RENAME CONSTRAINT "u_email" TO "users_email_unique"'])
    assert sql(tmp_path, unique, renamed, "mysql") == (
        ["ALTER TABLE `users` RENAME INDEX `users_email_unique` TO `u_email`"],
        ["ALTER TABLE `users` RENAME INDEX `u_email` TO `users_email_unique`"])


def test_foreign_key_dropped_takes_its_innodb_index_along(tmp_path: Path) -> None:
    after = edited("user_id: {type: integer, references: users.id}", "user_id: {type: integer}")
    assert sql(tmp_path, BASE, after, "postgres") == (
        ['ALTER TABLE "posts" DROP CONSTRAINT "posts_user_id_foreign"'],
        ['ALTER TABLE "posts" ADD CONSTRAINT "posts_user_id_foreign" FOREIGN KEY ("user_id") '
         'REFERENCES "users" ("id")'])
    assert sql(tmp_path, BASE, after, "mysql") == (
        ["ALTER TABLE `posts` DROP FOREIGN KEY `posts_user_id_foreign`",
         "ALTER TABLE `posts` DROP INDEX `posts_user_id_foreign`"],
        ["ALTER TABLE `posts` ADD CONSTRAINT `posts_user_id_foreign` FOREIGN KEY (`user_id`) "
         "REFERENCES `users` (`id`)"])


def test_foreign_key_added_creates_no_index_of_its_own(tmp_path: Path) -> None:
    before = edited("user_id: {type: integer, references: users.id}", "user_id: {type: integer}")
    assert sql(tmp_path, before, BASE, "mariadb") == (
        ["ALTER TABLE `posts` ADD CONSTRAINT `posts_user_id_foreign` FOREIGN KEY (`user_id`) "
         "REFERENCES `users` (`id`)"],
        ["ALTER TABLE `posts` DROP FOREIGN KEY `posts_user_id_foreign`",
         "ALTER TABLE `posts` DROP INDEX `posts_user_id_foreign`"])


def test_foreign_key_actions_changed_is_drop_and_add(tmp_path: Path) -> None:
    after = edited("references: users.id}", "references: users.id, on_delete: cascade}")
    assert sql(tmp_path, BASE, after, "postgres") == (
        ['ALTER TABLE "posts" DROP CONSTRAINT "posts_user_id_foreign"',
         'ALTER TABLE "posts" ADD CONSTRAINT "posts_user_id_foreign" FOREIGN KEY ("user_id") '
         'REFERENCES "users" ("id") ON DELETE CASCADE'],
        ['ALTER TABLE "posts" DROP CONSTRAINT "posts_user_id_foreign"',
         'ALTER TABLE "posts" ADD CONSTRAINT "posts_user_id_foreign" FOREIGN KEY ("user_id") '
         'REFERENCES "users" ("id")'])
    up, _ = sql(tmp_path, BASE, after, "mysql")
    assert up == ["ALTER TABLE `posts` DROP FOREIGN KEY `posts_user_id_foreign`",
                  "ALTER TABLE `posts` ADD CONSTRAINT `posts_user_id_foreign` FOREIGN KEY "
                  "(`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE"]


def test_check_added_and_dropped(tmp_path: Path) -> None:
    after = BASE + "    checks:\n      - expression: \"body <> ''\"\n"
    assert sql(tmp_path, BASE, after, "postgres") == (
        ['ALTER TABLE "posts" ADD CONSTRAINT "posts_body_check" CHECK (body <> \'\')'],
        ['ALTER TABLE "posts" DROP CONSTRAINT "posts_body_check"'])
    assert sql(tmp_path, after, BASE, "mysql") == (
        ["ALTER TABLE `posts` DROP CONSTRAINT `posts_body_check`"],
        ["ALTER TABLE `posts` ADD CONSTRAINT `posts_body_check` CHECK (body <> '')"])


def test_enum_value_added_swaps_the_postgres_check_and_modifies_the_mysql_enum(
        tmp_path: Path) -> None:
    after = edited("values: [a, b]", "values: [a, b, c]")
    assert sql(tmp_path, BASE, after, "postgres") == (
        ['ALTER TABLE "users" DROP CONSTRAINT "users_role_check"',
         'ALTER TABLE "users" ADD CONSTRAINT "users_role_check" CHECK ("role" IN (\'a\', \'b\', '
         '\'c\'))'],
        ['ALTER TABLE "users" DROP CONSTRAINT "users_role_check"',
         'ALTER TABLE "users" ADD CONSTRAINT "users_role_check" CHECK ("role" IN (\'a\', '
         '\'b\'))'])
    assert sql(tmp_path, BASE, after, "mysql") == (
        ["ALTER TABLE `users` MODIFY COLUMN `role` enum('a', 'b', 'c') NOT NULL"],
        ["ALTER TABLE `users` MODIFY COLUMN `role` enum('a', 'b') NOT NULL"])


def test_enum_value_removed(tmp_path: Path) -> None:
    after = edited("values: [a, b]", "values: [a]")
    up, _ = sql(tmp_path, BASE, after, "postgres")
    assert up == ['ALTER TABLE "users" DROP CONSTRAINT "users_role_check"',
                  'ALTER TABLE "users" ADD CONSTRAINT "users_role_check" CHECK ("role" IN '
                  '(\'a\'))']
    up, _ = sql(tmp_path, BASE, after, "mysql")
    assert up == ["ALTER TABLE `users` MODIFY COLUMN `role` enum('a') NOT NULL"]


def test_implicit_index_never_appears_as_an_index_change(tmp_path: Path) -> None:
    plan = change(tmp_path, BASE, BASE, "mysql")
    assert plan.operations == []
