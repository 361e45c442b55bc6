"""Every kind of operation renders on every dialect into statements sqlglot reads."""

from __future__ import annotations

from dataclasses import replace

import pytest

from generator import dialects, operations as ops
from generator.model import (Check, Column, Default, ForeignKey, Index, IndexColumn,
                             PrimaryKey, SqlType, Table)
from generator.render import render
from generator.sqlcheck import check_statement

NAME = Column("name", SqlType("varchar", (50,)), nullable=True)
KEY = PrimaryKey("t_pkey", ("id",))
INDEX = Index("t_name_index", (IndexColumn("name"),))
FK = ForeignKey("t_u_id_foreign", ("u_id",), "u", ("id",))
TABLE = Table("t", (Column("id", SqlType("integer")), NAME), KEY, (INDEX,))

SAMPLES = [
    ops.CreateTable("t", TABLE), ops.DropTable("t", TABLE), ops.RenameTable("t", "v"),
    ops.AddColumn("t", NAME, "id"), ops.DropColumn("t", NAME, "id"),
    ops.RenameColumn("t", "name", "title", NAME),
    ops.AlterColumn("t", NAME, replace(NAME, nullable=False, default=Default("literal", "x"))),
    ops.AddPrimaryKey("t", KEY), ops.DropPrimaryKey("t", KEY),
    ops.RenamePrimaryKey("t", "t_pkey", "v_pkey"),
    ops.ReplacePrimaryKey("t", KEY, PrimaryKey("t_pkey", ("id", "name"))),
    ops.CreateIndex("t", INDEX), ops.DropIndex("t", INDEX),
    ops.RenameIndex("t", "t_name_index", "by_name", INDEX),
    ops.AddForeignKey("t", FK), ops.DropForeignKey("t", FK, Index(FK.name, (IndexColumn("u_id"),),
                                                                  implicit=True)),
    ops.AddCheck("t", Check("t_name_check", "name <> ''")),
    ops.DropCheck("t", Check("t_name_check", "name <> ''")),
    ops.SetTableComment("t", None, "it's"),
    ops.SetTableOptions("t", (("engine", "InnoDB"),), (("charset", "utf8mb4"),
                                                      ("engine", "MyISAM"))),
]


def test_the_samples_cover_every_kind() -> None:
    assert {sample.kind for sample in SAMPLES} == set(ops.PHASES)


@pytest.mark.parametrize("dialect", sorted(dialects.DIALECTS))
@pytest.mark.parametrize("operation", SAMPLES, ids=[sample.kind for sample in SAMPLES])
def test_each_kind_renders_both_ways_and_parses(operation: ops.Operation, dialect: str) -> None:
    target = dialects.get(dialect)
    for statement in render(operation, target) + render(operation.reverse(), target):
        check_statement(statement, target)


def test_table_options_render_only_where_tables_have_options() -> None:
    operation = SAMPLES[-1]
    assert render(operation, dialects.POSTGRES) == []
    assert render(operation, dialects.MYSQL) == [
        "ALTER TABLE `t` ENGINE=MyISAM", "ALTER TABLE `t` CONVERT TO CHARACTER SET utf8mb4"]
    assert render(operation.reverse(), dialects.MYSQL) == [
        "ALTER TABLE `t` ENGINE=InnoDB", "ALTER TABLE `t` CONVERT TO CHARACTER SET DEFAULT"]


def test_rename_column_restates_the_column_where_rename_column_is_missing() -> None:
    older = replace(dialects.MYSQL, rename_column=False)
    operation = ops.RenameColumn("t", "name", "title", NAME)
    assert render(operation, older) == [
        "ALTER TABLE `t` CHANGE COLUMN `name` `title` varchar(50) NULL"]
    assert render(operation.reverse(), older) == [
        "ALTER TABLE `t` CHANGE COLUMN `title` `name` varchar(50) NULL"]


def test_dropping_a_foreign_key_drops_its_innodb_index_only_when_told() -> None:
    implicit = Index(FK.name, (IndexColumn("u_id"),), implicit=True)
    assert render(ops.DropForeignKey("t", FK, implicit), dialects.MARIADB) == [
        "ALTER TABLE `t` DROP FOREIGN KEY `t_u_id_foreign`",
        "ALTER TABLE `t` DROP INDEX `t_u_id_foreign`"]
    assert render(ops.DropForeignKey("t", FK), dialects.MARIADB) == [
        "ALTER TABLE `t` DROP FOREIGN KEY `t_u_id_foreign`"]
    assert render(ops.AddForeignKey("t", FK, implicit), dialects.MARIADB) == [
        "ALTER TABLE `t` ADD CONSTRAINT `t_u_id_foreign` FOREIGN KEY (`u_id`) REFERENCES "
        "`u` (`id`)"]


def test_primary_key_rename_is_nothing_where_the_key_is_always_primary() -> None:
    operation = ops.RenamePrimaryKey("t", "t_pkey", "v_pkey")
    assert render(operation, dialects.MYSQL) == []
    assert render(operation, dialects.POSTGRES) == [
        'ALTER TABLE "t" RENAME CONSTRAINT "t_pkey" TO "v_pkey"']
