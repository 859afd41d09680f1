"""Search results say what kind of page each is, and records come before lists (issue #22)."""

from __future__ import annotations

import pytest

LAW = "/REPO/legal/china-national-intelligence-law-2017/"
TOPIC = "/REPO/topics/national-intelligence-law/"
BRIEF = "/REPO/briefs/huawei-5g-allies-2019/"


def search(published_site, browser, query: str) -> list[tuple[str, str]]:
    """(address, kind label) of each result shown on ``search/?q=query``."""
    base_url, _ = published_site
    page = browser.new_page()
    try:
        page.goto(f"{base_url}search/?q={query}")
        page.locator(".search-result").first.wait_for(timeout=15000)
        return page.eval_on_selector_all(
            ".search-result",
            """items => items.map(item => [
            item.querySelector('.search-result__link').getAttribute('href'),
            (item.querySelector('.search-result__kind') || {}).textContent || ''])""",
        )
    finally:
        page.close()


@pytest.mark.browser
def test_a_law_and_the_topic_named_after_it_are_told_apart_and_records_come_first(
    published_site, browser
):
    results = search(published_site, browser, "National+Intelligence+Law")
    kinds = dict(results)
    assert kinds[LAW] == "Law" and kinds[TOPIC] == "Topic" and kinds[BRIEF] == "Brief"
    # The topic page holds little more than those words, which Pagefind ranks first by itself.
    order = [url for url, _ in results]
    assert order.index(LAW) < order.index(TOPIC) and order.index(BRIEF) < order.index(TOPIC)


@pytest.mark.browser
def test_every_record_page_names_its_kind(published_site, browser):
    results = search(published_site, browser, "Huawei")
    kinds = {url.split("/")[2]: kind for url, kind in results}
    assert kinds["briefs"] == "Brief" and kinds["actors"] == "Actor"
    assert all(kind for _, kind in results)


def test_a_topic_page_is_indexed_by_its_name_only_and_weighted_down(published_site):
    _, site_dir = published_site
    topic_page = site_dir / "topics" / "national-intelligence-law" / "index.html"
    topic = topic_page.read_text(encoding="utf-8")
    assert topic.count("data-pagefind-body") == 1  # its own, not the theme's around the whole page
    assert 'data-pagefind-weight="0.1"' in topic and 'data-pagefind-filter="list:topic"' in topic
