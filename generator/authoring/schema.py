"""JSON Schema files for editors, generated from the pydantic models.

Editors with the YAML language server read the ``# yaml-language-server: $schema=…``
modeline at the top of each content file (or ``.vscode/settings.json``) and then
complete field names, list the allowed values and show each field's description.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

from generator.authoring import atomic
from generator.content.corpus import FOLDERS
from generator.content.safefile import UnreadableFile, read_limited
from generator.site.pages import RECORD_FOLDERS

SCHEMA_DIR = "schema"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
#: Far above any schema the models give (about 20 KB); a larger file there is not one of ours.
SCHEMA_LIMIT = 1 << 20
NOT_OURS = "is not a schema written by `briefing schema`; it was left as it was"
KIND_FOLDERS = RECORD_FOLDERS  # the kinds `briefing new` and `briefing schema` take
"""Record kind (as typed in ``briefing new KIND``) → its folder under content/."""


def schema_text(kind: str) -> str:
    """The JSON Schema of one kind of record, as written to disk (stable bytes)."""
    model = FOLDERS[KIND_FOLDERS[kind]]
    schema = {"$schema": DRAFT}
    schema |= model.model_json_schema(by_alias=True)
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def schema_file(project_root: Path, kind: str) -> Path:
    return project_root / SCHEMA_DIR / f"{kind}.schema.json"


def write_schemas(project_root: Path) -> list[Path]:
    """Write each schema file under ``project_root/schema`` that is missing or stale; return them.

    A file already up to date is not touched. A stale one is replaced in one step, and only if it
    is a schema this command wrote earlier; anything else under that name is the user's and is
    left as it was (:class:`atomic.TargetExists`).
    """
    written = []
    for kind in KIND_FOLDERS:
        path = schema_file(project_root, kind)
        text = schema_text(kind)
        if not os.path.lexists(path):
            atomic.write_new(path, text)
        elif _current_text(path) == text:
            continue
        elif _is_generated_schema(path):
            atomic.replace(path, text)
        else:
            raise atomic.TargetExists(errno.EEXIST, NOT_OURS, str(path))
        written.append(path)
    return written


def _current_text(path: Path) -> str | None:
    """The text of the regular file at ``path``, or None if it is not one we can read."""
    try:
        return read_limited(path, SCHEMA_LIMIT).decode("utf-8")
    except (UnreadableFile, UnicodeDecodeError):
        return None


def _is_generated_schema(path: Path) -> bool:
    """Whether ``path`` is a regular file (not a link) of JSON naming the draft, as ours do."""
    if not stat.S_ISREG(os.lstat(path).st_mode) or (text := _current_text(path)) is None:
        return False
    try:
        document = json.loads(text)
    except ValueError:
        return False
    return isinstance(document, dict) and document.get("$schema") == DRAFT


def modeline_target(project_root: Path, kind: str, yaml_file: Path) -> str:
    """The schema's path as seen from ``yaml_file``, for its modeline."""
    return Path(os.path.relpath(schema_file(project_root, kind), yaml_file.parent)).as_posix()


def stale_schemas(project_root: Path) -> list[Path]:
    """The schema files that are missing or differ from what the models give."""
    return [
        path
        for kind in KIND_FOLDERS
        if _current_text(path := schema_file(project_root, kind)) != schema_text(kind)
    ]
