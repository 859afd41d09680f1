"""Dated events in an article: "in January", "passed in 2017", "on March 3, 2019"…

A month without a year takes the article's year (from its copyright line), and
the event says so in ``date_note``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from .article import Article, Sentence

_MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}
_MONTH = "|".join(_MONTHS)
_FULL_DATE = re.compile(rf"\b(?:(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})"
                        rf"|(?P<day2>\d{{1,2}})\s+(?P<month2>{_MONTH})\s+(?P<year2>\d{{4}}))\b")
_ISO_DATE = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")
_MONTH_YEAR = re.compile(rf"\b(?P<month>{_MONTH})(?:\s+(?:of\s+)?(?P<year>\d{{4}}))?\b")
_MONTH_CUE = re.compile(r"\b(?:in|since|by|until|from|during|early|late|mid|last|next|this|on)\W*$")
_YEAR = re.compile(r"\b(?P<cue>in|since|by|until|from|during|passed in|adopted in|enacted in|signed in)\s+(?P<year>(?:1[89]|20)\d\d)\b")


@dataclass(frozen=True)
class DatedEvent:
    date: str  # partial ISO date
    phrase: str  # the words that gave it ("in January")
    note: str | None  # how the date was inferred, if it was
    evidence: Sentence


def find_events(article: Article) -> list[DatedEvent]:
    events = []
    for sentence in article.sentences:
        taken: list[tuple[int, int]] = []
        for event, span in _dates(sentence, article.year):
            if not any(s < span[1] and span[0] < e for s, e in taken):
                taken.append(span)
                events.append(event)
    return events


def _dates(sentence: Sentence, article_year: int | None):
    text = sentence.text
    for m in _ISO_DATE.finditer(text):
        yield DatedEvent(m.group(), m.group(), None, sentence), m.span()
    for m in _FULL_DATE.finditer(text):
        month = _MONTHS[m["month"] or m["month2"]]
        day, year = int(m["day"] or m["day2"]), m["year"] or m["year2"]
        yield DatedEvent(f"{year}-{month:02d}-{day:02d}", m.group(), None, sentence), m.span()
    for m in _MONTH_YEAR.finditer(text):
        if m["year"] is None and not _MONTH_CUE.search(text[max(0, m.start() - 20) : m.start()]):
            continue  # "May" alone is more often a verb than a month
        month = _MONTHS[m["month"]]
        if m["year"]:
            yield DatedEvent(f"{m['year']}-{month:02d}", m.group(), None, sentence), m.span()
        elif article_year:
            note = f'The article says "{_cue_phrase(text, m)}"; the year is assumed to be the article\'s ({article_year}).'
            yield DatedEvent(f"{article_year}-{month:02d}", _cue_phrase(text, m), note, sentence), m.span()
    for m in _YEAR.finditer(text):
        yield DatedEvent(m["year"], m.group(), None, sentence), m.span("year")


def _cue_phrase(text: str, match: re.Match) -> str:
    cue = re.search(r"(\w+)\W*$", text[max(0, match.start() - 40) : match.start()])
    return f"{cue.group(1)} {match.group()}" if cue else match.group()
