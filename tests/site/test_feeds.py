"""Feeds: valid Atom and JSON Feed 1.1, for the site, each topic and each actor; reproducible dates."""

from __future__ import annotations

import json

import feedparser
import pytest

from generator.analysis.index import Index
from generator.content.corpus import load_content
from generator.site.feeds import FEED_LENGTH, JSON_FEED_VERSION, FeedBuilder
from helpers.published import PROJECT

BRIEF = "huawei-5g-allies-2019"
TITLE = "U.S. weighs a response if allies partner with Huawei on 5G"


@pytest.fixture(scope="module")
def index():
    return Index(load_content(PROJECT / "content"))


def _parse(path):
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, f"{path}: {feed.get('bozo_exception')}"
    return feed


def test_every_atom_feed_parses_without_errors(published_site):
    _, site_dir = published_site
    atom_files = sorted((site_dir / "feeds").rglob("*.xml"))
    assert len(atom_files) >= 3
    for path in atom_files:
        assert _parse(path).version == "atom10"


def test_site_feed_links_each_brief_at_its_published_address(published_site):
    base_url, site_dir = published_site
    feed = _parse(site_dir / "feeds" / "briefs.xml")
    assert [e.title for e in feed.entries] == [TITLE]
    assert feed.entries[0].link == f"{base_url}briefs/{BRIEF}/"
    assert feed.entries[0].published == "2019-01-01T00:00:00Z"
    assert "National Intelligence Law" in feed.entries[0].summary


def test_a_feed_per_topic_and_per_actor(published_site):
    _, site_dir = published_site
    for key in ["topics/national-intelligence-law", "actors/huawei", "actors/us-state-department"]:
        feed = _parse(site_dir / "feeds" / f"{key}.xml")
        assert [e.title for e in feed.entries] == [TITLE], key
        assert (site_dir / "feeds" / f"{key}.json").is_file()
    assert not (site_dir / "feeds" / "actors" / "not-an-actor.xml").exists()


def test_json_feeds_follow_version_1_1_and_match_the_atom_feed(published_site):
    _, site_dir = published_site
    for path in sorted((site_dir / "feeds").rglob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        atom = _parse(path.with_suffix(".xml"))
        assert document["version"] == JSON_FEED_VERSION
        assert document["title"] == atom.feed.title
        assert [item["url"] for item in document["items"]] == [e.link for e in atom.entries]
        assert all(item["id"] and item["content_html"] for item in document["items"])


def test_a_feed_holds_the_newest_briefs_only():
    corpus = load_content(PROJECT / "content")
    seed = corpus.briefs["huawei-5g-allies-2019"]
    corpus.briefs = {
        f"b-{i:03d}": seed.model_copy(update={"id": f"b-{i:03d}", "date": f"{2000 + i % 20}"})
        for i in range(120)
    }
    feed = next(FeedBuilder("Briefings").feeds(Index(corpus)))
    newest = sorted(corpus.briefs.values(), key=lambda b: (b.date, b.id), reverse=True)[
        :FEED_LENGTH
    ]
    assert [entry.id for entry in feed.entries] == [f"urn:briefing:brief:{b.id}" for b in newest]


@pytest.mark.parametrize("epoch", [None, "1700000000", "1900000000"])
def test_updated_is_the_newest_brief_whatever_the_builds_time(index, monkeypatch, epoch):
    # A feed whose briefs did not change keeps its bytes from one push (build time) to the next.
    if epoch is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    feed = next(FeedBuilder("Briefings").feeds(index))
    assert feed.updated == "2019-01-01T00:00:00Z"


def test_without_a_site_url_links_are_relative_to_the_feed(index):
    feeds = {feed.key: feed for feed in FeedBuilder("Briefings").feeds(index)}
    assert feeds["briefs"].entries[0].link == f"../briefs/{BRIEF}/"
    assert feeds["topics/5g-networks"].entries[0].link == f"../../briefs/{BRIEF}/"
    assert feeds["topics/5g-networks"].home_link == "../../topics/5g-networks/"
    assert feeds["briefs"].entries[0].id == f"urn:briefing:brief:{BRIEF}"


def test_ids_are_the_same_with_or_without_a_site_url(index):
    """Readers key entries by id: setting the site's address must not make every entry new."""
    bare = {feed.key: feed for feed in FeedBuilder("Briefings").feeds(index)}
    builder = FeedBuilder("Briefings", "https://org.github.io/repo/")
    placed = {feed.key: feed for feed in builder.feeds(index)}
    assert placed["briefs"].entries[0].link.startswith("https://org.github.io/repo/")
    for key, feed in placed.items():
        assert feed.id == bare[key].id == f"urn:briefing:feed:{key}"
        assert [e.id for e in feed.entries] == [e.id for e in bare[key].entries]
