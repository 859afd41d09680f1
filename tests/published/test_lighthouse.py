"""What a page's first paint waits for, and Lighthouse (mobile) on the four pages of issue 22.

A page paints once its render-blocking resources have arrived: stylesheets that are not for
print, and scripts that neither defer nor run async. Every page of the built site links only those
it needs: Material's two stylesheets and briefing.css, plus search.css or analysis.css where the
page uses them (read from the HTML, all pages). Lighthouse agrees on home, a brief, an actor and
search (its trace's list of render-blocking requests, which does not depend on timing), and scores
them 100 for accessibility, best practices and SEO. Performance is recorded, not asserted: it moves
with the machine's load (`make lighthouse` holds the median of three runs to 95, on a quiet one)."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

import pytest

from bench import lighthouse
from conftest import CHROMIUM, require
from generator.site.engines import LINKED_BY_THEME

MATERIAL_STYLES = re.compile(r"assets/stylesheets/(main|palette)\.[0-9a-f]+\.min\.css")
EVERY_PAGE = "assets/briefing.css"
# Linked by the pages that use them (templates/overrides/main.html); print.css never blocks.
WHERE_USED = sorted(LINKED_BY_THEME - {"assets/print.css"})


class _FirstPaint(HTMLParser):
    """The render-blocking resources a page links, and the classes its elements carry."""

    def __init__(self):
        super().__init__()
        self.blocking: list[str] = []
        self.classes: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.classes.update((attributes.get("class") or "").split())
        rel = (attributes.get("rel") or "").split()
        if tag == "link" and "stylesheet" in rel and attributes.get("media", "all") != "print":
            self.blocking.append(attributes["href"])
        runs_later = {"defer", "async"} & attributes.keys() or attributes.get("type") == "module"
        if tag == "script" and "src" in attributes and not runs_later:
            self.blocking.append(attributes["src"])


def first_paint(site: Path, page: Path) -> tuple[list[str], set[str]]:
    """The page's render-blocking resources as paths in the site, and its classes."""
    parser = _FirstPaint()
    parser.feed(page.read_text(encoding="utf-8"))
    folder = PurePosixPath(page.parent.relative_to(site).as_posix())
    paths = [
        url.lstrip("/") if url.startswith("/") else os.path.normpath(folder / url)
        for url in parser.blocking
    ]
    return sorted(paths), parser.classes


def css_classes(css: str) -> set[str]:
    """The class names a stylesheet's selectors mention (comments and declarations left out)."""
    rules = re.sub(r"/\*.*?\*/|\{[^{}]*\}", " ", re.sub(r"/\*.*?\*/", " ", css, flags=re.S))
    return set(re.findall(r"\.(-?[_a-zA-Z][\w-]*)", rules))


def own_classes(site: Path) -> dict[str, set[str]]:
    """For each stylesheet linked only where used: the classes only it styles (not Material's
    md-*, not briefing.css's), whose presence on a page means the page needs it."""
    shared = css_classes((site / EVERY_PAGE).read_text(encoding="utf-8"))
    return {
        sheet: {
            name
            for name in css_classes((site / sheet).read_text(encoding="utf-8")) - shared
            if not name.startswith("md-")
        }
        for sheet in WHERE_USED
    }


def needed(classes: set[str], own: dict[str, set[str]]) -> list[str]:
    return sorted([EVERY_PAGE, *(sheet for sheet in WHERE_USED if classes & own[sheet])])


def test_css_classes_reads_selectors_only():
    css = "/* .not-this */ .a .b-c, x.d:hover > .e__f--g { color: red; width: .5em }\n@media (x) { .h { } }"
    assert css_classes(css) == {"a", "b-c", "d", "e__f--g", "h"}


def test_every_page_waits_only_for_the_styles_it_uses(built_site: Path):
    own = own_classes(built_site)
    assert all(own.values()), own  # each sheet has classes of its own to be needed for
    found: dict[str, dict] = {}
    linking = {sheet: 0 for sheet in WHERE_USED}
    for page in sorted(built_site.rglob("*.html")):
        blocking, classes = first_paint(built_site, page)
        theme = [path for path in blocking if MATERIAL_STYLES.fullmatch(path)]
        ours = [path for path in blocking if path not in theme]
        for sheet in WHERE_USED:
            linking[sheet] += sheet in ours
        if len(theme) != 2 or ours != needed(classes, own):
            found[str(page.relative_to(built_site))] = {
                "links": blocking,
                "needs": needed(classes, own),
            }
    assert found == {}
    assert all(linking.values()), linking  # the stance matrix, network and search pages


FOUR_PAGES = {
    "home": "index.html",
    "brief": "briefs/huawei-5g-allies-2019/index.html",
    "actor": "actors/huawei/index.html",
    "search": "search/index.html",
}


@pytest.mark.parametrize("page", FOUR_PAGES)
def test_the_four_pages_wait_for_material_and_briefing_css_only(built_site: Path, page):
    """The pages Lighthouse measures: no analysis.css on a brief or an actor, no script."""
    blocking, _ = first_paint(built_site, built_site / FOUR_PAGES[page])
    ours = [path for path in blocking if not MATERIAL_STYLES.fullmatch(path)]
    assert ours == [EVERY_PAGE, *(["assets/search.css"] if page == "search" else [])]


@pytest.fixture(scope="module")
def lighthouse_site(built_site: Path):
    require(lighthouse.LIGHTHOUSE.exists(), "Lighthouse (npm ci --ignore-scripts)")
    require(CHROMIUM.exists(), "Chromium")
    os.environ.setdefault("CHROME_PATH", str(CHROMIUM))
    with lighthouse.served(built_site) as base_url:
        yield base_url


@pytest.mark.browser
@pytest.mark.parametrize("page", lighthouse.PAGES)
def test_lighthouse_scores_100_and_sees_only_the_needed_render_blocking_requests(
    built_site: Path, lighthouse_site: str, page, record_property
):
    result = lighthouse.audit(lighthouse_site, page)
    record_property("lighthouse_performance", result.scores["performance"])
    record_property("lighthouse_metrics", result.metrics)
    print(lighthouse.table([result]), result.metrics, *result.costs, sep="\n")
    assert {name: result.scores[name] for name in ("accessibility", "best-practices", "seo")} == {
        "accessibility": 100,
        "best-practices": 100,
        "seo": 100,
    }
    blocking, _ = first_paint(built_site, built_site / FOUR_PAGES[page])
    assert result.render_blocking == blocking  # no script (Material's bundle.js is deferred)
