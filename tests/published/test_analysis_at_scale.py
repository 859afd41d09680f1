"""Issue 20: the analysis pages of a 300-brief story corpus (bench/stories.py), in Chromium.

Every analysis page is measured at 1,280 px (no taller than about 20,000 px), checked with
axe-core, and photographed at 1,280 and 390 px into tests/artifacts/analysis-at-scale/ to be
looked at. The site is built once per module (about a minute, more on a loaded machine)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.stories import write_story_corpus
from conftest import ROOT, serve
from helpers.corpora import scratch_folder
from helpers.site_builder import build_site

pytestmark = pytest.mark.browser

BRIEFS, SEED = 300, 20
BUILD_DAY_EPOCH = "1796083200"  # 1 December 2026: the story corpus' build date
MAX_HEIGHT = 20_000  # px at 1,280 px wide
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "tests" / "artifacts" / "analysis-at-scale"
OTHERS = ("network/",)  # analysis pages another part of issue 20 (item 3) bounds


@pytest.fixture(scope="module")
def story_site() -> Path:
    work = scratch_folder("briefing-stories-300-")
    write_story_corpus(work / "content", BRIEFS, SEED)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", BUILD_DAY_EPOCH)
        return build_site(work / "content", work)


@pytest.fixture(scope="module")
def story_url(story_site: Path):
    with serve(story_site) as url:
        yield url


def analysis_pages(site: Path) -> list[str]:
    """Every analysis page of the site, as a path under the site's root."""
    pages = ["analysis/", "stances/", "readings/", "network/", "timeline/"]
    for folder in ("stances", "timeline"):
        pages += sorted(f"{folder}/{p.name}/" for p in (site / folder).iterdir() if p.is_dir())
    return pages


