"""Literal defaults in one normal form per type family, so equal values compare equal.

`false`, `0` and `'0'` are one boolean; `0.70` and `0.7` one decimal; JSON is compact
text with its keys in the order written. A value that cannot belong to the column's type,
or that a server would refuse or round (out of range, too many digits, too long), raises
ValueError with a sentence for the user. Nothing is converted behind the user's back: a
number on a text column is an error, never the text of the number.
"""

from __future__ import annotations

import ipaddress
import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

_NOW = "for the current time use `default_sql: CURRENT_TIMESTAMP` instead of a literal"
_TRUE = {"true", "1", "t", "yes", "on", "b'1'"}
_FALSE = {"false", "0", "f", "no", "off", "b'0'"}


@dataclass(frozen=True)
class Fit:
    """What a column takes beyond its family: the limits its server enforces."""

    type_name: str  # the portable type: tinyint, decimal, string, ip_address, ...
    args: tuple[int, ...] = ()  # its arguments with defaults filled in: (p, s), (n,)
    unsigned: bool = False
    epoch_timestamp: bool = False  # a 32-bit TIMESTAMP (MySQL, MariaDB): 1970 to 2038
    signed_bits: int | None = None  # no UNSIGNED types (PostgreSQL): the signed width stored


def normalize(value: Any, family: str, fit: Fit | None = None) -> str:
    """The normal text of a literal default for a column of the given type family.

    With `fit`, the value must also be one the column's server stores as written.
    """
    text = _HANDLERS.get(family, _text)(value)
    if fit is not None:
        _check_fit(value, text, fit)
    return text


def state_number(number: Decimal) -> float | str:
    """A float when it holds every digit (so the state file reads as written), else text."""
    as_float = float(number)
    return as_float if Decimal(repr(as_float)) == number else str(number)


