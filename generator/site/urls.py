"""Where pages live and how one page links to another.

Links are relative, so the site works at a domain's root and under a GitHub
Pages subpath (``https://org.github.io/repo/``) alike.
"""

from __future__ import annotations

import functools
import hashlib
import posixpath
import re
import unicodedata

from generator.site.pages import PAGE_KINDS

# Where each kind of page lives (the registry, pages.py, says it).
PAGE_PATHS = {name: kind.path for name, kind in PAGE_KINDS.items()}


NAME_MAX_BYTES = 255
"""The longest file or folder name the usual file systems take (ext4, APFS, NTFS), in bytes."""

_SUFFIXES = (
    ".md",
    ".html",
    ".json",
    ".xml",
)  # a key is written as <key>.md, .html (flat URLs), feeds, data
KEY_MAX_BYTES = NAME_MAX_BYTES - max(len(suffix) for suffix in _SUFFIXES)
"""How long a page's key may be, in UTF-8 bytes, for every file named after it to be writable."""


def page_path(kind: str, key: str | None = None) -> str:
    """Source path of a page, e.g. ``page_path("actor", "huawei") == "actors/huawei.md"``."""
    pattern = PAGE_PATHS[kind]
    return pattern.format(key) if key is not None else pattern


def reserved_keys(kind: str) -> dict[str, str]:
    """Keys a page of ``kind`` cannot have, each with the site's own page that holds its place.

    A key is one name in its kind's folder; any other page of ``PAGE_PATHS`` in that
    folder takes its first name there: ``index`` in ``briefs/`` (the list of briefs),
    ``by-year`` (the folder of the yearly lists), and so on.
    """
    folder, _, name = PAGE_PATHS[kind].rpartition("/")
    if name != "{}.md":
        return {}
    reserved: dict[str, str] = {}
    for pattern in PAGE_PATHS.values():
        if pattern != PAGE_PATHS[kind] and pattern.startswith(folder + "/"):
            first, _, rest = pattern.removeprefix(folder + "/").partition("/")
            reserved.setdefault(first.removesuffix(".md"), pattern.replace("{}", "…"))
    return reserved


def numbered_pages(kind: str) -> list[str]:
    """Paths of the numbered list pages (``actors/2/``…) that share the folder of ``kind``'s pages."""
    return [
        other.path.replace("{}", "N")
        for other in PAGE_KINDS.values()
        if other.numbered and other.name != kind and other.path == PAGE_PATHS[kind]
    ]


def reserved_key_problem(kind: str, key: str) -> str | None:
    """Why ``key`` cannot be the key of a page of ``kind``, or None when it can."""
    taken = reserved_keys(kind).get(key)
    if not taken and key.isascii() and key.isdigit():
        taken = next(iter(numbered_pages(kind)), None)
    return f"would take the place of the site's own page {taken}" if taken else None


def _slugify(label: str) -> str:
    return re.sub(r"[\W_]+", "-", unicodedata.normalize("NFKC", label).casefold()).strip("-")


def topic_slug(label: str) -> str:
    """A URL-safe, folder-safe slug for a topic label (never empty, never a path)."""
    return _slugify(label) or "topic-" + hashlib.sha1(label.encode()).hexdigest()[:10]


def topic_slug_problem(label: str) -> str | None:
    """Why ``label`` cannot name a topic page, or None when it can (``briefing check`` refuses
    what the build could not write, rather than the build naming the page some other way)."""
    slug = _slugify(label)
    if not slug:
        return "has no letter or digit to name its page by"
    size = len(slug.encode("utf-8"))
    if size > KEY_MAX_BYTES:
        return f"is too long to name a page by: {size} bytes once slugged, at most {KEY_MAX_BYTES}"
    return reserved_key_problem("topic", slug)


def page_url(path: str, directory_urls: bool = True) -> str:
    """The URL MkDocs gives a page source path (relative to the site root)."""
    stem = path.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def relative_url(from_path: str, to_path: str, directory_urls: bool = True) -> str:
    """URL of page ``to_path`` as seen from page ``from_path``."""
    target = page_url(to_path, directory_urls)
    current = page_url(from_path, directory_urls)
    # A directory URL is a folder of its own; a file URL lives in its parent's folder.
    here = current.rstrip("/") if directory_urls else posixpath.dirname(current)
    relative = _relpath(target or ".", here or ".")
    if directory_urls:
        return "./" if relative == "." else relative + "/"
    return relative


def page_folder(path: str, directory_urls: bool = True) -> str:
    """The folder a page is served from, relative to the site root ('' for the root)."""
    url = page_url(path, directory_urls)
    return url.rstrip("/") if directory_urls else posixpath.dirname(url)


def file_link(from_path: str, file_path: str, directory_urls: bool = True) -> str:
    """URL of a site file (feed, data, script) as seen from page ``from_path``."""
    return _relpath(file_path, page_folder(from_path, directory_urls) or ".")


def absolute_url(site_url: str, site_path: str) -> str:
    """``site_path`` (relative to the site root) under the published address ``site_url``."""
    return site_url.rstrip("/") + "/" + site_path


@functools.lru_cache(maxsize=65536)
def _relpath(target: str, start: str) -> str:
    """``posixpath.relpath`` for site-relative paths, without its calls to ``os.getcwd``
    (a page links to hundreds of others, so this runs a lot)."""
    target_parts = [part for part in target.split("/") if part and part != "."]
    start_parts = [part for part in start.split("/") if part and part != "."]
    common = 0
    while (
        common < min(len(target_parts), len(start_parts))
        and target_parts[common] == start_parts[common]
    ):
        common += 1
    parts = [".."] * (len(start_parts) - common) + target_parts[common:]
    return "/".join(parts) or "."
