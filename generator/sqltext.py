"""SQL fragments for one dialect: quoted names, types, defaults, literals.

Templates lay statements out; every decision about how a piece of SQL is spelt is made
here, so that it is made once and tested once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dialects import Dialect, quote, string_literal
from .model import Column, Default, ForeignKey, Index, SqlType, Table

_SERIAL = {"smallint": "smallserial", "integer": "serial", "bigint": "bigserial"}
_TEXT_LIKE = ("text", "mediumtext", "longtext", "json", "blob", "jsonb")
_NOW = re.compile(r"^(current_timestamp|now|localtimestamp)\s*(\(\s*\d*\s*\))?$", re.I)
_INTEGERS = ("tinyint", "smallint", "int", "integer", "bigint")
_NUMBERS = _INTEGERS + ("decimal", "numeric", "float", "double", "real", "double precision")


def type_family(sql_type: SqlType) -> str:
    """The portable family of a native type, for literal defaults."""
    if sql_type.name == "boolean" or (sql_type.name == "tinyint" and sql_type.args == (1,)):
        return "bool"
    if sql_type.name in _INTEGERS:
        return "integer"
    if sql_type.name in _NUMBERS:
        return "decimal"
    if sql_type.name in ("json", "jsonb"):
        return "json"
    return "text"


@dataclass(frozen=True)
class Sql:
    """The fragment writer handed to templates as `sql`."""

    dialect: Dialect

    def q(self, name: str) -> str:
        return quote(self.dialect, name)

    def names(self, names) -> str:
        return ", ".join(self.q(name) for name in names)

    def literal(self, text: str) -> str:
        return string_literal(self.dialect, text)

    def type(self, column: Column) -> str:
        sql_type = column.type
        if column.auto_increment and not self.dialect.auto_increment_keyword:
            return _SERIAL.get(sql_type.name, sql_type.name)
        if sql_type.values:
            listed = ", ".join(self.literal(value) for value in sql_type.values)
            return f"{sql_type.name}({listed})"
        return str(sql_type)

    def default(self, column: Column) -> str | None:
        value = column.default
        if value is None:
            return None
        if value.kind == "expression":
            return self._expression_default(value)
        return self._literal_default(column.type, value)

    def _expression_default(self, value: Default) -> str:
        text = value.value
        bare = not _NOW.match(text) and not text.startswith("(")
        if self.dialect.parenthesized_defaults and bare:
            return f"({text})"  # MySQL takes any other expression only in parentheses
        return text

    def _literal_default(self, sql_type: SqlType, value: Default) -> str:
        family = type_family(sql_type)
        if family == "bool":
            if self.dialect.boolean_digits:
                return "1" if value.value == "true" else "0"
            return value.value
        if family in ("integer", "decimal"):
            return value.value
        text = self.literal(value.value)
        if self.dialect.text_default_expression and sql_type.name in _TEXT_LIKE:
            return f"({text})"
        return text

    def column(self, column: Column) -> str:
        """A full column definition as CREATE TABLE and ADD COLUMN write it."""
        parts = [self.q(column.name), self.type(column)]
        if column.collation:
            parts.append(f"COLLATE {self.q(column.collation)}")
        parts.append("NULL" if column.nullable else "NOT NULL")
        default = self.default(column)
        if default is not None:
            parts.append(f"DEFAULT {default}")
        if column.auto_increment and self.dialect.auto_increment_keyword:
            parts.append("AUTO_INCREMENT")
        if column.comment is not None and self.dialect.inline_comments:
            parts.append(f"COMMENT {self.literal(column.comment)}")
        return " ".join(parts)

    def index_columns(self, index: Index) -> str:
        parts = []
        for part in index.columns:
            text = self.q(part.name)
            if part.length:
                text += f"({part.length})"
            if part.descending:
                text += " DESC"
            parts.append(text)
        return ", ".join(parts)

    def actions(self, fk: ForeignKey) -> str:
        text = ""
        if fk.on_delete != "no action":
            text += f" ON DELETE {fk.on_delete.upper()}"
        if fk.on_update != "no action":
            text += f" ON UPDATE {fk.on_update.upper()}"
        return text

    def table_options(self, options: tuple[tuple[str, str], ...]) -> str:
        spelled = {"engine": "ENGINE={}", "charset": "DEFAULT CHARSET={}",
                   "collation": "COLLATE={}", "row_format": "ROW_FORMAT={}"}
        chosen = dict(options)
        order = ("engine", "charset", "collation", "row_format")
        return " ".join(spelled[key].format(chosen[key]) for key in order if key in chosen)

    def table_body(self, table: Table, inline: list[Index]) -> str:
        """The inside of CREATE TABLE, one item a line. Only the start of each item is
        indented: a string literal that holds a line break stays byte for byte as it is."""
        indent = " " * self.dialect.create_table_indent
        return ",\n".join(indent + item for item in self.table_items(table, inline))

    def table_items(self, table: Table, inline: list[Index]) -> list[str]:
        """The lines inside CREATE TABLE: columns, primary key, inline keys, checks."""
        items = [self.column(column) for column in table.columns]
        if table.primary_key:
            key = table.primary_key
            named = f"CONSTRAINT {self.q(key.name)} " if self.dialect.named_primary_key else ""
            items.append(f"{named}PRIMARY KEY ({self.names(table.primary_key.columns)})")
        for index in inline:
            items.append(self.inline_index(index))
        for check in table.checks:
            items.append(f"CONSTRAINT {self.q(check.name)} CHECK ({check.expression})")
        return items

    def inline_index(self, index: Index) -> str:
        if index.constraint:
            return f"CONSTRAINT {self.q(index.name)} UNIQUE ({self.index_columns(index)})"
        kind = "UNIQUE KEY" if index.unique else "KEY"
        return f"{kind} {self.q(index.name)} ({self.index_columns(index)})"
