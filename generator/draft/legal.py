"""Legal instruments an article cites: laws, acts, regulations, directives… with year and articles."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from generator.content.models import LegalInstrument
from generator.draft.article import Article, Sentence

_KINDS = r"Law|Act|Regulation|Directive|Code|Treaty|Convention|Decree|Ordinance|Statute|Constitution"
_NAME = re.compile(
    rf"(?:(?P<owner>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)['’]s\s+)?"
    rf"(?P<name>(?:[A-Z][\w-]*\s+(?:(?:of|on|for|and)\s+(?:the\s+)?)?)+(?:{_KINDS}))\b(?!\s+[A-Z][a-z])"
    r"(?:\s+(?:of\s+)?(?P<year>(?:1[89]|20)\d\d)\b)?"
)
_YEAR_NEAR = re.compile(r"\b(?:passed|adopted|enacted|signed|introduced|approved|of|in)\s+(?P<year>(?:1[89]|20)\d\d)\b")
_ARTICLES = re.compile(r"\b[Aa]rt(?:icle)?s?\.?\s+(?P<list>\d+[a-z]?(?:\(\d+\))?(?:\s*(?:,|and|&|to)\s*\d+[a-z]?(?:\(\d+\))?)*)")


@dataclass
class LegalMention:
    name: str  # as written, without the owner ("National Intelligence Law")
    jurisdiction: str | None  # the owner, when written "China's National Intelligence Law"
    year: int | None
    articles: list[str]
    evidence: Sentence
    instrument_id: str | None = None  # the registry's instrument, when known
    proposed_id: str = ""  # for an instrument the registry does not know


def find_legal(article: Article, registry: Iterable[LegalInstrument]) -> list[LegalMention]:
    known = list(registry)
    found: dict[str, LegalMention] = {}
    for sentence in article.sentences:
        for match in _NAME.finditer(sentence.text):
            name = " ".join(re.sub(r"^(?:The|A|An)\s+", "", match["name"]).split())
            year = match["year"] or _nearby_year(sentence.text, match.end())
            articles = _articles(sentence.text)
            mention = found.get(name)
            if mention is None:
                mention = found[name] = LegalMention(name, match["owner"], int(year) if year else None, articles,
                                                     sentence)
            else:
                mention.year = mention.year or (int(year) if year else None)
                mention.articles += [a for a in articles if a not in mention.articles]
    for mention in found.values():
        mention.instrument_id = _match(mention, known)
        mention.proposed_id = _slug(mention)
    return list(found.values())


def _nearby_year(text: str, after: int) -> str | None:
    match = _YEAR_NEAR.search(text, after) or _YEAR_NEAR.search(text)
    return match["year"] if match else None


def _articles(text: str) -> list[str]:
    return [number for m in _ARTICLES.finditer(text) for number in re.findall(r"\d+[a-z]?(?:\(\d+\))?", m["list"])]


def _match(mention: LegalMention, known: list[LegalInstrument]) -> str | None:
    name = mention.name.casefold()
    for instrument in known:
        titles = {instrument.title.casefold(), (instrument.short_title or "").casefold()}
        if name in titles and mention.year in (None, instrument.year):
            return instrument.id
    return None


def _slug(mention: LegalMention) -> str:
    parts = [mention.jurisdiction or "", mention.name, str(mention.year or "")]
    words = re.findall(r"[a-z0-9]+", " ".join(parts).casefold().replace("’s", "").replace("'s", ""))
    return "-".join(words)[:80].strip("-")
