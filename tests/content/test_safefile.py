"""safefile: only regular files are read, within a limit counted on the bytes read; anything else
in a content folder or a text_file's place is one line naming the path, under check and serve."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import add_seed_text, copy_project
from generator.content.safefile import UnreadableFile, read_limited
from helpers.oddfiles import ONE_LINE, REASONS, make_odd


def chain(path: Path, target: Path, hops: int) -> Path:
    """``path`` reaching ``target`` through ``hops`` symlinks (0: ``target`` itself)."""
    if hops == 0:
        return target
    for hop in range(hops):
        link = path.with_name(f"{path.name}.{hop}")
        link.symlink_to(target)
        target = link
    return target


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(kind=st.sampled_from(sorted(REASONS)), hops=st.integers(0, 3))
def test_anything_but_a_regular_file_is_refused_with_its_reason(tmp_path_factory, kind, hops):
    folder = tmp_path_factory.mktemp("odd")
    target = make_odd(folder / "odd.yaml", kind)
    path = chain(folder / "link.yaml", target, hops if kind != "file-as-folder" else 0)
    with pytest.raises(UnreadableFile) as refused:
        read_limited(path, 1024)
    assert str(refused.value) == REASONS[kind]


def test_a_name_with_a_nul_is_refused():
    with pytest.raises(UnreadableFile, match="NUL"):
        read_limited(Path("content/briefs/a\0b.yaml"), 10)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(size=st.integers(0, 3 << 20), slack=st.integers(-2, 2))
def test_the_limit_counts_bytes_read(tmp_path_factory, size, slack):
    path = tmp_path_factory.mktemp("sized") / "file.yaml"
    path.write_bytes(b"x" * size)
    limit = max(0, size + slack)
    if size <= limit:
        assert read_limited(path, limit) == b"x" * size
    else:
        with pytest.raises(UnreadableFile, match=f"is larger than {limit:,} bytes"):
            read_limited(path, limit)


def test_the_limit_holds_where_stat_says_nothing():
    status = Path("/proc/self/status")  # a regular file whose stat size is 0
    assert status.stat().st_size == 0 and len(status.read_bytes()) > 100
    with pytest.raises(UnreadableFile, match="is larger than 100 bytes"):
        read_limited(status, 100)


def briefing_check(project: Path, *, as_nobody: bool = False) -> subprocess.CompletedProcess[str]:
    prefix = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"] if as_nobody else []
    return subprocess.run(
        [*prefix, sys.executable, "-m", "generator.cli", "check"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
    )


def assert_one_line_errors(result: subprocess.CompletedProcess[str], *paths: str) -> list[str]:
    """Exit 1; every line but the count is ``file:line:col: message``; each path named at 1:1."""
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    *lines, summary = result.stderr.splitlines()
    assert re.fullmatch(r"(\d+ warning\(s\), )?\d+ error\(s\)", summary)
    for line in lines:
        assert ONE_LINE.match(line), line
    for path in paths:
        assert any(line.startswith(f"{path}:1:1: ") for line in lines), (path, lines)
    return lines


@pytest.mark.parametrize("kind", sorted(set(REASONS) - {"file-as-folder"}))
def test_check_refuses_an_odd_content_file_in_one_line(project, kind):
    make_odd(project / "content" / "actors" / "odd.yaml", kind)
    started = time.monotonic()
    lines = assert_one_line_errors(briefing_check(project), "content/actors/odd.yaml")
    assert time.monotonic() - started < 60
    assert f"content/actors/odd.yaml:1:1: {REASONS[kind]}" in lines


def test_check_refuses_a_content_folder_that_is_not_one(project):
    shutil.rmtree(project / "content" / "legal")
    (project / "content" / "legal").write_text("not a folder")
    lines = assert_one_line_errors(briefing_check(project), "content/legal")
    assert "content/legal:1:1: is a file, not a folder; it should be the folder of legal" in lines


@pytest.fixture
def shared_project() -> Iterator[Path]:
    """A project copy the user nobody can enter (pytest's own temporary folders are root's only)."""
    if shutil.which("setpriv") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("setpriv is required in CI")
        pytest.skip("setpriv not available")
    if os.geteuid() != 0:
        pytest.skip("run as root: the test drops to nobody with setpriv")
    folder = Path(tempfile.mkdtemp(prefix="briefing-unreadable-"))
    try:
        folder.chmod(0o755)
        project = copy_project(folder / "project")
        for path in [project, *project.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        yield project
    finally:
        shutil.rmtree(folder)


def test_an_unreadable_content_file_is_one_line_as_an_unprivileged_user(shared_project):
    brief = shared_project / "content" / "briefs" / "huawei-5g-allies-2019.yaml"
    brief.chmod(0o000)
    label = str(brief.relative_to(shared_project))
    lines = assert_one_line_errors(briefing_check(shared_project, as_nobody=True), label)
    assert f"{label}:1:1: cannot be read (permission denied)" in lines


def test_an_unreadable_source_text_is_an_error_at_its_text_file(shared_project):
    text = add_seed_text(shared_project)
    text.parent.chmod(0o755)
    text.chmod(0o000)
    lines = assert_one_line_errors(briefing_check(shared_project, as_nobody=True))
    [line] = [line for line in lines if "source text" in line]
    assert line.startswith("content/briefs/huawei-5g-allies-2019.yaml:")
    assert line.endswith(
        f"source text '{text.relative_to(shared_project)}' cannot be read (permission denied)"
    )


# --- mkdocs serve: an odd file is a problems page, never a stopped or hung server ----------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(condition: Callable[[], bool], what: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def test_serve_shows_odd_files_as_problems_and_keeps_answering(tmp_path):
    project = copy_project(tmp_path / "project")
    odd = project / "content" / "briefs" / "odd.yaml"
    seed = project / "content" / "briefs" / "huawei-5g-allies-2019.yaml"
    os.mkfifo(odd)  # there from the very first build: opening it must not block the server
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    with (tmp_path / "serve.log").open("wb") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_for(lambda: "Content has problems" in _get(url), "the problems page")
        assert "<code>content/briefs/odd.yaml:1:1</code>" in _get(url)
        for n, kind in enumerate(("dangling", "loop", "device", "folder", "socket"), start=1):
            _remove(odd)
            make_odd(odd, kind)
            # MkDocs' watcher stats what it watches, so it cannot see a symlink to nothing:
            # the next save of any content file rebuilds, as here.
            os.utime(seed, ns=(n * 10**9, n * 10**9))
            _wait_for(lambda: REASONS[kind] in _get(url), f"the problems page for a {kind}")  # noqa: B023
            assert server.poll() is None
        _remove(odd)
        os.utime(seed)
        _wait_for(lambda: "Latest briefs" in _get(url), "the site once the odd file is gone")
        assert server.poll() is None
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert "Traceback" not in (tmp_path / "serve.log").read_text()


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        path.rmdir()
    else:
        path.unlink()
