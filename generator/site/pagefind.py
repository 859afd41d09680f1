"""Full-text search: Pagefind indexes the built site, after the engine has written it.

Pagefind (PyPI ``pagefind[bin]``) writes a split index and its UI into ``<site>/pagefind/``;
a browser downloads only the index chunks a query needs, so search stays fast as the
site grows. Filters come from ``data-pagefind-filter`` attributes in the templates.

Pagefind holds the whole index it builds in memory: about 5 GB at 10,000 briefs (issue #23).
A large site is therefore indexed in shards, one Pagefind run after another, each over a share
of the pages: the first shard is the bundle in ``pagefind/``, the others go to
``pagefind/shard-<n>/``, listed in ``pagefind/shards.json``; the search page merges them in the
browser (Pagefind's ``mergeIndex``) into one search with one ranked list. A page's shard
follows from a hash of its path, so each shard is an even sample of the site: its word
statistics, which Pagefind ranks by, are the whole site's, give or take the sample's noise.

Shards are the fewest that keep each Pagefind run within ``PAGES_PER_SHARD`` pages, as every
shard costs the browser: a search fetches each shard's metadata (about 8 bytes a page, the
same in total however the pages are split) and, for each word searched, one index chunk of
each shard (Pagefind's chunks hold about 20,000 word positions: some 23 KB, however large the
shard). Measured by indexing the bench's site of 10,000 briefs (16,931 pages) in 8 shards of
2,100 pages: 290 MB a run, a first search of a rarer word 404 KB; 4 shards: 560 MB, 313 KB;
3 shards: 710 MB, 290 KB; 2 shards: 1.1 GB, 266 KB. A run takes about 125 KB a page. (A common
word costs more: "the" fills a chunk of its own in each shard, 345 KB in all.)

Only the pages Pagefind searches count: on a site whose pages mark the indexed part, the others
(lists, the timeline's year and month pages, an actor's later pages) would be read only to be
skipped. The story corpus of 10,000 briefs has 13,892 such pages of 19,179: 3 shards instead of
4, a first search of a rarer word 284 KB instead of 308 KB, 780 MB a run instead of 580 MB.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pagefind_bin import get_executable

from generator.runtime.isolated import die_with_parent
from generator.runtime.memory import return_freed_memory

BUNDLE_FOLDER = "pagefind"
# What Pagefind reads of a page: the templates mark it (``templates/overrides/main.html``).
# Told so, Pagefind skips the theme's frame (header, navigation, table of contents: about
# 40 % of a page's bytes) instead of combing through it; the index comes out the same.
# A theme without the mark has its pages indexed whole, as Pagefind does by default.
MARK = "data-pagefind-body"
INDEXED_PART = f"[{MARK}]"
PAGES_LOOKED_AT = 20  # for the mark: the templates put it on every page that is searched
# Left out of the index: heading permalinks ("¶"), which would show in every result title.
EXCLUDED_SELECTORS = [".headerlink"]
# Searched pages per Pagefind run, at most: 3 shards at 10,000 briefs, 780 MB a run, whose first
# search stays under 300 KB for a rarer word (see above).
PAGES_PER_SHARD = 6000
NOT_SEARCHED = "not searched"  # a page's digest, when Pagefind would skip it (see _page_digests)
SHARDS_FILE = "shards.json"  # in the bundle: the other shards' folders, relative to it
SHARD_FOLDER = "shard-{}"


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site."""


@dataclass(frozen=True)
class EarlierIndex:
    """The search index of an earlier build of the site: its bundle folder and the digest of
    each shard's pages (what :func:`index_site` returned), so that shards whose pages are the
    same are taken from it instead of indexed again."""

    bundle: Path
    shards: list[str]


