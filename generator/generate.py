"""What `generate` writes: the next migration per dialect, the snapshots and the state."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import dialects, operations as ops
from .diff import diff, warnings
from .findings import Finding
from .model import Schema
from .output import (HEADER, LAYOUTS, STATE_FILE, SUM_FILE, IntegrityError, Layout,
                     migration_files, read_file, read_tree, stamped_state, state_body, sum_text,
                     verify_integrity)
from .pipeline import Compiled, compile_file
from .render import create_all, render_all
from .sqlcheck import check_all

log = logging.getLogger("schemagen.render")


@dataclass
class DialectPlan:
    """The change for one dialect: its operations and their SQL both ways."""

    dialect: str
    operations: list[ops.Operation]
    up: list[str] = field(default_factory=list)
    down: list[str] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)  # data the change loses


@dataclass
class Generation:
    files: dict[str, bytes]
    plans: dict[str, DialectPlan]
    version: int | None  # the new migration's version; None when nothing changed
    slug: str = ""

    @property
    def warnings(self) -> list[Finding]:
        """Every dialect's warnings, each once."""
        return list(dict.fromkeys(w for p in self.plans.values() for w in p.warnings))


def sql_file(statements: list[str], source: str, title: str) -> bytes:
    header = HEADER.format(source=source, title=title)
    body = "".join(f"\n{statement};\n" for statement in statements)
    return (header + body).encode("utf-8")


def current_state(out: Path, compiled: Compiled) -> dict[str, Schema]:
    """The schema the last migration leaves, per dialect; empty when there is none."""
    state = out / STATE_FILE
    released = [name for name in compiled.targets if migration_files(out / name / "migrations")]
    if not state.exists():
        if released:
            raise IntegrityError(
                f"{state} is missing but {out / released[0] / 'migrations'} holds released "
                "migrations; restore it with `git checkout -- "
                f"{state}`, or the next migration would create every table again.")
        return {name: Schema(name, ()) for name in compiled.targets}
    state_body(state)
    previous = compile_file(state, display=str(state))
    _check_lost_migrations(out, previous, compiled.targets, released)
    return {name: previous.schemas.get(name, Schema(name, ())) for name in compiled.targets}


def _check_lost_migrations(out: Path, previous: Compiled, targets: list[str],
                           released: list[str]) -> None:
    """A target the state was written for, with tables, still has its released migrations.

    A target missing from the state's `settings.targets` is new: its first migration creates
    everything, which is right. One the state knows but whose migrations are gone is not.
    """
    for name, schema in previous.schemas.items():
        if schema.tables and name in targets and name not in released:
            folder = out / name / "migrations"
            raise IntegrityError(
                f"{folder} holds no migrations, but {out / STATE_FILE} was written for {name} "
                f"after its tables were created; restore the folder with `git checkout -- "
                f"{folder}` (a new target is one added to settings.targets since the last "
                "migration).")


def state_text(compiled: Compiled) -> bytes:
    data = compiled.spec.model_dump(mode="json", exclude_defaults=True)
    _strip_hints(data)
    # The pure-Python dumper on purpose: libyaml's emitter spells some strings differently,
    # and the state must be byte-identical on machines with and without libyaml.
    return stamped_state(yaml.dump(data, Dumper=_StateDumper, sort_keys=False,
                                   allow_unicode=True, width=100))


class _StateDumper(yaml.SafeDumper):
    """The safe dumper, also quoting strings that YAML 1.2 would read as numbers.

    PyYAML writes YAML 1.1, which leaves `1e5` and `0o17` unquoted; the loader reads YAML
    1.2, where those are numbers, so a string default like '1e5' would come back changed.
    """


_StateDumper.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$"),
    list("-+0123456789."))
_StateDumper.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^(0o[0-7]+|0x[0-9a-fA-F]+)$"), ["0"])


def _strip_hints(node: object) -> None:
    if isinstance(node, dict):
        node.pop("renamed_from", None)
        for value in node.values():
            _strip_hints(value)
    elif isinstance(node, list):
        for value in node:
            _strip_hints(value)


def plan(compiled: Compiled, out: Path) -> dict[str, DialectPlan]:
    """Per dialect, the operations from the state in `out/` to the compiled schema."""
    current = current_state(out, compiled)
    return {name: migration(current[name], desired)
            for name, desired in compiled.schemas.items()}


def migration(current: Schema, desired: Schema) -> DialectPlan:
    """The change between two models of one dialect: operations, checked SQL both ways."""
    dialect = dialects.get(desired.dialect)
    operations = diff(current, desired)
    up = render_all(operations, dialect)
    down = render_all(ops.reversed_plan(operations), dialect)
    check_all(up + down, dialect)
    return DialectPlan(desired.dialect, operations, up, down, warnings(operations))


