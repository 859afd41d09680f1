"""Render the site's pages from the index through the Jinja templates in ``templates/``.

Pages come out as Markdown documents whose bodies are HTML blocks, so any
MkDocs-compatible engine can build them; no HTML is assembled here.
"""

from __future__ import annotations

import dataclasses
import functools
import pickle
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from pathlib import Path

import jinja2
import yaml

from generator.analysis.index import Index, topic_slug
from generator.analysis.views import Views
from generator.content.dates import format_partial_date
from generator.content.models import Actor, Brief, LegalInstrument
from generator.runtime.memory import gc_paused
from generator.runtime.parallel import ordered_map
from generator.site import api, markup
from generator.site.actorpages import actor_pages
from generator.site.feeds import FEED_LENGTH, FeedBuilder, json_feed
from generator.site.pagemeta import PageMeta
from generator.site.pageparts import PageParts, split
from generator.site.pages import PAGE_KINDS
from generator.site.pagination import (
    ListPage,
    actors_index_pages,
    legal_index_pages,
    topic_pages,
    year_pages,
)
from generator.site.urls import absolute_url, file_link, page_path, relative_url


@dataclass(frozen=True)
class Page:
    path: str  # source path, e.g. "briefs/some-story.md"
    text: str


@dataclass(frozen=True)
class GeneratedFile:
    """A site file that is not a page (feed, data, robots.txt), written as is."""

    path: str  # where it goes in the site, e.g. "feeds/briefs.xml"
    content: bytes


@dataclass(frozen=True)
class StoredFile:
    """A site file that is not a page, written to ``render_files``' store as it was made."""

    path: str  # where it goes in the site
    at: Path  # where it was written


@dataclass(frozen=True)
class BuilderPage:
    """A page made ready for a site builder: its Markdown as UTF-8 (half the memory of the
    text as a str, which is not all Latin-1 here) or the file it was written to, and, if it
    splits, its parts (pageparts.py). A page written to a store has its parts and metadata
    written beside it (``extras``), read back by :meth:`read_extras` when it is built."""

    path: str
    markdown: bytes | Path  # the Markdown, or its file (``render_for_builder``'s ``store``)
    parts: PageParts | None  # without their text: it is ``data``, decoded
    meta: dict | None = None  # what the page says about itself (pagemeta.py), for ``page.meta``
    extras: Path | None = None  # the file of its parts and metadata, if it was written out

    def read_extras(self) -> tuple[PageParts | None, dict | None]:
        """Its parts and metadata, held or read back from ``extras``."""
        if self.extras is None:
            return self.parts, self.meta
        return read_extras(self.extras)

    @property
    def source(self) -> Path | None:
        """The file holding the Markdown, if it was written out."""
        return self.markdown if isinstance(self.markdown, Path) else None

    @property
    def data(self) -> bytes:
        markdown = self.markdown
        return markdown if isinstance(markdown, bytes) else markdown.read_bytes()

    @property
    def text(self) -> str:
        return self.data.decode("utf-8")


@dataclass(frozen=True)
class _PageJob:
    template: str
    path: str
    context: dict
    kind: str  # for its metadata: the page's kind (pages.PAGE_KINDS) and what it shows
    record: object = None


@dataclass(frozen=True)
class Asset:
    path: str  # where it goes in the site, e.g. "assets/briefing.css"
    source: Path


