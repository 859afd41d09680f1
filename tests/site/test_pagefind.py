"""Pagefind search: built after the site, filters by topic, actor, jurisdiction and stance,
works under a subpath in a real browser and finds the seed brief from the search box."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import PurePosixPath
from urllib.parse import urljoin

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pagefind_bin import get_executable

from generator.site.pagefind import (
    EXCLUDED_SELECTORS,
    NOT_SEARCHED,
    SHARDS_FILE,
    SearchIndexError,
    index_site,
    is_marked,
    searched_digest,
    shard_count,
    shard_of,
)

BRIEF = "huawei-5g-allies-2019"


def pagefind_query(published_site, browser, body: str):
    """Run ``body`` (JavaScript, with ``pagefind`` loaded and ``urls(search)`` at hand) on the search page."""
    base_url, _ = published_site
    page = browser.new_page()
    page.goto(f"{base_url}search/")
    try:
        return page.evaluate(
            "async (bundle) => { const pagefind = await import(bundle);"
            " const urls = async (search) => Promise.all(search.results.map(async r => (await r.data()).url));"
            + body
            + "}",
            f"{base_url}pagefind/pagefind.js",
        )
    finally:
        page.close()


def test_the_build_writes_pagefind_and_no_lunr_index(published_site):
    _, site_dir = published_site
    assert (site_dir / "pagefind" / "pagefind.js").is_file()
    assert any((site_dir / "pagefind" / "fragment").iterdir())
    assert not (site_dir / "search" / "search_index.json").exists()


def test_reading_only_the_marked_part_of_each_page_gives_the_same_index(published_site, tmp_path):
    """The build tells Pagefind where the indexed part of a page is, to spare it the theme's
    frame: pages, words, filters and excerpts must come out as from the whole pages."""
    _, site_dir = published_site
    whole_pages = [
        str(get_executable()),
        "--site",
        str(site_dir),
        "--output-path",
        str(tmp_path / "whole"),
    ]
    for selector in EXCLUDED_SELECTORS:
        whole_pages += ["--exclude-selectors", selector]
    subprocess.run(whole_pages, capture_output=True, check=True)
    bundles = (site_dir / "pagefind", tmp_path / "whole")
    for folder in ("fragment", "index"):  # each page's text, title, filters; each word's pages
        built, whole = (
            sorted(path.read_bytes() for path in (bundle / folder).iterdir()) for bundle in bundles
        )
        assert built == whole, folder
    assert len(list((tmp_path / "whole" / "fragment").iterdir())) > 10


def test_a_site_whose_theme_marks_no_part_has_its_whole_pages_indexed(tmp_path):
    for name, words in [("a", "Brussels meeting"), ("b", "Berlin meeting")]:
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text(
            f'<!doctype html><html lang="en"><title>{name}</title><body><h1>{name}</h1><p>{words}</p></body></html>'
        )
    index_site(tmp_path)
    texts = [
        _read_pagefind(path)["content"] for path in (tmp_path / "pagefind" / "fragment").iterdir()
    ]
    assert len(texts) == 2
    assert sorted(re.findall(r"\w+ meeting", " ".join(texts))) == [
        "Berlin meeting",
        "Brussels meeting",
    ]


def test_a_folder_that_is_not_a_site_is_reported(tmp_path):
    with pytest.raises(SearchIndexError):
        index_site(tmp_path / "missing")


def test_search_page_is_in_the_navigation_of_every_page(published_site):
    base_url, site_dir = published_site
    tab = re.compile(r'<a href="([^"]+)" class="md-tabs__link">\s*Search\s*</a>')
    pages = list(site_dir.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        links = tab.findall(page.read_text(encoding="utf-8"))
        page_url = base_url + page.relative_to(site_dir).as_posix()
        assert [urljoin(page_url, link) for link in links] == [f"{base_url}search/"], page


@pytest.mark.browser
def test_search_box_finds_the_brief_under_a_subpath(published_site, browser):
    base_url, _ = published_site
    page = browser.new_page()
    page.goto(base_url)
    page.get_by_role("link", name="Search", exact=True).first.click()
    page.get_by_role("searchbox", name="Search for").fill("National Intelligence Law")
    result = page.locator(f'.search-result__link[href*="briefs/{BRIEF}/"]').first
    result.wait_for(timeout=15000)
    assert (
        page.get_by_role("status").inner_text().endswith("results for “National Intelligence Law”.")
    )
    assert (
        "¶" not in page.locator(".site-search__results").inner_text()
    )  # permalinks are not indexed
    result.click()
    page.wait_for_url(f"{base_url}briefs/{BRIEF}/**")
    assert page.locator("h1").first.inner_text().startswith("U.S. weighs a response")
    page.close()


@pytest.mark.browser
def test_header_search_on_any_page_opens_results(published_site, browser):
    base_url, _ = published_site
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{base_url}actors/huawei/")
    page.get_by_role("searchbox", name="Search the site").fill("National Intelligence Law")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base_url}search/?q=National+Intelligence+Law")
    page.locator(f'.search-result__link[href*="briefs/{BRIEF}/"]').first.wait_for(timeout=15000)
    assert (
        page.get_by_role("searchbox", name="Search for").input_value()
        == "National Intelligence Law"
    )
    page.close()


@pytest.mark.browser
def test_filters_by_topic_actor_jurisdiction_and_stance(published_site, browser):
    filters = pagefind_query(
        published_site,
        browser,
        """
        const search = await pagefind.search(null, {filters: {jurisdiction: "China", stance: "opposes"}});
        return {all: await pagefind.filters(), urls: await urls(search)};""",
    )
    assert {"topic", "actor", "jurisdiction", "stance"} <= filters["all"].keys()
    assert "National Intelligence Law" in filters["all"]["topic"]
    assert "Huawei Technologies Co." in filters["all"]["actor"]
    assert filters["urls"] == [f"/REPO/briefs/{BRIEF}/"]


@pytest.mark.browser
def test_search_holds_each_record_once_and_no_lists_or_views(published_site, browser):
    found = pagefind_query(
        published_site, browser, 'return await urls(await pagefind.search("Huawei"));'
    )
    assert {f"/REPO/briefs/{BRIEF}/", "/REPO/actors/huawei/"} <= set(found)
    record_page = re.compile(r"^/REPO/(briefs|actors|legal|topics)/[^/]+/$")
    assert all(record_page.match(url) for url in found), (
        found
    )  # no home, lists, timeline, matrix, network


def test_a_briefs_timeline_is_indexed_and_an_actors_repeat_is_not(published_site):
    # Events are told only in their brief's timeline; an actor's timeline repeats them.
    _, site_dir = published_site
    brief = (site_dir / "briefs" / BRIEF / "index.html").read_text(encoding="utf-8")
    actor = (site_dir / "actors" / "huawei" / "index.html").read_text(encoding="utf-8")
    assert (
        '<ol class="timeline">' in brief
        and "data-pagefind-ignore" not in brief.split('id="timeline"')[1][:400]
    )
    assert '<ol class="timeline" data-pagefind-ignore>' in actor


def open_search(published_site, browser, query: str):
    """The search page at ``search/?{query}``, and the Pagefind files it has fetched so far."""
    base_url, _ = published_site
    page = browser.new_page()
    fetched: list[str] = []
    page.on("response", lambda response: fetched.append(response.url.removeprefix(base_url)))
    page.goto(f"{base_url}search/?{query}")
    page.locator(".search-result__link").first.wait_for(timeout=15000)
    return page, fetched


def result_links(page) -> list[str]:
    return page.eval_on_selector_all(
        ".search-result__link", "links => links.map(a => a.getAttribute('href'))"
    )


@pytest.mark.browser
def test_filters_are_fetched_when_opened_and_narrow_the_results_in_the_address(
    published_site, browser
):
    page, fetched = open_search(published_site, browser, "q=Huawei")
    assert f"/REPO/briefs/{BRIEF}/" in result_links(page) and len(result_links(page)) > 1
    # A first search needs none of the facets, only the one-value "list" filter that puts topic
    # pages after the records (assets/search.js: contentFirst), a few bytes per topic.
    first = [url for url in fetched if url.startswith("pagefind/filter/")]
    assert len(first) <= 1

    page.get_by_text("Filter results").click()
    stance = page.get_by_role("group", name="Stance")
    stance.get_by_role("checkbox", name="opposes").check()
    page.wait_for_function("document.querySelectorAll('.search-result__link').length === 1")
    assert len([url for url in fetched if url.startswith("pagefind/filter/")]) > len(first)
    assert result_links(page) == [f"/REPO/briefs/{BRIEF}/"]
    assert (
        page.get_by_role("status").inner_text() == "1 result for “Huawei” with the chosen filters."
    )
    assert page.url.endswith("search/?q=Huawei&stance=opposes")
    assert stance.get_by_role("checkbox", name="opposes").evaluate(
        "box => box === document.activeElement"
    )

    page.reload()  # the address alone brings the same search back, filters open
    page.wait_for_function("document.querySelectorAll('.search-result__link').length === 1")
    assert (
        page.get_by_role("group", name="Stance")
        .get_by_role("checkbox", name="opposes")
        .is_checked()
    )
    actors = page.get_by_role("group", name="Actor")
    assert actors.get_by_role("checkbox", name="Huawei Technologies Co.").is_visible()
    page.close()


@pytest.mark.browser
def test_results_come_five_at_a_time_with_only_marks_from_the_index(published_site, browser):
    page, _ = open_search(published_site, browser, "q=EU")
    total = int(page.get_by_role("status").inner_text().split()[0])
    assert total > 5 and len(result_links(page)) == 5
    page.get_by_role("button", name="More results").click()
    page.wait_for_function(
        f"document.querySelectorAll('.search-result__link').length === {min(total, 10)}"
    )
    sixth = page.locator(".search-result__link").nth(5)
    assert sixth.evaluate(
        "link => link === document.activeElement"
    )  # keyboard users carry on from there
    assert page.get_by_role("button", name="More results").is_visible() == (total > 10)
    assert page.locator(".search-result__excerpt mark").count() > 0
    excerpts = ".search-result__excerpt *, .search-result__section-excerpt *"
    tags = page.eval_on_selector_all(excerpts, "elements => elements.map(e => e.tagName)")
    assert set(tags) == {"MARK"}
    page.close()


@pytest.mark.browser
def test_the_filter_panel_says_so_when_no_result_is_a_brief(published_site, browser):
    page, _ = open_search(published_site, browser, "q=named")  # an actor and the about page
    assert not [link for link in result_links(page) if "/briefs/" in link]
    page.get_by_text("Filter results").click()
    note = page.locator(".site-search__filters-status")
    note.filter(has_text="nothing to filter").wait_for(timeout=15000)
    assert page.locator(".search-filter:visible").count() == 0
    page.close()


@pytest.mark.browser
def test_a_long_filter_shows_its_most_frequent_values_then_all_of_them(browser, tmp_path):
    from conftest import serve
    from helpers.corpora import synthetic_content
    from helpers.site_builder import build_site

    site = build_site(synthetic_content(), tmp_path)  # 60 briefs, 40 actors
    with serve(site) as base_url:
        page = browser.new_page()
        page.goto(
            f"{base_url}search/?stance=supports"
        )  # filters alone: every brief with a supporter
        actors = page.get_by_role("group", name="Actor")
        actors.get_by_role("checkbox").first.wait_for(timeout=15000)
        shown = actors.locator(".search-filter__count").all_inner_texts()
        counts = [int(text.strip("()").replace(",", "")) for text in shown]
        assert len(counts) == 12 and counts == sorted(
            counts, reverse=True
        )  # the most frequent first
        show_all = actors.get_by_role("button", name=re.compile(r"^Show all \d+$"))
        total = int(show_all.inner_text().split()[-1])
        assert total > 12
        show_all.click()
        assert actors.get_by_role("checkbox").count() == total
        assert (
            actors.get_by_role("checkbox").nth(12).evaluate("box => box === document.activeElement")
        )
        page.close()


@pytest.mark.browser
def test_words_typed_before_the_search_script_runs_are_searched(published_site, browser):
    base_url, _ = published_site
    page = browser.new_page()
    page.route("**/assets/search.js", lambda route: route.abort())  # the script is still on its way
    page.goto(f"{base_url}search/")
    page.get_by_role("searchbox", name="Search for").fill("National Intelligence Law")
    page.unroute("**/assets/search.js")
    page.add_script_tag(url=f"{base_url}assets/search.js")  # now it runs
    page.locator(f'.search-result__link[href*="briefs/{BRIEF}/"]').first.wait_for(timeout=15000)
    assert (
        page.get_by_role("searchbox", name="Search for").input_value()
        == "National Intelligence Law"
    )
    page.close()


def test_the_index_holds_each_word_as_the_page_shows_it(published_site):
    """Pagefind joins the text of neighbouring elements it does not take for blocks
    (table cells, a term and its description): "Kind" and "company" became one word,
    "Kindcompany", that no search finds. What it extracted must be the page's words."""
    _, site_dir = published_site
    glued = {}
    for fragment in (site_dir / "pagefind" / "fragment").glob("*.pf_fragment"):
        record = _read_pagefind(fragment)
        page = site_dir / record["url"].lstrip("/") / "index.html"
        shown = _SearchedWords.of(page.read_text(encoding="utf-8"))
        extracted = set(re.findall(r"\w+", record["content"].lower()))
        if extracted - shown:
            glued[record["url"]] = sorted(extracted - shown)
    assert len(list((site_dir / "pagefind" / "fragment").iterdir())) > 10
    assert not glued, glued


