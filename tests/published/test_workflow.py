"""The GitHub Pages workflow: linted offline, pinned, least privilege, checks before it deploys."""

from __future__ import annotations

import re
import subprocess

import yaml

from helpers.published import BIN, PROJECT

WORKFLOW = PROJECT / ".github" / "workflows" / "pages.yml"
FULL_SHA = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")


def _workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text())


def _run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_zizmor_finds_nothing_even_pedantic():
    result = _run(str(BIN / "zizmor"), "--offline", "--persona", "pedantic", str(WORKFLOW))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings" in result.stdout


def test_matches_the_github_workflow_schema():
    result = _run(
        str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_action_is_pinned_to_a_full_commit():
    uses = [
        step["uses"]
        for job in _workflow()["jobs"].values()
        for step in job["steps"]
        if "uses" in step
    ]
    assert {u.split("@")[0] for u in uses} >= {
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    }
    assert [u for u in uses if not FULL_SHA.match(u)] == []


def test_checks_content_and_builds_strictly_before_uploading():
    steps = _workflow()["jobs"]["build"]["steps"]
    commands = [step.get("run") or step["uses"].split("@")[0] for step in steps]

    def position(command: str) -> int:
        return next(i for i, lines in enumerate(commands) if command in lines.splitlines())

    check = position("briefing check --format github")
    build = position("mkdocs build --strict")
    upload = position("actions/upload-pages-artifact")
    assert check < build < upload
    assert "SOURCE_DATE_EPOCH" in commands[build]


def test_least_privilege_and_one_deployment_at_a_time():
    workflow = _workflow()
    assert workflow["permissions"] == {}
    assert workflow["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow["jobs"]["deploy"]["needs"] == "build"
    assert workflow["concurrency"]["group"]
    assert workflow["concurrency"]["cancel-in-progress"] is False


def test_the_build_cache_is_restored_before_the_build_and_reused_after_content_changes():
    steps = _workflow()["jobs"]["build"]["steps"]
    names = [step.get("uses", "").split("@")[0] or step.get("run", "") for step in steps]
    restore = names.index("actions/cache")
    build = next(i for i, step in enumerate(steps) if "mkdocs build" in step.get("run", ""))
    assert restore < build
    cache = steps[restore]["with"]
    assert cache["path"] == steps[build]["env"]["BRIEFING_CACHE"]
    # Saved under each commit; a later commit with the same templates and generator restores it.
    assert cache["key"].endswith("-${{ github.sha }}")
    assert cache["restore-keys"].strip() == cache["key"].removesuffix("${{ github.sha }}")
    for inputs in ("templates/**", "mkdocs.yml", "pyproject.toml", "generator/**"):
        assert f"'{inputs}'" in cache["key"]
