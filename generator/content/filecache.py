"""Remember what reading and validating a file gave, while the file stays the same.

``mkdocs serve`` rebuilds after every save; with a cache only the files that changed
are read and validated again. A file counts as unchanged while its path, size,
modification and status-change times, inode and mode are (``chmod`` changes only the last
two); an unchanged file gives back the very same record object, which lets later steps
tell what changed by identity. A path that cannot even be looked at (a dangling symlink, a
symlink loop) is loaded again every time, so what its loading reported stays reported.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable, Sequence
from pathlib import Path
from typing import Any

Stamp = tuple[int, int, int, int, int] | None
"""What identifies a version of a file; None when the path cannot be looked at."""


class FileCache:
    def __init__(self) -> None:
        self._entries: dict[Hashable, tuple[Stamp, Any]] = {}

    def map(
        self,
        load: Callable[[Sequence[Any]], list[Any]],
        jobs: Sequence[Any],
        path_of: Callable[[Any], Path],
    ) -> list[Any]:
        """``load(jobs)``, calling it only for the jobs whose file is new or changed."""
        stamps = [_stamp(path_of(job)) for job in jobs]
        missing = [
            n for n, (job, stamp) in enumerate(zip(jobs, stamps)) if self._get(job, stamp) is None
        ]
        for n, result in zip(missing, load([jobs[n] for n in missing])):
            self._entries[jobs[n]] = (stamps[n], result)
        live = set(jobs)
        for job in [job for job in self._entries if job not in live]:  # deleted files
            del self._entries[job]
        return [self._entries[job][1] for job in jobs]

    def _get(self, job: Hashable, stamp: Stamp) -> Any:
        entry = self._entries.get(job)
        return entry[1] if entry is not None and stamp is not None and entry[0] == stamp else None


def _stamp(path: Path) -> Stamp:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino, info.st_mode
