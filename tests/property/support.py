"""What the property tests share: example counts, Hypothesis settings, schema files on disk."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, settings

from generator.findings import InvalidSchema
from generator.pipeline import Compiled, compile_file


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """PyYAML's safe dumper (the C emitter when there is one), quoting every string that
    the loader's YAML 1.2 core schema would read as a number (`09`, `1e3`, `0o7`)."""


_Dumper.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"))
_Dumper.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?"
               r"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$"),
    list("-+0123456789."))


def examples(default: int) -> int:
    """How many examples a property runs: SCHEMAGEN_FUZZ_EXAMPLES, else `default`."""
    return int(os.environ.get("SCHEMAGEN_FUZZ_EXAMPLES", default))


def fuzz_settings(default_examples: int) -> settings:
    """Reproducible by default (the same examples on every run, as CI needs);
    SCHEMAGEN_FUZZ_RANDOM=1 explores new ones and remembers failures locally."""
    explore = os.environ.get("SCHEMAGEN_FUZZ_RANDOM") == "1"
    return settings(
        max_examples=examples(default_examples),
        derandomize=not explore,
        database=settings.default.database if explore else None,
        deadline=None,
        print_blob=True,
        # The strategies draw whole schemas: big and, with filters, sometimes slow.
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                               HealthCheck.filter_too_much],
    )


def dump(data: dict[str, Any]) -> str:
    """The YAML text of a drawn schema, as a person would save it."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def write_schema(data: dict[str, Any], folder: Path) -> Path:
    path = folder / "schema.yaml"
    path.write_text(dump(data), encoding="utf-8")
    return path


def compile_data(data: dict[str, Any]) -> Compiled:
    """Compile a drawn schema through the real loader; fail with every finding if invalid."""
    with tempfile.TemporaryDirectory(prefix="sg_prop_") as folder:
        path = write_schema(data, Path(folder))
        try:
            return compile_file(path, display="schema.yaml")
        except InvalidSchema as error:
            listed = "\n".join(finding.text() for finding in error.findings)
            raise AssertionError(f"a valid schema was refused:\n{listed}\n\n{dump(data)}"
                                 ) from None
