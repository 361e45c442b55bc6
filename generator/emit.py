"""schema.yaml text from schema data: deterministic, one column per line, made to be read.

The structure (the file, each table, each column list) is written in block style; what fits
on one line of at most 99 characters is written in flow style, `{type: string(255),
nullable: true}`, as a person would write it. A scalar is written plain when YAML reads it
back as the same value, else quoted, so the file always loads to exactly the data given.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from fnmatch import fnmatchcase
from functools import lru_cache

import yaml

try:  # pragma: no cover - which loader exists depends on how PyYAML was built
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

LINE_LIMIT = 99
INDENT = "  "

# Mappings always written one key per line, so that every table and column has its own line.
BLOCK_PATHS = ("", "settings", "column_groups", "column_groups.*", "column_groups.*.columns",
               "tables", "tables.*", "tables.*.columns", "tables.*.options")

_BLOCK_PARTS = [pattern.split(".") if pattern else [] for pattern in BLOCK_PATHS]
_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_ .()/+*<>=!-]*$")


class Number(str):
    """A decimal kept as its exact text: written as a YAML number only when that is exact."""


def emit(data: dict, header: str = "") -> str:
    """The YAML text of `data`, with `header` lines as comments on top."""
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    lines += _mapping(data, 0, "")
    return "\n".join(lines) + "\n"


def _mapping(data: dict, depth: int, path: str) -> list[str]:
    lines = []
    for key, value in data.items():
        child = f"{path}.{key}" if path else str(key)
        lines += _entry(scalar(key), value, depth, child)
    return lines


def _entry(key: str, value: object, depth: int, path: str) -> list[str]:
    prefix = INDENT * depth + f"{key}:"
    if isinstance(value, dict) and value and (_block(path) or not _fits(prefix, value)):
        return [prefix] + _mapping(value, depth + 1, path)
    if isinstance(value, list) and value and (_listing(path, value) or not _fits(prefix, value)):
        return [prefix] + _items(value, depth + 1, path)
    return [f"{prefix} {flow(value)}"]


def _items(values: list, depth: int, path: str) -> list[str]:
    lines = []
    for value in values:
        dash = INDENT * depth + "- "
        if isinstance(value, dict) and value and not _fits(dash, value):
            inner = _mapping(value, depth + 1, f"{path}[]")
            lines.append(dash + inner[0].lstrip())
            lines += inner[1:]
        else:
            lines.append(dash + flow(value))
    return lines


def _listing(path: str, values: list) -> bool:
    """A table's lists of mappings (indexes, foreign keys...) have one entry per line."""
    parts = path.split(".")
    return len(parts) == 3 and parts[0] in ("tables", "column_groups") and \
        any(isinstance(value, dict) for value in values)


def _block(path: str) -> bool:
    parts = path.split(".") if path else []
    return any(len(pattern) == len(parts) and all(map(fnmatchcase, parts, pattern))
               for pattern in _BLOCK_PARTS)


def _fits(prefix: str, value: object) -> bool:
    return len(prefix) + 1 + len(flow(value)) <= LINE_LIMIT


def flow(value: object) -> str:
    """A value in YAML flow style on one line."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(k)}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(item) for item in value) + "]"
    return scalar(value)


def scalar(value: object) -> str:
    """One scalar, plain when YAML reads it back unchanged, quoted otherwise."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Number):
        return _number(str(value))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    return _string(str(value))


def _number(text: str) -> str:
    try:
        loaded = yaml.safe_load(text)
        exact = isinstance(loaded, (int, float)) and not isinstance(loaded, bool) and \
            Decimal(str(loaded)) == Decimal(text)
    except (yaml.YAMLError, InvalidOperation):
        exact = False
    return text if exact else _quoted(text)


@lru_cache(maxsize=65536)
def _string(text: str) -> str:
    if _PLAIN.match(text) and not text.endswith(" ") and _reads_back(text):
        return text
    return _quoted(text)


def _reads_back(text: str) -> bool:
    try:
        return yaml.load(f"[{text}]", Loader=_Loader) == [text]
    except yaml.YAMLError:
        return False


def _quoted(text: str) -> str:
    if text.isprintable():
        return "'" + text.replace("'", "''") + "'"
    return json.dumps(text, ensure_ascii=False)
