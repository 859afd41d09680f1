"""Full-text search: Pagefind indexes the built site, after the engine has written it.

Pagefind (PyPI ``pagefind[bin]``) writes a split index and its UI into ``<site>/pagefind/``;
a browser downloads only the index chunks a query needs, so search stays fast as the
site grows. Filters come from ``data-pagefind-filter`` attributes in the templates.
"""

from __future__ import annotations

import functools
import itertools
import os
import subprocess
import threading
from pathlib import Path

from pagefind_bin import get_executable

from generator.runtime.memory import return_freed_memory
from generator.site.output import die_with_parent

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


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site."""


def index_site(site_dir: Path) -> None:
    """Write the search index and UI into ``site_dir/pagefind/``."""
    return_freed_memory()  # Pagefind takes gigabytes on a large site: leave it what the build let go of
    command = [str(get_executable()), "--site", str(site_dir), "--output-subdir", BUNDLE_FOLDER]
    if _marks_indexed_part(site_dir):
        command += ["--root-selector", INDEXED_PART]
    for selector in EXCLUDED_SELECTORS:
        command += ["--exclude-selectors", selector]
    # Pagefind dies with the build: a killed build's Pagefind would go on writing into the staging
    # folder the next build removes. (Only without other threads: `preexec_fn` is unsafe with them.)
    bound = functools.partial(die_with_parent, os.getpid()) if threading.active_count() == 1 else None
    result = subprocess.run(command, capture_output=True, text=True, check=False, preexec_fn=bound)
    if result.returncode != 0:
        raise SearchIndexError((result.stderr or result.stdout).strip() or f"pagefind exited with {result.returncode}")


def _marks_indexed_part(site_dir: Path) -> bool:
    """Whether the site's pages mark the part to index. (Looking at a few is enough: with the
    root selector, Pagefind would find no page of a site without the mark and fail; on a site
    with it, leaving the selector out only costs time.)"""
    pages = itertools.islice(site_dir.rglob("*.html"), PAGES_LOOKED_AT)
    return any(MARK in page.read_text(encoding="utf-8", errors="replace") for page in pages)
