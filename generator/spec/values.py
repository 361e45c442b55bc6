"""Literal defaults in one normal form per type family, so equal values compare equal.

`false`, `0` and `'0'` are one boolean; `0.70` and `0.7` one decimal; JSON is compact
text with its keys in the order written. A value that cannot belong to the column's type
raises ValueError with a sentence for the user.
"""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

_TRUE = {"true", "1", "t", "yes", "on", "b'1'"}
_FALSE = {"false", "0", "f", "no", "off", "b'0'"}


def normalize(value: Any, family: str) -> str:
    """The normal text of a literal default for a column of the given type family."""
    handler = _HANDLERS.get(family, _text)
    return handler(value)


def _boolean(value: Any) -> str:
    text = str(value).strip().lower()
    if isinstance(value, bool):
        return "true" if value else "false"
    if text in _TRUE:
        return "true"
    if text in _FALSE:
        return "false"
    raise ValueError(f"{value!r} is not a boolean; write true or false.")


def _integer(value: Any) -> str:
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is a boolean, not an integer; write a number.")
    number = _decimal(value)
    if number != number.to_integral_value():
        raise ValueError(f"{value!r} is not a whole number; write an integer.")
    return str(int(number))


def _number(value: Any) -> str:
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is a boolean, not a number; write a number.")
    text = format(_decimal(value).normalize(), "f")
    return "0" if text in ("-0", "0") else text


def _decimal(value: Any) -> Decimal:
    try:
        return Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a number; write a number.") from None


def _json(value: Any) -> str:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as error:
            raise ValueError(f"the text is not valid JSON ({error.msg}); fix the JSON.") from None
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _text(value: Any) -> str:
    if isinstance(value, (dict, list)):
        raise ValueError("a mapping or list is only a default for a json column; quote it.")
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is a boolean on a text column; quote it if it is text.")
    return str(value)


def _moment(pattern: str, example: str):
    def check(value: Any) -> str:
        text = str(value).strip()
        try:
            datetime.strptime(text, pattern)
        except ValueError:
            if "." in text and "%S" in pattern:
                try:
                    datetime.strptime(text, pattern + ".%f")
                    return text
                except ValueError:
                    pass
            raise ValueError(
                f"{value!r} is not a fixed {example} literal; for the current time use "
                "`default_sql: CURRENT_TIMESTAMP` instead of a literal.") from None
        return text

    return check


_HANDLERS = {
    "bool": _boolean,
    "integer": _integer,
    "decimal": _number,
    "float": _number,
    "json": _json,
    "date": _moment("%Y-%m-%d", "date (YYYY-MM-DD)"),
    "time": _moment("%H:%M:%S", "time (HH:MM:SS)"),
    "timestamp": _moment("%Y-%m-%d %H:%M:%S", "date and time (YYYY-MM-DD HH:MM:SS)"),
}


def json_equal(left: str, right: str) -> bool:
    """Two JSON texts with the same value (MySQL re-spaces JSON it stores)."""
    try:
        return json.loads(left) == json.loads(right)
    except json.JSONDecodeError:
        return left == right
