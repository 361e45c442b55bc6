"""Hypothesis strategies that draw valid `schema.yaml` files as the plain dicts YAML holds.

The strategies know the validation rules (generator/checks/validate.py) and the limits of
the servers, and draw only files a correct tool must accept: every portable type with its
arguments, literal defaults of every family (hostile strings included), composite keys,
prefix and DESC indexes, composite, cyclic and self-referencing foreign keys, checks,
enums, names at the 63-byte limit and reserved words. A drawn file that fails validation
is a bug here or in the validator.

A schema is drawn in two passes: every table with its columns, keys, indexes and checks,
then foreign keys between the finished tables, so cycles need nothing special. A `Draft`
remembers every name given so far: object names are unique schema-wide, compared
case-insensitively, which satisfies the strictest namespace of every target at once.

The public strategies (`names`, `types`, `literal_defaults`, `comments`, `schemas`, ...)
compose as usual. Inside a schema the steps are plain functions that take `draw`, and
every strategy they use is built once: building strategies per draw made drawing slower
than compiling.

`KNOWN_BUGS` names what the strategies leave out only because the generator gets it wrong
today, each with the regression test that shows the bug. Drop an entry when its test
passes, and the strategies cover that ground again.
"""

from __future__ import annotations

import copy
import datetime
import json
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any, TypeVar

from hypothesis import strategies as st

from generator import naming

T = TypeVar("T")
Draw = Callable[[st.SearchStrategy[Any]], Any]

ALL_TARGETS = ("postgres", "mysql", "mariadb")

# What the strategies avoid until the generator is fixed -> the regression test showing it.
KNOWN_BUGS: dict[str, str] = {
    "float-unsigned": "tests/regressions/test_float_unsigned.py",
    "timestamptz-literal": "tests/regressions/test_timestamptz_literal_default.py",
    "hash-desc": "tests/regressions/test_hash_index_desc.py",
    "binary-default": "tests/regressions/test_binary_default.py",
    "current-timestamp-precision": "tests/regressions/test_current_timestamp_precision.py",
    "cascade-to-nullable": "tests/regressions/test_fk_actions_innodb.py",
    "four-byte-text-defaults": "tests/regressions/test_four_byte_characters_in_defaults.py",
    "check-on-fk-column": "tests/regressions/test_check_on_cascading_fk_column.py",
    "added-column-order": "tests/regressions/test_added_column_order_postgres.py",
    "check-named-like-json": "tests/regressions/test_check_named_like_json_column.py",
}

# InnoDB's limits with utf8mb4: https://dev.mysql.com/doc/refman/8.0/en/innodb-limits.html
KEY_BYTES = 3072
ROW_BYTES = 58_000  # under the 65,535-byte row limit, leaving room for foreign key columns
CHAR_BYTES = 4

RESERVED = ("order", "group", "key", "user", "select", "table", "index", "check",
            "default", "references", "desc", "limit", "from", "where")

# Characters that have broken DDL generators: quotes, backslashes, comment and statement
# markers, template markers, multi-byte and 4-byte UTF-8, line breaks.
HOSTILE = "ab Z09'\"\\`;-%_/*{}$#\n\t\ré名😀"
HOSTILE_SAMPLES = ("; DROP TABLE x; --", "it's", "C:\\temp", "\\", "'", "\\'", "''",
                   "😀", "{{ sql }}", "{% if %}", "$$", "/* x */", "名前", "a\nb", "")
IDENTIFIER_ODDITIES = ('we"ird', "back`tick", "it's", "two words", "dash-ed", "dol$lar",
                       "dot.ted", "ünï", "名前")


# --- drawing primitives ------------------------------------------------------------------


@cache
def _below(count: int) -> st.SearchStrategy[int]:
    return st.integers(0, count - 1)


def between(draw: Draw, low: int, high: int) -> int:
    """An integer in [low, high], shrinking towards `low`."""
    return low + draw(_below(high - low + 1))


def chance(draw: Draw, one_in: int) -> bool:
    """True once in `one_in` draws, on average."""
    return draw(_below(one_in)) == 0


def pick(draw: Draw, items: Sequence[T]) -> T:
    return items[draw(_below(len(items)))]


def some(draw: Draw, items: Sequence[T], low: int, high: int) -> list[T]:
    """Between `low` and `high` distinct items, in the order drawn."""
    pool = list(items)
    if len(pool) < low:
        return []
    return [pool.pop(draw(_below(len(pool))))
            for _ in range(between(draw, low, min(high, len(pool))))]


# --- names -------------------------------------------------------------------------------

_LETTERS = "abcdefghijklmnopqrstuvwxyz"

# One to three letters, an underscore, letters or digits: never a keyword of any target,
# so these names may stand unquoted in check expressions.
PLAIN_NAMES = st.builds("{}_{}".format, st.text(_LETTERS, min_size=1, max_size=3),
                        st.text(_LETTERS + "0123456789", min_size=1, max_size=10))


