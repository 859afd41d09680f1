"""Issue 20, items 3 and 7, in a browser, on a 300-brief story corpus built once: every actor's
drawing shows its actor inside its box, no table needs sideways scrolling on a phone, the network
page stays bounded, and its explorer (assets/network.js) works from the keyboard."""

from __future__ import annotations

import itertools
import math
import re
from pathlib import Path

import pytest

from generator.analysis.communities import DRAW_ALL_LIMIT
from generator.analysis.index import Index
from generator.analysis.network import relation_graph
from generator.content.corpus import load_content
from helpers.site_builder import build_site

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "tests" / "artifacts" / "network"
PHONE, DESKTOP = 390, 1280
FOCUSED = "document.getElementById('network-explorer').dataset.focused"
MAX_HEIGHT = 20_000  # px at 1,280: the bound for a generated page


@pytest.fixture(scope="module")
def stories(tmp_path_factory):
    """(base URL, site folder, content folder) of the 300-brief story corpus, seed 3."""
    from bench.stories import write_story_corpus
    from conftest import serve

    work = tmp_path_factory.mktemp("stories-300")
    write_story_corpus(work / "content", 300, seed=3)
    site = build_site(work / "content", work)
    with serve(site) as base_url:
        yield base_url, site, work / "content"


@pytest.fixture(scope="module")
def tabs(browser):
    """A tab at each width, shared by the module's tests (each goes to its own page)."""
    contexts = {
        width: browser.new_context(viewport={"width": width, "height": 900})
        for width in (DESKTOP, PHONE)
    }
    yield {width: context.new_page() for width, context in contexts.items()}
    for context in contexts.values():
        context.close()


def drawn_actors(site: Path) -> list[str]:
    return sorted(
        page.parent.name
        for page in (site / "actors").glob("*/index.html")
        if "network__node--focus" in page.read_text()
    )


def page_size(site: Path, actor: str) -> int:
    return (site / "actors" / actor / "index.html").stat().st_size


def busiest_brief(site: Path) -> str:
    """The brief whose page holds the most table cells: the likeliest to be too wide."""
    pages = sorted((site / "briefs").glob("*/index.html"))
    return max(pages, key=lambda page: page.read_text().count("<td")).parent.name


def test_the_corpus_is_large_enough_to_be_summarised(stories):
    _, _, content = stories
    assert len(relation_graph(Index(load_content(content)))) > DRAW_ALL_LIMIT


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_every_actor_s_drawing_shows_the_actor_inside_its_box(stories, tabs, width):
    base_url, site, _ = stories
    tab, outside = tabs[width], []
    actors = drawn_actors(site)
    assert len(actors) > 40
    for actor in actors:
        tab.goto(f"{base_url}actors/{actor}/")
        canvas = tab.locator(".network__canvas:visible").first  # the wide or the phone's
        canvas.scroll_into_view_if_needed()
        box = canvas.bounding_box()
        focus = tab.locator(".network__node--focus circle:visible").bounding_box()
        right, bottom = focus["x"] + focus["width"], focus["y"] + focus["height"]
        inside = (
            box["x"] <= focus["x"]
            and right <= box["x"] + box["width"]
            and right <= width
            and box["y"] <= focus["y"]
            and bottom <= box["y"] + box["height"]
        )
        if not inside:
            outside.append(actor)
    assert outside == []


LABELS = """svg => {
    const scale = svg.getScreenCTM().a, box = svg.getBoundingClientRect();
    return [...svg.querySelectorAll('text')].map(text => {
        const r = text.getBoundingClientRect();
        return {size: parseFloat(getComputedStyle(text).fontSize) * scale, text: text.textContent,
                left: r.left - box.left, right: r.right - box.left, top: r.top, bottom: r.bottom,
                boxWidth: box.width};
    });
}"""


def overlapping(labels: list[dict]) -> list[tuple[str, str]]:
    return [
        (a["text"], b["text"])
        for i, a in enumerate(labels)
        for b in labels[i + 1 :]
        if a["left"] < b["right"] - 1
        and b["left"] < a["right"] - 1
        and a["top"] < b["bottom"] - 1
        and b["top"] < a["bottom"] - 1
    ]


def test_on_a_phone_an_actor_s_drawing_has_legible_names_apart_and_the_actor_centred(stories, tabs):
    base_url, site, _ = stories
    tab = tabs[PHONE]
    busiest = sorted(drawn_actors(site), key=lambda a: -page_size(site, a))[:8]
    for actor in busiest:
        tab.goto(f"{base_url}actors/{actor}/")
        assert tab.locator("div.network--wide").is_hidden()
        svg = tab.locator("svg.network__svg--phone")
        svg.scroll_into_view_if_needed()
        labels = svg.evaluate(LABELS)
        assert len(labels) > 2
        assert min(label["size"] for label in labels) >= 11, actor  # rendered px, not SVG units
        assert all(
            -1 <= label["left"] and label["right"] <= label["boxWidth"] + 1 for label in labels
        )
        assert overlapping(labels) == [], actor
        box = svg.bounding_box()
        focus = tab.locator(".network__svg--phone .network__node--focus circle").bounding_box()
        middle = focus["x"] + focus["width"] / 2
        assert abs(middle - (box["x"] + box["width"] / 2)) <= 2  # in the middle
        assert box["y"] <= focus["y"] and focus["y"] + focus["height"] <= box["y"] + box["height"]
        assert 0 <= focus["y"] and focus["y"] + focus["height"] <= 900  # in view (viewport px)


