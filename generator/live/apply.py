"""Run generated statements on a live database, in order, stopping at the first failure."""

from __future__ import annotations

import logging
from typing import Any

from .. import dialects
from .connect import LiveError, connect

log = logging.getLogger("schemagen.verify")


class ApplyError(LiveError):
    """A statement the server refused: which one (1-based), its text and the server's word."""

    def __init__(self, number: int, statement: str, reason: str):
        self.number = number
        self.statement = statement
        self.reason = reason
        super().__init__(f"Statement {number} failed: {reason}\n{statement}")


def apply_statements(url: str, dialect: str, statements: list[str]) -> None:
    """Run `statements` on the database `url` names; raise ApplyError naming the failing one.

    Where DDL is transactional (PostgreSQL) they run in one transaction, so a failure leaves
    the database as it was; elsewhere each statement commits on its own.
    """
    with connect(url, dialect) as connection:
        if dialects.get(dialect).transactional_ddl:
            with connection.transaction():
                _run(connection, statements)
        else:
            _run(connection, statements)
    log.info("applied %d statement(s)", len(statements))


def _run(connection: Any, statements: list[str]) -> None:
    for number, statement in enumerate(statements, start=1):
        try:
            with connection.cursor() as cursor:
                cursor.execute(statement)
        except Exception as error:  # noqa: BLE001 - each driver has its own error classes
            if not _is_server_error(error):
                raise
            reason = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
            raise ApplyError(number, statement, reason) from None


def _is_server_error(error: Exception) -> bool:
    import psycopg
    import pymysql

    return isinstance(error, (psycopg.Error, pymysql.err.MySQLError))
