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
from generator.content.models import Brief, Source
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


def statement_date(ref: StatementRef) -> str | None:
    """When a statement was made, if known: its own date, else its source's date."""
    return ref.statement.date or ref.source.date


def event_entry(ref: EventRef) -> TimelineEntry:
    return TimelineEntry(ref.event.date, "event", ref.brief, ref.source, tuple(ref.event.actors), event=ref)


def statement_entry(ref: StatementRef) -> TimelineEntry | None:
    date = statement_date(ref)
    if date is None:
        return None
    actors = (ref.position.actor, ref.statement.attribution.actor) if ref.statement.attribution.actor else (
        ref.position.actor,)
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
