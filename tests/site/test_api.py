"""The data files under api/: versioned, and every record reads back into the same model."""

from __future__ import annotations

import json

import jsonschema
import pytest

from generator.analysis.index import Index
from generator.content.corpus import load_content
from generator.content.models import Actor, Brief, LegalInstrument
from generator.site import api
from helpers.published import PROJECT


@pytest.fixture(scope="module")
def corpus():
    return load_content(PROJECT / "content")


def _read(site_dir, path):
    return json.loads((site_dir / path).read_text(encoding="utf-8"))


def test_every_document_names_its_format_and_version(published_site):
    _, site_dir = published_site
    for path in [
        "api/briefs.json",
        "api/actors.json",
        "api/legal.json",
        "api/briefs/huawei-5g-allies-2019.json",
    ]:
        document = _read(site_dir, path)
        assert (document["format"], document["version"]) == (api.FORMAT, api.VERSION), path


def test_each_brief_file_round_trips_to_the_model(published_site, corpus):
    _, site_dir = published_site
    listing = [
        api.BriefEntry.model_validate(e) for e in _read(site_dir, "api/briefs.json")["briefs"]
    ]
    assert {entry.id for entry in listing} == {
        b.id for b in corpus.briefs.values() if b.status == "published"
    }
    for entry in listing:
        brief = Brief.model_validate(_read(site_dir, "api/" + entry.data)["brief"])
        assert brief == corpus.briefs[entry.id]
        assert (entry.title, entry.date, entry.topics) == (brief.title, brief.date, brief.topics)
        assert entry.actors and set(entry.actors) <= corpus.actors.keys()


def test_actors_and_legal_round_trip_to_their_models(published_site, corpus):
    _, site_dir = published_site
    actors = [Actor.model_validate(a) for a in _read(site_dir, "api/actors.json")["actors"]]
    legal = [LegalInstrument.model_validate(i) for i in _read(site_dir, "api/legal.json")["legal"]]
    assert actors == list(corpus.actors.values())
    assert legal == list(corpus.legal.values())


def test_records_validate_against_the_published_json_schemas(published_site):
    _, site_dir = published_site
    schema = _read(site_dir, "api/schema/brief.json")
    record = _read(site_dir, "api/briefs/huawei-5g-allies-2019.json")["brief"]
    jsonschema.validate(record, schema)
    broken = {**record, "postions": []}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_relations_keep_their_yaml_names(corpus):
    brief = corpus.briefs["huawei-5g-allies-2019"]
    relation = api.record(brief)["relations"][0]
    assert {"from", "to"} <= relation.keys() and "from_actor" not in relation


def test_drafts_stay_out_of_the_data(corpus):
    draft = corpus.briefs["huawei-5g-allies-2019"].model_copy(
        update={"id": "a-draft", "status": "draft"}
    )
    corpus_with_draft = type(corpus)(
        briefs={**corpus.briefs, "a-draft": draft}, actors=corpus.actors, legal=corpus.legal
    )
    paths = [path for path, _ in api.api_documents(Index(corpus_with_draft))]
    assert api.brief_path("a-draft") not in paths
    assert api.brief_path("huawei-5g-allies-2019") in paths
