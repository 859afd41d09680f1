"""How long an edit to one brief takes to show up in ``make serve``
(``mkdocs serve --dirty --no-strict``).

The server is started on the scratch project, a brief's title is changed on disk,
and its page is fetched until the new title is served. The brief is put back
afterwards, whatever happens.
"""

from __future__ import annotations

import re
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from .project import BenchProject

POLL_EVERY_S = 0.05


def preview_latency(
    project: BenchProject, mkdocs: Path, *, edits: int = 3, timeout_s: float = 300
) -> dict:
    briefs = sorted(project.content.glob("briefs/*.yaml"))
    brief = briefs[len(briefs) // 2]
    port = _free_port()
    url = f"http://127.0.0.1:{port}/briefs/{brief.stem}/"
    original = brief.read_bytes()
    command = [
        str(mkdocs),
        "serve",
        "--dirty",
        "--no-strict",
        "-f",
        str(project.config),
        "-a",
        f"127.0.0.1:{port}",
    ]
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(command, cwd=project.root, stdout=log, stderr=subprocess.STDOUT)
        try:
            start = time.perf_counter()
            _wait_for(url, lambda page: True, timeout_s, server, log)
            first_build = time.perf_counter() - start
            latencies = []
            for n in range(edits):
                marker = f"Edited for the benchmark {n}"
                brief.write_bytes(_with_title(original, marker))
                edited = time.perf_counter()
                _wait_for(url, lambda page: marker in page, timeout_s, server, log)  # noqa: B023 - called here
                latencies.append(time.perf_counter() - edited)
        finally:
            brief.write_bytes(original)
            _stop(server)
    return {
        "briefs": project.briefs,
        "first_build_s": round(first_build, 3),
        "edit_to_page_s": [round(x, 3) for x in latencies],
        "median_edit_to_page_s": round(statistics.median(latencies), 3),
    }


def _with_title(yaml_text: bytes, title: str) -> bytes:
    return re.sub(rb"(?m)^title: .*$", b"title: " + title.encode(), yaml_text, count=1)


def _wait_for(
    url: str, ready: Callable[[str], bool], timeout_s: float, server: subprocess.Popen, log
) -> None:
    deadline = time.perf_counter() + timeout_s
    while time.perf_counter() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"mkdocs serve stopped:\n{_tail(log)}")
        try:
            with urllib.request.urlopen(url, timeout=timeout_s) as response:
                if ready(response.read().decode("utf-8", "replace")):
                    return
        except (urllib.error.URLError, ConnectionError):
            pass  # not listening yet, or the page is being rebuilt
        time.sleep(POLL_EVERY_S)
    raise TimeoutError(f"{url} not ready after {timeout_s} s:\n{_tail(log)}")


def _tail(log) -> str:
    log.seek(0)
    return "\n".join(log.read().decode("utf-8", "replace").splitlines()[-20:])


def _stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
