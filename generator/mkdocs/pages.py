"""Build the generated pages with MkDocs' own page functions, on every core.

MkDocs builds pages one after the other: Markdown, then the theme's template, a few
milliseconds each, which is most of a build with tens of thousands of generated pages.
:class:`ParallelPages` runs the very same steps (``_populate_page`` and ``_build_page``
from ``mkdocs.commands.build``, with every plugin event they fire) in forked worker
processes as soon as the navigation is known, so each page comes out as MkDocs would
write it. MkDocs' own loops then pass over those pages without work: they are given
as already read and rendered, and leave the file list before the pages are written.
The sitemap still lists them (see :meth:`ParallelPages.template_context`). The parts of
the theme that are the same on every such page of a folder (navigation, tabs, logo,
palette) are rendered once per folder, unless the theme's custom_dir overrides them.

Pages in the navigation and hand-written pages are left to MkDocs.
"""

from __future__ import annotations

import contextlib
import logging
import posixpath
from collections.abc import Callable, Iterator
from pathlib import Path

from jinja2 import Environment, Template, TemplateNotFound, meta
from jinja2.runtime import Context
from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator.runtime import memory
from generator.runtime.parallel import ordered_map, worker_count

# Parts of the theme that come out the same on every page outside the navigation in one
# folder: no entry is active for such a page, and their links are relative to its folder.
# Templates (the navigation, the tabs, the header's logo and palette), then blocks of a template
# (the theme's settings for its scripts). Only as the theme wrote them: a part overridden
# in the theme's custom_dir may show anything, and is rendered for each page.
SAME_IN_A_FOLDER = (
    "partials/nav.html",
    "partials/tabs.html",
    "partials/logo.html",
    "partials/palette.html",
)
BLOCKS_SAME_IN_A_FOLDER = (("base.html", "config"),)


class _BuiltPage(Page):
    """A page a worker has already written: reading and rendering it again costs nothing."""

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown = ""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""


class ParallelPages:
    def __init__(self, is_parallel: Callable[[File], bool]):
        self.is_parallel = is_parallel
        self.built: list[File] = []
        self.building = False
        self.all_pages: list[File] = []

    def build(self, config: MkDocsConfig, files: Files, nav: Navigation, *, dirty: bool) -> None:
        """Write every page that ``is_parallel`` picks, out of the navigation, to the site."""
        self.all_pages = files.documentation_pages()
        in_nav = {id(page) for page in nav.pages}
        candidates = [f for f in self.all_pages if id(f.page) not in in_nav and self.is_parallel(f)]
        if worker_count(len(candidates)) < 2:
            return  # one process would do it (few pages, one core, a preview server's threads): MkDocs' loop
        self.built = candidates
        _read_titles(nav, config, dirty)
        self.building = (
            True  # plugins' on_env runs for the workers' theme environment too: not ours
        )
        try:
            env = config.plugins.on_env(config.theme.get_env(), config=config, files=files)
        finally:
            self.building = False
        # The workers build pages outside the navigation only: parts of the theme repeat per folder.
        _render_once_per_folder(env, config.theme.custom_dir)
        memory.return_freed_memory()  # the workers copy what the parent holds when it forks
        shared = (config, files, self.all_pages, nav, env, self.built, dirty)
        failed = False
        for logged, ok in ordered_map(_build_one, range(len(self.built)), shared=shared):
            for name, level, message in logged:  # logged again here, where strict mode counts them
                logging.getLogger(name).log(level, message)
            failed = failed or not ok
        if failed:
            raise PluginError("a generated page could not be built (see above)")
        for file in self.built:
            _BuiltPage(None, file, config)  # MkDocs' own loop now reads and renders it for nothing

    def leave_files(self, files: Files) -> None:
        """Take the pages already written out of the list MkDocs is about to write."""
        if self.building:
            return
        for file in self.built:
            files.remove(file)

    def template_context(self, context: dict) -> dict:
        """Site-wide templates (the sitemap) list every page, these included, in MkDocs' order."""
        if self.built:
            context["pages"] = self.all_pages
        return context


