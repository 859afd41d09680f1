"""The live preview survives bad content: a real `mkdocs serve` on a copy of the project."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import ROOT, add_seed_text, copy_project
from generator.content.problems import Problem
from generator.mkdocs.preview import nav_paths, problem_pages, template_problem
from generator.site.render import Renderer

BRIEF = "content/briefs/huawei-5g-allies-2019.yaml"


def test_problem_pages_stand_in_for_every_page():
    renderer = Renderer(ROOT / "templates")
    problems = [Problem("b.yaml", 4, 2, "second <b>"), Problem("a.yaml", 1, 1, "first")]
    pages = problem_pages(renderer, problems, ["briefs/some-story.md", "index.md"])
    paths = [p.path for p in pages]
    assert paths[0] == "index.md" and len(paths) == len(set(paths))
    # Every page of an empty site (so the navigation resolves), then the pages served so far.
    assert {"briefs/index.md", "actors/index.md", "legal/index.md", "topics/index.md"} <= set(paths)
    assert paths[-1] == "briefs/some-story.md"
    for page in pages:
        assert "<code>a.yaml:1:1</code> first" in page.text
        assert page.text.index("a.yaml") < page.text.index("b.yaml")
        assert "second &lt;b&gt;" in page.text  # autoescaped


def _renderer_with(tmp_path: Path, name: str, text: str) -> Renderer:
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    (templates / name).write_text(text, encoding="utf-8")
    return Renderer(templates)


def _failure(render: Callable[[], object]) -> Exception:
    with pytest.raises(Exception) as caught:
        render()
    return caught.value


def test_a_template_syntax_error_is_placed_at_its_file_and_line(tmp_path):
    renderer = _renderer_with(tmp_path, "home.md.j2", "# Home\n\n{% for x in %}\n")
    error = _failure(lambda: renderer.env.get_template("home.md.j2"))
    problem = template_problem(error, renderer.templates_dir, tmp_path)
    assert (problem.file, problem.line, problem.col) == ("templates/home.md.j2", 3, 1)
    assert problem.message.startswith("TemplateSyntaxError: ")


def test_a_failure_while_rendering_is_placed_at_the_template_line(tmp_path):
    renderer = _renderer_with(tmp_path, "home.md.j2", "# Home\n\n{{ nothing.here }}\n")
    error = _failure(lambda: renderer.env.get_template("home.md.j2").render())
    problem = template_problem(error, renderer.templates_dir, tmp_path)
    assert (problem.file, problem.line) == ("templates/home.md.j2", 3)
    assert "'nothing' is undefined" in problem.message


def test_an_error_outside_the_templates_is_not_a_template_problem(tmp_path):
    error = _failure(lambda: 1 / 0)
    assert template_problem(error, ROOT / "templates", ROOT) is None


def test_problem_pages_survive_a_broken_problems_template(tmp_path):
    renderer = _renderer_with(tmp_path, "problems.md.j2", "{% if %}")
    problem = Problem("templates/problems.md.j2", 1, 1, "TemplateSyntaxError: <b>")
    pages = problem_pages(renderer, [problem], ["briefs/x.md"], kind="template")
    assert [page.path for page in pages][-1] == "briefs/x.md"
    assert all(
        "```text\ntemplates/problems.md.j2:1:1: TemplateSyntaxError: <b>\n```" in page.text
        for page in pages
    )


def test_nav_paths_are_every_markdown_file_of_the_navigation():
    nav = [
        {"Home": "index.md"},
        {"Analysis": ["analysis/index.md", {"Net": "network/index.md"}]},
        {"Out": "https://example.org/"},
    ]
    assert nav_paths(nav) == ["index.md", "analysis/index.md", "network/index.md"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(condition: Callable[[], bool], what: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str, Path, subprocess.Popen]]:
    project = copy_project(tmp_path / "project")
    add_seed_text(project)
    brief = project / BRIEF
    brief.write_text(
        brief.read_text().replace("\nwatch_next:", "\nwatch_nxt:")
    )  # broken from the start
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            # as `make serve` runs it
            [
                sys.executable,
                "-m",
                "mkdocs",
                "serve",
                "--dirty",
                "--no-strict",
                "--dev-addr",
                f"127.0.0.1:{port}",
            ],
            cwd=project,
            stdout=output,
            stderr=subprocess.STDOUT,
            env={
                **os.environ,
                "PYTHONPATH": str(ROOT),
            },  # this checkout's plugin, not an installed one
        )
    try:
        yield project, f"http://127.0.0.1:{port}/", log, server
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_survives_a_broken_brief_and_recovers(served):
    project, url, log, server = served
    brief = project / BRIEF
    broken = brief.read_text()
    line = broken[: broken.index("watch_nxt")].count("\n") + 1
    where = f"{BRIEF}:{line}:1: unknown field 'watch_nxt' (did you mean 'watch_next'?)"

    # The very first build has bad content: the server is up and lists the problem.
    _wait_for(lambda: "Content has problems" in (_get(url) or ""), "the problems page")
    assert f"<code>{BRIEF}:{line}:1</code>" in _get(url)
    assert where in log.read_text()
    assert server.poll() is None

    # Fixed: the real site comes back.
    brief.write_text(broken.replace("\nwatch_nxt:", "\nwatch_next:"))
    _wait_for(lambda: "Latest briefs" in (_get(url) or ""), "the site after the fix")
    assert "Huawei" in _get(url + "briefs/huawei-5g-allies-2019/")

    # Broken again while serving: still alive, and the page the analyst had open lists the problems.
    brief.write_text(broken)
    _wait_for(lambda: "Content has problems" in (_get(url) or ""), "the problems page again")
    assert "Content has problems" in _get(url + "briefs/huawei-5g-allies-2019/")
    assert server.poll() is None
    assert log.read_text().count(where) >= 2


def test_serve_survives_a_broken_template_and_drops_a_deleted_brief(served):
    project, url, log, server = served
    brief = project / BRIEF
    brief.write_text(brief.read_text().replace("\nwatch_nxt:", "\nwatch_next:"))
    other = project / "content/briefs/other-story.yaml"
    other.write_text(brief.read_text().replace("\nid: huawei-5g-allies-2019", "\nid: other-story"))
    _wait_for(lambda: "Huawei" in (_get(url + "briefs/other-story/") or ""), "the second brief")

    # A broken brief template: every page says where, and the server keeps answering.
    template = project / "templates/brief.md.j2"
    sound = template.read_text()
    template.write_text("{{ brief.title }}\n{% if %}\n" + sound)
    _wait_for(lambda: "A template has problems" in (_get(url) or ""), "the template problem page")
    page = _get(url + "briefs/huawei-5g-allies-2019/")
    assert "<code>templates/brief.md.j2:2:1</code> TemplateSyntaxError" in page
    assert "templates/brief.md.j2:2:1: TemplateSyntaxError" in log.read_text()
    assert "Traceback" not in log.read_text()
    assert server.poll() is None

    # Fixed: the pages come back.
    template.write_text(sound)
    _wait_for(lambda: "Latest briefs" in (_get(url) or ""), "the site after the template fix")

    # A deleted brief leaves the preview (a --dirty rebuild deletes nothing by itself).
    other.unlink()
    _wait_for(lambda: _get(url + "briefs/other-story/") is None, "the deleted brief to go")
    assert "Huawei" in _get(url + "briefs/huawei-5g-allies-2019/")
    assert "other-story" not in _get(url + "briefs/")


def test_a_problem_page_shows_the_line_and_the_one_before(tmp_path):
    # A YAML syntax error is often found a line after the mistake: both lines are shown.
    (tmp_path / "content").mkdir()
    source = "id: b\ntitle: <i>x</i>\n  bad: [\nmore: 1\n"
    (tmp_path / "content/b.yaml").write_text(source, encoding="utf-8")
    problem = Problem("content/b.yaml", 3, 3, "mapping values are not allowed here")
    [page, *_] = problem_pages(Renderer(ROOT / "templates"), [problem], root=tmp_path)
    assert "   2 | title: &lt;i&gt;x&lt;/i&gt;\n   3 |   bad: [\n</code></pre>" in page.text
    assert "   1 |" not in page.text and "more: 1" not in page.text
    outside = Problem("../secret.yaml", 1, 1, "outside the project")
    [page, *_] = problem_pages(Renderer(ROOT / "templates"), [outside], root=tmp_path)
    assert "<pre" not in page.text
