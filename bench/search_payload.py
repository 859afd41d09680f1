"""Benchmark: what a reader downloads for a first search, as the site grows.

    .venv/bin/python bench/search_payload.py 1000

Builds a copy of the project with N synthetic briefs (the shipped brief under new ids,
each summary padded with different words), serves it under /REPO/, searches
"National Intelligence Law" in Chromium and prints the bytes of Pagefind files
fetched on opening the search page and after the first search.
Target: the first search stays under 1 MB whatever N (lunr's single index was 57 MB
for 5,000 briefs).
"""

from __future__ import annotations

import random
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from published import CHROMIUM, CHROMIUM_ARGS, build, copy_project, serve  # noqa: E402

SEED = "huawei-5g-allies-2019"


def add_briefs(project: Path, count: int) -> None:
    seed = (project / "content" / "briefs" / f"{SEED}.yaml").read_text(encoding="utf-8")
    words = sorted(set(re.findall(r"[a-z]{4,}", seed.lower())))
    vocabulary = [a + b for a in words for b in words]
    rng = random.Random(1)
    for i in range(count):
        padding = " ".join(rng.choice(vocabulary) for _ in range(60))
        text = seed.replace(f"id: {SEED}", f"id: story-{i:05d}")
        text = text.replace("summary: |\n", f"summary: |\n  Story {i}: {padding}.\n\n", 1)
        (project / "content" / "briefs" / f"story-{i:05d}.yaml").write_text(text, encoding="utf-8")


def first_search_bytes(site_dir: Path) -> tuple[int, int]:
    from playwright.sync_api import sync_playwright

    sizes: dict[str, int] = {}
    with serve(site_dir) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("response", lambda r: "/pagefind/" in r.url and sizes.__setitem__(r.url, len(r.body())))
        page.goto(base_url + "search/", wait_until="networkidle")
        on_open = sum(sizes.values())
        page.locator(".pagefind-ui__search-input").fill("National Intelligence Law")
        page.locator(".pagefind-ui__result-link").first.wait_for(timeout=60000)
        page.wait_for_load_state("networkidle")
        browser.close()
    return on_open, sum(sizes.values())


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as temp:
        project = copy_project(Path(temp) / "project")
        add_briefs(project, count)
        started = time.perf_counter()
        build(project / "site", cwd=project)
        seconds = time.perf_counter() - started
        index_bytes = sum(p.stat().st_size for p in (project / "site" / "pagefind").rglob("*") if p.is_file())
        on_open, after_search = first_search_bytes(project / "site")
    print(f"briefs: {count + 1}  build: {seconds:.1f} s  pagefind folder: {index_bytes / 1e6:.1f} MB  "
          f"search page: {on_open / 1e3:.0f} kB  after first search: {after_search / 1e3:.0f} kB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