DISCS = """svg => [...svg.querySelectorAll('circle')].map(circle => {
    const r = circle.getBoundingClientRect();
    return {x: r.left + r.width / 2, y: r.top + r.height / 2, r: r.width / 2};
})"""


def disc_meets_label(disc: dict, label: dict, box_left: float) -> bool:
    """Whether a disc (viewport px) reaches into a label's box (left and right from box_left)."""
    nearest_x = min(max(disc["x"], box_left + label["left"]), box_left + label["right"])
    nearest_y = min(max(disc["y"], label["top"]), label["bottom"])
    return math.dist((nearest_x, nearest_y), (disc["x"], disc["y"])) < disc["r"] - 1


@pytest.mark.parametrize(
    ("width", "shown", "hidden"), [(DESKTOP, "wide", "phone"), (PHONE, "phone", "wide")]
)
def test_the_map_of_groups_has_legible_labels_and_no_disc_or_label_on_another(
    stories, tabs, width, shown, hidden
):
    base_url, _, _ = stories
    tab = tabs[width]
    tab.goto(base_url + "network/")
    assert tab.locator(f".community-map.network--{hidden}").is_hidden()
    svg = tab.locator(f".community-map.network--{shown} svg")
    svg.scroll_into_view_if_needed()
    labels, discs = svg.evaluate(LABELS), svg.evaluate(DISCS)
    box = svg.bounding_box()
    assert len(discs) >= 2 and len(labels) >= 2 * len(discs)  # a size, a name at least
    assert box["x"] >= 0 and box["x"] + box["width"] <= width  # the drawing fits its box
    assert min(label["size"] for label in labels) >= 11  # rendered px, not SVG units
    assert all(-1 <= label["left"] and label["right"] <= label["boxWidth"] + 1 for label in labels)
    assert overlapping(labels) == []
    for a, b in itertools.combinations(discs, 2):
        assert math.dist((a["x"], a["y"]), (b["x"], b["y"])) >= a["r"] + b["r"]
    assert [
        (disc, label["text"])
        for disc in discs
        for label in labels
        if disc_meets_label(disc, label, box["x"])
    ] == []


def test_a_wide_screen_shows_the_wide_drawing_only(stories, tabs):
    base_url, site, _ = stories
    tab = tabs[DESKTOP]
    tab.goto(f"{base_url}actors/{drawn_actors(site)[0]}/")
    assert tab.locator("div.network--wide").is_visible()
    assert tab.locator("div.network--phone").is_hidden()


TABLE_OVERFLOW = """() => [...document.querySelectorAll('.md-content table')].map(table => {
    const box = table.closest('.table-wrap') || table.parentElement;
    return [table.className, box.scrollWidth - box.clientWidth];
}).filter(([, overflow]) => overflow > 0)"""


def test_no_table_needs_sideways_scrolling_on_a_phone(stories, tabs):
    base_url, site, _ = stories
    actors = drawn_actors(site)
    paths = ["network/", f"briefs/{busiest_brief(site)}/", *(f"actors/{a}/" for a in actors[::10])]
    tab, wide = tabs[PHONE], {}
    for path in paths:
        tab.goto(base_url + path)
        assert tab.locator(".md-content table").count() > 0, path
        overflowing = tab.evaluate(TABLE_OVERFLOW)
        page_overflow = tab.evaluate("document.documentElement.scrollWidth") - PHONE
        if overflowing or page_overflow > 0:
            wide[path] = (overflowing, page_overflow)
    assert wide == {}


def test_a_table_s_cells_name_their_column_on_a_phone(stories, tabs):
    base_url, site, _ = stories
    tab = tabs[PHONE]
    tab.goto(f"{base_url}briefs/{busiest_brief(site)}/")
    cell = tab.locator("table.relations td[data-label='Relation']").first
    label = cell.evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"Relation: "'
    assert cell.evaluate("td => getComputedStyle(td).display") == "block"


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_the_network_page_is_bounded_and_screenshots_are_kept(stories, tabs, width):
    base_url, site, _ = stories
    tab = tabs[width]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    actor = max(drawn_actors(site), key=lambda a: page_size(site, a))
    for name, path in [
        ("network", "network/"),
        ("actor", f"actors/{actor}/"),
        ("brief", f"briefs/{busiest_brief(site)}/"),
    ]:
        tab.goto(base_url + path)
        if name == "network":
            tab.locator("#network-explorer:not([hidden])").wait_for()
            height = tab.evaluate("document.documentElement.scrollHeight")
            if width == DESKTOP:
                assert height <= MAX_HEIGHT
        tab.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)


