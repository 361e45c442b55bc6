"""Safe YAML reading that remembers where every value came from.

PyYAML's safe loader silently keeps the last of two equal keys and expands aliases without
limit. Here the file is composed into nodes (the C loader when present), and the nodes are
turned into plain Python values by hand so that: every value's YAML path maps to its line
and column; a duplicate key is a finding; and the number of values built from aliases is
capped, so a small file cannot expand into gigabytes.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..findings import Finding, Location

try:  # pragma: no cover - which loader exists depends on how PyYAML was built
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

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
        self.scalars = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, path: str) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise _TooLarge
        self.document.marks.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, join(path, i)) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _scalar(self, node: yaml.Node, path: str) -> Any:
        try:
            value = self.scalars.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError:
            value = None
        if isinstance(value, (datetime.date, datetime.datetime)):
            return value.isoformat(sep=" ") if isinstance(value, datetime.datetime) \
                else value.isoformat()
        if value is not None and not isinstance(value, (str, int, float, bool)):
            self._finding("yaml-value", "This value cannot be used; write it as plain text.",
                          path, node)
            return None
        return value

    def _mapping(self, node: yaml.MappingNode, path: str) -> dict:
        result: dict = {}
        for key_node, value_node in _merged(node):
            key = self._scalar(key_node, path) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, (str, int, float, bool)) or key is None:
                self._finding("yaml-key", "Use a plain text key here.", path, key_node)
                continue
            key = str(key) if not isinstance(key, str) else key
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


def _merged(node: yaml.MappingNode) -> list[tuple[yaml.Node, yaml.Node]]:
    """Key/value pairs with YAML merge keys (`<<: *group`) expanded, explicit keys first."""
    pairs: list[tuple[yaml.Node, yaml.Node]] = []
    merged: list[tuple[yaml.Node, yaml.Node]] = []
    for key_node, value_node in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
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
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        document.findings.append(
            Finding("file-unreadable", f"Cannot read the file ({error}); check the path.",
                    location=Location(name)))
        return document
    return parse_yaml(text, name)


def parse_yaml(text: str, name: str) -> YamlDocument:
    document = YamlDocument(name, None)
    try:
        node = yaml.compose(text, Loader=_Loader)
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
