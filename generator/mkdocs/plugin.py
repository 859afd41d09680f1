"""MkDocs adapter: runs the briefing pipeline and hands its pages to MkDocs as virtual files.

    plugins:
      - briefing:
          content_dir: content      # YAML briefs, actors, legal instruments
          templates_dir: templates  # Jinja templates and assets/

MkDocs writes into a staging folder beside the site folder (``folders.StagedFolder``),
which takes the site's place only when everything, search index included, is written:
a failed or killed build leaves the last complete site as it was.
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import gc
import logging
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from generator.analysis.index import Index
from generator.content.corpus import load_content
from generator.content.filecache import FileCache
from generator.content.problems import ContentError, Problem, one_line
from generator.mkdocs.compact import compact
from generator.mkdocs.pages import ParallelPages
from generator.mkdocs.preview import nav_paths, problem_pages, template_problem
from generator.runtime.parallel import gc_paused
from generator.site.build_date import pin_build_date
from generator.site.incremental import IncrementalRenderer
from generator.site.output import SITE_MARKER, FolderError, StagedFolder
from generator.site.pagefind import BUNDLE_FOLDER, SearchIndexError, index_site
from generator.site.pageparts import PageParts
from generator.site.render import BuilderPage, Renderer

log = get_plugin_logger(__name__)

# Problems found while serving go to the terminal through a logger of their own:
# through MkDocs' logger they would count as strict-mode warnings and abort the
# preview's first build, which `mkdocs serve` does not survive.
_serve_log = logging.getLogger("briefing.serve")
if not _serve_log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    _serve_log.addHandler(_handler)
    _serve_log.propagate = False


# Stylesheets that templates/overrides/main.html links itself, where they are needed
# (print only; the search page only), so that they don't block every page's first paint.
LINKED_BY_THEME = frozenset({"assets/print.css", "assets/search.css"})


class BriefingConfig(base.Config):
    content_dir = c.Type(str, default="content")
    templates_dir = c.Type(str, default="templates")
    drafts_in_serve = c.Type(bool, default=True)
    # Build generated pages on every core (mkdocs_pages.py); off: MkDocs builds them one by one.
    parallel_pages = c.Type(bool, default=True)


class _GeneratedFile(File):
    """A generated file that a ``--dirty`` rebuild may skip when its text did not change."""

    unchanged = False

    def is_modified(self) -> bool:
        return not self.unchanged and super().is_modified()


class _GeneratedPage(_GeneratedFile):
    """A generated page (Markdown), as opposed to a data file or a feed."""


class BriefingPlugin(BasePlugin[BriefingConfig]):
    def on_startup(self, *, command: str, dirty: bool) -> None:
        # What a build made lives until the process ends, where Python's last collections
        # would walk all of it once more only to free it (10 s at 10,000 briefs): frozen
        # at exit, it is left to the system. (Registered once, however many startups.)
        atexit.unregister(gc.freeze)
        atexit.register(gc.freeze)
        self.serving = command == "serve"
        self.dirty = dirty
        # Kept across the rebuilds of `mkdocs serve`, so a rebuild redoes only what an edit changed.
        self.file_cache = FileCache()
        self.incremental: IncrementalRenderer | None = None
        self.previous_data: dict[str, tuple] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path or ".").resolve().parent
        pin_build_date(root)  # the sitemap's dates: the same for every build of one commit
        self.content_dir = root / self.config.content_dir
        templates_dir = root / self.config.templates_dir
        settings = dict(directory_urls=config.use_directory_urls, site_url=config.site_url or "",
                        site_name=config.site_name)
        if not self._reusable(templates_dir, settings):
            self.incremental = IncrementalRenderer(Renderer(templates_dir, **settings))
        self.renderer = self.incremental.renderer
        for asset in self.renderer.assets():
            linked = {*config.extra_css, *LINKED_BY_THEME}
            if asset.path.endswith(".css") and asset.path not in linked:
                config.extra_css.append(asset.path)
        self._stage_output(config)
        return config

    def _stage_output(self, config: MkDocsConfig) -> None:
        """Point MkDocs at a staging folder beside the site (``mkdocs serve`` builds into a
        temporary folder of its own: left as it is)."""
        self.site_dir, self.output = config.site_dir, None
        if getattr(self, "serving", False):
            return
        output = StagedFolder(Path(config.site_dir), marker=SITE_MARKER, earlier_version=_built_by_briefing)
        try:
            staging = output.open()
            if getattr(self, "dirty", False) and Path(config.site_dir).is_dir():
                # --dirty rewrites only changed pages: the rest comes from the current site.
                shutil.copytree(config.site_dir, staging, symlinks=True, dirs_exist_ok=True)
        except (FolderError, OSError) as error:
            output.discard()
            raise PluginError(str(FolderError(str(error)))) from None
        self.output, self.mkdocs_config = output, config
        config.site_dir = str(staging)

    def _finish_output(self, *, publish: bool) -> None:
        """Swap the completed site in (or drop it), and give MkDocs back the real site folder
        for what comes after the build (gh-deploy, hooks)."""
        output, self.output = getattr(self, "output", None), None
        if output is None:
            return
        self.mkdocs_config.site_dir = self.site_dir
        try:
            if publish:
                output.publish()
        except FolderError as error:
            raise PluginError(str(error)) from None
        finally:
            output.discard()

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.timings = Timings()
        with gc_paused():
            self._load_and_render(config)
        # What was just built lives as long as the build: the collector need not walk it
        # again (at 10,000 briefs each full collection took 2.5 s). Thawed when the build ends.
        gc.freeze()

    def _load_and_render(self, config: MkDocsConfig) -> None:
        root = Path(config.config_file_path or ".").parent
        # What this build makes, when content and templates are sound (None: a problem build).
        self.generated: set[str] | None = None
        try:
            with self.timings("content"):
                corpus = load_content(self.content_dir, relative_to=root, cache=self.file_cache)
        except ContentError as error:
            if not self.serving:
                for problem in error.problems:
                    log.error(str(problem))
                raise PluginError(f"{len(error.problems)} problem(s) in content; the site was not changed") from None
            # The preview stays up: it shows the problems until the content is fixed.
            self._show_problems(error.problems, "content", config)
        else:
            try:
                self._render(corpus)
            except Exception as error:
                # A broken template, while serving, is shown like bad content: the server answers.
                templates = self.renderer.templates_dir
                problem = template_problem(error, templates, root) if self.serving else None
                if problem is None:
                    raise
                self._show_problems([problem], "template", config)
        self.unchanged = self._unchanged_since_last_build() if self.dirty else set()
        self.parts: dict[str, PageParts] = {page.path: page.parts for page in self.pages if page.parts}
        self.meta: dict[str, dict] = {page.path: page.meta for page in self.pages if page.meta}

    def _render(self, corpus: Any) -> None:
        with self.timings("index"):
            index = Index(corpus, include_drafts=self.serving and self.config.drafts_in_serve)
        with self.timings("pages"):
            if self.serving:
                self.pages = self.incremental.render_site(corpus, index)
            else:
                self.pages = self.renderer.render_for_builder(index)
        with self.timings("data and feeds"):
            self.files = self.renderer.render_files(index)
        self.served_paths = [page.path for page in self.pages]
        self.generated = {*self.served_paths, *(file.path for file in self.files)}

    def _show_problems(self, problems: list[Problem], kind: str, config: MkDocsConfig) -> None:
        """Every page the preview serves lists ``problems`` until they are fixed."""
        _report_while_serving(problems, kind)
        # docs/ pages are built as they are: only the generated pages of the nav are stood in for.
        generated_nav = [p for p in nav_paths(config.nav) if not Path(config.docs_dir, p).exists()]
        paths = [*generated_nav, *getattr(self, "served_paths", ())]
        root = Path(config.config_file_path or ".").parent
        shown = problem_pages(self.renderer, problems, paths, kind=kind, root=root)
        self.pages = [BuilderPage(page.path, page.text.encode("utf-8"), None) for page in shown]
        self.files = []

    def _drop_removed(self, config: MkDocsConfig) -> None:
        """While serving, a page or file no longer generated (a deleted brief, say) leaves the
        preview too: a ``--dirty`` rebuild writes what exists and deletes nothing."""
        if self.generated is None:  # a problem build: what it left out is not gone
            return
        gone = getattr(self, "last_generated", set()) - self.generated
        self.last_generated = self.generated
        site = Path(config.site_dir)
        for path in gone:
            output = Path(File(path, None, str(site), config.use_directory_urls).abs_dest_path)
            output.unlink(missing_ok=True)
            for folder in output.parents:  # and the folders it leaves empty
                if folder == site or not folder.is_relative_to(site) or any(folder.iterdir()):
                    break
                folder.rmdir()

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # Files whose text is held in memory until the site is written (see on_post_build).
        self.texts: list[File] = []
        for page in self.pages:
            file = _GeneratedPage.generated(config, page.path, content=page.data)
            file.unchanged = page.path in self.unchanged
            self._add(files, file)
        self.pages = []  # the files hold the texts now; each is let go once converted
        self.bodies: dict[str, bytes] = {}
        for generated in self.files:
            file = _GeneratedFile.generated(config, generated.path, content=generated.content)
            file.unchanged = generated.path in self.unchanged
            self._add(files, file)
        self.files = []
        for asset in self.renderer.assets():
            self._add(files, File.generated(config, asset.path, abs_src_path=str(asset.source)))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.parallel = ParallelPages(lambda file: isinstance(file, _GeneratedPage))
        if self.config.parallel_pages:
            with self.timings("theme on every core"):
                self.parallel.build(config, files, nav, dirty=self.dirty)
            for file in self.parallel.built:  # written: nothing left to join or hand over
                self.parts.pop(file.src_uri, None)
                self.meta.pop(file.src_uri, None)
        return nav

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        self.parallel.leave_files(files)
        # Data in pages (JSON-LD, the theme's settings) without the spaces json.dumps adds.
        env.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":")}
        return env

    def on_template_context(self, context: Any, *, template_name: str, config: MkDocsConfig) -> Any:
        return self.parallel.template_context(context)

    def _post_build(self, *, config: MkDocsConfig) -> None:
        if self.serving:
            self._drop_removed(config)
        try:
            self._index_for_search(config)
        finally:
            gc.unfreeze()

    @event_priority(-100)  # last: the site is complete once every plugin has written its part
    def _publish_site(self, *, config: MkDocsConfig) -> None:
        # Strict mode turns the warnings counted so far into a failure right after this event.
        self._finish_output(publish=not _strict_mode_will_abort())

    on_post_build = CombinedEvent(_post_build, _publish_site)

    def _index_for_search(self, config: MkDocsConfig) -> None:
        for file in self.texts:  # all written: the search indexer, next, needs the memory more
            file.content_bytes = b""
        self.texts = []
        site = Path(config.site_dir)
        if self.serving and self.dirty and (site / BUNDLE_FOLDER).is_dir():
            return  # preview rebuilds keep the first build's search index: re-indexing takes seconds
        try:
            with self.timings("search index"):
                index_site(site)
        except SearchIndexError as error:
            raise PluginError(f"search index: {error}") from None
        log.info("Time spent: %s", self.timings)

    def _unchanged_since_last_build(self) -> set[str]:
        data = {page.path: (page.data, page.meta) for page in self.pages}
        data.update((file.path, (file.content, None)) for file in self.files)
        unchanged = {path for path, text in data.items() if self.previous_data.get(path) == text}
        self.previous_data = data
        return unchanged

    def _reusable(self, templates_dir: Path, settings: dict) -> bool:
        """Whether the renderer of the last build (kept while serving) fits this configuration."""
        renderer = self.incremental.renderer if self.incremental else None
        return renderer is not None and renderer.templates_dir == templates_dir and all(
            getattr(renderer, name) == value for name, value in settings.items()
        )

    def _add(self, files: Files, file: File) -> None:
        if files.get_file_from_path(file.src_uri) is not None:
            raise PluginError(f"docs/{file.src_uri} clashes with a page generated from content; rename it")
        files.append(file)
        if file.abs_src_path is None:
            self.texts.append(file)

    def on_page_markdown(self, markdown: str, *, page: Page, **_: Any) -> str:
        """Only the headings of a generated page go through Markdown; its HTML blocks need not."""
        meta = self.meta.pop(page.file.src_uri, None)
        if meta:  # given as is: no front matter to write out and parse back
            page.meta = meta
        parts = self.parts.get(page.file.src_uri)  # generated pages only: docs/ may not clash with them
        if not parts:
            return markdown
        self.parts[page.file.src_uri] = dataclasses.replace(parts, text=markdown)
        return parts.headings_markdown

    @event_priority(100)  # first: other plugins see the whole page
    def _join_blocks(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        parts = self.parts.pop(page.file.src_uri, None)
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
        if not isinstance(page.file, _GeneratedPage) or not html:  # not a body: a page built in parallel
            return html
        self.bodies[page.file.src_uri] = html.encode("utf-8")
        return ""

    on_page_content = CombinedEvent(_join_blocks, _store_body)

    @event_priority(100)  # before any other plugin (search) reads the page
    def on_page_context(self, context: dict, *, page: Page, **_: Any) -> dict:
        body = self.bodies.pop(page.file.src_uri, None)
        if body is not None:
            page.content = body.decode("utf-8")
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if isinstance(page.file, _GeneratedPage):
            page.content = None  # written out: with 10,000s of pages, keeping every body adds up
        return compact(output)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self.content_dir))
        server.watch(str(self.renderer.templates_dir))
        server.builder = self._surviving(server.builder)
        return server

    def _surviving(self, builder: Any) -> Any:
        """``builder`` for rebuilds that never raise: MkDocs' server, when a rebuild fails, holds
        every request until one succeeds; the preview instead keeps serving the last pages."""

        def rebuild() -> None:
            try:
                builder()
            except Exception as error:  # noqa: BLE001 - whatever failed, the server must answer
                root = Path(self.content_dir).parent
                problem = template_problem(error, self.renderer.templates_dir, root)
                what = str(problem) if problem else one_line(f"{type(error).__name__}: {error}")
                _serve_log.error(what)
                _serve_log.error("not rebuilt: the preview shows its last pages until it is fixed")

        return rebuild

    def on_build_error(self, *, error: Exception) -> None:
        gc.unfreeze()
        self._finish_output(publish=False)

    def on_shutdown(self) -> None:
        self._finish_output(publish=False)  # interrupted (Ctrl-C): MkDocs reports no build error


class Timings:
    """Seconds spent in each step of the plugin's work, for ``mkdocs build``'s log (and ``make bench``)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextlib.contextmanager
    def __call__(self, step: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[step] = self.seconds.get(step, 0.0) + time.perf_counter() - start

    def __str__(self) -> str:
        return ", ".join(f"{step} {seconds:.1f} s" for step, seconds in self.seconds.items())


def _built_by_briefing(folder: Path) -> bool:
    """A site built before sites had a marker: a home page and a search index."""
    return (folder / "index.html").is_file() and (folder / BUNDLE_FOLDER).is_dir()


def _strict_mode_will_abort() -> bool:
    """Whether ``mkdocs build --strict`` has counted warnings, and so fails after post_build."""
    return any(isinstance(handler, CountHandler) and handler.get_counts()
               for handler in logging.getLogger("mkdocs").handlers)


def _report_while_serving(problems: list[Problem], kind: str = "content") -> None:
    for problem in problems:
        _serve_log.error(str(problem))
    where = "templates" if kind == "template" else "content"
    _serve_log.error("%d problem(s) in %s: the preview lists them until they are fixed",
                     len(problems), where)
