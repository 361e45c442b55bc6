"""Statements to table drafts: what each kind of statement adds, changes or is reported as.

A dump's noise (SET, ownership, grants, data, client commands) is recognised from its first
words and counted without parsing; everything else is parsed with sqlglot one statement at a
time, so a statement it cannot read becomes one `unparsed` note and the import goes on.
"""

from __future__ import annotations

import logging
import re

import sqlglot
from sqlglot import exp
from sqlglot.tokens import TokenType
from sqlglot.optimizer.normalize_identifiers import normalize_identifiers

from .drafts import Drafts, SequenceDraft, TableDraft
from .notes import Notebook
from .split import Statement, tokenize
from . import alter, tables
from .tables import Reading, name_of

log = logging.getLogger("schemagen.import")

# First words that mark a statement with no schema in it: what it is counted as.
_NOISE = (
    (("SELECT", "PG_CATALOG.SET_CONFIG"), "SET statements"),
    (("SELECT", "PG_CATALOG.SETVAL"), "sequence positions (setval)"),
    (("SET",), "SET statements"),
    (("SELECT",), "queries (SELECT)"),
    (("GRANT",), "privileges (GRANT/REVOKE)"),
    (("REVOKE",), "privileges (GRANT/REVOKE)"),
    (("LOCK",), "LOCK/UNLOCK TABLES"),
    (("UNLOCK",), "LOCK/UNLOCK TABLES"),
    (("INSERT",), "INSERT statements (data)"),
    (("REPLACE",), "INSERT statements (data)"),
    (("UPDATE",), "UPDATE/DELETE statements (data)"),
    (("DELETE",), "UPDATE/DELETE statements (data)"),
    (("COPY",), "COPY statements (data)"),
    (("USE",), "CREATE/DROP DATABASE and USE"),
    (("CREATE", "DATABASE"), "CREATE/DROP DATABASE and USE"),
    (("DROP", "DATABASE"), "CREATE/DROP DATABASE and USE"),
    (("CREATE", "SCHEMA"), "CREATE/DROP SCHEMA"),
    (("DROP", "SCHEMA"), "CREATE/DROP SCHEMA"),
    (("BEGIN",), "transaction control"),
    (("START", "TRANSACTION"), "transaction control"),
    (("COMMIT",), "transaction control"),
    (("ROLLBACK",), "transaction control"),
    (("ANALYZE",), "maintenance (ANALYZE, VACUUM)"),
    (("VACUUM",), "maintenance (ANALYZE, VACUUM)"),
)
_CREATE_TABLE = re.compile(r"^\s*CREATE\s+(?:(?:TEMPORARY|TEMP|UNLOGGED)\s+)?TABLE\s", re.I)
_OWNER = re.compile(r"^\s*ALTER\s+.*\bOWNER\s+TO\s+\S+\s*$", re.I | re.S)


def read(statements: list[Statement], dialect: str, notebook: Notebook) -> Drafts:
    """Every statement read in file order into drafts; what cannot be read becomes a note."""
    drafts = Drafts(dialect)
    quiet = logging.getLogger("sqlglot")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # sqlglot warns on every statement it reads as a Command
    try:
        for statement in statements:
            notebook.statements += statement.kind == "sql"
            _statement(drafts, notebook, statement)
    finally:
        quiet.setLevel(level)
    from .finish import finish

    finish(drafts, notebook)
    return drafts


def _statement(drafts: Drafts, notebook: Notebook, statement: Statement) -> None:
    if statement.kind == "meta":
        notebook.skip("client commands (\\connect, ...)")
        return
    if statement.kind == "copy-data":
        notebook.skip("COPY data rows", statement.rows)
        return
    noise = noise_kind(statement)
    if noise:
        notebook.skip(noise)
        return
    text = statement.text
    try:
        parsed = sqlglot.parse_one(text, read=drafts.dialect)
    except sqlglot.errors.SqlglotError as error:
        parsed, text = _retry(statement, drafts.dialect, notebook)
        if parsed is None:
            first = str(error).splitlines()[0]
            notebook.add(statement.line, "unparsed", " ".join(statement.words[:3]).lower(),
                         f"sqlglot could not read this statement ({first}); it was left out.")
            return
    # PostgreSQL folds unquoted names to lower case; MySQL keeps them as written.
    parsed = normalize_identifiers(parsed, dialect=drafts.dialect)
    reading = Reading(drafts, notebook, statement.line, text)
    handler = _HANDLERS.get(type(parsed), _other)
    handler(reading, parsed)


# Spellings sqlglot does not read, with an equivalent it does, for this import's purpose.
_RETRIES = (
    (re.compile(r"^(CREATE\s+(?:UNIQUE\s+)?INDEX\s+.*?\s+ON\s+)ONLY\s+", re.I | re.S), r"\1",
     "ON ONLY (an index of a partitioned table's parent) is read as a plain index."),
)


