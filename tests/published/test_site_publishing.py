"""The built site as GitHub Pages serves it: under /REPO/, with sitemap, robots.txt, 404 page,
page metadata (JSON-LD, OpenGraph, feed links), and identical bytes for identical input."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import urldefrag, urljoin

import pytest

from conftest import serve
from helpers.crawl import crawl, fetch, parse
from helpers.published import build

BRIEF = "huawei-5g-allies-2019"


def _html_files(site_dir):
    return {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html")} - {"404.html"}


def _page_url(base_url, relative_file):
    return base_url + relative_file.removesuffix("index.html")


def test_crawl_under_a_subpath_reaches_every_page_with_no_broken_link(published_site):
    base_url, site_dir = published_site
    report = crawl(base_url)
    assert report.broken == []
    assert report.pages == {_page_url(base_url, f) for f in _html_files(site_dir)}


def test_site_without_site_url_also_works_under_a_subpath(tmp_path):
    site_dir = tmp_path / "site"
    build(site_dir, site_url="")
    with serve(site_dir) as base_url:
        report = crawl(base_url)
    assert report.broken == []
    assert len(report.pages) == len(_html_files(site_dir))


def test_404_page_loads_its_assets_and_links_at_any_depth(published_site):
    base_url, _ = published_site
    missing = base_url + "no/such/page/"
    status, _, body = fetch(missing)
    assert status == 404
    links = {tag: [] for tag in ("a", "link", "script")}
    for tag, link in parse(body).links:
        target = urldefrag(urljoin(missing, link))[0]
        if tag in links and target.startswith(base_url.split("/REPO/")[0]):
            links[tag].append(target)
    assert links["link"] and links["script"] and base_url in links["a"]
    for target in {t for targets in links.values() for t in targets}:
        assert target.startswith(base_url), target
        assert fetch(target)[0] == 200, target


def test_sitemap_lists_every_page_at_its_published_address(published_site):
    base_url, site_dir = published_site
    tree = ET.parse(site_dir / "sitemap.xml")
    locations = {loc.text for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert locations == {_page_url(base_url, f) for f in _html_files(site_dir)}
    assert f"Sitemap: {base_url}sitemap.xml" in (site_dir / "robots.txt").read_text()


def _head_data(site_dir, page):
    html = (site_dir / page / "index.html").read_text(encoding="utf-8")
    head = html.split("</head>", 1)[0]
    scripts = head.split('<script type="application/ld+json">')[1:]
    data = [json.loads(s.split("</script>", 1)[0]) for s in scripts]
    meta = dict(re.findall(r'<meta property="(og:[a-z_]+)" content="([^"]*)"', head))
    return data, meta, head


def test_brief_head_has_article_with_quotations_and_opengraph(published_site):
    base_url, site_dir = published_site
    (data,), meta, head = _head_data(site_dir, f"briefs/{BRIEF}")
    types = [node["@type"] for node in data["@graph"]]
    assert types[0] == "Article" and "Quotation" in types
    article = data["@graph"][0]
    assert article["url"] == f"{base_url}briefs/{BRIEF}/"
    quotation = next(node for node in data["@graph"] if node["@type"] == "Quotation")
    assert quotation["text"] and quotation["creator"]["@id"].startswith(f"{base_url}actors/")
    assert meta["og:type"] == "article" and meta["og:url"] == article["url"]
    assert meta["og:title"].startswith("U.S. weighs a response")
    assert '<link rel="alternate feed" type="application/atom+xml"' in head


@pytest.mark.parametrize(
    "page, expected",
    [
        ("actors/huawei", "Organization"),
        ("actors/us-state-department", "GovernmentOrganization"),
        ("actors/eu-digital-chief", "Person"),
        ("legal/china-national-intelligence-law-2017", "Legislation"),
    ],
)
def test_actor_and_legal_pages_describe_themselves(published_site, page, expected):
    _, site_dir = published_site
    (data,), meta, _ = _head_data(site_dir, page)
    assert data["@type"] == expected
    assert data["name"] and meta["og:description"]


PAGE_KINDS = [
    "",
    "briefs/",
    f"briefs/{BRIEF}/",
    "actors/",
    "actors/huawei/",
    "legal/",
    "legal/china-national-intelligence-law-2017/",
    "topics/",
    "topics/national-intelligence-law/",
    "about/",
    "no/such/page/",
    "search/?q=National%20Intelligence%20Law",  # search last: see below
]


@pytest.mark.browser
def test_no_page_kind_loads_anything_from_outside_the_site(published_site, browser):
    base_url, _ = published_site
    origin = base_url.removesuffix("/REPO/")
    context = browser.new_context()
    requested: list[str] = []
    failed: list[str] = []  # every local file a page asked for must load
    context.on("request", lambda request: requested.append(request.url))
    context.on("response", lambda response: response.status >= 400 and failed.append(response.url))
    # Anything bound elsewhere is recorded above, then stopped here so the test never waits on it.
    context.route(lambda url: not url.startswith(origin), lambda route: route.abort())
    page = context.new_page()
    for kind in PAGE_KINDS:
        page.goto(base_url + kind, wait_until="networkidle")
    page.locator(".search-result__link").first.wait_for(timeout=15000)  # the search really ran
    context.close()
    local = [url for url in requested if url.startswith(origin)]
    outside = [url for url in requested if not url.startswith((origin, "data:", "blob:"))]
    assert any("/pagefind/" in url for url in local)
    assert outside == []
    assert failed == [base_url + "no/such/page/"]  # only the page that is missing on purpose
