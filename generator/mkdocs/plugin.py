"""MkDocs adapter: runs the briefing pipeline and hands its pages to MkDocs as virtual files.

    plugins:
      - briefing:
          content_dir: content      # YAML briefs, actors, legal instruments
          templates_dir: templates  # Jinja templates and assets/

Each hook delegates: the pipeline (``generator.content`` → ``analysis`` → ``site``) renders
every page before MkDocs starts (a clean build's, in a child process that takes the corpus
and index with it when it ends: ``generator.runtime.isolated``); :mod:`.staging` makes the
site appear whole or not at all; :mod:`.pages` builds generated pages on every core;
:mod:`.serve` keeps the preview up; :mod:`.buildcache` reuses the last build's work when a
cache folder is set; :mod:`.state` holds what a build and a serving session keep; the
garbage-collector policy is ``generator.runtime.memory``.

What this adapter relies on that MkDocs does not promise (each checked by
``tests/mkdocs/test_mkdocs_contract.py``, which fails if MkDocs changes it):

- ``mkdocs.commands.build._populate_page`` and ``_build_page``: :mod:`.pages` runs these
  private steps of the build loop in forked workers, with their 1.6 signatures;
- the order of the build loop: every page is populated (``on_page_markdown``,
  ``on_page_content``) before any is built (``on_page_context``, ``on_post_page``), so bodies
  can be parked as bytes in between, and ``on_post_build`` runs after the last page is written;
- ``Page.present_anchor_ids``: set for pages whose HTML skips Markdown, so MkDocs' anchor
  validation still sees their headings;
- ``mkdocs.utils.CountHandler`` on the ``mkdocs`` logger: how strict mode counts warnings
  before it aborts (:func:`.staging.strict_mode_will_abort`);
- the live-reload server's ``builder`` attribute, replaced so that a failing rebuild does
  not hold every request (:func:`.serve.surviving`);
- the theme's Jinja environment: ``env.policies["json.dumps_kwargs"]`` for the ``tojson``
  filter, and Material's ``site_meta`` block and header partial, overridden in
  ``templates/overrides/`` (guarded by hashes in ``tests/published/test_hostile.py``).
"""

from __future__ import annotations

import dataclasses
import gc
import os
import shutil
from pathlib import Path
from typing import Any, NamedTuple

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator.analysis.index import Index
from generator.content.corpus import Corpus, load_content
from generator.content.filecache import FileCache
from generator.content.problems import ContentError, Problem
from generator.mkdocs import buildcache, serve
from generator.mkdocs.compact import compact
from generator.mkdocs.pages import ParallelPages
from generator.mkdocs.preview import nav_paths, problem_pages, template_problem
from generator.mkdocs.staging import SiteSwap, strict_mode_will_abort
from generator.mkdocs.state import BuildState, Session, Timings
from generator.runtime import memory
from generator.runtime.isolated import ChildFailed, call_isolated
from generator.runtime.parallel import worker_count
from generator.site import cache
from generator.site.build_date import pin_build_date
from generator.site.cache import FileJobs
from generator.site.engines import LINKED_BY_THEME  # linked where needed, not in extra_css
from generator.site.incremental import IncrementalRenderer
from generator.site.pagefind import (
    BUNDLE_FOLDER,
    PAGES_PER_SHARD,
    SearchIndexError,
    index_site,
)
from generator.site.render import BuilderPage, GeneratedFile, Renderer, StoredFile, read_extras

log = get_plugin_logger(__name__)

# The folder of rendered pages' Markdown, inside the staging folder while pages are built.
PAGE_STORE = ".briefing-pages"


class BriefingConfig(base.Config):
    # Folders, relative to mkdocs.yml: a typo is a configuration error naming the option.
    content_dir = c.Dir(exists=True, default="content")
    templates_dir = c.Dir(exists=True, default="templates")
    drafts_in_serve = c.Type(bool, default=True)
    # Build generated pages on every core (pages.py); off: MkDocs builds them one by one.
    parallel_pages = c.Type(bool, default=True)
    # A folder for the build cache (site/cache.py), relative to mkdocs.yml; the BRIEFING_CACHE
    # environment variable takes precedence ("off" for none). No cache by default.
    cache_dir = c.Optional(c.Type(str))
    # Pages per Pagefind run, at most (pagefind.py): a large site is indexed in shards.
    search_pages_per_shard = c.Type(int, default=PAGES_PER_SHARD)


