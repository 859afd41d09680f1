"""The one way the project reads a user's file: regular files only, and never more
bytes than a limit.

Content folders and ``text_file:`` paths are the user's, so anything may sit there: a
folder named ``x.yaml``, a dangling symlink, a symlink loop, a FIFO (whose ``open``
blocks forever), ``/dev/zero`` (endless), a file without read permission. Each becomes a
:class:`UnreadableFile` with a one-line reason instead of a traceback or a hang. The
limit is enforced on the bytes actually read, not on ``stat``, which a device or a
growing file can get wrong.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

NOT_REGULAR = "is not a regular file (a device, pipe or socket)"


class UnreadableFile(Exception):
    """A path that cannot be read as a regular file; ``str()`` is the reason, one line."""


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path``; UnreadableFile if it is not one or holds more
    than ``limit`` bytes."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise UnreadableFile(reason(error)) from None
    except ValueError:  # a NUL in the name, which no file system allows
        raise UnreadableFile("is not a possible file name (it holds a NUL character)") from None
    try:
        kind = os.fstat(fd).st_mode
        if stat.S_ISDIR(kind):
            raise UnreadableFile("is a folder, not a file")
        if not stat.S_ISREG(kind):
            raise UnreadableFile(NOT_REGULAR)
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(fd, min(1 << 20, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise UnreadableFile(f"is larger than {limit:,} bytes")
        return b"".join(chunks)
    except OSError as error:
        raise UnreadableFile(reason(error)) from None
    finally:
        os.close(fd)


def reason(error: OSError) -> str:
    """Why a path could not be opened or listed, in the words of :class:`UnreadableFile`."""
    if error.errno == errno.ENOENT:
        return "does not exist (or is a symlink to nothing)"
    if error.errno == errno.ELOOP:
        return "is a symlink loop"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "cannot be read (permission denied)"
    if error.errno == errno.EISDIR:
        return "is a folder, not a file"
    if error.errno in (errno.ENXIO, errno.ENODEV):  # a socket, or a device without a driver
        return NOT_REGULAR
    if error.errno == errno.ENOTDIR:
        return "cannot be reached: a part of its path is a file, not a folder"
    return f"cannot be read ({os.strerror(error.errno) if error.errno else error})"
