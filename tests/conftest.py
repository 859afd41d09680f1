"""Shared fixtures: the project's own files, temporary copies to break, real builds."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from hypothesis import settings

# Hypothesis' per-example deadline is a timing assertion: on a loaded machine it fails tests
# whose behaviour is right. Speed is measured by `make bench`, never by a test.
settings.register_profile("project", deadline=None)
settings.load_profile("project")

ROOT = Path(__file__).resolve().parents[1]
SEED_ARTICLE = ROOT.parent / "shared" / "seeds" / "huawei-allies-bloomberg-2019.txt"
SEED_BRIEF = "huawei-5g-allies-2019"
PROJECT_FILES = ("mkdocs.yml", "content", "templates", "docs", "schema")
SEED_TEXT_FILE = (
    "sources/huawei-allies-bloomberg-2019.txt"  # where the shipped brief's source expects it
)


def copy_project(destination: Path) -> Path:
    """Copy the project's site sources (config, content, templates, docs) into ``destination``."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name)
        else:
            shutil.copy2(source, destination / name)
    return destination


def add_seed_text(project: Path) -> Path:
    """Put the seed article where the shipped brief's source names it (sources/ is git-ignored)."""
    target = project / SEED_TEXT_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(SEED_ARTICLE, target)
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A throwaway copy of the project's site sources, safe to edit and build."""
    return copy_project(tmp_path / "project")


@pytest.fixture
def analyst_project(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The project copy, with the seed article as its brief's source text, as the working folder."""
    add_seed_text(project)
    monkeypatch.chdir(project)
    return project


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The shipped content built once with ``mkdocs build --strict``; read-only for tests."""
    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture
def seed_article() -> str:
    if not SEED_ARTICLE.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"seed article missing in CI: {SEED_ARTICLE}")
        pytest.skip("seed article not available beside the repository")
    return SEED_ARTICLE.read_text(encoding="utf-8")


def write(path: Path, text: str) -> Path:
    """Write dedented text, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def mkdocs_build(
    project_dir: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """A real ``mkdocs build --strict`` of a project folder, in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *args],
        cwd=project_dir,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **(env or {})},
    )


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def require(available: bool, what: str) -> None:
    """Skip a test whose tool is missing, except in CI, where a missing tool is a failure."""
    if available:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is required in CI")
    pytest.skip(f"{what} not available")


CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SUBPATH = "/REPO/"  # served the way GitHub Pages serves a project site


class _SubpathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder under SUBPATH only, and 404.html for anything missing, like GitHub Pages."""

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(SUBPATH):
            return str(Path(self.directory) / "\0missing")
        return super().translate_path("/" + path[len(SUBPATH) :])

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

    def log_message(self, *args) -> None:  # keep test output quiet
        pass


@contextlib.contextmanager
def serve(folder: Path):
    """Serve ``folder`` on localhost under SUBPATH; yields the site's base URL."""
    handler = functools.partial(_SubpathHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{SUBPATH}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    require(CHROMIUM.exists(), f"Chromium at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "Playwright for Python")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture(scope="session")
def published_site(tmp_path_factory):
    """The site built as the Pages workflow builds it (site_url set), served under SUBPATH."""
    from helpers.published import build

    site_dir = tmp_path_factory.mktemp("published") / "site"
    site_dir.mkdir()
    with serve(site_dir) as base_url:
        build(site_dir, site_url=base_url)
        yield base_url, site_dir
