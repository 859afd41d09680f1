"""The build cache's part of the adapter: what MkDocs must be told so that a build reuses the
last one's work (``generator.site.cache`` keeps the state; this module applies it).

A build with a cache folder renders only the pages its changes reach (``render_changed``),
keeps the HTML of every page whose Markdown and metadata are the cached build's
(``reuse_unchanged``, ``place_reused_pages``), indexes only the search shards whose pages
changed (``index_with_cache``), and leaves its own state once its site is in place
(``save``).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from generator.analysis.index import Index
from generator.content.corpus import Corpus
from generator.content.problems import one_line
from generator.mkdocs.pages import _BuiltPage
from generator.mkdocs.state import CachedBuild, Timings
from generator.site import cache
from generator.site.build_date import build_day
from generator.site.incremental import IncrementalRenderer
from generator.site.pagefind import BUNDLE_FOLDER, EarlierIndex, index_site, link_or_copy
from generator.site.render import BuilderPage, Renderer

# Settings of mkdocs.yml that shape every page: part of the build cache's key (with the theme's).
KEY_SETTINGS = (
    "site_url",
    "site_name",
    "site_description",
    "site_author",
    "use_directory_urls",
    "nav",
    "not_in_nav",
    "markdown_extensions",
    "mdx_configs",
    "extra",
    "extra_css",
    "extra_javascript",
    "copyright",
    "repo_url",
    "repo_name",
    "edit_uri",
)


def open_cache(
    config: MkDocsConfig,
    options: Mapping[str, Any],
    templates_dir: Path,
    timings: Timings,
    log: logging.Logger,
) -> CachedBuild | None:
    """The build cache, with the last build's state if it was made under the same key."""
    root = Path(config.config_file_path or ".").resolve().parent
    folder = cache.cache_folder(options["cache_dir"], root)
    if folder is None:
        return None
    with timings("cache"):
        settings = {name: config[name] for name in KEY_SETTINGS}
        settings.update(theme=dict(config.theme), plugins=list(config.plugins))
        settings.update(briefing=dict(options))
        folders = [templates_dir, Path(config.docs_dir)]
        key = cache.key_of(cache.key_parts(folders=folders, settings=settings))
        previous, why = cache.load(folder, key)
    log.info("build cache %s: %s", folder, why)
    return CachedBuild(folder, previous, cache.Manifest(key, day=build_day()))


def record_store(cached: CachedBuild, content_dir: Path) -> cache.RecordStore:
    """Where ``load_content`` finds what loading each unchanged content file gave last time
    (read the content's digests first: ``cached.content``)."""
    previous = cached.previous
    if previous is None:
        return cache.RecordStore(content_dir, cached.content)
    return cache.RecordStore(
        content_dir, cached.content, previous.records, previous.manifest.content
    )


def render_changed(
    renderer: Renderer,
    corpus: Corpus,
    index: Index,
    cached: CachedBuild,
    nav_paths: set[str],
    log: logging.Logger,
) -> list[BuilderPage | str]:
    """The pages the changes since the cached build reach, rendered; the others by path."""
    previous = cached.previous
    try:
        changed = previous.changed_records(cached.content)
        before = cache.corpus_before(cached.records, corpus, changed)
        incremental = IncrementalRenderer(renderer)
        incremental.resume(before, previous.manifest.day)
    except (cache.CacheError, OSError, LookupError, ValueError) as error:
        log.info("build cache: %s; building clean", one_line(str(error)))
        cached.previous = None
        return renderer.render_for_builder(index)

    def known(path: str) -> bool:  # a page the cache has, and none the navigation shows
        return path in previous.manifest.pages and path not in nav_paths

    pages = incremental.render_changed(corpus, index, known=known)
    if previous.manifest.day != cached.manifest.day:
        log.info(
            "build cache: built for %s, now %s: %d pages show events that changed side",
            previous.manifest.day,
            cached.manifest.day,
            incremental.retimed,
        )
    return pages


