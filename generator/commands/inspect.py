"""`schemagen inspect`: a live database's catalog to schema.yaml, for adopting it."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .common import EXIT_INVALID, EXIT_REFUSED, EXIT_SERVER, EXIT_USAGE, Failure, guarded
from .verify import DIALECT_CHOICE, dialect_for_url

URL_HELP = ("The database (postgresql://, mysql:// or mariadb://user:pass@host:port/database); "
            "it is only read.")


@click.command(name="inspect")
@click.option("--url", required=True, help=URL_HELP)
@click.option("--dialect", type=DIALECT_CHOICE,
              help="The server's dialect; by default the URL's scheme says.")
@click.option("-o", "--output", default="schema.yaml", show_default=True,
              type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              help="Where to write schema.yaml; `-` prints it.")
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="How to print the report of what was not kept.")
@guarded
def command(url: str, dialect: str | None, output: Path, force: bool,
            output_format: str) -> None:
    """Read a live database's tables into schema.yaml; report what the format cannot hold."""
    from .. import dialects
    from ..importer import ImportFailed
    from ..importer.catalog import catalog_to_yaml
    from ..live.connect import database_name

    printed = str(output) == "-"
    if not printed and output.exists() and not force:
        raise Failure(f"{output} exists; choose another file or pass --force to overwrite it.",
                      EXIT_REFUSED)
    chosen, catalog = read_catalog(url, dialect, "inspect")
    header = (f"Inspected by `schemagen inspect` from the {dialects.get(chosen).title} "
              f"database {database_name(url)}.\nReview it with the inspect report: what "
              "schema.yaml cannot hold was left out.")
    try:
        inspection = catalog_to_yaml(catalog, header, [chosen])
    except ImportFailed as error:
        raise Failure(f"{database_name(url)}: {error}", EXIT_INVALID) from None

    if printed:
        click.echo(inspection.imported.text, nl=False)
    else:
        output.write_text(inspection.imported.text, encoding="utf-8")
    _report(inspection, "schema.yaml (printed)" if printed else str(output), output_format,
            printed)


def read_catalog(url: str, given: str | None, verb: str):
    """The dialect the server answers as, and its catalog of the database the URL names."""
    from ..live.connect import ServerUnreachable
    from ..live.introspect import read_schema
    from ..live.verify import WrongServer, server_dialect

    chosen = dialect_for_url(url, given)
    require_database(url, chosen, verb)
    try:
        chosen = server_dialect(url, chosen, explicit=given is not None)
        return chosen, read_schema(url, chosen)
    except ServerUnreachable as error:
        raise Failure(str(error), EXIT_SERVER) from None
    except WrongServer as error:
        raise Failure(str(error), EXIT_USAGE) from None


def require_database(url: str, dialect: str, verb: str) -> None:
    """Refuse a URL that names the server alone: these commands read one database."""
    from ..live.connect import names_server

    if names_server(url, dialect):
        raise Failure(f"The URL names no database (or a maintenance one); name the database "
                      f"to {verb}, for example {url.rstrip('/')}/app.", EXIT_INVALID)


def _report(inspection, where: str, output_format: str, printed: bool) -> None:
    imported = inspection.imported
    if output_format == "json":
        report = {**imported.report(), "differences": inspection.differences}
        click.echo(json.dumps(report, indent=2, ensure_ascii=False), err=printed)
        return
    for note in imported.notes:
        click.echo(f"{note.kind}: {note.subject}: {note.message}", err=True)
    counts = {kind: sum(1 for note in imported.notes if note.kind == kind)
              for kind in ("unsupported", "changed")}
    summary = (f"{where}: {imported.tables} tables; {counts['unsupported']} unsupported, "
               f"{counts['changed']} changed; ")
    if not inspection.differences:
        click.echo(summary + "it compiles back to exactly the catalog read.", err=True)
        return
    click.echo(summary + f"it compiles back with {len(inspection.differences)} difference(s) "
               "from the catalog:", err=True)
    for line in inspection.differences:
        click.echo(f"  {line}", err=True)
