"""Rules over a schema, in a plain registry: each rule has a stable code and a doc page.

Validation rules (`severity="error"`) make a file invalid: the DDL would fail or do the
wrong thing on a target. Lint rules (`generator.checks.lint`) warn about what is legal
but unwise. Every rule is one small function that yields findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Callable, Iterable

from ..dialects import Dialect
from ..findings import Finding
from ..model import Schema
from ..spec.format import SchemaSpec


@dataclass(frozen=True)
class Subject:
    """What a rule looks at: the spec and its model for every target dialect."""

    spec: SchemaSpec
    schemas: dict[str, Schema]
    dialects: dict[str, Dialect]


Rule = Callable[[Subject], Iterable[Finding]]


@dataclass(frozen=True)
class RuleInfo:
    code: str
    severity: str
    summary: str
    run: Rule


RULES: dict[str, RuleInfo] = {}


def rule(code: str, severity: str, summary: str) -> Callable[[Rule], Rule]:
    """Register a rule under its stable code."""

    def register(function: Rule) -> Rule:
        RULES[code] = RuleInfo(code, severity, summary, function)
        return function

    return register


def run(subject: Subject, severity: str | None = None) -> list[Finding]:
    from . import validate  # noqa: F401  (registers the validation rules)

    found: list[Finding] = []
    for info in RULES.values():
        if severity is None or info.severity == severity:
            found.extend(info.run(subject))
    return found
