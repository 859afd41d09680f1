"""The built site in a real browser (Chromium), served under a GitHub Pages-style subpath."""

from __future__ import annotations

import pytest

from conftest import ROOT, SEED_BRIEF, SUBPATH

pytestmark = pytest.mark.browser

PAGE_KINDS = {
    "home": "",
    "briefs": "briefs/",
    "brief": f"briefs/{SEED_BRIEF}/",
    "actors": "actors/",
    "actor": "actors/huawei/",
    "legal": "legal/china-national-intelligence-law-2017/",
    "topic": "topics/national-intelligence-law/",
    "about": "about/",
    "analysis": "analysis/",
    "stances": "stances/",
    "readings": "readings/",
    "network": "network/",
    "timeline": "timeline/",
    "search": "search/?q=Huawei&stance=opposes",  # results, and the filters open
}
READY = {"search": ".search-filter__input"}  # drawn by a script once the page has loaded
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "tests" / "artifacts" / "screenshots"


def h1(page) -> str:
    return page.locator("article h1").first.inner_text().replace("¶", "").strip()


def test_reader_walks_home_brief_actor_legal_topic_and_back(page, site_url):
    page.goto(site_url)
    page.locator("article").get_by_role("link", name="U.S. weighs a response").first.click()
    assert h1(page) == "U.S. weighs a response if allies partner with Huawei on 5G"

    page.locator("table.stance-table").get_by_role("link", name="Huawei Technologies Co.").click()
    assert h1(page) == "Huawei Technologies Co."

    page.locator("table.readings").get_by_role("link", name="National Intelligence Law").click()
    assert h1(page) == "National Intelligence Law"
    page.go_back()
    assert h1(page) == "Huawei Technologies Co."
    page.go_back()
    assert h1(page).startswith("U.S. weighs a response")

    page.locator(".brief-meta").get_by_role("link", name="National Intelligence Law").click()
    assert h1(page) == "National Intelligence Law"
    assert page.url == site_url + "topics/national-intelligence-law/"

    page.get_by_role("link", name="Home").first.click()
    assert h1(page) == "Briefings"
    assert page.url == site_url


def test_each_stance_shows_an_icon_beside_its_word_and_is_read_as_the_word(page, site_url):
    page.goto(site_url + f"briefs/{SEED_BRIEF}/")
    stance = page.locator("table.stance-table .stance--opposes").first
    icon = stance.evaluate("e => getComputedStyle(e, '::before').content")
    assert icon.startswith('"✗')  # drawn by the stylesheet, not in the page's text
    assert stance.inner_text().strip() == "opposes"
    assert (
        page.get_by_role("link", name="opposes", exact=True).count() > 0
    )  # its accessible name: the word alone


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("kind", ["brief", "actor", "legal", "stances", "readings", "network"])
def test_no_word_of_a_link_in_a_table_is_cut_across_lines(page, site_url, kind, width):
    # Material lets links break inside a word, and undoes it in its own tables only: in a
    # narrow column of ours, "Department" came out as "Departm" over "ent".
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + PAGE_KINDS[kind])
    links = page.locator("table a")
    assert links.count() > 0
    cut = links.evaluate_all("""links => links.filter(link => {
        const words = link.textContent.trim().split(/\\s+/).length;
        const lines = new Set([...link.getClientRects()].map(box => Math.round(box.top))).size;
        return lines > words;
    }).map(link => link.textContent.trim())""")
    assert cut == []


@pytest.mark.parametrize("kind", ["brief", "actor", "legal", "readings", "network"])
def test_the_cells_of_a_table_row_start_on_one_line(page, site_url, kind):
    # A cell holding paragraphs began a paragraph's margin lower than its neighbours.
    page.goto(site_url + PAGE_KINDS[kind])
    rows = page.locator(".table-wrap tbody tr")
    assert rows.count() > 0
    uneven = rows.evaluate_all("""rows => rows.map(row => {
        const tops = [...row.cells].filter(cell => cell.textContent.trim()).map(cell => {
            const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT,
                {acceptNode: text => text.data.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP});
            const range = document.createRange();
            range.selectNodeContents(walker.nextNode());  // the cell's first words
            return range.getClientRects()[0].top;
        });
        return Math.max(...tops) - Math.min(...tops);
    }).filter(spread => spread > 3)""")
    assert uneven == []


def test_a_briefs_table_of_readings_fits_a_phone_screen(page, site_url):
    # Actor, reading, source: with narrower padding on a phone it fits, where its sources
    # had to be scrolled to sideways. (Wider tables still scroll in their wrapper.)
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(site_url + PAGE_KINDS["brief"])
    wrapper = page.locator(".table-wrap:has(table.readings)")
    assert wrapper.evaluate("w => w.scrollWidth - w.clientWidth") <= 0


NETWORKS = ["network/", "actors/us-state-department/", "actors/united-states/"]


