"""Measure one command: wall time, CPU time of it and its children, and peak memory.

Peak memory is sampled, as the sum of the resident sets of the whole process tree
(a build and any worker processes it starts). Forked workers share pages with their
parent, so the sum overstates the real use a little: it is an upper bound.
"""

from __future__ import annotations

import os
import resource
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

SAMPLE_EVERY_S = 0.05


@dataclass(frozen=True)
class Measured:
    command: list[str]
    returncode: int
    wall_s: float
    cpu_s: float  # user + system, of the command and every child it waited for
    peak_rss_bytes: int  # largest sampled sum over the process tree
    output: str  # the last lines it printed

    def as_dict(self) -> dict:
        return {
            "wall_s": round(self.wall_s, 3),
            "cpu_s": round(self.cpu_s, 3),
            "peak_rss_bytes": self.peak_rss_bytes,
            "returncode": self.returncode,
        }


def run_measured(command: list[str], *, cwd: Path, env: dict[str, str] | None = None) -> Measured:
    """Run ``command`` to its end while sampling its memory. Builds here run one at a time,
    so the growth of this process's children's CPU time is the command's own."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryFile() as log:  # a 10k-page build can print a lot: never block on a pipe
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        peak = _sample_until_done(process)
        wall = time.perf_counter() - start
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    tail = "\n".join(output.splitlines()[-40:])
    return Measured(command, process.returncode, wall, cpu, peak, tail)


def _sample_until_done(process: subprocess.Popen) -> int:
    root = psutil.Process(process.pid)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss(root))
        time.sleep(SAMPLE_EVERY_S)
    return peak


def tree_rss(root: psutil.Process) -> int:
    """Resident bytes of ``root`` and all its descendants, now."""
    total = 0
    try:
        processes = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    for process in processes:
        try:
            total += process.memory_info().rss
        except psutil.Error:  # it ended between listing and reading
            pass
    return total


def load_average() -> tuple[float, float, float]:
    """How busy the machine was (other users' work makes timings noisy)."""
    return tuple(round(x, 2) for x in os.getloadavg())  # type: ignore[return-value]
