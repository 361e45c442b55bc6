"""Proof of an import on a live server: the original DDL and the DDL generated from its import
build the same catalog, apart from what the import reported.

The original is applied statement by statement to an empty database (a dump may hold a
statement this server refuses: a newer server's setting, a missing extension; those are
kept as failures, not hidden), and its catalog is read. The import is compiled and its
CREATE statements generated (`generator.pipeline`, `generator.render.create_all`), applied
to another empty database, and read. `generator.compare.differences` lists what differs;
a difference is explained when a note of the import (or a statement the server refused in
the original) names the table and the object it is about.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import sqlglot
from sqlglot import exp

from .. import dialects
from ..live.connect import connect, scratch_database
from .notes import Note
from .split import Statement, split
from .statements import noise_kind

SERVER_DIALECT = {"postgres": "postgres", "mysql": "mariadb"}  # the server each file runs on

# Statements of the original not run: they leave the scratch database, carry data the
# catalog does not need, or cannot run through a driver (COPY ... FROM stdin).
NOT_APPLIED = {"CREATE/DROP DATABASE and USE", "INSERT statements (data)",
               "COPY statements (data)", "UPDATE/DELETE statements (data)",
               "queries (SELECT)", "sequence positions (setval)"}
_DIFFERENCE = re.compile(r"^table (?P<table>[^:]+): (?:(?P<kind>column|index|foreign key|check) "
                         r"(?P<name>[^:]+):|(?P<other>.*))")


_SCRATCH = re.compile(r"\b[a-z][a-z0-9_]*_\d+_[0-9a-f]{8}\.")


@dataclass
class Refused:
    """A statement the server refused: where, what, why."""

    line: int
    table: str | None
    reason: str


@dataclass
class Proof:
    """The outcome for one file."""

    notes: list[Note]
    refused_original: list[Refused] = field(default_factory=list)
    refused_generated: list[Refused] = field(default_factory=list)
    differences: list[str] = field(default_factory=list)
    unexplained: list[str] = field(default_factory=list)

    @property
    def unexplained_refusals(self) -> list[Refused]:
        """Generated statements refused for a reason the original was not refused for."""
        reasons = {item.reason for item in self.refused_original}
        tables = {item.table for item in self.refused_original if item.table}
        return [item for item in self.refused_generated
                if item.reason not in reasons and item.table not in tables]

    @property
    def equal(self) -> bool:
        return not self.unexplained and not self.unexplained_refusals


def prove(text: str, dialect: str, notes: list[Note], schema_text: str, server_url: str,
          prefix: str) -> Proof:
    """Apply the original and the generated DDL to two scratch databases and compare."""
    from ..compare import differences
    from ..live.introspect import read_schema

    server = SERVER_DIALECT[dialect]
    proof = Proof(notes)
    with scratch_database(server_url, server, prefix) as original_url:
        proof.refused_original = apply_tolerant(original_url, server,
                                                original_statements(text, dialect))
        original = read_schema(original_url, server)
    with scratch_database(server_url, server, prefix) as generated_url:
        proof.refused_generated = apply_tolerant(generated_url, server,
                                                 generated_statements(schema_text, server))
        generated = read_schema(generated_url, server)
    proof.differences = differences(original, generated)
    proof.unexplained = [line for line in proof.differences
                         if not explained(line, notes, proof.refused_original)]
    return proof


def original_statements(text: str, dialect: str) -> list[Statement]:
    """The file's statements that build its schema in the current database."""
    kept = []
    for statement in split(text, dialect):
        if statement.kind != "sql" or noise_kind(statement) in NOT_APPLIED:
            continue
        if dialect == "mysql" and statement.words[:2] in (("CREATE", "SCHEMA"),
                                                          ("DROP", "SCHEMA")):
            continue  # a schema is a database on MySQL
        kept.append(statement)
    return kept


def generated_statements(schema_text: str, server: str) -> list[Statement]:
    """CREATE statements generated from the imported schema.yaml for `server`."""
    from ..pipeline import compile_file
    from ..render import create_all, render_all

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "schema.yaml"
        path.write_text(schema_text, encoding="utf-8")
        compiled = compile_file(path)
    schema = compiled.schemas[server]
    statements = render_all(create_all(schema), dialects.get(server))
    return [Statement(number, text) for number, text in enumerate(statements, start=1)]


