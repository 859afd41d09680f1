"""Warnings: content that is valid but probably not what the analyst meant.

``briefing check --strict`` turns them into errors.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from .content import Corpus
from .problems import Problem
from .yamlfile import KeyPath


def lint(corpus: Corpus) -> list[Problem]:
    return sorted([*_unused_actors(corpus), *_silent_positions(corpus), *_uncited_sources(corpus)])


def _warning(corpus: Corpus, folder: str, record_id: str, keypath: KeyPath, message: str) -> Problem:
    problem = corpus.files[(folder, record_id)].problem(keypath, message)
    return dataclasses.replace(problem, severity="warning")


def _unused_actors(corpus: Corpus) -> Iterator[Problem]:
    used = {ref for brief in corpus.briefs.values() for _, kind, ref in brief.references() if kind == "actor"}
    used |= {actor.part_of for actor in corpus.actors.values() if actor.part_of}
    used |= {m.actor for actor in corpus.actors.values() for m in actor.member_of}
    used |= {instrument.court for instrument in corpus.legal.values() if instrument.court}
    for actor_id in sorted(set(corpus.actors) - used):
        yield _warning(corpus, "actors", actor_id, ("id",), f"actor '{actor_id}' is not used by any brief")


def _silent_positions(corpus: Corpus) -> Iterator[Problem]:
    for brief in corpus.briefs.values():
        for i, position in enumerate(brief.positions):
            if not position.statements:
                yield _warning(
                    corpus, "briefs", brief.id, ("positions", i),
                    f"the position of '{position.actor}' on '{position.question}' has no statement to back it",
                )


def _uncited_sources(corpus: Corpus) -> Iterator[Problem]:
    for brief in corpus.briefs.values():
        cited = {ref for _, kind, ref in brief.references() if kind == "source"}
        for i, source in enumerate(brief.sources):
            if source.id not in cited:
                yield _warning(corpus, "briefs", brief.id, ("sources", i, "id"),
                               f"source '{source.id}' is never cited")
