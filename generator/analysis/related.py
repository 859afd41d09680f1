"""Related briefs, ranked by what they share: actors, legal instruments and topics.

Candidates come from the index's inverted lists (actor → briefs, instrument →
briefs, topic → briefs), never from comparing every pair of briefs. A shared key
weighs more the rarer it is (inverse document frequency); keys found in more than
``COMMON_KEY_LIMIT`` briefs say little about relatedness and are skipped, which also
bounds the work per brief on a large corpus. The lists are summed as arrays of brief
numbers (numpy): a brief meets about 1,500 others through its keys at 10,000 briefs.
"""

from __future__ import annotations

import heapq
import math
import weakref
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from generator.analysis.index import Index, Topic
from generator.content.models import Actor, Brief, LegalInstrument

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


class _Key(NamedTuple):
    kind: str  # "actors", "instruments" or "topics": where the shared thing is listed
    thing: Actor | LegalInstrument | Topic
    briefs: list[Brief]  # the briefs that refer to it

    @property
    def identity(self) -> tuple[str, str]:
        return self.kind, self.thing.slug if isinstance(self.thing, Topic) else self.thing.id


def _keys(index: Index, brief: Brief) -> list[_Key]:
    """Everything this brief refers to, with the briefs that do too."""
    keys: list[_Key] = []
    for actor in index.actors_by_brief.get(brief.id, []):
        keys.append(_Key("actors", actor, index.briefs_by_actor[actor.id]))
    for instrument_id in dict.fromkeys(r.instrument for r in brief.legal_references):
        keys.append(
            _Key(
                "instruments", index.legal[instrument_id], index.briefs_by_instrument[instrument_id]
            )
        )
    for topic in index.topics_of(brief):
        keys.append(_Key("topics", topic, topic.briefs))
    return keys


def ranking_keys(index: Index, brief: Brief) -> tuple:
    """What places a brief in other briefs' rankings: what it refers to (the scores) and
    its date (the order among equals). An edit that keeps them moves no ranking."""
    return brief.date, frozenset(key.identity for key in _keys(index, brief))


def related_briefs(index: Index, brief: Brief, limit: int = 5) -> list[RelatedBrief]:
    """The ``limit`` best: highest score, then most shared, then newest."""
    keys = [key for key in _keys(index, brief) if len(key.briefs) <= COMMON_KEY_LIMIT]
    if not keys:
        return []
    numbering = _numbering(index)
    total = len(index.briefs)
    members = np.concatenate([numbering.members[key.identity] for key in keys])
    weights = np.concatenate(
        [np.full(len(key.briefs), math.log(1 + total / len(key.briefs))) for key in keys]
    )
    # Each brief's weights are added in the keys' order, as a loop over the keys would: the same floats.
    scores = np.bincount(members, weights=weights, minlength=total)
    shared = np.bincount(members, minlength=total)
    shared[numbering.number[brief.id]] = 0
    candidates = np.flatnonzero(shared)
    if len(candidates) > limit:  # only those that may be among the best once scores are rounded
        cutoff = np.partition(scores[candidates], -limit)[-limit] - 1e-9
        candidates = candidates[scores[candidates] >= cutoff]

    def rank(n: int) -> tuple:
        other = index.briefs[n]
        return round(float(scores[n]), 9), int(shared[n]), other.date, other.id

    best = heapq.nlargest(limit, candidates.tolist(), key=rank)
    winners = {n: RelatedBrief(index.briefs[n], float(scores[n])) for n in best}
    for key in keys:  # only the winners learn what they share
        for n in numbering.member_set(key.identity).intersection(best):
            getattr(winners[n], key.kind).append(key.thing)
    return [winners[n] for n in best]


class _Numbering:
    """An index's briefs numbered by their place in ``index.briefs``, and the briefs of
    every actor, instrument and topic as an array of those numbers."""

    def __init__(self, index: Index):
        self.number = {brief.id: n for n, brief in enumerate(index.briefs)}
        lists = [(("actors", key), briefs) for key, briefs in index.briefs_by_actor.items()]
        lists += [
            (("instruments", key), briefs) for key, briefs in index.briefs_by_instrument.items()
        ]
        lists += [(("topics", topic.slug), topic.briefs) for topic in index.topics.values()]
        self.members = {
            identity: np.array([self.number[b.id] for b in briefs], dtype=np.intp)
            for identity, briefs in lists
        }
        self._member_sets: dict[tuple[str, str], frozenset[int]] = {}

    def member_set(self, identity: tuple[str, str]) -> frozenset[int]:
        found = self._member_sets.get(identity)
        if found is None:
            found = self._member_sets[identity] = frozenset(self.members[identity].tolist())
        return found


_numberings: weakref.WeakKeyDictionary[Index, _Numbering] = weakref.WeakKeyDictionary()


def _numbering(index: Index) -> _Numbering:
    """The index's numbering, made on first use and kept as long as the index."""
    numbering = _numberings.get(index)
    if numbering is None:
        numbering = _numberings[index] = _Numbering(index)
    return numbering
