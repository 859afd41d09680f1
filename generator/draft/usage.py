"""How a sentence uses a name: as the one who acts ("Veloria said"), as a place ("in Lisbon"),
as an office beside its holder ("Kestrel's chief executive, Daniel Okafor"), or merely named.
An actor must act or be acted on; a place is not an actor unless it acts."""

from __future__ import annotations

import re

from generator.draft.places import LOCATED, PLACE_AFTER, PLACED

# Verbs of speaking and deciding: their subject is an actor ("Ostmark said", "Veloria signed").
_SPEECH = (
    r"said|says|told|welcomed|rejected|announced|denied|agreed|warned|insisted|refused|declined|"
    r"confirmed|critici[sz]ed|urged|called|accused|argued|added|stated|replied|responded|"
    r"countered|dismissed|blamed|wrote|asked|claimed|promised|pledged|vowed|threatened|approved|"
    r"voted|signed|filed|sued|appealed|fined|ruled|ordered|proposed|protested|condemned|"
    r"gave (?:a|an|the|its|their) (?:\w+ )?(?:version|account)"
)
_WHEN = r"(?:\s+(?:on|in|last|this|late on|early on)\s+[A-Z]?[a-z]+(?:\s+\d{1,2})?,?)?"  # "in May"
SPEAKS = re.compile(rf"{_WHEN}\s+(?:{_SPEECH})\b")
ACTS = re.compile(rf"{_WHEN}\s+(?:has|have|had|will|would|is|was|{_SPEECH})\b")
_BESIDE_PERSON_AFTER = re.compile(r"^[\w\s-]{0,40}?,\s+(?:Dr\.?\s+)?[A-Z][a-z]+\s+[A-Z][a-z]+")
_BESIDE_PERSON_BEFORE = re.compile(r"[A-Z][a-z]+\s+[A-Z][a-z]+,\s+(?:the\s+)?$")


_POSSESSIVE_AFTER = re.compile(r"^['’]s\s")
_NOUN_AFTER = re.compile(r"^\s+[a-z]+\b(?<!s)(?<!ed)")  # "the Ostmark operator", not "… prepares"
_VERB_AFTER = re.compile(r"^\s+[a-z]+(?:s|ed)\b")
_ORGAN = re.compile(r"^government of |['’]s government$", re.IGNORECASE)  # the state itself
# A state's forces act for it: "Veloria's coast guard detained…".
FORCES = r"coast guard|navy|army|armed forces|military|police|border (?:guard|police)|customs"
_STATE_ORGANS = re.compile(
    rf"^['’]s\s+(?:(?:[a-z-]+\s+)?(?:government|ministry|minister|parliament|embassy|mission)|"
    rf"president|prime minister|{FORCES})\b"
)


def usage_of(text: str, start: int, end: int) -> str:
    """How a sentence uses a name: 'speaks' (it speaks or decides, or its organs do: "Veloria
    rejected", "Veloria's foreign minister"), 'acts' (its subject: "Veloria will…"), 'placed'
    (where something is: "in Lisbon"), 'located' (where something comes from: "from Lisbon"),
    'attribute' (it qualifies another noun: "Ostmark's bond yield", "the Ostmark operator"),
    'beside-person' (an office with its holder's name), or 'named'."""
    before, after = (
        text[max(0, start - 40) : start],
        text[end : end + 60],
    )
    if _BESIDE_PERSON_AFTER.match(after) or _BESIDE_PERSON_BEFORE.search(before):
        return "beside-person"
    if PLACED.search(before) or PLACE_AFTER.match(after):
        return "placed"
    if LOCATED.search(before):
        return "located"
    if SPEAKS.match(after) or _STATE_ORGANS.match(after) or _ORGAN.search(text[start:end]):
        return "speaks"
    if ACTS.match(after) or _opens(before) and _VERB_AFTER.match(after):
        return "acts"  # "Veloria signed…", "Lower Tarn asks…"
    if (
        _POSSESSIVE_AFTER.match(after)
        or re.search(r"\bthe\s+$", before, re.IGNORECASE)
        and _NOUN_AFTER.match(after)
    ):
        return "attribute"
    return "named"


def _opens(before: str) -> bool:
    before = before.rstrip(" “\"‘'(")
    return not before or before[-1] in ".!?:"
