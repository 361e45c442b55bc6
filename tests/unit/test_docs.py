"""The docs keep up with the code: every command and option in docs/cli.md, the JSON Schema."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from generator.cli import main
from generator.spec.jsonschema import json_schema_text

ROOT = Path(__file__).resolve().parents[2]
CLI_DOC = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")


def _options(command: click.Command) -> list[str]:
    names = []
    for parameter in command.params:
        if isinstance(parameter, click.Option):
            names += [name for name in parameter.opts if name.startswith("--")]
    return [name for name in names if name != "--help"]


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_and_option_is_documented(name: str) -> None:
    assert f"### {name}\n" in CLI_DOC, f"docs/cli.md has no section for `{name}`"
    section = CLI_DOC.split(f"### {name}\n", 1)[1].split("\n### ", 1)[0]
    for option in _options(main.commands[name]):
        assert option in section, f"docs/cli.md does not document {name} {option}"


def test_json_schema_copy_is_current() -> None:
    assert (ROOT / "docs" / "schema.json").read_text(encoding="utf-8") == json_schema_text()


def test_readme_starts_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```", 2)[1]
    assert "make generate" in first_block and "make test" in first_block
