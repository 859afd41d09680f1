"""Names: comparing spellings, titles before a name, and shortened references to an actor."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.draft.actors import Candidate
from generator.draft.article import Sentence
from generator.draft.kinds import HEAD_WORDS
from generator.draft.names import (
    canonical,
    is_title,
    label_name,
    shortened_from,
    slugify,
    split_title,
)


def test_canonical_forms():
    assert (
        canonical("the EU’s digital chief", {"eu": "european union"})
        == "european union digital chief"
    )
    assert canonical("U.S.", {}) == "us"
    assert slugify("The European Union’s digital chief") == "european-union-digital-chief"


_TITLES = ["Prime Minister", "Finance Minister", "Judge", "Dr.", "Mr", "Council President"]
_FIRST = ["Ingrid", "Rafael", "Nadia", "Per", "Ruth"]
_LAST = ["Falk", "Sousa", "Petrov", "Olsen", "Okonjo-Smith"]


@given(st.sampled_from(_TITLES), st.sampled_from(_FIRST), st.sampled_from(_LAST))
def test_a_title_before_a_name_is_split_from_it(title, first, last):
    assert split_title(f"{title} {first} {last}") == (title, f"{first} {last}")


@pytest.mark.parametrize(
    "surface", ["Maya Lindqvist", "Ministry of Justice", "Minister of Defence", "Chair"]
)
def test_names_without_a_title_in_front_are_not_split(surface):
    assert split_title(surface) is None


@pytest.mark.parametrize(
    ("surface", "title"),
    [
        ("Prime Minister", True),
        ("Chair", True),
        ("Minister of Defence", True),
        ("Head of Public Policy", True),
        ("Ministry of Justice", False),
        ("Kestrel Networks", False),
    ],
)
def test_titles_alone(surface, title):
    assert is_title(surface) is title


def test_speaker_labels_print_a_name_in_capitals():
    assert label_name("MS KERR") == "Kerr"
    assert label_name("THE CHAIR") == "Chair"
    assert label_name("VARGA") == "Varga"


def _actor(name: str, kind: str, *mentions: str) -> Candidate:
    return Candidate(
        name.casefold().replace(" ", "-"),
        name,
        False,
        kind,
        Sentence(name, 0, len(name)),
        [name, *mentions],
    )


ACTORS = [
    _actor("Maya Lindqvist", "person"),
    _actor("Kestrel Networks Ltd.", "company"),
    _actor("Commission for Digital Markets", "government-body"),
    _actor("U.N. Human Rights Council", "intergovernmental-organisation"),
    _actor("Fisheries Directorate of Norland", "government-body"),
    _actor("Tarnish State Protection Bureau", "government-body"),
    _actor("Green Renewal", "political-party"),
]


@pytest.mark.parametrize(
    ("surface", "shortens"),
    [
        ("Lindqvist", "Maya Lindqvist"),
        ("Maya", "Maya Lindqvist"),
        ("Kestrel", "Kestrel Networks Ltd."),
        ("Kestrel Networks", "Kestrel Networks Ltd."),
        ("Commission", "Commission for Digital Markets"),
        ("CDM", "Commission for Digital Markets"),
        ("SPB", "Tarnish State Protection Bureau"),
        ("Human Rights Council", "U.N. Human Rights Council"),
        ("Fisheries Directorate", "Fisheries Directorate of Norland"),
        ("Greens", "Green Renewal"),
        ("Markets", None),  # not a head word
        ("Digital Markets", None),  # words after "for": another name
        ("Norland", None),  # the owner after "of" is not the body
        ("XYZ", None),
        ("LINDQVIST", None),  # a label is read by label_name first
    ],
)
def test_shortened_references_find_the_one_actor_they_shorten(surface, shortens):
    found = shortened_from(surface, ACTORS, HEAD_WORDS)
    assert (found.name if found else None) == shortens


def test_a_reference_that_fits_two_actors_fits_none():
    twins = [_actor("Maya Lindqvist", "person"), _actor("Erik Lindqvist", "person")]
    assert shortened_from("Lindqvist", twins, HEAD_WORDS) is None
