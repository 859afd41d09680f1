"""ordered_map: the same results as a plain loop, in order, on several processes when worthwhile."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import threading
import time
import weakref
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
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
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


def test_workers_are_replaced_after_a_set_number_of_items():
    # A worker's copies of the parent's memory go with it: none lives for the whole map.
    script = (
        "from collections import Counter; from generator.runtime import parallel\n"
        "from tests.runtime.test_parallel import _square_with_pid as f\n"
        "parallel.ITEMS_PER_WORKER = 50; parallel.LARGE_PARENT_BYTES = 0\n"
        "items = list(range(400))\n"
        "results = parallel.ordered_map(f, items, shared=0)\n"
        "assert [v for v, _ in results] == [n * n for n in items]\n"
        "print(max(Counter(pid for _, pid in results).values()))\n"
    )
    # Chunks of 50 items, one per worker before it is replaced.
    assert int(run_with_two_workers(script)) == 50


def _waits_for_the_last_item(marker: str, item: int) -> tuple[int, bool]:
    """Item 0 waits for the last item (399) to be done; True if it saw it done in time."""
    if item == 399:
        Path(marker).touch()
    if item != 0:
        return os.getpid(), True
    deadline = time.monotonic() + 30
    while not Path(marker).exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    return os.getpid(), Path(marker).exists()


def test_a_worker_busy_with_a_slow_chunk_holds_up_no_other_chunk(tmp_path):
    # Workers are replaced one by one: while one is stuck on its chunk, the other chunks are
    # all done by the others and their successors (replacing workers pool by pool, the first
    # pool would wait for the stuck one before any later chunk starts).
    script = (
        "from generator.runtime import parallel\n"
        "from tests.runtime.test_parallel import _waits_for_the_last_item as f\n"
        "parallel.ITEMS_PER_WORKER = 50; parallel.LARGE_PARENT_BYTES = 0\n"
        f"results = parallel.ordered_map(f, list(range(400)), shared={str(tmp_path / 'done')!r})\n"
        "print(results[0][1], len({pid for pid, _ in results}))\n"
    )
    saw_the_last, workers = run_with_two_workers(script).split()
    assert saw_the_last == "True" and int(workers) >= 8  # chunks of 50, one per worker


def _fails_at(bad: int, item: int) -> int:
    if item == bad:
        raise ValueError(f"item {item} is bad")
    return item


def _killed_at(bad: int, item: int) -> int:
    if item == bad and os.getpid() != _TEST_PROCESS:
        os.kill(os.getpid(), 9)
    return item


_TEST_PROCESS = os.getpid()


def test_an_error_in_a_worker_is_raised_here_with_the_workers_traceback():
    script = (
        "import os, traceback; from generator.runtime import parallel\n"
        "from tests.runtime.test_parallel import _fails_at as f\n"
        "try:\n"
        "    parallel.ordered_map(f, list(range(1000)), shared=777)\n"
        "except ValueError as error:\n"
        "    print(error, '|', '_fails_at' in str(error.__cause__))\n"
        "import subprocess; print(subprocess.run(['pgrep', '-P', str(os.getpid())], capture_output=True).stdout.decode().split())\n"
    )
    first, children = run_with_two_workers(script).splitlines()
    message, traced = first.split(" | ")
    assert message == "item 777 is bad" and traced == "True"
    assert children == "[]"  # no worker left behind


def test_a_worker_killed_midway_is_a_failure_naming_the_signal():
    script = (
        "import os; from generator.runtime import parallel, isolated\n"
        "from tests.runtime.test_parallel import _killed_at as f\n"
        "try:\n"
        "    parallel.ordered_map(f, list(range(1000)), shared=500)\n"
        "except isolated.ChildFailed as error:\n"
        "    print(error)\n"
        "import subprocess; print(subprocess.run(['pgrep', '-P', str(os.getpid())], capture_output=True).stdout.decode().split())\n"
    )
    message, children = run_with_two_workers(script).splitlines()
    assert "SIGKILL" in message and children == "[]"


def test_with_here_too_this_process_works_beside_the_worker():
    # Chunks of 250 items, for a worker and for this process: each must take its share, else
    # one core idles while the other renders everything.
    script = (
        "import os; from collections import Counter; from generator.runtime import parallel\n"
        "from tests.runtime.test_parallel import _slow_square_with_pid as f\n"
        "items = list(range(2000)); parallel.LARGE_PARENT_BYTES = 0\n"
        "results = parallel.ordered_map(f, items, shared=0, here_too=True)\n"
        "assert [v for v, _ in results] == [n * n for n in items]\n"
        "done = Counter('here' if pid == os.getpid() else 'worker' for _, pid in results)\n"
        "print(done['here'], done['worker'])\n"
    )
    here, worker = map(int, run_with_two_workers(script).split())
    assert here >= 500 and worker >= 500


def test_a_small_parent_keeps_its_workers_and_leaves_them_the_work():
    # Replacing workers and working beside one fewer save memory only where the parent is
    # large; from a small one they cost time: the same workers do every item.
    script = (
        "import os; from collections import Counter; from generator.runtime import parallel\n"
        "from tests.runtime.test_parallel import _slow_square_with_pid as f\n"
        "parallel.ITEMS_PER_WORKER = 50; parallel.LARGE_PARENT_BYTES = 2**62\n"
        "items = list(range(2000))\n"
        "results = parallel.ordered_map(f, items, shared=0, here_too=True)\n"
        "assert [v for v, _ in results] == [n * n for n in items]\n"
        "done = Counter(pid for _, pid in results)\n"
        "print(len(done), done[os.getpid()])\n"
    )
    workers, here = map(int, run_with_two_workers(script).split())
    assert workers == 2 and here == 0


def test_this_process_knows_its_resident_memory():
    before = parallel._resident_bytes()
    ballast = bytearray(64 * 2**20)
    ballast[::4096] = b"x" * len(ballast[::4096])  # touched: resident
    assert before > 0 and parallel._resident_bytes() >= before + 60 * 2**20


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


def _cycles_left(_: None, item: int) -> tuple[int, bool]:
    """Make a reference cycle, as rendering a template does; report whether a worker's
    collector runs, and how many of the cycles it made are still alive."""
    cycle: list = []
    cycle.append(cycle)
    _made.append(weakref.ref(_Cyclic(cycle)))
    return sum(ref() is not None for ref in _made), gc.isenabled()


class _Cyclic:
    def __init__(self, cycle: list) -> None:
        self.cycle, self.me = cycle, self


_made: list = []


def test_workers_collect_their_own_garbage_while_the_parent_pauses_its_collector():
    # A worker renders thousands of pages; the cycles each leaves must not pile up until it ends.
    script = (
        "import gc; from generator.runtime import parallel, memory\n"
        "from tests.runtime.test_parallel import _cycles_left as f\n"
        "with memory.gc_paused():\n"
        "    results = parallel.ordered_map(f, list(range(parallel.MIN_ITEMS * 10)))\n"
        "print(max(alive for alive, _ in results), all(on for _, on in results))\n"
    )
    most_alive, collecting = run_with_two_workers(script).split()
    assert collecting == "True" and int(most_alive) < parallel.MIN_ITEMS * 5