def _build_one(shared: tuple, n: int) -> tuple[list[tuple[str, int, str]], bool]:
    """Build page ``n`` as MkDocs' loops would; hands back what MkDocs logged, and whether it worked."""
    config, files, doc_files, nav, env, built, dirty = shared
    logger = logging.getLogger("mkdocs")
    collected = _Collect()
    handlers, logger.handlers = logger.handlers, [collected]
    file = built[n]
    with _forgotten_once_built(file):
        try:
            page = file.page or Page(
                None, file, config
            )  # as MkDocs' loop does for a page outside the navigation
            _populate_page(page, config, files, dirty)
            _build_page(page, config, doc_files, nav, env, dirty)
        except Exception:  # noqa: BLE001 - MkDocs has logged what went wrong; the parent reports
            return collected.records, False
        finally:
            logger.handlers = handlers
    return collected.records, True


@contextlib.contextmanager
def _forgotten_once_built(file: File) -> Iterator[None]:
    """Put back the file and its page as the worker found them once the page is written.

    Building fills the page in (its Markdown, table of contents, metadata, anchors) and a
    worker builds thousands: kept, they would pile up for nothing (the page is on disk, and the
    parent has its own copy of the page), in memory allocated where the parent's freed objects
    were, each such memory page copied from the parent. Let go, the next page reuses it."""
    page = file.page
    kept_file, kept_page = dict(vars(file)), dict(vars(page)) if page is not None else None
    try:
        yield
    finally:
        vars(file).clear()
        vars(file).update(kept_file)
        if page is not None:
            vars(page).clear()
            vars(page).update(kept_page)


def _read_titles(nav: Navigation, config: MkDocsConfig, dirty: bool) -> None:
    """Give the navigation's pages the titles the theme shows for them.

    MkDocs reads every page before it builds any, and a page without a title in the
    configuration takes its first heading; the workers start before that, so the pages
    of the navigation are read for them first (as MkDocs' loop would, skipping those a
    ``--dirty`` build leaves unread)."""
    for page in nav.pages:
        if page.markdown is None and not (dirty and not page.file.is_modified()):
            page.read_source(config)


def _render_once_per_folder(env: Environment, custom_dir: str | None) -> None:
    """Make the theme's parts listed above render once per folder (those the theme has)."""
    overrides = Path(custom_dir).resolve() if custom_dir else None
    for name in SAME_IN_A_FOLDER:
        template = _template(env, name)
        if template is not None and not _overridden(env, name, overrides, set()):
            template.root_render_func = _once_per_folder(template.root_render_func)
    for name, block in BLOCKS_SAME_IN_A_FOLDER:  # blocks that include no other template
        template = _template(env, name)
        if (
            template is not None
            and block in template.blocks
            and not _in(template.filename, overrides)
        ):
            template.blocks[block] = _once_per_folder(template.blocks[block])


def _template(env: Environment, name: str) -> Template | None:
    try:
        return env.get_template(name)
    except TemplateNotFound:  # another theme, or one without this part
        return None


def _overridden(env: Environment, name: str, overrides: Path | None, seen: set[str]) -> bool:
    """Whether template ``name``, or one it includes, comes from the theme's custom_dir.
    (Includes by a computed name, the theme's icons, are not followed.)"""
    if overrides is None or name in seen:
        return False
    seen.add(name)
    try:
        source, filename, _ = env.loader.get_source(env, name)
    except TemplateNotFound:
        return False
    included = meta.find_referenced_templates(env.parse(source))
    return _in(filename, overrides) or any(
        _overridden(env, child, overrides, seen) for child in included if child is not None
    )


def _in(filename: str | None, folder: Path | None) -> bool:
    return (
        folder is not None
        and filename is not None
        and Path(filename).resolve().is_relative_to(folder)
    )


def _once_per_folder(
    render: Callable[[Context], Iterator[str]],
) -> Callable[[Context], Iterator[str]]:
    """A template's render function that renders once for all pages in a folder, then repeats."""
    rendered: dict[str, str] = {}

    def render_once(context: Context) -> Iterator[str]:
        folder = posixpath.dirname(context["page"].url.rstrip("/"))
        if folder not in rendered:
            rendered[folder] = "".join(render(context))
        yield rendered[folder]

    return render_once


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.INFO:
            self.records.append((record.name, record.levelno, record.getMessage()))
