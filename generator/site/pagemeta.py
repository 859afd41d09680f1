"""What each page says about itself in its ``<head>``: description, OpenGraph type,
feed links and JSON-LD, which ``templates/overrides/main.html`` reads from ``page.meta``.
Exported pages carry it as front matter; the MkDocs plugin sets it directly, since
writing and parsing back YAML for every page cost more than rendering the page.
"""

from __future__ import annotations

import html
import textwrap
from typing import Any

import nh3

from generator.analysis.index import Index
from generator.site import jsonld, markup
from generator.site.feeds import atom_path, json_path
from generator.site.urls import absolute_url, file_link, page_path, page_url, relative_url

DESCRIPTION_LENGTH = 200
# The search index holds each thing once: the pages of briefs, actors, instruments and
# topics. Within them, templates mark what repeats another page with data-pagefind-ignore.
NOT_SEARCHED: Meta = {"search_ignore": True}
Meta = dict[str, Any]


def plain_text(markdown_text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """Markdown → one line of plain text, shortened at a word boundary.

    The result is text, not HTML: ``&lt;`` comes back as ``<``, and whoever writes it out
    escapes it once (the theme override, tojson, the YAML of exported front matter)."""
    text = html.unescape(nh3.clean(str(markup.render_markdown(markdown_text)), tags=set()))
    text = markup.xml_chars(text)  # unescaping could bring back what render_markdown replaced
    return textwrap.shorten(text, width=limit, placeholder=" …")


class PageMeta:
    def __init__(self, site_url: str = "", directory_urls: bool = True):
        self.site_url = site_url
        self.directory_urls = directory_urls

    def for_site(self, index: Index) -> dict[str, Meta]:
        """Front matter for every page that has any, by page source path."""
        records = [("home", None), ("search", None)]
        records += [("brief", brief) for brief in index.briefs]
        records += [("actor", actor) for actor in index.actors.values()]
        records += [("legal", instrument) for instrument in index.legal.values()]
        records += [("topic", topic) for topic in index.topics.values()]
        pages = {
            _path(kind, record): self.for_page(index, kind, record) for kind, record in records
        }
        return {path: meta for path, meta in pages.items() if meta}

    def for_page(self, index: Index, kind: str, record: Any = None) -> Meta | None:
        """Front matter of the page of kind ``kind`` (see urls.PAGE_PATHS) showing ``record``."""
        path = _path(kind, record)
        if kind == "home":
            return {"feeds": self._feeds(path, "briefs", "all briefs"), **NOT_SEARCHED}
        if kind == "brief":
            description = plain_text(record.summary)
            graph = jsonld.brief_graph(record, index, self._linker(path), description)
            return {
                "description": description,
                "og_type": "article",
                "jsonld": graph,
                "feeds": self._feeds(path, "briefs", "all briefs"),
            }
        if kind == "actor":
            description = (
                plain_text(record.description)
                if record.description
                else f"{record.name}: positions and statements"
            )
            meta: Meta = {
                "description": description,
                "jsonld": jsonld.actor_data(record, index, self._linker(path), description),
            }
            if index.briefs_by_actor.get(record.id):
                meta["feeds"] = self._feeds(path, f"actors/{record.id}", record.name)
            return meta
        if kind == "actor-page":  # record: an ActorPage past the first
            return {
                "description": f"{record.actor.name}: briefs {record.first}–{record.last} of {record.total}",
                **NOT_SEARCHED,
            }
        if kind == "legal":
            description = plain_text(record.summary) if record.summary else record.title
            return {
                "description": description,
                "jsonld": jsonld.legal_data(record, self._linker(path), description),
            }
        if kind == "topic":
            return {
                "description": f"Briefs on {record.label}",
                "feeds": self._feeds(path, f"topics/{record.slug}", record.label),
            }
        return dict(
            NOT_SEARCHED
        )  # search, lists and cross-brief views: they repeat what record pages say

    def _linker(self, here: str) -> jsonld.Link:
        def link(target: str) -> str:
            if self.site_url:
                return absolute_url(self.site_url, page_url(target, self.directory_urls))
            return relative_url(here, target, self.directory_urls)

        return link

    def _feeds(self, here: str, key: str, label: str) -> list[Meta]:
        return [
            {
                "title": f"{label} (Atom)",
                "type": "application/atom+xml",
                "href": file_link(here, atom_path(key), self.directory_urls),
            },
            {
                "title": f"{label} (JSON Feed)",
                "type": "application/feed+json",
                "href": file_link(here, json_path(key), self.directory_urls),
            },
        ]


def _path(kind: str, record: Any) -> str:
    if record is None:
        return page_path(kind)
    if kind == "actor-page":
        return record.path
    return page_path(kind, record.slug if kind == "topic" else record.id)
