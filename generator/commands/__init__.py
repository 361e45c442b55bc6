"""Commands kept in modules of their own, each defining `command`, a click command."""

from __future__ import annotations

from importlib import import_module

import click

# One line per module under generator/commands/ that defines a command.
NAMES: list[str] = [
    "lint",
    "verify",
    "import_",
    "inspect",
    "drift",
]


def register(group: click.Group) -> None:
    for name in NAMES:
        group.add_command(import_module(f"{__name__}.{name}").command)
