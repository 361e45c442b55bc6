"""`schemagen drift`: a live database against schema.yaml, and the migration that repairs it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .common import (EXIT_DIFF, EXIT_SERVER, EXIT_USAGE, Failure, format_option, guarded,
                     out_option, schema_option)
from .inspect import URL_HELP, require_database
from .verify import DIALECT_CHOICE, dialect_for_url, require_target


@click.command(name="drift")
@click.option("--url", required=True, help=URL_HELP)
@click.option("--dialect", type=DIALECT_CHOICE,
              help="The target to compare with; by default the URL's scheme says.")
@schema_option
@out_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the repair migration here instead of printing it.")
@format_option
@guarded
def command(url: str, dialect: str | None, schema_path: Path, out_dir: Path,
            output: Path | None, output_format: str) -> None:
    """Compare a live database with the schema file; write (never apply) the repair.

    Exit 0 without drift, 4 with drift, 5 when the server cannot be used.
    """
    from ..drift import as_dict, drift, repair_text
    from ..live.connect import ServerUnreachable
    from ..live.verify import WrongServer, server_dialect
    from ..pipeline import compile_file

    chosen = dialect_for_url(url, dialect)
    compiled = compile_file(schema_path)
    require_database(url, chosen, "compare")
    try:
        chosen = server_dialect(url, chosen, explicit=dialect is not None)
        require_target(compiled.targets, chosen, schema_path)
        found = drift(compiled, chosen, url, out_dir)
    except ServerUnreachable as error:
        raise Failure(str(error), EXIT_SERVER) from None
    except WrongServer as error:
        raise Failure(str(error), EXIT_USAGE) from None

    text = repair_text(found, schema_path.name)
    if output is not None:
        output.write_text(text, encoding="utf-8")
    elif found.steps and output_format == "text":
        click.echo(text, nl=False)
    if output_format == "json":
        click.echo(json.dumps(as_dict(found), indent=2, ensure_ascii=False))
    else:
        _report(found, schema_path, out_dir, output, err=output is None)
    if found.found:
        sys.exit(EXIT_DIFF)


def _report(found, schema_path: Path, out_dir: Path, output: Path | None, err: bool) -> None:
    def say(line: str) -> None:
        click.echo(line, err=err)

    subject = f"{found.dialect} database {found.database}"
    if not found.differences:
        say(f"{subject} reads back as {schema_path} describes: no difference.")
    else:
        say(f"{subject}: {len(found.differences)} difference(s) from {schema_path} "
            "(the schema's value on the left):")
        for line in found.differences:
            say(f"  {line}")
    for line in _migrations(found, out_dir / found.dialect / "migrations"):
        say(line)
    if found.differences:
        for line in _repair(found, output):
            say(line)


def _migrations(found, folder: Path) -> list[str]:
    held = f"{folder} holds versions {_versions(found.released)}" if found.released \
        else f"{folder} holds no released migration"
    lines = [f"migrations: {held}."]
    if not found.histories:
        lines.append("history: the database has no Flyway (flyway_schema_history) or "
                     "golang-migrate (schema_migrations) table.")
    for history in found.histories:
        lines.append(f"history: {_history(history, found.released)}")
    if found.pending:
        lines.append(f"PENDING: released version(s) {_versions(found.pending)} did not run "
                     "here; run the migrations rather than the repair if the differences "
                     "are theirs.")
    if found.unreleased:
        lines.append("unreleased: the schema file has changes no released migration carries "
                     "yet (run `schemagen generate`); differences about them are expected.")
    return lines


def _history(history, released: list[int]) -> str:
    if history.problem:
        return f"{history.runner} ({history.table}): {history.problem}."
    version = history.version
    parts = [f"{history.runner} ({history.table}) reports version "
             f"{version if version is not None else 'none'}"]
    if history.failed:
        parts.append(f"FAILED: version(s) {_versions(history.failed)} recorded as failed")
    unknown = history.unknown(released)
    if unknown:
        parts.append(f"version(s) {_versions(unknown)} ran here but are not in out/")
    if not history.pending(released) and not history.failed:
        parts.append("every released version ran")
    return "; ".join(parts) + "."


def _versions(versions: list[int]) -> str:
    """`1-3, 5`: runs of consecutive versions shortened."""
    runs: list[list[int]] = []
    for version in sorted(versions):
        if runs and version == runs[-1][-1] + 1:
            runs[-1].append(version)
        else:
            runs.append([version])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs)


def _repair(found, output: Path | None) -> list[str]:
    from ..drift import destructive

    if found.unrepairable:
        return [f"repair: none written; {found.unrepairable}"]
    where = f"written to {output}" if output else "printed on stdout"
    lines = [f"repair: {len(found.statements)} statement(s) in {len(found.steps)} step(s), "
             f"{where}; NOT applied."]
    risky = [(op, destructive(op, found.dialect)) for op, _ in found.steps]
    risky = [(op, reason) for op, reason in risky if reason]
    if risky:
        lines.append(f"DESTRUCTIVE: {len(risky)} step(s) of the repair; review them before "
                     "running it:")
        lines += [f"  {op.describe()}: {reason}" for op, reason in risky]
    lines += [warning.text() for warning in found.warnings]
    return lines
