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
PAGEFIND_FIRST_RESULTS = 5  # fragments the default Pagefind UI loads for a first result page
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
    files = [site / "search" / "search_index.json", *sorted(site.glob("assets/javascripts/workers/search*.js"))]
    return _summed("lunr", site, files)


def _pagefind(site: Path) -> dict:
    """What the search page fetches, in a real browser, to show the first results: the
    entry files, API and worker, the UI it loads, the WebAssembly and metadata for the
    site's language, every filter (the default UI loads them all to show its facets),
    one index chunk and the first page of result fragments."""
    folder = site / "pagefind"
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    language, details = next(iter(entry.get("languages", {}).items()))
    files = [folder / "pagefind-entry.json", folder / "pagefind.js", folder / "pagefind-worker.js"]
    files += _pagefind_files_loaded_by(site / "search" / "index.html", folder)
    files += [folder / f"wasm.{details.get('wasm') or language}.pagefind", folder / f"pagefind.{details['hash']}.pf_meta"]
    files += sorted(folder.glob(f"filter/{language}_*.pf_filter"))
    chunks = sorted(folder.glob("index/*.pf_index"), key=lambda p: p.stat().st_size)
    fragments = sorted(folder.glob("fragment/*.pf_fragment"), key=lambda p: p.stat().st_size)
    result = _summed("pagefind", site, [f for f in files if f.is_file()])
    if chunks:  # a one-word query reads one chunk; count the largest, to be safe
        result["files"]["index chunk (largest)"] = chunks[-1].stat().st_size
    if fragments:
        median = fragments[len(fragments) // 2].stat().st_size
        result["files"][f"{PAGEFIND_FIRST_RESULTS} result fragments (median size)"] = PAGEFIND_FIRST_RESULTS * median
    result["bytes"] = sum(result["files"].values())
    return result


def _pagefind_files_loaded_by(page: Path, folder: Path) -> list[Path]:
    """The Pagefind UI scripts and styles a page loads (pagefind-ui.js, …)."""
    html = page.read_text(encoding="utf-8") if page.is_file() else ""
    names = set(re.findall(r"pagefind/([\w.-]+\.(?:js|css))", html)) - {"pagefind.js"}
    return [folder / name for name in sorted(names)]


def served_size(path: Path) -> int:
    """Bytes over the wire from GitHub Pages, which compresses text files; Pagefind's
    index files and WebAssembly are compressed already and served as they are."""
    data = path.read_bytes()
    return len(gzip.compress(data, 6)) if path.suffix in COMPRESSED_IN_TRANSIT else len(data)


def _summed(engine: str, site: Path, files: list[Path]) -> dict:
    sizes = {path.relative_to(site).as_posix(): served_size(path) for path in files}
    return {"engine": engine, "bytes": sum(sizes.values()), "files": sizes}
