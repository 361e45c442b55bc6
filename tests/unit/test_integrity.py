"""Released migrations are never rewritten: generate, check and plan refuse a tampered folder.

Also the two layouts and the slug of a migration.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.output import file_hash

V1 = "format: 1\ntables:\n  users:\n    columns:\n      id: {type: integer, primary: true}\n"
V2 = V1 + "      email: {type: string(100), nullable: true}\n"
V3 = V2 + "      name: {type: string(100), nullable: true}\n"
FOLDER = Path("out/postgres/migrations")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


@pytest.fixture
def released(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with two released migrations."""
    monkeypatch.chdir(tmp_path)
    for version in (V1, V2):
        Path("schema.yaml").write_text(version)
        assert run("generate")[0] == 0
    Path("schema.yaml").write_text(V3)
    return tmp_path


def test_history_of_two_changes(released: Path) -> None:
    assert sorted(p.name for p in FOLDER.iterdir()) == [
        "U0001__create_users.sql", "U0002__add_column_users_email.sql",
        "V0001__create_users.sql", "V0002__add_column_users_email.sql", "schemagen.sum"]
    assert (FOLDER / "V0002__add_column_users_email.sql").read_text().endswith(
        '\nALTER TABLE "users" ADD COLUMN "email" varchar(100) NULL;\n')


@pytest.mark.parametrize("command", ["generate", "check", "plan"])
def test_edited_release_is_refused(released: Path, command: str) -> None:
    path = FOLDER / "V0001__create_users.sql"
    path.write_text(path.read_text() + "-- tweak\n")
    assert run(command) == (3, f"refused: Released migration {path} was edited; restore it "
                               f"with `git checkout -- {path}` and put the change in "
                               "schema.yaml so the next migration carries it.\n")


@pytest.mark.parametrize("command", ["generate", "check", "plan"])
def test_removed_release_is_refused(released: Path, command: str) -> None:
    path = FOLDER / "U0002__add_column_users_email.sql"
    path.unlink()
    assert run(command) == (3, f"refused: Released migration {path} was removed; restore it "
                               "from version control (released migrations are never "
                               "removed).\n")


def test_renumbered_release_is_refused(released: Path) -> None:
    old = FOLDER / "V0002__add_column_users_email.sql"
    old.rename(FOLDER / "V0003__add_column_users_email.sql")
    code, output = run("generate")
    assert (code, output) == (3, f"refused: Released migration {old} was removed; restore "
                                 "it from version control (released migrations are never "
                                 "removed).\n")


def test_reordered_integrity_file_is_refused(released: Path) -> None:
    sums = FOLDER / "schemagen.sum"
    lines = sums.read_text().splitlines()
    sums.write_text("\n".join([lines[0]] + lines[1:][::-1]) + "\n")
    assert run("check") == (3, f"refused: {sums} does not match the order of the migrations; "
                               "restore it from version control.\n")


def test_stray_migration_is_refused(released: Path) -> None:
    stray = FOLDER / "V0003__by_hand.sql"
    stray.write_text("ALTER TABLE users ADD COLUMN x int;\n")
    assert run("generate") == (3, f"refused: {stray} is not in schemagen.sum; migrations are "
                                  "written only by `schemagen generate`. Remove the file and "
                                  "describe the change in schema.yaml.\n")


def test_nothing_is_written_when_refused(released: Path) -> None:
    (FOLDER / "V0001__create_users.sql").write_text("-- edited\n")
    before = sorted(str(p) for p in Path("out").rglob("*"))
    assert run("generate")[0] == 3
    assert sorted(str(p) for p in Path("out").rglob("*")) == before


def test_message_names_the_migration(released: Path) -> None:
    assert run("generate", "-m", "Add the user's name!") == (
        0, "out: wrote migration 0003 (add_the_user_s_name) for postgres, mysql, mariadb.\n")
    assert (FOLDER / "V0003__add_the_user_s_name.sql").exists()
    assert (FOLDER / "U0003__add_the_user_s_name.sql").exists()


