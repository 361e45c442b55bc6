"""The road from a schema file to checked models: load, resolve per dialect, validate."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from . import checks, dialects
from .findings import Finding, InvalidSchema, dedupe, errors_in
from .model import Schema
from .spec.format import SchemaSpec
from .spec.load import Loaded, load
from .spec.resolve import resolve

log = logging.getLogger("schemagen.validate")


@dataclass
class Compiled:
    """A valid schema: its spec, its model per target dialect, and its warnings."""

    path: Path
    spec: SchemaSpec
    schemas: dict[str, Schema]
    findings: list[Finding] = field(default_factory=list)

    @property
    def targets(self) -> list[str]:
        return list(self.schemas)


def compile_file(path: Path, display: str | None = None) -> Compiled:
    """Load and check a schema file; raise InvalidSchema with every error found."""
    loaded = load(path, display)
    if loaded.spec is None:
        raise InvalidSchema(loaded.findings)
    return compile_spec(loaded, path)


def compile_spec(loaded: Loaded, path: Path) -> Compiled:
    spec = loaded.spec
    assert spec is not None
    targets = {name: dialects.get(name) for name in spec.settings.targets}
    found = list(loaded.findings)
    schemas = {}
    for name, dialect in targets.items():
        resolution = resolve(spec, dialect)
        schemas[name] = resolution.schema
        found += resolution.findings
    found += checks.run(checks.Subject(spec, schemas, targets))
    titles = {name: dialect.title for name, dialect in targets.items()}
    findings = loaded.locate(dedupe(found, titles))
    log.info("%s: %d table(s), %d finding(s)", path, len(spec.tables), len(findings))
    if errors_in(findings):
        raise InvalidSchema(findings)
    return Compiled(path, spec, schemas, findings)
