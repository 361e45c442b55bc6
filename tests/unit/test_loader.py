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
    assert loaded.findings[0].code == "file-unreadable"


def test_a_list_at_the_top_is_explained(tmp_path: Path) -> None:
    path = tmp_path / "schema.yaml"
    path.write_text("- a\n- b\n")
    loaded = load(path, "schema.yaml")
    assert [f.text() for f in loaded.findings] == [
        "schema.yaml:1:1: error yaml-shape The file must be a mapping that starts with "
        "`format: 1` and has `tables:`."]
