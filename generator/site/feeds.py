"""Feeds of briefs: one for the whole site, one per topic and one per actor.

Each feed is written twice, as Atom (``templates/feeds/atom.xml.j2``) and as JSON Feed 1.1.
Times are reproducible: an entry is dated by its brief, and a feed's "updated" stamp by its
newest brief; never the clock, nor the build's time. A feed whose briefs did not change keeps its
bytes from one push to the next (feed readers see nothing new, and the build cache keeps it).

Every text that goes into a feed passes through ``markup.xml_chars``, so that a feed is
well-formed XML whatever it carries; the Atom template's autoescaping escapes each value.
"""

from __future__ import annotations

import datetime
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from generator.analysis.index import Index
from generator.content.dates import parse_partial_date
from generator.content.models import Brief
from generator.site import markup
from generator.site.markup import xml_chars
from generator.site.urls import absolute_url, page_path, page_url

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
FEED_LENGTH = 50  # newest briefs per feed: readers poll feeds, so they stay small as the site grows
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    link: str
    published: str  # RFC 3339
    summary_html: str  # HTML as text; the Atom template escapes it
    topics: list[str]


@dataclass(frozen=True)
class Feed:
    key: str  # "briefs", "topics/<slug>", "actors/<id>"
    id: str
    title: str
    author: str  # the site's name
    home_link: str
    self_link: str
    json_link: str
    updated: str  # RFC 3339
    entries: list[Entry]

    @property
    def atom_path(self) -> str:
        return atom_path(self.key)

    @property
    def json_path(self) -> str:
        return json_path(self.key)


def atom_path(key: str) -> str:
    return f"feeds/{key}.xml"


def json_path(key: str) -> str:
    return f"feeds/{key}.json"


def rfc3339(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def start_of(partial_date: str) -> datetime.datetime:
    """The first moment of a partial date: '2019' → 2019-01-01T00:00:00Z."""
    year, month, day = parse_partial_date(partial_date)
    return datetime.datetime(year, month or 1, day or 1, tzinfo=datetime.UTC)


class FeedBuilder:
    """Builds every feed of a site; links are absolute when the site's address is known."""

    def __init__(self, site_name: str, site_url: str = "", directory_urls: bool = True):
        self.site_name = site_name
        self.site_url = site_url
        self.directory_urls = directory_urls
        self._summaries: dict[str, str] = {}  # brief id → HTML; a brief is in several feeds

    def feeds(self, index: Index) -> Iterator[Feed]:
        return (self.feed(*spec) for spec in self.specs(index))

    def specs(self, index: Index) -> list[tuple[str, str, str, list[Brief]]]:
        """What each feed is made of: (key, title, home page, briefs); :meth:`feed` makes it."""
        specs = [("briefs", self.site_name, page_path("home"), index.briefs)]
        specs += [
            (
                f"topics/{topic.slug}",
                f"{self.site_name}: {topic.label}",
                page_path("topic", topic.slug),
                topic.briefs,
            )
            for topic in index.topics.values()
        ]
        specs += [
            (
                f"actors/{actor_id}",
                f"{self.site_name}: {index.actors[actor_id].name}",
                page_path("actor", actor_id),
                briefs,
            )
            for actor_id, briefs in sorted(index.briefs_by_actor.items())
        ]
        return specs

    def feed(self, key: str, title: str, home: str, briefs: list[Brief]) -> Feed:
        """A feed of ``briefs`` (newest first, as the index orders them)."""
        feed_file = atom_path(key)
        entries = [self._entry(brief, feed_file) for brief in briefs[:FEED_LENGTH]]
        newest = max((start_of(b.date) for b in briefs), default=EPOCH)
        return Feed(
            key=key,
            id=_urn(f"feed:{key}"),
            title=xml_chars(title),
            author=xml_chars(self.site_name),
            home_link=self._link(page_url(home, self.directory_urls), feed_file),
            self_link=self._link(feed_file, feed_file),
            json_link=self._link(json_path(key), feed_file),
            updated=rfc3339(newest),
            entries=entries,
        )

    def _entry(self, brief: Brief, feed_file: str) -> Entry:
        url = page_url(page_path("brief", brief.id), self.directory_urls)
        return Entry(
            id=_urn(f"brief:{brief.id}"),
            title=xml_chars(brief.title),
            link=self._link(url, feed_file),
            published=rfc3339(start_of(brief.date)),
            summary_html=self._summary(brief),
            topics=[xml_chars(topic) for topic in brief.topics],
        )

    def _summary(self, brief: Brief) -> str:
        if brief.id not in self._summaries:
            self._summaries[brief.id] = xml_chars(str(markup.render_markdown(brief.summary)))
        return self._summaries[brief.id]

    def _link(self, site_path: str, feed_file: str) -> str:
        """Absolute if the site's address is known, else relative to the feed file."""
        if self.site_url:
            return xml_chars(absolute_url(self.site_url, site_path))
        relative = posixpath.relpath(site_path.rstrip("/") or ".", posixpath.dirname(feed_file))
        is_folder = site_path == "" or site_path.endswith("/")
        return relative + "/" if is_folder else relative


def _urn(name: str) -> str:
    """An Atom id (an absolute IRI) that stays the same whatever the site's address, so setting
    or moving ``site_url`` does not make feed readers show every entry again."""
    return f"urn:briefing:{xml_chars(name)}"


def json_feed(feed: Feed) -> dict[str, Any]:
    """The feed as a JSON Feed 1.1 document."""
    return {
        "version": JSON_FEED_VERSION,
        "title": feed.title,
        "home_page_url": feed.home_link,
        "feed_url": feed.json_link,
        "language": "en",
        "items": [
            {
                "id": entry.id,
                "url": entry.link,
                "title": entry.title,
                "content_html": entry.summary_html,
                "date_published": entry.published,
                "tags": entry.topics,
            }
            for entry in feed.entries
        ],
    }
