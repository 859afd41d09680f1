"""The stance matrix across briefs: actors × questions, and how stances changed.

Questions belong to briefs, but a question id reused by several briefs names the
same recurring question; that is what lets a stance be followed over time. A
column is one recurring question; a cell is the history of one actor on it. Two
questions share a column when they share an id and their wording is alike, so a
generic id (``q1``) reused for unrelated questions never invents a change of stance.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import NamedTuple

from generator.analysis.index import Index
from generator.content.models import Actor, Brief, Position, Question, Source


@dataclass(frozen=True)
class PositionRef:
    brief: Brief
    position: Position
    question: Question
    date: str  # when the stance was taken, as far as known
    stance: str  # a position whose statements change stance gives a ref per change


@dataclass
class StanceHistory:
    """One actor's positions on one recurring question, oldest first."""

    refs: list[PositionRef] = field(default_factory=list)

    @property
    def current(self) -> PositionRef:
        return self.refs[-1]

    @property
    def changed(self) -> bool:
        return len({r.stance for r in self.refs}) > 1

    @property
    def changes(self) -> list[PositionRef]:
        """The positions where the stance differs from the one before (the first included)."""
        return [r for i, r in enumerate(self.refs) if i == 0 or r.stance != self.refs[i - 1].stance]

    @property
    def last_change(self) -> list[PositionRef]:
        """The stance before the latest change, and the latest: what a matrix cell shows."""
        return self.changes[-2:]


SAME_QUESTION = 0.6  # wording similarity (0–1) from which two questions with one id are one
RECENT_VARIANTS = 20  # differently worded questions under one id compared, most recent first


@dataclass
class QuestionColumn:
    id: str  # the question id, with "--2", "--3"… for other questions under the same id
    wording: str  # the first text, normalised, that later questions are compared with
    refs: list[tuple[Brief, Question]] = field(default_factory=list)  # newest brief first

    @property
    def text(self) -> str:
        return self.refs[0][1].text

    @property
    def briefs(self) -> list[Brief]:
        return [brief for brief, _ in self.refs]


@dataclass
class StanceMatrix:
    columns: list[QuestionColumn]
    actors: list[Actor]
    cells: dict[tuple[str, str], StanceHistory]
    # Every question's column, those no position takes a stance on too (not in ``columns``):
    # what an edit of a brief's positions can bring in or take out of the matrix.
    every_column: list[QuestionColumn] = field(default_factory=list)

    def cell(self, actor_id: str, question_id: str) -> StanceHistory | None:
        return self.cells.get((actor_id, question_id))

    def changes(self) -> list[tuple[Actor, QuestionColumn, StanceHistory]]:
        """Every actor whose stance on a recurring question changed, by actor name."""
        columns = {c.id: c for c in self.columns}
        order = {a.id: i for i, a in enumerate(self.actors)}
        changed = [(key, h) for key, h in self.cells.items() if h.changed]
        changed.sort(key=lambda item: (order[item[0][0]], item[0][1]))
        return [(self.actors[order[actor_id]], columns[qid], h) for (actor_id, qid), h in changed]


def position_date(position: Position, brief: Brief, sources: dict[str, Source]) -> str:
    """The latest date of a position's statements (own date, else source date), else the brief's."""
    dates = [s.date or sources[s.source].date for s in position.statements]
    return max((d for d in dates if d), default=brief.date)


