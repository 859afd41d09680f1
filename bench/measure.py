"""Measure one command: wall time, CPU time of it and its children, and peak memory.

Peak memory is sampled over the whole process tree (a build and the worker processes
it forks), two ways: the sum of resident sets (RSS), which counts the pages forked
workers share with their parent once per process and so overstates, and the sum of
proportional set sizes (PSS, Linux), which shares them out: the memory really used.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

SAMPLE_EVERY_S = 0.05
# Reading a process's PSS makes the kernel walk its page tables, which slows that process:
# a long build is sampled less often (its peaks last seconds, not milliseconds).
SAMPLE_LONG_RUN_EVERY_S = 0.5
LONG_RUN_S = 10


@dataclass(frozen=True)
class Measured:
    command: list[str]
    returncode: int
    wall_s: float
    cpu_s: float  # user + system, of the command and every child it waited for
    peak_rss_bytes: int  # largest sampled sum over the process tree
    peak_pss_bytes: int | None  # the same, counting shared pages once (None where unknown)
    output: str  # the last lines it printed
    noted: tuple[str, ...] = ()  # every line it printed that matched ``note`` (see run_measured)

    def as_dict(self) -> dict:
        return {
            "wall_s": round(self.wall_s, 3),
            "cpu_s": round(self.cpu_s, 3),
            "peak_rss_bytes": self.peak_rss_bytes,
            "peak_pss_bytes": self.peak_pss_bytes,
            "returncode": self.returncode,
        }


def run_measured(
    command: list[str], *, cwd: Path, env: dict[str, str] | None = None, note: str | None = None
) -> Measured:
    """Run ``command`` to its end while sampling its memory. Builds here run one at a time,
    so the growth of this process's children's CPU time is the command's own. Lines it prints
    that match the regular expression ``note`` are kept wherever they come in its output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryFile() as log:  # a 10k-page build can print a lot: never block on a pipe
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        peak_rss, peak_pss = _sample_until_done(process)
        wall = time.perf_counter() - start
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    lines = output.splitlines()
    noted = tuple(line for line in lines if note and re.search(note, line))
    tail = "\n".join(lines[-40:])
    return Measured(command, process.returncode, wall, cpu, peak_rss, peak_pss, tail, noted)


def _sample_until_done(process: subprocess.Popen) -> tuple[int, int | None]:
    root = psutil.Process(process.pid)
    peak_rss, peak_pss = 0, 0
    start = time.perf_counter()
    while process.poll() is None:
        rss, pss = tree_memory(root)
        peak_rss = max(peak_rss, rss)
        peak_pss = max(peak_pss, pss) if pss is not None and peak_pss is not None else None
        long_run = time.perf_counter() - start > LONG_RUN_S
        time.sleep(SAMPLE_LONG_RUN_EVERY_S if long_run else SAMPLE_EVERY_S)
    return peak_rss, peak_pss


def tree_memory(root: psutil.Process) -> tuple[int, int | None]:
    """Resident and proportional bytes of ``root`` and all its descendants, now."""
    rss, pss = 0, 0
    try:
        processes = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0, 0
    for process in processes:
        try:
            info = process.memory_full_info()
        except psutil.AccessDenied:
            info, pss = process.memory_info(), None
        except psutil.Error:  # it ended between listing and reading
            continue
        rss += info.rss
        if pss is not None:
            pss = pss + info.pss if hasattr(info, "pss") else None
    return rss, pss


def load_average() -> tuple[float, float, float]:
    """How busy the machine was (other users' work makes timings noisy)."""
    return tuple(round(x, 2) for x in os.getloadavg())  # type: ignore[return-value]
