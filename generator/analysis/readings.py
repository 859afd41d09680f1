"""Competing readings of the law: for each instrument and provision, the court's holding
first, then the parties' readings grouped into sides, so that opposing readings sit side by
side, each with who reads it so, when and where.

A side is found, where the brief says, by how its readers answer a question of their brief
that names the instrument or the provision ("Does the National Intelligence Law compel…?"):
readers who answer it alike read the law alike, however they word it. Otherwise, by wording:
readings that share most of their words, and agree in negation and restriction ("no", "not",
"only", "unless"…), which turn a reading into its opposite with a word or two.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from generator.analysis.index import Index, ReadingRef
from generator.analysis.stances import normalised_wording
from generator.content.models import Brief, LegalInstrument, Provision

SAME_READING = 0.8  # word-set similarity (0–1) from which two readings are one side
WORDINGS_COMPARED = 20  # of a side's wordings, the latest compared with a new reading
# Words that make a reading its opposite or a narrower one: two readings are one side only
# when as many of each kind occur in both ("t" is what is left of "n't" by normalising).
TURNING_WORDS = {
    "negation": {"no", "not", "nothing", "never", "none", "neither", "nor", "without", "cannot"}
    | {"t", "nobody", "nowhere"},
    "restriction": {"only", "unless", "except", "exceptional", "narrow", "solely", "limited"},
}
# Stances that say how their actor reads the law; "neutral" or "unclear" say nothing of it.
TELLING_STANCES = {"supports", "opposes", "mixed"}


class Answer(NamedTuple):
    """How a reader answers, in the reading's brief, a question that names what it reads."""

    question: str  # the question's words, normalised (questions recur across briefs)
    text: str  # as written
    stance: str


@dataclass
class Side:
    """One way of reading a provision: the readings alike in answer or in wording, oldest first."""

    wording: str  # the first reading's words, normalised
    refs: list[ReadingRef] = field(default_factory=list)
    answers: dict[str, Answer] = field(default_factory=dict)  # question → its readers' answer
    wordings: dict[str, frozenset[str]] = field(default_factory=dict)  # words of each wording

    @property
    def text(self) -> str:
        """The reading in its latest words."""
        return self.refs[-1].reading.reading

    @property
    def answer(self) -> Answer | None:
        """The one answer the side's readers give, if they answer exactly one question."""
        return next(iter(self.answers.values())) if len(self.answers) == 1 else None

    def worded_otherwise(self, ref: ReadingRef) -> bool:
        """Whether ``ref`` puts the side in other words than the side's text."""
        return normalised_wording(ref.reading.reading) != normalised_wording(self.text)

    @cached_property
    def readers(self) -> list[ReadingRef]:
        """Each actor's latest reading on this side, the latest first. A date known only to
        its year or month sorts before the days inside it, so it never outranks a reading
        dated more precisely in that year: the "latest" are latest for sure."""
        latest = {ref.reading.actor: ref for ref in self.refs}  # refs are oldest first
        return sorted(latest.values(), key=_newest_first)

    @property
    def latest_date(self) -> str:
        return self.readers[0].date

    def conflicts(self, answer: Answer | None) -> bool:
        """Whether the side's readers answer ``answer``'s question otherwise."""
        known = self.answers.get(answer.question) if answer else None
        return known is not None and known.stance != answer.stance  # type: ignore[union-attr]

    def alike(self, words: frozenset[str]) -> bool:
        return any(alike_words(words, w) for w in list(self.wordings.values())[-WORDINGS_COMPARED:])

    def add(self, ref: ReadingRef, wording: str, words: frozenset[str], answer: Answer | None):
        self.refs.append(ref)
        self.wordings.pop(wording, None)  # re-inserted: the latest wordings are compared
        self.wordings[wording] = words
        if answer is not None:
            self.answers.setdefault(answer.question, answer)


def _newest_first(ref: ReadingRef) -> tuple:
    # The date's characters negated, a partial date padded with what sorts after any digit
    # or "-" once negated: "2019" comes after "2019-01-15", as the older of the two.
    return tuple(-ord(c) for c in ref.date.ljust(10, "\0")) + (ref.reading.actor, ref.brief.id)


@dataclass
class ProvisionReadings:
    """The readings of one provision, or of the instrument as a whole (``provision`` None)."""

    provision: Provision | None
    readings: list[ReadingRef] = field(default_factory=list)  # the parties' (and others') readings
    holdings: list[ReadingRef] = field(default_factory=list)  # a court's own, shown apart and first
    answers: list[Answer | None] = field(default_factory=list)  # each reading's reader's answer

    @cached_property
    def sides(self) -> list[Side]:
        """The parties' readings as sides, the side read by most actors first."""
        return reading_sides(self.readings, self.answers)