def plain_numbers(value: Any) -> Any:
    """JSON data with exact YAML numbers (Decimal) as int when whole, else float."""
    if isinstance(value, Decimal):
        return int(value) if value.is_finite() and value == value.to_integral_value() \
            else float(value)
    if isinstance(value, dict):
        return {key: plain_numbers(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain_numbers(item) for item in value]
    return value


def _shown(value: Any) -> str:
    """A value as the user wrote it: numbers bare, text quoted."""
    return str(value) if isinstance(value, (int, float, Decimal)) else repr(value)


def _boolean(value: Any) -> str:
    text = str(value).strip().lower()
    if isinstance(value, bool):
        return "true" if value else "false"
    if text in _TRUE:
        return "true"
    if text in _FALSE:
        return "false"
    raise ValueError(f"{_shown(value)} is not a boolean; write true or false.")


def _integer(value: Any) -> str:
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is a boolean, not an integer; write a number.")
    number = _decimal(value)
    if not number.is_finite():
        raise ValueError(f"{_shown(value)} is not a whole number; write an integer.")
    if number != number.to_integral_value():
        raise ValueError(f"{_shown(value)} is not a whole number; write an integer.")
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
        raise ValueError(f"{_shown(value)} is not a number; write a number.") from None


def _json(value: Any) -> str:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as error:
            raise ValueError(f"the text is not valid JSON ({error.msg}); fix the JSON.") from None
    try:
        return json.dumps(plain_numbers(value), separators=(",", ":"), ensure_ascii=False,
                          allow_nan=False)
    except ValueError:
        raise ValueError("JSON has no infinity or NaN; write a finite number.") from None


def _text(value: Any, kind: str = "text") -> str:
    if isinstance(value, (dict, list)):
        raise ValueError("a mapping or list is only a default for a json column; quote it.")
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is a boolean on a {kind} column; quote it if it is text.")
    if isinstance(value, (int, float, Decimal)):
        raise ValueError(f"{value} is a number on a {kind} column; quote it: "
                         f"default: '{value}'.")
    return str(value)


def _moment(pattern: str, example: str, kind: str, hint: str):
    def check(value: Any) -> str:
        text = _text(value, kind).strip()
        try:
            datetime.strptime(text, pattern)
        except ValueError:
            if "." in text and "%S" in pattern:
                try:
                    datetime.strptime(text, pattern + ".%f")
                    return text
                except ValueError:
                    pass
            raise ValueError(f"{value!r} is not a fixed {example} literal; {hint}.") from None
        return text

    return check


_HANDLERS = {
    "bool": _boolean,
    "integer": _integer,
    "decimal": _number,
    "float": _number,
    "json": _json,
    "date": _moment("%Y-%m-%d", "date (YYYY-MM-DD)", "date", _NOW),
    "time": _moment("%H:%M:%S", "time (HH:MM:SS)", "time",
                    "write the time of day as HH:MM:SS, like '09:30:00'"),
    "timestamp": _moment("%Y-%m-%d %H:%M:%S", "date and time (YYYY-MM-DD HH:MM:SS)",
                         "timestamp", _NOW),
    "string": lambda value: _text(value),
    "uuid": lambda value: _text(value, "uuid"),
    "enum": lambda value: _text(value),
}


# https://dev.mysql.com/doc/refman/8.0/en/integer-types.html ; PostgreSQL has no tinyint and
# stores it as smallint, but the portable type promises what every target can hold.
_INTEGER_BITS = {"tinyint": 8, "smallint": 16, "integer": 32, "bigint": 64}
# https://dev.mysql.com/doc/refman/8.0/en/datetime.html (the range is in UTC)
_EPOCH_RANGE = (datetime(1970, 1, 1, 0, 0, 1), datetime(2038, 1, 19, 3, 14, 7))


def _check_fit(value: Any, text: str, fit: Fit) -> None:
    """Refuse what the server refuses, rounds or cuts, with the limit in the sentence."""
    if fit.type_name in _INTEGER_BITS:
        _check_integer(int(text), fit)
    elif fit.type_name in ("decimal", "float", "double"):
        _check_number(Decimal(text), fit)
    elif fit.type_name in ("string", "char") and len(text) > fit.args[0]:
        raise ValueError(f"'{text}' is {len(text)} characters long; {fit.type_name}"
                         f"({fit.args[0]}) holds at most {fit.args[0]}.")
    elif fit.type_name == "char" and text != text.rstrip(" "):
        # https://dev.mysql.com/doc/refman/8.0/en/char.html (trailing spaces are removed)
        raise ValueError(f"'{text}' ends in spaces, which MySQL and MariaDB cut from a char "
                         "default (a char is padded with spaces anyway); remove them.")
    elif fit.type_name == "uuid":
        _check_uuid(text)
    elif fit.type_name == "ip_address":
        _check_ip(text)
    elif fit.epoch_timestamp:
        _check_epoch(text)


def _check_integer(number: int, fit: Fit) -> None:
    bits = _INTEGER_BITS[fit.type_name]
    low, high = (0, 2 ** bits - 1) if fit.unsigned else (-(2 ** (bits - 1)), 2 ** (bits - 1) - 1)
    if fit.unsigned and fit.signed_bits:  # PostgreSQL keeps it in a signed type
        high = min(high, 2 ** (fit.signed_bits - 1) - 1)
    if not low <= number <= high:
        kind = f"{fit.type_name} unsigned" if fit.unsigned else fit.type_name
        raise ValueError(f"{number} is outside the range of {kind} ({low} to {high}); "
                         "choose a value in range or a larger type.")


def _check_number(number: Decimal, fit: Fit) -> None:
    if not number.is_finite():
        raise ValueError(f"{number} is not a finite number; write a finite number (MySQL "
                         "and MariaDB store no infinity or NaN).")
    if fit.unsigned and number < 0:
        raise ValueError(f"{number} is negative on an unsigned column; write 0 or more.")
    if fit.type_name != "decimal":
        return
    precision, scale = fit.args
    exponent = number.as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    whole = len(str(abs(int(number)))) if abs(number) >= 1 else 0
    if places > scale or whole > precision - scale:
        raise ValueError(f"{number} does not fit decimal({precision},{scale}) (at most "
                         f"{precision - scale} digits before the point and {scale} after); "
                         "the servers would round or refuse it, so write it as stored.")


def _check_uuid(text: str) -> None:
    try:
        canonical = str(uuid.UUID(text))
    except ValueError:
        canonical = ""
    if canonical != text.lower():
        raise ValueError(f"'{text}' is not a uuid; write 32 hex digits as 8-4-4-4-12, like "
                         "'123e4567-e89b-12d3-a456-426614174000'.")


def _check_ip(text: str) -> None:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        raise ValueError(f"'{text}' is not an IPv4 or IPv6 address; write one like "
                         "'192.0.2.1' or '2001:db8::1'.") from None


def _check_epoch(text: str) -> None:
    moment = datetime.fromisoformat(text)
    if not _EPOCH_RANGE[0] <= moment <= _EPOCH_RANGE[1].replace(microsecond=999999):
        raise ValueError(f"'{text}' is outside the TIMESTAMP range of MySQL and MariaDB "
                         "('1970-01-01 00:00:01' to '2038-01-19 03:14:07' UTC); use a "
                         "datetime column or a date in range.")


def json_equal(left: str, right: str) -> bool:
    """Two JSON texts with the same value (MySQL re-spaces JSON it stores)."""
    try:
        return json.loads(left) == json.loads(right)
    except json.JSONDecodeError:
        return left == right
