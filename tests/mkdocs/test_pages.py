"""Generated pages built on every core (generator/mkdocs/pages.py) come out exactly as
MkDocs builds them one by one, in a real build large enough to use worker processes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from generator.mkdocs.pages import _forgotten_once_built
from generator.runtime.parallel import MIN_ITEMS
from helpers.corpora import scratch_folder
from helpers.site_builder import REPO, build_site
from helpers.synthetic_corpus import write_corpus


def site_files(site: Path) -> dict[str, bytes]:
    # Pagefind names its filter files differently on every run (upstream issue #638).
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file() and path.relative_to(site).parts[0] != "pagefind"
    }


def test_parallel_and_one_by_one_builds_write_the_same_site(monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://org.github.io/repo/")  # for a sitemap with every page
    content = write_corpus(scratch_folder("briefing-parallel-"), briefs=140, actors=80, seed=5)
    parallel = site_files(build_site(content, scratch_folder("briefing-parallel-site-")))
    serial = site_files(
        build_site(content, scratch_folder("briefing-serial-site-"), parallel_pages=False)
    )
    pages = [path for path in parallel if path.endswith(".html")]
    assert len(pages) > MIN_ITEMS  # enough pages for worker processes
    assert parallel.keys() == serial.keys()
    assert [path for path in parallel if parallel[path] != serial[path]] == []
    sitemap = parallel["sitemap.xml"].decode()
    assert sitemap.count("<url>") == len(pages) - 1  # every page but the 404 page


def test_with_another_theme_too(monkeypatch):
    # MkDocs' own theme has none of the Material parts rendered once per folder, and shows
    # the title of a navigation entry's page where Material shows its section's.
    monkeypatch.setenv("SITE_URL", "https://org.github.io/repo/")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1563000000")  # this theme stamps the build date in
    content = write_corpus(scratch_folder("briefing-theme-"), briefs=140, actors=80, seed=5)
    work = scratch_folder("briefing-theme-site-")
    (work / "no-overrides").mkdir()
    theme = {"name": "mkdocs", "custom_dir": str(work / "no-overrides")}
    parallel = site_files(build_site(content, work / "parallel", theme=theme))
    serial = site_files(build_site(content, work / "serial", theme=theme, parallel_pages=False))
    assert sum(path.startswith("briefs/brief-") for path in parallel) == 140
    assert parallel.keys() == serial.keys()
    assert [path for path in parallel if parallel[path] != serial[path]] == []


def test_a_part_of_the_theme_overridden_in_custom_dir_is_rendered_for_each_page(monkeypatch):
    # Material's own logo is the same on every page of a folder; an override may show anything.
    monkeypatch.setenv("SITE_URL", "https://org.github.io/repo/")
    content = write_corpus(scratch_folder("briefing-override-"), briefs=140, actors=80, seed=5)
    work = scratch_folder("briefing-override-site-")
    overrides = work / "overrides"
    shutil.copytree(REPO / "templates" / "overrides", overrides)
    (overrides / "partials" / "logo.html").write_text(
        '<span class="logo-of">{{ page.title }}</span>\n'
    )
    theme = {"name": "material", "custom_dir": str(overrides)}
    parallel = site_files(build_site(content, work / "parallel", theme=theme))
    serial = site_files(build_site(content, work / "serial", theme=theme, parallel_pages=False))
    brief = parallel["briefs/brief-001/index.html"].decode()
    assert re.search(r'<span class="logo-of">[^<]+</span>', brief)
    assert [path for path in parallel if parallel[path] != serial[path]] == []


def test_a_worker_keeps_nothing_of_a_page_once_it_is_built(tmp_path):
    # A worker builds thousands of pages: what building one fills in must not pile up.
    config = load_config(config_file=None, site_name="x", docs_dir=str(tmp_path))
    file = _generated("briefs/a.md", tmp_path)
    page = Page(None, file, config)
    found = (dict(vars(file)), dict(vars(page)))
    with _forgotten_once_built(file):
        page.markdown, page.content, page.toc = "# A", "<h1>A</h1>", ["A"]
        page.meta = {"title": "A"}
        file.content_bytes = b""
    assert (vars(file), vars(page)) == found and file.page is page

    alone = _generated("briefs/b.md", tmp_path)  # no page yet: one is made
    with _forgotten_once_built(alone):
        Page(None, alone, config).markdown = "# B"
    assert alone.page is None


def _generated(path: str, site: Path) -> File:
    file = File(path, src_dir=None, dest_dir=str(site), use_directory_urls=True)
    file.content_bytes = b"# A page"
    return file