def reading_sides(
    readings: list[ReadingRef], answers: list[Answer | None] | None = None
) -> list[Side]:
    """Readings (oldest first) grouped into sides, most readers first, then the latest. A
    reading joins the side whose readers answer its reader's question alike (``answers``, one
    per reading, None where unknown), else a side alike in wording that answers no otherwise."""
    sides: list[Side] = []
    for ref, answer in zip(readings, answers or [None] * len(readings)):
        wording = normalised_wording(ref.reading.reading)
        words = frozenset(wording.split())
        side = next((s for s in sides if answer and s.answers.get(answer.question) == answer), None)
        if side is None:
            side = next(
                (s for s in sides if not s.conflicts(answer) and s.alike(words)),
                None,
            )
        if side is None:
            side = Side(wording)
            sides.append(side)
        side.add(ref, wording, words, answer)
    by_latest = sorted(sides, key=lambda s: _newest_first(s.readers[0]))
    return sorted(by_latest, key=lambda s: -len(s.readers))


def alike_words(first: frozenset[str], second: frozenset[str]) -> bool:
    """Whether two readings' words make one reading: as many turning words of each kind, and most
    words shared (a token-set ratio: the shared words against the shorter rest)."""
    for turning in TURNING_WORDS.values():  # as many of each kind: "without" may be the subject's
        if len(first & turning) != len(second & turning):
            return False
    shared = len(first & second)
    rest = min(len(first - second), len(second - first))
    return shared > 0 and 2 * shared / (2 * shared + rest) >= SAME_READING


def answer(index: Index, ref: ReadingRef, provision: Provision | None) -> Answer | None:
    """How the reader answers, in the reading's brief, the first question that names the
    instrument or the provision on which it takes a telling stance (at the reading's date)."""
    instrument = index.legal[ref.reference.instrument]
    names = _names(instrument, provision)
    for question in ref.brief.questions:
        wording = normalised_wording(question.text)
        if not any(name in f" {wording} " for name in names):
            continue
        stance = _stance_on(ref.brief, ref.reading.actor, question.id, ref.date)
        if stance in TELLING_STANCES:
            return Answer(wording, question.text, stance)
    return None


def _names(instrument: LegalInstrument, provision: Provision | None) -> list[str]:
    """What a question may call the instrument or the provision, normalised, padded with spaces
    so that a name matches whole words only."""
    names = [instrument.title, instrument.short_title]
    if provision is not None:
        names += [provision.title, provision.display_label]
    return [f" {normalised_wording(n)} " for n in names if n and normalised_wording(n)]


def _stance_on(brief: Brief, actor: str, question: str, date: str) -> str | None:
    """The actor's stance on the question in the brief, as it stood on ``date``."""
    position = next(
        (p for p in brief.positions if (p.actor, p.question) == (actor, question)), None
    )
    if position is None:
        return None
    steps = position.stance_changes
    taken = [s for s in steps if s.date is None or s.date[: len(date)] <= date]
    return (taken or steps)[-1].stance


def readings_by_provision(index: Index, instrument: LegalInstrument) -> list[ProvisionReadings]:
    """A reading belongs to each provision its legal reference cites, or to the whole instrument."""
    groups: dict[str | None, ProvisionReadings] = {
        p.id: ProvisionReadings(p) for p in instrument.provisions
    }
    groups[None] = ProvisionReadings(None)
    for ref in index.readings_by_instrument.get(instrument.id, []):
        for provision_id in ref.reference.provisions or [None]:
            group = groups[provision_id]
            (group.holdings if ref.reading.holding else group.readings).append(ref)
    for group in groups.values():
        for refs in (group.readings, group.holdings):
            refs.sort(
                key=lambda r: (r.date, index.actors[r.reading.actor].name.casefold(), r.brief.id)
            )
        group.answers = [answer(index, ref, group.provision) for ref in group.readings]
    return [group for group in groups.values() if group.readings or group.holdings]


def contested_instruments(index: Index) -> list[LegalInstrument]:
    """Instruments with at least one reading, by title."""
    read = [index.legal[i] for i, refs in index.readings_by_instrument.items() if refs]
    return sorted(read, key=lambda i: (i.display_title.casefold(), i.id))


def by_readings(index: Index) -> list[LegalInstrument]:
    """Instruments with at least one reading, the most read first (then by title)."""
    count = {i: len(refs) for i, refs in index.readings_by_instrument.items()}
    return sorted(contested_instruments(index), key=lambda i: -count[i.id])  # stable: by title


def most_read_instruments(index: Index, limit: int) -> list[LegalInstrument]:
    """The ``limit`` instruments with the most readings, in the order of :func:`contested_instruments`."""
    read = contested_instruments(index)
    count = {i.id: len(index.readings_by_instrument[i.id]) for i in read}
    kept = {
        i.id
        for i in sorted(read, key=lambda i: (-count[i.id], i.display_title.casefold(), i.id))[
            :limit
        ]
    }
    return [i for i in read if i.id in kept]
