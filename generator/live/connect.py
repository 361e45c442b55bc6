"""Server URLs, connections and scratch databases.

A URL is `postgresql://user:password@host:port/database`, `mysql://...` or
`mariadb://...`. A URL without a database (or naming a maintenance database such as
`postgres`) stands for the server; `scratch_database` creates a fresh database there and
drops it afterwards, whatever happens in between.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
from contextlib import contextmanager
from typing import Any
from collections.abc import Iterator
from urllib.parse import unquote, urlsplit, urlunsplit

from .. import dialects
from ..dialects import quote
from .quirks import SERVERS, Flavor, flavor_of

log = logging.getLogger("schemagen.verify")

SCHEMES = {"postgresql": "postgres", "postgres": "postgres", "mysql": "mysql",
           "mariadb": "mariadb"}
TIMEOUT_SECONDS = 5
_PREFIX = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


class LiveError(Exception):
    """A live server could not be used; the message says what to do."""


class ServerUnreachable(LiveError):
    """The server did not answer, refused the login, or lacks the database named."""


def dialect_from_url(url: str) -> str | None:
    """The dialect a URL's scheme names, or None for a scheme that names none."""
    return SCHEMES.get(urlsplit(url).scheme.lower())


def database_name(url: str) -> str:
    return unquote(urlsplit(url).path.lstrip("/"))


def with_database(url: str, name: str) -> str:
    """The same URL naming another database; the query string is kept."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def redact(url: str) -> str:
    """The URL with its password hidden, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(":" + parts.password + "@", ":***@", 1)
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def names_server(url: str, dialect: str) -> bool:
    """True when the URL names no database, or a maintenance one, rather than a schema."""
    return database_name(url) in SERVERS[dialect].maintenance


@contextmanager
def connect(url: str, dialect: str) -> Iterator[Any]:
    """An autocommit DB-API connection; ServerUnreachable when it cannot be opened."""
    driver = SERVERS[dialect].driver
    connection = _open_postgres(url) if driver == "psycopg" else _open_mysql(url)
    try:
        yield connection
    finally:
        connection.close()


def _open_postgres(url: str) -> Any:
    import psycopg

    # Without a database libpq would take the user's name; the server's own is `postgres`.
    target = url if database_name(url) else with_database(url, "postgres")
    try:
        return psycopg.connect(_libpq_url(target), autocommit=True,
                               connect_timeout=TIMEOUT_SECONDS)
    except psycopg.Error as error:
        raise _unreachable(url, error) from None


def _libpq_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(("postgresql",) + tuple(parts)[1:])


def _open_mysql(url: str) -> Any:
    import pymysql

    parts = urlsplit(url)
    try:
        return pymysql.connect(
            host=parts.hostname or "127.0.0.1", port=parts.port or 3306,
            user=unquote(parts.username or "root"), password=unquote(parts.password or ""),
            database=database_name(url) or None, charset="utf8mb4", autocommit=True,
            connect_timeout=TIMEOUT_SECONDS)
    except pymysql.err.MySQLError as error:
        raise _unreachable(url, error) from None


def _unreachable(url: str, error: Exception) -> ServerUnreachable:
    reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return ServerUnreachable(
        f"Cannot use the server at {redact(url)}: {reason}. Check the URL (user, password, "
        "host, port, database) and that the server is running.")


def rows(connection: Any, query: str, params: tuple = ()) -> list[tuple]:
    """All rows of one query; `%s` marks a parameter for both drivers."""
    with connection.cursor() as cursor:
        cursor.execute(query, params or None)
        return list(cursor.fetchall())


def server_version(url: str, dialect: str) -> str:
    """`SELECT VERSION()`: names the server (`10.11.19-MariaDB...`, `PostgreSQL 15.20 ...`)."""
    with connect(url, dialect) as connection:
        return str(rows(connection, "SELECT VERSION()")[0][0])


def flavor(connection: Any) -> Flavor:
    return flavor_of(str(rows(connection, "SELECT VERSION()")[0][0]))


def scratch_name(prefix: str = "sg_") -> str:
    """A database name nobody else uses: the prefix, the process id and random hex."""
    if not _PREFIX.match(prefix):
        raise ValueError(f"'{prefix}' cannot start a database name; use lower-case letters, "
                         "digits and underscores, starting with a letter.")
    return f"{prefix}{os.getpid()}_{secrets.token_hex(4)}"


@contextmanager
def scratch_database(server_url: str, dialect: str, prefix: str = "sg_") -> Iterator[str]:
    """The URL of a fresh empty database on the server, dropped afterwards even on failure."""
    name = scratch_name(prefix)
    quoted = quote(dialects.get(dialect), name)
    with connect(server_url, dialect) as connection:
        rows_affected(connection, f"CREATE DATABASE {quoted}")
    log.info("created scratch database %s", name)
    try:
        yield with_database(server_url, name)
    finally:
        _drop(server_url, dialect, quoted)


def _drop(server_url: str, dialect: str, quoted: str) -> None:
    suffix = SERVERS[dialect].drop_suffix
    with connect(server_url, dialect) as connection:
        rows_affected(connection, f"DROP DATABASE IF EXISTS {quoted}{suffix}")
    log.info("dropped scratch database %s", quoted)


def rows_affected(connection: Any, statement: str, params: tuple = ()) -> int:
    with connection.cursor() as cursor:
        cursor.execute(statement, params or None)
        return int(cursor.rowcount or 0)
