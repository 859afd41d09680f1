"""The cross-reference index: who said what where, across every brief.

Built once from a validated :class:`~generator.content.corpus.Corpus`; every page and
view reads from it, so a relation is worked out in one place only.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from generator.content.corpus import Corpus
from generator.content.models import (
    Actor,
    Brief,
    Event,
    LegalInstrument,
    LegalReference,
    Position,
    Question,
    Reading,
    Relation,
    Source,
    Statement,
)
from generator.site.urls import topic_slug


@dataclass(frozen=True)
class StatementRef:
    """A statement with everything needed to show it away from its brief."""

    brief: Brief
    position: Position
    question: Question
    statement: Statement
    source: Source

    @property
    def date(self) -> str:
        return self.statement.date or self.source.date or self.brief.date


@dataclass(frozen=True)
class ReadingRef:
    brief: Brief
    reference: LegalReference
    reading: Reading
    source: Source

    @property
    def date(self) -> str:
        return self.reading.date or self.source.date or self.brief.date


@dataclass(frozen=True)
class RelationRef:
    brief: Brief
    relation: Relation
    source: Source


@dataclass(frozen=True)
class EventRef:
    brief: Brief
    event: Event
    source: Source


@dataclass
class Topic:
    slug: str
    label: str
    briefs: list[Brief] = field(default_factory=list)


@dataclass
class StanceTable:
    """One brief's positions as a grid: a row per actor, a column per question."""

    questions: list[Question]
    actors: list[Actor]
    cells: dict[tuple[str, str], Position]

    def cell(self, actor_id: str, question_id: str) -> Position | None:
        return self.cells.get((actor_id, question_id))


