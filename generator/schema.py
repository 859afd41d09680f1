"""JSON Schema files for editors, generated from the pydantic models.

Editors with the YAML language server read the ``# yaml-language-server: $schema=…``
modeline at the top of each content file (or ``.vscode/settings.json``) and then
complete field names, list the allowed values and show each field's description.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .content import FOLDERS

SCHEMA_DIR = "schema"
KIND_FOLDERS = {"brief": "briefs", "actor": "actors", "legal": "legal"}
"""Record kind (as typed in ``briefing new KIND``) → its folder under content/."""


def schema_text(kind: str) -> str:
    """The JSON Schema of one kind of record, as written to disk (stable bytes)."""
    model = FOLDERS[KIND_FOLDERS[kind]]
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema"}
    schema |= model.model_json_schema(by_alias=True)
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def schema_file(project_root: Path, kind: str) -> Path:
    return project_root / SCHEMA_DIR / f"{kind}.schema.json"


def write_schemas(project_root: Path) -> list[Path]:
    """Write every schema under ``project_root/schema``; return the files written."""
    written = []
    for kind in KIND_FOLDERS:
        path = schema_file(project_root, kind)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(schema_text(kind), encoding="utf-8")
        written.append(path)
    return written


def modeline_target(project_root: Path, kind: str, yaml_file: Path) -> str:
    """The schema's path as seen from ``yaml_file``, for its modeline."""
    return Path(os.path.relpath(schema_file(project_root, kind), yaml_file.parent)).as_posix()


def stale_schemas(project_root: Path) -> list[Path]:
    """The schema files that are missing or differ from what the models give."""
    return [
        path
        for kind in KIND_FOLDERS
        if not (path := schema_file(project_root, kind)).is_file()
        or path.read_text(encoding="utf-8") != schema_text(kind)
    ]