class Renderer:
    """Owns the Jinja environment; templates are read once and reused for every page."""

    def __init__(
        self,
        templates_dir: Path,
        *,
        directory_urls: bool = True,
        site_url: str = "",
        site_name: str = "Briefings",
    ):
        self.templates_dir = Path(templates_dir)
        self.directory_urls = directory_urls
        self.site_url = (
            site_url or ""
        )  # the published address, if known: absolute links in feeds and data
        self.site_name = site_name
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(self.templates_dir),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters.update(
            markdown=self._markdown,
            md_escape=markup.markdown_escape,
            date=format_partial_date,
            topic_slug=topic_slug,
        )
        # Kept while serving: files an edit did not touch are not made again.
        self.file_memo = _FileMemo()
        self.env.globals["url"] = self._url
        self.env.globals["file_url"] = self._file_url

    @jinja2.pass_context
    def _url(
        self, context: jinja2.runtime.Context, kind: str, key: str | None = None, anchor: str = ""
    ) -> str:
        """``url('actor', 'huawei')`` → relative link from the page being rendered."""
        href = relative_url(context["page_path"], page_path(kind, key), self.directory_urls)
        return f"{href}#{anchor}" if anchor else href

    @jinja2.pass_context
    def _markdown(self, context: jinja2.runtime.Context, text: str) -> markup.Markup:
        """Sanitised Markdown whose brief:ID, actor:ID and legal:ID links lead to those pages."""
        page = context["page_path"]
        return markup.render_markdown(
            text, lambda kind, key: relative_url(page, page_path(kind, key), self.directory_urls)
        )

    @jinja2.pass_context
    def _file_url(self, context: jinja2.runtime.Context, path: str) -> str:
        """``file_url('feeds/briefs.xml')`` → relative link to a site file from the page being rendered."""
        return file_link(context["page_path"], path, self.directory_urls)

    def render_site(self, index: Index, *, only: Callable[[str], bool] | None = None) -> list[Page]:
        """Every page (or those whose path passes ``only``), rendered on all cores."""
        return self._render(index, only, _Output(for_builder=False))

    def render_for_builder(
        self,
        index: Index,
        *,
        only: Callable[[str], bool] | None = None,
        store: Path | None = None,
    ) -> list[BuilderPage]:
        """Like :meth:`render_site`, as pages ready for a site builder. With ``store`` (an
        existing, empty folder), each page's Markdown, parts and metadata are written to files
        there as soon as it is rendered, and the page names them: no page is held in memory."""
        return self._render(index, only, _Output(for_builder=True, store=store))

    def _render(self, index: Index, only: Callable[[str], bool] | None, output: _Output) -> list:
        with gc_paused():  # the views and the pages are large structures, built once
            jobs = [job for job in self._pages(index) if only is None or only(job.path)]
            self.env.globals["views"].prepare()
            markup.convert_ahead(_markdown_shown(jobs))  # once, before the workers fork
            metadata = PageMeta(self.site_url, self.directory_urls)
            shared = (self, jobs, metadata, output)
            return ordered_map(_render_job, range(len(jobs)), shared=shared, here_too=True)

    def let_go(self) -> None:
        """Forget what is kept for the next render (the index's views, the files made): a
        build that renders once needs the memory more, for building pages and indexing them."""
        self.env.globals.pop("views", None)
        # Compiled templates keep the module their macros were imported from, whose globals
        # are those of the first render: the views, and through them the index.
        self.env.cache.clear()
        self.file_memo = _FileMemo()

    def page_paths(self, index: Index) -> list[str]:
        """The path of every page, in the order :meth:`render_site` gives them."""
        return [job.path for job in self._pages(index)]

    def render_files(self, index: Index, *, store: Path | None = None) -> list:
        """Everything besides pages: data files, feeds, robots.txt, as :class:`GeneratedFile`.
        With ``store`` (a folder), each is written there as soon as it is made, and given as a
        :class:`StoredFile`: at 10,000s of briefs they add up to hundreds of MB."""
        feeds = FeedBuilder(self.site_name, self.site_url, self.directory_urls)
        documents = api.document_makers(index)
        jobs = [(("data", brief.id), (brief,)) if brief else (None, ()) for brief, _ in documents]
        makers = [functools.partial(_data_files, make) for _, make in documents]
        for key, title, home, briefs in feeds.specs(index):
            jobs.append((("feed", key), (title, home, *briefs[:FEED_LENGTH])))
            makers.append(functools.partial(self._feed_files, feeds, (key, title, home, briefs)))
        if store is not None:
            makers = [functools.partial(_stored, store, make) for make in makers]
        files = [file for made in self.file_memo.make(jobs, makers) for file in made]
        sitemap = absolute_url(self.site_url, "sitemap.xml") if self.site_url else ""
        robots = self.env.get_template("robots.txt.j2").render(sitemap_url=sitemap)
        robots_file = GeneratedFile("robots.txt", robots.encode())
        files += _stored(store, lambda: [robots_file]) if store else [robots_file]
        return files

    def _feed_files(self, feeds: FeedBuilder, spec: tuple) -> list[GeneratedFile]:
        feed = feeds.feed(*spec)
        atom = self.env.get_template("feeds/atom.xml.j2").render(
            feed=feed, site_name=self.site_name
        )
        return [
            GeneratedFile(feed.atom_path, atom.encode()),
            GeneratedFile(feed.json_path, api.encode(json_feed(feed))),
        ]

    def views(self, index: Index) -> Views:
        """The cross-brief views of ``index``, for every template: worked out once per index."""
        views = self.env.globals.get("views")
        if views is None or views.index is not index:
            views = self.env.globals["views"] = Views(index)
        return views

    def _pages(self, index: Index) -> Iterator[_PageJob]:
        views = self.views(index)
        yield self._page("home", index=index)
        yield self._page("briefs", index=index)
        for year in views.brief_years if views.briefs_split else ():
            yield from self._list_pages(year_pages(year), index=index, year=year)
        yield from self._list_pages(actors_index_pages(index), index=index)
        yield from self._list_pages(legal_index_pages(index), index=index)
        yield self._page("topics", index=index)
        for brief in index.briefs:
            yield self._page("brief", brief.id, brief, index=index, brief=brief)
        for actor in index.actors.values():
            for part in actor_pages(index, actor):
                kind, key = (
                    ("actor", actor.id)
                    if part.number == 1
                    else ("actor-page", f"{actor.id}/{part.number}")
                )
                record = actor if part.number == 1 else part
                yield self._page(kind, key, record, index=index, actor=actor, part=part)
        for instrument in index.legal.values():
            yield self._page("legal", instrument.id, instrument, index=index, instrument=instrument)
        for topic in index.topics.values():
            yield from self._list_pages(topic_pages(topic), topic, index=index, topic=topic)
        yield self._page("search", index=index)
        yield from self._analysis_pages(index, views)

    def _analysis_pages(self, index: Index, views: Views) -> Iterator[_PageJob]:
        """The cross-brief views: stance matrix, readings, network, timeline."""
        for kind in ("analysis", "stances", "readings", "network", "timeline"):
            yield self._page(kind, index=index)
        for topic in views.stance_topics:
            yield self._page("stances-topic", topic.key, index=index, topic=topic)
        for year in views.timeline_years if views.timeline_split else ():
            yield self._page("timeline-year", year.year, index=index, year=year)
            for period in year.periods if views.months_split(year) else ():
                for part in views.timeline_parts(period):
                    context = {"index": index, "year": year, "month": period, "part": part}
                    if part.number > 1:  # a busy month's next pages, or the year-only entries'
                        yield self._page("timeline-part", part.key, **context)
                    elif period is not year.year_only:  # those are on the year's page
                        yield self._page("timeline-month", part.key, **context)

    def _list_pages(
        self, pages: list[ListPage], record: object = None, **context: object
    ) -> Iterator[_PageJob]:
        """The jobs for a list's pages (pagination.py). ``record`` is the first page's: the
        later ones repeat its kind of page, so they carry no metadata of their own."""
        for page in pages:
            shown = record if page.number == 1 else None
            yield self._page(page.kind, page.key, shown, part=page, parts=pages, **context)

    def _page(
        self, kind: str, key: str | None = None, record: object = None, **context: object
    ) -> _PageJob:
        """The job for the page of kind ``kind`` (the registry, pages.py), showing ``record``."""
        return _PageJob(PAGE_KINDS[kind].template, page_path(kind, key), context, kind, record)

    def assets(self) -> list[Asset]:
        """Static files shipped with the templates (stylesheets), under ``templates/assets``."""
        folder = self.templates_dir / "assets"
        return [
            Asset(path.relative_to(self.templates_dir).as_posix(), path)
            for path in sorted(folder.rglob("*"))
            if path.is_file()
        ]


