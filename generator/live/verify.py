"""The live proof: apply out/<dialect>/schema.sql to an empty database, read it back, compare.

The statements applied are rendered again from the compiled schema, and that rendering
must equal out/<dialect>/schema.sql byte for byte: a stale out/ is refused rather than
verified, so what passes is exactly the file that is committed.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Iterator

from .. import dialects
from ..compare import differences
from ..generate import sql_file
from ..pipeline import Compiled
from ..render import create_all, render_all
from .apply import apply_statements
from .connect import (LiveError, connect, database_name, names_server, redact,
                      rows_affected, scratch_database, server_version)
from .introspect import is_empty, read_schema, table_names
from .quirks import SERVERS, flavor_of

log = logging.getLogger("schemagen.verify")


class Refused(LiveError):
    """Verification would be unsafe or meaningless: a database in use, a stale out/."""


class WrongServer(LiveError):
    """The URL's server is not the one the dialect targets (MariaDB for mysql, say)."""


@dataclass(frozen=True)
class Verification:
    dialect: str
    database: str  # the database used, as the server names it
    scratch: bool  # created for the run and dropped afterwards
    statements: int
    differences: list[str]


def server_dialect(url: str, dialect: str, explicit: bool) -> str:
    """The dialect to verify on the server at `url`.

    A MySQL-family server says in its version whether it is MariaDB. A dialect taken from
    the URL's scheme follows the server (`mysql://` at MariaDB verifies the mariadb target);
    an explicit one must match it, as MariaDB passing proves nothing about MySQL 8.
    """
    if SERVERS[dialect].driver != "pymysql":
        return dialect
    version = server_version(url, dialect)
    answering = flavor_of(version)
    if answering.dialect == dialect:
        return dialect
    if not explicit:
        log.info("%s answers %s; verifying the %s target", version, redact(url),
                 answering.dialect)
        return answering.dialect
    raise WrongServer(f"The server at {redact(url)} is {answering.name} ({version}), not the "
                      f"{dialects.get(dialect).title} the {dialect} target needs; point --url "
                      f"at such a server, or verify the {answering.dialect} target there.")


def snapshot_statements(compiled: Compiled, dialect: str, out: Path, source: str
                        ) -> list[str]:
    """The statements of out/<dialect>/schema.sql, refusing a file that is not current."""
    # TODO(verify): the migrations are not replayed; only the snapshot is proven live.
    target = dialects.get(dialect)
    statements = render_all(create_all(compiled.schemas[dialect]), target)
    path = out / dialect / "schema.sql"
    if not path.is_file():
        raise Refused(f"{path} does not exist; run `make generate` (or `schemagen generate`) "
                      "first, then verify.")
    if path.read_bytes() != sql_file(statements, source, target.title):
        raise Refused(f"{path} is out of date with {source}, so verifying it would prove "
                      "nothing; run `make generate` and commit the result, then verify.")
    return statements


def verify(compiled: Compiled, dialect: str, url: str, out: Path, source: str,
           scratch_prefix: str = "sg_verify_") -> Verification:
    """Apply the snapshot to an empty database at `url`, read it back, list the drift."""
    statements = snapshot_statements(compiled, dialect, out, source)
    with _empty_database(url, dialect, scratch_prefix, compiled) as (target, scratch):
        apply_statements(target, dialect, statements)
        actual = read_schema(target, dialect)
    found = differences(compiled.schemas[dialect], actual)
    log.info("%s: %d difference(s)", dialect, len(found))
    return Verification(dialect, database_name(target), scratch, len(statements), found)


@contextmanager
def _empty_database(url: str, dialect: str, prefix: str, compiled: Compiled
                    ) -> Iterator[tuple[str, bool]]:
    """A scratch database when the URL names the server; else the named one, if empty.

    A named database is left as it was found: the tables the run created are dropped.
    """
    if names_server(url, dialect):
        with scratch_database(url, dialect, prefix) as scratch:
            yield scratch, True
        return
    if not is_empty(url, dialect):
        raise Refused(f"The database {database_name(url)} at {redact(url)} is not empty; "
                      "verify never touches a database in use. Name an empty database, or "
                      "the server alone (no database) to let verify create a scratch one.")
    try:
        yield url, False
    finally:
        _drop_tables(url, dialect, [table.name for table in compiled.schemas[dialect].tables])


def _drop_tables(url: str, dialect: str, created: list[str]) -> None:
    present = [name for name in table_names(url, dialect) if name in created]
    if not present:
        return
    target = dialects.get(dialect)
    listed = ", ".join(dialects.quote(target, name) for name in present)
    before = SERVERS[dialect].before_drop_tables
    with connect(url, dialect) as connection:
        if before:
            rows_affected(connection, before)
        rows_affected(connection, f"DROP TABLE {listed}")
    log.info("dropped %d table(s) verify created in %s", len(present), database_name(url))
