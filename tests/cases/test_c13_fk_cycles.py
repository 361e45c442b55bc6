"""C13: cyclic and self references: tables first, keys after; keys dropped before tables."""

from __future__ import annotations

from pathlib import Path

from .migrating import plan_between

CYCLE = """\
tables:
  users:
    columns:
      id: {type: integer, primary: true}
      profile_image_id: {type: integer, nullable: true, references: images.id,
                         on_delete: set null}
  images:
    columns:
      id: {type: integer, primary: true}
      user_id: {type: integer, references: users.id}
  employees:
    columns:
      id: {type: integer, primary: true}
      manager_id: {type: integer, nullable: true, references: employees.id}
"""


def test_c13_create_tables_then_every_foreign_key(tmp_path: Path) -> None:
    plan = plan_between(tmp_path, None, CYCLE, "mysql")
    assert [s.split(" (")[0] for s in plan.up] == [
        "CREATE TABLE `employees`", "CREATE TABLE `users`", "CREATE TABLE `images`",
        "ALTER TABLE `employees` ADD CONSTRAINT `employees_manager_id_foreign` FOREIGN KEY",
        "ALTER TABLE `users` ADD CONSTRAINT `users_profile_image_id_foreign` FOREIGN KEY",
        "ALTER TABLE `images` ADD CONSTRAINT `images_user_id_foreign` FOREIGN KEY"]
    assert not any("FOREIGN KEY" in s for s in plan.up if s.startswith("CREATE"))


def test_c13_teardown_drops_keys_first_and_never_cascades(tmp_path: Path) -> None:
    plan = plan_between(tmp_path, None, CYCLE, "postgres")
    assert plan.down == [
        'ALTER TABLE "images" DROP CONSTRAINT "images_user_id_foreign"',
        'ALTER TABLE "users" DROP CONSTRAINT "users_profile_image_id_foreign"',
        'ALTER TABLE "employees" DROP CONSTRAINT "employees_manager_id_foreign"',
        'DROP TABLE "images"', 'DROP TABLE "users"', 'DROP TABLE "employees"']
    assert not any("CASCADE" in s for s in plan.down)


def test_c13_dropping_the_cycle_later_drops_both_keys_first(tmp_path: Path) -> None:
    only = "tables:\n  employees:\n" + CYCLE.split("  employees:\n")[1]
    plan = plan_between(tmp_path, CYCLE, only, "mariadb")
    assert plan.up == ["ALTER TABLE `users` DROP FOREIGN KEY `users_profile_image_id_foreign`",
                       "ALTER TABLE `images` DROP FOREIGN KEY `images_user_id_foreign`",
                       "DROP TABLE `users`", "DROP TABLE `images`"]