def index_site(
    site_dir: Path,
    *,
    pages_per_shard: int = PAGES_PER_SHARD,
    earlier: EarlierIndex | None = None,
    page_digest: Callable[[Path], str | None] | None = None,
) -> dict[str, list]:
    """Write the search index and UI into ``site_dir/pagefind/``, in shards of at most about
    ``pages_per_shard`` pages (see the module's description). A shard whose digest (of its pages'
    paths and of what Pagefind reads of each, :func:`searched_digest`) is that of the same shard
    in ``earlier`` is linked from it. ``page_digest`` may know a page's digest already (None if
    not). Returns ``{"shards": [each shard's digest], "pages": {page: its digest}}``."""
    return_freed_memory()  # Pagefind takes gigabytes on a large site: leave it what the build let go of
    if not site_dir.is_dir():
        raise SearchIndexError(f"no site to index at {site_dir}")
    options = _options(site_dir)
    bundle = site_dir / BUNDLE_FOLDER
    pages = sorted(path.relative_to(site_dir) for path in site_dir.rglob("*.html"))
    pages_digests = _page_digests(site_dir, pages, options, page_digest, keep=earlier is not None)
    searched = [page for page in pages if pages_digests.get(page.as_posix()) != NOT_SEARCHED]
    searched = searched or pages  # none marked after all: Pagefind says so
    shards = [shard for shard in _shards(searched, pages_per_shard) if shard]
    folders = [SHARD_FOLDER.format(number) for number in range(1, len(shards))]
    digests = [_shard_digest(shard, options, pages_digests) for shard in shards]
    kept = earlier.shards if earlier is not None and len(earlier.shards) == len(shards) else []
    outputs = [bundle, *(bundle / folder for folder in folders)]
    # The first shard first: Pagefind writes the bundle's own files, then the others go inside it.
    for number, (shard, output) in enumerate(zip(shards, outputs)):
        if kept and kept[number] == digests[number]:
            _link_shard(earlier.bundle, bundle, output, folders)
        elif len(shards) == 1:  # the whole site in one run, read where it is
            _run_pagefind(site_dir, bundle, options)
        else:
            _index_shard(site_dir, shard, output, options)
    listed = json.dumps([f"{folder}/" for folder in folders])
    (bundle / SHARDS_FILE).write_text(listed, encoding="utf-8")
    return {"shards": digests, "pages": pages_digests}


def _page_digests(
    site_dir: Path,
    pages: list[Path],
    options: list[str],
    page_digest: Callable[[Path], str | None] | None,
    *,
    keep: bool,
) -> dict[str, str]:
    """Each page's :func:`searched_digest`, or ``NOT_SEARCHED`` for a page without the mark on a
    site whose pages mark the indexed part: Pagefind would read it only to skip it, and it would
    count towards the shards. Digests are worked out only to compare with an earlier index
    (``keep``, or ``page_digest`` given); pages are read for them and for the mark."""
    marked = INDEXED_PART in options
    compared = keep or page_digest is not None
    digests: dict[str, str] = {}
    for page in pages if marked or compared else []:
        known = page_digest(page) if page_digest is not None else None
        if known is None:
            html = (site_dir / page).read_bytes()
            if marked and not is_marked(html):
                known = NOT_SEARCHED
            elif compared:
                known = searched_digest(html, marked)
        if known is not None:
            digests[page.as_posix()] = known
    return digests


def is_marked(html: bytes) -> bool:
    """Whether ``html`` has an element marked as the part to index (its text alone does not count)."""
    return MARK.encode() in html and _MARKED.search(html) is not None


def _shard_digest(pages: list[Path], options: list[str], digests: dict[str, str]) -> str:
    hashed = hashlib.blake2b(repr(options).encode("utf-8"), digest_size=16)
    for page in pages:
        hashed.update(f"{page.as_posix()}\0{digests.get(page.as_posix())}\0".encode())
    return hashed.hexdigest()


def searched_digest(html: bytes, marked: bool) -> str:
    """A digest of what Pagefind reads of a page, so that a page whose indexed text did not
    change keeps its shard. Where pages mark the indexed part: that part, less the text of what
    it says to ignore (lists of other briefs, an actor's statements, which change with other
    pages) and less the attributes Pagefind does not read (``class``, ``data-*`` other than its
    own: a timeline entry's kinds say "upcoming" until its day), plus every ``data-pagefind-*``
    attribute, the ``<html>`` tag and the title. Otherwise, the page's bytes. Where the markup
    cannot be followed, more is kept, never less."""
    hashed = hashlib.blake2b(digest_size=16)
    if not marked:
        hashed.update(html)
        return hashed.hexdigest()
    for head in (_HTML_TAG.search(html), _TITLE.search(html)):
        hashed.update(head.group() if head else b"")
    hashed.update(b"\0".join(_PAGEFIND_ATTRIBUTE.findall(html)))
    body = _MARKED.search(html)
    if body is not None:
        end = _element_end(html, body.group(1), body.end()) or len(html)
        position = body.start()
        for ignored in _IGNORED.finditer(html, body.start(), end):
            if ignored.start() < position:
                continue  # inside the part ignored last
            ignored_end = _element_end(html, ignored.group(1), ignored.end())
            if ignored_end is None:
                continue
            hashed.update(_read_markup(html[position : ignored.start()]) + b"\0")
            position = ignored_end
        hashed.update(_read_markup(html[position:end]))
    return hashed.hexdigest()


def _read_markup(part: bytes) -> bytes:
    """``part`` without the attributes Pagefind does not read, in its tags only."""
    return _TAG.sub(lambda tag: _UNREAD_ATTRIBUTE.sub(b"", tag.group()), part)


