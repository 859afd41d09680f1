"""The one output-folder policy: what the project writes whole (the built site, an export) is
written beside its target and swapped in once complete, so that at every instant the target is
either the last complete folder or the new complete one, and the last good one is deleted only
once a new complete one has taken its place.

    output = StagedFolder(Path("site"), marker=SITE_MARKER)
    staging = output.open()   # .site.building-XXXX beside site/, locked while it is written
    ...                       # write everything into staging
    output.publish()          # swapped in atomically (renameat2 RENAME_EXCHANGE); the old one deleted
    # or output.discard()     # on failure: the staging folder goes, site/ is untouched

A target is replaced only if it is absent, an empty folder, or a folder this project wrote (it holds
the marker file); a file, a symbolic link, a mount point or a folder of the user's is refused with a
``FolderError`` whose message is one line. Staging folders of killed builds (their lock is no longer
held) are removed, or put back if a swap was killed half-way, when the next build opens.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import secrets
import shutil
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from generator.content.problems import one_line
from generator.runtime.isolated import die_with_parent

SITE_MARKER = ".briefing-site"
# Names of our folders beside a target: one being written, and an old one set aside by a swap
# without RENAME_EXCHANGE. `previous` is what builds before this policy set aside.
BUILDING, REPLACED, LEGACY_PREVIOUS = "building", "replaced", "previous"

_RENAME_EXCHANGE = 1 << 1
_AT_FDCWD = -100
# Errors of renameat2 that mean "not supported here" (old kernel, file system without exchange).
_NO_EXCHANGE = {errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP}


class FolderError(Exception):
    """A target folder that cannot be replaced, or a swap that failed; the message is one line."""

    def __init__(self, message: str):
        super().__init__(one_line(message))


class StagedFolder:
    """A target folder replaced whole: built in a locked sibling folder, then swapped in."""

    def __init__(
        self, target: Path, *, marker: str, earlier_version: Callable[[Path], bool] | None = None
    ):
        self.shown = str(target)  # as the user wrote it, for messages
        self.target = Path(os.path.abspath(target))
        self.marker = marker
        # Recognises a folder this project wrote before it had a marker.
        self.earlier_version = earlier_version or (lambda folder: False)
        self.staging: Path | None = None
        self._lock: int | None = None

    def check(self, *, deep: bool = True) -> None:
        """Raise ``FolderError`` unless the target is absent or a folder of ours that can be replaced
        (``deep``: down to each subfolder, which must be removable after the swap)."""
        try:
            mode = os.lstat(self.target).st_mode
        except FileNotFoundError:
            return
        except OSError as error:
            raise FolderError(f"{self.shown}: cannot be read: {error.strerror}") from None
        if stat.S_ISLNK(mode):
            raise FolderError(
                f"{self.shown} is a symbolic link; give the folder itself, or remove the link"
            )
        if not stat.S_ISDIR(mode):
            raise FolderError(
                f"{self.shown} exists and is not a folder; move it away or choose another path"
            )
        if os.path.ismount(self.target):
            raise FolderError(
                f"{self.shown} is a mount point: it cannot be swapped for a new folder; "
                "choose a folder inside it"
            )
        try:
            ours = self._ours()
        except OSError as error:
            raise FolderError(f"{self.shown}: cannot be read: {error.strerror}") from None
        if not ours:
            raise FolderError(
                f"{self.shown} exists and was not written by briefing (no {self.marker} "
                "file); move it away or choose another path"
            )
        if deep:
            self._check_removable()

    def open(self) -> Path:
        """Create and lock the staging folder beside the target; return it."""
        self.check()
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise FolderError(
                f"{self.shown}: cannot create its parent folder: {error.strerror}"
            ) from None
        with self._parent_locked():
            self._clean_stale()
            self.staging = self._new_folder()
            self._lock = _hold_lock(self.staging)
        return self.staging

    def publish(self, *, keep_old: bool = False) -> Path | None:
        """Swap the completed staging folder in for the target, then delete the old one; or,
        with ``keep_old``, return where the old one is (None if there was none): it stays
        locked, and is deleted by :meth:`discard` unless the caller has moved it away."""
        assert self.staging is not None, "publish() without open()"
        (self.staging / self.marker).write_text(
            "Written by briefing; the next build or export replaces this folder whole.\n",
            encoding="utf-8",
        )
        with self._parent_locked():
            self.check(deep=False)  # the target may have changed while the new one was written
            old = self._swap()
            self.staging = None
            self._release()
            if old is not None and keep_old:
                # Locked before the parent is let go: no other build's cleaning takes it.
                self.staging, self._lock = old, _hold_lock(old)
                return old
            if old is not None:
                _remove(old)
        return None

    def discard(self) -> None:
        """Remove the staging folder (a failed build; the target is left as it was), or the old
        folder that ``publish(keep_old=True)`` kept, if it is still there."""
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None
        self._release()

    # -- inside --------------------------------------------------------------------------------

    def _ours(self) -> bool:
        marker = self.target / self.marker
        if marker.is_file() and not marker.is_symlink():
            return True
        with os.scandir(self.target) as entries:
            empty = next(entries, None) is None
        return empty or self.earlier_version(self.target)

    def _check_removable(self) -> None:
        """The old folder is deleted after the swap: refuse now what could not be deleted then.
        (One scan, one access check and one lstat a subfolder: a site has 10,000s of them.)"""
        root = str(self.target)
        device = os.lstat(root).st_dev
        folders = [root]
        while folders:
            folder = folders.pop()
            if not os.access(folder, os.W_OK | os.X_OK):
                raise FolderError(
                    f"{self._shown(folder)} is read-only: the folder could not be replaced; "
                    "make it writable or remove it"
                )
            try:
                with os.scandir(folder) as entries:
                    inside = [
                        entry.path for entry in entries if entry.is_dir(follow_symlinks=False)
                    ]
                for path in inside:  # a mount point: another device (as os.path.ismount tells)
                    if os.lstat(path).st_dev != device:
                        raise FolderError(
                            f"{self._shown(path)} is a mount point: {self.shown} could not be "
                            "replaced"
                        )
            except OSError as error:
                raise FolderError(
                    f"{error.filename}: cannot be read: {error.strerror}; "
                    f"{self.shown} could not be replaced"
                ) from None
            folders.extend(inside)

    def _shown(self, folder: str) -> str:
        """A folder inside the target, as the user would write it."""
        inside = os.path.relpath(folder, self.target)
        return self.shown if inside == "." else os.path.join(self.shown, inside)

    def _name(self, kind: str) -> str:
        return f".{self.target.name}.{kind}"

    def _new_folder(self) -> Path:
        while True:
            path = self.target.with_name(f"{self._name(BUILDING)}-{secrets.token_hex(4)}")
            try:
                path.mkdir(mode=0o777)  # as the target would be made (the umask applies), not 0o700
                return path
            except FileExistsError:
                continue
            except OSError as error:
                raise FolderError(
                    f"{self.shown}: cannot write beside it in {self.target.parent}: "
                    f"{error.strerror}"
                ) from None

    @contextlib.contextmanager
    def _parent_locked(self) -> Iterator[None]:
        """Serialises cleaning, creating and swapping among builds writing the same target."""
        try:
            lock = _hold_lock(self.target.parent, wait=True)
        except OSError as error:
            raise FolderError(
                f"{self.shown}: cannot lock {self.target.parent}: {error.strerror}"
            ) from None
        try:
            yield
        finally:
            _let_go(lock)

    def _clean_stale(self) -> None:
        """Remove what killed builds left beside the target; put an old folder back if a swap
        was killed between its two renames. (Called with the parent locked.)"""
        prefixes = (f"{self._name(BUILDING)}-", f"{self._name(REPLACED)}-")
        for entry in sorted(os.scandir(self.target.parent), key=lambda e: e.name):
            name = entry.name
            if not (name.startswith(prefixes) or name == self._name(LEGACY_PREVIOUS)):
                continue
            if not entry.is_dir(follow_symlinks=False) or _locked(Path(entry.path)):
                continue  # not a folder of ours, or a build still writing it
            if not name.startswith(prefixes[0]) and not os.path.lexists(self.target):
                os.rename(entry.path, self.target)  # the last good folder, whole: put it back
                continue
            _remove(Path(entry.path))

    def _swap(self) -> Path | None:
        """Put the staging folder in the target's place; return where the old one now is."""
        assert self.staging is not None
        if not os.path.lexists(self.target):
            os.rename(self.staging, self.target)
            return None
        if _exchange(self.staging, self.target, self.shown):
            return self.staging
        # No atomic exchange on this system: two renames. The first leaves the old folder whole
        # under another name, which the next build puts back if this one is killed in between.
        aside = self.target.with_name(f"{self._name(REPLACED)}-{secrets.token_hex(4)}")
        os.rename(self.target, aside)
        os.rename(self.staging, self.target)
        return aside

    def _release(self) -> None:
        if self._lock is not None:
            _let_go(self._lock)
            self._lock = None


