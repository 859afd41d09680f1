"""Schema.org descriptions of briefs, actors and legal instruments, as JSON-LD data.

Pages carry them in their ``<head>`` (see ``templates/overrides/main.html``). Links are
absolute when the site's address is known and relative to the page otherwise, which
JSON-LD resolves against the page's own address.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from generator.analysis.index import Index
from generator.content.models import Actor, Brief, Event, LegalInstrument, Source
from generator.site.urls import page_path

CONTEXT = "https://schema.org"

# Actor kinds that act for a state; people and roles held by one person are Persons.
GOVERNMENTAL = {
    "state",
    "government-body",
    "diplomatic-mission",
    "intergovernmental-organisation",
    "supranational-union",
    "court",
    "legislature",
}
PERSONAL = {"person", "role"}
EXTERNAL_ID_URLS = {"wikidata": "https://www.wikidata.org/wiki/{}"}

Link = Callable[[str], str]  # page source path → its URL as written in this page's JSON-LD
Data = dict[str, Any]


def actor_type(actor: Actor) -> str:
    if actor.kind in PERSONAL:
        return "Person"
    return "GovernmentOrganization" if actor.kind in GOVERNMENTAL else "Organization"


def actor_ref(actor: Actor, link: Link) -> Data:
    return {
        "@type": actor_type(actor),
        "@id": link(page_path("actor", actor.id)),
        "name": actor.name,
    }


def brief_graph(brief: Brief, index: Index, link: Link, description: str) -> Data:
    """The brief as an Article, and every verbatim quote in it as a Quotation.

    The Article describes each actor and source once; Quotations point at them by ``@id``
    (a brief quotes the same few sources and actors many times)."""
    article_id = link(page_path("brief", brief.id))
    article = {
        "@type": "Article",
        "@id": article_id,
        "url": article_id,
        "headline": brief.title,
        "description": description,
        "datePublished": brief.date,
        "keywords": list(brief.topics),
        "mentions": [actor_ref(actor, link) for actor in index.actors_by_brief[brief.id]],
        "citation": [
            {"@id": _source_id(article_id, source), **_source(source)} for source in brief.sources
        ],
    }
    quotes = list(_quotations(brief, index, link, article_id))
    events = [_event(event, index, link, article_id) for event in brief.events]
    return {"@context": CONTEXT, "@graph": [article, *quotes, *events]}


# Issue 19: schema.org's own terms for what has not simply happened.
EVENT_STATUS = {
    "happened": "EventScheduled",
    "scheduled": "EventScheduled",
    "deadline": "EventScheduled",
    "postponed": "EventPostponed",
    "cancelled": "EventCancelled",
}
LEGAL_FORCE = {
    "in-force": "InForce",
    "amended": "InForce",
    "repealed": "NotInForce",
    "expired": "NotInForce",
    "proposed": "NotInForce",
    "draft": "NotInForce",
    "adopted": "NotInForce",
}


def _event(event: Event, index: Index, link: Link, article_id: str) -> Data:
    data: Data = {
        "@type": "Event",
        "name": event.text,
        "startDate": event.date,
        "eventStatus": f"{CONTEXT}/{EVENT_STATUS[event.status]}",
        "subjectOf": {"@id": article_id},
    }
    if event.actors:
        data["about"] = [{"@id": link(page_path("actor", a))} for a in event.actors]
    return data


def _quotations(brief: Brief, index: Index, link: Link, article_id: str) -> Iterator[Data]:
    sources = index.sources[brief.id]
    said: dict[
        tuple[str, str], tuple[str, str | None]
    ] = {}  # (actor id, quote) → (source id, date)
    for position in brief.positions:
        for statement in position.statements:
            if statement.quote is not None:
                said.setdefault(
                    (position.actor, statement.quote), (statement.source, statement.date)
                )
    for reference in brief.legal_references:
        for reading in reference.readings:
            if reading.quote:
                said.setdefault((reading.actor, reading.quote), (reading.source, reading.date))
    for (actor_id, quote), (source_id, date) in said.items():
        quotation: Data = {
            "@type": "Quotation",
            "text": quote,
            "creator": {"@id": link(page_path("actor", actor_id))},
            "isPartOf": {"@id": article_id},
            "citation": {"@id": _source_id(article_id, sources[source_id])},
        }
        if date:
            quotation["dateCreated"] = date
        yield quotation


def _source_id(article_id: str, source: Source) -> str:
    return f"{article_id}#src-{source.id}"  # the source's entry in the page's list of sources


def _source(source: Source) -> Data:
    work: Data = {
        "@type": "CreativeWork",
        "name": source.title,
        "publisher": {"@type": "Organization", "name": source.publisher},
    }
    if source.author:
        work["author"] = {"@type": "Person", "name": source.author}
    if source.date:
        work["datePublished"] = source.date
    if source.url:
        work["url"] = source.url
    return work


def actor_data(actor: Actor, index: Index, link: Link, description: str) -> Data:
    data: Data = {
        "@context": CONTEXT,
        **actor_ref(actor, link),
        "url": link(page_path("actor", actor.id)),
    }
    if description:
        data["description"] = description
    if actor.aliases:
        data["alternateName"] = list(actor.aliases)
    same_as = [
        EXTERNAL_ID_URLS[k].format(v)
        for k, v in sorted(actor.external_ids.items())
        if k in EXTERNAL_ID_URLS
    ]
    if same_as:
        data["sameAs"] = same_as
    if actor.part_of:
        parent = actor_ref(index.actors[actor.part_of], link)
        data["memberOf" if actor_type(actor) == "Person" else "parentOrganization"] = parent
    return data


def legal_data(instrument: LegalInstrument, link: Link, description: str) -> Data:
    url = link(page_path("legal", instrument.id))
    data: Data = {
        "@context": CONTEXT,
        "@type": "Legislation",
        "@id": url,
        "url": url,
        "name": instrument.title,
        "legislationJurisdiction": instrument.jurisdiction,
        "legislationDate": instrument.decided or str(instrument.year),
    }
    if instrument.status:
        data["legislationLegalForce"] = f"{CONTEXT}/{LEGAL_FORCE[instrument.status]}"
    if instrument.kind:
        data["legislationType"] = instrument.kind
    if instrument.amendments:
        data["legislationChanges"] = [
            {"@type": "Legislation", "name": a.by, "legislationDate": a.date, "abstract": a.summary}
            for a in instrument.amendments
        ]
    if instrument.short_title:
        data["alternateName"] = instrument.short_title
    if description:
        data["description"] = description
    if instrument.issuing_body:
        data["legislationPassedBy"] = {"@type": "Organization", "name": instrument.issuing_body}
    if instrument.url:
        data["sameAs"] = instrument.url
    if instrument.provisions:
        data["hasPart"] = [
            {
                "@type": "Legislation",
                "@id": f"{url}#prov-{p.id}",
                "name": p.title or p.display_label or p.id,
                "abstract": p.summary,
            }
            for p in instrument.provisions
        ]
    return data