def test_golang_migrate_layout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for version in (V1, V2):
        Path("schema.yaml").write_text(version)
        assert run("generate", "--layout", "golang-migrate")[0] == 0
    assert sorted(p.name for p in FOLDER.iterdir()) == [
        "0001_create_users.down.sql", "0001_create_users.up.sql",
        "0002_add_column_users_email.down.sql", "0002_add_column_users_email.up.sql",
        "schemagen.sum"]
    assert run("check", "--layout", "golang-migrate")[0] == 0


def test_mixing_layouts_is_refused(released: Path) -> None:
    assert run("generate", "--layout", "golang-migrate") == (
        3, "refused: out/postgres/migrations/U0001__create_users.sql is not named for the "
           "golang-migrate layout; run with `--layout flyway`, so that every migration in "
           "the folder follows one naming.\n")


def test_verify_refuses_an_edited_release_before_touching_a_server(released: Path) -> None:
    path = FOLDER / "V0002__add_column_users_email.sql"
    path.write_text(path.read_text().replace("varchar(100)", "text"))
    code, output = run("verify", "--url", "postgresql://nobody@127.0.0.1:1/postgres")
    assert (code, output.splitlines()[0]) == (
        3, f"refused: Released migration {path} was edited; restore it with `git checkout -- "
           f"{path}` and put the change in schema.yaml so the next migration carries it.")


STATE = Path("out/state.yaml")
STATE_EDITED = (3, "refused: out/state.yaml was edited by hand (its contents no longer match "
                   "the hash on its first line); restore it with `git checkout -- "
                   "out/state.yaml` and make the change in the schema file, so the next "
                   "migration carries it.\n")


def test_state_carries_the_hash_of_its_body(released: Path) -> None:
    head, _, body = STATE.read_bytes().partition(b"\n")
    assert head.decode() == ("# The schema as the last migration leaves it. Written by "
                             f"schemagen; do not edit. {file_hash(body)}")


@pytest.mark.parametrize("command", ["generate", "check", "plan"])
def test_hand_edited_state_is_refused(released: Path, command: str) -> None:
    STATE.write_text(STATE.read_text().replace("email:", "mail:"))
    assert run(command) == STATE_EDITED
    assert not (FOLDER / "V0003__add_column_users_name.sql").exists()


def test_state_without_a_hash_is_trusted_once_and_stamped(released: Path) -> None:
    head, _, body = STATE.read_bytes().partition(b"\n")
    legacy = b"# The schema as the last migration leaves it. Written by schemagen; do not edit."
    STATE.write_bytes(legacy + b"\n" + body)
    Path("schema.yaml").write_text(V2)  # no change: the state keeps its body, gains a hash
    assert run("generate") == (0, "out: no schema change; no new migration.\n")
    assert STATE.read_bytes() == head + b"\n" + body


def test_missing_state_with_releases_is_refused(released: Path) -> None:
    STATE.unlink()
    for command in ("generate", "check", "plan"):
        assert run(command) == (
            3, "refused: out/state.yaml is missing but out/postgres/migrations holds released "
               "migrations; restore it with `git checkout -- out/state.yaml`, or the next "
               "migration would create every table again.\n")
    assert not (FOLDER / "V0003__create_users.sql").exists()


@pytest.mark.parametrize("how", ["emptied", "removed"])
def test_lost_migrations_of_one_target_are_refused(released: Path, how: str) -> None:
    folder = Path("out/mysql/migrations")
    for path in folder.iterdir():
        path.unlink()
    if how == "removed":
        folder.rmdir()
    assert run("generate") == (
        3, "refused: out/mysql/migrations holds no migrations, but out/state.yaml was written "
           "for mysql after its tables were created; restore the folder with `git checkout -- "
           "out/mysql/migrations` (a new target is one added to settings.targets since the "
           "last migration).\n")


