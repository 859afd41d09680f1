"""Folder operations that never lose the user's files: a build either replaces a
folder whole or leaves it exactly as it was."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def replaced_whole(target: Path) -> Iterator[Path]:
    """Yield an empty staging folder; on success it takes ``target``'s place.

    If the block raises, the staging folder is removed and ``target`` is untouched.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)


class SetAside:
    """Moves a folder aside while it is rebuilt in place, and puts it back if the rebuild fails.

    For builders (like MkDocs) that empty their output folder before writing it.
    """

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.aside = self.folder.with_name(f".{self.folder.name}.previous")

    def set_aside(self) -> None:
        self.discard()
        if self.folder.is_dir():
            self.folder.rename(self.aside)

    def restore(self) -> None:
        if self.aside.is_dir():
            shutil.rmtree(self.folder, ignore_errors=True)
            self.aside.rename(self.folder)

    def discard(self) -> None:
        shutil.rmtree(self.aside, ignore_errors=True)