def _read_pagefind(path) -> dict:
    """A Pagefind data file: gzip, a signature, then JSON."""
    data = gzip.decompress(path.read_bytes())
    return json.loads(data.removeprefix(b"pagefind_dcd"))


class _SearchedWords(HTMLParser):
    """The words of a page's ``data-pagefind-body``, taken one element at a time (so text
    of two elements never joins), leaving out what Pagefind is told to ignore."""

    VOID = {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }

    @classmethod
    def of(cls, html: str) -> set[str]:
        parser = cls()
        parser.feed(html)
        return parser.words

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[bool, bool]] = []  # (starts the body, ignored) of each open element
        self.words: set[str] = set()

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        names = dict(attrs)
        ignored = (
            "data-pagefind-ignore" in names
            or tag in ("script", "style", "template")
            or "headerlink" in (names.get("class") or "").split()
        )
        self.open.append(("data-pagefind-body" in names, ignored))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.open:
            self.open.pop()

    def handle_data(self, data):
        if any(body for body, _ in self.open) and not any(ignored for _, ignored in self.open):
            self.words.update(re.findall(r"\w+", data.lower()))


# --- Shards (issue #23): no single Pagefind run holds a large site's whole index ---------------


@given(pages=st.integers(0, 10**6), per_shard=st.integers(1, 10**5))
def test_shards_are_the_fewest_that_keep_within_the_pages_per_shard(pages, per_shard):
    # each shard costs a first search its metadata and a chunk per word: no more than needed
    count = shard_count(pages, per_shard)
    assert pages <= count * per_shard
    assert count == 1 or pages > (count - 1) * per_shard


