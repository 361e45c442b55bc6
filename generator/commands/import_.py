"""`schemagen import`: an existing database's DDL (a dump or a schema file) to schema.yaml."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .common import EXIT_INVALID, EXIT_REFUSED, Failure, guarded


@click.command(name="import")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dialect", required=True, type=click.Choice(["mysql", "postgres"]),
              help="The SQL dialect of the file (mysql also reads MariaDB dumps).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write schema.yaml here instead of printing it.")
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="How to print the report of what was not kept.")
@guarded
def command(source: Path, dialect: str, output: Path | None, force: bool,
            output_format: str) -> None:
    """Read DDL into schema.yaml; report (never drop silently) what the format cannot hold."""
    from ..importer import ImportFailed, import_ddl

    if output is not None and output.exists() and not force:
        raise Failure(f"{output} exists; choose another file or pass --force to overwrite it.",
                      EXIT_REFUSED)
    try:
        text = source.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise Failure(f"{source} is not UTF-8 text; convert it (for example with iconv) and "
                      "import it again.", EXIT_INVALID) from None
    try:
        imported = import_ddl(text, dialect, str(source))
    except ImportFailed as error:
        raise Failure(f"{source}: {error}", EXIT_INVALID) from None

    if output is None:
        click.echo(imported.text, nl=False)
    else:
        output.write_text(imported.text, encoding="utf-8")
    _report(imported, source, output, output_format)


def _report(imported, source: Path, output: Path | None, output_format: str) -> None:
    if output_format == "json":
        report = json.dumps(imported.report(), indent=2, ensure_ascii=False)
        click.echo(report, err=output is None)
        return
    for note in imported.notes:
        click.echo(note.text(str(source)), err=True)
    click.echo(summary(imported, output), err=True)


def summary(imported, output: Path | None) -> str:
    """One line: what was written and how much was not kept as it is."""
    counts = {kind: sum(1 for note in imported.notes if note.kind == kind)
              for kind in ("unsupported", "changed", "unparsed")}
    skipped = ", ".join(f"{count} {what}" for what, count in sorted(imported.skipped.items()))
    where = str(output) if output else "schema.yaml (printed)"
    return (f"{where}: {imported.tables} tables from {imported.statements} statements; "
            f"{counts['unsupported']} unsupported, {counts['changed']} changed, "
            f"{counts['unparsed']} unparsed" + (f"; skipped: {skipped}" if skipped else "")
            + ".")
