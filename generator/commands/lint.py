"""`schemagen lint`: the schema's warnings and the change it implies against out/."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..findings import Finding, InvalidSchema, to_json
from .common import EXIT_DIFF, EXIT_INVALID, EXIT_OK, guarded, out_option, schema_option


def collect(schema_path: Path, out_dir: Path, released: bool) -> list[Finding]:
    """Validation findings, lint findings and change findings, located and sorted.

    Lint runs even when validation fails, so one run names every problem of the file; the
    change rules need a valid schema and are skipped then.
    """
    from ..checks.changes import lint_next_change
    from ..checks.lint import lint_rules, merged, subject_of, unused_ignores
    from ..checks.released import lint_released
    from ..pipeline import compile_spec
    from ..spec.load import load

    loaded = load(schema_path)
    if loaded.spec is None:
        raise InvalidSchema(loaded.findings)
    subject = subject_of(loaded.spec)
    try:
        compiled = compile_spec(loaded, schema_path)
        found = list(compiled.findings)
    except InvalidSchema as error:
        compiled, found = None, list(error.findings)

    linted = lint_rules(subject)
    if compiled is not None:
        linted += lint_next_change(compiled, out_dir, subject)
    if released:  # each at its own line of its own file: never merged across dialects
        found += lint_released(out_dir, subject)
    linted += unused_ignores(subject)
    found += loaded.locate(merged(linted, subject))
    return sorted(found, key=Finding.sort_key)


def line(finding: Finding, colour: bool) -> str:
    """`file:line:col: severity code [dialects] message`."""
    where = f"{finding.location}: " if finding.location else ""
    severity = finding.severity
    if colour:
        severity = click.style(severity, fg="red" if severity == "error" else "yellow",
                               bold=True)
    on = f"[{finding.dialect}] " if finding.dialect else ""
    return f"{where}{severity} {finding.code} {on}{finding.message}"


def _escape(text: str, property_: bool = False) -> str:
    # https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_ else text


def annotation(finding: Finding) -> str:
    """A GitHub Actions workflow command that puts the finding on the file's line."""
    where = finding.location
    parts = [f"file={_escape(where.file, True)}"] if where else []
    if where and where.line:
        parts += [f"line={where.line}", f"col={where.column}"]
    parts.append(f"title={_escape(finding.code, True)}")
    on = f"[{finding.dialect}] " if finding.dialect else ""
    return f"::{finding.severity} {','.join(parts)}::{_escape(on + finding.message)}"


def exit_code(findings: list[Finding]) -> int:
    if any(finding.severity == "error" for finding in findings):
        return EXIT_INVALID
    return EXIT_DIFF if findings else EXIT_OK


def show(findings: list[Finding], output_format: str) -> None:
    if output_format == "json":
        click.echo(to_json(findings))
        return
    if output_format == "github":
        for finding in findings:
            click.echo(annotation(finding))
        return
    colour = sys.stdout.isatty()
    for finding in findings:
        click.echo(line(finding, colour))
    errors = sum(1 for finding in findings if finding.severity == "error")
    click.echo(f"{errors} error(s), {len(findings) - errors} warning(s).", err=True)


@click.command(name="lint")
@schema_option
@out_option
@click.option("--all", "released", is_flag=True,
              help="Also lint the statements of every released migration in out/.")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "github"]),
              default="text", show_default=True,
              help="text lines, a JSON list, or GitHub Actions annotations.")
@guarded
def command(schema_path: Path, out_dir: Path, released: bool, output_format: str) -> None:
    """Warn about what breaks, locks or loses data before a database finds out."""
    findings = collect(schema_path, out_dir, released)
    show(findings, output_format)
    sys.exit(exit_code(findings))
