"""An actor's page, split by briefs when the actor appears in many.

A recurring actor (a government, a company) can appear in thousands of briefs; one
page holding every statement would weigh megabytes. The actor's briefs, newest first,
are cut into pages of ``BRIEFS_PER_PAGE``, and each page shows what the actor said and
did in its briefs. The first page also carries the profile, stance changes and network.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from generator.analysis.index import Index, ReadingRef, RelationRef, StatementRef
from generator.content.models import Actor, Brief
from generator.site.pagination import later_page_kind, page_key, paginate
from generator.site.urls import page_path

# Measured (bench/heights.py) at 10,000 story briefs: the tallest first page was 19,632 px at 20
# briefs a page, of which ~12,000 px grow with its briefs (statements, relations, readings, the
# briefs' list) and the rest with the corpus (stance changes, parts, members), now bounded below.
BRIEFS_PER_PAGE = 16
CHANGES_SHOWN = 10  # stance changes listed at once on an actor's page: the latest; the rest folded
NAMES_SHOWN = 30  # parts or members listed at once on an actor's page; the rest folded


@dataclass(frozen=True)
class ActorPage:
    actor: Actor
    number: int  # from 1
    count: int  # pages of this actor
    first: int  # position of the page's first brief among the actor's briefs, from 1
    total: int  # the actor's briefs
    briefs: list[Brief]
    statements: list[StatementRef]
    readings: list[ReadingRef]
    relations: list[RelationRef]

    @property
    def path(self) -> str:
        return actor_page_path(self.actor.id, self.number)

    @property
    def last(self) -> int:
        return self.first + len(self.briefs) - 1

    @property
    def shown(self) -> dict[str, int]:
        """How many items of a list that grows with the corpus the page shows at once."""
        return {"changes": CHANGES_SHOWN, "names": NAMES_SHOWN}

    @property
    def brief_ids(self) -> frozenset[str]:
        return frozenset(brief.id for brief in self.briefs)

    @property
    def statement_groups(self) -> list[list[StatementRef]]:
        """The statements in runs of one position and date, which the page heads once."""
        return [list(run) for _, run in itertools.groupby(self.statements, key=_context)]


def _context(ref: StatementRef) -> tuple[str, str, str, str, str]:
    # Brief, question and actor make the position (the actor is another when the page's actor
    # spoke for it); its statements may differ in stance, so the stance heads a run too.
    return (
        ref.brief.id,
        ref.question.id,
        ref.position.actor,
        ref.date,
        ref.position.stance_of(ref.statement),
    )


def _statements(index: Index, actor_id: str) -> list[StatementRef]:
    """The statements of the actor's positions and those it made for another's, newest first."""
    spoken = index.statements_by_speaker.get(actor_id)
    own = index.statements_by_actor.get(actor_id, [])
    return sorted([*own, *spoken], key=lambda r: r.date, reverse=True) if spoken else own


def actor_page_path(actor_id: str, number: int) -> str:
    kind = "actor" if number == 1 else later_page_kind("actor")
    return page_path(kind, page_key(actor_id, number))


def actor_pages(index: Index, actor: Actor) -> list[ActorPage]:
    """The actor's pages: always one, more when it appears in more than BRIEFS_PER_PAGE briefs."""
    briefs = index.briefs_by_actor.get(actor.id, [])
    pages = paginate(briefs, BRIEFS_PER_PAGE, "actor", actor.id)
    page_of = {brief.id: n for n, page in enumerate(pages) for brief in page.entries}

    def split(refs: list) -> list[list]:
        parts: list[list] = [[] for _ in pages]
        for ref in refs:
            parts[page_of[ref.brief.id]].append(ref)
        return parts

    statements = split(_statements(index, actor.id))
    readings = split(index.readings_by_actor.get(actor.id, []))
    relations = split(index.relations_by_actor.get(actor.id, []))
    return [
        ActorPage(
            actor,
            page.number,
            page.count,
            page.first,
            page.total,
            list(page.entries),
            statements[n],
            readings[n],
            relations[n],
        )
        for n, page in enumerate(pages)
    ]
