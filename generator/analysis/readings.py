"""Competing readings of the law: for each instrument and provision, the court's holding
first, then the parties' readings grouped into sides (readings alike in wording), so that
opposing readings sit side by side, each with who reads it so, when and where."""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cached_property

from generator.analysis.index import Index, ReadingRef
from generator.analysis.stances import normalised_wording
from generator.content.models import LegalInstrument, Provision

SAME_READING = 0.85  # word similarity (0–1) from which two readings are one side
# (stricter than for questions: "gives no power to close" and "plainly lets close" share
# most of their words and are opposite readings)


@dataclass
class Side:
    """One way of reading a provision: the readings alike in wording, oldest first."""

    wording: str  # the first reading's words, normalised, that others are compared with
    refs: list[ReadingRef] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The reading in its latest words."""
        return self.refs[-1].reading.reading

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

    @cached_property
    def sides(self) -> list[Side]:
        """The parties' readings as sides, the side read by most actors first."""
        return reading_sides(self.readings)


def reading_sides(readings: list[ReadingRef]) -> list[Side]:
    """Readings (oldest first) grouped by alike wording; most readers first, then the latest."""
    sides: list[Side] = []
    side_of: dict[str, Side] = {}  # a wording seen before, and its side
    for ref in readings:
        wording = normalised_wording(ref.reading.reading)
        side = side_of.get(wording)
        if side is None:
            side = next((s for s in sides if _same_side(s.wording, wording)), None)
        if side is None:
            side = Side(wording)
            sides.append(side)
        side_of[wording] = side
        side.refs.append(ref)
    by_latest = sorted(sides, key=lambda s: _newest_first(s.readers[0]))
    return sorted(by_latest, key=lambda s: -len(s.readers))


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


def _same_side(first: str, second: str) -> bool:
    matcher = SequenceMatcher(None, first.split(), second.split(), autojunk=False)
    return matcher.ratio() >= SAME_READING