def _markdown_shown(jobs: list[_PageJob]) -> Iterator[str]:
    """The Markdown texts the pages' records show: summaries and descriptions."""
    for job in jobs:
        record = job.record
        if isinstance(record, Brief | LegalInstrument) and record.summary:
            yield record.summary
        elif isinstance(record, Actor) and record.description:
            yield record.description


@dataclass(frozen=True)
class _Output:
    """What rendering gives: portable Markdown documents, or pages for a site builder whose
    Markdown is held, or written to a file in ``store`` (named by the page's number)."""

    for_builder: bool
    store: Path | None = None

    def builder_page(self, n: int, path: str, text: str, meta: dict | None) -> BuilderPage:
        parts = split(text)
        parts = dataclasses.replace(parts, text="") if parts else None
        markdown = text.encode("utf-8")
        if self.store is None:
            return BuilderPage(path, markdown, parts, meta)
        stored, extras = self.store / f"{n}.md", self.store / f"{n}.extras"
        stored.write_bytes(markdown)
        extras.write_bytes(pickle.dumps((parts, meta), protocol=pickle.HIGHEST_PROTOCOL))
        return BuilderPage(path, stored, None, None, extras)


def read_extras(extras: Path) -> tuple[PageParts | None, dict | None]:
    """A stored page's parts and metadata (written by :class:`_Output`, in this build)."""
    return pickle.loads(extras.read_bytes())


