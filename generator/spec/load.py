"""Loading `schema.yaml`: YAML to the pydantic spec, every problem kept with its place."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from ..findings import Finding
from .format import SchemaSpec
from .yamlfile import YamlDocument, join, read_yaml

_UNION_TAGS = {"full", "short"}


@dataclass
class Loaded:
    """A file's spec (None when its shape is wrong) and what loading found."""

    document: YamlDocument
    spec: SchemaSpec | None
    findings: list[Finding] = field(default_factory=list)

    def locate(self, findings: list[Finding]) -> list[Finding]:
        """The findings with file, line and column filled in from their YAML paths."""
        return [_with_location(self.document, finding) for finding in findings]


def load(path: Path, display: str | None = None) -> Loaded:
    document = read_yaml(path, display)
    findings = list(document.findings)
    if document.data is None:
        return Loaded(document, None, findings)
    if not isinstance(document.data, dict):
        findings.append(Finding("yaml-shape", "The file must be a mapping that starts with "
                                "`format: 1` and has `tables:`.", ""))
        return Loaded(document, None, _locate_all(document, findings))
    try:
        spec = SchemaSpec.model_validate(document.data)
    except ValidationError as error:
        findings += [_from_pydantic(item) for item in error.errors()]
        return Loaded(document, None, _locate_all(document, findings))
    return Loaded(document, spec, _locate_all(document, findings))


def _locate_all(document: YamlDocument, findings: list[Finding]) -> list[Finding]:
    return [_with_location(document, finding) for finding in findings]


def _with_location(document: YamlDocument, finding: Finding) -> Finding:
    if finding.location is not None:
        return finding
    return Finding(finding.code, finding.message, finding.path, finding.severity,
                   finding.dialect, document.locate(finding.path))


def _from_pydantic(item: dict) -> Finding:
    path = ""
    for part in item["loc"]:
        if part in _UNION_TAGS:
            continue
        path = join(path, part)
    return Finding(_code(item["type"]), _sentence(item), path)


def _code(kind: str) -> str:
    return {"extra_forbidden": "unknown-key", "missing": "missing-key"}.get(kind, "bad-value")


def _sentence(item: dict) -> str:
    kind = item["type"]
    key = item["loc"][-1] if item["loc"] else ""
    if kind == "extra_forbidden" and str(key).rstrip().endswith(")"):
        return ("Inside { } a comma ends the value: quote a type with a comma, like "
                "type: 'decimal(10,2)'.")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "Write a mapping here (key: value), or for a column just its type."
    if kind == "extra_forbidden":
        return f"'{key}' is not a key here; check its spelling in docs/schema-format.md."
    if kind == "missing":
        return f"'{key}' is required here; add it."
    if kind == "literal_error":
        expected = item.get("ctx", {}).get("expected", "")
        return f"This value is not allowed; use one of {expected}."
    message = item["msg"].rstrip(".")
    if message.startswith("Value error, "):
        message = message[len("Value error, "):]
        return message[0].upper() + message[1:] + "."
    return f"{message}; see docs/schema-format.md for what this key takes."
