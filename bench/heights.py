"""How tall every kind of page of a built site is, and whether any overflows a phone (issue 20).

    python -m bench.heights SITE [--largest N] [--all] [--max-height PX] [--json FILE]

Serves the built site ``SITE`` (a folder with ``index.html``), opens its pages in Chromium
(Playwright driving ``/usr/bin/chromium``, or ``$CHROMIUM``) at 1,280 px and at 390 px, and
prints, per kind of page, the tallest at 1,280 px and the widest sideways overflow at 390 px
(the page's own, or a table's inside its wrapper). Of the kinds with a page per record, topic,
month or part of a month (briefs, actors, legal instruments, topics, topics' stance matrices,
timeline months and their pages), the ``N`` largest by HTML size are measured, the likeliest to
be the tallest; of the others (stances, readings, network, timeline years…) every page
(``--all``: every page of every kind). Exit status 1 when a page is taller than
``--max-height`` (20,000 px unless told) or overflows at 390 px.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from bench.lighthouse import served

DESKTOP, PHONE = 1280, 390
MAX_HEIGHT = 20_000
LARGEST = 20
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))

# A page's kind, from its address under the site's root (first match wins).
KINDS = (
    ("home", r""),
    ("briefs", r"briefs/"),
    ("briefs-year", r"briefs/by-year/[^/]+/"),
    ("briefs-year-page", r"briefs/by-year/[^/]+/\d+/"),
    ("brief", r"briefs/[^/]+/"),
    ("actors", r"actors/"),
    ("actors-page", r"actors/\d+/"),
    ("actor-page", r"actors/[^/]+/\d+/"),
    ("actor", r"actors/[^/]+/"),
    ("legal-index", r"legal/"),
    ("legal-index-page", r"legal/\d+/"),
    ("legal", r"legal/[^/]+/"),
    ("topics", r"topics/"),
    ("topic", r"topics/[^/]+/"),
    ("topic-page", r"topics/[^/]+/\d+/"),
    ("analysis", r"analysis/"),
    ("stances", r"stances/"),
    ("stances-topic", r"stances/[^/]+/"),
    ("readings", r"readings/"),
    ("network", r"network/"),
    ("timeline", r"timeline/"),
    ("timeline-year", r"timeline/\d{4}/"),
    ("timeline-month", r"timeline/\d{4}-\d\d/"),
    ("timeline-part", r"timeline/\d{4}(-\d\d)?/\d+/"),
    ("search", r"search/"),
)
# Kinds with a page per record, topic, month or part of a month: only the largest are measured
# unless --all (a page's HTML size goes with its height: the largest are the likeliest tallest).
SAMPLED = {
    "brief",
    "actor",
    "actor-page",
    "legal",
    "topic",
    "topic-page",
    "stances-topic",
    "timeline-month",
    "timeline-part",
}

OVERFLOW = """() => {
    const tables = [...document.querySelectorAll('.md-content table')].map(table => {
        const box = table.closest('.table-wrap') || table.parentElement;
        return box.scrollWidth - box.clientWidth;
    });
    return Math.max(document.documentElement.scrollWidth - window.innerWidth, 0, ...tables);
}"""


@dataclass
class Measure:
    path: str
    kind: str
    html_bytes: int
    height: int = 0  # px at 1,280 px wide
    overflow: int = 0  # px of sideways scrolling at 390 px (the page's or a table's)


def kind_of(path: str) -> str | None:
    return next((kind for kind, pattern in KINDS if re.fullmatch(pattern, path)), None)


def site_pages(site: Path) -> list[Measure]:
    """Every page of the site (a folder's index.html) that has a kind, by address."""
    pages = []
    for html in sorted(site.rglob("index.html")):
        folder = html.parent.relative_to(site).as_posix()
        path = "" if folder == "." else folder + "/"
        kind = kind_of(path)
        if kind is not None:
            pages.append(Measure(path, kind, html.stat().st_size))
    return pages


def chosen(pages: list[Measure], largest: int | None) -> list[Measure]:
    """Every page, or of each kind in SAMPLED only the ``largest`` by HTML size."""
    if largest is None:
        return pages
    kept: list[Measure] = []
    for kind in dict.fromkeys(p.kind for p in pages):
        of_kind = [p for p in pages if p.kind == kind]
        if kind in SAMPLED:
            of_kind = sorted(of_kind, key=lambda p: -p.html_bytes)[:largest]
        kept += of_kind
    return kept


def measure(site: Path, pages: list[Measure], progress=None) -> None:
    """Fill in each page's height at 1,280 px and overflow at 390 px."""
    from playwright.sync_api import sync_playwright

    with served(site) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        desktop, phone = (
            browser.new_page(viewport={"width": width, "height": 900}) for width in (DESKTOP, PHONE)
        )
        for n, page in enumerate(pages):
            desktop.goto(base_url + page.path, timeout=180_000)
            page.height = desktop.evaluate("document.documentElement.scrollHeight")
            phone.goto(base_url + page.path, timeout=180_000)
            page.overflow = phone.evaluate(OVERFLOW)
            if progress:
                progress(n + 1, len(pages), page)
        browser.close()


@dataclass
class KindSummary:
    kind: str
    pages: int  # of the site
    measured: int
    tallest: Measure
    widest: Measure
    too_tall: int  # pages over the height limit


def summary(all_pages: list[Measure], measured: list[Measure], limit: int) -> list[KindSummary]:
    rows = []
    for kind, _ in KINDS:
        of_kind = [p for p in measured if p.kind == kind]
        if of_kind:
            rows.append(
                KindSummary(
                    kind,
                    sum(p.kind == kind for p in all_pages),
                    len(of_kind),
                    max(of_kind, key=lambda p: p.height),
                    max(of_kind, key=lambda p: p.overflow),
                    sum(p.height > limit for p in of_kind),
                )
            )
    return rows


def table(rows: list[KindSummary], limit: int) -> str:
    lines = [
        f"{'kind':<20} {'pages':>11} {'tallest px':>10}  {'over':>4}  "
        f"{'overflow@390':>12}  tallest page",
    ]
    for r in rows:
        lines.append(
            f"{r.kind:<20} {r.measured:>5} of {r.pages:<5}"
            f"{r.tallest.height:>7,}  {r.too_tall:>4}  {r.widest.overflow:>12}  /{r.tallest.path}"
        )
    lines.append(f"(over: pages taller than {limit:,} px at {DESKTOP} px wide)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.heights", description=__doc__)
    parser.add_argument("site", type=Path, help="a built site (the folder with index.html)")
    parser.add_argument("--largest", type=int, default=LARGEST, help="pages per record kind")
    parser.add_argument("--all", action="store_true", help="measure every page")
    parser.add_argument("--max-height", type=int, default=MAX_HEIGHT)
    parser.add_argument("--json", type=Path, help="write every measure to this file")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        parser.error(f"{args.site}: not a built site (no index.html)")
    pages = site_pages(args.site)
    todo = chosen(pages, None if args.all else args.largest)

    def progress(done: int, total: int, page: Measure) -> None:
        if done % 50 == 0 or done == total:
            print(f"  {done} of {total} pages measured", file=sys.stderr, flush=True)

    measure(args.site, todo, progress)
    rows = summary(pages, todo, args.max_height)
    print(table(rows, args.max_height))
    if args.json:
        args.json.write_text(json.dumps([asdict(p) for p in todo], indent=1), encoding="utf-8")
    failed = any(r.too_tall or r.widest.overflow > 0 for r in rows)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
