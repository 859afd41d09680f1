"""A real ``mkdocs build --strict`` of the shipped content, read back as a reader would."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SEED_BRIEF
from generator.content.corpus import load_content
from helpers.sitecrawl import content_pages, read_page


@pytest.fixture(scope="module")
def built(built_site: Path) -> Path:
    return built_site.parent


def html_of(built: Path, url: str):
    return read_page(built / "site" / url / "index.html")


def test_strict_build_produces_every_page_kind(built):
    site = built / "site"
    corpus = load_content(built / "content")
    assert (site / "index.html").exists()
    for kind, ids in [
        ("briefs", corpus.briefs),
        ("actors", corpus.actors),
        ("legal", corpus.legal),
    ]:
        assert (site / kind / "index.html").exists()
        for record_id in ids:
            assert (site / kind / record_id / "index.html").exists(), f"{kind}/{record_id}"
    assert {p.name for p in (site / "topics").iterdir()} >= {
        "5g-networks",
        "national-intelligence-law",
    }


def test_brief_page_shows_every_statement_reading_and_source(built):
    brief = load_content(built / "content").briefs[SEED_BRIEF]
    html = html_of(built, f"briefs/{SEED_BRIEF}")
    for position in brief.positions:
        assert f"pos-{position.actor}--{position.question}" in html.ids
        for statement in position.statements:
            assert " ".join(statement.text.split()) in html.text
    for reference in brief.legal_references:
        for reading in reference.readings:
            assert " ".join(reading.reading.split()) in html.text
    assert "Bloomberg" in html.text and "©2019 Bloomberg L.P." in html.text


def test_each_actor_page_gathers_its_statements_and_links_back(built):
    corpus = load_content(built / "content")
    brief = corpus.briefs[SEED_BRIEF]
    for position in brief.positions:
        html = html_of(built, f"actors/{position.actor}")
        for statement in position.statements:
            assert " ".join(statement.text.split()) in html.text
        assert any(
            f"briefs/{SEED_BRIEF}/#pos-{position.actor}--{position.question}" in link
            for link in html.links
        )


def test_legal_page_sets_the_readings_side_by_side(built):
    html = html_of(built, "legal/china-national-intelligence-law-2017")
    for actor in (
        "U.S. State Department",
        "Huawei Technologies Co.",
        "Chinese Mission to the EU",
        "EU digital chief",
    ):
        assert actor in html.text
    assert "prov-duty-to-assist" in html.ids
    assert any(f"briefs/{SEED_BRIEF}/" in link for link in html.links)


def test_anonymous_official_stays_anonymous_with_the_reason(built):
    html = html_of(built, f"briefs/{SEED_BRIEF}")
    assert (
        "U.S. State Department official, anonymous (not authorized to speak publicly on the matter)"
        in html.text
    )


def test_quote_is_rendered_verbatim_in_quotation_marks(built):
    html = html_of(built, f"briefs/{SEED_BRIEF}")
    assert (
        "“never give any institution the mandate to force companies to build ‘mandatory back doors.’ "
        "Such actions have never happened.”" in html.text
    )


def test_topic_pages_list_their_briefs(built):
    html = html_of(built, "topics/national-intelligence-law")
    assert any(f"briefs/{SEED_BRIEF}/" in link for link in html.links)


def test_pages_load_nothing_from_outside_the_site(built):
    outside = []
    for path in (built / "site").rglob("*.html"):
        html = read_page(path)
        for link in html.links:
            # Links a reader may follow are fine; what a page *loads* must be local.
            if link.startswith(("http://", "https://", "//")) and path.read_text().count(
                f'src="{link}"'
            ):
                outside.append(f"{path}: {link}")
        text = path.read_text()
        assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text
    assert outside == []


def test_site_works_from_a_subpath_because_links_are_relative(built):
    for path in content_pages(built / "site"):
        for link in read_page(path).links:
            assert not link.startswith("/"), f"{path}: absolute link {link}"
