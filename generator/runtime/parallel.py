"""Spread per-file and per-page work over the machine's cores; results keep the input order.

Workers are forked, so they start with the parent's memory (an index, compiled
templates) and only inputs and results cross between processes. Their garbage collector
is on even when the parent's is paused (``runtime.memory.gc_paused``): rendering a page
leaves reference cycles (Jinja's contexts), which would pile up in a worker until it ends;
what a worker inherited is frozen, so its collector walks only what the worker made.

The workers are this module's own: forked children fed chunk numbers through a pipe, and this
process (which runs no thread) hands out the next chunk as soon as one is done and forks a
replacement as soon as a worker has done its share. A pool with its own threads could not fork
replacements safely, and replacing a whole pool at once would leave a core idle until its
slowest chunk is done.

The work runs in this process instead when it is small, when only one core is usable, when the
platform cannot fork, or when other threads are running (a forked child could inherit
a lock another thread holds, as in ``mkdocs serve``). The results are the same
either way. ``BRIEFING_WORKERS=1`` forces one process (to measure the difference).
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import selectors
import signal
import struct
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from generator.runtime.isolated import ChildFailed, ChildTraceback, die_with_parent, picklable

Item = TypeVar("Item")
Result = TypeVar("Result")

MIN_ITEMS = 200  # below this, starting workers costs more than it saves
CHUNKS_PER_WORKER = 4  # a few chunks each, so one slow chunk doesn't leave a core idle
MAX_CHUNK = 250  # and small ones, so few results wait in memory to be sent back
# A worker copies each memory page of the parent it writes to, and reading an object writes its
# reference count: over thousands of items it copies much of what it inherited. From a parent
# this large, those copies are what puts a build over its memory budget (30,000 briefs: a
# render worker copied ~0.4 MB a page), so memory is traded for time: a worker is replaced
# once it has done ITEMS_PER_WORKER items (its copies go when it ends) and, with ``here_too``,
# this process works beside one worker fewer. Below it (10,000 briefs: ~0.8 GB), both trades
# cost time for a few per cent of the memory, and are not made.
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
    try:
        size = min(MAX_CHUNK, -(-len(items) // (workers * CHUNKS_PER_WORKER)))
        chunks = [(function, items[i : i + size]) for i in range(0, len(items), size)]
        share = max(1, ITEMS_PER_WORKER // size) if large else len(chunks)
        here = here_too and large
        with _Workers(chunks, workers - 1 if here else workers, share) as team:
            done = team.run(here_too=here)
        return [result for n in range(len(chunks)) for result in done[n]]
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


def _run_chunk(job: tuple[Callable[[Any, Item], Result], Sequence[Item]]) -> list[Result]:
    function, chunk = job
    return [function(_shared, item) for item in chunk]


@dataclass
class _Worker:
    pid: int
    tasks: int  # this process's end of the pipe the worker reads chunk numbers from
    results: int  # and of the one it writes its results to
    given: int = 0  # chunks sent so far
    working_on: int | None = None  # the chunk it has and has not given back


class _Workers:
    """Forked workers doing ``chunks`` (a worker does at most ``share`` of them, then a fresh one
    takes its place), each result kept under its chunk's number."""

    def __init__(self, chunks: list, count: int, share: int):
        self.chunks, self.count, self.share = chunks, count, share
        self.next = 0  # the next chunk nobody has
        self.done: dict[int, list] = {}
        self.workers: dict[int, _Worker] = {}  # by results pipe
        self.ending: list[int] = []  # workers told to end, not yet waited for
        self.selector = selectors.DefaultSelector()

    def __enter__(self) -> _Workers:
        return self

    def __exit__(self, error_type: type | None, *_: object) -> None:
        for worker in list(self.workers.values()):
            if error_type is not None:  # something failed: no worker's work is wanted
                with contextlib.suppress(ProcessLookupError):
                    os.kill(worker.pid, signal.SIGKILL)
            self._retire(worker)
        self.selector.close()
        for pid in self.ending:
            with contextlib.suppress(ChildProcessError):  # reaped already, when it failed
                os.waitpid(pid, 0)

    def run(self, *, here_too: bool) -> dict[int, list]:
        for _ in range(min(self.count, len(self.chunks))):
            self._give(self._fork())
        while len(self.done) < len(self.chunks):
            if here_too and self.next < len(self.chunks):
                self._work_here()
            else:
                self._collect(timeout=None)
        return self.done

    def _work_here(self) -> None:
        """Do the next chunk in this process, seeing to the workers between items; this
        process's garbage is collected meanwhile, as a worker's."""
        n, self.next = self.next, self.next + 1
        function, chunk = self.chunks[n]
        collecting = gc.isenabled()
        gc.enable()  # what existed before is frozen: only the chunk's objects are walked
        try:
            results = []
            for item in chunk:
                results.append(function(_shared, item))
                self._collect(timeout=0)
        finally:
            if not collecting:
                gc.disable()
        self.done[n] = results

    def _collect(self, timeout: float | None) -> None:
        """Take the results that are ready (waiting up to ``timeout`` seconds for one) and give
        each worker that is done its next chunk, or a successor."""
        for key, _ in self.selector.select(timeout):
            worker = self.workers[key.fd]
            n, (succeeded, value) = _receive(worker.results, worker)
            worker.working_on = None
            if not succeeded:
                error, remote = value
                raise error from ChildTraceback(remote)
            self.done[n] = value
            if worker.given >= self.share:
                self._retire(worker)
                if self.next < len(self.chunks):
                    self._give(self._fork())
            else:
                self._give(worker)

    def _give(self, worker: _Worker) -> None:
        if self.next >= len(self.chunks):
            return
        worker.working_on, self.next = self.next, self.next + 1
        worker.given += 1
        os.write(worker.tasks, struct.pack("!q", worker.working_on))

    def _fork(self) -> _Worker:
        # Frozen again before each fork: what this process made since (results, mostly) would
        # otherwise be walked by the worker's first collection, copying it all.
        gc.freeze()
        for stream in (sys.stdout, sys.stderr):  # else the worker writes out these buffers too
            stream.flush()
        task_read, task_write = os.pipe()
        result_read, result_write = os.pipe()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:
            try:
                self.selector.close()
                for worker in self.workers.values():  # theirs: they must see their pipes close
                    os.close(worker.tasks)
                    os.close(worker.results)
                os.close(task_write)
                os.close(result_read)
                die_with_parent(parent)
                _serve(self.chunks, task_read, result_write)
            finally:
                os._exit(1)  # only when serving failed: _serve exits itself
        os.close(task_read)
        os.close(result_write)
        worker = _Worker(pid, task_write, result_read)
        self.workers[result_read] = worker
        self.selector.register(result_read, selectors.EVENT_READ)
        return worker

    def _retire(self, worker: _Worker) -> None:
        """Close its pipes: it ends when it reads that there is no more. It is waited for
        later, so that this process need not wait while the system takes its memory back."""
        self.selector.unregister(worker.results)
        del self.workers[worker.results]
        os.close(worker.tasks)
        os.close(worker.results)
        self.ending.append(worker.pid)
        self.ending = [pid for pid in self.ending if not _has_ended(pid)]