@pytest.mark.parametrize("path", NETWORKS)
def test_no_arrow_of_the_network_ends_under_a_name(page, site_url, path):
    # An arrow's head shows who acts on whom; drawn under a name, the direction is lost.
    page.goto(site_url + path)
    hidden = page.locator(".network__svg:not(.network__svg--phone)").evaluate("""svg => {
        const names = [...svg.querySelectorAll('.network__node text')]
            .map(text => [text.textContent, text.getBBox()]);
        const inside = (p, box) => p.x >= box.x && p.x <= box.x + box.width
                                   && p.y >= box.y && p.y <= box.y + box.height;
        const hidden = [];
        for (const path of svg.querySelectorAll('.network__edge path')) {
            const length = path.getTotalLength();
            for (let along = 0; along <= length; along += 1) {
                if (along > 12 && along < length - 12) continue;  // the arrow's two ends
                const point = path.getPointAtLength(along);
                for (const [name, box] of names)
                    if (inside(point, box)) hidden.push(`${path.getAttribute('d')} under ${name}`);
            }
        }
        return [...new Set(hidden)];
    }""")
    assert hidden == []


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_console_error(page, site_url, kind):
    # (What pages load, and from where, is checked in test_site_publishing.)
    problems: list[str] = []
    page.on("console", lambda msg: msg.type == "error" and problems.append(f"console: {msg.text}"))
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.goto(site_url + PAGE_KINDS[kind], wait_until="networkidle")
    assert problems == []


def test_light_and_dark_themes_toggle(page, site_url):
    page.goto(site_url + PAGE_KINDS["brief"])
    scheme = lambda: page.locator("body").get_attribute("data-md-color-scheme")  # noqa: E731
    assert scheme() == "default"
    page.locator("label[title='Switch to dark mode']").click()
    assert scheme() == "slate"
    page.reload()
    assert scheme() == "slate", "the choice survives a reload"
    page.locator("label[title='Switch to light mode']").click()
    assert scheme() == "default"


@pytest.mark.parametrize("preference, scheme", [("light", "default"), ("dark", "slate")])
def test_a_first_visit_follows_the_systems_light_or_dark_preference(
    browser, site_url, preference, scheme
):
    context = browser.new_context(color_scheme=preference)
    tab = context.new_page()
    tab.goto(site_url + PAGE_KINDS["brief"])
    shown = tab.eval_on_selector_all(
        "form.md-header__option label", "els => els.filter(e => !e.hidden).map(e => e.title)"
    )
    assert tab.locator("body").get_attribute("data-md-color-scheme") == scheme
    assert shown == ["Switch to dark mode" if scheme == "default" else "Switch to light mode"]
    context.close()


def test_the_theme_toggle_works_from_the_keyboard_and_tells_the_browser(page, site_url):
    page.goto(site_url + PAGE_KINDS["brief"], wait_until="load")
    scheme = lambda: page.locator("body").get_attribute("data-md-color-scheme")  # noqa: E731
    theme_colour = lambda: page.evaluate(  # noqa: E731
        "document.querySelector('meta[name=theme-color]')?.content"
    )
    page.wait_for_function("document.querySelector('meta[name=theme-color]')")
    light_colour = theme_colour()
    page.locator("form.md-header__option input:checked").focus()
    page.keyboard.press("Enter")
    assert scheme() == "slate"
    assert page.evaluate("document.activeElement.id") == "__palette_1"
    colour_scheme = lambda: page.evaluate(  # noqa: E731
        "document.querySelector('meta[name=color-scheme]').content"
    )
    assert colour_scheme() == "dark"  # scrollbars and form controls follow
    page.keyboard.press("Enter")
    assert scheme() == "default"
    assert colour_scheme() != "dark"
    assert theme_colour() == light_colour  # the header's colour, the same in both schemes


@pytest.mark.parametrize("kind", ["brief", "legal", "home"])
def test_keyboard_alone_reaches_every_link_in_the_page(page, site_url, kind):
    page.goto(site_url + PAGE_KINDS[kind])
    # Number every visible link of the content, then see which numbers Tab lands on.
    links = page.eval_on_selector_all(
        "article a[href]",
        "els => els.filter(e => e.getClientRects().length).map((e, i) => (e.dataset.kb = i, e.outerHTML))",
    )
    reached: set[str] = set()
    for _ in range(len(links) + 80):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("document.activeElement.dataset.kb || ''"))
    assert [link for i, link in enumerate(links) if str(i) not in reached] == []


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_screenshot_of_each_page_kind(page, site_url, kind):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{kind}.png"
    page.goto(site_url + PAGE_KINDS[kind])
    if kind in READY:
        page.locator(READY[kind]).first.wait_for()
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 10_000


@pytest.mark.parametrize("kind", PAGE_KINDS)
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_serious_accessibility_violation(page, site_url, kind, scheme):
    from conftest import require

    require(AXE.exists(), "axe-core (npm ci)")
    page.add_init_script(
        f"localStorage.setItem('{SUBPATH}.__palette', JSON.stringify({{index: {0 if scheme == 'default' else 1}}}))"
    )
    page.goto(site_url + PAGE_KINDS[kind])
    if kind in READY:
        page.locator(READY[kind]).first.wait_for()
    assert page.locator("body").get_attribute("data-md-color-scheme") == scheme
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
