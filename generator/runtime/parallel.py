"""Spread per-file and per-page work over the machine's cores; results keep the input order.

Workers are forked, so they start with the parent's memory (an index, compiled
templates) and only inputs and results cross between processes. Their garbage collector
is on even when the parent's is paused (``runtime.memory.gc_paused``): rendering a page
leaves reference cycles (Jinja's contexts), which would pile up in a worker until it ends;
what a worker inherited is frozen, so its collector walks only what the worker made.

The work runs in this process instead when it is small, when only one core is usable, when the
platform cannot fork, or when other threads are running (a forked child could inherit
a lock another thread holds, as in ``mkdocs serve``). The results are the same
either way. ``BRIEFING_WORKERS=1`` forces one process (to measure the difference).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

MIN_ITEMS = 200  # below this, starting workers costs more than it saves
CHUNKS_PER_WORKER = 4  # a few chunks each, so one slow chunk doesn't leave a core idle
MAX_CHUNK = 250  # and small ones, so few results wait in memory to be sent back
# A worker copies each memory page of the parent it writes to, and reading an object writes its
# reference count: over thousands of items it copies much of what it inherited. From a parent
# this large, those copies are what puts a build over its memory budget (30,000 briefs: a
# render worker copied ~0.4 MB a page), so memory is traded for time: workers are replaced
# every ITEMS_PER_WORKER items (their copies go when they end) and, with ``here_too``, this
# process works beside one worker fewer. Below it (10,000 briefs: ~0.8 GB), both trades cost
# about a fifth of the build's time for a few per cent of its memory, and are not made.
LARGE_PARENT_BYTES = 1.5 * 2**30
ITEMS_PER_WORKER = 250

_shared: Any = None  # what the workers need besides their items, inherited through fork


def ordered_map(
    function: Callable[[Any, Item], Result],
    items: Sequence[Item],
    shared: Any = None,
    *,
    here_too: bool = False,
) -> list[Result]:
    """``[function(shared, item) for item in items]``, on several cores when worthwhile.

    With ``here_too``, a large parent (``LARGE_PARENT_BYTES``) takes chunks as well, and one
    worker fewer is forked: for work that reads most of a large structure (rendering reads the
    whole index), each worker would be one more copy of it."""
    workers = worker_count(len(items))
    if workers < 2:
        return [function(shared, item) for item in items]
    large = _resident_bytes() >= LARGE_PARENT_BYTES
    global _shared
    _shared = shared
    frozen_already = gc.get_freeze_count() > 0  # by a caller that thaws them itself
    gc.freeze()  # the workers' garbage collector leaves inherited objects alone: fewer pages copied
    try:
        size = min(MAX_CHUNK, -(-len(items) // (workers * CHUNKS_PER_WORKER)))
        chunks = [(function, items[i : i + size]) for i in range(0, len(items), size)]
        per_pool = workers * max(1, ITEMS_PER_WORKER // size) if large else len(chunks)
        results: list[Result] = []
        for start in range(0, len(chunks), per_pool):
            results += _run_pool(workers, chunks[start : start + per_pool], here_too and large)
        return results
    finally:
        if not frozen_already:
            gc.unfreeze()
        _shared = None


def worker_count(items: int) -> int:
    if items < MIN_ITEMS or threading.active_count() > 1:
        return 1
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    requested = os.environ.get("BRIEFING_WORKERS", "")
    if requested.isdigit() and int(requested) > 0:
        return int(requested)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _resident_bytes() -> int:
    """This process's resident memory (0 where the system does not say)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _run_pool(workers: int, chunks: list, here_too: bool) -> list:
    # Again before each fork: the results of the last pool are new objects in the collector's
    # youngest generation, which a worker's first collection would walk, copying them all.
    gc.freeze()
    context = multiprocessing.get_context("fork")
    helpers = workers - 1 if here_too else workers
    with ProcessPoolExecutor(helpers, mp_context=context, initializer=gc.enable) as pool:
        if here_too:
            return _map_here_too(pool, chunks, helpers)
        return [result for chunk in pool.map(_run_chunk, chunks) for result in chunk]


def _map_here_too(pool: ProcessPoolExecutor, chunks: list, helpers: int) -> list:
    """Chunks in order: to the pool while a worker has none to do, to this process otherwise
    (so both cores work even when a pool gets two chunks: one each); this process's garbage is
    collected meanwhile, as a worker's."""
    sent: dict[int, Future] = {}
    done_here: dict[int, list] = {}
    collecting = gc.isenabled()
    gc.enable()  # what existed before is frozen (ordered_map): only the chunks' objects are walked
    try:
        for n, chunk in enumerate(chunks):
            if sum(not future.done() for future in sent.values()) < helpers:
                sent[n] = pool.submit(_run_chunk, chunk)
            else:
                done_here[n] = _run_chunk(chunk)
    finally:
        if not collecting:
            gc.disable()
    ordered = (done_here[n] if n in done_here else sent[n].result() for n in range(len(chunks)))
    return [result for chunk in ordered for result in chunk]


def _run_chunk(job: tuple[Callable[[Any, Item], Result], Sequence[Item]]) -> list[Result]:
    function, chunk = job
    return [function(_shared, item) for item in chunk]