def _retry(statement: Statement, dialect: str, notebook: Notebook
           ) -> tuple[exp.Expression | None, str]:
    for pattern, replacement, note in _RETRIES:
        if not pattern.match(statement.text):
            continue
        text = pattern.sub(replacement, statement.text, count=1)
        try:
            parsed = sqlglot.parse_one(text, read=dialect)
        except sqlglot.errors.SqlglotError:
            continue
        notebook.changed(statement.line, " ".join(statement.words[:3]).lower(), note)
        return parsed, text
    return None, statement.text


def noise_kind(statement: Statement) -> str | None:
    """What a statement without schema is counted as, or None if it needs reading."""
    words = statement.words
    for prefix, kind in _NOISE:
        if words[: len(prefix)] == prefix:
            return kind
    if words[:1] == ("ALTER",) and _OWNER.match(statement.text):
        return "ownership (OWNER TO)"
    return None


def _create(reading: Reading, parsed: exp.Create) -> None:
    kind = str(parsed.args.get("kind") or "").upper()
    if kind == "TABLE":
        _create_table(reading, parsed)
    elif kind == "INDEX":
        _create_index(reading, parsed)
    elif kind == "TYPE":
        _create_type(reading, parsed)
    elif kind == "SEQUENCE":
        _create_sequence(reading, parsed)
    else:
        reading.notebook.unsupported(reading.line, _gist(reading.source),
                                     f"a {kind.lower() or 'statement like this'} is not in "
                                     "schema.yaml; it was left out.")


def _create_table(reading: Reading, parsed: exp.Create) -> None:
    schema = parsed.this
    if not isinstance(schema, exp.Schema):
        name = name_of(schema)
        reading.notebook.unsupported(reading.line, f"table {name}", "CREATE TABLE ... AS or "
                                     "LIKE copies another table; it was left out.", name)
        reading.drafts.left_out.add(name)
        return
    name = schema.this.name
    if not _in_default_schema(reading, schema.this, f"table {name}"):
        reading.drafts.left_out.add(name)
        return
    if parsed.args.get("exists") and name in reading.drafts.tables:
        return
    draft = TableDraft(name, reading.line)
    for item in schema.expressions:
        if isinstance(item, exp.ColumnDef):
            column = tables.column(reading, draft, item)
            if column is not None:
                draft.set_column(column, reading.line_at(item))
        else:
            tables.table_item(reading, draft, item)
    table_properties(reading, draft, parsed.args.get("properties"))
    reading.drafts.tables[name] = draft


def _in_default_schema(reading: Reading, table: exp.Table, subject: str) -> bool:
    """PostgreSQL tables outside `public` are not imported: the format has one schema."""
    schema = table.args.get("db")
    if reading.dialect != "postgres" or schema is None or schema.name == "public":
        return True
    reading.notebook.unsupported(reading.line, subject, f"it is in schema {schema.name}; "
                                 "schema.yaml describes the tables of one schema (public), "
                                 "so it was left out.", table.name)
    return False


_OPTIONS = {
    exp.EngineProperty: "engine",
    exp.CharacterSetProperty: "charset",
    exp.CollateProperty: "collation",
    exp.RowFormatProperty: "row_format",
}


def table_properties(reading: Reading, draft: TableDraft,
                     properties: exp.Properties | list | None) -> None:
    """Table options (engine, charset...) into the draft; the rest reported."""
    found = properties.expressions if isinstance(properties, exp.Properties) else properties
    for prop in found or []:
        option = _OPTIONS.get(type(prop))
        if option:
            draft.options[option] = name_of(prop.this) or prop.this.sql()
        elif isinstance(prop, exp.SchemaCommentProperty):
            draft.comment = prop.this.this
        elif isinstance(prop, exp.AutoIncrementProperty):
            reading.notebook.skip("AUTO_INCREMENT counters (table option)")
        else:
            kind = "partitioning" if "Partition" in type(prop).__name__ else "table option"
            reading.notebook.unsupported(
                reading.line, f"table {draft.name}",
                f"{kind} `{prop.sql(reading.dialect)[:80]}` is not in schema.yaml; "
                "it was left out.", draft.name)