class _GeneratedFile(File):
    """A generated file that a ``--dirty`` rebuild may skip when its text did not change."""

    unchanged = False

    def is_modified(self) -> bool:
        return not self.unchanged and super().is_modified()


class _GeneratedPage(_GeneratedFile):
    """A generated page (Markdown), as opposed to a data file or a feed."""

    reused = False  # its HTML is the last build's, from the build cache


class BriefingPlugin(BasePlugin[BriefingConfig]):
    session: Session | None = None  # None until the first build (tests may skip on_startup)
    build: BuildState
    site: SiteSwap | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        memory.freeze_at_exit()
        self.session = Session(serving=command == "serve", dirty=dirty)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.session = self.session or Session()
        self.build = BuildState(Timings())
        pin_build_date(Path(config.config_file_path or ".").resolve().parent)
        self.content_dir = Path(self.config.content_dir)
        self.renderer = self._renderer(Path(self.config.templates_dir), config)
        linked = {*config.extra_css, *LINKED_BY_THEME}
        config.extra_css.extend(
            asset.path
            for asset in self.renderer.assets()
            if asset.path.endswith(".css") and asset.path not in linked
        )
        # `mkdocs serve` builds into a temporary folder of its own: left as it is.
        self.site = None if self.session.serving else SiteSwap(config, dirty=self.session.dirty)
        if not self.session.serving and not self.session.dirty:
            self.build.cache = buildcache.open_cache(
                config, self.config, self.renderer.templates_dir, self.build.timings, log
            )
        return config

    def _renderer(self, templates_dir: Path, config: MkDocsConfig) -> Renderer:
        """The renderer, kept across a serving session's rebuilds while its settings hold."""
        settings = dict(
            directory_urls=config.use_directory_urls,
            site_url=config.site_url or "",
            site_name=config.site_name,
        )
        kept = self.session.incremental
        if (
            kept is None
            or kept.renderer.templates_dir != templates_dir
            or any(getattr(kept.renderer, name) != value for name, value in settings.items())
        ):
            self.session.incremental = IncrementalRenderer(Renderer(templates_dir, **settings))
        return self.session.incremental.renderer

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.site is not None and not self.session.dirty:  # see BuildState.page_store
            self.build.page_store = Path(config.site_dir) / PAGE_STORE
            self.build.page_store.mkdir()
        with memory.gc_paused():
            if self.build.page_store is not None and self.build.cache is None:
                try:
                    self._take(call_isolated(lambda: self._render_clean(config)))
                except ChildFailed as error:  # killed: out of memory, most likely
                    raise PluginError(f"rendering: {error}") from None
            else:
                self._load_and_render(config)
        if not self.session.serving:
            self._let_content_go()
        # What was just built lives as long as the build: the collector need not walk it
        # again. Thawed when the build ends.
        memory.frozen_for_build()

    def _render_clean(self, config: MkDocsConfig) -> _Rendered:
        """A clean build's pipeline, up to pages and files on disk: run in a child process
        (runtime/isolated.py), so that the corpus, index and views go with it."""
        self._load_and_render(config)
        build = self.build
        return _Rendered(
            build.pages, build.files, build.extras, build.generated, self.session.served_paths,
            build.timings.seconds,
        )  # fmt: skip

    def _take(self, rendered: _Rendered) -> None:
        build = self.build
        build.pages, build.files, build.extras = rendered.pages, rendered.files, rendered.extras
        build.generated, self.session.served_paths = rendered.generated, rendered.served_paths
        build.timings.seconds.update(rendered.seconds)

    def _let_content_go(self) -> None:
        """A build that renders once needs the content, index and views no more: what MkDocs
        and Pagefind do next (with forked workers, which would copy it) has the memory."""
        self.renderer.let_go()
        self.session.file_cache = FileCache()
        cached, converted = self.build.cache, sum(not isinstance(p, str) for p in self.build.pages)
        if cached is None or cached.previous is None or worker_count(converted) > 1:
            # The views' cycles, if any: frozen next, they would stay until the end, copied
            # by every worker. A build from the cache that converts a few pages (no workers)
            # skips it: the collector would walk every record (seconds at 10,000 briefs).
            gc.collect()
        memory.return_freed_memory()

    def _load_and_render(self, config: MkDocsConfig) -> None:
        build, root = self.build, Path(config.config_file_path or ".").parent
        records = self.session.file_cache
        if build.cache is not None:  # before loading: a file saved meanwhile counts as changed
            with build.timings("content"):
                build.cache.content = cache.content_digests(self.content_dir)
                records = build.cache.records = buildcache.record_store(
                    build.cache, self.content_dir
                )
            self.nav_paths = set(nav_paths(config.nav))
        try:
            with build.timings("content"):
                corpus = load_content(self.content_dir, relative_to=root, cache=records)
        except ContentError as error:
            if not self.session.serving:
                for problem in error.problems:
                    log.error(str(problem))
                raise PluginError(
                    f"{len(error.problems)} problem(s) in content; the site was not changed"
                ) from None
            self._show_problems(error.problems, "content", config)  # the preview stays up
        else:
            if build.cache is not None:
                store = build.cache.records
                log.info(
                    "build cache: %d of %d content files loaded again",
                    len(store.kept) - store.reused,
                    len(store.kept),
                )
            try:
                self._render(corpus)
            except Exception as error:
                # A broken template, while serving, is shown like bad content: the server answers.
                problem = (
                    template_problem(error, self.renderer.templates_dir, root)
                    if self.session.serving
                    else None
                )
                if problem is None:
                    raise
                self._show_problems([problem], "template", config)
        build.unchanged = self._unchanged_since_last_build() if self.session.dirty else set()
        if build.cache is not None:
            build.pages = buildcache.reuse_unchanged(build.pages, build.cache, self.nav_paths)
        rendered = [page for page in build.pages if not isinstance(page, str)]
        build.parts = {page.path: page.parts for page in rendered if page.parts}
        build.meta = {page.path: page.meta for page in rendered if page.meta}
        build.extras = {page.path: page.extras for page in rendered if page.extras}

    def _render(self, corpus: Corpus) -> None:
        build = self.build
        with build.timings("index"):
            index = Index(
                corpus, include_drafts=self.session.serving and self.config.drafts_in_serve
            )
        with build.timings("pages"):
            if self.session.serving:
                build.pages = self.session.incremental.render_site(corpus, index)
            elif build.cache is not None and build.cache.previous is not None:
                build.pages = buildcache.render_changed(
                    self.renderer, corpus, index, build.cache, self.nav_paths, log
                )
            else:
                build.pages = self.renderer.render_for_builder(index, store=build.page_store)
        with build.timings("data and feeds"):
            if build.cache is not None:
                cached = build.cache
                files = FileJobs(corpus, cached.content, cached.previous, cached.manifest)
                self.renderer.file_memo.recall = files.recall
            store = build.page_store / "files" if build.page_store and not build.cache else None
            build.files = self.renderer.render_files(index, store=store)
            if build.cache is not None:
                files.record(self.renderer.file_memo.made())
                cached.recalled = files.recalled_paths
                log.info(
                    "build cache: %d of %d data and feed jobs kept",
                    files.recalled,
                    len(cached.manifest.files),
                )
        self.session.served_paths = [_path_of(page) for page in build.pages]
        build.generated = {*self.session.served_paths, *(file.path for file in build.files)}

    def _show_problems(self, problems: list[Problem], kind: str, config: MkDocsConfig) -> None:
        """Every page the preview serves lists ``problems`` until they are fixed."""
        serve.report_problems(problems, kind)
        # docs/ pages are built as they are: only the generated pages of the nav are stood in for.
        generated_nav = [p for p in nav_paths(config.nav) if not Path(config.docs_dir, p).exists()]
        paths = [*generated_nav, *self.session.served_paths]
        root = Path(config.config_file_path or ".").parent
        shown = problem_pages(self.renderer, problems, paths, kind=kind, root=root)
        self.build.pages = [
            BuilderPage(page.path, page.text.encode("utf-8"), None) for page in shown
        ]
        self.build.files = []

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        build = self.build
        for page in build.pages:
            if isinstance(page, str):  # kept from the cached build
                file = _GeneratedPage.generated(config, page, content=b"")
                file.reused = True
                build.cache.reused.append(file)
            elif page.source is not None:  # MkDocs reads it when it builds the page
                file = _GeneratedPage.generated(config, page.path, abs_src_path=str(page.source))
            else:
                file = _GeneratedPage.generated(config, page.path, content=page.data)
                file.unchanged = page.path in build.unchanged
            if build.cache is not None:
                build.cache.manifest.pages[file.src_uri][1] = file.dest_uri
            self._add(files, file)
        build.pages = []  # the files hold the texts now; each is let go once converted
        folders = _Folders()
        for generated in build.files:
            if isinstance(generated, StoredFile):
                file = _GeneratedFile.generated(config, generated.path, content=b"")
                folders.move(generated.at, file)
            else:
                file = _GeneratedFile.generated(config, generated.path, content=generated.content)
            file.unchanged = generated.path in build.unchanged
            self._add(files, file)
            if build.cache is not None:
                buildcache.note_recalled(build.cache, file)
        build.files = []
        for asset in self.renderer.assets():
            self._add(files, File.generated(config, asset.path, abs_src_path=str(asset.source)))
        return files

    def _add(self, files: Files, file: File) -> None:
        if files.get_file_from_path(file.src_uri) is not None:
            raise PluginError(
                f"docs/{file.src_uri} clashes with a page generated from content; rename it"
            )
        files.append(file)
        if file.abs_src_path is None:
            self.build.texts.append(file)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        build = self.build
        if build.cache is not None:
            with build.timings("cache"):
                buildcache.place_reused_pages(config, files, build.cache)
        build.parallel = ParallelPages(
            lambda file: isinstance(file, _GeneratedPage) and not file.reused
        )
        if self.config.parallel_pages:
            with build.timings("theme on every core"):
                build.parallel.build(config, files, nav, dirty=self.session.dirty)
            for file in build.parallel.built:  # written: nothing left to join or hand over
                build.parts.pop(file.src_uri, None)
                build.meta.pop(file.src_uri, None)
                build.extras.pop(file.src_uri, None)
        return nav

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        self.build.parallel.leave_files(files)
        if self.build.cache is not None:
            buildcache.drop_placed(files, self.build.cache)
        # Data in pages (JSON-LD, the theme's settings) without the spaces json.dumps adds.
        env.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":")}
        return env

    def on_template_context(self, context: Any, *, template_name: str, config: MkDocsConfig) -> Any:
        cached = self.build.cache
        if cached is not None and cached.reused:  # the sitemap lists them too, in MkDocs' order
            context["pages"] = cached.all_pages
            return context
        return self.build.parallel.template_context(context)

    def on_page_markdown(self, markdown: str, *, page: Page, **_: Any) -> str:
        """Only the headings of a generated page go through Markdown; its HTML blocks need not."""
        build = self.build
        extras = build.extras.pop(page.file.src_uri, None)
        if extras is not None:  # stored with the page's Markdown: read back for this page only
            build.parts[page.file.src_uri], build.meta[page.file.src_uri] = read_extras(extras)
        meta = build.meta.pop(page.file.src_uri, None)
        if meta:  # given as is: no front matter to write out and parse back
            page.meta = meta
        parts = build.parts.get(page.file.src_uri)  # generated pages only: docs/ may not clash
        if not parts:
            return markdown
        build.parts[page.file.src_uri] = dataclasses.replace(parts, text=markdown)
        return parts.headings_markdown

    @event_priority(100)  # first: other plugins see the whole page
    def _join_blocks(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        parts = self.build.parts.pop(page.file.src_uri, None)
        if not parts:
            return html
        page.file.content_bytes = b""  # the Markdown is not needed any more: free it
        joined = parts.join(html)
        if joined is None:  # another extension changed the headings' shape: convert the page whole
            page.markdown = parts.text
            page.render(config, files)
            return page.content or ""
        page.present_anchor_ids = (page.present_anchor_ids or set()) | parts.anchor_ids()
        return joined

    @event_priority(-100)  # last: keep the body as UTF-8 until its page is built
    def _store_body(self, html: str, *, page: Page, **_: Any) -> str:
        if not isinstance(page.file, _GeneratedPage) or not html:  # not a body: built in parallel
            return html
        self.build.bodies[page.file.src_uri] = html.encode("utf-8")
        return ""

    on_page_content = CombinedEvent(_join_blocks, _store_body)

    @event_priority(100)  # before any other plugin (search) reads the page
    def on_page_context(self, context: dict, *, page: Page, **_: Any) -> dict:
        body = self.build.bodies.pop(page.file.src_uri, None)
        if body is not None:
            page.content = body.decode("utf-8")
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if isinstance(page.file, _GeneratedPage):
            page.content = None  # written out: with 10,000s of pages, keeping every body adds up
        return compact(output)

    def _post_build(self, *, config: MkDocsConfig) -> None:
        self._drop_page_store()  # every page is written: the site is published without it
        if self.session.serving:
            self._drop_removed(config)
        self._index_for_search(config)  # (raising, the build ends in on_build_error, which thaws)

    @event_priority(-100)  # last: the site is complete once every plugin has written its part
    def _publish_site(self, *, config: MkDocsConfig) -> None:
        # Strict mode turns the warnings counted so far into a failure right after this event.
        try:
            self._finish_site(publish=not strict_mode_will_abort())
        finally:
            # Thawed last: the cache's save makes 100,000s of objects, and a build from the
            # cache ran no full collection, so thawed earlier, the collector would walk every
            # record again and again while the manifest is written.
            memory.thaw()

    on_post_build = CombinedEvent(_post_build, _publish_site)

    def _drop_removed(self, config: MkDocsConfig) -> None:
        generated = self.build.generated
        if generated is None:  # a build of problem pages: what it left out is not gone
            return
        gone, self.session.last_generated = self.session.last_generated - generated, generated
        serve.drop_removed(gone, Path(config.site_dir), config.use_directory_urls)

    def _index_for_search(self, config: MkDocsConfig) -> None:
        for (
            file
        ) in self.build.texts:  # all written: the search indexer, next, needs the memory more
            file.content_bytes = b""
        self.build.texts = []
        site = Path(config.site_dir)
        if self.session.serving and self.session.dirty and (site / BUNDLE_FOLDER).is_dir():
            return  # preview rebuilds keep the first build's search index: re-indexing takes seconds
        try:
            with self.build.timings("search index"):
                if self.build.cache is None:
                    index_site(site, pages_per_shard=self.config.search_pages_per_shard)
                else:
                    buildcache.index_with_cache(
                        site, self.build.cache, self.config.search_pages_per_shard, log
                    )
        except SearchIndexError as error:
            raise PluginError(f"search index: {error}") from None
        log.info("Time spent: %s", self.build.timings)

    def _unchanged_since_last_build(self) -> set[str]:
        data = {page.path: (page.data, page.meta) for page in self.build.pages}
        data.update((file.path, (file.content, None)) for file in self.build.files)
        previous, self.session.previous_data = self.session.previous_data, data
        return {path for path, text in data.items() if previous.get(path) == text}

    def _finish_site(self, *, publish: bool) -> None:
        site, self.site = self.site, None
        if site is not None:
            cached, self.build.cache = self.build.cache, None
            saving = publish and cached is not None and self.build.generated is not None
            old_site = site.finish(publish=publish, keep_old=saving)  # the cache's copy-to-be
            try:
                if saving:
                    buildcache.save(
                        Path(site.site_dir),
                        cached,
                        self.content_dir,
                        self.build.timings,
                        log,
                        old_site=old_site,
                    )
            finally:
                site.discard()

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self.content_dir))
        server.watch(str(self.renderer.templates_dir))
        server.builder = serve.surviving(
            server.builder, self.renderer.templates_dir, self.content_dir.parent
        )
        return server

    def _drop_page_store(self) -> None:
        """(A failed build's store goes with its staging folder.)"""
        store, self.build.page_store = self.build.page_store, None
        if store is not None:
            shutil.rmtree(store)

    def on_build_error(self, *, error: Exception) -> None:
        memory.thaw()
        self._finish_site(publish=False)

    def on_shutdown(self) -> None:
        self._finish_site(publish=False)  # interrupted (Ctrl-C): MkDocs reports no build error


