"""Timelines: events and dated statements in date order, grouped by year and month.

Dates stay partial ("2019", "2019-01", "2019-01-15"): ISO strings sort correctly as
text, so an entry known only to its year comes first in that year, in a group of
its own, and is shown as "2019", never as a made-up day.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from generator.analysis.index import EventRef, Index, StatementRef
from generator.content.models import Actor, Brief, Question, Source
from generator.site.build_date import build_day

KIND_ORDER = {"event": 0, "statement": 1}


class TimelineEntry(NamedTuple):
    """One dated thing: an event of a brief, or a statement made on a known date.
    (A tuple: a large site has hundreds of thousands, made in one go.)"""

    date: str
    kind: str  # "event" or "statement"
    brief: Brief
    source: Source
    actor_ids: tuple[str, ...]
    event: EventRef | None = None
    statement: StatementRef | None = None

    @property
    def sort_key(self) -> tuple:
        return (self.date, KIND_ORDER[self.kind], self.brief.id, self.text)

    @property
    def timing(self) -> str | None:
        """'upcoming' or 'passed' for a scheduled event or a deadline, seen from the build date."""
        return self.event.event.timing(build_day()) if self.event is not None else None

    @property
    def text(self) -> str:
        if self.event is not None:
            return self.event.event.text
        return self.statement.statement.text  # type: ignore[union-attr]

    @property
    def kinds(self) -> tuple[str, ...]:
        """What the entry is, for the timeline's filter: its kind, and an event's status
        (scheduled, deadline…), whether it is upcoming, and whether it is disputed."""
        if self.event is None:
            return ("statement",)
        event = self.event.event
        kinds = ["event", str(getattr(event.status, "value", event.status))]
        if self.timing == "upcoming":
            kinds.append("upcoming")
        if event.accounts:
            kinds.append("disputed")
        return tuple(kinds)


@dataclass
class Period:
    """Entries sharing a known month ("2019-01"), or known only to the year ("2019")."""

    date: str
    entries: list[TimelineEntry] = field(default_factory=list)


@dataclass
class Year:
    year: str
    periods: list[Period] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(p.entries) for p in self.periods)

    @property
    def year_only(self) -> Period | None:
        """The entries known only to the year, if any (they come first)."""
        return self.periods[0] if self.periods and len(self.periods[0].date) == 4 else None

    @property
    def months(self) -> list[Period]:
        return [p for p in self.periods if len(p.date) > 4]


@dataclass
class QuestionStatements:
    """The statements of one date and brief on one question, which is named once above them."""

    question: Question
    entries: list[TimelineEntry] = field(default_factory=list)


@dataclass
class EntryGroup:
    """A period's entries of one date from one brief: the brief named once, each question once."""

    date: str
    brief: Brief
    events: list[TimelineEntry] = field(default_factory=list)
    questions: list[QuestionStatements] = field(default_factory=list)

    @property
    def entries(self) -> list[TimelineEntry]:
        return self.events + [e for q in self.questions for e in q.entries]


def group_by_brief(entries: list[TimelineEntry]) -> list[EntryGroup]:
    """Entries (in ``sort_key`` order) → a group per date and brief, in order of first entry;
    in each, the events first, then the statements by question, in order of first statement."""
    groups: dict[tuple[str, str], EntryGroup] = {}
    for entry in entries:
        group = groups.get((entry.date, entry.brief.id))
        if group is None:
            group = groups[(entry.date, entry.brief.id)] = EntryGroup(entry.date, entry.brief)
        if entry.event is not None:
            group.events.append(entry)
            continue
        question = entry.statement.question  # type: ignore[union-attr]
        same = next((q for q in group.questions if q.question.id == question.id), None)
        if same is None:
            same = QuestionStatements(question)
            group.questions.append(same)
        same.entries.append(entry)
    return list(groups.values())


@dataclass
class TimelinePart:
    """One page of a period's entries, when they are too many for one page: groups (a date of
    one brief) follow each other whole, as many as fit in the page's limit."""

    period: Period
    number: int  # from 1
    count: int  # how many parts the period has
    entries: list[TimelineEntry]
    first: int  # the number of its first entry in the period, from 1

    @property
    def key(self) -> str:
        """The page's key: the period's date, then "/2", "/3"… for the parts after the first."""
        return self.period.date if self.number == 1 else f"{self.period.date}/{self.number}"

    @property
    def last(self) -> int:
        return self.first + len(self.entries) - 1


def parts_of(period: Period, limit: int) -> list[TimelinePart]:
    """The period's entries cut into pages of at most ``limit`` entries, at group boundaries
    (a group of more than ``limit`` entries is a page of its own)."""
    chunks: list[list[TimelineEntry]] = [[]]
    for group in group_by_brief(period.entries):
        if chunks[-1] and len(chunks[-1]) + len(group.entries) > limit:
            chunks.append([])
        chunks[-1] += group.entries
    parts, first = [], 1
    for number, chunk in enumerate(chunks, 1):
        parts.append(TimelinePart(period, number, len(chunks), chunk, first))
        first += len(chunk)
    return parts


