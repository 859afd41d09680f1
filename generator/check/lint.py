"""Warnings: content that is valid but probably not what the analyst meant.

``briefing check --strict`` turns them into errors.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Iterator

from generator.content.corpus import Corpus
from generator.content.models import shortened
from generator.content.problems import Problem
from generator.content.yamlfile import KeyPath
from generator.site.markup import dropped_links


def lint(corpus: Corpus) -> list[Problem]:
    return sorted(
        [
            *_unused_actors(corpus),
            *_silent_positions(corpus),
            *_uncited_sources(corpus),
            *_dropped_links(corpus),
            *_reworded_questions(corpus),
        ]
    )


def _warning(
    corpus: Corpus, folder: str, record_id: str, keypath: KeyPath, message: str
) -> Problem:
    problem = corpus.files[(folder, record_id)].problem(keypath, message)
    return dataclasses.replace(problem, severity="warning")


def _unused_actors(corpus: Corpus) -> Iterator[Problem]:
    used = {
        ref
        for brief in corpus.briefs.values()
        for _, kind, ref in brief.references()
        if kind == "actor"
    }
    used |= {actor.part_of for actor in corpus.actors.values() if actor.part_of}
    used |= {m.actor for actor in corpus.actors.values() for m in actor.member_of}
    used |= {instrument.court for instrument in corpus.legal.values() if instrument.court}
    for actor_id in sorted(set(corpus.actors) - used):
        yield _warning(
            corpus, "actors", actor_id, ("id",), f"actor '{actor_id}' is not used by any brief"
        )


def _silent_positions(corpus: Corpus) -> Iterator[Problem]:
    for brief in corpus.briefs.values():
        for i, position in enumerate(brief.positions):
            if not position.statements:
                yield _warning(
                    corpus,
                    "briefs",
                    brief.id,
                    ("positions", i),
                    f"the position of '{position.actor}' on '{position.question}' has no statement to back it",
                )


def _uncited_sources(corpus: Corpus) -> Iterator[Problem]:
    for brief in corpus.briefs.values():
        cited = {ref for _, kind, ref in brief.references() if kind == "source"}
        for i, source in enumerate(brief.sources):
            if source.id not in cited:
                yield _warning(
                    corpus,
                    "briefs",
                    brief.id,
                    ("sources", i, "id"),
                    f"source '{source.id}' is never cited",
                )


def _dropped_links(corpus: Corpus) -> Iterator[Problem]:
    """Links the sanitiser would drop from a Markdown field: said, never removed in silence."""
    fields = [("briefs", b.id, "summary", b.summary) for b in corpus.briefs.values()]
    fields += [("actors", a.id, "description", a.description) for a in corpus.actors.values()]
    fields += [("legal", i.id, "summary", i.summary) for i in corpus.legal.values()]
    for folder, record_id, name, text in fields:
        for href in dropped_links(text or ""):
            yield _warning(
                corpus,
                folder,
                record_id,
                (name,),
                (
                    f"the link '{shortened(href)}' in '{name}' would be dropped from the page: link to "
                    "http(s) or mailto addresses, or to the site's pages as brief:ID, actor:ID or legal:ID"
                ),
            )


SMALL_EDIT = 0.9  # difflib ratio of two wordings from which they count as one, lightly edited


def _reworded_questions(corpus: Corpus) -> Iterator[Problem]:
    """A question id reused with wording that differs beyond small edits (issue 19): the stance
    matrix would split the question in two columns, or merge two questions, without a word."""
    first: dict[str, tuple[str, str, int]] = {}  # question id → its first wording, brief, index
    for brief in sorted(corpus.briefs.values(), key=lambda b: (b.date, b.id)):
        for i, question in enumerate(brief.questions):
            wording, first_brief, first_index = first.setdefault(
                question.id, (question.text, brief.id, i)
            )
            if (first_brief, first_index) == (brief.id, i) or _lightly_edited(
                wording, question.text
            ):
                continue
            # Located only when said: a large corpus reuses its questions tens of thousands of times.
            earlier = corpus.files[("briefs", first_brief)].problem(
                ("questions", first_index, "text"), ""
            )
            yield _warning(
                corpus,
                "briefs",
                brief.id,
                ("questions", i, "text"),
                (
                    f"question '{question.id}' is worded differently from its earlier use at "
                    f"{earlier.file}:{earlier.line}:{earlier.col} ('{shortened(wording)}'): give a different "
                    "question its own id, or keep the wording"
                ),
            )


def _lightly_edited(first: str, second: str) -> bool:
    a, b = (" ".join(text.casefold().split()) for text in (first, second))
    return a == b or difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= SMALL_EDIT
