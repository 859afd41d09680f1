"""Page front matter: descriptions in plain text, JSON-LD links relative without a site_url."""

from __future__ import annotations

import pytest
import yaml

from generator.analysis.index import Index
from generator.content.corpus import load_content
from generator.site.pagemeta import PageMeta, plain_text
from generator.site.render import Renderer
from helpers.published import PROJECT

BRIEF_PAGE = "briefs/huawei-5g-allies-2019.md"


@pytest.fixture(scope="module")
def index():
    return Index(load_content(PROJECT / "content"))


def test_plain_text_drops_markup_and_shortens_at_a_word():
    text = plain_text(
        "Some **bold** claim & a [link](https://example.org).\n\n" + "word " * 100, limit=40
    )
    assert text.startswith("Some bold claim & a link.")
    assert len(text) <= 40 and text.endswith(" …") and "<" not in text


def test_without_site_url_json_ld_links_are_relative_to_the_page(index):
    meta = PageMeta().for_site(index)
    article = meta[BRIEF_PAGE]["jsonld"]["@graph"][0]
    assert article["@id"] == "./"
    assert {m["@id"] for m in article["mentions"]} >= {"../../actors/huawei/"}
    assert meta[BRIEF_PAGE]["feeds"][0]["href"] == "../../feeds/briefs.xml"


def test_with_site_url_links_are_absolute(index):
    meta = PageMeta("https://org.github.io/repo/").for_site(index)
    assert meta["actors/huawei.md"]["jsonld"]["@id"] == "https://org.github.io/repo/actors/huawei/"


def test_pages_carry_their_metadata_as_front_matter(index):
    pages = {page.path: page for page in Renderer(PROJECT / "templates").render_site(index)}
    front, body = pages[BRIEF_PAGE].text.removeprefix("---\n").split("\n---\n", 1)
    assert yaml.safe_load(front)["og_type"] == "article"
    assert body.lstrip().startswith("# U.S. weighs")
    assert yaml.safe_load(pages["search.md"].text.split("---\n")[1]) == {"search_ignore": True}