@contextlib.contextmanager
def replaced_whole(target: Path, *, marker: str) -> Iterator[Path]:
    """Yield an empty staging folder; when the block ends without error it takes ``target``'s place.

    If the block raises, the staging folder is removed and ``target`` is untouched.
    """
    output = StagedFolder(target, marker=marker)
    staging = output.open()
    try:
        yield staging
        output.publish()
    finally:
        output.discard()  # nothing left to do after a publish


# -- the system calls -------------------------------------------------------------------------

_libc = ctypes.CDLL(None, use_errno=True)
_held_locks: set[int] = set()


def _workers_of_a_build(parent: int) -> None:
    """After a fork while a staging folder is open: the child is a worker of that build."""
    if not _held_locks:
        return
    # Closing the child's copy of the lock leaves it to the parent alone, so the lock dies with
    # the build process itself.
    for descriptor in _held_locks:
        with contextlib.suppress(OSError):
            os.close(descriptor)
    _held_locks.clear()
    # No worker of a killed build goes on writing into its staging folder while the next
    # build removes it.
    die_with_parent(parent)


_forking_parent = os.getpid()


def _before_fork() -> None:
    global _forking_parent
    _forking_parent = os.getpid()


os.register_at_fork(
    before=_before_fork, after_in_child=lambda: _workers_of_a_build(_forking_parent)
)


