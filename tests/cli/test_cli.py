"""The `briefing` command as a user runs it, on a copy of the project."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SEED_BRIEF, run_cli, write
from generator import __version__
from generator.cli import main

LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<message>.+)$")


def test_check_passes_on_shipped_content(analyst_project):
    result = run_cli("check", cwd=analyst_project)
    assert result.returncode == 0, result.stderr


def test_check_lists_every_problem_and_fails(analyst_project):
    brief = analyst_project / "content" / "briefs" / f"{SEED_BRIEF}.yaml"
    brief.write_text(brief.read_text().replace("actor: huawei\n", "actor: huawey\n", 1))
    write(analyst_project / "content" / "actors" / "bad.yaml", "id: bad\nname: Bad\nkind: shop\n")
    result = run_cli("check", cwd=analyst_project)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("content/actors/bad.yaml:3:7: kind: ")
    assert lines[1].startswith(f"content/briefs/{SEED_BRIEF}.yaml:")
    assert lines[1].endswith("unknown actor 'huawey' (did you mean 'huawei'?)")
    assert "Traceback" not in result.stderr


def test_export_writes_the_pages_as_markdown(analyst_project, tmp_path):
    out = tmp_path / "out"
    result = run_cli("export", str(out), cwd=analyst_project)
    assert result.returncode == 0, result.stderr
    assert (
        "\n# U.S. weighs a response" in (out / "docs" / "briefs" / f"{SEED_BRIEF}.md").read_text()
    )
    assert (out / "docs" / "actors" / "huawei.md").exists()
    assert (out / "docs" / "assets" / "briefing.css").exists()
    # Exporting again replaces the earlier export.
    assert run_cli("export", str(out), cwd=analyst_project).returncode == 0


def test_export_never_overwrites_a_folder_of_the_users(analyst_project, tmp_path):
    mine = write(tmp_path / "mine" / "notes.md", "my notes\n")
    result = run_cli("export", str(mine.parent), cwd=analyst_project)
    assert result.returncode == 2
    assert mine.read_text() == "my notes\n"


def test_export_with_bad_content_writes_nothing(analyst_project, tmp_path):
    brief = analyst_project / "content" / "briefs" / f"{SEED_BRIEF}.yaml"
    brief.write_text(brief.read_text().replace("title:", "titel:", 1))
    result = run_cli("export", str(tmp_path / "out"), cwd=analyst_project)
    assert result.returncode == 1
    assert not (tmp_path / "out").exists()


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def break_three_files(analyst_project: Path) -> None:
    """A misspelt key, a wrong type and an unknown actor id, each in its own file."""
    brief = analyst_project / "content/briefs/huawei-5g-allies-2019.yaml"
    brief.write_text(brief.read_text().replace("\nwatch_next:", "\nwatch_nxt:"))
    legal = analyst_project / "content/legal/china-national-intelligence-law-2017.yaml"
    legal.write_text(legal.read_text().replace("year: 2017", "year: twenty-seventeen"))
    actor = analyst_project / "content/actors/us-state-department.yaml"
    actor.write_text(actor.read_text().replace("part_of: united-states", "part_of: united-state"))


def line_col(analyst_project: Path, record: str, text: str) -> tuple[str, str]:
    """Where ``text`` first occurs in a content file, as the strings a report shows."""
    lines = (analyst_project / f"content/{record}.yaml").read_text().splitlines()
    number = next(i for i, line in enumerate(lines) if text in line)
    return str(number + 1), str(lines[number].index(text) + 1)


def test_clean_content_exits_0_and_prints_nothing(analyst_project):
    result = run("check")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_three_mistakes_in_three_files_come_out_as_three_lines(analyst_project):
    break_three_files(analyst_project)
    result = run("check")
    assert result.exit_code == 1
    lines = [LINE.match(line) for line in result.stderr.splitlines()[:-1]]
    assert all(lines), result.stderr
    assert [(m["file"], m["line"], m["col"]) for m in lines] == [
        (
            "content/actors/us-state-department.yaml",
            *line_col(analyst_project, "actors/us-state-department", "united-state"),
        ),
        (
            "content/briefs/huawei-5g-allies-2019.yaml",
            *line_col(analyst_project, "briefs/huawei-5g-allies-2019", "watch_nxt"),
        ),
        (
            "content/legal/china-national-intelligence-law-2017.yaml",
            *line_col(analyst_project, "legal/china-national-intelligence-law-2017", "twenty"),
        ),
    ]
    assert "unknown actor 'united-state' (did you mean 'united-states'?)" in lines[0]["message"]
    assert "unknown field 'watch_nxt' (did you mean 'watch_next'?)" in lines[1]["message"]
    assert "year" in lines[2]["message"]
    assert result.stderr.splitlines()[-1] == "3 error(s)"


def test_github_format_gives_one_annotation_per_problem(analyst_project):
    break_three_files(analyst_project)
    result = run("check", "--format", "github")
    assert result.exit_code == 1
    annotations = result.stdout.splitlines()
    assert len(annotations) == 3
    assert annotations[0].startswith(
        "::error file=content/actors/us-state-department.yaml,line=6,col=10::unknown actor 'united-state'"
    )


def test_json_format_lists_problems_and_counts(analyst_project):
    break_three_files(analyst_project)
    result = run("check", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["errors"] == 3 and report["warnings"] == 0
    assert {p["file"] for p in report["problems"]} == {
        "content/actors/us-state-department.yaml",
        "content/briefs/huawei-5g-allies-2019.yaml",
        "content/legal/china-national-intelligence-law-2017.yaml",
    }


def test_paths_narrow_the_report_to_those_files(analyst_project):
    break_three_files(analyst_project)
    result = run("check", "content/legal")
    assert result.exit_code == 1
    assert [line.split(":")[0] for line in result.stderr.splitlines()[:-1]] == [
        "content/legal/china-national-intelligence-law-2017.yaml"
    ]
    assert run("check", "content/actors/nato.yaml").exit_code == 0


@pytest.mark.parametrize(
    "args",
    [
        ("check", "no-such-file.yaml"),
        ("check", "--format", "xml"),
        ("check", "mkdocs.yml"),
        ("check", "--content", "missing"),
    ],
)
def test_usage_errors_exit_2(analyst_project, args):
    assert run(*args).exit_code == 2


def test_warnings_pass_unless_strict(analyst_project):
    unused = analyst_project / "content/actors/unused-body.yaml"
    unused.write_text("id: unused-body\nname: Unused body\nkind: other\n")
    relaxed = run("check")
    assert relaxed.exit_code == 0
    assert (
        "content/actors/unused-body.yaml:1:5: warning: actor 'unused-body' is not used by any brief"
        in relaxed.stderr
    )
    strict = run("check", "--strict")
    assert strict.exit_code == 1
    assert "content/actors/unused-body.yaml:1:5: actor 'unused-body'" in strict.stderr


def test_new_brief_then_check_lists_the_fields_to_fill(analyst_project):
    result = run("new", "brief", "x")
    assert result.exit_code == 0, result.output
    assert (analyst_project / "content/briefs/x.yaml").is_file()
    check = run("check")
    assert check.exit_code == 1
    assert sorted(re.findall(r"fill in '([^']+)'", check.stderr)) == [
        "date",
        "sources.0.id",
        "sources.0.publisher",
        "sources.0.title",
        "summary",
        "title",
    ]
    assert all(LINE.match(line) for line in check.stderr.splitlines()[:-1])


def test_new_refuses_to_overwrite(analyst_project):
    nato = analyst_project / "content/actors/nato.yaml"
    before = nato.read_bytes()
    result = run("new", "actor", "nato")
    assert result.exit_code == 1
    assert "already exists" in result.stderr
    assert nato.read_bytes() == before


@pytest.mark.parametrize("bad_id", ["../escape", "Upper", "a/b", "", "with space", "-lead"])
def test_new_refuses_unsafe_ids(analyst_project, bad_id):
    result = run("new", "legal", bad_id)
    assert result.exit_code == 2
    assert not any((analyst_project / "content").rglob("*escape*"))


def test_schema_command_writes_the_committed_schema(analyst_project):
    committed = {p.name: p.read_bytes() for p in (analyst_project / "schema").iterdir()}
    for path in (analyst_project / "schema").iterdir():
        path.unlink()
    result = run("schema")
    assert result.exit_code == 0
    assert {p.name: p.read_bytes() for p in (analyst_project / "schema").iterdir()} == committed


def test_schema_check_reports_a_stale_schema(analyst_project):
    assert run("schema", "--check").exit_code == 0
    stale = analyst_project / "schema/actor.schema.json"
    stale.write_text(stale.read_text().replace("Display name", "Name"))
    result = run("schema", "--check")
    assert result.exit_code == 1
    assert result.stderr == "schema/actor.schema.json is missing or stale: run `briefing schema`\n"
    assert "Name, as sources" in stale.read_text()  # --check writes nothing


@pytest.mark.parametrize("command", ["check", "new", "schema", "draft", "export"])
def test_every_command_has_help(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert (
        f"Usage: main {command}" in result.output or f"Usage: briefing {command}" in result.output
    )


def test_help_and_version():
    assert "check" in run("--help").output
    assert run("--version").output.strip().endswith(__version__)
