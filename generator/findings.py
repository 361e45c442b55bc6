"""Findings: what validation and lint report, each pointing at a place in `schema.yaml`."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Iterable, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Location:
    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}" if self.line else self.file


@dataclass(frozen=True)
class Finding:
    """One problem: a stable `code`, the YAML `path`, and a sentence saying what to do."""

    code: str
    message: str
    path: str = ""
    severity: Severity = "error"
    dialect: str | None = None
    location: Location | None = field(default=None, compare=False)

    def sort_key(self) -> tuple:
        where = self.location or Location("")
        return (where.file, where.line, where.column, self.path, self.code, self.dialect or "")

    def text(self) -> str:
        where = f"{self.location}: " if self.location else ""
        on = f" [{self.dialect}]" if self.dialect else ""
        path = f" {self.path}:" if self.path else ""
        return f"{where}{self.severity} {self.code}{on}{path} {self.message}"

    def as_dict(self) -> dict:
        data = asdict(self)
        data["location"] = asdict(self.location) if self.location else None
        return data


class InvalidSchema(Exception):
    """Raised when a schema file has errors; carries every finding, not just the first."""

    def __init__(self, findings: Iterable[Finding]):
        self.findings = sorted(findings, key=Finding.sort_key)
        super().__init__(f"{len(self.findings)} problem(s) in the schema")


def errors_in(findings: Iterable[Finding]) -> list[Finding]:
    return [finding for finding in findings if finding.severity == "error"]


def dedupe(findings: Iterable[Finding]) -> list[Finding]:
    """Findings once each, merging the same problem found on several dialects."""
    seen: dict[tuple, Finding] = {}
    for finding in findings:
        key = (finding.code, finding.path, finding.message)
        if key in seen and seen[key].dialect != finding.dialect:
            seen[key] = Finding(finding.code, finding.message, finding.path,
                                finding.severity, None, finding.location)
        else:
            seen.setdefault(key, finding)
    return sorted(seen.values(), key=Finding.sort_key)


def to_json(findings: Iterable[Finding]) -> str:
    return json.dumps([finding.as_dict() for finding in findings], indent=2)
