"""The README's commands, run as written on a fresh copy of the project: real subprocesses,
`briefing` and `make` as a new user types them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

README = ROOT / "README.md"
BRIEF = "content/briefs/some-story.yaml"
ACTOR = "content/actors/french-government.yaml"
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Analyst",
    "GIT_AUTHOR_EMAIL": "analyst@example.org",
    "GIT_COMMITTER_NAME": "Analyst",
    "GIT_COMMITTER_EMAIL": "analyst@example.org",
}


def readme_blocks(heading: str) -> list[tuple[str, str]]:
    """The fenced blocks (language, text) of the README's section under ``heading``."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index(f"\n{heading}\n") + len(heading) + 2 :].split("\n## ")[0]
    return re.findall(r"^```(\w*)\n(.*?)^```$", section, re.MULTILINE | re.DOTALL)


def readme_block(heading: str, language: str, number: int = 0) -> str:
    """The ``number``-th fenced block of ``language`` in the README's section ``heading``."""
    blocks = [body for lang, body in readme_blocks(heading) if lang == language]
    assert len(blocks) > number, f"no ```{language} block {number} under {heading!r}"
    return blocks[number]


def shell_lines(block: str) -> list[str]:
    """The commands of a shell block, without their comments."""
    return [line.split("  #")[0].strip() for line in block.splitlines() if line.strip()]


def step_of(block: str, command: str) -> int | None:
    """The number a README comment gives the command ("# 3. …"), if any."""
    for line in block.splitlines():
        if line.split("  #")[0].strip() == command:
            match = re.search(r"#\s*(\d+)\.", line)
            return int(match.group(1)) if match else None
    return None


@pytest.fixture
def fresh_clone(tmp_path: Path) -> Path:
    """The project's tracked files (as a clone gets them) in a git repository of their own,
    with a `.venv` made of the running interpreter's tools, as `make site` leaves it."""
    project = tmp_path / "clone"
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)
    for name in tracked.stdout.decode().split("\0"):
        if name and (ROOT / name).is_file():
            (project / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, project / name)
    venv_bin = project / ".venv" / "bin"
    venv_bin.mkdir(parents=True)
    for tool in ("briefing", "mkdocs", "python"):
        (venv_bin / tool).symlink_to(Path(sys.executable).parent / tool)
    (project / ".venv" / ".installed").touch()  # newer than pyproject.toml: make installs nothing
    run(project, "git init -q && git add -A && git commit -qm clone")
    return project


