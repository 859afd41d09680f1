"""Render the site's pages from the index through the Jinja templates in ``templates/``.

Pages come out as Markdown documents whose bodies are HTML blocks, so any
MkDocs-compatible engine can build them; no HTML is assembled here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import jinja2

from . import markup
from .dates import format_partial_date
from .index import Index, topic_slug
from .urls import page_path, relative_url
from .views import Views


@dataclass(frozen=True)
class Page:
    path: str  # source path, e.g. "briefs/some-story.md"
    text: str


@dataclass(frozen=True)
class Asset:
    path: str  # where it goes in the site, e.g. "assets/briefing.css"
    source: Path


class Renderer:
    """Owns the Jinja environment; templates are read once and reused for every page."""

    def __init__(self, templates_dir: Path, *, directory_urls: bool = True):
        self.templates_dir = Path(templates_dir)
        self.directory_urls = directory_urls
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(self.templates_dir),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters.update(
            markdown=markup.render_markdown,
            md_escape=markup.markdown_escape,
            date=format_partial_date,
            topic_slug=topic_slug,
        )
        self.env.globals["url"] = self._url

    @jinja2.pass_context
    def _url(self, context: jinja2.runtime.Context, kind: str, key: str | None = None, anchor: str = "") -> str:
        """``url('actor', 'huawei')`` → relative link from the page being rendered."""
        href = relative_url(context["page_path"], page_path(kind, key), self.directory_urls)
        return f"{href}#{anchor}" if anchor else href

    def render_site(self, index: Index) -> list[Page]:
        return list(self._pages(index))

    def _pages(self, index: Index) -> Iterator[Page]:
        views = self.env.globals["views"] = Views(index)  # the cross-brief views, for every template
        yield self._page("home.md.j2", page_path("home"), index=index)
        yield self._page("briefs_index.md.j2", page_path("briefs"), index=index)
        yield self._page("actors_index.md.j2", page_path("actors"), index=index)
        yield self._page("legal_index.md.j2", page_path("legal-index"), index=index)
        yield self._page("topics_index.md.j2", page_path("topics"), index=index)
        for brief in index.briefs:
            yield self._page("brief.md.j2", page_path("brief", brief.id), index=index, brief=brief)
        for actor in index.actors.values():
            yield self._page("actor.md.j2", page_path("actor", actor.id), index=index, actor=actor)
        for instrument in index.legal.values():
            yield self._page("legal.md.j2", page_path("legal", instrument.id), index=index, instrument=instrument)
        for topic in index.topics.values():
            yield self._page("topic.md.j2", page_path("topic", topic.slug), index=index, topic=topic)
        yield from self._analysis_pages(index, views)

    def _analysis_pages(self, index: Index, views: Views) -> Iterator[Page]:
        """The cross-brief views: stance matrix, readings, network, timeline."""
        for kind in ("analysis", "stances", "readings", "network", "timeline"):
            yield self._page(f"{kind}.md.j2", page_path(kind), index=index)
        if views.timeline_split:
            for year in views.timeline_years:
                yield self._page("timeline_year.md.j2", page_path("timeline-year", year.year), index=index, year=year)

    def _page(self, template: str, path: str, **context: object) -> Page:
        text = self.env.get_template(template).render(page_path=path, **context)
        return Page(path, text)

    def assets(self) -> list[Asset]:
        """Static files shipped with the templates (stylesheets), under ``templates/assets``."""
        folder = self.templates_dir / "assets"
        return [
            Asset(path.relative_to(self.templates_dir).as_posix(), path)
            for path in sorted(folder.rglob("*"))
            if path.is_file()
        ]
