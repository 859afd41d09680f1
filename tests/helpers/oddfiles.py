"""Things that are not regular files, made on purpose where a file is expected."""

from __future__ import annotations

import os
import re
import socket
import tempfile
from pathlib import Path

REASONS = {
    "folder": "is a folder, not a file",
    "dangling": "does not exist (or is a symlink to nothing)",
    "loop": "is a symlink loop",
    "device": "is not a regular file (a device, pipe or socket)",
    "fifo": "is not a regular file (a device, pipe or socket)",
    "socket": "is not a regular file (a device, pipe or socket)",
    "file-as-folder": "cannot be reached: a part of its path is a file, not a folder",
}
ONE_LINE = re.compile(r"^[^\n]+:\d+:\d+: \S[^\n]*$")


def make_odd(path: Path, kind: str) -> Path:
    """Put a ``kind`` of non-file at ``path``; returns the path to read."""
    if kind == "folder":
        path.mkdir()
    elif kind == "dangling":
        path.symlink_to(path.parent / "nowhere")
    elif kind == "loop":
        path.symlink_to(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":  # bound where the path is short enough for AF_UNIX, then moved
        short = (
            Path(tempfile.mkdtemp(dir=path.parent))
            if len(str(path)) < 100
            else Path(tempfile.mkdtemp())
        )
        with socket.socket(socket.AF_UNIX) as sock:
            sock.bind(str(short / "s"))
        os.rename(short / "s", path)
        short.rmdir()
    elif kind == "file-as-folder":
        path.write_text("a file")
        return path / "inside.yaml"
    return path
