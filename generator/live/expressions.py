"""SQL expressions in one canonical form, so a catalog's spelling compares with the spec's.

Servers keep an expression in their own words: PostgreSQL adds casts and parentheses and
turns `IN (...)` into `= ANY (ARRAY[...])`, MariaDB turns `length()` into `octet_length()`,
MySQL 8 adds charset introducers. sqlglot parses both sides in the dialect, a bottom-up
rewrite removes what carries no meaning, and the two trees compare with `==`.
docs/normalization.md lists each rewrite.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import sqlglot
from sqlglot import exp

from ..dialects import Dialect


@dataclass(frozen=True)
class Constant:
    """A literal found in SQL: its value as text, None for NULL."""

    value: str | None


def canonical(text: str, dialect: Dialect) -> exp.Expression | None:
    """The canonical tree of an expression, or None when sqlglot cannot read it."""
    try:
        tree = sqlglot.parse_one(text, read=dialect.sqlglot)
    except sqlglot.errors.SqlglotError:
        return None
    return _rewrite(tree)


def same_expression(left: str, right: str, dialect: Dialect) -> bool:
    """Two expressions that mean the same once casts, parentheses and spelling are set aside."""
    if left.strip() == right.strip():
        return True
    left_tree, right_tree = canonical(left, dialect), canonical(right, dialect)
    if left_tree is None or right_tree is None:
        return _squeeze(left) == _squeeze(right)
    return left_tree == right_tree


def canonical_text(text: str, dialect: Dialect) -> str:
    """The canonical form as SQL, for messages and tests."""
    tree = canonical(text, dialect)
    return tree.sql(dialect=dialect.sqlglot) if tree is not None else _squeeze(text)


def constant_of(text: str, dialect: Dialect) -> Constant | None:
    """The literal an expression is (`'x'::text`, `_utf8mb4'x'`, `(-1)`), else None."""
    tree = canonical(text, dialect)
    if isinstance(tree, exp.Null):
        return Constant(None)
    if isinstance(tree, exp.Boolean):
        return Constant("true" if tree.this else "false")
    if isinstance(tree, exp.Literal):
        return Constant(str(tree.this))
    if isinstance(tree, exp.Neg) and isinstance(tree.this, exp.Literal):
        return Constant("-" + str(tree.this.this))
    return None


def in_list(text: str, dialect: Dialect) -> tuple[str, tuple[str, ...]] | None:
    """`(column, values)` when the expression is `column IN ('a', 'b', ...)`, else None."""
    tree = canonical(text, dialect)
    if isinstance(tree, exp.EQ) and isinstance(tree.this, exp.Column):
        items = [tree.expression]  # a one-value list, as PostgreSQL keeps it
    elif isinstance(tree, exp.In) and isinstance(tree.this, exp.Column):
        items = tree.expressions
    else:
        return None
    if not items or not all(isinstance(i, exp.Literal) and i.is_string for i in items):
        return None
    return tree.this.name, tuple(str(item.this) for item in items)


def _squeeze(text: str) -> str:
    return " ".join(text.lower().split())


# --- the rewrite -----------------------------------------------------------------------


def _rewrite(node: exp.Expression) -> exp.Expression:
    """Children first, then the node itself, so each rule sees canonical children."""
    for key, value in list(node.args.items()):
        if isinstance(value, exp.Expression):
            node.set(key, _rewrite(value))
        elif isinstance(value, list):
            node.set(key, [_rewrite(v) if isinstance(v, exp.Expression) else v for v in value])
    return _simplify(node)


def _simplify(node: exp.Expression) -> exp.Expression:
    for rule in _RULES:
        replaced = rule(node)
        if replaced is not None:
            return replaced
    return node


def _unwrap(node: exp.Expression) -> exp.Expression | None:
    # PostgreSQL adds casts and parentheses everywhere; MySQL 8 adds `_utf8mb4` introducers.
    if isinstance(node, exp.Paren):
        return node.this
    if isinstance(node, exp.Introducer):
        return node.expression
    if isinstance(node, (exp.Cast, exp.TryCast)):
        inner = node.this
        if isinstance(inner, exp.Literal) and inner.is_string and _is_numeric(node.to):
            number = _number(str(inner.this))  # '-1'::integer is the number -1
            return exp.Literal.number(number) if number is not None else inner
        return inner
    return None


def _is_numeric(to: exp.Expression) -> bool:
    return isinstance(to, exp.DataType) and to.is_type(*exp.DataType.NUMERIC_TYPES)


def _numbers(node: exp.Expression) -> exp.Expression | None:
    # 0.70 and 0.7 are one number; -(1) and '-1' too.
    if isinstance(node, exp.Neg) and isinstance(node.this, exp.Literal) \
            and not node.this.is_string:
        number = _number("-" + str(node.this.this))
        return exp.Literal.number(number) if number is not None else None
    if isinstance(node, exp.Literal) and not node.is_string:
        number = _number(str(node.this))
        if number is not None and number != str(node.this):
            return exp.Literal.number(number)
    return None


def _number(text: str) -> str | None:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        return None
    normal = format(value.normalize(), "f")
    return "0" if normal in ("-0", "0") else normal


def _names(node: exp.Expression) -> exp.Expression | None:
    # Unquoted names fold to lower case (PostgreSQL) or compare without case (MySQL).
    if isinstance(node, exp.Identifier) and (node.quoted or node.this != node.this.lower()):
        return exp.Identifier(this=node.this.lower(), quoted=False)
    return None


def _any_array(node: exp.Expression) -> exp.Expression | None:
    # PostgreSQL stores `x IN (a, b)` as `x = ANY (ARRAY[a, b])`, NOT IN as `<> ALL (...)`.
    if isinstance(node, exp.EQ) and isinstance(node.expression, exp.Any) \
            and isinstance(node.expression.this, exp.Array):
        return _simplify(exp.In(this=node.this, expressions=node.expression.this.expressions))
    if isinstance(node, exp.NEQ) and _is_all_array(node.expression):
        array = node.expression.expressions[0]
        return exp.Not(this=_simplify(exp.In(this=node.this, expressions=array.expressions)))
    return None


def _is_all_array(node: exp.Expression) -> bool:
    # sqlglot 30 reads `<> ALL (...)` as a call of a function named ALL.
    return isinstance(node, exp.Anonymous) and str(node.this).upper() == "ALL" \
        and len(node.expressions) == 1 and isinstance(node.expressions[0], exp.Array)


def _single_in(node: exp.Expression) -> exp.Expression | None:
    # PostgreSQL stores `x IN ('a')` as `x = 'a'`.
    if isinstance(node, exp.In) and len(node.expressions) == 1 and not node.args.get("query"):
        return exp.EQ(this=node.this, expression=node.expressions[0])
    return None


def _between(node: exp.Expression) -> exp.Expression | None:
    # PostgreSQL stores `x BETWEEN a AND b` as `x >= a AND x <= b`.
    if isinstance(node, exp.Between):
        low = exp.GTE(this=node.this.copy(), expression=node.args["low"])
        high = exp.LTE(this=node.this.copy(), expression=node.args["high"])
        return exp.And(this=low, expression=high)
    return None


def _functions(node: exp.Expression) -> exp.Expression | None:
    if not isinstance(node, exp.Anonymous):
        return None
    name = str(node.this).lower()
    arguments = node.expressions
    if name == "now":  # MySQL's now() is current_timestamp, as sqlglot reads it elsewhere
        return exp.CurrentTimestamp(this=arguments[0] if arguments else None)
    if name == "octet_length" and len(arguments) == 1:  # MariaDB's spelling of length()
        return exp.Length(this=arguments[0], binary=True)
    if name != node.this:
        return exp.Anonymous(this=name, expressions=arguments)
    return None


_RULES = (_unwrap, _numbers, _names, _any_array, _single_in, _between, _functions)