_HTML_TAG = re.compile(rb"<html\b[^>]*>")
_TITLE = re.compile(rb"<title>.*?</title>", re.S)
_PAGEFIND_ATTRIBUTE = re.compile(rb'\sdata-pagefind-[\w-]+(?:="[^"]*")?')
_MARKED = re.compile(rb"<([a-zA-Z][a-zA-Z0-9]*)\s[^>]*\b" + MARK.encode() + rb"\b[^>]*>")
_IGNORED = re.compile(rb"<([a-zA-Z][a-zA-Z0-9]*)\s[^>]*\bdata-pagefind-ignore\b[^>]*>")
_TAG = re.compile(rb"<[a-zA-Z][^>]*>")
_UNREAD_ATTRIBUTE = re.compile(
    rb'\s(?:class|data-(?!pagefind-)[\w-]+)(?=[\s=>/])(?:="[^"]*"|=\'[^\']*\'|=[^\s>]+)?'
)


def _element_end(html: bytes, tag: bytes, start: int) -> int | None:
    """Where the element of ``tag`` opened just before ``start`` ends (after its end tag);
    None when its end tag is not found."""
    depth = 1
    for found in re.finditer(rb"<(/?)" + re.escape(tag) + rb"\b[^>]*>", html[start:]):
        depth += -1 if found.group(1) else 1
        if depth == 0:
            return start + found.end()
    return None


def _link_shard(earlier: Path, bundle: Path, output: Path, folders: list[str]) -> None:
    """Link a shard's files from an earlier bundle (the first shard: the bundle without the
    others' folders). Pagefind never writes into them: the shards it indexes go elsewhere."""
    source = earlier / output.relative_to(bundle)
    skipped = shutil.ignore_patterns(*folders, SHARDS_FILE) if output == bundle else None
    shutil.copytree(source, output, ignore=skipped, copy_function=link_or_copy, dirs_exist_ok=True)


def link_or_copy(source: str, target: str) -> None:
    """A hard link where the disk allows, else a copy. (Files of a built site and of its
    search index are only ever replaced whole, never written in place.)"""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def shard_count(pages: int, pages_per_shard: int = PAGES_PER_SHARD) -> int:
    """The fewest shards that keep within ``pages_per_shard`` pages each, on average."""
    return max(1, -(-pages // pages_per_shard))


def shard_of(page: Path, count: int) -> int:
    """The shard of ``page`` (its path in the site) among ``count``: from a hash, so shards are
    even samples; its remainder, so that doubling the count moves a page from n to n or n + count."""
    digest = hashlib.blake2b(page.as_posix().encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % count


def _shards(pages: list[Path], pages_per_shard: int) -> list[list[Path]]:
    count = shard_count(len(pages), pages_per_shard)
    shards: list[list[Path]] = [[] for _ in range(count)]
    for page in pages:
        shards[shard_of(page, count)].append(page)
    return shards


def _index_shard(site_dir: Path, pages: list[Path], output: Path, options: list[str]) -> None:
    """Index ``pages`` alone: Pagefind reads a folder of hard links to them (on the same disk:
    no copy), laid out as in the site, so their addresses come out the same."""
    staging = site_dir.parent / f".{site_dir.name}.pagefind-shard"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        for page in pages:
            (staging / page).parent.mkdir(parents=True, exist_ok=True)
            os.link(site_dir / page, staging / page)
        _run_pagefind(staging, output, options)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if output.parent.name == BUNDLE_FOLDER:  # a merged shard: the browser uses the first's scripts
        for file in output.iterdir():
            if file.is_file() and file.name != "pagefind-entry.json" and file.suffix != ".pf_meta":
                file.unlink()


def _options(site_dir: Path) -> list[str]:
    options = ["--root-selector", INDEXED_PART] if _marks_indexed_part(site_dir) else []
    for selector in EXCLUDED_SELECTORS:
        options += ["--exclude-selectors", selector]
    return options


def _run_pagefind(site_dir: Path, output: Path, options: list[str]) -> None:
    command = [str(get_executable()), "--site", str(site_dir), "--output-path", str(output)]
    command += options
    # Pagefind dies with the build: a killed build's Pagefind would go on writing into the staging
    # folder the next build removes. (Only without other threads: `preexec_fn` is unsafe with them.)
    alone = threading.active_count() == 1
    bound = functools.partial(die_with_parent, os.getpid()) if alone else None
    result = subprocess.run(command, capture_output=True, text=True, check=False, preexec_fn=bound)
    if result.returncode != 0:
        raise SearchIndexError(
            (result.stderr or result.stdout).strip() or f"pagefind exited with {result.returncode}"
        )


def _marks_indexed_part(site_dir: Path) -> bool:
    """Whether the site's pages mark the part to index. (Looking at a few is enough: with the
    root selector, Pagefind would find no page of a site without the mark and fail; on a site
    with it, leaving the selector out only costs time.)"""
    pages = itertools.islice(site_dir.rglob("*.html"), PAGES_LOOKED_AT)
    return any(MARK in page.read_text(encoding="utf-8", errors="replace") for page in pages)
