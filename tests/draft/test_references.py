"""References to an actor met before in other words fold into that actor."""

from __future__ import annotations

import pytest

from generator.draft.actors import ActorFinder
from generator.draft.article import read_article


def candidates(text: str) -> dict[str, list[str]]:
    found = ActorFinder([], read_article("Headline\n\n" + text)).candidates()
    return {c.name: c.mentions for c in found}


@pytest.mark.parametrize(
    ("text", "actor", "mentions"),
    [
        (  # an office in apposition with its holder
            "Kestrel Networks' chief executive, Daniel Okafor, said it would appeal.",
            "Daniel Okafor",
            ["Kestrel Networks' chief executive", "Daniel Okafor"],
        ),
        (  # a title the person holds
            "Prime Minister Ingrid Falk spoke. The Prime Minister said more later.",
            "Ingrid Falk",
            ["Prime Minister Ingrid Falk", "Prime Minister"],
        ),
        (  # a title given after the name
            "Speakers: Ilona Varga, Chair of the Digital Commission. The Chair said so.",
            "Ilona Varga",
            ["Ilona Varga", "Chair"],
        ),
        (  # a state's government
            "The government of Lower Tarn denied it. Lower Tarn said it had offered help.",
            "Lower Tarn",
            ["government of Lower Tarn", "Lower Tarn"],
        ),
        (  # a body described by what it does, then named
            "Ostmark's communications regulator fined Kestrel Networks. The Ostmark "
            "Communications Authority said the fine was fair.",
            "Ostmark Communications Authority",
            ["Ostmark's communications regulator", "Ostmark Communications Authority"],
        ),
    ],
)
def test_references_fold_into_the_actor(text, actor, mentions):
    found = candidates(text)
    assert set(found[actor]) == set(mentions)
    assert not set(found) & set(mentions) - {actor}


def test_an_office_whose_holder_is_never_named_is_no_actor():
    found = candidates(
        "The Minister of Defence said the licence was a risk. Kestrel Networks agreed."
    )
    assert set(found) == {"Kestrel Networks"}


def test_a_person_s_ministry_is_the_person():
    found = candidates("Minister Beatriz Costa changed course. Costa's ministry said so on Monday.")
    assert found == {"Beatriz Costa": ["Minister Beatriz Costa", "Costa's ministry"]}