def _render_job(
    shared: tuple[Renderer, list[_PageJob], PageMeta, _Output], n: int
) -> Page | BuilderPage:
    """Render page ``n`` (in a worker process, which inherited the renderer and the jobs)."""
    renderer, jobs, metadata, output = shared
    job = jobs[n]
    # Engines drop the blank lines after front matter; so does the page, so that the
    # parts below point into exactly the text the engine hands back.
    text = (
        renderer.env.get_template(job.template)
        .render(page_path=job.path, **job.context)
        .lstrip("\n")
    )
    meta = metadata.for_page(job.context["index"], job.kind, job.record)
    if not output.for_builder:  # a portable Markdown document: the metadata goes in front matter
        return Page(job.path, _front_matter(meta) + text)
    return output.builder_page(n, job.path, text, meta)


class _FileMemo:
    """Remembers the files each job made and from what; a job given the very same records
    again (the file cache hands back the same objects for unchanged files) is not redone."""

    def __init__(self) -> None:
        self._made: dict[Hashable, tuple[tuple, list[GeneratedFile]]] = {}
        # Asked for a job not made in this process: the files an earlier build made from the
        # same inputs, or None (the build cache's, site/cache.py).
        self.recall: Callable[[Hashable, tuple], list[GeneratedFile] | None] | None = None

    def made(self) -> Iterator[tuple[Hashable, tuple, list[GeneratedFile]]]:
        """Each job's key, inputs and files, as last made (or recalled)."""
        return ((key, inputs, files) for key, (inputs, files) in self._made.items())

    def make(
        self, jobs: list[tuple[Hashable | None, tuple]], makers: list[Callable]
    ) -> list[list[GeneratedFile]]:
        made: dict[int, list[GeneratedFile]] = {}
        for n, (key, inputs) in enumerate(jobs):
            known = self._made.get(key) if key is not None else None
            if known is not None and _same(known[0], inputs):
                made[n] = known[1]
            elif key is not None and self.recall is not None:
                recalled = self.recall(key, inputs)
                if recalled is not None:
                    made[n], self._made[key] = recalled, (inputs, recalled)
        todo = [n for n in range(len(jobs)) if n not in made]
        for n, files in zip(todo, ordered_map(_make_files, todo, shared=makers, here_too=True)):
            made[n] = files
            key, inputs = jobs[n]
            if key is not None:
                self._made[key] = (inputs, files)
        return [made[n] for n in range(len(jobs))]


def _same(before: tuple, now: tuple) -> bool:
    """The same records (by identity) and the same texts."""
    return len(before) == len(now) and all(
        a is b or (isinstance(a, str) and a == b) for a, b in zip(before, now)
    )


def _data_files(make: Callable[[], api.Documents]) -> list[GeneratedFile]:
    return [GeneratedFile(path, api.encode(document)) for path, document in make()]


def _stored(store: Path, make: Callable[[], list[GeneratedFile]]) -> list[StoredFile]:
    stored = []
    for file in make():
        at = store / file.path
        at.parent.mkdir(parents=True, exist_ok=True)
        at.write_bytes(file.content)
        stored.append(StoredFile(file.path, at))
    return stored


def _make_files(jobs: list[Callable[[], list[GeneratedFile]]], n: int) -> list[GeneratedFile]:
    """Make file job ``n`` (in a worker process, which inherited the jobs)."""
    return jobs[n]()


def _front_matter(meta: dict | None) -> str:
    """YAML front matter, which engines hand to themes as ``page.meta`` ('' when there is none)."""
    if not meta:
        return ""
    return (
        "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000) + "---\n\n"
    )
