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


_KIND_REFERENCE = re.compile(
    r"\bof\s+(?:the|this|that|its)\s+(?:(?:\d{4}|same|new|original|amended)\s+)?"
    r"(?P<noun>law|act|regulation|directive|code|treaty|convention|covenant|agreement|protocol|"
    r"charter|bill|statute|decree|constitution)\b",
    re.IGNORECASE,
)
_SUBSECTION = re.compile(
    r"\bSubsection\s+\((?P<number>\d+)\)|\b(?:Subsection|Paragraph)\s+\(?(?P<n2>\d+)\)?"
    r"(?=\s+of\s+(?:the|that|this)\s+section)"
)
_OF_THE_SECTION = re.compile(r"\s+of\s+(?:the|that|this)\s+section\b")
_ADOPTED = re.compile(r"\b(?:approved|passed|adopted|enacted|signed)\b")
_THIS_WEEK = re.compile(
    r"\b(?:on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|today|yesterday)\b"
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
    last_section: str | None = None  # the section cited last: "Subsection (2)" is of it
    _cited: set[str] = field(default_factory=set, repr=False)  # articles and provisions, to test

    def cite(self, provision: str) -> None:
        if provision not in self._cited:
            self._cited.add(provision)
            self.provisions.append(provision)
            if provision.startswith("Section "):
                self.last_section = provision.split("(")[0]

    def cite_article(self, number: str) -> None:
        if f"#{number}" not in self._cited:
            self._cited.add(f"#{number}")
            self.articles.append(number)


def find_legal(article: Article, registry: Iterable[LegalInstrument]) -> list[LegalMention]:
    known = list(registry)
    found: dict[str, LegalMention] = {}
    last_cited: LegalMention | None = None  # the law cited last: provisions named alone are its
    held_by: dict[str, LegalMention] = {}  # each provision, and the law that first cited it
    latest_of_kind: dict[str, LegalMention] = {}  # "agreement" → the agreement cited last
    for sentence in article.sentences:
        cited = []
        for match in _NAME.finditer(sentence.text):
            name = " ".join(re.sub(r"^(?:The|A|An)\s+", "", match["name"]).split())
            if _NOT_LAWS.match(name):
                continue  # "Center for Digital Rights Law": an organisation
            year = match["year"] or _nearby_year(sentence.text, match.end())
            year = year or _adopted_now(sentence.text, article)
            mention = found.get(name)
            if mention is None:
                mention = found[name] = LegalMention(
                    name, match["owner"], int(year) if year else None, [], sentence
                )
            else:
                mention.year = mention.year or (int(year) if year else None)
            cited.append(mention)
        holder = cited[0] if len(cited) == 1 else None
        if not cited:  # "Article 5 of the 1976 agreement …", "Section 12(3) requires …"
            holder = _referred_to(sentence.text, latest_of_kind) or last_cited
        if holder is not None:
            for number in _articles(sentence.text):
                holder.cite_article(number)
            for provision in _provisions(sentence.text, holder):
                # a provision cited before stays its law's ("the use of Section 121")
                if held_by.setdefault(provision, holder) is holder or cited:
                    holder.cite(provision)
        if cited:
            last_cited = cited[-1]
            latest_of_kind.update({m.name.split()[-1].casefold(): m for m in cited})
    for mention in found.values():
        mention.instrument_id = _match(mention, known)
        mention.proposed_id = _slug(mention)
    return list(found.values())


def _referred_to(text: str, latest_of_kind: dict[str, LegalMention]) -> LegalMention | None:
    """The law a sentence refers to by its kind ("of the 1976 agreement", "of the act"): the
    latest cited of that kind."""
    reference = _KIND_REFERENCE.search(text)
    return latest_of_kind.get(reference["noun"].casefold()) if reference else None


def _adopted_now(text: str, article: Article) -> str | None:
    """'Parliament approved the … Act on Tuesday': the year of the article's day."""
    if _ADOPTED.search(text) and _THIS_WEEK.search(text) and article.date:
        return str(article.date)[:4]
    return None


def _provisions(text: str, holder: LegalMention | None = None) -> list[str]:
    """Provisions as printed: "Articles 14, 15 and 16" → Article 14, Article 15, Article 16; a
    subsection of the section cited before ("Subsection (2)", "Paragraph 3 of the section") →
    "Section 121(2)"."""
    found = [
        f"{m['unit']} {number}"
        for m in _PROVISIONS.finditer(text)
        if not _OF_THE_SECTION.match(text, m.end())
        for number in re.findall(r"\d+[a-z]?(?:\(\w+\))*", m["list"])
    ]
    section = holder.last_section if holder else None
    if section:
        found += [f"{section}({m['number'] or m['n2']})" for m in _SUBSECTION.finditer(text)]
    return found


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
