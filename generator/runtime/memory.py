"""The build's garbage-collector and memory policy, in one place.

A build makes one large, long-lived structure (the corpus, the index, the pages) and
then mostly reads it. Python's cyclic collector would walk all of it again and again
for nothing — the records hold no reference cycles — so the policy is:

- **paused while building** (:func:`gc_paused`): no collection while records are made;
- **frozen while the build lasts** (:func:`frozen_for_build` / :func:`thaw`): what was
  built is moved out of the collector's sight until the build ends;
- **frozen at exit** (:func:`freeze_at_exit`): the last collections at interpreter exit
  would walk everything once more only to free it; the system frees it faster;
- **memory handed back** (:func:`return_freed_memory`) before a memory-hungry child
  process (Pagefind) starts: glibc otherwise keeps freed memory for this process.

Forked workers (``runtime.parallel``) also freeze what they inherit, so their collector
does not touch — and copy — the parent's pages.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while a large, long-lived structure is built.

    Every few hundred new objects Python's collector runs, and its older generations walk
    everything allocated so far: most of the time of loading 10,000s of records went there.
    Records hold no reference cycles, so nothing is missed; the collector is back on after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def frozen_for_build() -> None:
    """Move everything built so far out of the collector's sight until :func:`thaw`."""
    gc.freeze()


def thaw() -> None:
    gc.unfreeze()


def freeze_at_exit() -> None:
    """Leave what a build made to the system at exit (registered once, however often called)."""
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)


def return_freed_memory() -> None:
    """Give memory this process has freed back to the system (glibc keeps it for reuse otherwise)."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (AttributeError, OSError):  # not glibc: the allocator decides alone
        pass