def _serve(chunks: list, tasks: int, results: int) -> None:
    """A worker's life: the chunks whose numbers it reads, each chunk's results written back,
    until the pipe is closed."""
    gc.enable()
    while header := _read_exactly(tasks, 8):
        (n,) = struct.unpack("!q", header)
        try:
            outcome = (True, _run_chunk(chunks[n]))
        except BaseException as error:
            outcome = (False, (picklable(error), traceback.format_exc()))
        _send(results, (n, outcome))
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    # Skips exit handlers and collections: the system takes the worker's memory back at once.
    os._exit(0)


def _send(fd: int, message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(struct.pack("!q", len(data)) + data)
    while view:
        view = view[os.write(fd, view) :]


def _receive(fd: int, worker: _Worker) -> Any:
    """The next message from a worker; ChildFailed if it ended without sending it."""
    header = _read_exactly(fd, 8)
    body = _read_exactly(fd, struct.unpack("!q", header)[0]) if header else b""
    if not header or body is None:
        raise ChildFailed(f"a worker process ended without its results ({_ended(worker.pid)})")
    return pickle.loads(body)


def _read_exactly(fd: int, size: int) -> bytes | None:
    """``size`` bytes from ``fd``, or None when it ends before (b"" when it ends at once)."""
    parts, got = [], 0
    while got < size:
        part = os.read(fd, min(size - got, 1 << 20))
        if not part:
            return b"" if got == 0 else None
        parts.append(part)
        got += len(part)
    return b"".join(parts)


def _has_ended(pid: int) -> bool:
    try:
        return os.waitpid(pid, os.WNOHANG)[0] != 0
    except ChildProcessError:  # reaped already
        return True


def _ended(pid: int) -> str:
    status = os.waitpid(pid, 0)[1]
    if os.WIFSIGNALED(status):
        return f"killed by {signal.Signals(os.WTERMSIG(status)).name}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"
