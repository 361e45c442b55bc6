"""Findings: what validation and lint report, each pointing at a place in `schema.yaml`."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Literal
from collections.abc import Iterable

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


def dedupe(findings: Iterable[Finding], titles: dict[str, str] | None = None) -> list[Finding]:
    """Findings once each; the same problem found on several dialects becomes one finding.

    `titles` maps dialect names to the titles messages use ("MySQL 8.0+"), so that messages
    that differ only in the dialect they name are recognised as one problem.
    """
    titles = titles or {}
    groups: dict[tuple, list[Finding]] = {}
    for finding in findings:
        title = titles.get(finding.dialect or "", "")
        generic = finding.message.replace(title, "{dialect}") if title else finding.message
        groups.setdefault((finding.code, finding.path, generic), []).append(finding)
    merged = [_merge(group, titles) for group in groups.values()]
    return sorted(merged, key=Finding.sort_key)


def _merge(group: list[Finding], titles: dict[str, str]) -> Finding:
    first = group[0]
    names = sorted({f.dialect for f in group if f.dialect})
    if len(group) == 1 or len(names) < 2:
        return first
    message = first.message
    title = titles.get(first.dialect or "", "")
    if title:
        message = message.replace(title, " and ".join(titles.get(n, n) for n in names))
    everywhere = set(names) == set(titles)
    return Finding(first.code, message, first.path, first.severity,
                   None if everywhere else ",".join(names), first.location)


def to_json(findings: Iterable[Finding]) -> str:
    return json.dumps([finding.as_dict() for finding in findings], indent=2)
