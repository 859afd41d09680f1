"""The site's data files: every brief, actor and legal instrument as JSON, under ``api/``.

    api/briefs.json          the list of briefs (``BriefEntry``: id, title, date, topics, actors, file)
    api/briefs/<id>.json     one brief, whole
    api/actors.json          the actor registry, whole
    api/legal.json           the legal instruments, whole
    api/schema/<kind>.json   JSON Schema of each record, generated from the models
    api/network.json         the actor network: actors (with their group) and relations, for the
                             network page's explorer

Each document says which format and version it is. Records are the models dumped in
JSON mode with their YAML field names, so ``Model.model_validate(record)`` gives back
the same record. The version goes up whenever a change could break a reader.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator
from typing import Any

from pydantic import BaseModel, Field

from generator.analysis.communities import explorer_data
from generator.analysis.index import Index
from generator.analysis.network import relation_graph
from generator.content.models import Actor, Brief, LegalInstrument, Model, Slug, Status

FORMAT = "briefing-api"
VERSION = 2
# What each version changed (the README's "Data" section says the same, for readers):
CHANGES = {
    2: "Issue 19, stories evolve. New fields: statements[].stance and condition (a position's stance "
    "may be absent when every statement has one: use the latest statement's); events[].status, "
    "accounts and according_to; relations[].according_to and disputed; attribution via, actor and "
    "reason_given; briefs[].follows; actors[].member_of and five actor kinds; instruments' kind, "
    "status, status_date, amendments, court, case_number, decided, outcome; provisions[].label; "
    "readings[].holding. Defaults are written out (status: happened, accounts: [], disputed: false).",
}


class BriefEntry(Model):
    """One line of ``api/briefs.json``: enough to list and filter briefs without opening each."""

    id: Slug
    title: str
    date: str
    status: Status
    topics: list[str]
    actors: list[Slug] = Field(description="Ids of the actors the brief involves.")
    data: str = Field(description="Path of the brief's own file, relative to api/.")


SCHEMAS: dict[str, type[BaseModel]] = {
    "brief": Brief,
    "actor": Actor,
    "legal": LegalInstrument,
    "brief-entry": BriefEntry,
}


def brief_path(brief_id: str) -> str:
    return f"api/briefs/{brief_id}.json"


def record(model: BaseModel) -> dict[str, Any]:
    """A record as it appears in the data files (and reads back with ``model_validate``)."""
    return model.model_dump(mode="json", by_alias=True, exclude_none=True)


def api_documents(index: Index) -> Iterator[tuple[str, dict[str, Any]]]:
    """(site path, JSON document) for every data file."""
    return (document for _, make in document_makers(index) for document in make())


Documents = list[tuple[str, dict[str, Any]]]


def document_makers(index: Index) -> list[tuple[Brief | None, Callable[[], Documents]]]:
    """Functions that each give some data files as (site path, JSON document), work to share
    out, each with the one brief it is made from (None: made from many records)."""
    return [
        (None, functools.partial(_briefs_list, index)),
        *((brief, functools.partial(_brief_document, brief)) for brief in index.briefs),
        (None, functools.partial(_registries, index)),
        (None, functools.partial(_network, index)),
    ]


def _briefs_list(index: Index) -> Documents:
    return [
        (
            "api/briefs.json",
            _document("briefs", [record(_entry(brief, index)) for brief in index.briefs]),
        )
    ]


def _brief_document(brief: Brief) -> Documents:
    return [(brief_path(brief.id), _document("brief", record(brief)))]


def _registries(index: Index) -> Documents:
    documents = [
        ("api/actors.json", _document("actors", [record(a) for a in index.actors.values()])),
        ("api/legal.json", _document("legal", [record(i) for i in index.legal.values()])),
    ]
    return documents + [
        (f"api/schema/{kind}.json", model.model_json_schema(by_alias=True))
        for kind, model in SCHEMAS.items()
    ]


def _network(index: Index) -> Documents:
    return [("api/network.json", _document("network", explorer_data(relation_graph(index), index)))]


def encode(document: dict[str, Any]) -> bytes:
    """Stable bytes: the same content always gives the same file. Compact: JSON's C encoder
    only runs without indentation, and these files are for programs (``jq .`` shows them)."""
    return (json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _document(kind: str, data: object) -> dict[str, Any]:
    return {"format": FORMAT, "version": VERSION, "kind": kind, kind: data}


def _entry(brief: Brief, index: Index) -> BriefEntry:
    return BriefEntry(
        id=brief.id,
        title=brief.title,
        date=brief.date,
        status=brief.status,
        topics=list(brief.topics),
        actors=[actor.id for actor in index.actors_by_brief[brief.id]],
        data=brief_path(brief.id).removeprefix("api/"),
    )