def _normalised(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def normalised_wording(text: str) -> str:
    """Text as its words, casefolded, punctuation dropped: what :func:`alike_wording` compares."""
    return _normalised(text)


class _Columns:
    """Finds the column of a question: same id and alike wording, else a new column."""

    def __init__(self) -> None:
        self.by_id: dict[str, list[QuestionColumn]] = {}
        self.by_wording: dict[tuple[str, str], QuestionColumn] = {}

    def column_for(self, question: Question) -> QuestionColumn:
        wording = _normalised(question.text)
        column = self.by_wording.get((question.id, wording))
        if column is None:
            variants = self.by_id.setdefault(question.id, [])
            column = next(
                (c for c in reversed(variants[-RECENT_VARIANTS:]) if _alike(c.wording, wording)),
                None,
            )
            if column is None:
                key = question.id if not variants else f"{question.id}--{len(variants) + 1}"
                column = QuestionColumn(key, wording)
                variants.append(column)
            self.by_wording[(question.id, wording)] = column
        return column


def _alike(first: str, second: str) -> bool:
    # Compared word by word: as telling as letter by letter for a question's wording,
    # and dozens of times cheaper (this runs for every question of every brief).
    # Most pairs share too few words: SequenceMatcher's quick_ratio, worked out from
    # each wording's words (split once), turns them down before a matcher is built.
    return _quick_ratio(first, second) >= SAME_QUESTION and _close_wording(first, second)


@functools.lru_cache(maxsize=1 << 16)  # the same pairs come back on every preview rebuild
def _close_wording(first: str, second: str) -> bool:
    return (
        SequenceMatcher(None, first.split(), second.split(), autojunk=False).ratio()
        >= SAME_QUESTION
    )


def _quick_ratio(first: str, second: str) -> float:
    """``SequenceMatcher(None, first.split(), second.split()).quick_ratio()``, the same number:
    twice the words the two have in common (counted with repeats) over their word count."""
    words, other = _words(first), _words(second)
    if words.counts is None or other.counts is None:  # a side without repeats: a set intersection
        common = len(words.distinct & other.distinct)
    else:
        counts, other_counts = words.counts, other.counts
        common = sum(
            min(n, other_counts[word]) for word, n in counts.items() if word in other_counts
        )
    length = words.total + other.total
    return 2.0 * common / length if length else 1.0


class _Words(NamedTuple):
    distinct: frozenset[str]
    total: int
    counts: Counter[str] | None  # how often each word comes, if any comes more than once


@functools.lru_cache(maxsize=1 << 16)  # made once per wording
def _words(wording: str) -> _Words:
    words = wording.split()
    distinct = frozenset(words)
    return _Words(distinct, len(words), Counter(words) if len(distinct) < len(words) else None)


def stance_matrix(index: Index) -> StanceMatrix:
    columns = _Columns()
    used: dict[str, QuestionColumn] = {}
    every: dict[str, QuestionColumn] = {}
    cells: dict[tuple[str, str], StanceHistory] = {}
    for brief in index.briefs:  # newest first
        of_brief = {q.id: (q, columns.column_for(q)) for q in brief.questions}
        for question, column in of_brief.values():
            column.refs.append((brief, question))
            every[column.id] = column
        for p in brief.positions:
            question, column = of_brief[p.question]
            used[column.id] = column
            history = cells.setdefault((p.actor, column.id), StanceHistory())
            steps = p.stance_changes
            if len(steps) == 1:
                date = position_date(p, brief, index.sources[brief.id])
                history.refs.append(PositionRef(brief, p, question, date, steps[0].stance))
            else:  # changed within the brief: each stance from the statement that first took it
                history.refs += (
                    PositionRef(brief, p, question, step.date, step.stance) for step in steps
                )
    for history in cells.values():
        history.refs.sort(key=lambda r: (r.date, r.brief.date, r.brief.id))
    # Most-discussed questions first; then by id, so the order never depends on chance.
    ordered = sorted(used.values(), key=lambda c: (-len(c.refs), c.id))
    actor_ids = sorted({a for a, _ in cells}, key=lambda a: (index.actors[a].name.casefold(), a))
    return StanceMatrix(ordered, [index.actors[a] for a in actor_ids], cells, list(every.values()))


# --- issue 20: stances where they are dense, one matrix per topic ----------------------------

NO_TOPIC = "_other"  # the key of the questions whose briefs have no topic (a topic slug has no "_")


@dataclass
class TopicStances:
    """The stances on one topic's questions: the actors and questions that actually meet,
    the most active actors first (a topic is where a story's questions recur)."""

    key: str  # the topic's slug, or NO_TOPIC
    label: str
    matrix: StanceMatrix

    @property
    def activity(self) -> int:
        """How many stances were taken on the topic's questions (every change counts)."""
        return sum(len(h.refs) for h in self.matrix.cells.values())

    @functools.cached_property
    def changes(self) -> list[tuple[Actor, QuestionColumn, StanceHistory]]:
        """Every change of stance on the topic, the latest first."""
        return sorted(self.matrix.changes(), key=lambda c: change_date(c[2]), reverse=True)

    @property
    def latest_change(self) -> str | None:
        return change_date(self.changes[0][2]) if self.changes else None


def change_date(history: StanceHistory) -> str:
    """When the stance last changed: the date of the latest stance unlike the one before."""
    return history.changes[-1].date


def column_topic(column: QuestionColumn, index: Index) -> str | None:
    """The topic a question belongs to: the one most of its briefs carry, and of those the
    narrowest (fewest briefs, else the longest name): "Fisheries in Spain", not "Fisheries"."""
    count = Counter(t.slug for brief in column.briefs for t in index.topics_of(brief))
    if not count:
        return None
    topics = index.topics
    return min(count, key=lambda s: (-count[s], len(topics[s].briefs), -len(topics[s].label), s))


def by_topic(matrix: StanceMatrix, index: Index) -> list[TopicStances]:
    """The matrix cut by topic, each part with only its actors, most active first; the
    topics with most stances first."""
    columns: dict[str, list[QuestionColumn]] = {}
    topic_of_column: dict[str, str] = {}
    for column in matrix.columns:
        key = topic_of_column[column.id] = column_topic(column, index) or NO_TOPIC
        columns.setdefault(key, []).append(column)
    # One pass over the cells, each to its topic (in the matrix's order, as a filter would keep).
    cells: dict[str, dict[tuple[str, str], StanceHistory]] = {key: {} for key in columns}
    for cell_key, history in matrix.cells.items():
        cells[topic_of_column[cell_key[1]]][cell_key] = history
    topics = [_topic_stances(key, cols, cells[key], index) for key, cols in columns.items()]
    return sorted(topics, key=lambda t: (-t.activity, t.label.casefold()))


def _topic_stances(
    key: str,
    columns: list[QuestionColumn],
    cells: dict[tuple[str, str], StanceHistory],
    index: Index,
) -> TopicStances:
    activity: Counter[str] = Counter()
    for (actor_id, _), history in cells.items():
        activity[actor_id] += len(history.refs)
    actors = sorted(
        (index.actors[a] for a in activity),
        key=lambda a: (-activity[a.id], a.name.casefold(), a.id),
    )
    label = index.topics[key].label if key != NO_TOPIC else "Questions of briefs without a topic"
    return TopicStances(key, label, StanceMatrix(columns, actors, cells))


TopicChange = tuple[TopicStances, Actor, QuestionColumn, StanceHistory]


def latest_changes(topics: list[TopicStances], limit: int) -> list[TopicChange]:
    """The ``limit`` latest changes of stance on any topic, the latest first."""
    every = [(topic, *change) for topic in topics for change in topic.changes]
    every.sort(key=lambda c: (change_date(c[3]), c[1].name.casefold(), c[2].id), reverse=True)
    return every[:limit]
