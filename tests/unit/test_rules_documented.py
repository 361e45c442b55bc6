"""Every rule has a page in docs/rules/ saying why and what to do, and every page a rule."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.checks import RULES, lint, validate
from generator.checks.changes import CHANGE_RULES

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "docs" / "rules"
# Codes the validation rules report besides their registered ones (column-options' parts).
EMITTED = set(re.findall(r'(?:_error|Finding)\(\s*"([a-z0-9-]+)"',
                         Path(validate.__file__).read_text(encoding="utf-8")))
CODES = sorted(set(RULES) | set(CHANGE_RULES) | EMITTED)


def test_the_registries_hold_validation_lint_and_change_rules() -> None:
    assert {"fk-target", "text-in-key"} <= set(RULES)
    assert {"fk-without-index", "tenant-key-nullable"} <= set(lint.LINT_CODES)
    assert {"narrowing", "pg-index-not-concurrent", "mysql-not-instant"} <= set(CHANGE_RULES)


@pytest.mark.parametrize("code", CODES)
def test_every_rule_has_a_page(code: str) -> None:
    page = PAGES / f"{code}.md"
    assert page.exists(), f"docs/rules/{code}.md is missing: say why the rule matters"
    text = page.read_text(encoding="utf-8")
    assert text.startswith(f"# {code}\n")
    assert "## Why it matters" in text and "## What to do" in text
    index = (PAGES / "README.md").read_text(encoding="utf-8")
    assert f"[{code}]({code}.md)" in index, f"docs/rules/README.md does not list {code}"


def test_every_page_is_a_rule() -> None:
    pages = {path.stem for path in PAGES.glob("*.md")} - {"README", "squawk"}
    assert sorted(pages - set(CODES)) == []


def test_severity_in_the_page_matches_the_registry() -> None:
    for code in CODES:
        kind = (PAGES / f"{code}.md").read_text(encoding="utf-8").split("\n")[2]
        severity = RULES[code].severity if code in RULES else \
            CHANGE_RULES[code].severity if code in CHANGE_RULES else "error"
        if code in lint.LINT_CODES or code in CHANGE_RULES:
            assert ("(error)" in kind) == (severity == "error"), code
        else:
            assert kind.startswith("**Kind:** validation"), code
