"""The YAML boundary: duplicate keys, alias bombs, deep nesting, odd files."""

from __future__ import annotations

from pathlib import Path

from generator.spec.load import load
from generator.spec.yamlfile import MAX_VALUES, parse_yaml


def texts(document) -> list[str]:
    return [finding.text() for finding in document.findings]


def test_alias_bomb_is_refused_without_expanding_it() -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 10) + "]")
    document = parse_yaml("\n".join(lines), "bomb.yaml")
    assert document.data is None
    assert texts(document) == [
        f"bomb.yaml:1:1: error yaml-too-large The file expands to more than {MAX_VALUES} "
        "values (aliases repeated too often); write the repeated parts out or use column groups."]


def test_deep_nesting_is_a_finding_not_a_crash() -> None:
    document = parse_yaml("a: " + "[" * 5000 + "]" * 5000, "deep.yaml")
    # libyaml stops at 1000 levels itself; the pure-Python parser hits the recursion limit.
    assert [(f.code, f.severity) for f in document.findings] in (
        [("yaml-syntax", "error")], [("yaml-too-deep", "error")])
    assert document.data is None


def test_aliases_and_merge_keys_work() -> None:
    document = parse_yaml("base: &b {type: integer, nullable: true}\n"
                          "col: {<<: *b, nullable: false}\n", "m.yaml")
    assert document.data["col"] == {"nullable": False, "type": "integer"}
    assert document.findings == []


def test_syntax_error_has_a_location() -> None:
    document = parse_yaml("tables:\n  t: [unclosed\n", "bad.yaml")
    assert len(document.findings) == 1
    assert document.findings[0].code == "yaml-syntax"
    assert document.findings[0].location.line == 3


def test_binary_and_non_utf8_files(tmp_path: Path) -> None:
    path = tmp_path / "schema.yaml"
    path.write_bytes(b"format: 1\n\xff\xfe\x00")
    loaded = load(path, "schema.yaml")
    assert loaded.spec is None
    assert loaded.findings[0].text() == (
        "schema.yaml:2:1: error file-unreadable The file is not UTF-8 text (byte 0xff at "
        "line 2, column 1); save it as UTF-8.")


def test_a_list_at_the_top_is_explained(tmp_path: Path) -> None:
    path = tmp_path / "schema.yaml"
    path.write_text("- a\n- b\n")
    loaded = load(path, "schema.yaml")
    assert [f.text() for f in loaded.findings] == [
        "schema.yaml:1:1: error yaml-shape The file must be a mapping that starts with "
        "`format: 1` and has `tables:`."]


def test_yaml_12_core_schema_types_plain_scalars() -> None:
    """0123, 0x1F, 1.10, 12:30:00 and dates are not YAML 1.1's octal, hex, sexagesimal."""
    document = parse_yaml("a: 0123\nb: 0x1F\nc: 1.10\nd: 12:30:00\ne: 2020-02-30\n"
                          "f: [yes, no, on, off, True, ~, .inf, 0o17, 1_000]\n", "t.yaml")
    assert document.findings == []
    data = document.data
    assert (data["a"], data["b"], str(data["c"]), data["d"], data["e"]) == \
        (123, 31, "1.10", "12:30:00", "2020-02-30")
    assert data["f"][:6] == ["yes", "no", "on", "off", True, None]
    assert data["f"][6:] == [float("inf"), 15, "1_000"]


def test_keys_are_the_text_as_written() -> None:
    document = parse_yaml("on: 1\nyes: 2\noff: 3\n1.50: 4\n0123: 5\n", "k.yaml")
    assert list(document.data) == ["on", "yes", "off", "1.50", "0123"]


def test_a_date_comment_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "schema.yaml"
    path.write_text("format: 1\ntables:\n  t:\n    comment: 2020-02-30\n    columns:\n"
                    "      id: {type: integer, primary: true}\n")
    loaded = load(path, "schema.yaml")
    assert loaded.findings == []
    assert loaded.spec.tables["t"].comment == "2020-02-30"


def test_non_utf8_file_names_the_byte_and_place(tmp_path: Path) -> None:
    path = tmp_path / "schema.yaml"
    path.write_bytes(b"format: 1\ntables:\n  t:\n    comment: caf\xe9\n")
    loaded = load(path, "schema.yaml")
    assert [f.text() for f in loaded.findings] == [
        "schema.yaml:4:17: error file-unreadable The file is not UTF-8 text (byte 0xe9 at "
        "line 4, column 17); save it as UTF-8."]


def test_targets_must_be_listed_once_and_not_be_empty(tmp_path: Path) -> None:
    path = tmp_path / "schema.yaml"
    base = "format: 1\ntables:\n  t:\n    columns:\n      id: integer\nsettings: {targets: %s}\n"
    path.write_text(base % "[]")
    assert [f.text() for f in load(path, "schema.yaml").findings] == [
        "schema.yaml:6:12: error bad-value settings.targets: List should have at least 1 item "
        "after validation, not 0; see docs/schema-format.md for what this key takes."]
    path.write_text(base % "[mysql, mysql]")
    assert [f.text() for f in load(path, "schema.yaml").findings] == [
        "schema.yaml:6:12: error bad-value settings.targets: List each target once."]
