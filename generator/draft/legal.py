"""Legal instruments an article cites: laws, acts, regulations, directives… with year and articles."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.content.models import LegalInstrument
from generator.draft.article import Article, Sentence

_KINDS = (
    r"Law|Act|Regulation|Directive|Code|Treaty|Convention|Covenant|Decree|Ordinance|Statute|"
    r"Constitution|Bill|Agreement|Protocol|Charter"
)
_NAME = re.compile(
    rf"(?:(?P<owner>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)['’]s\s+)?"
    rf"(?P<name>(?:[A-Z][\w-]*\s+(?:(?:of|on|for|and)\s+(?:the\s+)?)?)+(?:{_KINDS})"
    r"(?:\s+(?:on|of|for)\s+(?:the\s+)?(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
    r"[A-Z][\w-]*(?:\s+(?:and\s+)?[A-Z][\w-]*)*)?"  # "… on Human Rights"
    rf"|(?<=the )Constitution)\b(?!\s+[A-Z][a-z])"
    r"(?:\s+(?:of\s+)?(?P<year>(?:1[89]|20)\d\d)\b)?"
)
_NOT_LAWS = re.compile(
    r"^(?:Center|Centre|Institute|Foundation|School|Faculty|Department|Society|Journal)\b"
)
_YEAR_NEAR = re.compile(
    r"\b(?:passed|adopted|enacted|signed|introduced|approved|of|in)\s+(?:in\s+)?"
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+)?(?P<year>(?:1[89]|20)\d\d)\b"
)
_ARTICLES = re.compile(
    r"\b[Aa]rt(?:icle)?s?\.?\s+(?P<list>\d+[a-z]?(?:\(\d+\))?(?:\s*(?:,|and|&|to)\s*\d+[a-z]?(?:\(\d+\))?)*)"
)
_PROVISIONS = re.compile(
    r"\b(?P<unit>Article|Section|Chapter|Paragraph|Clause|Rule)s?\s+"
    r"(?P<list>\d+[a-z]?(?:\(\w+\))*(?:\s*(?:,|and|&)\s*\d+[a-z]?(?:\(\w+\))*)*)"
)
_BACK_REFERENCE = re.compile(
    r"\b(?:the|this|that)\s+(?:law|act|regulation|directive|code|treaty|convention|"
    r"decree|statute|bill|agreement|protocol|charter)\b",
    re.IGNORECASE,
)


@dataclass
class LegalMention:
    name: str  # as written, without the owner ("National Intelligence Law")
    jurisdiction: str | None  # the owner, when written "China's National Intelligence Law"
    year: int | None
    articles: list[str]
    evidence: Sentence
    instrument_id: str | None = None  # the registry's instrument, when known
    proposed_id: str = ""  # for an instrument the registry does not know
    provisions: list[str] = field(default_factory=list)  # as printed: "Section 121(2)", "Article 7"


def find_legal(article: Article, registry: Iterable[LegalInstrument]) -> list[LegalMention]:
    known = list(registry)
    found: dict[str, LegalMention] = {}
    last_cited: LegalMention | None = (
        None  # the law the sentence before cited: its provisions may follow
    )
    for sentence in article.sentences:
        cited = []
        for match in _NAME.finditer(sentence.text):
            name = " ".join(re.sub(r"^(?:The|A|An)\s+", "", match["name"]).split())
            if _NOT_LAWS.match(name):
                continue  # "Center for Digital Rights Law": an organisation
            year = match["year"] or _nearby_year(sentence.text, match.end())
            mention = found.get(name)
            if mention is None:
                mention = found[name] = LegalMention(
                    name, match["owner"], int(year) if year else None, [], sentence
                )
            else:
                mention.year = mention.year or (int(year) if year else None)
            cited.append(mention)
        holder = cited[0] if len(cited) == 1 else None
        if not cited and last_cited is not None:
            holder = last_cited  # "Article 7 forbids …" after "The Statute of 1998 is clear."
        if holder is not None:
            holder.articles += [a for a in _articles(sentence.text) if a not in holder.articles]
            holder.provisions += [
                p for p in _provisions(sentence.text) if p not in holder.provisions
            ]
        if cited:
            last_cited = cited[-1]
        elif not _BACK_REFERENCE.search(sentence.text) and not _PROVISIONS.search(sentence.text):
            last_cited = None
    for mention in found.values():
        mention.instrument_id = _match(mention, known)
        mention.proposed_id = _slug(mention)
    return list(found.values())


def _provisions(text: str) -> list[str]:
    """Provisions as printed: "Articles 14, 15 and 16" → Article 14, Article 15, Article 16."""
    return [
        f"{m['unit']} {number}"
        for m in _PROVISIONS.finditer(text)
        for number in re.findall(r"\d+[a-z]?(?:\(\w+\))*", m["list"])
    ]


def _nearby_year(text: str, after: int) -> str | None:
    match = _YEAR_NEAR.search(text, after) or _YEAR_NEAR.search(text)
    return match["year"] if match else None


def _articles(text: str) -> list[str]:
    return [
        number
        for m in _ARTICLES.finditer(text)
        for number in re.findall(r"\d+[a-z]?(?:\(\d+\))?", m["list"])
    ]


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
