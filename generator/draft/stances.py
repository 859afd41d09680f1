"""Stance changes: an actor that "had opposed … until", "reversed its position on Monday".

A sentence tells of a change when it says what the old stance was ("had opposed", "its
objection", "had supported … until April") and that it ended ("reversed", "dropped",
"withdrew", "no longer", "now says", "until"). The new stance is the other one. Which actor
changed is the brief's business (see brief.py); here, what the sentence says: the old and new
stance, when the new one was taken (the sentence's own date, else the article's) and how long the
old one lasted ("until April"), if it says.

Statements are dated from their own sentence ("said in November that …"), by a date outside the
quotation marks, so that a position whose stance changes can put each statement before or after.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass

from generator.draft.article import Article, Sentence
from generator.draft.events import DatedEvent

SUPPORTS, OPPOSES = "supports", "opposes"

_OLD_STANCE = re.compile(
    r"\b(?:(?:had|has)\s+(?:long\s+|previously\s+|initially\s+|until\s+now\s+)?"
    r"(?P<opposed>opposed|objected|resisted|rejected|fought|critici[sz]ed|condemned)"
    r"|(?:had|has)\s+(?:long\s+|previously\s+|initially\s+|until\s+now\s+)?"
    r"(?P<supported>supported|backed|championed|endorsed|favou?red|welcomed|defended)"
    r"|(?:its|her|his|their|the)\s+(?:\w+\s+)?(?P<opposition>opposition|objections?|resistance|"
    r"veto|rejection)"
    r"|(?:its|her|his|their)\s+(?:\w+\s+)?(?P<support>support|backing|endorsement))\b",
    re.IGNORECASE,
)
_ENDED = re.compile(
    r"\b(?:revers\w*|u-turn|about-turn|drop(?:s|ped)?|withdr(?:ew|aws?|awn)|abandon\w*|"
    r"lift(?:s|ed)?|end(?:s|ed)|chang\w*\s+(?:its|her|his|their)\s+(?:mind|view|position|stance)|"
    r"no\s+longer|until|now\s+(?:says|supports|backs|opposes|rejects|wants|calls)|"
    r"came\s+round|switch\w*|flip\w*)\b",
    re.IGNORECASE,
)
_NOT_A_DATE_OF_CHANGE = re.compile(r"^(?:until|since|by|from|before)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[,;:]|\s(?:and|but|now|when)\s")
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_AFTER_SAYING = re.compile(
    rf"\b(?P<count>\d{{1,2}}|{'|'.join(_NUMBERS)})\s+(?P<unit>day|week|month|year)s?\s+after\s+"
    r"(?:calling|saying|describing|branding|declaring|insisting|vowing)\b",
    re.IGNORECASE,
)
_AGO = re.compile(
    rf"\b(?P<count>\d{{1,2}}|{'|'.join(_NUMBERS)})\s+(?P<unit>day|week|month|year)s?\s+ago\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class StanceChange:
    evidence: Sentence
    before: str  # the old stance: supports or opposes
    after: str  # the new one
    date: str | None  # when the new stance was taken, if the sentence says ("on Monday")
    until: str | None  # how long the old stance lasted, when the sentence says ("until April")
    clause: str  # the article's words for the old stance: "had supported the agreement until April"
    verb_at: int  # offset in the article of the words telling the old stance: the subject is before


def find_stance_changes(
    article: Article, by_sentence: dict[int, list[DatedEvent]]
) -> list[StanceChange]:
    changes = []
    for sentence in article.sentences:
        old = _OLD_STANCE.search(sentence.text)
        if old is None or not _ENDED.search(sentence.text):
            continue
        before = OPPOSES if old["opposed"] or old["opposition"] else SUPPORTS
        after = SUPPORTS if before == OPPOSES else OPPOSES
        dated = by_sentence.get(sentence.start, [])
        until = next((e.date for e in dated if e.phrase.casefold().startswith("until")), None)
        taken = next((e.date for e in dated if not _NOT_A_DATE_OF_CHANGE.match(e.phrase)), None)
        changes.append(
            StanceChange(
                sentence,
                before,
                after,
                taken,
                until,
                _clause(sentence.text, old.start()),
                sentence.start + old.start(),
            )
        )
    return changes


def is_after(change: StanceChange, date: str, article_date: str | None) -> bool:
    """Whether a statement of this date comes after the change: from the change's own date on,
    else after the old stance ended ("until April"), else from the article's day."""
    if change.date:
        return date >= change.date
    if change.until:
        return date > change.until
    return bool(article_date) and date >= article_date


def said_before(change: StanceChange) -> str | None:
    """When the old stance was voiced, if the change's sentence says how long before ("three
    months after calling the project “unacceptable”"): the change's date less that, to the month."""
    match = _AFTER_SAYING.search(change.evidence.text)
    if match is None or not change.date or len(change.date) != 10:
        return None
    count = _NUMBERS.get(match["count"].casefold()) or int(match["count"])
    return _shifted(datetime.date.fromisoformat(change.date), count, match["unit"].casefold())


def _clause(text: str, start: int) -> str:
    """The old stance's clause: 'had supported the agreement until April'."""
    rest = text[start:]
    end = _CLAUSE_END.search(rest)
    return " ".join(rest[: end.start() if end else len(rest)].split()).rstrip(".")


def events_by_sentence(events: list[DatedEvent]) -> dict[int, list[DatedEvent]]:
    """The events found in each sentence, by the sentence's start."""
    grouped: dict[int, list[DatedEvent]] = defaultdict(list)
    for event in events:
        grouped[event.evidence.start].append(event)
    return grouped


def statement_date(
    sentences: list[Sentence],
    quote_start: int,
    quote_end: int,
    by_sentence: dict[int, list[DatedEvent]],
    article_date: str | None,
) -> str | None:
    """When a statement was made, if its sentence says so outside the quotation ("said in
    November that …"), and that was not after the article's day (nothing said is still to come)."""
    for sentence in sentences:
        for event in by_sentence.get(sentence.start, []):
            if event.status != "happened":
                continue
            at = sentence.start + sentence.text.find(event.phrase)
            if at >= sentence.start and not quote_start - 1 <= at <= quote_end:
                return event.date
    return _ago(sentences, quote_start, quote_end, article_date)


def _ago(
    sentences: list[Sentence], quote_start: int, quote_end: int, article_date: str | None
) -> str | None:
    """'Two weeks ago, she told …': the day, month or year it points to, as precise as it is."""
    if not article_date or len(article_date) != 10:
        return None
    for sentence in sentences:
        for match in _AGO.finditer(sentence.text):
            if quote_start - 1 <= sentence.start + match.start() <= quote_end:
                continue
            count = _NUMBERS.get(match["count"].casefold()) or int(match["count"])
            return _shifted(
                datetime.date.fromisoformat(article_date), count, match["unit"].casefold()
            )
    return None


def _shifted(day: datetime.date, count: int, unit: str) -> str:
    """``count`` days, weeks, months or years before ``day``, as precise as the unit."""
    if unit in ("day", "week"):
        day -= datetime.timedelta(days=count * (7 if unit == "week" else 1))
        return day.isoformat() if unit == "day" else day.isoformat()[:7]
    months = day.year * 12 + day.month - 1 - count * (12 if unit == "year" else 1)
    return f"{months // 12:04d}" if unit == "year" else f"{months // 12:04d}-{months % 12 + 1:02d}"
