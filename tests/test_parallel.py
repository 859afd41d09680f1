"""ordered_map: the same results as a plain loop, in order, on several processes when worthwhile."""

from __future__ import annotations

import os
import threading

from generator import parallel


def _square_with_pid(offset: int, item: int) -> tuple[int, int]:
    return item * item + offset, os.getpid()


def test_results_keep_their_order_and_shared_data_reaches_the_workers(monkeypatch):
    monkeypatch.setenv("BRIEFING_WORKERS", "2")
    items = list(range(parallel.MIN_ITEMS * 3))
    results = parallel.ordered_map(_square_with_pid, items, shared=5)
    assert [value for value, _ in results] == [n * n + 5 for n in items]
    assert len({pid for _, pid in results}) >= 2  # forked workers did the work
    assert os.getpid() not in {pid for _, pid in results}


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
        results = parallel.ordered_map(_square_with_pid, list(range(parallel.MIN_ITEMS * 2)), shared=0)
    finally:
        stop.set()
        thread.join()
    assert {pid for _, pid in results} == {os.getpid()}
