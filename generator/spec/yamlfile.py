"""Safe YAML reading that remembers where every value came from.

PyYAML's safe loader silently keeps the last of two equal keys and expands aliases without
limit. Here the file is composed into nodes (the C loader when present), and the nodes are
turned into plain Python values by hand so that: every value's YAML path maps to its line
and column; a duplicate key is a finding; and the number of values built from aliases is
capped, so a small file cannot expand into gigabytes.

Plain scalars are typed by the YAML 1.2 core schema, not PyYAML's YAML 1.1 one: `0123`,
`1.10`, `12:30:00`, `2020-02-30` and `on` would otherwise turn silently into 83, 1.1,
45000, a date and True. Numbers with a fraction or exponent become `Decimal`, so a decimal
default keeps every digit, and a mapping key is always the text as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from ..findings import Finding, Location

try:  # pragma: no cover - which loader exists depends on how PyYAML was built
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


class _CoreLoader(_Loader):  # type: ignore[misc, valid-type]
    """Composes nodes with the YAML 1.2 core schema's implicit tags (plus merge keys)."""

    yaml_implicit_resolvers: dict = {}


_TAG = "tag:yaml.org,2002:"
_DIGITS = list("-+0123456789")
# https://yaml.org/spec/1.2.2/#1032-tag-resolution ; int before float, since both match `7`.
for _tag, _pattern, _first in (
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", _DIGITS),
    ("float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
              r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", _DIGITS + ["."]),
    ("merge", r"^(?:<<)$", ["<"]),
):
    _CoreLoader.add_implicit_resolver(_TAG + _tag, re.compile(_pattern), _first)

MAX_VALUES = 200_000  # far above any real schema; an alias bomb reaches it at once


@dataclass
class YamlDocument:
    """The plain data of a file plus a map from YAML path to source position."""

    file: str
    data: Any
    marks: dict[str, tuple[int, int]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def locate(self, path: str) -> Location:
        """The position of `path`, or of its nearest ancestor that has one."""
        probe = path
        while probe:
            if probe in self.marks:
                line, column = self.marks[probe]
                return Location(self.file, line, column)
            probe = _parent(probe)
        return Location(self.file, 1, 1)


def join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else str(key)


def _parent(path: str) -> str:
    if path.endswith("]"):
        return path[: path.rindex("[")]
    return path.rpartition(".")[0]


class _TooLarge(Exception):
    pass


class _Builder:
    def __init__(self, document: YamlDocument):
        self.document = document
        self.count = 0

    def build(self, node: yaml.Node, path: str) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise _TooLarge
        mark = node.start_mark
        self.document.marks.setdefault(path, (mark.line + 1, mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, join(path, i)) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _scalar(self, node: yaml.Node, path: str) -> Any:
        kind = node.tag[len(_TAG):] if node.tag.startswith(_TAG) else node.tag
        construct = _SCALARS.get(kind)
        if construct is None:
            self._finding("yaml-value", f"The tag {node.tag} cannot be used here; write the "
                          "value as plain text.", path, node)
            return None
        try:
            return construct(node.value)
        except (ValueError, InvalidOperation):
            self._finding("yaml-value", f"'{node.value}' is not a valid {kind}; write a plain "
                          "value.", path, node)
            return None

    def _mapping(self, node: yaml.MappingNode, path: str) -> dict:
        result: dict = {}
        for key_node, value_node in _merged(node):
            # The text as written: `on:` stays 'on' and `1.50:` stays '1.50'.
            if not isinstance(key_node, yaml.ScalarNode):
                self._finding("yaml-key", "Use a plain text key here.", path, key_node)
                continue
            key = key_node.value
            if key in result:
                self._finding(
                    "yaml-duplicate-key",
                    f"The key '{key}' appears twice; keep one (the first is used).",
                    join(path, key), key_node,
                )
                continue
            mark = key_node.start_mark
            self.document.marks[join(path, key)] = (mark.line + 1, mark.column + 1)
            result[key] = self.build(value_node, join(path, key))
        return result

    def _finding(self, code: str, message: str, path: str, node: yaml.Node) -> None:
        mark = node.start_mark
        where = Location(self.document.file, mark.line + 1, mark.column + 1)
        self.document.findings.append(Finding(code, message, path, location=where))


def _integer(text: str) -> int:
    if text.startswith(("0o", "0x")):
        return int(text[2:], 8 if text[1] == "o" else 16)
    return int(text)


def _float(text: str) -> Decimal | float:
    """Exact digits as a Decimal; infinities and NaN as floats (no column takes them)."""
    if text.lstrip("+-").lower() in (".inf", ".nan"):
        return float(text.replace(".", ""))
    return Decimal(text)


def _boolean(text: str) -> bool:
    if text.lower() not in ("true", "false"):
        raise ValueError(text)
    return text.lower() == "true"


_SCALARS = {
    "str": str,
    "null": lambda _text: None,
    "bool": _boolean,
    "int": _integer,
    "float": _float,
}


def _merged(node: yaml.MappingNode) -> list[tuple[yaml.Node, yaml.Node]]:
    """Key/value pairs with YAML merge keys (`<<: *group`) expanded, explicit keys first."""
    pairs: list[tuple[yaml.Node, yaml.Node]] = []
    merged: list[tuple[yaml.Node, yaml.Node]] = []
    for key_node, value_node in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            listed = isinstance(value_node, yaml.SequenceNode)
            sources = value_node.value if listed else [value_node]
            for source in sources:
                if isinstance(source, yaml.MappingNode):
                    merged.extend(_merged(source))
        else:
            pairs.append((key_node, value_node))
    explicit = {key.value for key, _ in pairs if isinstance(key, yaml.ScalarNode)}
    return pairs + [pair for pair in merged if pair[0].value not in explicit]


def read_yaml(path: Path, display: str | None = None) -> YamlDocument:
    """Read one YAML file; problems come back as findings, never as exceptions."""
    name = display or str(path)
    document = YamlDocument(name, None)
    try:
        data = path.read_bytes()
    except OSError as error:
        document.findings.append(
            Finding("file-unreadable", f"Cannot read the file ({error}); check the path.",
                    location=Location(name)))
        return document
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        document.findings.append(_not_utf8(name, data, error.start))
        return document
    return parse_yaml(text, name)


def _not_utf8(name: str, data: bytes, start: int) -> Finding:
    """Where the first byte that is not UTF-8 sits, in lines and characters."""
    line_start = data.rfind(b"\n", 0, start) + 1
    line = data.count(b"\n", 0, start) + 1
    column = len(data[line_start:start].decode("utf-8", errors="replace")) + 1
    return Finding("file-unreadable",
                   f"The file is not UTF-8 text (byte 0x{data[start]:02x} at line {line}, "
                   f"column {column}); save it as UTF-8.",
                   location=Location(name, line, column))


def parse_yaml(text: str, name: str) -> YamlDocument:
    document = YamlDocument(name, None)
    try:
        node = yaml.compose(text, Loader=_CoreLoader)
    except RecursionError:
        document.findings.append(_too_deep(name))
        return document
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = Location(name, mark.line + 1, mark.column + 1) if mark else Location(name)
        problem = getattr(error, "problem", None) or str(error)
        document.findings.append(
            Finding("yaml-syntax", f"This is not valid YAML ({problem}); fix the syntax.",
                    location=where))
        return document
    if node is None:
        document.findings.append(
            Finding("yaml-empty", "The file is empty; start it with `format: 1`.",
                    location=Location(name, 1, 1)))
        return document
    try:
        document.data = _Builder(document).build(node, "")
    except RecursionError:
        document.findings.append(_too_deep(name))
        document.data = None
    except _TooLarge:
        document.findings.append(
            Finding("yaml-too-large",
                    f"The file expands to more than {MAX_VALUES} values (aliases repeated "
                    "too often); write the repeated parts out or use column groups.",
                    location=Location(name, 1, 1)))
        document.data = None
    return document


def _too_deep(name: str) -> Finding:
    return Finding("yaml-too-deep", "The file nests too deeply to be a schema; flatten it.",
                   location=Location(name, 1, 1))
