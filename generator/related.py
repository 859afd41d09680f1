"""Related briefs, ranked by what they share: actors, legal instruments and topics.

Candidates come from the index's inverted lists (actor → briefs, instrument →
briefs, topic → briefs), never from comparing every pair of briefs. A shared key
weighs more the rarer it is (inverse document frequency); keys found in more than
``COMMON_KEY_LIMIT`` briefs say little about relatedness and are skipped, which also
bounds the work per brief on a large corpus.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, field

from .index import Index, Topic
from .models import Actor, Brief, LegalInstrument

COMMON_KEY_LIMIT = 500


@dataclass
class RelatedBrief:
    brief: Brief
    score: float = 0.0
    actors: list[Actor] = field(default_factory=list)
    instruments: list[LegalInstrument] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)

    @property
    def shared(self) -> int:
        return len(self.actors) + len(self.instruments) + len(self.topics)


def _keys(index: Index, brief: Brief) -> list[tuple[str, object, list[Brief]]]:
    """(kind, thing, briefs that have it) for everything this brief refers to."""
    keys: list[tuple[str, object, list[Brief]]] = []
    for actor in index.actors_by_brief.get(brief.id, []):
        keys.append(("actors", actor, index.briefs_by_actor[actor.id]))
    for instrument_id in dict.fromkeys(r.instrument for r in brief.legal_references):
        keys.append(("instruments", index.legal[instrument_id], index.briefs_by_instrument[instrument_id]))
    for topic in index.topics_of(brief):
        keys.append(("topics", topic, topic.briefs))
    return keys


def ranking_keys(index: Index, brief: Brief) -> tuple:
    """What places a brief in other briefs' rankings: what it refers to (the scores) and
    its date (the order among equals). An edit that keeps them moves no ranking."""
    return brief.date, frozenset(
        (kind, thing.slug if isinstance(thing, Topic) else thing.id) for kind, thing, _ in _keys(index, brief)
    )


def related_briefs(index: Index, brief: Brief, limit: int = 5) -> list[RelatedBrief]:
    """The ``limit`` best: highest score, then most shared, then newest. Candidates are
    scored with plain numbers; only the winners learn what they share."""
    total = len(index.briefs)
    keys = [key for key in _keys(index, brief) if len(key[2]) <= COMMON_KEY_LIMIT]
    scores: dict[str, float] = {}
    shared: dict[str, int] = {}
    candidates: dict[str, Brief] = {}
    for _, _, briefs in keys:
        weight = math.log(1 + total / len(briefs))
        for other in briefs:
            scores[other.id] = scores.get(other.id, 0.0) + weight
            shared[other.id] = shared.get(other.id, 0) + 1
            candidates[other.id] = other
    scores.pop(brief.id, None)

    def rank(brief_id: str) -> tuple:
        return round(scores[brief_id], 9), shared[brief_id], candidates[brief_id].date, brief_id

    best = heapq.nlargest(limit, scores, key=rank)
    winners = {brief_id: RelatedBrief(candidates[brief_id], scores[brief_id]) for brief_id in best}
    for kind, thing, briefs in keys:
        for other in briefs:
            related = winners.get(other.id)
            if related is not None:
                getattr(related, kind).append(thing)
    return [winners[brief_id] for brief_id in best]