def _hold_lock(folder: Path, *, wait: bool = False) -> int:
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(descriptor)
        raise
    _held_locks.add(descriptor)
    return descriptor


def _let_go(descriptor: int) -> None:
    _held_locks.discard(descriptor)
    os.close(descriptor)  # the kernel drops the lock with the last descriptor; also when killed


def _locked(folder: Path) -> bool:
    """Whether a build (a live process) holds ``folder``'s lock."""
    try:
        descriptor = _hold_lock(folder)
    except BlockingIOError:
        return True
    except OSError:
        return False
    _let_go(descriptor)
    return False


def _exchange(staging: Path, target: Path, shown: str) -> bool:
    """Swap two folders in one step (Linux renameat2); False where the system cannot."""
    renameat2 = getattr(_libc, "renameat2", None)
    if renameat2 is None:
        return False
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    if (
        renameat2(_AT_FDCWD, os.fsencode(staging), _AT_FDCWD, os.fsencode(target), _RENAME_EXCHANGE)
        == 0
    ):
        return True
    code = ctypes.get_errno()
    if code in _NO_EXCHANGE:
        return False
    raise FolderError(f"{shown}: cannot be replaced: {os.strerror(code)}")


def _remove(folder: Path) -> None:
    """Delete a folder of ours; another build may be deleting it at the same time."""

    def tolerate_gone(function, path, error_info) -> None:
        if not isinstance(error_info[1], FileNotFoundError):
            raise FolderError(f"{path}: cannot be removed: {error_info[1]}")

    if os.path.lexists(folder):
        shutil.rmtree(folder, onerror=tolerate_gone)
