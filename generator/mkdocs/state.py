"""What the adapter keeps: across ``mkdocs serve``'s rebuilds (:class:`Session`) and for the
length of one build (:class:`BuildState`), instead of attributes made up hook by hook."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.structure.files import File

from generator.content.filecache import FileCache
from generator.mkdocs.pages import ParallelPages
from generator.site.cache import Manifest, Previous, RecordStore
from generator.site.incremental import IncrementalRenderer
from generator.site.pageparts import PageParts


@dataclass
class Session:
    """Lives as long as the MkDocs process: a rebuild redoes only what an edit changed."""

    serving: bool = False
    dirty: bool = False
    file_cache: FileCache = field(default_factory=FileCache)
    incremental: IncrementalRenderer | None = None
    previous_data: dict[str, tuple] = field(default_factory=dict)  # page/file texts, for --dirty
    last_generated: set[str] = field(default_factory=set)  # what the last sound build made
    served_paths: list[str] = field(
        default_factory=list
    )  # its pages: shown with problems meanwhile


@dataclass
class BuildState:
    """One build's work in progress, handed from hook to hook."""

    timings: Timings
    pages: list = field(default_factory=list)  # rendered pages, until they become MkDocs files
    # Where a clean build writes rendered pages' Markdown as it comes (render_for_builder's
    # store), so that no process holds every page; inside the staging folder, which a killed
    # build leaves for the next build to remove. None: pages are held (serving, --dirty).
    page_store: Path | None = None
    files: list = field(default_factory=list)  # rendered data files and feeds, likewise
    generated: set[str] | None = None  # what a sound build makes (None: a build of problem pages)
    unchanged: set[str] = field(default_factory=set)  # --dirty: texts the same as last build's
    parts: dict[str, PageParts] = field(default_factory=dict)  # a page's headings and HTML blocks
    meta: dict[str, dict] = field(default_factory=dict)  # a page's metadata, given as is
    extras: dict[str, Path] = field(default_factory=dict)  # a stored page's parts and metadata
    texts: list[File] = field(default_factory=list)  # files whose text is held until written
    bodies: dict[str, bytes] = field(default_factory=dict)  # converted bodies, as UTF-8
    parallel: ParallelPages | None = None
    cache: CachedBuild | None = None  # with a build cache (site/cache.py)


@dataclass
class CachedBuild:
    """A build with a cache folder: what the last build left, and what this one will leave."""

    folder: Path
    previous: Previous | None  # None: a clean build (no cache, or one that does not match)
    manifest: Manifest  # this build's, filled in as it goes
    content: dict[tuple[str, str], str] = field(default_factory=dict)  # its content files' digests
    records: RecordStore | None = None  # what loading each content file gave (site/cache.py)
    reused: list[File] = field(default_factory=list)  # pages taken whole from the last build
    recalled: set[str] = field(default_factory=set)  # data files and feeds it made the same
    linked: list[File] = field(default_factory=list)  # those, linked from it, not written
    all_pages: list[File] = field(default_factory=list)  # every page, in MkDocs' order


class Timings:
    """Seconds spent in each step of the plugin's work, for ``mkdocs build``'s log (and the bench)."""

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
