"""`briefing export` is a site project that MkDocs 1.6, ProperDocs and Zensical each build into a
styled, searchable site: built with its build.sh, looked at in the real browser; with file URLs
(`use_directory_urls: false`) and script payloads in the content too, where no payload runs.

An engine that is not installed is skipped, except under CI=true (the test extras install all
three). Zensical runs no MkDocs plugins: the export needs none."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from hostile.payloads import PAYLOADS, write_corpus

from conftest import copy_project, require, serve
from helpers.published import BIN, PROJECT
from helpers.sitecrawl import content_pages, read_page

pytestmark = pytest.mark.browser

BRIEF = "briefs/huawei-5g-allies-2019/"
ENGINES = ("mkdocs", "properdocs", "zensical")


def engine_command(engine: str) -> str | None:
    return shutil.which(engine, path=str(BIN)) or shutil.which(engine)


def export(project: Path, out: Path) -> Path:
    """`briefing export OUT` run in ``project``: the exported site project."""
    command = [sys.executable, "-m", "generator.cli", "export", str(out)]
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    return export(PROJECT, tmp_path_factory.mktemp("export") / "project")


@pytest.fixture(scope="module", params=ENGINES)
def engine_site(request, exported, tmp_path_factory) -> Path:
    return build_with(request.param, exported, tmp_path_factory)


def build_with(engine: str, exported: Path, tmp_path_factory) -> Path:
    """A copy of the exported project built by its build.sh with ``engine``: the site folder."""
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


# --- The export with file URLs and hostile content (issue 22, item 7) -----------------------
# A project that sets `use_directory_urls: false` (pages are briefs/x.html) and whose content
# carries the script payloads of tests/hostile/ in titles, quotes and actor names, exported and
# built by ProperDocs and by Zensical, served under a subpath as GitHub Pages serves it.

HOSTILE = Path(__file__).parents[1] / "hostile"
FILE_URL_ENGINES = ("properdocs", "zensical")
HANDLER_ATTRIBUTES = """[...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
    .filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name))"""


@pytest.fixture(scope="module")
def hostile_export(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile-export") / "project")
    for source in (HOSTILE / "inert").glob("*/*.yaml"):
        shutil.copy(source, project / "content" / source.parent.name / source.name)
    write_corpus(project / "content")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "use_directory_urls: false\n")
    return export(project, project / "exported")


@pytest.fixture(scope="module", params=FILE_URL_ENGINES)
def hostile_engine_site(request, hostile_export, tmp_path_factory) -> Path:
    return build_with(request.param, hostile_export, tmp_path_factory)


def relative_links(site: Path, page: Path) -> list[tuple[str, Path]]:
    """The page's links within the site (href and src), with the file each one names."""
    found = []
    for link in read_page(page).links:
        parts = urlsplit(link)
        if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
            continue
        target = (page.parent / unquote(parts.path)).resolve()
        found.append((link, target / "index.html" if target.is_dir() else target))
    return found


def browsed(page: Path) -> bool:
    """Every brief (each carries every payload somewhere), every section's index, the inert
    records, and a quarter of the generated others: the browser is slow."""
    if page.parent.name == "briefs" or page.name == "index.html":
        return True
    number = re.search(r"-(\d+)\.html$", page.name)
    return int(number.group(1)) % 4 == 0 if number else True


def test_the_export_keeps_file_urls(hostile_export):
    assert "use_directory_urls: false" in (hostile_export / "mkdocs.yml").read_text("utf-8")
    brief = (hostile_export / "docs" / "briefs" / "xss-brief.md").read_text(encoding="utf-8")
    assert "../actors/xss-actor.html" in brief


def test_every_link_of_the_file_url_site_leads_to_a_file(hostile_engine_site):
    site = hostile_engine_site.resolve()
    pages = content_pages(site)
    assert len(pages) > 3 * len(PAYLOADS)
    broken = {
        str(page.relative_to(site)): missing
        for page in pages
        if (
            missing := [link for link, target in relative_links(site, page) if not target.is_file()]
        )
    }
    assert broken == {}
    assert not (site / "briefs" / "xss-brief").exists()  # pages are files: briefs/xss-brief.html


def test_no_payload_runs_and_styles_apply_on_the_file_url_site(browser, hostile_engine_site):
    site = hostile_engine_site
    pages = [
        site / "index.html",
        site / "search.html",
        *filter(browsed, sorted(site.glob("*/*.html"))),
    ]
    dialogs: list[str] = []
    with serve(site) as base_url:
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(page.url), dialog.dismiss()))
        for path in pages:
            url = base_url + path.relative_to(site).as_posix()
            page.goto(url)
            page.eval_on_selector_all(
                "body *",
                "els => els.forEach(e => e.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})))",
            )
            assert page.evaluate("window.__pwned") is None, url
            assert page.evaluate(HANDLER_ATTRIBUTES) == [], url
        page.goto(base_url + "briefs/xss-brief.html")
        badge = page.locator(".md-typeset .stance").first
        assert badge.evaluate("e => getComputedStyle(e).display") == "inline-block"
        assert badge.evaluate("e => getComputedStyle(e).borderTopStyle") == "solid"
        page.goto(base_url + "search.html?q=huawei")
        first = page.locator(".site-search__results li a").first
        first.wait_for(timeout=20_000)
        href = first.get_attribute("href")
        first.click()
        page.wait_for_load_state()
        assert page.url.endswith(".html") and page.locator("h1").count() == 1, (href, page.url)
        page.close()
    assert dialogs == []
