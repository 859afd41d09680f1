"""What each page says about itself in its ``<head>``: description, OpenGraph type,
feed links and JSON-LD. Handed to the engine as the page's front matter (``page.meta``),
which ``templates/overrides/main.html`` reads.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Iterator
from typing import Any

import nh3

from . import jsonld, markup
from .feeds import atom_path, json_path
from .index import Index
from .urls import absolute_url, file_link, page_path, page_url, relative_url

DESCRIPTION_LENGTH = 200
Meta = dict[str, Any]


def plain_text(markdown_text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """Markdown → one line of plain text, shortened at a word boundary."""
    text = html.unescape(nh3.clean(str(markup.render_markdown(markdown_text)), tags=set()))
    return textwrap.shorten(text, width=limit, placeholder=" …")


class PageMeta:
    def __init__(self, site_url: str = "", directory_urls: bool = True):
        self.site_url = site_url
        self.directory_urls = directory_urls

    def for_site(self, index: Index) -> dict[str, Meta]:
        """Front matter for every page that has any, by page source path."""
        return dict(self._pages(index))

    def _pages(self, index: Index) -> Iterator[tuple[str, Meta]]:
        home = page_path("home")
        yield home, {"feeds": self._feeds(home, "briefs", "all briefs")}
        yield page_path("search"), {"search_ignore": True}
        for brief in index.briefs:
            path = page_path("brief", brief.id)
            description = plain_text(brief.summary)
            graph = jsonld.brief_graph(brief, index, self._linker(path), description)
            yield path, {"description": description, "og_type": "article", "jsonld": graph,
                         "feeds": self._feeds(path, "briefs", "all briefs")}
        for actor in index.actors.values():
            path = page_path("actor", actor.id)
            description = plain_text(actor.description) if actor.description else f"{actor.name}: positions and statements"
            meta: Meta = {"description": description,
                          "jsonld": jsonld.actor_data(actor, index, self._linker(path), description)}
            if index.briefs_by_actor.get(actor.id):
                meta["feeds"] = self._feeds(path, f"actors/{actor.id}", actor.name)
            yield path, meta
        for instrument in index.legal.values():
            path = page_path("legal", instrument.id)
            description = plain_text(instrument.summary) if instrument.summary else instrument.title
            yield path, {"description": description,
                         "jsonld": jsonld.legal_data(instrument, self._linker(path), description)}
        for topic in index.topics.values():
            path = page_path("topic", topic.slug)
            yield path, {"description": f"Briefs on {topic.label}",
                         "feeds": self._feeds(path, f"topics/{topic.slug}", topic.label)}

    def _linker(self, here: str) -> jsonld.Link:
        def link(target: str) -> str:
            if self.site_url:
                return absolute_url(self.site_url, page_url(target, self.directory_urls))
            return relative_url(here, target, self.directory_urls)
        return link

    def _feeds(self, here: str, key: str, label: str) -> list[Meta]:
        return [
            {"title": f"{label} (Atom)", "type": "application/atom+xml",
             "href": file_link(here, atom_path(key), self.directory_urls)},
            {"title": f"{label} (JSON Feed)", "type": "application/feed+json",
             "href": file_link(here, json_path(key), self.directory_urls)},
        ]