def run(project: Path, command: str) -> subprocess.CompletedProcess:
    # This checkout's generator, whichever copy the interpreter has installed.
    env = {**os.environ, **GIT_IDENTITY, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run(
        ["bash", "-c", command],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def fill_in_the_draft(project: Path) -> None:
    """Step 4, the analyst's work: every `# FILL IN` answered, the new actor described and used."""
    brief = project / BRIEF
    answers = {
        "summary": '"The U.S. warns allies against Huawei."',
        "stance": "opposes",
        "text": '"Allies are urged to shun Huawei."',
    }
    text, filled = re.subn(
        r"\b(\w+):  # FILL IN.*",
        lambda m: f"{m[1]}: {answers[m[1]]}",
        brief.read_text(encoding="utf-8"),
    )
    assert filled >= 3 and "FILL IN" not in text
    text = text.replace("actors: [china]", "actors: [china, french-government]", 1)
    brief.write_text(text, encoding="utf-8")
    actor = project / ACTOR
    actor.write_text(
        actor.read_text(encoding="utf-8")
        .replace("\nname:\n", "\nname: French government\n")
        .replace("\nkind:\n", "\nkind: government-body\n"),
        encoding="utf-8",
    )


def test_the_analysts_day_runs_as_written(fresh_clone, seed_article):
    project = fresh_clone
    block = readme_block("## The analyst's day, step by step", "sh")
    commands = shell_lines(block)
    assignments = [c for c in commands if re.fullmatch(r"[A-Z]+=\S+", c)]
    assert assignments, "the block names the briefing command once"
    (project / "sources").mkdir()
    (project / "sources" / "some-article.txt").write_text(seed_article, encoding="utf-8")

    steps = {step_of(block, c): c for c in commands if c not in assignments}
    assert sorted(steps) == [1, 2, 3, 4, 5, 6], steps
    results = {}
    for number, command in sorted(steps.items()):
        if command.startswith(
            "make serve"
        ):  # interactive: tests/mkdocs/test_preview.py serves for real
            fill_in_the_draft(project)
            continue
        results[number] = run(project, "; ".join([*assignments, command]))

    assert results[1].returncode == 0, results[1].stderr
    assert (project / BRIEF).is_file()
    assert results[2].returncode == 1 and f"{BRIEF}:" in results[2].stderr  # fields to fill
    assert "fill in" in results[2].stderr
    assert results[3].returncode == 0, results[3].stderr
    assert (project / ACTOR).is_file()
    assert results[5].returncode == 0, results[5].stderr + results[5].stdout
    assert results[6].returncode == 0, results[6].stderr
    committed = run(project, "git show --name-only --format= HEAD").stdout.split()
    assert sorted(committed) == [ACTOR, BRIEF]
    assert run(project, "git status --porcelain").stdout == ""  # sources/ stays out of git


def test_the_readme_says_what_the_seed_draft_proposes(fresh_clone, seed_article):
    """The README says the seed article's draft proposes no new actor (every one it finds is
    in the registry), and step 3's actor is not one that ships."""
    (fresh_clone / "sources").mkdir()
    (fresh_clone / "sources" / "a.txt").write_text(seed_article, encoding="utf-8")
    assert run(fresh_clone, ".venv/bin/briefing draft sources/a.txt --id a").returncode == 0
    draft = (fresh_clone / "content/briefs/a.yaml").read_text()
    assert not re.search(r"#\s+new\s+[a-z0-9-]+:", draft)
    assert "so it proposes\nnone" in README.read_text(encoding="utf-8")
    assert not (fresh_clone / "content/actors/french-government.yaml").exists()


def test_the_two_error_example_is_what_make_check_prints(fresh_clone):
    readme = README.read_text(encoding="utf-8")
    assert "first stance written `support` and\nits `relations:` written `relatons:`" in readme
    expected = readme_block("## Daily work", "").strip().splitlines()
    assert len(expected) == 2
    brief = fresh_clone / "content/briefs/huawei-5g-allies-2019.yaml"
    text = brief.read_text(encoding="utf-8")
    brief.write_text(
        text.replace("stance: supports", "stance: support", 1).replace(
            "\nrelations:", "\nrelatons:"
        ),
        encoding="utf-8",
    )
    result = run(fresh_clone, "make check")
    assert result.returncode != 0
    assert [line for line in result.stderr.splitlines() if ".yaml:" in line] == expected


def test_make_view_serves_the_built_site_and_says_when_there_is_none(fresh_clone):
    assert "make view" in readme_block("## The two commands", "sh", 1)
    result = run(fresh_clone, "make view")
    assert result.returncode != 0 and "make site" in result.stderr
    dry = run(fresh_clone, "mkdir site && touch site/index.html && make -n view")
    assert "http.server" in dry.stdout and "--directory site" in dry.stdout


def test_make_deploy_refuses_without_site_url(fresh_clone):
    result = run(fresh_clone, "env -u SITE_URL make deploy")
    assert result.returncode != 0 and "SITE_URL" in result.stderr
    dry = run(fresh_clone, "SITE_URL=https://org.github.io/repo/ make -n deploy")
    assert "gh-deploy" in dry.stdout


def test_make_site_installs_no_test_tools():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile[makefile.index("$(STAMP): pyproject.toml") :].split("\n\n")[0]
    assert "pip install --quiet -e .\n" in recipe and "[test]" not in recipe
