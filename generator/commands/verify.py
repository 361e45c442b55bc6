"""`schemagen verify`: the live proof that out/ builds the schema the spec describes."""

from __future__ import annotations

from pathlib import Path

import click

from .common import (EXIT_DIFF, EXIT_REFUSED, EXIT_SERVER, EXIT_USAGE, Failure, guarded,
                     out_option, schema_option)

DIALECT_CHOICE = click.Choice(["postgres", "mysql", "mariadb"])


@click.command(name="verify")
@click.option("--url", required=True,
              help="The server (postgresql://, mysql:// or mariadb://user:pass@host:port/) "
                   "or an empty database on it.")
@click.option("--dialect", type=DIALECT_CHOICE,
              help="The target to verify; by default the URL's scheme says.")
@schema_option
@out_option
@click.option("--scratch-prefix", default="sg_verify_", show_default=True,
              help="How the scratch database's name starts, when --url names a server.")
@guarded
def command(url: str, dialect: str | None, schema_path: Path, out_dir: Path,
            scratch_prefix: str) -> None:
    """Apply out/<dialect>/schema.sql to an empty database, read it back, compare.

    Exit 0 when the database reads back as the schema file describes, 4 with the
    differences, 3 when out/ is stale or the database is not empty, 5 when the server
    cannot be used.
    """
    from ..live.apply import ApplyError
    from ..live.connect import ServerUnreachable
    from ..live.verify import Refused, WrongServer, server_dialect, verify
    from ..output import verify_integrity
    from ..pipeline import compile_file

    chosen = dialect_for_url(url, dialect)
    compiled = compile_file(schema_path)
    verify_integrity(out_dir / chosen / "migrations")  # a tampered release: refused first
    try:
        chosen = server_dialect(url, chosen, explicit=dialect is not None)
        require_target(compiled.targets, chosen, schema_path)
        result = verify(compiled, chosen, url, out_dir, schema_path.name, scratch_prefix)
    except ServerUnreachable as error:
        raise Failure(str(error), EXIT_SERVER) from None
    except Refused as error:
        raise Failure(f"refused: {error}", EXIT_REFUSED) from None
    except (WrongServer, ValueError) as error:  # ValueError: a bad --scratch-prefix
        raise Failure(str(error), EXIT_USAGE) from None
    except ApplyError as error:
        raise Failure(f"{chosen}: {out_dir / chosen / 'schema.sql'} does not build on this "
                      f"server. {error}", EXIT_DIFF) from None
    _report(result, schema_path, out_dir)


def dialect_for_url(url: str, given: str | None) -> str:
    """The dialect named by --dialect, else by the URL scheme; a usage error when neither."""
    from ..live.connect import dialect_from_url

    chosen = given or dialect_from_url(url)
    if chosen is None:
        raise Failure(f"Cannot tell the dialect from '{url.split(':', 1)[0]}:'; start the URL "
                      "with postgresql://, mysql:// or mariadb://, or give --dialect.",
                      EXIT_USAGE)
    return chosen


def require_target(targets: list[str], dialect: str, schema_path: Path) -> None:
    """Refuse a dialect the schema file does not target."""
    if dialect not in targets:
        raise Failure(f"{schema_path} does not target {dialect} (targets: "
                      f"{', '.join(targets)}); add it to settings.targets or verify another "
                      "dialect.", EXIT_USAGE)


def _report(result, schema_path: Path, out_dir: Path) -> None:
    snapshot = out_dir / result.dialect / "schema.sql"
    where = f"scratch database {result.database}, dropped" if result.scratch \
        else f"database {result.database}, its new tables dropped"
    if result.differences:
        lines = "\n".join(f"  {line}" for line in result.differences)
        raise Failure(f"{result.dialect}: {len(result.differences)} difference(s) between "
                      f"{schema_path} and what {snapshot} built ({where}):\n{lines}",
                      EXIT_DIFF)
    click.echo(f"{result.dialect}: {snapshot} applied ({result.statements} statements, "
               f"{where}) and reads back as {schema_path} describes: no drift.")
