"""`briefing new`: skeletons that fail `check` only on the fields the analyst must fill."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from conftest import add_seed_text
from generator.authoring.atomic import NotAFolder
from generator.authoring.schema import schema_text
from generator.authoring.skeletons import SkeletonError, new_record
from generator.check.run import check_all
from generator.content.yamlfile import read_yaml


@pytest.fixture
def project(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The project copy, with the seed article as its brief's source text, as the working folder."""
    add_seed_text(project)
    monkeypatch.chdir(project)
    return project


@pytest.mark.parametrize(
    ("kind", "to_fill"),
    [
        (
            "brief",
            ["date", "sources.0.id", "sources.0.publisher", "sources.0.title", "summary", "title"],
        ),
        ("actor", ["kind", "name"]),
        ("legal", ["jurisdiction", "title", "year"]),
    ],
)
def test_fresh_skeleton_fails_only_on_the_fields_to_fill(project, kind, to_fill):
    path = new_record(kind, "fresh", project / "content", project / "templates")
    problems = [p for p in check_all(project / "content") if p.severity == "error"]
    assert {p.file for p in problems} == {str(path.relative_to(project))}
    assert sorted(p.message for p in problems) == [
        f"fill in '{field}' (it is empty)" for field in to_fill
    ]


@pytest.mark.parametrize("kind", ["brief", "actor", "legal"])
def test_skeleton_names_its_schema_and_explains_fields(project, kind):
    path = new_record(kind, "fresh", project / "content", project / "templates")
    text = path.read_text()
    assert text.startswith(f"# yaml-language-server: $schema=../../schema/{kind}.schema.json\n")
    assert (path.parent / f"../../schema/{kind}.schema.json").resolve().is_file()
    data = read_yaml(path).data
    for key in data:  # every field written has a comment just above it
        lines = text.splitlines()
        at = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
        assert lines[at - 1].startswith("#"), key
    errors = jsonschema.Draft202012Validator(json.loads(schema_text(kind))).iter_errors(data)
    assert all(error.instance is None for error in errors)  # only the empty fields


def test_skeleton_with_fields_filled_passes(project):
    path = new_record("actor", "fresh", project / "content", project / "templates")
    path.write_text(
        path.read_text().replace("name:\n", "name: Fresh\n").replace("kind:\n", "kind: ngo\n")
    )
    problems = check_all(project / "content")
    assert [p.message for p in problems] == ["actor 'fresh' is not used by any brief"]


def test_never_overwrites(project):
    path = new_record("legal", "fresh", project / "content", project / "templates")
    path.write_text("mine")
    with pytest.raises(SkeletonError, match="already exists"):
        new_record("legal", "fresh", project / "content", project / "templates")
    assert path.read_text() == "mine"


def test_makes_a_missing_kind_folder(project):
    shutil.rmtree(project / "content" / "legal")
    path = new_record("legal", "fresh", project / "content", project / "templates")
    assert path == project / "content" / "legal" / "fresh.yaml"
    assert path.read_text().startswith(
        "# yaml-language-server: $schema=../../schema/legal.schema.json\n"
    )


@pytest.mark.parametrize("occupant", ["file", "symlink loop", "dangling symlink"])
def test_a_kind_folder_that_is_not_one_is_named_and_left_alone(project, occupant):
    folder = project / "content" / "legal"
    shutil.rmtree(folder)
    if occupant == "file":
        folder.write_text("mine\n")
    else:
        folder.symlink_to("legal" if occupant == "symlink loop" else "nowhere")
    with pytest.raises(NotAFolder) as raised:
        new_record("legal", "fresh", project / "content", project / "templates")
    assert raised.value.filename == str(project / "content" / "legal")
    assert folder.is_symlink() or folder.read_text() == "mine\n"
