"""What each target server can do, as data: code and templates ask these, never the name.

Where MariaDB and MySQL 8 differ, the difference is a field here with a note saying which
server does what. Links point at the vendor pages that document the behaviour.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Dialect:
    name: str
    title: str
    sqlglot: str  # the sqlglot dialect that parses this server's DDL
    templates: str  # folder under templates/
    quote: str  # identifier quote character
    identifier_limit: int  # maximum identifier length...
    identifier_unit: str  # ...counted in "bytes" (PostgreSQL) or "characters" (MySQL)
    index_key_bytes: int | None  # InnoDB DYNAMIC row format: 3072 bytes per index key
    charset_bytes: int  # bytes per character of the default charset (utf8mb4: 4)
    unsigned: bool  # UNSIGNED integer types exist
    native_enum: bool  # ENUM('a','b') column type; otherwise varchar + CHECK
    json_is_text: bool  # MariaDB: JSON is LONGTEXT with a json_valid() CHECK
    text_default_expression: bool  # MySQL 8.0.13+: TEXT/JSON defaults must be `('...')`
    backslash_escapes: bool  # a backslash escapes in string literals (MySQL default)
    transactional_ddl: bool  # DDL can be rolled back inside a transaction
    unique_constraints: bool  # UNIQUE is a constraint (PostgreSQL), not only an index
    partial_indexes: bool  # CREATE INDEX ... WHERE
    index_methods: bool  # CREATE INDEX ... USING gin
    prefix_indexes: bool  # KEY (col(191))
    fk_creates_index: bool  # InnoDB adds an index for a foreign key without one
    inline_comments: bool  # COMMENT '...' in the column definition (else COMMENT ON)
    schema_wide_index_names: bool  # index names share one namespace per schema
    schema_wide_constraint_names: bool  # FK and CHECK names unique per schema (MySQL)
    primary_key_name: str  # what the server calls a primary key ({table} is replaced)
    rename_column: bool  # ALTER TABLE ... RENAME COLUMN (MySQL 8.0 / MariaDB 10.5)
    table_options: bool  # ENGINE=, DEFAULT CHARSET=, COLLATE= on CREATE TABLE
    named_primary_key: bool  # CONSTRAINT name PRIMARY KEY (MySQL always calls it PRIMARY)
    auto_increment_keyword: bool  # AUTO_INCREMENT (MySQL); else serial or identity
    parenthesized_defaults: bool  # DEFAULT (expr) for expressions other than now()
    boolean_digits: bool  # booleans are tinyint(1): defaults are 0 and 1
    create_table_indent: int  # spaces before each item of CREATE TABLE (house style)
    # MODIFY COLUMN restates the whole column to change any part of it (MySQL); else each
    # part has its own ALTER COLUMN clause (PostgreSQL)
    restate_column: bool = False
    # TIMESTAMP is seconds since 1970 in 32 bits: '1970-01-01 00:00:01' to
    # '2038-01-19 03:14:07' UTC (https://dev.mysql.com/doc/refman/8.0/en/datetime.html)
    epoch_timestamp: bool = False

    def pk_name(self, table: str) -> str:
        return self.primary_key_name.format(table=table)


POSTGRES = Dialect(
    name="postgres",
    title="PostgreSQL 15+",
    sqlglot="postgres",
    templates="postgres",
    quote='"',
    # https://www.postgresql.org/docs/current/sql-syntax-lexical.html (NAMEDATALEN - 1)
    identifier_limit=63,
    identifier_unit="bytes",
    index_key_bytes=None,
    charset_bytes=4,
    unsigned=False,
    native_enum=False,
    json_is_text=False,
    text_default_expression=False,
    backslash_escapes=False,  # standard_conforming_strings is on since 9.1
    transactional_ddl=True,
    unique_constraints=True,
    partial_indexes=True,
    index_methods=True,
    prefix_indexes=False,
    fk_creates_index=False,
    inline_comments=False,
    schema_wide_index_names=True,
    schema_wide_constraint_names=False,
    primary_key_name="{table}_pkey",
    rename_column=True,
    table_options=False,
    named_primary_key=True,
    auto_increment_keyword=False,
    parenthesized_defaults=False,
    boolean_digits=False,
    create_table_indent=4,
)

MYSQL = Dialect(
    name="mysql",
    title="MySQL 8.0+",
    sqlglot="mysql",
    templates="mysql",
    quote="`",
    # https://dev.mysql.com/doc/refman/8.0/en/identifier-length.html
    identifier_limit=64,
    identifier_unit="characters",
    # https://dev.mysql.com/doc/refman/8.0/en/innodb-limits.html
    index_key_bytes=3072,
    charset_bytes=4,
    unsigned=True,
    native_enum=True,
    json_is_text=False,
    # https://dev.mysql.com/doc/refman/8.0/en/data-type-defaults.html
    text_default_expression=True,
    backslash_escapes=True,
    transactional_ddl=False,
    unique_constraints=False,
    partial_indexes=False,
    index_methods=False,
    prefix_indexes=True,
    fk_creates_index=True,
    inline_comments=True,
    schema_wide_index_names=False,
    schema_wide_constraint_names=True,
    primary_key_name="PRIMARY",
    rename_column=True,
    table_options=True,
    named_primary_key=False,
    auto_increment_keyword=True,
    # https://dev.mysql.com/doc/refman/8.0/en/data-type-defaults.html
    parenthesized_defaults=True,
    boolean_digits=True,
    create_table_indent=2,
    # https://dev.mysql.com/doc/refman/8.0/en/alter-table.html#alter-table-redefine-column
    restate_column=True,
    epoch_timestamp=True,
)

# MariaDB 10.11 shares the MySQL templates. Differences that matter here:
# JSON is an alias of LONGTEXT with a json_valid() CHECK
# (https://mariadb.com/kb/en/json-data-type/), and a literal default on TEXT/JSON is
# accepted as it is, so the expression form MySQL 8 needs is not used.
MARIADB = Dialect(
    **{
        **MYSQL.__dict__,
        "name": "mariadb",
        "title": "MariaDB 10.11+",
        "json_is_text": True,
        "text_default_expression": False,
    }
)

DIALECTS: dict[str, Dialect] = {d.name: d for d in (POSTGRES, MYSQL, MARIADB)}


def get(name: str) -> Dialect:
    return DIALECTS[name]


def quote(dialect: Dialect, name: str) -> str:
    """An identifier quoted for the dialect, with the quote character doubled inside."""
    q = dialect.quote
    return q + name.replace(q, q + q) + q


def string_literal(dialect: Dialect, text: str) -> str:
    """A string literal that stays data whatever it holds: quotes and backslashes escaped."""
    body = text.replace("'", "''")
    if dialect.backslash_escapes:
        body = text.replace("\\", "\\\\").replace("'", "''")
    return f"'{body}'"


def identifier_size(dialect: Dialect, name: str) -> int:
    if dialect.identifier_unit == "bytes":
        return len(name.encode("utf-8"))
    return len(name)
