"""The real input: the chatbot schema as it should be, as it was written, and version 1."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.findings import InvalidSchema
from generator.pipeline import compile_file

ROOT = Path(__file__).resolve().parents[2]


def test_schema_yaml_is_valid_with_23_tables() -> None:
    compiled = compile_file(ROOT / "schema.yaml")
    assert len(compiled.spec.tables) == 23
    assert compiled.targets == ["postgres", "mysql", "mariadb"]


def test_version_1_is_valid_with_16_tables() -> None:
    compiled = compile_file(ROOT / "examples" / "chatbot-v1.yaml")
    assert len(compiled.spec.tables) == 16


def test_as_written_names_every_defect_of_the_original() -> None:
    with pytest.raises(InvalidSchema) as caught:
        compile_file(ROOT / "examples" / "chatbot-as-written.yaml")
    found = [(f.code, f.path, f.dialect, f.location.line if f.location else 0)
             for f in caught.value.findings]
    assert found == [
        # the migrations table is declared twice (framework table and repository file)
        ("yaml-duplicate-key", "tables.migrations", None, 101),
        # TEXT input_hash leads an index without a prefix: MySQL error 1170
        ("text-in-key", "tables.chatbot_response_cache.indexes[0]", "mariadb,mysql", 184),
        # chat_sessions(id) is not unique under the (id, created_at) primary key
        ("fk-target", "tables.messages.columns.session_id.references", None, 380),
        # now() evaluated when the migration ran: a frozen literal, refused by MySQL
        ("default-type", "tables.chat_sessions.columns.started_at.default", None, 462),
        ("default-type", "tables.chat_sessions.columns.last_activity_at.default", None, 465),
        # Laravel's generated unique name is 65 characters
        ("identifier-length", "tables.channel_configs.unique[0]", "mariadb,mysql", 608),
        ("identifier-length", "tables.channel_configs.unique[0]", "postgres", 608),
        # uuid agents.user_id references the bigint users.id
        ("fk-type-mismatch", "tables.agents.columns.user_id.references", "mariadb,mysql", 621),
        ("fk-type-mismatch", "tables.agents.columns.user_id.references", "postgres", 621),
    ]
