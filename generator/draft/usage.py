"""How a sentence uses a name: as the one who acts ("Veloria said"), as a place ("in Lisbon"),
as an office beside its holder ("Kestrel's chief executive, Daniel Okafor"), or merely named.
An actor must act or be acted on; a place is not an actor unless it acts."""

from __future__ import annotations

import re

from generator.draft.places import LOCATED, PLACE_AFTER

SPEAKS = re.compile(
    r"\s+(?:said|says|told|welcomed|rejected|announced|denied|agreed|warned|insisted|refused)\b"
)
ACTS = re.compile(
    r"\s+(?:said|says|told|has|have|had|will|would|is|was|welcomed|rejected|announced|"
    r"denied|agreed|warned|insisted|refused)\b"
)
_BESIDE_PERSON_AFTER = re.compile(r"^[\w\s-]{0,40}?,\s+(?:Dr\.?\s+)?[A-Z][a-z]+\s+[A-Z][a-z]+")
_BESIDE_PERSON_BEFORE = re.compile(r"[A-Z][a-z]+\s+[A-Z][a-z]+,\s+(?:the\s+)?$")


def usage_of(text: str, start: int, end: int) -> str:
    """How a sentence uses a name: 'acts' (its subject: "Veloria said"), 'located' ("in Lisbon"),
    'beside-person' (an office with its holder's name), or 'named'."""
    before, after = (
        text[max(0, start - 40) : start],
        text[end : end + 60],
    )
    if _BESIDE_PERSON_AFTER.match(after) or _BESIDE_PERSON_BEFORE.search(before):
        return "beside-person"
    if LOCATED.search(before) or PLACE_AFTER.match(after):
        return "located"
    if ACTS.match(after) or re.match(
        r"^['’]s\s+(?:government|ministry|president|prime minister)", after
    ):
        return "acts"
    return "named"
