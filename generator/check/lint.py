"""Warnings: content that is valid but probably not what the analyst meant.

``briefing check --strict`` turns them into errors.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Iterator

from pydantic import BaseModel

from generator.content.corpus import FOLDERS, Corpus, Reference
from generator.content.models import Actor, Brief, LegalInstrument, shortened
from generator.content.problems import Problem
from generator.content.yamlfile import KeyPath, YamlFile
from generator.site.markup import dropped_links


def lint(corpus: Corpus) -> list[Problem]:
    warnings: list[Problem] = []
    used: set[str] = set()
    for folder in FOLDERS:
        for record in getattr(corpus, folder).values():
            references = list(record.references())
            yaml_file = corpus.files[(folder, record.id)]
            warnings += record_warnings(record, yaml_file, references)
            used |= actors_used(record, references)
    return sorted(warnings + corpus_warnings(corpus, used))


def record_warnings(
    record: BaseModel, yaml_file: YamlFile, references: list[Reference]
) -> list[Problem]:
    """The warnings one record gives on its own (``references``: what its references() gives)."""
    warnings = list(_dropped_links(record, yaml_file))
    if isinstance(record, Brief):
        warnings += _silent_positions(record, yaml_file)
        warnings += _uncited_sources(record, yaml_file, references)
    return warnings


def corpus_warnings(corpus: Corpus, used: set[str]) -> list[Problem]:
    """The warnings across records: actors ``used`` by none, questions reworded. Only ids, the
    briefs' dates and questions are read, so a corpus of outlines does as well."""
    return [*_unused_actors(corpus, used), *_reworded_questions(corpus)]


def actors_used(record: BaseModel, references: list[Reference]) -> set[str]:
    """The actors a record uses: a brief's references, an actor's groups, a ruling's court."""
    if isinstance(record, Brief):
        return {ref for _, kind, ref in references if kind == "actor"}
    if isinstance(record, Actor):
        return {m.actor for m in record.member_of} | ({record.part_of} if record.part_of else set())
    if isinstance(record, LegalInstrument) and record.court:
        return {record.court}
    return set()


def _warning(yaml_file: YamlFile, keypath: KeyPath, message: str) -> Problem:
    return dataclasses.replace(yaml_file.problem(keypath, message), severity="warning")


def _unused_actors(corpus: Corpus, used: set[str]) -> Iterator[Problem]:
    for actor_id in sorted(set(corpus.actors) - used):
        yield _warning(
            corpus.files[("actors", actor_id)],
            ("id",),
            f"actor '{actor_id}' is not used by any brief",
        )


def _silent_positions(brief: Brief, yaml_file: YamlFile) -> Iterator[Problem]:
    for i, position in enumerate(brief.positions):
        if not position.statements:
            yield _warning(
                yaml_file,
                ("positions", i),
                f"the position of '{position.actor}' on '{position.question}' has no statement "
                "to back it",
            )


def _uncited_sources(
    brief: Brief, yaml_file: YamlFile, references: list[Reference]
) -> Iterator[Problem]:
    cited = {ref for _, kind, ref in references if kind == "source"}
    for i, source in enumerate(brief.sources):
        if source.id not in cited:
            yield _warning(yaml_file, ("sources", i, "id"), f"source '{source.id}' is never cited")


def _dropped_links(record: BaseModel, yaml_file: YamlFile) -> Iterator[Problem]:
    """Links the sanitiser would drop from a Markdown field: said, never removed in silence."""
    name = "description" if isinstance(record, Actor) else "summary"
    for href in dropped_links(getattr(record, name) or ""):
        yield _warning(
            yaml_file,
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
                corpus.files[("briefs", brief.id)],
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
