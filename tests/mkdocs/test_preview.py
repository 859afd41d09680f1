"""The live preview survives bad content: a real `mkdocs serve` on a copy of the project."""

from __future__ import annotations

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
from generator.mkdocs.preview import problem_pages
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
    brief.write_text(brief.read_text().replace("\nwatch_next:", "\nwatch_nxt:"))  # broken from the start
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, stdout=output, stderr=subprocess.STDOUT,
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