def open_explorer(tab, base_url):
    tab.goto(base_url + "network/")
    explorer = tab.locator("#network-explorer")
    tab.locator("#network-explorer:not([hidden])").wait_for()
    tab.wait_for_function("document.getElementById('network-explorer').dataset.shownEdges")
    return explorer


def tab_to(tab, selector: str, limit: int = 80) -> None:
    """Press Tab until the element ``selector`` has the focus, as a keyboard user would."""
    for _ in range(limit):
        tab.keyboard.press("Tab")
        if tab.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"{selector} not reached in {limit} presses of Tab")


def test_the_explorer_finds_an_actor_by_keyboard(stories, tabs):
    base_url, site, content = stories
    tab = tabs[DESKTOP]
    explorer = open_explorer(tab, base_url)
    index = Index(load_content(content))
    actor = index.actors[drawn_actors(site)[len(drawn_actors(site)) // 2]]
    tab_to(tab, "#network-find")
    tab.keyboard.type(actor.name)
    tab.keyboard.press("Enter")
    tab.wait_for_function(FOCUSED + f" === '{actor.id}'")
    detail = explorer.locator(".network-explorer__detail a")
    assert detail.text_content() == actor.name
    assert detail.get_attribute("href").endswith(f"actors/{actor.id}/")
    assert actor.name in explorer.locator("[role=status]").text_content()
    tab.locator("#network-find").fill("no such actor at all")
    tab.keyboard.press("Enter")
    assert "No actor is named" in explorer.locator("[role=status]").text_content()


def test_the_explorer_filters_by_relation_type_and_by_year_by_keyboard(stories, tabs):
    base_url, _, _ = stories
    tab = tabs[DESKTOP]
    explorer = open_explorer(tab, base_url)

    def shown() -> int:
        return int(explorer.get_attribute("data-shown-edges"))

    everything = shown()
    tab_to(tab, ".network-explorer__types input[value='urges']")
    tab.keyboard.press("Space")
    without_urges = shown()
    assert 0 < without_urges < everything
    tab.keyboard.press("Space")
    assert shown() == everything
    tab_to(tab, "select[name='from']")
    last_year = tab.locator("select[name='from'] option").last.text_content()
    tab.keyboard.press("End")  # the latest year: only relations reported in it, and memberships
    tab.wait_for_function(f"document.querySelector('select[name=from]').value === {last_year!r}")
    assert 0 < shown() < everything


def test_the_explorer_zooms_and_pans_by_keyboard(stories, tabs):
    base_url, _, _ = stories
    tab = tabs[DESKTOP]
    open_explorer(tab, base_url)
    tab_to(tab, ".network-explorer__canvas")
    before = tab.locator(".network-explorer__canvas canvas").last.screenshot()
    tab.keyboard.press("+")
    tab.keyboard.press("ArrowLeft")
    tab.wait_for_timeout(100)  # cytoscape redraws on the next animation frame
    assert tab.locator(".network-explorer__canvas canvas").last.screenshot() != before


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_network_page_has_no_serious_accessibility_violation(stories, browser, scheme):
    from conftest import SUBPATH, require

    require(AXE.exists(), "axe-core (npm ci)")
    base_url, _, _ = stories
    context = browser.new_context(viewport={"width": DESKTOP, "height": 900})
    tab = context.new_page()
    palette = 0 if scheme == "default" else 1
    palette_choice = f"JSON.stringify({{index: {palette}}})"
    tab.add_init_script(f"localStorage.setItem('{SUBPATH}.__palette', {palette_choice})")
    open_explorer(tab, base_url)
    assert tab.locator("body").get_attribute("data-md-color-scheme") == scheme
    tab.locator("#network-find").fill("a")  # the found actor's line shown too
    tab.keyboard.press("Enter")
    tab.locator(".network-explorer__detail:not([hidden])").wait_for()
    tab.add_script_tag(path=str(AXE))
    results = tab.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', "
        "values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    context.close()
    assert serious == []


def test_without_javascript_the_page_still_shows_groups_and_tables(stories, browser):
    base_url, _, _ = stories
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": PHONE, "height": 900}
    )
    try:
        tab = context.new_page()
        tab.goto(base_url + "network/")
        assert tab.locator("#network-explorer").is_hidden()
        assert tab.locator(".community-map__group").count() >= 2
        assert re.search(r"\d+ relations", tab.locator(".lead").text_content())
        assert tab.locator("table.communities tbody tr").count() >= 2
    finally:
        context.close()
