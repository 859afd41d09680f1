"""References that name an actor already met in other words, folded into that actor.

- an office beside its holder ("Kestrel's chief executive, Daniel Okafor"; "The Minister of
  Defence, Sven Aalto") or a title that a person holds ("the Prime Minister" after "Prime
  Minister Ingrid Falk"): the person; an office whose holder the article never names is no actor
  of its own (the draft keeps the sentence as evidence);
- a person's office or ministry ("Costa's ministry"): the person;
- a state's government ("Veloria's government", "the government of Lower Tarn"): the state;
- a body described by its owner and what it does ("Ostmark's communications regulator"): the
  body the article names with those words ("Ostmark Communications Authority").

An office whose holder the article never names stays an actor only when it speaks or acts
("the European Union's digital chief urged…").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from generator.draft.names import split_title

if TYPE_CHECKING:
    from generator.draft.actors import Candidate

OFFICE_KINDS = ("role", "title")
_OWNED = re.compile(r"^(?P<owner>.+?)(?:['’]s|(?<=s)['’])\s+(?P<what>[a-z][a-z\s-]*)$")
_GOVERNMENT_OF = re.compile(r"^(?:government|parliament)\s+of\s+(?P<owner>.+)$", re.IGNORECASE)


def fold_references(
    by_id: dict[str, Candidate],
    beside: dict[str, list[str]],
    titles: dict[str, list[str]],
    acts: Callable[[str], bool],
) -> dict[str, str | None]:
    """{candidate id: the id it folds into, or None for an office with no holder that does
    nothing itself}, for every candidate that is another reference to an actor. ``beside`` maps
    an id to the ids named in apposition with it; ``titles`` a person's id to the titles the
    article gives them; ``acts`` tells whether the article has an actor speak or act."""
    order = {candidate_id: i for i, candidate_id in enumerate(by_id)}
    folded: dict[str, str | None] = {}
    for candidate in by_id.values():
        if candidate.known:
            continue
        if candidate.kind in OFFICE_KINDS:
            holder = _holder(candidate, by_id, beside, titles, order)
            if holder is not None:
                folded[candidate.id] = holder.id
            elif candidate.kind == "title" or not acts(candidate.id):
                folded[candidate.id] = None  # "the EU's digital chief urged…" stays an office
        elif into := _owner_or_named_body(candidate, by_id):
            folded[candidate.id] = into.id
    return folded


def _holder(office, by_id, beside, titles, order) -> Candidate | None:
    people = [by_id[i] for i in beside.get(office.id, []) if by_id[i].kind == "person"]
    if people:
        return people[0]
    title = re.sub(r"^(?:the\s+)?.*['’]s\s+|^the\s+", "", office.name.casefold())
    holders = [
        c
        for c in by_id.values()
        if c.kind == "person"
        and any(_holds(title, written) for written in (*c.mentions, *titles.get(c.id, [])))
    ]
    before = [c for c in holders if order[c.id] < order[office.id]]
    return (before or holders or [None])[-1 if before else 0]


def _holds(title: str, written: str) -> bool:
    """Whether a person written so ("Prime Minister Ingrid Falk", "chair of the commission")
    holds the title ("prime minister", "chair")."""
    titled = split_title(written)
    held = (titled[0] if titled else written).casefold()
    return re.search(rf"\b{re.escape(title)}\b", held) is not None


def _owner_or_named_body(candidate, by_id) -> Candidate | None:
    name = candidate.name
    if government := _GOVERNMENT_OF.match(name):
        return _named(government["owner"], by_id, ("state", None, "person"))  # "Lower Tarn"
    owned = _OWNED.match(name)
    if not owned:
        return None
    owner, what = owned["owner"], owned["what"].split()
    person = _named(owner, by_id, ("person",), surname=True)
    if person is not None:
        return person  # "Costa's ministry"
    if what == ["government"]:
        return _named(owner, by_id, ("state", None))
    return _body_named_with(owner, what[:-1], candidate, by_id)


def _named(owner: str, by_id, kinds, *, surname: bool = False) -> Candidate | None:
    for c in by_id.values():
        if c.kind not in kinds:
            continue
        names = {c.name, *c.mentions} | ({c.name.split()[-1]} if surname else set())
        if owner in names:
            return c
    return None


def _body_named_with(owner: str, modifiers: list[str], candidate, by_id) -> Candidate | None:
    """The one named body of the same kind whose name has the owner's and the modifiers' words:
    "Ostmark's communications regulator" → "Ostmark Communications Authority"."""
    if not modifiers:
        return None
    wanted = {w.casefold() for w in modifiers}
    fits = [
        c
        for c in by_id.values()
        if c is not candidate
        and c.kind == candidate.kind
        and wanted <= {w.casefold() for w in c.name.split()}
    ]
    return fits[0] if len(fits) == 1 else None