def _pad_to_limit(start: str, filler: str) -> str:
    room = naming.STRICTEST_LIMIT - len(start.encode())
    width = len(filler.encode())
    return start + filler * (room // width) + "z" * (room % width)


# Exactly 63 UTF-8 bytes (PostgreSQL's limit) of 1-, 2- or 3-byte characters, which stays
# within MySQL's 64 characters.
LONG_NAMES = st.builds(_pad_to_limit, PLAIN_NAMES, st.sampled_from(["x", "é", "名"]))

# Names that only work quoted: quotes, spaces, dots, non-ASCII.
ODD_NAMES = st.builds("{}_{}".format, st.sampled_from(IDENTIFIER_ODDITIES),
                      st.text("abc123", min_size=1, max_size=4))

NAMES = st.one_of(PLAIN_NAMES, PLAIN_NAMES, PLAIN_NAMES, st.sampled_from(RESERVED),
                  LONG_NAMES, ODD_NAMES)


def names() -> st.SearchStrategy[str]:
    """Any valid identifier, mostly plain."""
    return NAMES


def fold(name: str) -> str:
    """The form in which the most forgiving target (MySQL) compares two names."""
    return name.lower()


def is_plain(name: str) -> bool:
    """A name that may stand unquoted in an expression on every target."""
    head, _, tail = name.partition("_")
    return 1 <= len(head) <= 3 and head.isalpha() and head.isascii() and head.islower() \
        and tail.isascii() and tail.isalnum() and tail == tail.lower()


# --- types -------------------------------------------------------------------------------

_STRING_LENGTHS = (1, 2, 36, 100, 191, 255, 500, 768, 1000, 4000, 16383)
_INTEGER_BYTES = {"tinyint": 1, "smallint": 2, "integer": 4, "bigint": 8}
_TIME_KINDS = ("time", "timestamp", "timestamptz", "datetime")
_SIMPLE_KINDS = ("uuid", "text", "mediumtext", "longtext", "json", "jsonb", "boolean",
                 "float", "double", "date", "ip_address", "binary")
_NEEDS_PREFIX = ("text", "mediumtext", "longtext", "json", "jsonb", "binary")
_FIXED_KEY_BYTES = {"uuid": 36 * CHAR_BYTES, "ip_address": 45 * CHAR_BYTES, "boolean": 1,
                    "float": 4, "double": 8, "date": 3, "time": 6, "timestamp": 7,
                    "timestamptz": 7, "datetime": 8, "enum": 2, **_INTEGER_BYTES}


@dataclass(frozen=True)
class Typed:
    """A drawn column type: what the file says and what the strategies need to know."""

    text: str  # as written in the file, spelling variations included
    kind: str  # the portable type name
    args: tuple[int, ...] = ()  # with the kind's default arguments filled in
    unsigned: bool = False
    values: tuple[str, ...] = ()

    @property
    def keyable(self) -> bool:
        """Can be a primary or unique key column on every target, without a prefix."""
        return self.kind not in _NEEDS_PREFIX

    @property
    def is_string(self) -> bool:
        return self.kind in ("string", "char")

    def key_bytes(self, prefix: int | None = None) -> int:
        """An upper bound of the bytes the column takes in an InnoDB index key."""
        if self.is_string:
            return min(prefix or self.args[0], self.args[0]) * CHAR_BYTES
        if self.kind in _NEEDS_PREFIX:
            return (prefix or 0) * CHAR_BYTES
        if self.kind == "decimal":
            return self.args[0] // 2 + 1
        return _FIXED_KEY_BYTES[self.kind]

    def row_bytes(self) -> int:
        """An upper bound of the bytes the column takes in the fixed part of a row."""
        if self.is_string:
            return self.args[0] * CHAR_BYTES + 2
        return 20 if self.kind in _NEEDS_PREFIX else self.key_bytes()


def _spell(kind: str, args: tuple[int, ...], variant: int) -> str:
    """`decimal(10,2)`, `DECIMAL(10,2)` or `decimal(10, 2)`: all one type."""
    name = kind.upper() if variant == 1 else kind
    if not args:
        return name
    return f"{name}({(', ' if variant == 2 else ',').join(str(arg) for arg in args)})"


@st.composite
def _strings(draw: Draw) -> Typed:
    kind = pick(draw, ["string", "string", "char"])
    if kind == "char":
        length = between(draw, 1, 255)
    else:
        length = pick(draw, _STRING_LENGTHS) if draw(st.booleans()) else between(draw, 1, 800)
    if length == 255 and draw(st.booleans()):
        return Typed(kind, kind, (255,))
    return Typed(_spell(kind, (length,), between(draw, 0, 2)), kind, (length,))


@st.composite
def _integers(draw: Draw) -> Typed:
    kind = pick(draw, sorted(_INTEGER_BYTES))
    return Typed(_spell(kind, (), between(draw, 0, 1)), kind, (), draw(st.booleans()))


@st.composite
def _decimals(draw: Draw) -> Typed:
    unsigned = draw(st.booleans())
    if chance(draw, 5):
        return Typed("decimal", "decimal", (8, 2), unsigned)
    precision = pick(draw, [1, 5, 10, 18, 30, 65]) if draw(st.booleans()) \
        else between(draw, 1, 65)
    args = (precision, between(draw, 0, min(precision, 30)))
    return Typed(_spell("decimal", args, between(draw, 0, 2)), "decimal", args, unsigned)


@st.composite
def _times(draw: Draw) -> Typed:
    kind = pick(draw, _TIME_KINDS)
    precision = pick(draw, [0, 0, 3, 6]) if draw(st.booleans()) else between(draw, 0, 6)
    if precision == 0 and draw(st.booleans()):
        return Typed(kind, kind, (0,))
    return Typed(_spell(kind, (precision,), 0), kind, (precision,))


_UNSIGNED_FLOATS = ("double",) if "float-unsigned" in KNOWN_BUGS else ("float", "double")


@st.composite
def _simple(draw: Draw) -> Typed:
    kind = pick(draw, _SIMPLE_KINDS)
    unsigned = kind in _UNSIGNED_FLOATS and draw(st.booleans())
    return Typed(_spell(kind, (), between(draw, 0, 1)), kind, (), unsigned)


def _enum_fold(value: str) -> str:
    # MySQL compares ENUM values with the column collation: case and accents do not count,
    # and it strips trailing spaces.
    plain = unicodedata.normalize("NFKD", value)
    return "".join(ch for ch in plain if not unicodedata.combining(ch)).casefold().rstrip()


ENUM_VALUES = st.text("abcXYZ019 '\"\\,()-;é名", max_size=12).map(str.rstrip) \
    | st.sampled_from(["it's", "C:\\x", "a,b", "; DROP TABLE x; --", ""])


@st.composite
def _enums(draw: Draw) -> Typed:
    values = draw(st.lists(ENUM_VALUES, min_size=1, max_size=5, unique_by=_enum_fold))
    return Typed(pick(draw, ["enum", "ENUM"]), "enum", (), values=tuple(values))


STRING_TYPES, INTEGER_TYPES, TIME_TYPES = _strings(), _integers(), _times()
TYPES = st.one_of(STRING_TYPES, INTEGER_TYPES, _decimals(), TIME_TYPES, _simple(), _enums())
KEY_TYPES = st.one_of(TYPES, INTEGER_TYPES).filter(lambda typed: typed.keyable)


def types() -> st.SearchStrategy[Typed]:
    """Any portable type with arguments."""
    return TYPES


def key_types() -> st.SearchStrategy[Typed]:
    """Types a primary or unique key may hold on every target."""
    return KEY_TYPES


# --- literal values ----------------------------------------------------------------------


@cache
def hostile_text(max_size: int) -> st.SearchStrategy[str]:
    """Text that has broken generators: quotes, backslashes, SQL and template markers."""
    samples = [sample for sample in HOSTILE_SAMPLES if len(sample) <= max_size]
    return st.text(st.sampled_from(HOSTILE), max_size=max_size) | st.sampled_from(samples)


def _integer_defaults(typed: Typed) -> st.SearchStrategy[Any]:
    # One range for every target: an unsigned type is signed on PostgreSQL.
    top = 2 ** (8 * _INTEGER_BYTES[typed.kind] - 1)
    low = 0 if typed.unsigned else -top
    number = st.integers(low, top - 1) | st.sampled_from([low, top - 1, 0])
    return number | number.map(str)


@st.composite
def _decimal_defaults(draw: Draw, typed: Typed) -> Any:
    precision, scale = typed.args
    whole = draw(_below(10 ** between(draw, 0, precision - scale)))
    fraction = f".{draw(_below(10 ** scale)):0{scale}d}" if scale else ""
    sign = "" if typed.unsigned or draw(st.booleans()) else "-"
    text = f"{sign}{whole}{fraction}"
    number = Decimal(text)
    if len(number.as_tuple().digits) <= 15 and draw(st.booleans()):
        return int(number) if number == number.to_integral_value() else float(number)
    return text  # trailing zeros and all: `1.50` is the decimal 1.5


def _float_defaults(typed: Typed) -> st.SearchStrategy[float]:
    # Quarters are exact in binary, so a single-precision FLOAT keeps them as written.
    return st.integers(0 if typed.unsigned else -4000, 4000).map(lambda n: n / 4)


_JSON_SCALARS = st.none() | st.booleans() | st.integers(-1000, 1000) | hostile_text(8)
JSON_VALUES = st.recursive(_JSON_SCALARS, lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(hostile_text(6), inner, max_size=3),
                           max_leaves=6)


def json_values() -> st.SearchStrategy[Any]:
    """JSON documents of hostile strings, integers, booleans and null."""
    return JSON_VALUES


# A mapping or list is the JSON value itself; a string is JSON text.
_JSON_DEFAULTS = st.dictionaries(hostile_text(6), JSON_VALUES, max_size=3) \
    | st.lists(JSON_VALUES, max_size=3) \
    | JSON_VALUES.map(lambda value: json.dumps(value, ensure_ascii=False))

# MySQL's TIMESTAMP runs from 1970-01-01 to 2038-01-19 UTC.
_MOMENTS = st.datetimes(datetime.datetime(1970, 1, 2), datetime.datetime(2037, 12, 31))
_DAYS = st.dates(datetime.date(1970, 1, 2), datetime.date(2037, 12, 31))


@st.composite
def _time_defaults(draw: Draw, typed: Typed) -> Any:
    moment = draw(_MOMENTS).replace(microsecond=0)
    precision = typed.args[0]
    fraction = "." + str(draw(_below(10 ** precision))).zfill(precision) \
        if precision and draw(st.booleans()) else ""
    if typed.kind == "time":
        return moment.strftime("%H:%M:%S") + fraction
    if not fraction and draw(st.booleans()):
        return moment  # YAML writes a timestamp; the loader must read it back as text
    return moment.strftime("%Y-%m-%d %H:%M:%S") + fraction


_FIXED_DEFAULTS = {
    "boolean": st.sampled_from([True, False, True, False, 0, 1, "true", "false", "yes", "off"]),
    "json": _JSON_DEFAULTS,
    "jsonb": _JSON_DEFAULTS,
    "date": _DAYS | _DAYS.map(datetime.date.isoformat),
    "uuid": st.uuids().map(str),
    "ip_address": st.sampled_from(["127.0.0.1", "10.1.2.3", "::1", "2001:db8::1"]),
    "binary": st.text("abcXYZ019", max_size=8),
    "text": hostile_text(40), "mediumtext": hostile_text(40), "longtext": hostile_text(40),
}


@cache
def literal_defaults(typed: Typed) -> st.SearchStrategy[Any]:
    """A literal default that fits the type on every target."""
    if typed.kind in _FIXED_DEFAULTS:
        return _FIXED_DEFAULTS[typed.kind]
    if typed.kind in _INTEGER_BYTES:
        return _integer_defaults(typed)
    if typed.kind in _TIME_KINDS:
        return _time_defaults(typed)
    if typed.kind == "char":  # MySQL cuts a char default's trailing spaces
        return hostile_text(min(typed.args[0], 24)).map(lambda text: text.rstrip(" "))
    if typed.is_string:
        return hostile_text(min(typed.args[0], 24))
    if typed.kind == "enum":
        return st.sampled_from(typed.values)
    if typed.kind == "decimal":
        return _decimal_defaults(typed)
    return _float_defaults(typed)


SQL_DEFAULTS = st.sampled_from(["CURRENT_TIMESTAMP", "current_timestamp"])


@cache
def sql_defaults(typed: Typed) -> st.SearchStrategy[str] | None:
    """An SQL expression default for the type, where the format documents one: the current
    time, at the column's precision when it has fractions of a second."""
    if typed.kind not in ("timestamp", "timestamptz", "datetime"):
        return None
    precision = typed.args[0]
    if precision and "current-timestamp-precision" in KNOWN_BUGS:
        return st.just(f"CURRENT_TIMESTAMP({precision})")
    return SQL_DEFAULTS


COMMENTS = hostile_text(40).filter(bool) \
    | st.sampled_from(["x", "名", "'"]).map(lambda ch: ch * 1024)
# MySQL and MariaDB keep comments in utf8mb3: nothing beyond U+FFFF.
BMP_COMMENTS = COMMENTS.map(lambda text: "".join(ch for ch in text if ord(ch) <= 0xFFFF)) \
    .filter(bool)


def comments(targets: Sequence[str] = ALL_TARGETS) -> st.SearchStrategy[str]:
    """Comments with hostile characters, some at MySQL's 1024-character limit."""
    return COMMENTS if list(targets) == ["postgres"] else BMP_COMMENTS


# --- the draft of one schema -------------------------------------------------------------

_DEFAULT_NAMING = {"index": "{table}_{columns}_index", "unique": "{table}_{columns}_unique",
                   "foreign": "{table}_{columns}_foreign", "check": "{table}_{columns}_check",
                   "enum_check": "{table}_{column}_check"}


@dataclass
class Column:
    name: str
    typed: Typed
    spec: dict[str, Any]
    in_group: bool = False

    def entry(self) -> Any:
        """The file's form: just the type when nothing else is said."""
        return self.typed.text if list(self.spec) == ["type"] else self.spec


@dataclass
class Table:
    name: str
    columns: list[Column] = field(default_factory=list)
    spec: dict[str, Any] = field(default_factory=dict)
    keys: list[list[str]] = field(default_factory=list)  # primary and unique keys
    references: list[str] = field(default_factory=list)  # tables its foreign keys point at
    check_names: set[str] = field(default_factory=set)  # folded

    def column(self, name: str) -> Column:
        return next(column for column in self.columns if column.name == name)

    def taken(self) -> set[str]:
        return {fold(column.name) for column in self.columns}

    def add(self, kind: str, entry: dict[str, Any]) -> None:
        self.spec.setdefault(kind, []).append(entry)


@dataclass
class Draft:
    """A schema being drawn: settings, groups, tables, and every name given so far."""

    settings: dict[str, Any]
    taken: set[str] = field(default_factory=set)
    tables: list[Table] = field(default_factory=list)
    groups: dict[str, list[Column]] = field(default_factory=dict)
    group_indexes: dict[str, str] = field(default_factory=dict)  # group -> indexed column
    before: set[tuple[str, str]] = field(default_factory=set)  # columns of a pair's A side

    @property
    def targets(self) -> list[str]:
        return list(self.settings.get("targets", ALL_TARGETS))

    def claim(self, name: str) -> bool:
        """Take a schema-wide name; False when it is already used."""
        if fold(name) in self.taken:
            return False
        self.taken.add(fold(name))
        return True

    def generated(self, kind: str, table: str, columns: tuple[str, ...]) -> str:
        """The name the file's naming convention gives an unnamed object."""
        template = self.settings.get("naming", {}).get(kind, _DEFAULT_NAMING[kind])
        return naming.generated(template, table, columns)


def fresh(draw: Draw, draft: Draft, strategy: st.SearchStrategy[str] = NAMES,
          allowed: Callable[[str], bool] = lambda name: True) -> str:
    """A schema-wide name nobody has."""
    for _ in range(4):
        name = draw(strategy)
        if allowed(name) and draft.claim(name):
            return name
    counter = len(draft.taken)
    while not draft.claim(f"n_{counter}"):
        counter += 1
    return f"n_{counter}"


def fresh_column(draw: Draw, draft: Draft, table: Table, typed: Typed,
                 strategy: st.SearchStrategy[str] = NAMES,
                 allowed: Callable[[str], bool] = lambda name: True) -> str:
    """A column name unused in `table`; columns need not be unique schema-wide, but an
    enum column also names the CHECK that spells it on PostgreSQL."""
    candidates = [draw(strategy) for _ in range(4)]
    candidates += [f"c_{len(draft.taken) + i}" for i in range(100)]
    json_named_like_check = typed.kind in ("json", "jsonb") and "check-named-like-json" \
        in KNOWN_BUGS
    for name in candidates:
        if fold(name) in table.taken() or not allowed(name) \
                or (json_named_like_check and fold(name) in table.check_names):
            continue
        if typed.kind != "enum" or draft.claim(draft.generated("enum_check", table.name,
                                                                (name,))):
            return name
    raise AssertionError("no free column name")  # pragma: no cover - 100 fallbacks


def object_name(draw: Draw, draft: Draft, kind: str, table: str, columns: tuple[str, ...],
                allowed: Callable[[str], bool] = lambda name: True) -> str | None:
    """The name to write for an index, key or constraint; None lets the convention name it.

    An explicit name is drawn half the time, and whenever the conventional one is taken.
    """
    generated = draft.generated(kind, table, columns)
    if draw(st.booleans()) and allowed(generated) and draft.claim(generated):
        return None
    return fresh(draw, draft, allowed=lambda name: fold(name) != "primary" and allowed(name))


def _named(entry: dict[str, Any], name: str | None) -> dict[str, Any]:
    return {**entry, "name": name} if name else entry


# --- columns -----------------------------------------------------------------------------


def column_spec(draw: Draw, draft: Draft, typed: Typed, nullable: bool | None = None,
                with_default: bool = True) -> dict[str, Any]:
    """The mapping of one column of type `typed`, keys only where they differ."""
    spec: dict[str, Any] = {"type": typed.text}
    if typed.unsigned:
        spec["unsigned"] = True
    if typed.values:
        spec["values"] = list(typed.values)
    if draw(st.booleans()) if nullable is None else nullable:
        spec["nullable"] = True
    if with_default:
        spec.update(_default(draw, draft, typed))
    if chance(draw, 4):
        spec["comment"] = draw(comments(draft.targets))
    spec.update(_collation(draw, draft, typed))
    return spec


def _default(draw: Draw, draft: Draft, typed: Typed) -> dict[str, Any]:
    choice = between(draw, 0, 3)
    expression = sql_defaults(typed)
    if choice == 0 and expression is not None:
        return {"default_sql": draw(expression)}
    literal_ok = not (typed.kind == "timestamptz" and "timestamptz-literal" in KNOWN_BUGS
                      or typed.kind == "binary" and "binary-default" in KNOWN_BUGS)
    if choice > 1 or not literal_ok:
        return {}
    value = draw(literal_defaults(typed))
    return {} if _four_byte_text_default(draft, typed, value) else {"default": value}


def _four_byte_text_default(draft: Draft, typed: Typed, value: Any) -> bool:
    """MariaDB's catalog shows an emoji in a TEXT or JSON default as '????' (the server
    keeps it), which reads back as drift."""
    if "four-byte-text-defaults" not in KNOWN_BUGS or draft.targets == ["postgres"] \
            or typed.kind not in _NEEDS_PREFIX:
        return False
    return any(ord(ch) > 0xFFFF for ch in json.dumps(value, ensure_ascii=False, default=str))


def _collation(draw: Draw, draft: Draft, typed: Typed) -> dict[str, Any]:
    """A collation, spelt for the targets: a top-level one must exist on all of them."""
    if typed.kind not in ("string", "char", "text") or not chance(draw, 5):
        return {}
    if draft.targets == ["postgres"]:
        return {"collation": pick(draw, ["C", "POSIX"])}
    if "postgres" not in draft.targets:
        return {"collation": pick(draw, ["utf8mb4_bin", "utf8mb4_general_ci"])}
    return {"overrides": pick(draw, [{"postgres": {"collation": "C"}},
                                     {"mysql": {"collation": "utf8mb4_bin"}},
                                     {"postgres": {"collation": "C"},
                                      "mysql": {"collation": "utf8mb4_bin"}}])}


def add_column(draw: Draw, draft: Draft, table: Table, typed: Typed, spec: dict[str, Any],
               strategy: st.SearchStrategy[str] = NAMES,
               allowed: Callable[[str], bool] = lambda name: True) -> Column:
    column = Column(fresh_column(draw, draft, table, typed, strategy, allowed), typed, spec)
    table.columns.append(column)
    return column


# --- keys, indexes, checks ---------------------------------------------------------------


def primary_key(draw: Draw, draft: Draft, table: Table) -> None:
    """None, a serial, or one to three key columns within InnoDB's key size."""
    shape = pick(draw, ["none", "serial", "serial", "single", "composite"])
    if shape == "none":
        return
    columns: list[Column] = []
    if shape == "serial":
        columns.append(_serial_column(draw, draft, table))
    budget = KEY_BYTES - sum(column.typed.key_bytes() for column in columns)
    wanted = 1 if shape == "single" else between(draw, 1, 2)
    for _ in range(wanted if shape != "serial" or chance(draw, 3) else 0):
        typed = draw(KEY_TYPES)
        if typed.key_bytes() <= budget:
            budget -= typed.key_bytes()
            spec = column_spec(draw, draft, typed, nullable=False)
            columns.append(add_column(draw, draft, table, typed, spec))
    _declare_primary_key(draw, table, [column.name for column in columns])


def _serial_column(draw: Draw, draft: Draft, table: Table) -> Column:
    typed = draw(INTEGER_TYPES)
    spec = {**column_spec(draw, draft, typed, nullable=False, with_default=False),
            "auto_increment": True}
    # PostgreSQL names the serial's sequence `<table>_<column>_seq`; keep that name free.
    column = add_column(draw, draft, table, typed, spec, st.sampled_from(["id", "key"]) | NAMES,
                        lambda name: fold(f"{table.name}_{name}_seq") not in draft.taken)
    draft.claim(f"{table.name}_{column.name}_seq")
    return column


def _declare_primary_key(draw: Draw, table: Table, columns: list[str]) -> None:
    if not columns:
        return
    if len(columns) == 1 and draw(st.booleans()):
        table.column(columns[0]).spec["primary"] = True
    else:
        table.spec["primary_key"] = list(columns)
    table.keys.append(columns)


def plain_columns(draw: Draw, draft: Draft, table: Table) -> None:
    """Up to five more columns of any type, within the row-size limit."""
    budget = ROW_BYTES - sum(column.typed.row_bytes() for column in table.columns)
    for _ in range(between(draw, 0 if table.columns else 1, 5)):
        typed = draw(TYPES)
        if typed.row_bytes() <= budget:
            budget -= typed.row_bytes()
            add_column(draw, draft, table, typed, column_spec(draw, draft, typed))
    if not table.columns:  # a table needs a column
        typed = draw(INTEGER_TYPES)
        add_column(draw, draft, table, typed, column_spec(draw, draft, typed))


def unique_keys(draw: Draw, draft: Draft, table: Table) -> None:
    """Up to two unique keys over key-able columns, in each of the three spellings."""
    candidates = [column for column in table.columns if column.typed.keyable]
    for _ in range(between(draw, 0, 2) if candidates else 0):
        chosen = _within_key_size(some(draw, candidates, 1, 3))
        if chosen and [column.name for column in chosen] not in table.keys:
            _declare_unique(draw, draft, table, chosen)


def _within_key_size(columns: list[Column]) -> list[Column]:
    kept, used = [], 0
    for column in columns:
        if used + column.typed.key_bytes() <= KEY_BYTES:
            kept.append(column)
            used += column.typed.key_bytes()
    return kept


def _declare_unique(draw: Draw, draft: Draft, table: Table, chosen: list[Column]) -> None:
    columns = [column.name for column in chosen]
    name = object_name(draw, draft, "unique", table.name, tuple(columns))
    spelling = pick(draw, ["shorthand", "unique", "index"])
    first = chosen[0]
    if spelling == "shorthand" and len(chosen) == 1 and not first.in_group \
            and "unique" not in first.spec:
        first.spec["unique"] = name or True
    elif spelling == "index":
        parts = [_index_part(draw, column, None) for column in chosen]
        table.add("indexes", _named({"columns": parts, "unique": True}, name))
    else:
        table.add("unique", _named({"columns": columns}, name))
    table.keys.append(columns)


def _index_part(draw: Draw, column: Column, length: int | None) -> Any:
    descending = chance(draw, 3)
    if length is None and not descending and draw(st.booleans()):
        return column.name
    part: dict[str, Any] = {"column": column.name}
    if descending:
        part["order"] = "desc"
    if length is not None:
        part["length"] = length
    return part


def indexes(draw: Draw, draft: Draft, table: Table) -> None:
    """Up to three plain indexes: DESC columns, prefixes, methods and predicates."""
    indexable = [column for column in table.columns if _indexable(draft, column.typed)]
    for _ in range(between(draw, 0, 3)):
        parts, used = [], 0
        for column in some(draw, indexable, 1, 3):
            length = _prefix(draw, column.typed)
            if used + column.typed.key_bytes(length) > KEY_BYTES:
                break
            used += column.typed.key_bytes(length)
            parts.append((column, length))
        if parts:
            declare_index(draw, draft, table, parts)


def _indexable(draft: Draft, typed: Typed) -> bool:
    """PostgreSQL has no B-tree for json, and MySQL 8 indexes no JSON column at all (only
    MariaDB, where JSON is LONGTEXT, does)."""
    if typed.kind == "json":
        return draft.targets == ["mariadb"]
    return typed.kind != "jsonb" or "mysql" not in draft.targets


def _prefix(draw: Draw, typed: Typed) -> int | None:
    if typed.kind in _NEEDS_PREFIX:
        return pick(draw, [1, 10, 191, 255]) if draw(st.booleans()) else between(draw, 1, 768)
    if typed.is_string and chance(draw, 3):
        return between(draw, 1, typed.args[0])
    return None


def declare_index(draw: Draw, draft: Draft, table: Table,
                  parts: list[tuple[Column, int | None]]) -> None:
    columns = tuple(column.name for column, _ in parts)
    name = object_name(draw, draft, "index", table.name, columns)
    first, length = parts[0]
    if len(parts) == 1 and length is None and not first.in_group \
            and "index" not in first.spec and draw(st.booleans()):
        first.spec["index"] = name or True
        return
    entry: dict[str, Any] = {"columns": [_index_part(draw, c, n) for c, n in parts]}
    entry.update(_index_extras(draw, draft, table, entry["columns"]))
    table.add("indexes", _named(entry, name))


def _index_extras(draw: Draw, draft: Draft, table: Table, parts: list[Any]
                  ) -> dict[str, Any]:
    """`using`, `where` and `dialects` for an index whose columns are `parts`."""
    extras: dict[str, Any] = {}
    choice = between(draw, 0, 5)
    if choice == 0:
        extras["using"] = "btree"
    elif choice == 1 and _hashable(table, parts):
        extras["using"] = "hash"
    plain = [column.name for column in table.columns if is_plain(column.name)]
    if plain and chance(draw, 5):
        extras["where"] = f"{pick(draw, plain)} IS NOT NULL"
    if chance(draw, 8):
        extras["dialects"] = some(draw, draft.targets, 1, 3)
    return extras


def _hashable(table: Table, parts: list[Any]) -> bool:
    """One key-able column; a hash index keeps no order, so no DESC either (while the
    validator lets that through)."""
    if len(parts) != 1:
        return False
    part = parts[0] if isinstance(parts[0], dict) else {"column": parts[0]}
    descending = part.get("order") == "desc" and "hash-desc" in KNOWN_BUGS
    return table.column(part["column"]).typed.keyable and not descending


def _json_columns(table: Table) -> set[str]:
    """MariaDB names the json_valid() CHECK of a json column after the column."""
    if "check-named-like-json" not in KNOWN_BUGS:
        return set()
    return {fold(c.name) for c in table.columns if c.typed.kind in ("json", "jsonb")}


def _foreign_key_columns(table: Table) -> set[str]:
    listed = {name for entry in table.spec.get("foreign_keys", []) for name in entry["columns"]}
    return listed | {column.name for column in table.columns if "references" in column.spec}


_CHECK_FORMS = ("{c} > 0", "{c} >= -5 AND {c} <= 1000000", "{c} <> 7", "{c} IS NULL OR {c} > 1")


def checks(draw: Draw, draft: Draft, table: Table) -> None:
    """Up to two checks on plain-named numeric columns that no key or serial uses."""
    keyed = {name for key in table.keys for name in key}
    if "check-on-fk-column" in KNOWN_BUGS:  # InnoDB refuses it with an update action
        keyed |= _foreign_key_columns(table)
    usable = [column.name for column in table.columns
              if column.typed.kind in (*_INTEGER_BYTES, "decimal") and is_plain(column.name)
              and column.name not in keyed and not column.in_group]
    for _ in range(between(draw, 0, 2) if usable else 0):
        column = pick(draw, usable)
        expression = pick(draw, _CHECK_FORMS).format(c=column)
        # An unnamed check is named after the columns its expression reads.
        name = object_name(draw, draft, "check", table.name, (column,),
                           lambda name: fold(name) not in _json_columns(table))
        table.add("checks", _named({"expression": expression}, name))
        table.check_names.add(fold(name or draft.generated("check", table.name, (column,))))


# --- column groups -----------------------------------------------------------------------

_GROUP_TYPES = st.one_of(TIME_TYPES, INTEGER_TYPES,
                         STRING_TYPES.filter(lambda typed: typed.args[0] <= 1000))


def column_groups(draw: Draw, draft: Draft) -> None:
    """Up to two groups of nullable plain-named columns, some with an unnamed index."""
    for _ in range(between(draw, 0, 2)):
        scratch = Table(fresh(draw, draft, PLAIN_NAMES))
        for _ in range(between(draw, 1, 3)):
            typed = draw(_GROUP_TYPES)
            spec = column_spec(draw, draft, typed, nullable=True)
            add_column(draw, draft, scratch, typed, spec, PLAIN_NAMES).in_group = True
        draft.groups[scratch.name] = scratch.columns
        indexable = [c.name for c in scratch.columns if c.typed.key_bytes() <= KEY_BYTES]
        if indexable and draw(st.booleans()):
            draft.group_indexes[scratch.name] = pick(draw, indexable)


def include_groups(draw: Draw, draft: Draft, table: Table) -> None:
    """Include up to two groups whose columns and index names are free for this table."""
    for group in some(draw, sorted(draft.groups), 0, 2):
        columns = draft.groups[group]
        indexed = draft.group_indexes.get(group)
        index_name = draft.generated("index", table.name, (indexed,)) if indexed else None
        if any(fold(column.name) in table.taken() for column in columns) \
                or (index_name and not draft.claim(index_name)):
            continue
        table.add("include", group)
        table.columns.extend(columns)


# --- foreign keys ------------------------------------------------------------------------

_ACTIONS = ("cascade", "restrict", "no action", "set null")


def foreign_keys(draw: Draw, draft: Draft, table: Table) -> None:
    """Up to two foreign keys from new columns of `table` to a key of any table, itself
    included; the new columns copy the target's types exactly."""
    targets = [candidate for candidate in draft.tables if candidate.keys]
    for _ in range(between(draw, 0, 2) if targets else 0):
        target = pick(draw, targets)
        key = pick(draw, target.keys)
        nullable = draw(st.booleans())
        local = [_referencing_column(draw, draft, table, target, target.column(name),
                                     nullable) for name in key]
        _declare_foreign_key(draw, draft, table, local, target, key, nullable)


def _referencing_column(draw: Draw, draft: Draft, table: Table, target: Table,
                        remote: Column, nullable: bool) -> Column:
    copied = ("type", "unsigned", "values", "collation", "overrides")
    spec = {key: value for key, value in remote.spec.items() if key in copied}
    if nullable:
        spec["nullable"] = True
    wanted = mysql_collation(draft, target, remote.spec)
    if remote.typed.kind in _MYSQL_STRINGS and mysql_collation(draft, table, spec) != wanted:
        _set_mysql_collation(draft, spec, wanted)  # InnoDB needs equal collations
    return add_column(draw, draft, table, remote.typed, spec)


_MYSQL_STRINGS = ("string", "char", "uuid", "ip_address")  # varchar or char on MySQL


def mysql_collation(draft: Draft, table: Table, spec: dict[str, Any]) -> str:
    """The collation a string column has on MySQL: its own, else its table's."""
    own = spec.get("overrides", {}).get("mysql", {}).get("collation") or spec.get("collation")
    options = table.spec.get("options", {}).get("mysql", {})
    default = draft.settings.get("mysql", {}).get("collation", "utf8mb4_unicode_ci")
    return own or options.get("collation") or default


def _set_mysql_collation(draft: Draft, spec: dict[str, Any], collation: str) -> None:
    if "postgres" in draft.targets:
        overrides = {**spec.get("overrides", {})}
        overrides["mysql"] = {**overrides.get("mysql", {}), "collation": collation}
        spec["overrides"] = overrides
    else:
        spec["collation"] = collation


def _declare_foreign_key(draw: Draw, draft: Draft, table: Table, local: list[Column],
                         target: Table, key: list[str], nullable: bool) -> None:
    columns = [column.name for column in local]
    table.references.append(target.name)
    name = object_name(draw, draft, "foreign", table.name, tuple(columns))
    actions = [action for action in _ACTIONS if nullable or action != "set null"]
    # InnoDB refuses ON UPDATE CASCADE from a NOT NULL column to a nullable one.
    nullable_target = any(target.column(name).spec.get("nullable") for name in key)
    on_update = [action for action in actions if nullable or not nullable_target
                 or action != "cascade" or "cascade-to-nullable" not in KNOWN_BUGS]
    chosen = {option: pick(draw, choices)
              for option, choices in (("on_delete", actions), ("on_update", on_update))
              if draw(st.booleans())}
    if len(local) == 1 and "." not in key[0] and draw(st.booleans()):
        local[0].spec.update(references=f"{target.name}.{key[0]}", **chosen)
        if name:
            local[0].spec["foreign_key_name"] = name
    else:
        references = {"table": target.name, "columns": list(key)}
        table.add("foreign_keys", _named({"columns": columns, "references": references,
                                          **chosen}, name))
    if chance(draw, 4):  # an index of its own; otherwise InnoDB makes one
        declare_index(draw, draft, table, [(column, None) for column in local])


# --- tables and the schema ---------------------------------------------------------------

_TABLE_OPTIONS = {"engine": "InnoDB", "charset": "utf8mb4", "collation": "utf8mb4_bin",
                  "row_format": "DYNAMIC"}


def table_body(draw: Draw, draft: Draft, table: Table) -> None:
    """Columns, keys, indexes, checks, comment and options; foreign keys come later."""
    include_groups(draw, draft, table)
    primary_key(draw, draft, table)
    plain_columns(draw, draft, table)
    unique_keys(draw, draft, table)
    indexes(draw, draft, table)
    checks(draw, draft, table)
    if chance(draw, 3):
        table.spec["comment"] = draw(comments(draft.targets)) if draw(st.booleans()) \
            else "x" * 2048
    if chance(draw, 5):
        chosen = some(draw, sorted(_TABLE_OPTIONS), 1, 4)
        table.spec["options"] = {"mysql": {key: _TABLE_OPTIONS[key] for key in chosen}}
    if chance(draw, 6):
        table.spec["lint_ignore"] = [{"rule": "fk-without-index", "reason": "it's ok; --"}]


def table_spec(table: Table) -> dict[str, Any]:
    """The file's mapping of a finished table, keys in the documented order."""
    order = ("comment", "include", "columns", "primary_key", "unique", "indexes",
             "foreign_keys", "checks", "options", "lint_ignore")
    own = {column.name: column.entry() for column in table.columns if not column.in_group}
    merged = {**table.spec, "columns": own}
    return {key: merged[key] for key in order if key in merged}


def _settings(draw: Draw, including: str | None) -> dict[str, Any]:
    result: dict[str, Any] = {}
    chosen = pick(draw, [targets for targets in _TARGET_SETS
                         if including is None or including in targets])
    if chosen != ALL_TARGETS:
        result["targets"] = list(chosen)
    if chance(draw, 4):
        result["naming"] = {"index": "ix_{table}_{columns}", "unique": "uq_{table}_{columns}",
                            "foreign": "fk_{table}_{columns}", "check": "ck_{table}_{column}"}
    if chance(draw, 4):
        result["mysql"] = {"collation": pick(draw, ["utf8mb4_bin", "utf8mb4_general_ci"])}
    if chance(draw, 6):
        result["lint_ignore"] = [{"rule": "fk-without-index", "reason": "tests \\ 'quoted'"}]
    return result


_TARGET_SETS = [ALL_TARGETS, ALL_TARGETS, ALL_TARGETS, ("postgres",), ("mysql", "mariadb"),
                ("postgres", "mariadb"), ("mariadb",)]


@st.composite
def drafts(draw: Draw, including: str | None = None, max_tables: int = 4) -> Draft:
    """A finished draft: groups, tables and foreign keys, every name unique; its targets
    include the dialect `including` names."""
    draft = Draft(_settings(draw, including))
    table_names = [fresh(draw, draft) for _ in range(between(draw, 1, max_tables))]
    for name in table_names:
        draft.claim(f"{name}_pkey")  # PostgreSQL's primary key index, a relation name
    column_groups(draw, draft)
    for name in table_names:
        draft.tables.append(Table(name))
        table_body(draw, draft, draft.tables[-1])
    for table in draft.tables:
        foreign_keys(draw, draft, table)
    return draft


def document(draft: Draft) -> dict[str, Any]:
    """The `schema.yaml` mapping of a draft."""
    data: dict[str, Any] = {"format": 1}
    if draft.settings:
        data["settings"] = draft.settings
    if draft.groups:
        data["column_groups"] = {name: _group_spec(draft, name) for name in draft.groups}
    data["tables"] = {table.name: table_spec(table) for table in draft.tables}
    return data


def _group_spec(draft: Draft, name: str) -> dict[str, Any]:
    spec: dict[str, Any] = {"columns": {c.name: c.entry() for c in draft.groups[name]}}
    if name in draft.group_indexes:
        spec["indexes"] = [{"columns": [draft.group_indexes[name]]}]
    return spec


def schemas(including: str | None = None, max_tables: int = 4
            ) -> st.SearchStrategy[dict[str, Any]]:
    """Valid schema files as dicts, ready for `yaml.safe_dump`, whose targets include the
    dialect `including` names."""
    return drafts(including, max_tables).map(document)


# --- pairs: a schema and a changed copy --------------------------------------------------
#
# Each edit changes a draft in place and keeps it valid; one that finds nothing to change
# leaves the draft alone. A column is "free" when nothing else names it: no key, index,
# foreign key, check, predicate or group, so it may change type, move or go.

Edit = Callable[[Draw, Draft], None]


def add_table(draw: Draw, draft: Draft) -> None:
    """A new table, with foreign keys to the tables there are (and itself)."""
    table = Table(fresh(draw, draft))
    draft.claim(f"{table.name}_pkey")
    draft.tables.append(table)
    table_body(draw, draft, table)
    foreign_keys(draw, draft, table)


def drop_table(draw: Draw, draft: Draft) -> None:
    """Drop a table no other table's foreign key points at."""
    referenced = {name for table in draft.tables for name in table.references
                  if name != table.name}
    candidates = [table for table in draft.tables if table.name not in referenced]
    if len(draft.tables) > 1 and candidates:
        draft.tables.remove(pick(draw, candidates))


def _columns_can_be_added(draft: Draft, table: Table) -> bool:
    """PostgreSQL appends an added column, after the group columns the model puts last."""
    return not (table.spec.get("include") and "postgres" in draft.targets
                and "added-column-order" in KNOWN_BUGS)


def add_plain_column(draw: Draw, draft: Draft) -> None:
    table = pick(draw, draft.tables)
    if not _columns_can_be_added(draft, table):
        return
    typed = draw(TYPES)
    if sum(c.typed.row_bytes() for c in table.columns) + typed.row_bytes() <= ROW_BYTES:
        add_column(draw, draft, table, typed, column_spec(draw, draft, typed))


def drop_column(draw: Draw, draft: Draft) -> None:
    table, column = _free_column_of(draw, draft)
    if column is not None and len(table.columns) > 1:
        table.columns.remove(column)


def widen_column(draw: Draw, draft: Draft) -> None:
    """A longer string, a bigger integer or a wider decimal; existing values still fit."""
    table, column = _free_column_of(draw, draft, ("string", "char", "decimal",
                                                  *_INTEGER_BYTES))
    if column is None or column.typed.kind in ("bigint",):
        return
    wider = _wider(draw, column.typed)
    budget = ROW_BYTES - sum(c.typed.row_bytes() for c in table.columns)
    if wider.row_bytes() - column.typed.row_bytes() <= budget:
        column.typed = wider
        column.spec["type"] = wider.text


def _wider(draw: Draw, typed: Typed) -> Typed:
    if typed.kind in _INTEGER_BYTES:
        kinds = sorted(_INTEGER_BYTES, key=_INTEGER_BYTES.__getitem__)
        bigger = kinds[kinds.index(typed.kind) + 1]
        return Typed(bigger, bigger, (), typed.unsigned)
    if typed.kind == "decimal":
        precision, scale = typed.args
        args = (between(draw, precision, 65), scale)
        return Typed(_spell("decimal", args, 0), "decimal", args, typed.unsigned)
    top = 255 if typed.kind == "char" else 4000
    length = between(draw, typed.args[0], max(typed.args[0], top))
    return Typed(_spell(typed.kind, (length,), 0), typed.kind, (length,))


def toggle_nullable(draw: Draw, draft: Draft) -> None:
    _, column = _free_column_of(draw, draft)
    if column is not None:
        column.spec["nullable"] = not column.spec.get("nullable", False)


def change_default(draw: Draw, draft: Draft) -> None:
    _, column = _free_column_of(draw, draft)
    if column is not None:
        column.spec.pop("default", None)
        column.spec.pop("default_sql", None)
        column.spec.update(_default(draw, draft, column.typed))


def change_comment(draw: Draw, draft: Draft) -> None:
    table = pick(draw, draft.tables)
    own = [column for column in table.columns if not column.in_group]
    spec = pick(draw, own).spec if own and draw(st.booleans()) else table.spec
    if "comment" in spec and draw(st.booleans()):
        del spec["comment"]
    else:
        spec["comment"] = draw(comments(draft.targets))


def rename_column(draw: Draw, draft: Draft) -> None:
    """Rename a column A has (a hint naming nothing in A is refused as a typo)."""
    table, column = _free_column_of(draw, draft)
    if column is not None and "renamed_from" not in column.spec \
            and (table.name, column.name) in draft.before:
        new = fresh_column(draw, draft, table, column.typed)
        column.spec["renamed_from"], column.name = column.name, new


def add_index(draw: Draw, draft: Draft) -> None:
    table = pick(draw, draft.tables)
    indexable = [column for column in table.columns if _indexable(draft, column.typed)]
    parts = [(column, _prefix(draw, column.typed)) for column in some(draw, indexable, 1, 2)]
    if parts and sum(c.typed.key_bytes(n) for c, n in parts) <= KEY_BYTES:
        declare_index(draw, draft, table, parts)


def drop_index(draw: Draw, draft: Draft) -> None:
    """Drop a plain index (a unique one may be what a foreign key points at)."""
    table = pick(draw, draft.tables)
    plain = [entry for entry in table.spec.get("indexes", []) if not entry.get("unique")]
    shorthand = [c for c in table.columns if "index" in c.spec and not c.in_group]
    if plain and draw(st.booleans()):
        table.spec["indexes"].remove(pick(draw, plain))
    elif shorthand:
        del pick(draw, shorthand).spec["index"]


def add_check(draw: Draw, draft: Draft) -> None:
    checks(draw, draft, pick(draw, draft.tables))


def drop_check(draw: Draw, draft: Draft) -> None:
    table = pick(draw, draft.tables)
    if table.spec.get("checks"):
        table.spec["checks"].pop(draw(_below(len(table.spec["checks"]))))


def string_to_text(draw: Draw, draft: Draft) -> None:
    """A free string column becomes `text`: no index holds it, so no prefix is needed."""
    _, column = _free_column_of(draw, draft, ("string",))
    if column is not None:
        column.typed = Typed("text", "text")
        column.spec["type"] = "text"
        column.spec.pop("default", None)  # a TEXT default needs MySQL 8's expression form
        column.spec.pop("overrides", None)
        column.spec.pop("collation", None)


def add_enum_value(draw: Draw, draft: Draft) -> None:
    _, column = _free_column_of(draw, draft, ("enum",))
    if column is None:
        return
    value = draw(ENUM_VALUES)
    if _enum_fold(value) not in {_enum_fold(known) for known in column.typed.values}:
        values = (*column.typed.values, value)
        column.typed = Typed(column.typed.text, "enum", (), values=values)
        column.spec["values"] = list(values)


def add_foreign_key(draw: Draw, draft: Draft) -> None:
    table = pick(draw, draft.tables)
    if _columns_can_be_added(draft, table):
        foreign_keys(draw, draft, table)


def drop_foreign_key(draw: Draw, draft: Draft) -> None:
    """Drop a foreign key; its columns stay as plain columns."""
    table = pick(draw, draft.tables)
    listed = table.spec.get("foreign_keys", [])
    shorthand = [c for c in table.columns if "references" in c.spec]
    if listed and draw(st.booleans()):
        entry = listed.pop(draw(_below(len(listed))))
        table.references.remove(entry["references"]["table"])
    elif shorthand:
        column = pick(draw, shorthand)
        target = column.spec.pop("references").rpartition(".")[0]
        for key in ("on_delete", "on_update", "foreign_key_name"):
            column.spec.pop(key, None)
        table.references.remove(target)


def add_unique_key(draw: Draw, draft: Draft) -> None:
    unique_keys(draw, draft, pick(draw, draft.tables))


EDITS: tuple[Edit, ...] = (add_table, drop_table, add_plain_column, drop_column, widen_column,
                           string_to_text, toggle_nullable, change_default, change_comment,
                           rename_column, add_enum_value, add_index, drop_index,
                           add_unique_key, add_check, drop_check, add_foreign_key,
                           drop_foreign_key)


def _mentioned(table: Table) -> set[str]:
    """Every column name something other than the column itself refers to."""
    named = {name for key in table.keys for name in key}
    named |= set(table.spec.get("primary_key", []))
    for kind in ("unique", "indexes", "foreign_keys"):
        for entry in table.spec.get(kind, []):
            named |= {part if isinstance(part, str) else part["column"]
                      for part in entry["columns"]}
    texts = [entry["expression"] for entry in table.spec.get("checks", [])]
    texts += [entry["where"] for entry in table.spec.get("indexes", []) if "where" in entry]
    flags = ("primary", "unique", "index", "references", "auto_increment")
    for column in table.columns:
        if any(flag in column.spec for flag in flags) \
                or any(column.name in text for text in texts):
            named.add(column.name)
    return named


def _free_column_of(draw: Draw, draft: Draft, kinds: tuple[str, ...] | None = None
                    ) -> tuple[Table, Column | None]:
    table = pick(draw, draft.tables)
    named = _mentioned(table)
    free = [column for column in table.columns
            if not column.in_group and column.name not in named
            and (kinds is None or column.typed.kind in kinds)]
    return table, pick(draw, free) if free else None


@st.composite
def pairs(draw: Draw, including: str | None = None, edits: tuple[Edit, ...] = EDITS,
          max_edits: int = 3) -> tuple[dict[str, Any], dict[str, Any]]:
    """A valid schema and a valid changed copy of it, as two `schema.yaml` mappings."""
    before = draw(drafts(including, max_tables=3))
    after = copy.deepcopy(before)
    after.before = {(table.name, column.name) for table in before.tables
                    for column in table.columns}
    for _ in range(between(draw, 1, max_edits)):
        pick(draw, edits)(draw, after)
    return document(before), document(after)
