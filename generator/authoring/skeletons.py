"""``briefing new``: a commented skeleton for a new brief, actor or legal instrument.

The skeletons are templates (``templates/skeletons/<kind>.yaml.j2``). Required
fields the analyst must write are left empty, so ``briefing check`` lists exactly
those until they are filled.
"""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
from pydantic import TypeAdapter, ValidationError

from generator.authoring import atomic
from generator.authoring.schema import KIND_FOLDERS, modeline_target
from generator.content.models import (
    ActorKind,
    Attribution,
    EventStatus,
    InstrumentKind,
    InstrumentStatus,
    RelationType,
    Slug,
    Stance,
)


class SkeletonError(Exception):
    """The skeleton cannot be written (unsafe id, or the file exists)."""


def yaml_environment(templates_dir: Path) -> jinja2.Environment:
    """Jinja for YAML text. Not HTML, so no HTML escaping: values go through the ``yaml`` filter."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(templates_dir) / "skeletons"),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def check_id(record_id: str) -> str:
    try:
        return TypeAdapter(Slug).validate_python(record_id)
    except ValidationError as exc:
        raise SkeletonError(exc.errors()[0]["msg"].removeprefix("Value error, ")) from None


def write_new(path: Path, text: str) -> None:
    """Create ``path`` with ``text``, whole or not at all; never replace an existing file.

    Other failures (no permission, a full disk, a file where a folder is needed) are the
    OSErrors of :func:`atomic.write_new`, each naming the path.
    """
    try:
        atomic.write_new(path, text)
    except atomic.TargetExists:
        raise SkeletonError(f"{path} already exists; it was left as it was") from None


def new_record(kind: str, record_id: str, content_dir: Path, templates_dir: Path) -> Path:
    """Write the skeleton of a ``kind`` record called ``record_id``; return its path."""
    check_id(record_id)
    path = Path(content_dir) / KIND_FOLDERS[kind] / f"{record_id}.yaml"
    text = (
        yaml_environment(templates_dir)
        .get_template(f"{kind}.yaml.j2")
        .render(
            id=record_id,
            # realpath, not resolve(): a symlink loop on the way is then reported where it is written
            schema=modeline_target(
                Path(content_dir).resolve().parent, kind, Path(os.path.realpath(path))
            ),
            kinds=[kind.value for kind in ActorKind],
            stances=[stance.value for stance in Stance],
            relation_types=[relation.value for relation in RelationType],
            attribution_kinds=list(Attribution.model_fields["kind"].annotation.__args__),
            event_statuses=[status.value for status in EventStatus],
            instrument_kinds=[kind.value for kind in InstrumentKind],
            instrument_statuses=[status.value for status in InstrumentStatus],
        )
    )
    write_new(path, text)
    return path
