"""Loaded content kept between runs (the check's and the build's caches), read back safely.

A cache folder may be restored from elsewhere (CI's cache, a copied project): what it holds is
unpickled by :func:`loads`, which makes the content's records, their enumerations, files and
problems, plain Python values, and nothing else, so a planted entry cannot run code; it raises
:class:`pickle.UnpicklingError` instead, which the caches treat as a miss.
"""

from __future__ import annotations

import enum
import io
import pickle
from typing import Any

from pydantic import BaseModel

_MODELS = ("generator.content.models.",)
_CLASSES = {
    ("generator.content.yamlfile", "YamlFile"),
    ("generator.content.problems", "Problem"),
    ("pathlib", "PosixPath"),
    ("pathlib", "WindowsPath"),
}


class _ContentUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        # A build unpickles thousands of records, each naming the same few classes: each
        # (module, name) is looked up and judged once per process.
        found = _CONTENT_CLASSES.get((module, name))
        if found is None:
            found = _CONTENT_CLASSES[(module, name)] = self._content_class(module, name)
        return found

    def _content_class(self, module: str, name: str) -> Any:
        found = super().find_class(module, name) if module.startswith(_MODELS) else None
        if isinstance(found, type) and issubclass(found, (BaseModel, enum.Enum)):
            return found
        if (module, name) in _CLASSES:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not content")


_CONTENT_CLASSES: dict[tuple[str, str], Any] = {}  # those found to be content, so far


def loads(data: bytes) -> Any:
    """What ``pickle.dumps`` gave for content; UnpicklingError for anything else."""
    return _ContentUnpickler(io.BytesIO(data)).load()
