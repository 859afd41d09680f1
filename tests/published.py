"""Test helpers for the published site: build it with a real engine, serve it under a
GitHub Pages-like subpath, open it in a real browser."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PREFIX = "/REPO/"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PROJECT_FILES = ["mkdocs.yml", "content", "templates", "docs"]


def copy_project(dest: Path) -> Path:
    """The files a site is built from, copied to ``dest`` (so builds never touch the checkout)."""
    dest.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, dest / name)
        else:
            shutil.copy2(source, dest / name)
    return dest


def build(site_dir: Path, *, site_url: str = "", engine: str = "mkdocs", cwd: Path = PROJECT,
          bin_dir: Path = BIN) -> subprocess.CompletedProcess:
    """``<engine> build --strict`` of the project's mkdocs.yml into ``site_dir``; fails the test on error."""
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    command = [str(bin_dir / engine), "build", "--strict", "-f", str(cwd / "mkdocs.yml"), "-d", str(site_dir)]
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{engine} build failed:\n{result.stderr}"
    return result


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under PREFIX only, and 404.html for anything missing, like GitHub Pages."""

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(PREFIX):
            return str(Path(self.directory) / "\0missing")
        return super().translate_path("/" + path[len(PREFIX):])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass


@contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve ``site_dir`` at http://127.0.0.1:<port>/REPO/ and yield that address."""
    handler = functools.partial(_PagesHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def published_site(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """The site built as the Pages workflow builds it (site_url set), served under /REPO/."""
    site_dir = tmp_path_factory.mktemp("published") / "site"
    site_dir.mkdir()
    with serve(site_dir) as base_url:
        build(site_dir, site_url=base_url)
        yield base_url, site_dir


@pytest.fixture(scope="session")
def browser():
    """Chromium driven by Playwright; skipped without a browser, except under CI=true."""
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing; CI must have a browser")
        pytest.skip(f"{CHROMIUM} not found")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()
