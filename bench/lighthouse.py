"""Lighthouse (mobile) on the built site: home, a brief, an actor and search.

    python -m bench.lighthouse [SITE_DIR] [PAGE ...]      (`make lighthouse` runs all four)

The site is served from this machine as GitHub Pages serves it (text compressed with gzip), and
Lighthouse from npm (node_modules/.bin/lighthouse) drives Debian's chromium (CHROME_PATH, by
default /usr/bin/chromium) with its default mobile settings: a mid-range phone on a slow 4G
link, simulated. Performance moves a few points with the machine's load: measure on a quiet one.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import json
import os
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


@dataclass(frozen=True)
class Result:
    page: str
    scores: dict[str, int]  # category → 0..100
    metrics: dict[str, str]  # what Lighthouse shows for FCP, LCP, TBT, CLS
    costs: list[str]  # the opportunities it lists, with their estimated savings

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
    metrics = {
        key: audits[key].get("displayValue", "")
        for key in (
            "first-contentful-paint",
            "largest-contentful-paint",
            "total-blocking-time",
            "cumulative-layout-shift",
        )
    }
    costs = [
        f"{a['id']}: {a.get('displayValue', '')}"
        for a in audits.values()
        if a.get("details", {}).get("type") == "opportunity" and (a.get("score") or 1) < 0.9
    ]
    return Result(page, scores, metrics, costs)


def table(results: list[Result]) -> str:
    header = f"{'page':8} " + " ".join(f"{name:>14}" for name in CATEGORIES)
    target = f"{'target':8} " + " ".join(f"{'≥ ' + str(TARGETS[name]):>14}" for name in CATEGORIES)
    rows = [
        f"{r.page:8} " + " ".join(f"{r.scores[name]:>14}" for name in CATEGORIES) for r in results
    ]
    return "\n".join([header, target, *rows])


def main(argv: list[str]) -> int:
    site_dir = Path(argv[0]) if argv else PROJECT / "site"
    pages = argv[1:] or list(PAGES)
    if not (site_dir / "index.html").is_file():
        print(f"{site_dir} is not built: run `make site` first", file=sys.stderr)
        return 2
    if not LIGHTHOUSE.exists():
        print("Lighthouse is not installed: run `npm ci --ignore-scripts`", file=sys.stderr)
        return 2
    results = []
    with served(site_dir) as base_url:
        for page in pages:
            results.append(audit(base_url, page))
            result = results[-1]
            print(
                f"{page}: " + ", ".join(f"{k} {v}" for k, v in result.metrics.items()),
                *(f"  {cost}" for cost in result.costs),
                sep="\n",
                file=sys.stderr,
            )
    print(table(results))
    misses = [miss for result in results for miss in result.misses()]
    print("below target: " + "; ".join(misses) if misses else "every page meets its targets")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