def one_of_each(site: Path) -> dict[str, str]:
    """A page of each kind of analysis page: name → path (the month with most entries)."""
    pages = analysis_pages(site)
    timeline = [p for p in pages if p.startswith("timeline/") and p != "timeline/"]
    years = [p for p in timeline if len(p) == len("timeline/2020/")]
    months = [p for p in timeline if len(p) == len("timeline/2020-01/")]
    return {
        "analysis": "analysis/",
        "stances": "stances/",
        "stances-topic": next(p for p in pages if p.startswith("stances/") and p != "stances/"),
        "readings": "readings/",
        "network": "network/",
        "timeline": "timeline/",
        "timeline-year": years[len(years) // 2],
        "timeline-month": max(months, key=lambda p: entries_in(site / p / "index.html")),
    }


def entries_in(page: Path) -> int:
    return page.read_text(encoding="utf-8").count('class="timeline__entry ')


def height(page) -> int:
    return page.evaluate("document.documentElement.scrollHeight")


def test_no_analysis_page_is_taller_than_20000_px_at_1280(page, story_site, story_url):
    pages = analysis_pages(story_site)
    assert len(pages) > 20  # topics' matrices, timeline years and months
    heights = {}
    for path in pages:
        page.goto(story_url + path)
        heights[path] = height(page)
    too_tall = {p: h for p, h in heights.items() if h > MAX_HEIGHT and p not in OTHERS}
    assert too_tall == {}, sorted(heights.items(), key=lambda item: -item[1])[:5]


@pytest.mark.parametrize("width", [1280, 390])
def test_screenshot_of_every_kind_of_analysis_page(page, story_site, story_url, width):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    for name, path in one_of_each(story_site).items():
        page.goto(story_url + path)
        target = SCREENSHOTS / f"{name}-{width}.png"
        # Chromium draws at most 16,384 px in one picture: a taller page is cut there.
        page.screenshot(path=str(target), full_page=True, timeout=120_000)
        assert target.stat().st_size > 10_000


@pytest.mark.parametrize(
    "kind",
    [
        "analysis",
        "stances",
        "stances-topic",
        "readings",
        "timeline",
        "timeline-year",
        "timeline-month",
    ],
)
def test_no_serious_accessibility_violation_at_scale(page, story_site, story_url, kind):
    from conftest import require

    require(AXE.exists(), "axe-core (npm ci)")
    page.goto(story_url + one_of_each(story_site)[kind])
    page.add_script_tag(path=str(AXE))
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
    results = page.evaluate(f"axe.run(document, {{runOnly: {{type: 'tag', values: {tags}}}}})")
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


def test_the_actor_column_stays_in_view_when_a_wide_matrix_scrolls(page, story_site, story_url):
    # Above the phone breakpoint the matrix is a table; narrowed to 400 px it must scroll
    # sideways with its actor column and header row in view.
    page.set_viewport_size({"width": 760, "height": 900})
    page.goto(story_url + one_of_each(story_site)["stances-topic"])
    wrapper = page.locator(".stance-matrix__wrap").first
    wrapper.evaluate("w => { w.style.maxWidth = '400px'; }")
    assert wrapper.evaluate("w => w.scrollWidth - w.clientWidth") > 100
    wrapper.evaluate("w => { w.scrollLeft = w.scrollWidth; }")
    left = wrapper.evaluate("w => w.getBoundingClientRect().left")
    for cell in ("thead th", "tbody th[scope=row]"):
        box = wrapper.locator(cell).first.bounding_box()
        assert abs(box["x"] - left) < 2, f"{cell} scrolled away"


def test_on_a_phone_the_matrix_is_cards_that_need_no_sideways_scrolling(
    page, story_site, story_url
):
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(story_url + one_of_each(story_site)["stances-topic"])
    wrapper = page.locator(".stance-matrix__wrap").first
    assert wrapper.evaluate("w => w.scrollWidth - w.clientWidth") <= 1
    row = wrapper.locator("tbody tr").first
    assert row.evaluate("r => getComputedStyle(r).display") == "block"  # a card per actor
    assert row.locator("th[scope=row]").is_visible()
    caption = wrapper.locator("caption")
    assert caption.evaluate("c => c.getBoundingClientRect().right") <= 390


def test_the_timeline_starts_with_what_comes_next(page, story_url):
    page.goto(story_url + "timeline/")
    headings = page.locator("article h2").all_inner_texts()
    assert [h.replace("¶", "").strip() for h in headings][:2] == ["Coming up", "Disputed events"]
    dates = (
        page.locator("article ol.timeline")
        .first.locator(".timeline__head time")
        .evaluate_all("times => times.map(t => t.getAttribute('datetime'))")
    )
    assert dates and all(d >= "2026-12-01"[: len(d)] for d in dates)
    assert dates == sorted(dates, key=lambda d: d + "~")  # the soonest first, partial dates after


def test_the_timeline_filters_by_actor_topic_and_kind_from_the_keyboard(
    page, story_site, story_url
):
    page.goto(story_url + one_of_each(story_site)["timeline-month"])
    form = page.locator("form[data-timeline-filter]")
    assert form.is_visible()
    entries = page.locator(".timeline__entry")
    total = entries.count()
    actor = form.locator("select[name=actor] option").nth(1).get_attribute("value")
    form.locator("select[name=actor]").focus()
    page.keyboard.press("ArrowDown")  # a select changes from the keyboard alone
    if form.locator("select[name=actor]").input_value() != actor:  # platforms differ: set it
        form.locator("select[name=actor]").select_option(actor)
    shown = page.locator(".timeline__entry:visible")
    assert 0 < shown.count() < total
    actors = shown.evaluate_all("es => es.map(e => e.dataset.actors)")
    assert all(actor in a.split() for a in actors)
    assert form.locator("output").inner_text() == f"{shown.count()} of {total} entries shown"
    form.locator("select[name=actor]").select_option("")
    form.locator("select[name=kind]").select_option("statement")
    kinds = page.locator(".timeline__entry:visible").evaluate_all(
        "es => es.map(e => e.dataset.kinds)"
    )
    assert kinds and set(kinds) == {"statement"}
    topic = form.locator("select[name=topic] option").nth(1).get_attribute("value")
    form.locator("select[name=topic]").select_option(topic)
    groups = page.locator(".timeline__group:visible").evaluate_all(
        "gs => gs.map(g => g.dataset.topics)"
    )
    assert groups and all(topic in g.split() for g in groups)


def test_without_javascript_the_filter_stays_hidden_and_every_entry_shows(
    browser, story_site, story_url
):
    viewport = {"width": 1280, "height": 900}
    context = browser.new_context(java_script_enabled=False, viewport=viewport)
    tab = context.new_page()
    tab.goto(story_url + one_of_each(story_site)["timeline-month"])
    assert not tab.locator("form[data-timeline-filter]").is_visible()
    every = tab.locator(".timeline__entry").count()
    assert tab.locator(".timeline__entry:visible").count() == every > 0
    context.close()


def test_readings_show_the_holding_first_then_the_sides(page, story_url):
    page.goto(story_url + "readings/")
    # a holding comes first: straight after it its provision's sides, a note, or the next heading
    after = page.locator(".holdings").evaluate_all(
        "hs => hs.map(h => h.nextElementSibling).map(n => n ? n.tagName + '.' + n.className : '')"
    )
    assert after, "the 300-brief corpus has court holdings"
    allowed = ("DIV.table-wrap readings__wrap", "P.readings__more", "H2.", "H3.", "")
    assert all(a in allowed for a in after), after
    tables = page.locator("table.readings--sides")
    assert max(t.locator("tbody tr").count() for t in tables.all()) >= 2  # opposing sides together
    for row in tables.first.locator("tbody tr").all():
        readers = row.locator("ul.readers > li")
        assert 0 < readers.count() <= 3  # the latest three of each side: no side drops out
        for reader in readers.all():
            assert reader.locator("time").count() >= 1 and reader.locator("a").count() >= 2
