"""`briefing export` is a site project that MkDocs 1.6, ProperDocs and Zensical each build into a
styled, searchable site: built with its build.sh, looked at in the real browser.

An engine that is not installed is skipped, except under CI=true (the test extras install all
three). Zensical runs no MkDocs plugins: the export needs none."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import require, serve
from helpers.published import BIN, PROJECT

pytestmark = pytest.mark.browser

BRIEF = "briefs/huawei-5g-allies-2019/"
ENGINES = ("mkdocs", "properdocs", "zensical")


def engine_command(engine: str) -> str | None:
    return shutil.which(engine, path=str(BIN)) or shutil.which(engine)


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export") / "project"
    command = [sys.executable, "-m", "generator.cli", "export", str(out)]
    result = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module", params=ENGINES)
def engine_site(request, exported, tmp_path_factory) -> Path:
    engine = request.param
    executable = engine_command(engine)
    require(executable is not None, f"the {engine} engine")
    project = tmp_path_factory.mktemp(engine) / "project"
    shutil.copytree(exported, project)
    # The engine's own folder first: build.sh runs `<engine> build`, then python3 -m pagefind.
    path = os.pathsep.join([str(Path(executable).parent), str(BIN), os.environ.get("PATH", "")])
    env = {**os.environ, "PATH": path, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [str(project / "build.sh"), engine],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, f"{engine}:\n{result.stdout}\n{result.stderr}"
    return project / "site"


def test_the_export_is_a_complete_site_project(exported):
    assert (exported / "mkdocs.yml").is_file() and os.access(exported / "build.sh", os.X_OK)
    for path in ["index.md", "search.md", "about.md", "assets/briefing.css", "feeds/briefs.xml"]:
        assert (exported / "docs" / path).is_file(), path
    assert (exported / "overrides" / "main.html").is_file()


def test_each_engine_builds_a_styled_site(engine_site, page):
    with serve(engine_site) as base_url:
        page.goto(base_url + BRIEF)
        badge = page.locator(".stance--supports").first
        style = badge.evaluate("""e => { const s = getComputedStyle(e);
            return [s.display, s.borderTopStyle, s.fontWeight, getComputedStyle(e, '::before').content]; }""")
        assert style == ["inline-block", "solid", "600", '"✓\u00a0" / ""'], style
        table = page.locator(".table-wrap table").first
        borders = table.evaluate("e => getComputedStyle(e).borderTopStyle")
        assert borders == "solid"
        cell = page.locator(".table-wrap td").first
        assert cell.evaluate("e => getComputedStyle(e).textAlign") in ("left", "start")


def test_each_engine_builds_a_searchable_site(engine_site, page):
    assert (engine_site / "pagefind" / "pagefind.js").is_file()
    with serve(engine_site) as base_url:
        page.goto(base_url + "search/?q=huawei")
        first = page.locator(".site-search__results li a").first
        first.wait_for(timeout=20_000)
        assert page.locator(".site-search__results li").count() >= 1
        assert first.get_attribute("href")
