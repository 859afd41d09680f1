"""How a sentence uses a name."""

from __future__ import annotations

import pytest

from generator.draft.usage import usage_of


@pytest.mark.parametrize(
    ("sentence", "name", "usage"),
    [
        ("Veloria rejected the plan.", "Veloria", "speaks"),
        ("Veloria's foreign minister flew home.", "Veloria", "speaks"),
        ("Veloria will decide in May.", "Veloria", "acts"),
        ("Veloria's coast guard detained a trawler.", "Veloria", "speaks"),
        ("Ostmark's armed forces crossed the river.", "Ostmark", "speaks"),
        ("Lower Tarn's border police closed the road.", "Lower Tarn", "speaks"),
        ("Lower Tarn gave a different account.", "Lower Tarn", "speaks"),
        ("Veloria gave its own version on Friday.", "Veloria", "speaks"),
        ("Veloria signed the pact.", "Veloria", "speaks"),
        ("Veloria hosts exiled journalists.", "Veloria", "acts"),
        ("The digital chief in January urged calm.", "The digital chief", "speaks"),
        ("Nurses in Veloria walked out.", "Veloria", "placed"),
        ("Subscribers in the Tarn region lost service.", "Tarn", "placed"),
        ("Depots in Vessby and Ormsund were sold.", "Ormsund", "placed"),
        ("A loan from Veloria arrived.", "Veloria", "located"),
        ("The yield on Ostmark's bond rose.", "Ostmark", "attribute"),
        ("The Ostmark operator grew.", "Ostmark", "attribute"),
        ("The talks with Veloria stalled.", "Veloria", "named"),
        (
            "Kestrel's chief executive, Daniel Okafor, spoke.",
            "Kestrel's chief executive",
            "beside-person",
        ),
    ],
)
def test_usage(sentence, name, usage):
    start = sentence.index(name)
    assert usage_of(sentence, start, start + len(name)) == usage
