"""Writing files without ever changing one of the user's: all of a file or nothing.

:func:`write_new` writes the bytes to a temporary file in the target's folder, then hard-links it
to the target's name. ``link(2)`` fails when the name is taken — by a file, a folder, or a
symlink, dangling or not — so nothing existing is replaced, and there is no moment between a
check and the write in which another program's file could be overwritten. The name appears only
once every byte is on disk, so a full disk or a killed process leaves no half file behind. The
temporary file is removed in every case, and folders made on the way are removed again when the
write fails.

Every failure is an :class:`OSError` naming the target (not the temporary file), so the command
line can print it as one line: ``path: reason``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from pathlib import Path


class TargetExists(FileExistsError):
    """The target's name is taken; what is there was left as it was."""


class NotAFolder(NotADirectoryError):
    """Something on the way to the target is not a folder (a file, a dangling link, a FIFO…)."""


#: link(2) errors meaning "this file system has no hard links", not "you may not write here".
NOT_A_FOLDER = "is not a folder, and a folder is needed there"
TAKEN = "already exists; it was left as it was"

_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS}


def write_new(path: Path, text: str | bytes) -> None:
    """Create ``path`` holding ``text`` (UTF-8), making its folders; never replace anything."""
    path = Path(path)
    data = text.encode("utf-8") if isinstance(text, str) else text
    made = make_folders(path.parent)
    try:
        _named(path, lambda: _publish_new(path, data))
    except BaseException:
        remove_empty(made)
        raise


def replace(path: Path, text: str | bytes) -> None:
    """Put ``text`` at ``path`` in one step: readers see the old file or the new one, never half.

    Only for files the project itself generated; the caller decides that ``path`` is one.
    """
    path = Path(path)
    data = text.encode("utf-8") if isinstance(text, str) else text
    made = make_folders(path.parent)
    try:
        _named(path, lambda: _publish_replacing(path, data))
    except BaseException:
        remove_empty(made)
        raise


def make_folders(folder: Path) -> list[Path]:
    """Create ``folder`` and its missing parents; return those created, outermost first."""
    missing = []
    existing = Path(folder)
    while not os.path.lexists(existing) and existing != existing.parent:
        missing.append(existing)
        existing = existing.parent
    if not existing.is_dir():
        raise NotAFolder(errno.ENOTDIR, NOT_A_FOLDER, str(existing))
    made: list[Path] = []
    try:
        for new_folder in reversed(missing):
            if _named(new_folder, lambda: _make_folder(new_folder)):  # noqa: B023 - called at once
                made.append(new_folder)
    except BaseException:
        remove_empty(made)
        raise
    return made


def _make_folder(folder: Path) -> bool:
    """Make ``folder``; False if another program made it first (then it is not ours to remove)."""
    try:
        folder.mkdir()
    except FileExistsError:
        if folder.is_dir():
            return False
        raise NotAFolder(errno.ENOTDIR, NOT_A_FOLDER, str(folder)) from None
    return True


def _publish_new(path: Path, data: bytes) -> None:
    temporary = _write_temporary(path.parent, data)
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise TargetExists(errno.EEXIST, TAKEN, str(path)) from None
    except OSError as error:
        if error.errno not in _NO_HARD_LINKS:
            raise
        _create_exclusively(path, data)
    finally:
        _remove(temporary)


def _publish_replacing(path: Path, data: bytes) -> None:
    temporary = _write_temporary(path.parent, data)
    try:
        os.replace(temporary, path)
    finally:
        _remove(temporary)


def _write_temporary(folder: Path, data: bytes) -> Path:
    """A new hidden file in ``folder`` holding ``data``, flushed to disk.

    Created with mode 0666 less the umask, as an ordinary new file would be; its name does not
    derive from the target's, so a target name near the length limit still gets a temporary.
    """
    for _ in range(100):
        temporary = folder / f".briefing-{secrets.token_hex(8)}.tmp"
        try:
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _CLOEXEC, 0o666)
            break
        except FileExistsError:
            continue
    else:
        raise FileExistsError(errno.EEXIST, "no free temporary name", str(folder))
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
    except BaseException:
        _remove(temporary)
        raise
    return temporary


def _create_exclusively(path: Path, data: bytes) -> None:
    """Without hard links: create ``path`` only if new; remove it again if writing fails."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | _CLOEXEC, 0o666)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
    except BaseException:
        _remove(path)  # ours: created just above
        raise


def _named(path: Path, action):
    """Run ``action``; an OSError it raises names ``path`` rather than a temporary file."""
    try:
        return action()
    except (TargetExists, NotAFolder):
        raise
    except FileExistsError as error:
        if Path(error.filename or "") == path:
            raise TargetExists(errno.EEXIST, TAKEN, str(path)) from None
        raise OSError(error.errno, error.strerror, str(path)) from None
    except NotADirectoryError:
        raise NotAFolder(errno.ENOTDIR, NOT_A_FOLDER, str(path.parent)) from None
    except OSError as error:
        raise OSError(error.errno, error.strerror or str(error), str(path)) from None


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def remove_empty(folders: list[Path]) -> None:
    """Remove folders this module made, innermost first, as long as they are still empty."""
    for folder in reversed(folders):
        with contextlib.suppress(OSError):
            folder.rmdir()


_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
