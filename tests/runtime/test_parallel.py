"""ordered_map: the same results as a plain loop, in order, on several processes when worthwhile."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from generator.runtime import parallel


def _square_with_pid(offset: int, item: int) -> tuple[int, int]:
    return item * item + offset, os.getpid()


def _slow_square_with_pid(offset: int, item: int) -> tuple[int, int]:
    time.sleep(0.002)  # long enough that every worker gets chunks, even on a busy machine
    return _square_with_pid(offset, item)


def run_with_two_workers(script: str) -> str:
    """What ``script`` prints, run in a fresh process (this one may have threads running, test
    servers, and then ordered_map rightly refuses to fork)."""
    env = {**os.environ, "BRIEFING_WORKERS": "2"}
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        check=True,
    )
    return result.stdout


def test_results_keep_their_order_and_shared_data_reaches_the_workers():
    script = (
        "import os; from generator.runtime import parallel; from tests.runtime.test_parallel import _slow_square_with_pid as f\n"
        "items = list(range(parallel.MIN_ITEMS * 3))\n"
        "results = parallel.ordered_map(f, items, shared=5)\n"
        "assert [v for v, _ in results] == [n * n + 5 for n in items]\n"
        "pids = {pid for _, pid in results}\n"
        "print(len(pids), os.getpid() in pids)\n"
    )
    workers, in_parent = run_with_two_workers(script).split()
    assert int(workers) >= 2 and in_parent == "False"  # forked workers did the work


def test_small_jobs_and_one_worker_stay_in_this_process(monkeypatch):
    monkeypatch.setenv("BRIEFING_WORKERS", "2")
    few = parallel.ordered_map(_square_with_pid, list(range(parallel.MIN_ITEMS - 1)), shared=0)
    assert {pid for _, pid in few} == {os.getpid()}
    monkeypatch.setenv("BRIEFING_WORKERS", "1")
    many = parallel.ordered_map(_square_with_pid, list(range(parallel.MIN_ITEMS * 2)), shared=0)
    assert {pid for _, pid in many} == {os.getpid()}


def test_it_never_forks_while_other_threads_run(monkeypatch):
    monkeypatch.setenv("BRIEFING_WORKERS", "2")
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        results = parallel.ordered_map(
            _square_with_pid, list(range(parallel.MIN_ITEMS * 2)), shared=0
        )
    finally:
        stop.set()
        thread.join()
    assert {pid for _, pid in results} == {os.getpid()}


def test_objects_a_caller_froze_stay_frozen_after_the_workers_are_done():
    # The build freezes its corpus for its whole length; a map on the workers must not thaw it.
    script = (
        "import gc; from generator.runtime import parallel; from tests.runtime.test_parallel import _square_with_pid as f\n"
        "items = list(range(parallel.MIN_ITEMS * 2))\n"
        "parallel.ordered_map(f, items, shared=0)\n"
        "thawed = gc.get_freeze_count()\n"
        "gc.freeze(); frozen = gc.get_freeze_count()\n"
        "parallel.ordered_map(f, items, shared=0)\n"
        "print(thawed, frozen > 0, gc.get_freeze_count() >= frozen)\n"
    )
    assert run_with_two_workers(script).split() == ["0", "True", "True"]