class Index:
    """Everything the pages need, cross-referenced. Drafts are left out unless asked for."""

    def __init__(self, corpus: Corpus, *, include_drafts: bool = False):
        self.actors: dict[str, Actor] = corpus.actors
        self.legal: dict[str, LegalInstrument] = corpus.legal
        visible = [b for b in corpus.briefs.values() if include_drafts or b.status == "published"]
        # Newest first; the id breaks ties so the order never depends on the file system.
        self.briefs: list[Brief] = sorted(visible, key=lambda b: (b.date, b.id), reverse=True)

        self.statements_by_actor: dict[str, list[StatementRef]] = defaultdict(list)
        # Statements an actor made for another's position (attribution.actor), for its own page.
        self.statements_by_speaker: dict[str, list[StatementRef]] = defaultdict(list)
        self.readings_by_instrument: dict[str, list[ReadingRef]] = defaultdict(list)
        self.readings_by_actor: dict[str, list[ReadingRef]] = defaultdict(list)
        self.relations_by_actor: dict[str, list[RelationRef]] = defaultdict(list)
        self.events_by_actor: dict[str, list[EventRef]] = defaultdict(list)
        self.briefs_by_actor: dict[str, list[Brief]] = defaultdict(list)
        self.briefs_by_instrument: dict[str, list[Brief]] = defaultdict(list)
        self.actors_by_brief: dict[str, list[Actor]] = {}
        self.sources: dict[str, dict[str, Source]] = {}  # brief id → source id → source
        self.topics: dict[str, Topic] = {}
        self.stance_tables: dict[str, StanceTable] = {}
        for brief in self.briefs:
            self._add_brief(brief)
        self._by_id = {b.id: b for b in self.briefs}
        self._place = {b.id: n for n, b in enumerate(self.briefs)}  # newest first
        self._follows = {b.id: [e for e in b.follows if e in self.sources] for b in self.briefs}
        self._followed_by: dict[str, list[str]] = defaultdict(list)
        for brief in reversed(self.briefs):  # oldest first
            for earlier in self._follows[brief.id]:
                self._followed_by[earlier].append(brief.id)
        for refs in (*self.statements_by_actor.values(), *self.statements_by_speaker.values()):
            refs.sort(key=lambda r: r.date, reverse=True)
        self.topics = dict(sorted(self.topics.items(), key=lambda item: item[1].label.casefold()))

    def _add_brief(self, brief: Brief) -> None:
        sources = self.sources[brief.id] = {s.id: s for s in brief.sources}
        questions = {q.id: q for q in brief.questions}
        actors_here: dict[str, None] = {}  # an ordered set
        for position in brief.positions:
            actors_here[position.actor] = None
            for statement in position.statements:
                ref = StatementRef(
                    brief,
                    position,
                    questions[position.question],
                    statement,
                    sources[statement.source],
                )
                self.statements_by_actor[position.actor].append(ref)
                speaker = statement.attribution.actor
                if speaker and speaker != position.actor:
                    actors_here[speaker] = None
                    self.statements_by_speaker[speaker].append(ref)
        for instrument in dict.fromkeys(r.instrument for r in brief.legal_references):
            self.briefs_by_instrument[instrument].append(brief)
        for reference in brief.legal_references:
            for reading in reference.readings:
                actors_here[reading.actor] = None
                ref = ReadingRef(brief, reference, reading, sources[reading.source])
                self.readings_by_instrument[reference.instrument].append(ref)
                self.readings_by_actor[reading.actor].append(ref)
        for relation in brief.relations:
            ref = RelationRef(brief, relation, sources[relation.source])
            for actor_id in dict.fromkeys((relation.from_actor, relation.to_actor)):
                actors_here[actor_id] = None
                self.relations_by_actor[actor_id].append(ref)
        for event in brief.events:
            for actor_id in event.actors:
                actors_here[actor_id] = None
                self.events_by_actor[actor_id].append(EventRef(brief, event, sources[event.source]))
        for actor_id in actors_here:
            self.briefs_by_actor[actor_id].append(brief)
        self.actors_by_brief[brief.id] = [self.actors[a] for a in actors_here]
        for slug, label in {topic_slug(label): label for label in reversed(brief.topics)}.items():
            self.topics.setdefault(slug, Topic(slug, label)).briefs.append(brief)
        table_actors = list(dict.fromkeys(p.actor for p in brief.positions))
        self.stance_tables[brief.id] = StanceTable(
            questions=list(brief.questions),
            actors=[self.actors[a] for a in table_actors],
            cells={(p.actor, p.question): p for p in brief.positions},
        )

    # --- issue 19: story threads ---

    def earlier_in_story(self, brief: Brief) -> list[Brief]:
        """The briefs this one continues, directly or through others, oldest first."""
        return self._thread(brief.id, self._follows)

    def later_in_story(self, brief: Brief) -> list[Brief]:
        """The briefs that continue this one, directly or through others, oldest first."""
        return self._thread(brief.id, self._followed_by)

    def _thread(self, start: str, links: dict[str, list[str]]) -> list[Brief]:
        seen: dict[str, None] = {}
        todo = list(links.get(start, ()))
        while todo:
            key = todo.pop()
            if key not in seen and key != start:
                seen[key] = None
                todo += links.get(key, ())
        # Oldest first: by place in the list, not by a pass over every brief (once per page).
        oldest_first = sorted(seen, key=self._place.__getitem__, reverse=True)
        return [self._by_id[key] for key in oldest_first]

    def outcome_in_story(self, brief: Brief, event: Event) -> Brief | None:
        """The first later brief of the story that records what became of a scheduled event or
        deadline: an event of the same date, no longer scheduled, with an actor in common."""
        for later in self.later_in_story(brief):
            for other in later.events:
                if (
                    other.date == event.date
                    and other.status not in ("scheduled", "deadline")
                    and (
                        set(other.actors) & set(event.actors) or not (other.actors or event.actors)
                    )
                ):
                    return later
        return None

    def topics_of(self, brief: Brief) -> list[Topic]:
        return [
            self.topics[slug] for slug in dict.fromkeys(topic_slug(label) for label in brief.topics)
        ]

    def key_actors(self, limit: int = 12) -> list[Actor]:
        """The actors that appear in the most briefs."""
        ranked = sorted(
            self.actors.values(), key=lambda a: (-len(self.briefs_by_actor.get(a.id, ())), a.name)
        )
        return [a for a in ranked[:limit] if self.briefs_by_actor.get(a.id)]
