"""What checking a file found, kept for the next check while the file's bytes stay the same.

    BRIEFING_CACHE=.briefing-cache briefing check

The user checks again after editing one brief; the other files need not be read and
validated again. With a cache folder, each file's outcome (its validated record, or the
problems that stopped it) is kept in a folder beside it (``.briefing-cache-check``; not inside:
the build replaces its folder whole, and refuses one it did not write) under a key made of
the file's bytes, its folder, path and label, and the generator's code and packages
(:func:`code_key`); never under a modification time. An unchanged file's outcome is taken
back; everything that depends on other files (references, quotes, the checks across files)
is checked again on every run, so the problems are those of a check without a cache.

Entries are read back through an unpickler that makes nothing but files, records and problems
(:func:`generator.content.pickled.loads`): an entry that is damaged, of another key, or holds anything else
is a miss and is written again. Entries no file used in the last check are removed.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import pickle
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

import generator
from generator.content import pickled
from generator.content.corpus import Job, Loaded, load_file
from generator.content.safefile import UnreadableFile, read_limited
from generator.content.yamlfile import MAX_FILE_BYTES, YamlFile

ENVIRONMENT_VARIABLE = "BRIEFING_CACHE"  # a folder, or "" / "off" for no cache (as the build's)
SUFFIX = "-check"  # the check's cache is beside the build's, which owns its folder
PACKAGES = ("pydantic", "pydantic-core", "PyYAML")  # what validating a file depends on


class CheckCache:
    def __init__(self, folder: Path, code: str):
        self.folder = folder
        self.code = code

    @classmethod
    def from_environment(cls) -> CheckCache | None:
        chosen = os.environ.get(ENVIRONMENT_VARIABLE, "")
        if chosen in ("", "off"):
            return None
        return cls(Path(chosen.rstrip("/\\") + SUFFIX), code_key())

    def loaded(self, job: Job) -> tuple[str | None, Loaded]:
        """The cache key of the file of ``job`` (None if it cannot be read) and what reading
        and validating it gives: from the cache when there, else found now and kept."""
        try:
            raw = read_limited(job[1], MAX_FILE_BYTES)
        except UnreadableFile:
            return None, load_file(None, job)  # the loader says why; nothing to keep
        key = self._key(job, raw)
        entry = self.folder / key[:2] / key
        found = _read(entry, key)
        if found is not None:
            return key, found
        outcome = load_file(None, job, raw)
        _write(entry, key, outcome)
        return key, outcome

    def keep_only(self, used: set[str]) -> None:
        """Remove the entries (and unfinished writes) of files no longer there or changed."""
        try:
            folders = [entry for entry in os.scandir(self.folder) if entry.is_dir()]
            for folder in folders:
                for entry in os.scandir(folder.path):
                    if entry.name not in used:
                        os.unlink(entry.path)
        except OSError:
            pass  # a cache is never worth failing a check for

    def _key(self, job: Job, raw: bytes) -> str:
        folder, path, label = job
        named = "\0".join([self.code, folder, str(path), label]).encode("utf-8", "surrogateescape")
        return hashlib.sha256(named + b"\0" + raw).hexdigest()


def code_key() -> str:
    """What besides a file's bytes shapes what checking it finds: the generator's source, the
    versions of the packages that read and validate it, and Python's."""
    digest = hashlib.sha256(sys.version.encode())
    for name in PACKAGES:
        digest.update(f"\0{name}=={importlib.metadata.version(name)}".encode())
    root = Path(generator.__file__).parent
    for path in sorted(root.rglob("*.py")):
        digest.update(b"\0" + str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _read(entry: Path, key: str) -> Loaded | None:
    try:
        stored_key, outcome = pickled.loads(entry.read_bytes())
    except Exception:  # noqa: BLE001 - missing, damaged or foreign: a miss, whatever the reason
        return None
    if stored_key != key or not _is_outcome(outcome):
        return None
    return outcome


def _is_outcome(outcome: Any) -> bool:
    return (
        isinstance(outcome, tuple)
        and len(outcome) == 3
        and isinstance(outcome[0], YamlFile)
        and (outcome[1] is None or isinstance(outcome[1], BaseModel))
        and isinstance(outcome[2], list)
    )


def _write(entry: Path, key: str, outcome: Loaded) -> None:
    partial = entry.with_name(f"{entry.name}.{os.getpid()}.partial")
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(pickle.dumps((key, outcome), protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(partial, entry)  # whole or not at all, whatever another check does
    except OSError:
        partial.unlink(missing_ok=True)