def apply_tolerant(url: str, server: str, statements: list[Statement]) -> list[Refused]:
    """Run each statement on one connection, in order; the refused ones, not an exception."""
    refused = []
    with connect(url, server) as connection:
        for statement in statements:
            try:
                with connection.cursor() as cursor:
                    cursor.execute(statement.text)
            except Exception as error:  # noqa: BLE001 - each driver has its own classes
                if not _server_error(error):
                    raise
                reason = (str(error).strip().splitlines() or [type(error).__name__])[0]
                reason = _SCRATCH.sub("", reason)  # the scratch name changes every run
                refused.append(Refused(statement.line, _table_of(statement, server), reason))
    return refused


def _server_error(error: Exception) -> bool:
    import psycopg
    import pymysql

    return isinstance(error, (psycopg.Error, pymysql.err.MySQLError))


def _table_of(statement: Statement, server: str) -> str | None:
    """The table a refused statement creates or alters, when it is about one."""
    quiet = logging.getLogger("sqlglot")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        parsed = sqlglot.parse_one(statement.text, read=dialects.get(server).sqlglot)
    except sqlglot.errors.SqlglotError:
        return None
    finally:
        quiet.setLevel(level)
    table = parsed.find(exp.Table)
    return table.name if table is not None else None


def explained(line: str, notes: list[Note], refused: list[Refused]) -> bool:
    """A difference the import reported (or the original's own failure on this server)."""
    match = _DIFFERENCE.match(line)
    if match is None:
        return False
    table = match["table"]
    if any(item.table == table for item in refused):
        return True
    about = [note for note in notes if note.table == table]
    if any(note.subject in (f"table {table}", f"alter table {table}") for note in about):
        return True  # partitioning, inheritance, table options: the whole table differs
    name = match["name"]
    if name:
        return any(_mentions(note, name) for note in about)
    other = match["other"] or ""
    if other.startswith("column order"):
        return any(note.subject.startswith("column ") for note in about)
    if other.startswith("primary key"):
        return any("primary key" in note.subject or "primary key" in note.message
                   or note.subject.startswith("column ") for note in about)
    if other in ("missing", "unexpected"):  # a whole table: left out, or never created
        return any(note.subject == f"table {table}" or note.kind == "unparsed"
                   and _mentions(note, table) for note in notes)
    return False


def _mentions(note: Note, name: str) -> bool:
    pattern = re.compile(rf"(?<![\w]){re.escape(name)}(?![\w])")
    return bool(pattern.search(note.subject) or pattern.search(note.message))


# --- the published result ---------------------------------------------------------


def outcome(proof: Proof | None) -> str:
    """The result column: `equal`, `equal apart from reported items`, or `not equal`."""
    if proof is None:
        return "not run"
    if not proof.equal:
        return "not equal"
    if proof.differences or proof.refused_original:
        return "equal apart from reported items"
    return "equal"


def explanation(proof: Proof | None) -> str:
    """Why a result is what it is, in a sentence or two for the table."""
    if proof is None:
        return "live proof not run (--offline)"
    parts = []
    if proof.refused_original:
        first = proof.refused_original[0]
        parts.append(f"the original has {len(proof.refused_original)} statement(s) this server "
                     f"refuses (first, line {first.line}: {_short(first.reason)})")
    explained = [line for line in proof.differences if line not in proof.unexplained]
    if explained:
        kinds = Counter(_kind(line) for line in explained)
        listed = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items()))
        parts.append(f"{len(explained)} catalog difference(s), each on an item the import "
                     f"reported ({listed})")
    if proof.refused_generated:
        shared = len(proof.refused_generated) - len(proof.unexplained_refusals)
        first = (proof.unexplained_refusals or proof.refused_generated)[0]
        parts.append(f"{len(proof.refused_generated)} generated statement(s) refused, "
                     f"{shared} for a reason the original shares (first: "
                     f"{_short(first.reason)})")
    if proof.unexplained:
        shown = "; ".join(_short(line, 90) for line in proof.unexplained[:3])
        more = f" (+{len(proof.unexplained) - 3} more)" if len(proof.unexplained) > 3 else ""
        parts.append(f"{len(proof.unexplained)} unexplained difference(s): {shown}{more}")
    return "; ".join(parts) or "no difference"


def _short(text: str, limit: int = 110) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _kind(line: str) -> str:
    """What a difference line is about: column, index, foreign key, check, table..."""
    match = _DIFFERENCE.match(line)
    if match is None:
        return "other"
    if match["kind"]:
        return match["kind"]
    other = match["other"] or ""
    return "table" if other in ("missing", "unexpected") else other.split(" ")[0]
