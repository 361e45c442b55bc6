"""The `schemagen` command line: options, exit codes and output formats; no logic of its own.

Exit codes (docs/cli.md):
  0  success, nothing to report
  1  invalid input: the schema file (or another input) has errors
  2  usage error: an unknown command or option
  3  refused: a released migration was edited, or an action would be unsafe
  4  a difference was found: `check` found out/ stale, `verify`/`drift` found drift,
     `lint` found warnings
  5  a database server could not be reached or used
  70 internal error: a bug in schemagen; the message says what to report
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import click

from .commands import register
from .commands.common import (EXIT_DIFF, EXIT_USAGE, Failure, format_option, guarded,
                              layout_option, out_option, print_findings, schema_option)

@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", is_flag=True, help="Log each stage's decisions.")
@click.version_option(package_name="schemagen")
def main(verbose: bool) -> None:
    """Turn one reviewed schema.yaml into verified PostgreSQL and MySQL DDL."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(name)s: %(message)s")


@main.command()
@schema_option
@format_option
@guarded
def validate(schema_path: Path, output_format: str) -> None:
    """Check the schema file and report every problem at once."""
    from .pipeline import compile_file

    compiled = compile_file(schema_path)
    print_findings(compiled.findings, output_format)
    if output_format == "text":
        click.echo(f"{schema_path}: valid ({len(compiled.spec.tables)} tables, "
                   f"targets: {', '.join(compiled.targets)})")


@main.command()
@schema_option
@out_option
@layout_option
@click.option("-m", "--message", help="Names the new migration (its slug).")
@guarded
def generate(schema_path: Path, out_dir: Path, layout: str | None, message: str | None) -> None:
    """Write the next migration (if the schema changed), the snapshots and the state."""
    from .generate import generate as run_generate
    from .output import LAYOUTS, layout_of, write_tree
    from .pipeline import compile_file

    compiled = compile_file(schema_path)
    print_findings(compiled.findings, "text")
    chosen = LAYOUTS[layout] if layout else layout_of(out_dir)
    result = run_generate(compiled, out_dir, schema_path.name, chosen, message)
    write_tree(out_dir, result.files)
    for warning in result.warnings:
        click.echo(warning.text(), err=True)
    if result.version is None:
        click.echo(f"{out_dir}: no schema change; no new migration.")
    else:
        click.echo(f"{out_dir}: wrote migration {result.version:04d} ({result.slug}) for "
                   f"{', '.join(result.plans)}.")


@main.command()
@schema_option
@out_option
@layout_option
@guarded
def check(schema_path: Path, out_dir: Path, layout: str | None) -> None:
    """Fail when out/ differs from what `generate` would write (the pull-request gate)."""
    from .generate import generate as run_generate
    from .output import LAYOUTS, layout_of, read_tree
    from .pipeline import compile_file

    compiled = compile_file(schema_path)
    chosen = LAYOUTS[layout] if layout else layout_of(out_dir)
    result = run_generate(compiled, out_dir, schema_path.name, chosen)
    present = read_tree(out_dir)
    stale = sorted(name for name in set(result.files) | set(present)
                   if result.files.get(name) != present.get(name))
    if stale:
        listed = "\n".join(f"  {out_dir / name}" for name in stale[:20])
        raise Failure(f"{out_dir} is out of date with {schema_path}:\n{listed}\n"
                      "Run `make generate` and commit the result.", EXIT_DIFF)
    click.echo(f"{out_dir} is up to date with {schema_path}.")


@main.command(name="plan")
@schema_option
@out_option
@click.option("--dialect", type=click.Choice(["postgres", "mysql", "mariadb"]),
              help="Only this dialect.")
@format_option
@guarded
def plan_command(schema_path: Path, out_dir: Path, dialect: str | None,
                 output_format: str) -> None:
    """Print the migration `generate` would write, per dialect, writing nothing."""
    from .generate import plan
    from .output import verify_integrity
    from .pipeline import compile_file

    compiled = compile_file(schema_path)
    if dialect is not None and dialect not in compiled.targets:
        raise Failure(f"{schema_path} does not target {dialect} (its targets: "
                      f"{', '.join(compiled.targets)}); choose one of those with --dialect, "
                      "or add it to settings.targets.", EXIT_USAGE)
    for name in compiled.targets:
        verify_integrity(out_dir / name / "migrations")
    plans = plan(compiled, out_dir)
    chosen = {name: p for name, p in plans.items() if dialect in (None, name)}
    if output_format == "json":
        click.echo(json.dumps({name: {"operations": [op.describe() for op in p.operations],
                                      "up": p.up, "down": p.down,
                                      "warnings": [w.as_dict() for w in p.warnings]}
                               for name, p in chosen.items()}, indent=2))
        return
    for warning in dict.fromkeys(w for p in chosen.values() for w in p.warnings):
        click.echo(warning.text(), err=True)
    for name, dialect_plan in chosen.items():
        click.echo(f"-- {name}: {len(dialect_plan.operations)} operation(s)")
        for statement in dialect_plan.up:
            click.echo(statement + ";")
        click.echo()



@main.command(name="json-schema")
def json_schema() -> None:
    """Print the JSON Schema of the schema file format (docs/schema.json holds a copy)."""
    from .spec.jsonschema import json_schema_text

    click.echo(json_schema_text(), nl=False)


register(main)
