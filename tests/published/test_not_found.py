"""The 404 page, as GitHub Pages serves it at any missing address under the project's subpath:
styled, with a way home and a search box (issue #22)."""

from __future__ import annotations

import pytest


@pytest.mark.browser
@pytest.mark.parametrize("missing", ["nothing-here", "briefs/no/such/deep/page/"])
def test_the_404_page_is_styled_and_leads_home_and_to_search(published_site, browser, missing):
    base_url, _ = published_site
    page = browser.new_page()
    try:
        response = page.goto(base_url + missing)
        assert response.status == 404
        # Styled: Material's stylesheet and the site's own reached it from any depth.
        style = "([selector, name]) => getComputedStyle(document.querySelector(selector))[name]"
        assert page.evaluate(style, [".md-header", "position"]) == "sticky"
        assert page.evaluate(style, [".not-found-search", "display"]) == "flex"
        assert page.locator("h1").inner_text() == "Page not found"

        page.get_by_label("Search for").fill("Huawei")
        page.locator("article").get_by_role("button", name="Search").click()
        page.wait_for_url(base_url + "search/?q=Huawei")
        page.locator(".search-result__link").first.wait_for(timeout=15000)

        page.goto(base_url + missing)
        page.get_by_role("link", name="Go to the home page").click()
        page.wait_for_load_state()
        assert page.url.rstrip(".") == base_url and page.locator("h1").count() == 1
    finally:
        page.close()
