"""Writing out/: only changed files, each atomically, nothing else touched; clear I/O errors."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import output
from generator.cli import main
from generator.output import OutputError, write_tree

V1 = "format: 1\ntables:\n  users:\n    columns:\n      id: {type: integer, primary: true}\n"
V2 = V1 + "      email: {type: string(100), nullable: true}\n"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    Path("schema.yaml").write_text(V1)
    assert run("generate")[0] == 0
    return tmp_path


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_new_folders_and_files_follow_the_umask(project: Path) -> None:
    assert mode(Path("out")) == 0o777 & ~current_umask()
    assert mode(Path("out/postgres/schema.sql")) == 0o666 & ~current_umask()


def current_umask() -> int:
    old = os.umask(0)
    os.umask(old)
    return old


def test_what_schemagen_did_not_write_is_left_alone(project: Path) -> None:
    Path("out").chmod(0o750)
    script = Path("out/apply.sh")
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    Path("out/notes").mkdir()
    Path("out/latest").symlink_to("postgres/schema.sql")
    Path("schema.yaml").write_text(V2)

    assert run("generate")[0] == 0
    assert mode(Path("out")) == 0o750
    assert mode(script) == 0o755
    assert Path("out/notes").is_dir() and not any(Path("out/notes").iterdir())
    assert Path("out/latest").is_symlink()
    assert "email" in Path("out/latest").read_text()


def test_unchanged_files_are_not_rewritten(project: Path) -> None:
    release = Path("out/postgres/migrations/V0001__create_users.sql")
    before = release.stat()
    Path("schema.yaml").write_text(V2)
    assert run("generate")[0] == 0
    after = release.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_a_kept_mode_survives_a_rewrite(project: Path) -> None:
    snapshot = Path("out/postgres/schema.sql")
    snapshot.chmod(0o640)
    Path("schema.yaml").write_text(V2)
    assert run("generate")[0] == 0
    assert mode(snapshot) == 0o640
    assert "email" in snapshot.read_text()


def test_a_symlinked_output_file_is_written_through_the_link(project: Path) -> None:
    shared = project / "shared.sql"
    snapshot = Path("out/mysql/schema.sql")
    shared.write_bytes(snapshot.read_bytes())
    snapshot.unlink()
    snapshot.symlink_to(shared)
    Path("schema.yaml").write_text(V2)
    assert run("generate")[0] == 0
    assert snapshot.is_symlink()
    assert "`email`" in shared.read_text()


def test_out_dot_keeps_the_working_directory(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("schema.yaml").write_text(V1)
    Path("keep.txt").write_text("mine\n")
    inode = tmp_path.stat().st_ino
    assert run("generate", "--out", ".")[0] == 0
    assert tmp_path.stat().st_ino == inode
    assert Path("keep.txt").read_text() == "mine\n"
    assert Path("postgres/migrations/V0001__create_users.sql").is_file()
    assert run("check", "--out", ".")[0] == 0


def failing_open(fail_on: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """os.open fails with EACCES for a temporary file staged next to `fail_on`."""
    real_open = os.open

    def fake(path, flags, mode=0o777):  # noqa: ANN001, ANN202 - the signature of os.open
        if Path(path).name.startswith(f".{fail_on}."):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, mode)

    monkeypatch.setattr(output.os, "open", fake)


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def test_a_failed_write_changes_nothing(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = tree(Path("out"))
    Path("schema.yaml").write_text(V2)
    failing_open("state.yaml", monkeypatch)  # the last file staged, after both dialects

    code, text = run("generate")
    assert (code, text) == (1, "cannot write out/state.yaml: permission denied; make the "
                               "folder writable.\n")
    assert tree(Path("out")) == before  # no target changed, no temporary file left


def test_a_failed_write_removes_the_folders_it_made(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    failing_open("schema.sql", monkeypatch)
    with pytest.raises(OutputError, match="cannot write .*schema.sql: permission denied"):
        write_tree(tmp_path / "out", {"a/b/x.sql": b"x", "postgres/schema.sql": b"y"})
    assert list(tmp_path.iterdir()) == []


def test_an_unreadable_release_is_a_sentence(project: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    release = Path("out/postgres/migrations/V0001__create_users.sql")
    real = Path.read_bytes

    def fake(path: Path) -> bytes:
        if path.name == release.name:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", fake)
    assert run("check") == (1, f"cannot read {release}: permission denied; make the file "
                               "readable.\n")


def test_a_binary_integrity_file_is_refused(project: Path) -> None:
    sums = Path("out/postgres/migrations/schemagen.sum")
    sums.write_bytes(b"\xff\xfe junk\n")
    assert run("generate") == (3, f"refused: {sums} is not UTF-8 text, so not an integrity "
                                  "file schemagen wrote; restore it from version control.\n")
