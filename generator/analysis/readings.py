"""Competing readings of the law: for each instrument and provision, every actor's
reading side by side, oldest first, so a reader sees who said what when."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.analysis.index import Index, ReadingRef
from generator.content.models import LegalInstrument, Provision


@dataclass
class ProvisionReadings:
    """The readings of one provision, or of the instrument as a whole (``provision`` None)."""

    provision: Provision | None
    readings: list[ReadingRef] = field(default_factory=list)  # the parties' (and others') readings
    holdings: list[ReadingRef] = field(default_factory=list)  # a court's own, shown apart and first


def readings_by_provision(index: Index, instrument: LegalInstrument) -> list[ProvisionReadings]:
    """A reading belongs to each provision its legal reference cites, or to the whole instrument."""
    groups: dict[str | None, ProvisionReadings] = {p.id: ProvisionReadings(p) for p in instrument.provisions}
    groups[None] = ProvisionReadings(None)
    for ref in index.readings_by_instrument.get(instrument.id, []):
        for provision_id in ref.reference.provisions or [None]:
            group = groups[provision_id]
            (group.holdings if ref.reading.holding else group.readings).append(ref)
    for group in groups.values():
        for refs in (group.readings, group.holdings):
            refs.sort(key=lambda r: (r.date, index.actors[r.reading.actor].name.casefold(), r.brief.id))
    return [group for group in groups.values() if group.readings or group.holdings]


def contested_instruments(index: Index) -> list[LegalInstrument]:
    """Instruments with at least one reading, by title."""
    read = [index.legal[i] for i, refs in index.readings_by_instrument.items() if refs]
    return sorted(read, key=lambda i: (i.display_title.casefold(), i.id))


def most_read_instruments(index: Index, limit: int) -> list[LegalInstrument]:
    """The ``limit`` instruments with the most readings, in the order of :func:`contested_instruments`."""
    read = contested_instruments(index)
    count = {i.id: len(index.readings_by_instrument[i.id]) for i in read}
    kept = {i.id for i in sorted(read, key=lambda i: (-count[i.id], i.display_title.casefold(), i.id))[:limit]}
    return [i for i in read if i.id in kept]
