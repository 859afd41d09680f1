"""The JSON Schema for editors: generated from the models, committed, and wired to the content."""

from __future__ import annotations

import json

import jsonschema
import pytest

from conftest import ROOT as REPO
from generator.authoring.schema import KIND_FOLDERS, schema_file, schema_text
from generator.content.corpus import FOLDERS
from generator.content.yamlfile import read_yaml


@pytest.mark.parametrize("kind", list(KIND_FOLDERS))
def test_committed_schema_is_up_to_date(kind):
    committed = schema_file(REPO, kind).read_text(encoding="utf-8")
    assert committed == schema_text(kind), (
        "schema/ is stale: run `briefing schema` and commit the result"
    )


@pytest.mark.parametrize("kind", list(KIND_FOLDERS))
def test_schema_carries_descriptions_and_enums(kind):
    schema = json.loads(schema_text(kind))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["additionalProperties"] is False
    assert all("description" in prop or "$ref" in prop for prop in schema["properties"].values())
    if kind == "actor":
        assert "intergovernmental-organisation" in schema["$defs"]["ActorKind"]["enum"]
    if kind == "brief":
        assert schema["$defs"]["Stance"]["enum"] == [
            "supports",
            "opposes",
            "mixed",
            "neutral",
            "unclear",
        ]


@pytest.mark.parametrize("kind", list(KIND_FOLDERS))
def test_every_shipped_file_names_its_schema_and_satisfies_it(kind):
    validator = jsonschema.Draft202012Validator(json.loads(schema_text(kind)))
    files = sorted((REPO / "content" / KIND_FOLDERS[kind]).glob("*.yaml"))
    assert files
    for path in files:
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        assert first_line == f"# yaml-language-server: $schema=../../schema/{kind}.schema.json", (
            path
        )
        assert list(validator.iter_errors(read_yaml(path).data)) == [], path


def test_schema_rejects_a_misspelt_key_like_the_models_do():
    validator = jsonschema.Draft202012Validator(json.loads(schema_text("actor")))
    assert not validator.is_valid({"id": "x", "name": "X", "knd": "state"})
    assert not validator.is_valid({"id": "x", "name": "X", "kind": "planet"})
    assert validator.is_valid({"id": "x", "name": "X", "kind": "state"})


def test_vscode_settings_map_each_folder_to_its_schema():
    settings = json.loads((REPO / ".vscode/settings.json").read_text())
    assert settings["yaml.schemas"] == {
        f"./schema/{kind}.schema.json": f"content/{folder}/*.yaml"
        for kind, folder in KIND_FOLDERS.items()
    }
    assert set(KIND_FOLDERS.values()) == set(FOLDERS)