def _create_index(reading: Reading, parsed: exp.Create) -> None:
    index = parsed.this
    table_node = index.args.get("table")
    table_name = name_of(table_node)
    name = name_of(index.this) if index.this is not None else None
    subject = f"index {name or 'on ' + table_name}"
    draft = _table_for(reading, table_name, subject)
    if draft is None:
        return
    params = index.args.get("params") or exp.IndexParameters()
    columns = tables.index_columns(reading, draft, params.args.get("columns") or [],
                                   reading.line, name)
    if columns is None:
        return
    _index_extras(reading, params, subject, table_name)
    unique = bool(parsed.args.get("unique"))
    template = tables.NAMES[reading.dialect].unique if unique \
        else tables.NAMES[reading.dialect].index
    name = name or tables.unnamed(reading, draft, template, columns)
    using = name_of(params.args.get("using")).lower() or None
    where = params.args.get("where")
    from ..model import Index

    tables.add_index(draft, Index(
        name, columns, unique=unique, using=None if using == "btree" else using,
        where=tables.sql_of(reading, where.this, subject, table_name) if where is not None
        else None,
        origin=f"line {reading.line}"), reading.line)


def _index_extras(reading: Reading, params: exp.IndexParameters, subject: str,
                  table: str) -> None:
    for key in ("include", "with_storage", "tablespace", "partition_by", "on"):
        value = params.args.get(key)
        if value:
            reading.notebook.unsupported(reading.line, subject, f"its {key.replace('_', ' ')} "
                                         "clause is not in schema.yaml; it was left out.",
                                         table)


def _table_for(reading: Reading, name: str, subject: str) -> TableDraft | None:
    draft = reading.drafts.tables.get(name)
    if draft is not None:
        return draft
    why = ("that table was not imported" if name in reading.drafts.left_out
           else "that table is not created in this file")
    reading.notebook.unsupported(reading.line, subject, f"it is on table {name}, but {why}.",
                                 name)
    return None


def _create_type(reading: Reading, parsed: exp.Create) -> None:
    name = name_of(parsed.this)
    kind = parsed.args.get("expression")
    if isinstance(kind, exp.DataType) and kind.this == exp.DataType.Type.ENUM:
        values = tuple(value.this for value in kind.expressions)
        reading.drafts.enum_types[name] = values
        reading.drafts.enum_lines[name] = reading.line
        return
    reading.notebook.unsupported(reading.line, f"type {name}", "only enum types can become "
                                 "a column type in schema.yaml; it was left out.")


def _create_sequence(reading: Reading, parsed: exp.Create) -> None:
    name = name_of(parsed.this)
    props = parsed.args.get("properties")
    found = next((p for p in (props.expressions if props else [])
                  if isinstance(p, exp.SequenceProperties)), None)
    reading.drafts.sequences[name] = SequenceDraft(name, reading.line, _plain(found))


def _plain(props: exp.SequenceProperties | None) -> bool:
    """Options serial would give: start 1, step 1, cache 1, no bounds, no cycle."""
    if props is None:
        return True
    for key in ("start", "increment", "cache"):
        value = props.args.get(key)
        if value is not None and value.sql() != "1":
            return False
    if props.args.get("minvalue") is not None or props.args.get("maxvalue") is not None:
        return False
    options = {option.sql().upper() for option in props.args.get("options") or []}
    return options <= {"NO MINVALUE", "NO MAXVALUE", "NO CYCLE"}


def _comment(reading: Reading, parsed: exp.Comment) -> None:
    kind = str(parsed.args.get("kind") or "").upper()
    text = parsed.expression.this if isinstance(parsed.expression, exp.Literal) else None
    target = parsed.this
    if kind == "TABLE":
        draft = _table_for(reading, name_of(target), f"comment on table {name_of(target)}")
        if draft:
            draft.comment = text
        return
    if kind == "COLUMN" and isinstance(target, exp.Column):
        table_name = target.table
        draft = _table_for(reading, table_name, f"comment on column {table_name}.{target.name}")
        if draft and not draft.update_column(target.name, comment=text):
            reading.notebook.unsupported(reading.line, f"comment on {table_name}.{target.name}",
                                         "the column is not in the table.", table_name)
        return
    reading.notebook.unsupported(reading.line, f"comment on {kind.lower()} {name_of(target)}",
                                 "only table and column comments are in schema.yaml; it was "
                                 "left out.")


def _drop(reading: Reading, parsed: exp.Drop) -> None:
    kind = str(parsed.args.get("kind") or "").upper()
    dropped = False
    for target in parsed.args.get("tables") or [parsed.this]:
        name = name_of(target)
        if kind == "TABLE" and name in reading.drafts.tables:
            del reading.drafts.tables[name]
            dropped = True
        elif kind == "INDEX":
            dropped = alter.drop_index_anywhere(reading.drafts, name) or dropped
        elif kind == "SEQUENCE" and name in reading.drafts.sequences:
            del reading.drafts.sequences[name]
            dropped = True
        elif kind == "TYPE" and name in reading.drafts.enum_types:
            del reading.drafts.enum_types[name]
            dropped = True
    if not dropped:
        reading.notebook.skip("DROP ... of objects not created before (IF EXISTS)")


