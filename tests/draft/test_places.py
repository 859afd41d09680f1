"""Places are not actors unless they act, and then they are states."""

from __future__ import annotations

import pytest

from generator.draft.actors import ActorFinder
from generator.draft.article import read_article
from generator.draft.places import dateline_places


def kinds(text: str) -> dict[str, str | None]:
    found = ActorFinder([], read_article("Headline\n\n" + text)).candidates()
    return {c.name: c.kind for c in found}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nurses across Lower Tarn will strike. Inflation in Lower Tarn rose.", {}),
        ("Subscribers in the Lower Tarn region lost service.", {}),
        ("The depots in Vessby and Ormsund were sold.", {}),
        ("The yield on Ostmark's bond rose. The Ostmark operator grew.", {}),
        (
            "Lower Tarn rejected the criticism. Journalists in Lower Tarn left.",
            {"Lower Tarn": "state"},
        ),
        (  # a word opening a sentence is a name when the article writes it elsewhere
            "Veloria signed the pact, and a Velorian diplomat said Veloria would keep it.",
            {"Veloria": "state"},
        ),
        (  # a state has organs
            "Talks with Veloria stalled. Veloria's foreign ministry met Kestrel Networks in Lisbon.",
            {
                "Veloria": "state",
                "Veloria's foreign ministry": "government-body",
                "Kestrel Networks": "company",
            },
        ),
        (
            "Talks in Lisbon ended. The University of Lisbon said little.",
            {"University of Lisbon": "other"},
        ),
    ],
)
def test_places_act_or_are_no_actors(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize(
    ("heading", "place"),
    [
        ("LISBON, Feb 8 (Meridian Wire) - The regulator said.", "lisbon"),
        ("Port Avel, 5 December 2023 - The ministry said.", "port avel"),
        ("PORT AVEL — At five in the morning the harbour smells.", "port avel"),
        ("Press conference, Selmore, 5 June 2025\n\nThe minister said.", "selmore"),
    ],
)
def test_datelines_name_places(heading, place):
    article = read_article(f"Headline\n\n{heading}\n\nThe rest of the story follows here.")
    assert place in dateline_places(article)
