"""`schemagen lint`: output formats, exit codes, the change against out/, --all, real input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.commands.lint import line
from generator.findings import Finding, Location
from generator.generate import generate
from generator.output import write_tree
from generator.pipeline import compile_file

ROOT = Path(__file__).resolve().parents[2]
SMALL = """\
format: 1
tables:
  t:
    columns:
      id: {type: integer, primary: true}
      tags: json
"""


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["lint", *args])
    return result.exit_code, result.stdout, result.stderr


def small(tmp_path: Path, text: str = SMALL) -> str:
    path = tmp_path / "schema.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_text_output_and_exit_4_for_warnings(tmp_path: Path) -> None:
    schema = small(tmp_path)
    code, out, err = invoke("--schema", schema, "--out", str(tmp_path / "out"))
    assert (code, out, err) == (4, (
        f"{schema}:6:7: warning json-not-jsonb [postgres] t.tags is `json`, kept as text and "
        "parsed on every read on PostgreSQL 15+; use type `jsonb` (binary, indexable with GIN, "
        "duplicate keys removed; still `json` on MySQL).\n"), "0 error(s), 1 warning(s).\n")


def test_github_annotations(tmp_path: Path) -> None:
    schema = small(tmp_path)
    code, out, _ = invoke("--schema", schema, "--out", str(tmp_path / "out"), "--format",
                          "github")
    assert code == 4
    assert out == (f"::warning file={schema},line=6,col=7,title=json-not-jsonb::[postgres] "
                   "t.tags is `json`, kept as text and parsed on every read on PostgreSQL 15+; "
                   "use type `jsonb` (binary, indexable with GIN, duplicate keys removed; "
                   "still `json` on MySQL).\n")


def test_json_output_and_exit_0_when_clean(tmp_path: Path) -> None:
    schema = small(tmp_path, SMALL.replace("tags: json", "tags: jsonb"))
    assert invoke("--schema", schema, "--out", str(tmp_path / "out"), "--format", "json") \
        == (0, "[]\n", "")
    schema = small(tmp_path)
    code, out, _ = invoke("--schema", schema, "--out", str(tmp_path / "out"), "--format", "json")
    assert (code, [(f["code"], f["path"], f["dialect"], f["location"]["line"])
                   for f in json.loads(out)]) == (
        4, [("json-not-jsonb", "tables.t.columns.tags.type", "postgres", 6)])


def test_errors_exit_1_with_the_warnings_still_reported(tmp_path: Path) -> None:
    schema = small(tmp_path, SMALL + "      b: {type: string(10), lint_ignore: "
                   "[{rule: no-such-rule, reason: typo test}]}\n")
    code, out, _ = invoke("--schema", schema, "--out", str(tmp_path / "out"))
    assert code == 1
    assert [text.split(" ", 3)[1:3] for text in out.splitlines()] == [
        ["warning", "json-not-jsonb"], ["error", "lint-ignore-unknown"]]
    broken = small(tmp_path, "format: 1\ntables: [\n")
    assert invoke("--schema", broken)[0] == 1


def test_colour_only_when_asked() -> None:
    finding = Finding("narrowing", "It shrinks.", "p", "warning", None, Location("s.yaml", 3, 5))
    assert line(finding, False) == "s.yaml:3:5: warning narrowing It shrinks."
    assert line(finding, True) == "s.yaml:3:5: \x1b[33m\x1b[1mwarning\x1b[0m narrowing It shrinks."


def _by_code(out: str) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for finding in json.loads(out):
        found.setdefault(finding["code"], []).append(finding)
    return found


def test_the_chatbot_as_written_shows_every_defect() -> None:
    code, out, _ = invoke("--schema", str(ROOT / "examples" / "chatbot-as-written.yaml"),
                          "--out", str(ROOT / "no-such-out"), "--format", "json")
    found = _by_code(out)
    assert code == 1
    assert sorted(f["path"] for f in found["tenant-key-nullable"]) == [
        f"tables.{name}.columns.organization_id.nullable"
        for name in ("chatbot_metrics", "chatbot_response_cache", "chatbot_sessions")]
    unindexed = sorted(f["path"].split(".")[1] + "." + f["path"].split(".")[3]
                       for f in found["fk-without-index"])
    assert unindexed == [
        "agents.organization_id", "ai_models.organization_id",
        "bot_personalities.ai_model_id", "channel_configs.personality_id",
        "chat_sessions.agent_id", "chat_sessions.channel_config_id",
        "chat_sessions.customer_id", "chat_sessions.organization_id",
        "messages.organization_id", "messages.session_id",
        "organizations.subscription_plan_id"]
    assert [f["path"] for f in found["default-fixed-time"]] == [
        "tables.chat_sessions.columns.started_at.default",
        "tables.chat_sessions.columns.last_activity_at.default"]
    assert [(f["path"], f["dialect"]) for f in found["text-in-key"]] == [
        ("tables.chatbot_response_cache.indexes[0]", "mariadb,mysql")]
    assert [f["message"].split(" (")[0] for f in found["redundant-index"]] == [
        "Index jobs_queue_index"]
    assert len(found["timestamp-2038"]) == 1
    assert {"fk-target", "fk-type-mismatch", "identifier-length", "yaml-duplicate-key",
            "tenant-key-missing", "tenant-key-unindexed", "unix-time-overflow",
            "json-not-jsonb"} <= set(found)


def test_schema_yaml_is_clean_apart_from_silenced_findings() -> None:
    assert invoke("--schema", str(ROOT / "schema.yaml"), "--out", str(ROOT / "no-such-out")) \
        == (0, "", "0 error(s), 0 warning(s).\n")


@pytest.fixture(scope="module")
def released(tmp_path_factory) -> Path:
    """out/ holding version 1 of the chatbot schema as migration 1."""
    out = tmp_path_factory.mktemp("sg_lint_out") / "out"
    v1 = compile_file(ROOT / "examples" / "chatbot-v1.yaml")
    write_tree(out, generate(v1, out, "schema.yaml").files)
    return out


def test_the_next_change_is_linted_against_out(released: Path) -> None:
    code, out, _ = invoke("--schema", str(ROOT / "schema.yaml"), "--out", str(released),
                          "--format", "json")
    found = _by_code(out)
    assert code == 4
    lines = (ROOT / "schema.yaml").read_text(encoding="utf-8").splitlines()
    assert sorted((f["path"], f["dialect"], lines[f["location"]["line"] - 1].split(":")[0].strip())
                  for f in found["narrowing"]) == [
        ("tables.failed_jobs.columns.connection.type", None, "connection"),
        ("tables.failed_jobs.columns.queue.type", None, "queue"),
        ("tables.jobs.columns.queue.type", None, "type")]  # jobs.queue is a block there
    assert len(found["pg-index-not-concurrent"]) == 11
    assert {f["dialect"] for f in found["mysql-not-instant"]} == {"mariadb,mysql"}


def test_all_replays_the_released_sql(released: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    v2 = compile_file(ROOT / "schema.yaml")
    files = dict(generate(v2, released, "schema.yaml", message="enhance").files)
    write_tree(out, files)
    code, text, _ = invoke("--schema", str(ROOT / "schema.yaml"), "--out", str(out), "--all",
                           "--format", "json")
    found = [f for f in json.loads(text) if f["location"]["file"].endswith(".sql")]
    narrowing = sorted((Path(f["location"]["file"]).relative_to(out).as_posix(),
                        f["message"].split(":")[0]) for f in found if f["code"] == "narrowing")
    assert narrowing == [
        (f"{name}/migrations/V0002__enhance.sql", message)
        for name in ("mariadb", "mysql", "postgres")
        for message in ("failed_jobs.connection changes from text to varchar(255)",
                        "failed_jobs.queue changes from text to varchar(255)",
                        "jobs.queue changes from varchar(255) to varchar(100)")]
    for finding in found:
        statement = Path(finding["location"]["file"]).read_text(encoding="utf-8").splitlines()
        assert statement[finding["location"]["line"] - 1].startswith(("ALTER", "CREATE"))
    assert not any("V0001" in f["location"]["file"] for f in found)  # tables were new there
    assert code == 4


def test_a_change_the_engine_refuses_is_an_error_finding(released: Path, tmp_path: Path) -> None:
    text = (ROOT / "examples" / "chatbot-v1.yaml").read_text(encoding="utf-8")
    renamed = text.replace("  cache_locks:\n", "  cache_store:\n    renamed_from: cache\n", 1)
    assert renamed != text
    code, out, _ = invoke("--schema", small(tmp_path, renamed), "--out", str(released),
                          "--format", "json")
    refused = [(f["dialect"], f["message"]) for f in json.loads(out)
               if f["code"] == "change-unsupported"]
    assert code == 1 and refused == [(None, (
        "Table 'cache_store' says `renamed_from: cache`, but 'cache' is still in the schema; "
        "remove the hint or the old one. (`generate` refuses this change as it stands.)"))]


def test_a_change_finding_is_silenced_on_its_column(released: Path, tmp_path: Path) -> None:
    text = (ROOT / "schema.yaml").read_text(encoding="utf-8")
    marker = "          - rule: redundant-index\n"
    assert text.count(marker) == 1
    silenced = text.replace(marker, "          - {rule: narrowing, reason: queue names are "
                            "short and checked}\n" + marker)
    code, out, _ = invoke("--schema", small(tmp_path, silenced), "--out", str(released),
                          "--format", "json")
    assert sorted(f["path"] for f in _by_code(out)["narrowing"]) == [
        "tables.failed_jobs.columns.connection.type", "tables.failed_jobs.columns.queue.type"]
