"""Lighthouse (mobile) on the built site: home, a brief, an actor and search.

    python -m bench.lighthouse [--runs N] [SITE_DIR] [PAGE ...]   (`make lighthouse`: all four, 3 runs)

The site is served from this machine as GitHub Pages serves it (text compressed with gzip), and
Lighthouse from npm (node_modules/.bin/lighthouse) drives Debian's chromium (CHROME_PATH, by
default /usr/bin/chromium) with its default mobile settings: a mid-range phone on a slow 4G
link, simulated. Performance moves a few points with the machine's load: measure on a quiet one,
and more than once (--runs): each page's median is held to the targets, and the spread shown.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = PROJECT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
PAGES = {
    "home": "",
    "brief": "briefs/huawei-5g-allies-2019/",
    "actor": "actors/huawei/",
    "search": "search/?q=huawei",
}
_COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
}


@dataclass(frozen=True)
class Result:
    page: str
    scores: dict[str, int]  # category → 0..100
    metrics: dict[str, str]  # what Lighthouse shows for FCP, LCP, TBT, CLS and SI
    costs: list[str]  # the opportunities it lists, with their estimated savings
    render_blocking: list[str]  # what the first paint waited for: paths on the site, sorted

    def misses(self) -> list[str]:
        return [
            f"{self.page} {name} {self.scores[name]} < {target}"
            for name, target in TARGETS.items()
            if self.scores[name] < target
        ]


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files as GitHub Pages does: text gzip-compressed when the browser accepts it."""

    def log_message(self, *args: object) -> None:  # quiet: Lighthouse makes many requests
        pass

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # which redirects "folder" to "folder/"
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in _COMPRESSED and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *_: object) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


@contextlib.contextmanager
def served(site_dir: Path) -> Iterator[str]:
    """The site at http://127.0.0.1:PORT/ for as long as the block runs."""
    handler = functools.partial(_GzipHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def audit(base_url: str, page: str) -> Result:
    """One Lighthouse run (mobile, the four categories) on one of PAGES."""
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        command = [
            str(LIGHTHOUSE),
            base_url + PAGES[page],
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ]
        subprocess.run(command, env=env, check=True, capture_output=True, timeout=300)
        data = json.loads(report.read_text(encoding="utf-8"))
    audits = data["audits"]
    scores = {name: round(100 * (data["categories"][name]["score"] or 0)) for name in CATEGORIES}
    metrics = {short: audits[key].get("displayValue", "") for key, short in METRICS.items()}
    costs = [
        f"{a['id']}: {a.get('displayValue', '')}"
        for a in audits.values()
        if a.get("details", {}).get("type") == "opportunity" and (a.get("score") or 1) < 0.9
    ]
    return Result(page, scores, metrics, costs, _render_blocking(audits, base_url))


def _render_blocking(audits: dict, base_url: str) -> list[str]:
    """The requests that the page's first paint waited for, by Lighthouse's trace insight: every
    render-blocking request that finished before the first paint (whatever it cost)."""
    items = audits["render-blocking-insight"].get("details", {}).get("items", [])
    return sorted(item["url"].removeprefix(base_url) for item in items)


def table(results: list[Result]) -> str:
    header = f"{'page':8} " + " ".join(f"{name:>14}" for name in CATEGORIES)
    target = f"{'target':8} " + " ".join(f"{'≥ ' + str(TARGETS[name]):>14}" for name in CATEGORIES)
    rows = [
        f"{r.page:8} " + " ".join(f"{r.scores[name]:>14}" for name in CATEGORIES) for r in results
    ]
    return "\n".join([header, target, *rows])


def median_result(runs: list[Result]) -> Result:
    """The run whose performance is the median (an odd number of runs gives a real one)."""
    ordered = sorted(runs, key=lambda r: r.scores["performance"])
    return ordered[(len(ordered) - 1) // 2]


def spread(runs: list[Result]) -> str:
    """Each run's performance and metrics, in the order run, for the report."""
    scores = [r.scores["performance"] for r in runs]
    lines = [
        f"performance {scores}: median {statistics.median(scores):g}, spread "
        f"{max(scores) - min(scores)}"
    ]
    lines += [
        f"{short} " + " / ".join(r.metrics[short] for r in runs) for short in METRICS.values()
    ]
    return "\n".join(lines)


def _arguments(argv: list[str]) -> tuple[int, list[str]]:
    if argv[:1] == ["--runs"] and len(argv) > 1 and argv[1].isdigit() and int(argv[1]) > 0:
        return int(argv[1]), argv[2:]
    return 1, argv


def main(argv: list[str]) -> int:
    runs, argv = _arguments(argv)
    site_dir = Path(argv[0]) if argv else PROJECT / "site"
    pages = argv[1:] or list(PAGES)
    if not (site_dir / "index.html").is_file():
        print(f"{site_dir} is not built: run `make site` first", file=sys.stderr)
        return 2
    if not LIGHTHOUSE.exists():
        print("Lighthouse is not installed: run `npm ci --ignore-scripts`", file=sys.stderr)
        return 2
    medians = []
    with served(site_dir) as base_url:
        for page in pages:
            results = [audit(base_url, page) for _ in range(runs)]
            medians.append(median_result(results))
            print(
                f"{page}: waits for " + ", ".join(medians[-1].render_blocking),
                spread(results),
                *(f"  {cost}" for cost in medians[-1].costs),
                sep="\n",
                file=sys.stderr,
            )
    print(table(medians))
    misses = [miss for result in medians for miss in result.misses()]
    print("below target: " + "; ".join(misses) if misses else "every page meets its targets")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
