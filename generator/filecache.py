"""Remember what reading and validating a file gave, while the file stays the same.

``mkdocs serve`` rebuilds after every save; with a cache only the files that changed
are read and validated again. A file counts as unchanged while its path, size and
modification time are; an unchanged file gives back the very same record object,
which lets later steps tell what changed by identity.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable, Sequence
from pathlib import Path
from typing import Any


class FileCache:
    def __init__(self) -> None:
        self._entries: dict[Hashable, tuple[tuple[int, int], Any]] = {}

    def map(self, load: Callable[[Sequence[Any]], list[Any]], jobs: Sequence[Any], path_of: Callable[[Any], Path]) -> list[Any]:
        """``load(jobs)``, calling it only for the jobs whose file is new or changed."""
        stamps = [_stamp(path_of(job)) for job in jobs]
        missing = [n for n, (job, stamp) in enumerate(zip(jobs, stamps)) if self._get(job, stamp) is None]
        for n, result in zip(missing, load([jobs[n] for n in missing])):
            self._entries[jobs[n]] = (stamps[n], result)
        live = set(jobs)
        for job in [job for job in self._entries if job not in live]:  # deleted files
            del self._entries[job]
        return [self._entries[job][1] for job in jobs]

    def _get(self, job: Hashable, stamp: tuple[int, int]) -> Any:
        entry = self._entries.get(job)
        return entry[1] if entry is not None and entry[0] == stamp else None


def _stamp(path: Path) -> tuple[int, int]:
    info = os.stat(path)
    return info.st_mtime_ns, info.st_size
