"""What every command shares: exit codes, options, output of findings, error handling."""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from collections.abc import Callable

import click

from ..findings import Finding, InvalidSchema, to_json

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_REFUSED, EXIT_DIFF, EXIT_SERVER = 0, 1, 2, 3, 4, 5
EXIT_BUG = 70
SCREENFUL = 40

schema_option = click.option(
    "--schema", "schema_path", default="schema.yaml", show_default=True,
    type=click.Path(dir_okay=False, path_type=Path), help="The schema file to read.")
out_option = click.option(
    "--out", "out_dir", default="out", show_default=True,
    type=click.Path(file_okay=False, path_type=Path), help="The output folder.")
layout_option = click.option(
    "--layout", type=click.Choice(["flyway", "golang-migrate"]),
    help="How migration files are named. Default: what out/ already holds, else flyway.")
format_option = click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text",
    show_default=True, help="How to print findings.")


class Failure(Exception):
    """An expected failure: print the message, exit with the code."""

    def __init__(self, message: str, code: int):
        super().__init__(message)
        self.code = code


def print_findings(findings: list[Finding], output_format: str) -> None:
    if output_format == "json":
        click.echo(to_json(findings))
        return
    for finding in findings[:SCREENFUL]:
        click.echo(finding.text(), err=True)
    if len(findings) > SCREENFUL:
        click.echo(f"+{len(findings) - SCREENFUL} more (use --format json to see all)",
                   err=True)


def guarded(function: Callable) -> Callable:
    """Turn expected failures into one clear message and an exit code, never a traceback."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        output_format = kwargs.get("output_format", "text")
        try:
            return function(*args, **kwargs)
        except InvalidSchema as error:
            print_findings(error.findings, output_format)
            errors = sum(1 for f in error.findings if f.severity == "error")
            if output_format == "text":
                click.echo(f"{errors} error(s); nothing was written.", err=True)
            sys.exit(EXIT_INVALID)
        except Failure as error:
            click.echo(str(error), err=True)
            sys.exit(error.code)
        except _expected_errors() as error:
            code, prefix = _classify(error)
            click.echo(f"{prefix}{_sentence(error)}", err=True)
            sys.exit(code)
        except click.exceptions.ClickException:
            raise
        except Exception as error:  # noqa: BLE001 - the last line of defence
            click.echo(f"schemagen failed unexpectedly: {type(error).__name__}: {error}. "
                       "This is a bug; please report it with the command you ran.", err=True)
            sys.exit(EXIT_BUG)

    return wrapper


def _expected_errors() -> tuple[type[Exception], ...]:
    from ..diff import DiffUnsupported
    from ..output import IntegrityError, OutputError

    return (IntegrityError, DiffUnsupported, OutputError, OSError)


def _sentence(error: Exception) -> str:
    """An OSError's own text is terse (`[Errno 13] ...`); say which file and what to do."""
    from ..output import io_sentence

    if isinstance(error, OSError):
        return io_sentence(error, "use")
    return str(error)


def _classify(error: Exception) -> tuple[int, str]:
    from ..diff import DiffUnsupported
    from ..output import IntegrityError, OutputError

    if isinstance(error, IntegrityError):
        return EXIT_REFUSED, "refused: "
    if isinstance(error, DiffUnsupported):
        return EXIT_REFUSED, "cannot write this migration: "
    if isinstance(error, OutputError):
        return EXIT_INVALID, ""
    return EXIT_INVALID, "error: "


