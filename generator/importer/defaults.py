"""Column defaults read from sqlglot: a literal value, an SQL expression, or a sequence.

A literal is data and becomes `default:`; anything computed becomes `default_sql:`; a
PostgreSQL `nextval('seq'::regclass)` is how serial columns look in a dump and is handed
back as the sequence's name so the caller can decide whether it is an auto-increment.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlglot import exp

from ..model import Default, SqlType
from ..spec.values import normalize
from ..sqltext import type_family


@dataclass(frozen=True)
class DefaultRead:
    default: Default | None = None
    sequence: str | None = None
    problem: str | None = None  # a literal that does not fit the column's type


def read(node: exp.Expression, sql_type: SqlType, dialect: str, source: str) -> DefaultRead:
    """What a DEFAULT clause holds; `source` is the statement text, for original spellings."""
    sequence = _sequence(node)
    if sequence:
        return DefaultRead(sequence=sequence)
    if isinstance(node, exp.Null):
        return DefaultRead()
    literal = _literal(node, sql_type)
    if literal is None:
        return DefaultRead(Default("expression", expression_sql(node, dialect, source)))
    family = "text" if sql_type.values else type_family(sql_type)
    try:
        return DefaultRead(Default("literal", normalize(literal, family)))
    except ValueError as error:
        return DefaultRead(problem=str(error))


def expression_sql(node: exp.Expression, dialect: str, source: str) -> str:
    """The expression as SQL of the dialect, keeping `now()` spelt as it was written."""
    text = node.sql(dialect)
    for found in node.find_all(exp.CurrentTimestamp):
        start, end = found.meta.get("start"), found.meta.get("end")
        if start is not None and source[start:end + 1].lower() == "now":
            text = text.replace(found.sql(dialect), "now()", 1)
    return text


def _sequence(node: exp.Expression) -> str | None:
    if not isinstance(node, exp.Anonymous) or str(node.this).lower() != "nextval":
        return None
    argument = node.expressions[0] if node.expressions else None
    while isinstance(argument, exp.Cast):
        argument = argument.this
    if isinstance(argument, exp.Literal) and argument.is_string:
        name = argument.this.rsplit(".", 1)[-1]
        return name.strip('"') if name.startswith('"') else name.lower()
    return None


def _literal(node: exp.Expression, sql_type: SqlType) -> object | None:
    """The literal value of a constant default (through parentheses and one cast)."""
    while isinstance(node, exp.Paren):
        node = node.this
    if isinstance(node, exp.Cast) and _plain_cast(node):
        node = node.this
    if isinstance(node, exp.Boolean):
        return node.this
    if isinstance(node, exp.Neg) and isinstance(node.this, exp.Literal) \
            and not node.this.is_string:
        return "-" + node.this.this
    if isinstance(node, exp.Literal):
        return node.this
    return None


def _plain_cast(node: exp.Cast) -> bool:
    """`'x'::character varying` is the literal 'x'; `'now'::text::date` is computed."""
    return isinstance(node.this, exp.Literal) and not isinstance(node.this, exp.Cast)
