"""Hostile input (see tests/hostile/README.md): refused with one-line errors, or rendered inert."""

from __future__ import annotations

import re
import resource
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import copy_project, mkdocs_build, serve

HOSTILE = Path(__file__).parent / "hostile"
REJECTED = sorted((HOSTILE / "rejected").glob("*/*.yaml"))
ONE_LINE_ERROR = re.compile(r"^content/(briefs|actors|legal)/[^:]+\.yaml:\d+:\d+: \S.*$")
MEMORY_LIMIT = 1024**3  # bytes of address space a check may use


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT + 512 * 1024**2,) * 2)


def briefing(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The real command, in bounded time and memory."""
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *args],
        cwd=cwd, capture_output=True, text=True, timeout=120, preexec_fn=_limited,
    )


def assert_refused(project: Path, file_name: str) -> None:
    result = briefing("check", cwd=project)
    assert result.returncode == 1, result.stderr
    *errors, summary = result.stderr.splitlines()
    assert errors and summary.endswith("error(s)")
    assert "Traceback" not in result.stderr
    for line in errors:
        assert ONE_LINE_ERROR.match(line), line
    assert any(file_name in line for line in errors)
    out = project / "exported"
    assert briefing("export", str(out), cwd=project).returncode == 1
    assert not out.exists(), "nothing is written from refused content"


@pytest.mark.parametrize("case", REJECTED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_hostile_file_is_refused_with_one_line_errors(project, case):
    shutil.copy(case, project / "content" / case.parent.name / case.name)
    assert_refused(project, case.name)


def test_a_50_mb_file_is_refused_quickly(project):
    huge = project / "content" / "briefs" / "huge.yaml"
    with huge.open("w") as f:
        f.write("id: huge\nsummary: |\n")
        line = "  " + "lorem ipsum " * 8 + "\n"
        f.write(line * (50 * 1024**2 // len(line)))
    assert_refused(project, "huge.yaml")


def test_no_object_tag_is_ever_constructed(project, tmp_path):
    shutil.copy(HOSTILE / "rejected" / "briefs" / "python-object.yaml", project / "content" / "briefs")
    briefing("check", cwd=project)
    assert not Path("/tmp/pwned-by-briefing").exists()


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    for source in (HOSTILE / "inert").glob("*/*.yaml"):
        shutil.copy(source, project / "content" / source.parent.name / source.name)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def hostile_pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("index.html") if "xss" in str(p) or "rtl" in str(p) or "escape" in str(p)
            or "topics" in p.parts]


def test_hostile_content_builds_into_pages_inside_the_site(hostile_site):
    assert (hostile_site / "briefs" / "xss-brief" / "index.html").exists()
    assert (hostile_site / "actors" / "rtl-actor" / "index.html").exists()
    # A topic label full of dots and slashes still makes a page inside topics/.
    assert (hostile_site / "topics" / "escape" / "index.html").exists()
    assert all(p.resolve().is_relative_to(hostile_site.resolve()) for p in hostile_site.rglob("*"))


class _ActiveMarkup(HTMLParser):
    """What a browser would act on: script-like elements, event handlers, script URLs."""

    ACTIVE = ("script", "iframe", "object", "embed", "style", "img", "svg", "math", "details", "base", "meta")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[str] = []  # active elements, in order, with their attributes
        self.handlers: list[str] = []  # event handlers and script URLs: never legitimate here

    def handle_starttag(self, tag, attrs):
        if tag in self.ACTIVE:
            self.elements.append(f"<{tag} {sorted(name for name, _ in attrs)}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"{tag} {name}=")
            if name in ("href", "src", "action") and value and urlsplit(value.strip()).scheme not in ("", "http", "https", "mailto"):
                self.handlers.append(f"{tag} {name}={value}")


def active_markup(path: Path) -> _ActiveMarkup:
    parser = _ActiveMarkup()
    parser.feed(path.read_text())
    return parser


def test_no_payload_survives_as_markup(hostile_site):
    """Hostile pages carry exactly the active elements of a page of the same kind with plain content."""
    plain = {kind: active_markup(hostile_site / kind / name / "index.html").elements
             for kind, name in [("briefs", "huawei-5g-allies-2019"), ("actors", "us-state-department"),
                                ("legal", "china-national-intelligence-law-2017"), ("topics", "5g-networks")]}
    for path in hostile_pages(hostile_site):
        found = active_markup(path)
        assert found.handlers == [], path
        kind = path.relative_to(hostile_site).parts[0]
        if kind in plain:
            assert [e for e in found.elements if e not in plain[kind]] == [], path


@pytest.mark.browser
def test_no_payload_runs_in_a_browser(browser, hostile_site):
    with serve(hostile_site) as base:
        page = browser.new_page()
        visited = 0
        for path in hostile_pages(hostile_site):
            url = base + path.parent.relative_to(hostile_site).as_posix() + "/"
            page.goto(url.replace("/./", "/"))
            page.mouse.move(300, 300)
            page.eval_on_selector_all(
                "article *", "els => els.forEach(e => e.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})))"
            )
            assert page.evaluate("window.__pwned") is None, url
            visited += 1
        page.close()
    assert visited >= 5
