"""Dated events in an article: "on Tuesday", "in November", "by January 15", "passed in 2017"…

Dates the article gives whole are taken as they are. The others resolve against the article's
own date (its dateline; see article.py): a weekday is the last such day on or before it, or the
next one on or after it for what is still to come; a month or a day without a year is the
nearest one in the past, or in the future for what is to come — so "in November" in a February
article is the previous November and "by January 15" in a December article the next January.
What is to come is told by the words before the date in its clause ("will", "would", "plans
to", "scheduled", "by", "until"…), and gives the event's status: ``deadline`` ("by", "until"),
``scheduled`` (other future), else ``happened``. How a date was inferred goes in ``date_note``.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from generator.draft.article import Article, Sentence

SOON_DAYS = 31  # a day of the month at most this far after the article's is this year's
_MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}
_MONTH = "|".join(_MONTHS)
# with a day, a wire's abbreviations too: "on Dec. 19", "Sept. 3"
_ABBREVIATIONS = {name: number for number, name in enumerate(calendar.month_abbr) if name}
_ABBREVIATIONS["Sept"] = 9
_MONTHS_WITH_DAY = {**_MONTHS, **_ABBREVIATIONS}
_WEEKDAYS = {name: number for number, name in enumerate(calendar.day_name)}
_WEEKDAY = "|".join(_WEEKDAYS)
_YEAR_PATTERN = r"(?:1[89]|20)\d\d"
_FULL_DATE = re.compile(
    rf"\b(?:(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})"
    rf"|(?P<day2>\d{{1,2}})\s+(?P<month2>{_MONTH})\s+(?P<year2>\d{{4}}))\b"
)
_ISO_DATE = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")
_WITH_DAY = "|".join(sorted(_MONTHS_WITH_DAY, key=len, reverse=True))
_DAY_MONTH = re.compile(
    rf"\b(?:(?P<month>{_WITH_DAY})\.?\s+(?P<day>\d{{1,2}})|(?P<day2>\d{{1,2}})\s+(?P<month2>{_MONTH}))\b"
    rf"(?!,?\s+\d{{4}})"
)
_MONTH_YEAR = re.compile(rf"\b(?P<month>{_MONTH})(?:\s+(?:of\s+)?(?P<year>{_YEAR_PATTERN}))?\b")
_WEEKDAY_MENTION = re.compile(rf"\b(?P<weekday>{_WEEKDAY})(?:['’]s)?\b")
# "today" is the article's own day (the brief's date), not an event of it
_RELATIVE_DAY = re.compile(r"\b(?P<word>yesterday|tomorrow)\b", re.IGNORECASE)
_RELATIVE_MONTH = re.compile(r"\b(?P<word>last|next)\s+month\b", re.IGNORECASE)
_QUOTED = re.compile(r"[“\"][^”\"]*[”\"]")  # a quotation closed before the date
_MONTH_CUE = re.compile(
    r"\b(?:in|since|by|until|from|during|early|late|mid|last|next|this|on|of|for)\W*$"
)
_WEEKDAY_CUE = re.compile(
    r"\b(?:on|by|until|since|from|last|next|this|before|after|late|early)\W*$|['’]s\s*$"
)
_YEAR = re.compile(
    rf"\b(?P<cue>in|since|by|until|from|during|passed in|adopted in|enacted in|signed in)\s+"
    rf"(?P<year>{_YEAR_PATTERN})\b"
)
_CLAUSE_START = re.compile(
    r"[.;:!?]|,\s+(?=[a-z]+ed\b)|\b(?:and|but|after|before|when|while|which|who|that|than)\b"
)  # a comma ends a clause before a past verb: "The authority, which will enforce it, held …"
_FUTURE = re.compile(
    r"\b(?:will|would|shall|(?-i:may)|is to|are to|was to|were to|plans? to|planned to|planning to|"
    r"intends?|intended|intending|expects?|expected|due|scheduled|set to|going to|aims?|hopes? to|"
    r"next|upcoming|opens|starts|begins|meets)\b",
    re.IGNORECASE,
)
# "asked the minister to appear … on February 20": what someone is asked to do is still to come
_ASKED_TO = re.compile(
    r"\b(?:asked|invited|urged|called on)\s+(?!not\b)(?:[\w'’]+\s+){0,5}?to\s+"
    r"(?!the\b|a\b|an\b|its\b|his\b|her\b|their\b|be\s+(?:named|identified)\b)[a-z]+\b[^.;]*$",
    re.IGNORECASE,
)
_SINCE = re.compile(r"\bsince\W*$", re.IGNORECASE)
# "failed to agree by Wednesday's deadline": a deadline that has passed
_MISSED = re.compile(r"\b(?:failed|missed|passed|expired|lapsed)\b", re.IGNORECASE)
_DEADLINE = re.compile(r"\b(?:by|until|before|deadline|no later than|remains)\W*$", re.IGNORECASE)
# "had supported the agreement until April": how long something lasted, not a deadline
_LASTED_UNTIL = re.compile(r"\b(?:had|was|were)\s[^,.;]*\buntil\W*$", re.IGNORECASE)


@dataclass(frozen=True)
class DatedEvent:
    date: str  # partial ISO date
    phrase: str  # the words that gave it ("in January")
    note: str | None  # how the date was inferred, if it was
    evidence: Sentence
    status: str = "happened"  # happened, scheduled or deadline, from the words before the date


def find_events(article: Article) -> list[DatedEvent]:
    anchor = _anchor(article)
    events = []
    for sentence in article.sentences:
        taken: list[tuple[int, int]] = []
        for event, span in _dates(sentence, anchor, article.year):
            if sentence.start + span[0] < article.story_start or not event.date:
                continue  # the dateline's own date is the brief's, not an event
            if not any(s < span[1] and span[0] < e for s, e in taken):
                taken.append(span)
                events.append(event)
    return events


def _anchor(article: Article) -> datetime.date | None:
    """The article's day, when its dateline gives one."""
    date = getattr(article, "date", None) or ""
    return datetime.date.fromisoformat(date) if len(date) == 10 else None


