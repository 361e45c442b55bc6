"""What the servers and their catalogs do differently, as data the live code asks.

`Server` holds what depends on the target dialect (the driver, the databases that name the
server itself, which foreign key actions the engine does not tell apart). `Flavor` holds
what depends on the server actually answering a MySQL-family URL, MySQL 8 or MariaDB, since
their catalogs spell the same facts differently. docs/normalization.md lists them all.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Server:
    driver: str  # "psycopg" (PostgreSQL) or "pymysql" (MySQL family)
    maintenance: tuple[str, ...]  # database names that stand for the server, never verified
    # PostgreSQL 13+: DROP DATABASE ... WITH (FORCE) ends sessions still open in it.
    drop_suffix: str
    # Run before dropping tables that reference each other in one statement: InnoDB
    # checks foreign keys table by table unless told not to; PostgreSQL needs nothing.
    before_drop_tables: str
    # Actions the engine treats as one. InnoDB checks NO ACTION at once, exactly like
    # RESTRICT, and the catalog reports either for an unspecified action:
    # https://dev.mysql.com/doc/refman/8.0/en/create-table-foreign-keys.html
    same_actions: tuple[frozenset[str], ...] = ()
    # The catalog shows a column default in utf8mb3, so a character outside the Basic
    # Multilingual Plane (an emoji) reads back as '?', though rows get the right value.
    # (A comment is kept in utf8mb3 itself: there the '?' is the truth, not a display.)
    defaults_bmp_only: bool = False


_INNODB_ACTIONS = (frozenset({"restrict", "no action"}),)
_UNCHECKED = "SET FOREIGN_KEY_CHECKS = 0"
_MYSQL_SYSTEM = ("", "mysql", "information_schema", "performance_schema", "sys")

SERVERS: dict[str, Server] = {
    "postgres": Server("psycopg", ("", "postgres", "template1"), " WITH (FORCE)", ""),
    "mysql": Server("pymysql", _MYSQL_SYSTEM, "", _UNCHECKED, _INNODB_ACTIONS, True),
    "mariadb": Server("pymysql", _MYSQL_SYSTEM, "", _UNCHECKED, _INNODB_ACTIONS, True),
}


@dataclass(frozen=True)
class Flavor:
    """How one MySQL-family server spells its catalog."""

    name: str
    dialect: str  # the target this server verifies
    # MariaDB 10.2.7+: COLUMN_DEFAULT is SQL (`'x'`, `0`, `current_timestamp()`) and a
    # nullable column without a default says the text `NULL`. MySQL 8 gives the bare value
    # and marks an expression with DEFAULT_GENERATED in EXTRA.
    # https://mariadb.com/kb/en/information-schema-columns-table/
    quoted_defaults: bool
    # MySQL 8 prints expression defaults and check clauses with quotes and backslashes
    # escaped (`_utf8mb4\'[]\'`); MariaDB prints them as plain SQL.
    escaped_expressions: bool
    # MariaDB's CHECK_CONSTRAINTS has TABLE_NAME and LEVEL; MySQL 8's has neither, and its
    # check names are unique per schema, so TABLE_CONSTRAINTS gives the table.
    checks_name_table: bool
    # MariaDB: JSON is LONGTEXT (collation utf8mb4_bin) with a column CHECK json_valid(col).
    # https://mariadb.com/kb/en/json-data-type/
    json_as_longtext: bool


MYSQL8 = Flavor("MySQL", "mysql", quoted_defaults=False, escaped_expressions=True,
                checks_name_table=False, json_as_longtext=False)
MARIADB = Flavor("MariaDB", "mariadb", quoted_defaults=True, escaped_expressions=False,
                 checks_name_table=True, json_as_longtext=True)


def flavor_of(version: str) -> Flavor:
    """The flavor from `SELECT VERSION()`: MariaDB says so in its version string."""
    return MARIADB if "mariadb" in version.lower() else MYSQL8