def soonest_first(entry: TimelineEntry) -> tuple:
    """Upcoming things by date, one known only to its month or year after the days inside it
    (it may come as late as the period's end: "~" sorts after "-" and the digits)."""
    return (entry.date + "~", entry.brief.id, entry.text)


@dataclass
class Facets:
    """What a timeline page's filter offers: the actors, topics and kinds of its entries."""

    actors: list[Actor]
    topics: list[tuple[str, str]]  # (slug, label), by label
    kinds: list[tuple[str, str]]  # (kind, label), in FILTER_KINDS order


FILTER_KINDS = {
    "event": "Events",
    "statement": "Statements",
    "upcoming": "Upcoming",
    "scheduled": "Scheduled events",
    "deadline": "Deadlines",
    "disputed": "Disputed events",
    "postponed": "Postponed",
    "cancelled": "Cancelled",
}


def facets(entries: list[TimelineEntry], index: Index) -> Facets:
    actor_ids = {a for e in entries for a in e.actor_ids}
    actors = sorted((index.actors[a] for a in actor_ids), key=lambda a: (a.name.casefold(), a.id))
    briefs = {e.brief.id: e.brief for e in entries}.values()
    topics = {t.slug: t.label for b in briefs for t in index.topics_of(b)}
    kinds = {k for e in entries for k in e.kinds}
    return Facets(
        actors,
        sorted(topics.items(), key=lambda t: (t[1].casefold(), t[0])),
        [(k, label) for k, label in FILTER_KINDS.items() if k in kinds],
    )


def statement_date(ref: StatementRef) -> str | None:
    """When a statement was made, if known: its own date, else its source's date."""
    return ref.statement.date or ref.source.date


def event_entry(ref: EventRef) -> TimelineEntry:
    return TimelineEntry(
        ref.event.date, "event", ref.brief, ref.source, tuple(ref.event.actors), event=ref
    )


def statement_entry(ref: StatementRef) -> TimelineEntry | None:
    date = statement_date(ref)
    if date is None:
        return None
    actors = (
        (ref.position.actor, ref.statement.attribution.actor)
        if ref.statement.attribution.actor
        else (ref.position.actor,)
    )
    return TimelineEntry(date, "statement", ref.brief, ref.source, actors, statement=ref)


def group_by_month(entries: list[TimelineEntry]) -> list[Year]:
    """Entries in ``sort_key`` order → years → periods (year-only entries first, then each month)."""
    years: dict[str, Year] = {}
    for entry in entries:
        year = years.setdefault(entry.date[:4], Year(entry.date[:4]))
        period_date = entry.date[:7]
        if not year.periods or year.periods[-1].date != period_date:
            year.periods.append(Period(period_date))
        year.periods[-1].entries.append(entry)
    return list(years.values())


class Timelines:
    """Every timeline of the site, built in one pass over the index."""

    def __init__(self, index: Index):
        self.entries: list[TimelineEntry] = []
        for brief in index.briefs:
            sources = index.sources[brief.id]
            events = (EventRef(brief, event, sources[event.source]) for event in brief.events)
            self.entries += map(event_entry, events)
        for refs in index.statements_by_actor.values():
            self.entries += (entry for entry in map(statement_entry, refs) if entry is not None)
        self.entries.sort(key=lambda e: e.sort_key)
        # Sorted once: each actor's and brief's entries are taken in this order, already sorted.
        self._by_actor: dict[str, list[TimelineEntry]] = defaultdict(list)
        self._by_brief: dict[str, list[TimelineEntry]] = defaultdict(list)
        for entry in self.entries:
            self._by_brief[entry.brief.id].append(entry)
            for actor_id in dict.fromkeys(entry.actor_ids):
                self._by_actor[actor_id].append(entry)

    def years(self) -> list[Year]:
        return group_by_month(self.entries)

    def upcoming(self) -> list[TimelineEntry]:
        """Scheduled events and deadlines not yet passed at the build date, the soonest first."""
        coming = [e for e in self.entries if e.event is not None and e.timing == "upcoming"]
        return sorted(coming, key=soonest_first)

    def disputed(self) -> list[TimelineEntry]:
        """Events told two or more ways, the latest first."""
        return [e for e in reversed(self.entries) if e.event is not None and e.event.event.accounts]

    def of_actor(self, actor_id: str, briefs: frozenset[str] | None = None) -> list[Year]:
        """The actor's timeline, or the part of it from the briefs ``briefs`` (ids)."""
        entries = self._by_actor.get(actor_id, [])
        if briefs is not None:
            entries = [e for e in entries if e.brief.id in briefs]
        return group_by_month(_own_dates(entries))

    def of_brief(self, brief_id: str) -> list[Year]:
        return group_by_month(_own_dates(self._by_brief.get(brief_id, [])))


def _own_dates(entries: list[TimelineEntry]) -> list[TimelineEntry]:
    """Events, and statements that carry their own date. On an actor's or a brief's page the
    statements dated only by their source are already listed, with that date, above."""
    return [e for e in entries if e.event is not None or e.statement.statement.date]  # type: ignore[union-attr]
