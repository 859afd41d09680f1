"""Kinds of actors told by the words of their names."""

from __future__ import annotations

import pytest

from generator.draft.kinds import guess_kind


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Embassy of Ruritania", "diplomatic-mission"),
        ("Court of Auditors", "court"),
        ("Green Renewal", "political-party"),
        ("Liberal Centre", "political-party"),
        ("Social Democratic Union", "political-party"),
        ("Nurses' Union of Carvania", "trade-association"),
        ("Atlantic Union", "supranational-union"),
        ("Port Avel Chamber of Commerce", "trade-association"),
        ("Grand Chamber", "court"),
        ("Chamber of Deputies", "legislature"),
        ("Bank of Veloria", "government-body"),
        ("Atlantic Development Bank", "intergovernmental-organisation"),
        ("Harbour Bank", "company"),
        ("U.N. Human Rights Council", "intergovernmental-organisation"),
        ("Border Monitoring Mission of the Atlantic Union", "intergovernmental-organisation"),
        ("Fisheries Directorate of Norland", "government-body"),
        ("Halvard Freight AB", "company"),
        ("Open Waters Trust", "ngo"),
        ("The Ostmark Courier", "media"),
        ("France", "state"),
        ("Maya Lindqvist", "person"),
        ("Xyz", None),
    ],
)
def test_name_words_tell_the_kind(name, kind):
    assert guess_kind(name) == kind