@given(
    path=st.text(st.characters(blacklist_categories=["Cs"]), min_size=1), count=st.integers(1, 64)
)
def test_when_shards_double_each_page_stays_or_moves_to_the_new_half(path, count):
    page = PurePosixPath(path)
    assert shard_of(page, 2 * count) in (shard_of(page, count), shard_of(page, count) + count)


@pytest.fixture(scope="module")
def sharded_site(published_site, tmp_path_factory):
    """The published site indexed in four shards, served."""
    from conftest import serve

    _, site_dir = published_site
    copy = tmp_path_factory.mktemp("sharded") / "site"
    shutil.copytree(site_dir, copy, ignore=shutil.ignore_patterns("pagefind"))
    pages = sum(is_marked(page.read_bytes()) for page in copy.rglob("*.html"))
    index_site(copy, pages_per_shard=-(-pages // 4))
    with serve(copy) as base_url:
        yield base_url, copy


def _marked_site(folder, marked: int, unmarked: int) -> None:
    """Pages with the indexed part marked (``m<n>/``), then pages without it (``u<n>/``), as a
    site's lists and second pages are: Pagefind skips those."""
    for name, body in [(f"m{n}", "<div data-pagefind-body>") for n in range(marked)] + [
        (f"u{n}", "<div>data-pagefind-body, named in text") for n in range(unmarked)
    ]:
        (folder / name).mkdir(parents=True)
        (folder / name / "index.html").write_text(
            f'<!doctype html><html lang="en"><title>{name}</title><body>{body}'
            f"<h1>{name}</h1><p>Brussels meeting {name}</p></div></body></html>"
        )


def test_only_pages_pagefind_searches_are_counted_into_shards(tmp_path):
    # 3 marked pages and 5 others, at most 4 pages a shard: one shard of the 3 searched pages
    _marked_site(tmp_path, marked=3, unmarked=5)
    made = index_site(tmp_path, pages_per_shard=4, earlier=None, page_digest=lambda _: None)
    assert json.loads((tmp_path / "pagefind" / SHARDS_FILE).read_text()) == []
    assert sorted(_indexed_pages(tmp_path / "pagefind")) == ["/m0/", "/m1/", "/m2/"]
    assert {page for page, digest in made["pages"].items() if digest == NOT_SEARCHED} == {
        f"u{n}/index.html" for n in range(5)
    }


def test_a_page_known_as_not_searched_is_not_counted_into_shards(tmp_path):
    # a rebuild knows the pages it kept from its cache: one it knew unsearched is not counted
    # (here falsely, to tell): 2 pages left, one shard of 2; 3 would make two
    _marked_site(tmp_path, marked=3, unmarked=0)
    known = {"m1/index.html": NOT_SEARCHED}
    made = index_site(tmp_path, pages_per_shard=2, page_digest=lambda p: known.get(p.as_posix()))
    assert json.loads((tmp_path / "pagefind" / SHARDS_FILE).read_text()) == []
    assert len(made["shards"]) == 1 and made["pages"]["m1/index.html"] == NOT_SEARCHED


@pytest.mark.parametrize(
    "html, marked",
    [
        (b'<main data-pagefind-body class="x">', True),
        (b"<div\ndata-pagefind-body>", True),
        (b"<p>&lt;div data-pagefind-body&gt;</p>", False),
        (b"<p>data-pagefind-body</p>", False),
        (b'<div data-pagefind-bodyguard="1">', False),
    ],
)
def test_a_page_is_marked_by_an_element_not_by_its_text(html, marked):
    assert is_marked(html) is marked


def _indexed_pages(bundle) -> list[str]:
    return [_read_pagefind(path)["url"] for path in bundle.glob("fragment/*.pf_fragment")]


def test_a_large_site_is_indexed_in_shards_holding_every_page_once(published_site, sharded_site):
    _, site_dir = published_site
    _, sharded = sharded_site
    bundle = sharded / "pagefind"
    folders = json.loads((bundle / SHARDS_FILE).read_text())
    assert folders == ["shard-1/", "shard-2/", "shard-3/"]
    per_shard = [_indexed_pages(bundle), *(_indexed_pages(bundle / folder) for folder in folders)]
    assert all(per_shard)  # every shard holds pages (the site is small: a few each)
    everything = [url for pages in per_shard for url in pages]
    assert sorted(everything) == sorted(_indexed_pages(site_dir / "pagefind"))  # each page once
    assert not (bundle / "shard-1" / "pagefind.js").exists()  # the browser uses the first's
    assert json.loads((site_dir / "pagefind" / SHARDS_FILE).read_text()) == []  # small: one run
    assert not list(sharded.parent.glob(".*pagefind-shard*"))  # the links Pagefind read are gone


def _all_results(base_url, browser, query: str) -> tuple[str, list[str]]:
    """The search page's status line and every result's address ("More results" pressed to
    the end)."""
    page = browser.new_page()
    page.goto(f"{base_url}search/?{query}")
    page.locator(".search-result__link").first.wait_for(timeout=15000)
    more = page.get_by_role("button", name="More results")
    while more.is_visible():
        shown = len(result_links(page))
        more.click()
        links = "document.querySelectorAll('.search-result__link').length"
        page.wait_for_function(f"{links} > {shown}")
    found = page.get_by_role("status").inner_text(), result_links(page)
    page.close()
    return found


@pytest.mark.browser
@pytest.mark.parametrize(
    "query",
    [
        "q=Huawei",
        "q=EU",
        "q=National+Intelligence+Law",
        "q=Huawei&stance=opposes",
        "topic=National+Intelligence+Law",
    ],
)
def test_the_search_page_merges_the_shards_into_one_list(
    published_site, sharded_site, browser, query
):
    whole_status, whole = _all_results(published_site[0], browser, query)
    sharded_status, sharded = _all_results(sharded_site[0], browser, query)
    assert sharded_status == whole_status
    assert len(sharded) == len(set(sharded))
    assert sorted(sharded) == sorted(whole) and len(whole) > 0


# --- What a build cache compares (issue #23 item 2): what Pagefind reads of a page -------------

PAGE = (
    '<html lang="en"><head><title>T</title></head><body><nav>Menu {nav}</nav>'
    "<div data-pagefind-body><h1>Title {title}</h1><p>Text {text}</p>"
    '<ol class="related" data-pagefind-ignore><li><a href="x/">{listed}</a>'
    '<span data-pagefind-filter="actor:{actor}"></span></li><li><ol><li>{nested}</li></ol></li></ol>'
    "<p>After {after}</p></div><footer>{footer}</footer></body></html>"
)
PARTS = dict(nav="", title="", text="", listed="", actor="", nested="", after="", footer="")


def _digest(**changed: str) -> str:
    return searched_digest(PAGE.format(**{**PARTS, **changed}).encode(), marked=True)


@pytest.mark.parametrize("part", ["title", "text", "actor", "after"])
def test_a_change_pagefind_reads_changes_the_page_digest(part):
    assert _digest(**{part: "changed"}) != _digest()


@pytest.mark.parametrize("part", ["nav", "listed", "nested", "footer"])
def test_text_pagefind_does_not_read_leaves_the_page_digest(part):
    assert _digest(**{part: "changed"}) == _digest()


READ_TAG = (
    '<div data-pagefind-body><h2 id="a" class="k" data-kinds="event upcoming">Text</h2></div>'
)


@pytest.mark.parametrize(
    "changed",
    [
        '<h2 id="a" class="j" data-kinds="event upcoming">Text</h2>',
        '<h2 id="a" class="k" data-kinds="event passed">Text</h2>',
        "<h2 id=\"a\" class='k l' data-kinds=passed>Text</h2>",
        '<h2 id="a">Text</h2>',
    ],
)
def test_classes_and_other_data_attributes_leave_the_page_digest(changed):
    # Pagefind reads neither: a timeline entry's kinds say "upcoming" until its day passes.
    page = READ_TAG.replace(READ_TAG[READ_TAG.index("<h2") : READ_TAG.index("</div>")], changed)
    assert searched_digest(page.encode(), True) == searched_digest(READ_TAG.encode(), True)


@pytest.mark.parametrize(
    "changed",
    [
        '<h2 id="b" class="k" data-kinds="event upcoming">Text</h2>',  # a result's anchor
        '<h2 id="a" class="k" data-kinds="event upcoming" data-pagefind-weight="2">Text</h2>',
        '<h2 id="a" class="k" data-kinds="event upcoming">Text class="k"</h2>',  # text, not a tag
        '<h2 id="a" class="k" data-kinds="event upcoming"><img alt="A" src="x.svg">Text</h2>',
        '<h3 id="a" class="k" data-kinds="event upcoming">Text</h3>',
        '<h2 id="a" classes="k" data-kinds="event upcoming">Text</h2>',
    ],
)
def test_what_pagefind_reads_of_a_tag_changes_the_page_digest(changed):
    page = READ_TAG.replace(READ_TAG[READ_TAG.index("<h2") : READ_TAG.index("</div>")], changed)
    assert searched_digest(page.encode(), True) != searched_digest(READ_TAG.encode(), True)


def test_an_ignored_part_left_open_keeps_its_text_in_the_digest():
    page = "<div data-pagefind-body><p>a</p><ol data-pagefind-ignore><li>{}</li></div>"
    assert searched_digest(page.format("x").encode(), True) != searched_digest(
        page.format("y").encode(), True
    )


def test_without_the_mark_every_byte_counts():
    assert searched_digest(b"<p>a</p>", False) != searched_digest(b"<p>b</p>", False)