def _dates(sentence: Sentence, anchor: datetime.date | None, article_year: int | None):
    text = sentence.text
    for m in _ISO_DATE.finditer(text):
        yield _event(sentence, m.group(), m.group(), m.span()), m.span()
    for m in _FULL_DATE.finditer(text):
        month = _MONTHS[m["month"] or m["month2"]]
        day, year = int(m["day"] or m["day2"]), m["year"] or m["year2"]
        yield _event(sentence, f"{year}-{month:02d}-{day:02d}", m.group(), m.span()), m.span()
    for m in _DAY_MONTH.finditer(text):
        month, day = _MONTHS_WITH_DAY[m["month"] or m["month2"]], int(m["day"] or m["day2"])
        if 1 <= day <= 31:
            yield _partial(sentence, m, month, day, anchor, article_year), m.span()
    for m in _MONTH_YEAR.finditer(text):
        month = _MONTHS[m["month"]]
        if m["year"]:
            yield (
                _event(sentence, f"{m['year']}-{month:02d}", _cue_phrase(text, m), m.span()),
                m.span(),
            )
        elif _MONTH_CUE.search(
            text[max(0, m.start() - 20) : m.start()]
        ):  # "May" alone is more often a verb
            yield _partial(sentence, m, month, None, anchor, article_year), m.span()
    if anchor:
        for m in _WEEKDAY_MENTION.finditer(text):
            if _WEEKDAY_CUE.search(text[max(0, m.start() - 20) : m.start()]) or m.group().endswith(
                "s"
            ):
                yield _weekday(sentence, m, anchor), m.span()
        for m in _RELATIVE_DAY.finditer(text):
            if _inside_quotes(text, m.start()):
                continue  # "Tomorrow we start work": the speaker's day, not the article's
            shift = {"yesterday": -1, "tomorrow": 1}[m["word"].casefold()]
            date = anchor + datetime.timedelta(days=shift)
            yield (
                _event(
                    sentence,
                    date.isoformat(),
                    _cue_phrase(text, m),
                    m.span(),
                    f'The article says "{m.group()}"; it is dated {anchor.isoformat()}.',
                ),
                m.span(),
            )
        for m in _RELATIVE_MONTH.finditer(text):
            yield _relative_month(sentence, m, anchor), m.span()
    for m in _YEAR.finditer(text):
        yield _event(sentence, m["year"], m.group(), m.span()), m.span("year")


def _event(
    sentence: Sentence, date: str, phrase: str, span: tuple[int, int], note: str | None = None
) -> DatedEvent:
    return DatedEvent(date, phrase, note, sentence, _status(sentence.text, span[0]))