def _command(reading: Reading, parsed: exp.Command) -> None:
    if alter.command(reading, reading.source):
        return
    if _CREATE_TABLE.match(reading.source) and salvage_table(reading):
        return
    reading.notebook.unsupported(reading.line, _gist(reading.source), "schema.yaml has no "
                                 "place for this statement; it was left out.",
                                 _table_in(reading))


def _other(reading: Reading, parsed: exp.Expression) -> None:
    reading.notebook.unsupported(reading.line, _gist(reading.source), "schema.yaml has no "
                                 "place for this statement; it was left out.",
                                 _table_in(reading))


def salvage_table(reading: Reading) -> bool:
    """A CREATE TABLE whose table options sqlglot cannot read: read it without them.

    The options after the column list are cut at a top-level PARTITION (reported as
    partitioning) and, if sqlglot still cannot read them, dropped whole with a note.
    """
    text = reading.source
    tokens = tokenize(text, reading.dialect)
    close = _closing_paren(tokens)
    if close is None:
        return False
    head, options = text[:close + 1], text[close + 1:]
    cut = next((t.start - close - 1 for t in tokens if t.start > close
                and t.text.upper().split()[0] == "PARTITION"), None)
    attempts = [(options[:cut], options[cut:])] if cut is not None else []
    attempts.append(("", options))
    for kept, dropped in attempts:
        try:
            parsed = sqlglot.parse_one(head + kept, read=reading.dialect)
        except sqlglot.errors.SqlglotError:
            continue
        if not isinstance(parsed, exp.Create):
            continue
        parsed = normalize_identifiers(parsed, dialect=reading.dialect)
        name = parsed.this.this.name if isinstance(parsed.this, exp.Schema) else ""
        what = "partitioning" if dropped.lstrip().upper().startswith("PARTITION") \
            else "table options"
        reading.notebook.unsupported(reading.line, f"table {name}",
                                     f"{what} `{_gist(dropped)}` is not in schema.yaml; it "
                                     "was left out.", name)
        _create(reading, parsed)
        return True
    return False


def _closing_paren(tokens: list) -> int | None:
    """The offset of the parenthesis that closes a CREATE TABLE's column list."""
    depth = 0
    for token in tokens:
        if token.token_type == TokenType.L_PAREN:
            depth += 1
        elif token.token_type == TokenType.R_PAREN:
            depth -= 1
            if depth == 0:
                return token.start
    return None


_CREATED = re.compile(
    r"^CREATE\s+(?:OR\s+REPLACE\s+)?(?:DEFINER\s*=\s*\S+\s+)?(?:SQL\s+SECURITY\s+\w+\s+)?"
    r"(?:ALGORITHM\s*=\s*\w+\s+)?(?:(?:UNIQUE|MATERIALIZED|RECURSIVE|TEMPORARY|TEMP|TRUSTED|"
    r"CONSTRAINT)\s+)?(?P<kind>VIEW|TRIGGER|FUNCTION|PROCEDURE|RULE|AGGREGATE|EXTENSION|DOMAIN|"
    r"OPERATOR|EVENT|POLICY|PUBLICATION|CAST|COLLATION|LANGUAGE|SERVER|STATISTICS|TYPE|"
    r"SEQUENCE|INDEX)\s+(?:CONCURRENTLY\s+)?(?:IF\s+NOT\s+EXISTS\s+)?(?P<name>[`\"\w.$]+)",
    re.I)
_ON_TABLE = re.compile(r"\sON\s+(?:ONLY\s+)?(?:[`\"\w$]+\.)?[`\"]?(?P<table>[\w$]+)", re.I)


def _table_in(reading: Reading) -> str | None:
    """The table an index, trigger or rule is on (`... ON t`), folded as the server folds it."""
    flat = " ".join(reading.source.split())
    created = _CREATED.match(flat)
    if not created or created["kind"].upper() not in ("INDEX", "TRIGGER", "RULE"):
        return None
    found = _ON_TABLE.search(flat, created.end())
    if not found:
        return None
    name = found["table"]
    return name.lower() if reading.dialect == "postgres" and '"' not in flat[found.start():
                                                                           found.end()] else name


def _gist(source: str) -> str:
    """What a statement is, on one line, to name it in a note: `trigger upd_film`."""
    flat = " ".join(source.split())
    created = _CREATED.match(flat)
    if created:
        name = created["name"].replace("`", "").replace('"', "").rsplit(".", 1)[-1]
        return f"{created['kind'].lower()} {name}"
    return flat if len(flat) <= 70 else flat[:67] + "..."


def _alter(reading: Reading, parsed: exp.Alter) -> None:
    alter.alter(reading, parsed)


_HANDLERS = {
    exp.Create: _create,
    exp.Comment: _comment,
    exp.Drop: _drop,
    exp.Command: _command,
    exp.Alter: _alter,
}