def reuse_unchanged(
    pages: list[BuilderPage | str], cached: CachedBuild, nav_paths: set[str]
) -> list[BuilderPage | str]:
    """Pages whose Markdown and metadata are the cached build's keep its HTML: given by path.
    (A page's HTML depends on nothing else that the cache's key does not cover.)"""
    earlier = cached.previous.manifest.pages if cached.previous is not None else {}
    kept: list[BuilderPage | str] = []
    for page in pages:
        if isinstance(page, str):
            cached.manifest.pages[page] = earlier[page]
            kept.append(page)
            continue
        inputs = cache.digest(page.data + cache.meta_bytes(page.read_extras()[1]))
        cached.manifest.pages[page.path] = [inputs, ""]  # its output once MkDocs names it
        same = page.path in earlier and earlier[page.path][0] == inputs
        if same and page.path not in nav_paths:
            kept.append(page.path)
        else:
            kept.append(page)
    return kept


def note_recalled(cached: CachedBuild, file: File) -> None:
    """A data file or feed the cached build made the same is linked from it, not written."""
    if file.src_uri in cached.recalled:
        cached.linked.append(file)


def place_reused_pages(config: MkDocsConfig, files: Files, cached: CachedBuild) -> None:
    """Link the HTML of the pages kept from the cached build into the site, and the data
    files and feeds it made the same; MkDocs' loops then pass over them without work, and
    they leave the list before pages and static files are written (:func:`drop_placed`)."""
    site, earlier = config.site_dir, str(cached.previous.site) if cached.previous else ""
    made = set()  # folders made so far: 10,000s of files, most of them alone in theirs
    for file in [*cached.reused, *cached.linked]:
        folder = os.path.dirname(file.dest_uri)
        if folder not in made:
            os.makedirs(os.path.join(site, folder), exist_ok=True)
            made.add(folder)
        link_or_copy(os.path.join(earlier, file.dest_uri), os.path.join(site, file.dest_uri))
    for file in cached.reused:
        _BuiltPage(None, file, config)
    cached.all_pages = files.documentation_pages()


def drop_placed(files: Files, cached: CachedBuild) -> None:
    """Take what :func:`place_reused_pages` linked out of MkDocs' list: it is in the site."""
    placed = {id(file) for file in [*cached.reused, *cached.linked]}
    for file in [file for file in files if id(file) in placed]:
        files.remove(file)


def index_with_cache(
    site: Path, cached: CachedBuild, pages_per_shard: int, log: logging.Logger
) -> None:
    """Index only the shards whose pages changed; record every page's digest for the next."""
    earlier = cached.previous.manifest if cached.previous is not None else None
    reused = {file.dest_uri for file in cached.reused}

    def page_digest(page: Path) -> str | None:  # known for a page taken from the cache
        name = page.as_posix()
        return earlier.html.get(name) if earlier is not None and name in reused else None

    bundle = EarlierIndex(cached.previous.site / BUNDLE_FOLDER, earlier.search) if earlier else None
    made = index_site(
        site, pages_per_shard=pages_per_shard, earlier=bundle, page_digest=page_digest
    )
    cached.manifest.search, cached.manifest.html = made["shards"], made["pages"]
    shards, kept = made["shards"], earlier.search if earlier is not None else []
    again = sum(a != b for a, b in zip(shards, kept)) if len(kept) == len(shards) else len(shards)
    log.info(
        "build cache: %d of %d pages kept, %d of %d search shards indexed again",
        len(cached.reused),
        len(cached.manifest.pages),
        again,
        len(shards),
    )


def save(
    site: Path,
    cached: CachedBuild,
    content_dir: Path,
    timings: Timings,
    log: logging.Logger,
    *,
    old_site: Path | None = None,
) -> None:
    """Leave this build's state for the next, once its site is in place (``old_site``: the
    site it replaced, which becomes the cache's copy, see ``cache.save``)."""
    if old_site is None and cached.previous is not None:
        # No site before this build (a CI runner restores the cache folder alone): the copy to
        # take is the old cache's. Its files are this site's but for what changed, so only those
        # are linked again, and the old cache leaves no tree of 10,000s of folders to delete.
        # (A save killed meanwhile leaves the old cache not whole: the next build is clean.)
        old_site = cached.previous.site
    with timings("cache"):
        cached.manifest.content = {f"{f}/{k}": v for (f, k), v in cached.content.items()}
        files = {key: content_dir / key[0] / f"{key[1]}.yaml" for key in cached.content}
        why_not = cache.save(
            cached.folder, site, cached.manifest, files, cached.records, old_site=old_site
        )
    if why_not:
        log.info("build cache: %s", one_line(why_not))
