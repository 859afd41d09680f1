"""What a built site costs its readers: pages, bytes, and what a first search downloads.

Search is measured for whichever engine the build produced: Material's lunr index
(``search/search_index.json``, fetched whole by the search worker) or Pagefind
(``pagefind/``: see :func:`_pagefind`), in the bytes GitHub Pages sends.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
from pathlib import Path

GZIP_SAMPLE = 500
PAGEFIND_FIRST_RESULTS = 5  # fragments Pagefind's default UI loads for a first result page
COMPRESSED_IN_TRANSIT = {".js", ".css", ".json"}  # what a first search fetches as text


def site_metrics(site: Path) -> dict:
    pages = {path: path.stat().st_size for path in site.rglob("*.html")}
    total = sum(path.stat().st_size for path in site.rglob("*") if path.is_file())
    largest = max(pages, key=pages.__getitem__) if pages else None
    return {
        "pages": len(pages),
        "site_bytes": total,
        "median_page_bytes": int(statistics.median(pages.values())) if pages else 0,
        "largest_page_bytes": pages[largest] if largest else 0,
        "largest_page": largest.relative_to(site).as_posix() if largest else None,
        "median_page_gzip_bytes": _median_gzipped(sorted(pages)),
        "first_search": first_search(site),
    }


def _median_gzipped(pages: list[Path], sample: int = GZIP_SAMPLE) -> int:
    """What a reader downloads for a median page from a server that compresses (as GitHub
    Pages does), over an evenly spread sample of the pages."""
    if not pages:
        return 0
    chosen = pages[:: max(1, len(pages) // sample)]
    return int(statistics.median(len(gzip.compress(path.read_bytes(), 6)) for path in chosen))


def first_search(site: Path) -> dict:
    """Bytes the browser fetches for the first search on the home page."""
    if (site / "pagefind").is_dir():
        return _pagefind(site)
    if (site / "search" / "search_index.json").is_file():
        return _lunr(site)
    return {"engine": "none", "bytes": 0, "files": {}}


def _lunr(site: Path) -> dict:
    files = [
        site / "search" / "search_index.json",
        *sorted(site.glob("assets/javascripts/workers/search*.js")),
    ]
    return _summed("lunr", site, files)


def _pagefind(site: Path) -> dict:
    """What the search page fetches, in a real browser, to show the first results: the
    entry files, API and worker, the scripts and styles the search page loads beyond the
    home page's, the WebAssembly and metadata for the site's language, one index chunk and
    the first page of result fragments. Filters count when the page uses Pagefind's default
    UI, which fetches them all as it starts; the site's own UI fetches them when the filter
    panel is opened, reported as ``filters_on_open_bytes``. A site indexed in shards
    (``pagefind/shards.json``) costs, for each further shard, its entry file, its metadata
    and its own index chunk for the word."""
    folder = site / "pagefind"
    search_page = site / "search" / "index.html"
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    language, details = next(iter(entry.get("languages", {}).items()))
    files = [folder / "pagefind-entry.json", folder / "pagefind.js", folder / "pagefind-worker.js"]
    files += _loaded_beyond_home(search_page, site)
    files += [folder / f"wasm.{details.get('wasm') or language}.pagefind"]
    shards = [folder, *(folder / name for name in _shard_folders(folder))]
    if len(shards) > 1:
        files += [folder / "shards.json"] + [shard / "pagefind-entry.json" for shard in shards[1:]]
    files += [_metadata(shard, language) for shard in shards]
    filters = sorted(f for shard in shards for f in shard.glob(f"filter/{language}_*.pf_filter"))
    default_ui = folder / "pagefind-ui.js" in files
    if default_ui:
        files += filters
    result = _summed("pagefind", site, [f for f in files if f.is_file()])
    # A one-word query reads a chunk of each shard: count the largest (a common word's), to be
    # safe, and, as "typical_bytes", the median instead (a rarer word).
    chunks = [_by_size(shard.glob("index/*.pf_index")) for shard in shards]
    chunks = [sizes for sizes in chunks if sizes]
    largest = sum(sizes[-1].stat().st_size for sizes in chunks)
    median = sum(sizes[len(sizes) // 2].stat().st_size for sizes in chunks)
    if chunks:
        several = f"{len(chunks)} index chunks (largest)"
        result["files"]["index chunk (largest)" if len(chunks) == 1 else several] = largest
    fragments = _by_size(f for shard in shards for f in shard.glob("fragment/*.pf_fragment"))
    if fragments:
        per_page = _results_per_page(search_page)
        result["files"][f"{per_page} result fragments (median size)"] = (
            per_page * fragments[len(fragments) // 2].stat().st_size
        )
    result["bytes"] = sum(result["files"].values())
    if chunks:
        result["typical_bytes"] = result["bytes"] - largest + median
    on_open = 0 if default_ui else sum(path.stat().st_size for path in filters)
    result["filters_on_open_bytes"] = on_open
    result["shards"] = len(shards)
    return result


def _shard_folders(bundle: Path) -> list[str]:
    listed = bundle / "shards.json"
    return json.loads(listed.read_text(encoding="utf-8")) if listed.is_file() else []


def _metadata(bundle: Path, language: str) -> Path:
    """The bundle's metadata file for ``language`` (its name holds a hash of the bundle's index)."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    details = entry["languages"].get(language, {"hash": "none"})  # a shard without the language
    return bundle / f"pagefind.{details['hash']}.pf_meta"


def _by_size(files) -> list[Path]:
    return sorted(files, key=lambda path: path.stat().st_size)


def _loaded_beyond_home(page: Path, site: Path) -> list[Path]:
    """The scripts and styles ``page`` loads that the home page did not (already cached)."""
    return sorted(_assets_of(page, site) - _assets_of(site / "index.html", site))


def _assets_of(page: Path, site: Path) -> set[Path]:
    html = page.read_text(encoding="utf-8") if page.is_file() else ""
    links = re.findall(r'(?:src|href)="([^"#?]+\.(?:js|css))"', html)
    root = site.resolve()
    found = ((page.parent / link).resolve() for link in links)
    return {
        site / path.relative_to(root)
        for path in found
        if path.is_relative_to(root) and path.is_file()
    }


def _results_per_page(search_page: Path) -> int:
    """Results whose fragments the first page of results fetches: the site's search page
    says how many (``data-results-per-page``); Pagefind's default UI shows five."""
    html = search_page.read_text(encoding="utf-8") if search_page.is_file() else ""
    found = re.search(r'data-results-per-page="(\d+)"', html)
    return int(found.group(1)) if found else PAGEFIND_FIRST_RESULTS


def served_size(path: Path) -> int:
    """Bytes over the wire from GitHub Pages, which compresses text files; Pagefind's
    index files and WebAssembly are compressed already and served as they are."""
    data = path.read_bytes()
    return len(gzip.compress(data, 6)) if path.suffix in COMPRESSED_IN_TRANSIT else len(data)


def _summed(engine: str, site: Path, files: list[Path]) -> dict:
    sizes = {path.relative_to(site).as_posix(): served_size(path) for path in files}
    return {"engine": engine, "bytes": sum(sizes.values()), "files": sizes}
