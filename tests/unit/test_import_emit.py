"""schema.yaml text from data: readable layout, and every value reads back as itself."""

from __future__ import annotations

import pytest
import yaml

from generator.emit import Number, emit, scalar


@pytest.mark.parametrize("value, text", [
    ("string(255)", "string(255)"),
    ("decimal(10,2)", "'decimal(10,2)'"),  # a comma would end the value inside { }
    ("yes", "'yes'"),
    ("null", "'null'"),
    ("123", "'123'"),
    ("", "''"),
    ("it's", "'it''s'"),
    ("a: b", "'a: b'"),
    ("# not a comment", "'# not a comment'"),
    ("line\nbreak", '"line\\nbreak"'),
    ("tab\there", '"tab\\there"'),
    ("C:\\temp", "'C:\\temp'"),
    ("CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"),
    ("now()", "now()"),
    (True, "true"),
    (None, "null"),
    (42, "42"),
    (Number("0.7"), "0.7"),
    (Number("12345678901234567.12"), "'12345678901234567.12'"),  # a float would round it
])
def test_scalars_are_plain_only_when_yaml_reads_them_back_unchanged(value, text):
    assert scalar(value) == text


HOSTILE = ["a, b", "{x}", "[y]", "- z", "key: value", "&anchor", "*alias", "!tag", "%dir",
           "@at", "`tick`", "'", '"', "\\", " lead", "trail ", "ünïcödé", "emoji 😀", "\u0000",
           "NaN", ".inf", "~", "0x1F", "1e3", "2024-01-01", "on", "Off", "<<"]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_strings_survive_as_keys_values_and_list_items(text):
    data = {"format": 1, "tables": {text: {"comment": text, "columns": {
        text: {"type": "string(10)", "default": text, "values": [text, "b"]}}}}}
    assert yaml.safe_load(emit(data)) == data


def test_columns_are_one_per_line_in_flow_style_and_long_ones_in_block_style():
    long_comment = "x" * 90
    data = {"format": 1, "tables": {"t": {"columns": {
        "id": {"type": "bigint", "primary": True},
        "name": "string(100)",
        "note": {"type": "text", "comment": long_comment},
    }, "indexes": [{"columns": ["name"], "name": "by_name"}]}}}
    assert emit(data, "header") == (
        "# header\n"
        "format: 1\n"
        "tables:\n"
        "  t:\n"
        "    columns:\n"
        "      id: {type: bigint, primary: true}\n"
        "      name: string(100)\n"
        "      note:\n"
        "        type: text\n"
        f"        comment: {long_comment}\n"
        "    indexes:\n"
        "      - {columns: [name], name: by_name}\n")