def generate(compiled: Compiled, out: Path, source: str, layout: Layout = LAYOUTS["flyway"],
             message: str | None = None) -> Generation:
    """Everything `out/` should hold after this run, without writing it."""
    for name in compiled.targets:
        verify_integrity(out / name / "migrations")
        check_layout(out / name / "migrations", layout)
    releases = _releases(compiled, out)
    plans = {name: merged(steps) for name, steps in releases.items()}
    files = read_tree(out)
    changed = any(p.operations for p in plans.values())
    version = _next_version(out, compiled.targets, layout) if changed else None
    slug = _slug(message, plans) if changed else ""
    for name, steps in releases.items():
        dialect = dialects.get(name)
        snapshot = render_all(create_all(compiled.schemas[name]), dialect)
        check_all(snapshot, dialect)
        files[f"{name}/schema.sql"] = sql_file(snapshot, source, dialect.title)
        if version is not None:
            _add_releases(files, name, steps, version, slug, layout, source)
    files[STATE_FILE] = _next_state(compiled, out, changed)
    log.info("generated version %s (%s)", version, slug or "no change")
    return Generation(files, plans, version, slug)


def _next_state(compiled: Compiled, out: Path, changed: bool) -> bytes:
    """The new state after a change; else the same body, given its hash if it had none."""
    state = out / STATE_FILE
    if changed or not state.exists():
        return state_text(compiled)
    if state_body(state) is not None:
        return read_file(state)
    legacy = read_file(state).partition(b"\n")[2]
    return stamped_state(legacy.decode("utf-8"))


def _releases(compiled: Compiled, out: Path) -> dict[str, list[DialectPlan]]:
    """Per dialect, the migrations this change releases: one, or with concurrent index
    builds on (settings.postgres.concurrent_indexes), one plus one per such index."""
    if not compiled.spec.settings.postgres.concurrent_indexes:
        return {name: [p] for name, p in plan(compiled, out).items()}
    from .checks.changes import concurrent_plans

    current = current_state(out, compiled)
    return {name: concurrent_plans(current[name], desired)
            for name, desired in compiled.schemas.items()}


def merged(steps: list[DialectPlan]) -> DialectPlan:
    """The steps of one change seen as one plan, for messages and `plan`."""
    if len(steps) == 1:
        return steps[0]
    first = steps[0]
    return DialectPlan(first.dialect, [op for s in steps for op in s.operations],
                       [sql for s in steps for sql in s.up],
                       [sql for s in steps for sql in s.down],
                       [w for s in steps for w in s.warnings])


def _add_releases(files: dict[str, bytes], name: str, steps: list[DialectPlan], version: int,
                  slug: str, layout: Layout, source: str) -> None:
    """Each step that does something takes the next version, from `version` on."""
    named = [(steps[0], slug)] if steps[0].operations else []
    for step in steps[1:]:
        index = step.operations[0].index.name  # type: ignore[attr-defined]
        named.append((step, _words(f"create index {index} concurrently")[:60]))
    for offset, (step, step_slug) in enumerate(named):
        _add_migration(files, name, step, version + offset, step_slug, layout, source)


def _add_migration(files: dict[str, bytes], name: str, dialect_plan: DialectPlan,
                   version: int, slug: str, layout: Layout, source: str) -> None:
    dialect = dialects.get(name)
    up_name, down_name = layout.files(version, slug)
    folder = f"{name}/migrations"
    files[f"{folder}/{up_name}"] = sql_file(dialect_plan.up, source, dialect.title)
    files[f"{folder}/{down_name}"] = sql_file(dialect_plan.down, source, dialect.title)
    released = {key.rpartition("/")[2]: data for key, data in files.items()
                if key.startswith(folder + "/") and key.endswith(".sql")}
    files[f"{folder}/{SUM_FILE}"] = sum_text(released).encode("utf-8")


def _next_version(out: Path, targets: list[str], layout: Layout) -> int:
    versions = [layout.version_of(name) or 0 for target in targets
                for name in migration_files(out / target / "migrations")]
    return max(versions, default=0) + 1


def check_layout(folder: Path, layout: Layout) -> None:
    """Refuse to add a migration named for one runner next to files named for another."""
    foreign = [name for name in migration_files(folder) if layout.version_of(name) is None]
    if foreign:
        other = next((o.name for o in LAYOUTS.values() if o.version_of(foreign[0])), None)
        hint = f"run with `--layout {other}`" if other else "remove the files schemagen " \
            "did not write"
        raise IntegrityError(
            f"{folder / foreign[0]} is not named for the {layout.name} layout; {hint}, so "
            "that every migration in the folder follows one naming.")


def _slug(message: str | None, plans: dict[str, DialectPlan]) -> str:
    """The migration's name: the message given, or what the change does."""
    if message:
        return _words(message)[:60] or "change"
    operations = next((p.operations for p in plans.values() if p.operations), [])
    renamed = {op.table: op.new_name for op in operations if isinstance(op, ops.RenameTable)}
    tables = sorted({renamed.get(op.table, op.table) for op in operations})
    created = [op.table for op in operations if isinstance(op, ops.CreateTable)]
    if created and len(created) == len(tables):
        return f"create_{created[0]}" if len(created) == 1 else "create_schema"
    if len(renamed) == 1 and len(tables) == 1:
        old, new = next(iter(renamed.items()))
        return _words(f"rename {old} to {new}")[:60]
    if len(operations) == 1:
        return _words(operations[0].describe())[:60]
    return f"change_{tables[0]}"[:60] if len(tables) == 1 else f"change_{len(tables)}_tables"


def _words(text: str) -> str:
    words = "".join(ch if ch.isalnum() else "_" for ch in text.lower())
    return "_".join(part for part in words.split("_") if part)