def _status(text: str, start: int) -> str:
    """happened, scheduled or deadline, from the words before the date in its clause (words
    inside quotation marks are someone else's: they do not count)."""
    before = _QUOTED.sub(lambda m: " " * len(m.group()), text[:start])[-120:]
    if _DEADLINE.search(before) and not _LASTED_UNTIL.search(before):
        return "deadline"
    if _ASKED_TO.search(before):
        return "scheduled"
    if _SINCE.search(before):
        return "happened"  # "has blocked the plan since November": it began then
    clause = _CLAUSE_START.split(before)[-1] if _CLAUSE_START.search(before) else before
    return "scheduled" if _FUTURE.search(clause) else "happened"


def _inside_quotes(text: str, at: int) -> bool:
    return any(m.start() < at < m.end() for m in _QUOTED.finditer(text))


def _relative_month(sentence: Sentence, m: re.Match, anchor: datetime.date) -> DatedEvent:
    """'last month', 'next month': the month before or after the article's."""
    months = anchor.year * 12 + anchor.month - 1 + (1 if m["word"].casefold() == "next" else -1)
    date = f"{months // 12:04d}-{months % 12 + 1:02d}"
    note = f'The article says "{m.group()}"; it is dated {anchor.isoformat()}.'
    return _event(sentence, date, m.group(), m.span(), note)


def _partial(
    sentence: Sentence,
    m: re.Match,
    month: int,
    day: int | None,
    anchor: datetime.date | None,
    article_year: int | None,
) -> DatedEvent:
    """A month, or a month and day, without a year: the year that puts it on the right side of the
    article's date."""
    phrase = _cue_phrase(sentence.text, m)
    status = _status(sentence.text, m.start())
    if anchor is None:
        if article_year is None:
            return DatedEvent("", phrase, None, sentence, status)
        year = article_year
        note = f'The article says "{phrase}"; the year is assumed to be the article\'s ({article_year}).'
    else:
        year = anchor.year
        here = (month, day or (anchor.day if month == anchor.month else 1))
        if status == "happened" and here > (anchor.month, anchor.day):
            if _soon(anchor, (month, day)):
                status = "scheduled"  # "from February 1" in mid-January: still to come
            else:
                year -= 1  # "said in November" in a February article: the November before
        elif status != "happened" and here < (anchor.month, anchor.day) and month != anchor.month:
            year += 1  # "by January 15" in a December article: the January after
        note = (
            f'The article says "{phrase}"; it is dated {anchor.isoformat()}, so the year is {year}.'
        )
    date = f"{year}-{month:02d}" + (f"-{day:02d}" if day else "")
    return DatedEvent(date, phrase, note, sentence, status)


def _soon(anchor: datetime.date, here: tuple[int, int | None]) -> bool:
    """A day of the month within SOON_DAYS after the article's ("from February 1" in a mid-
    January article): meant this year, not eleven months ago, whatever the tense says."""
    month, day = here
    if day is None or (month, day) <= (anchor.month, anchor.day):
        return False
    try:
        ahead = datetime.date(anchor.year, month, day) - anchor
    except ValueError:
        return False
    return ahead.days <= SOON_DAYS


def _weekday(sentence: Sentence, m: re.Match, anchor: datetime.date) -> DatedEvent:
    weekday = _WEEKDAYS[m["weekday"]]
    status = _status(sentence.text, m.start())
    before = sentence.text[max(0, m.start() - 6) : m.start()].casefold()
    missed = status == "deadline" and _MISSED.search(sentence.text[: m.start()])
    if (status == "happened" or missed) and "next" not in before or "last" in before:
        date = anchor - datetime.timedelta(days=(anchor.weekday() - weekday) % 7)
    else:
        date = anchor + datetime.timedelta(days=(weekday - anchor.weekday()) % 7)
    phrase = _cue_phrase(sentence.text, m)
    note = f'The article says "{phrase}"; it is dated {anchor.isoformat()} (a {calendar.day_name[anchor.weekday()]}).'
    return DatedEvent(date.isoformat(), phrase, note, sentence, status)


def _cue_phrase(text: str, match: re.Match) -> str:
    cue = re.search(r"(\w+)\W*$", text[max(0, match.start() - 40) : match.start()])
    return f"{cue.group(1)} {match.group()}" if cue else match.group()