class _Rendered(NamedTuple):
    """What a clean build's pipeline hands to MkDocs: pages and files on disk, and about them."""

    pages: list[BuilderPage]  # their Markdown, parts and metadata in the page store
    files: list[StoredFile | GeneratedFile]
    extras: dict[str, Path]  # where each page's parts and metadata are
    generated: set[str] | None
    served_paths: list[str]
    seconds: dict[str, float]  # the steps' timings


class _Folders:
    """Moves a clean build's data files and feeds from the page store into the site once
    MkDocs lists them (MkDocs empties the site folder in between, all but its hidden store).

    Held as bytes until MkDocs copies its static files, they would be in the memory MkDocs'
    page workers fork with, and in Pagefind's time (10,000s of files, hundreds of MB). A file
    whose source is its own destination is left where it is by MkDocs' copy."""

    def __init__(self) -> None:
        self.made: set[str] = set()

    def move(self, at: Path, file: File) -> None:
        destination = file.abs_dest_path
        folder = os.path.dirname(destination)
        if folder not in self.made:
            os.makedirs(folder, exist_ok=True)
            self.made.add(folder)
        os.replace(at, destination)
        file.abs_src_path, file._content = destination, None


def _path_of(page: BuilderPage | str) -> str:
    return page if isinstance(page, str) else page.path
