"""Run one step of a build in a forked child process and take back only its result.

A clean build's rendering makes the corpus, the index and the views, and lets them go once
its pages are on disk. Let go in the process that goes on building, most of that memory stays
with it (the allocator keeps what it freed in pieces, and what is still referenced is hard to
tell), and every page worker MkDocs forks next starts from it and copies what it touches.
Made in a child that exits when its work is done, all of it goes back to the system at once.

The child's log records are handled by this process, in order, once it ends: MkDocs counts
warnings there (strict mode). The child dies with this process (a killed build leaves no
renderer behind), and an error in it is raised here, with its traceback as the cause.

The step runs in this process instead where it cannot fork: on a platform without ``fork``,
or while other threads run (the child would inherit locks they hold, as in ``mkdocs serve``).
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from typing import TypeVar

Result = TypeVar("Result")

_PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent ends


class ChildFailed(RuntimeError):
    """The child ended without a result: killed (out of memory?) or crashed."""


class ChildTraceback(Exception):
    """Where an error raised in the child came from, shown as its cause."""

    def __str__(self) -> str:
        return "\n" + self.args[0]


def can_isolate() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def call_isolated(step: Callable[[], Result]) -> Result:
    """``step()``, run in a forked child where possible; its result and logs come back here."""
    if not can_isolate():
        return step()
    for stream in (sys.stdout, sys.stderr):  # else the child writes out this process's buffers too
        stream.flush()
    reading, writing = os.pipe()
    parent = os.getpid()
    child = os.fork()
    if child == 0:
        os.close(reading)
        _run_child(step, writing, parent)  # never returns
    os.close(writing)
    with _reaped(child) as status:
        with os.fdopen(reading, "rb") as pipe:
            try:
                succeeded, value, records = pickle.load(pipe)
            except (EOFError, pickle.UnpicklingError):
                ended = status()
                raise ChildFailed(
                    f"a build step's process ended without a result ({ended})"
                ) from None
    for record in records:
        logging.getLogger(record.name).handle(record)
    if not succeeded:
        error, remote = value
        raise error from ChildTraceback(remote)
    return value


@contextlib.contextmanager
def _reaped(child: int) -> Iterator[Callable[[], str]]:
    """Waits for ``child`` on the way out; kills it first if this process gave up on it."""
    ended: list[int] = []

    def status() -> str:
        if not ended:
            ended.append(os.waitpid(child, 0)[1])
        code = ended[0]
        if os.WIFSIGNALED(code):
            return f"killed by {signal.Signals(os.WTERMSIG(code)).name}"
        return f"exit status {os.waitstatus_to_exitcode(code)}"

    try:
        yield status
    except BaseException:
        if not ended:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGKILL)
        raise
    finally:
        if not ended:
            status()


def _run_child(step: Callable[[], Result], writing: int, parent: int) -> None:
    exit_code = 1
    try:
        die_with_parent(parent)
        records = _collect_log_records()
        try:
            outcome = (True, step(), records)
        except BaseException as error:
            outcome = (False, (picklable(error), traceback.format_exc()), records)
        with os.fdopen(writing, "wb") as pipe:
            pickle.dump(outcome, pipe, protocol=pickle.HIGHEST_PROTOCOL)
        exit_code = 0
    except BaseException:
        traceback.print_exc()  # the result did not pickle, or the pipe broke: said here, then gone
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        # Skips this process's exit handlers and collections: the system takes the memory back.
        os._exit(exit_code)


def die_with_parent(parent: int) -> None:
    """In a child process: be killed when ``parent`` dies (Linux). Elsewhere, a killed build's
    child finishes its work alone, then finds no reader."""
    with contextlib.suppress(AttributeError, OSError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # it died before the request took effect
        os._exit(1)


def _collect_log_records() -> list[logging.LogRecord]:
    """Every logger with handlers passes its records to a list instead, in this process only
    (its own forked workers still write theirs out)."""
    records: list[logging.LogRecord] = []
    loggers = [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]
    for logger in loggers:
        if isinstance(logger, logging.Logger) and logger.handlers:
            logger.handlers = [_Collector(records, logger.handlers)]
    return records


class _Collector(logging.Handler):
    def __init__(self, records: list[logging.LogRecord], handlers: list[logging.Handler]) -> None:
        super().__init__()
        self.records, self.handlers, self.pid = records, handlers, os.getpid()

    def emit(self, record: logging.LogRecord) -> None:
        if os.getpid() != self.pid:  # a worker forked by the child
            for handler in self.handlers:
                if record.levelno >= handler.level:
                    handler.handle(record)
            return
        record.msg, record.args = record.getMessage(), None  # the arguments may not pickle
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.exc_info = None
        if not self.records or self.records[-1] is not record:  # once, whoever else handles it
            self.records.append(record)


def picklable(error: BaseException) -> BaseException:
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error