def with_targets(schema: str, *targets: str) -> str:
    settings = f"settings: {{targets: [{', '.join(targets)}]}}\n"
    return schema.replace("format: 1\n", "format: 1\n" + settings)


def test_a_new_target_gets_a_first_migration_that_creates_everything(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("schema.yaml").write_text(with_targets(V1, "postgres"))
    assert run("generate")[0] == 0
    Path("schema.yaml").write_text(with_targets(V2, "postgres", "mysql"))

    assert run("generate") == (0, "out: wrote migration 0002 (add_column_users_email) for "
                                  "postgres, mysql.\n")
    mysql = Path("out/mysql/migrations")
    assert sorted(p.name for p in mysql.iterdir()) == [
        "U0002__add_column_users_email.sql", "V0002__add_column_users_email.sql",
        "schemagen.sum"]
    first = (mysql / "V0002__add_column_users_email.sql").read_text()
    assert first.endswith("\nCREATE TABLE `users` (\n  `id` int NOT NULL,\n"
                          "  `email` varchar(100) NULL,\n  PRIMARY KEY (`id`)\n"
                          ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;\n")
    assert run("check")[0] == 0


def test_a_dropped_target_is_not_a_lost_one(released: Path) -> None:
    Path("schema.yaml").write_text(with_targets(V2, "postgres"))
    assert run("generate") == (0, "out: no schema change; no new migration.\n")


def test_a_hint_naming_nothing_exits_3_and_writes_nothing(released: Path) -> None:
    Path("schema.yaml").write_text(V2 + "      pcode: {type: integer, renamed_from: cdoe}\n")
    assert run("generate") == (
        3, "cannot write this migration: tables.users.columns.pcode.renamed_from names 'cdoe', "
           "but there is no column 'cdoe' to rename (there are: email, id); correct the hint, "
           "or remove it to add 'pcode' as a new column.\n")
    assert not (FOLDER / "V0003__add_column_users_pcode.sql").exists()


def test_a_table_hint_naming_nothing_is_refused(released: Path) -> None:
    hinted = V2.replace("  users:\n", "  people:\n    renamed_from: usres\n")
    Path("schema.yaml").write_text(hinted)
    assert run("plan") == (
        3, "cannot write this migration: tables.people.renamed_from names 'usres', but there "
           "is no table 'usres' to rename (there are: users); correct the hint, or remove it "
           "to add 'people' as a new table.\n")


def test_a_hint_applied_earlier_is_not_refused(released: Path) -> None:
    Path("schema.yaml").write_text(V2.replace("nullable: true}", "nullable: true, "
                                              "renamed_from: mail}"))
    assert run("generate") == (0, "out: no schema change; no new migration.\n")


def test_a_first_migration_ignores_hints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("schema.yaml").write_text(V1.replace("  users:\n", "  users:\n    renamed_from: old\n"))
    assert run("generate")[0] == 0


def test_the_layout_in_out_is_remembered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("schema.yaml").write_text(V1)
    assert run("generate", "--layout", "golang-migrate")[0] == 0
    Path("schema.yaml").write_text(V2)
    assert run("check")[0] == 4  # stale, not refused for another naming
    assert run("generate") == (0, "out: wrote migration 0002 (add_column_users_email) for "
                                  "postgres, mysql, mariadb.\n")
    assert (FOLDER / "0002_add_column_users_email.up.sql").exists()
    assert run("check") == (0, "out is up to date with schema.yaml.\n")


def test_an_empty_out_takes_flyway(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("schema.yaml").write_text(V1)
    assert run("generate")[0] == 0
    assert (FOLDER / "V0001__create_users.sql").exists()


def test_plan_for_a_dialect_the_schema_does_not_target(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("schema.yaml").write_text(with_targets(V1, "postgres"))
    assert run("plan", "--dialect", "mysql") == (
        2, "schema.yaml does not target mysql (its targets: postgres); choose one of those "
           "with --dialect, or add it to settings.targets.\n")
    assert run("plan", "--dialect", "postgres")[0] == 0
