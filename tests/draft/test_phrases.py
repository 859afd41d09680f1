"""Which runs of capitalised words are names: sentence and question openers, labels, the
article's own outlet, quoted titles, references and units are not."""

from __future__ import annotations

import pytest

from generator.draft.actors import ActorFinder
from generator.draft.article import read_article


def names(text: str) -> set[str]:
    return {c.name for c in ActorFinder([], read_article("Headline\n\n" + text)).candidates()}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a word capitalised only because it opens a sentence, a quotation or a label's answer
        ("Inflation is high, Maya Lindqvist said. “Patience has run out.”", {"Maya Lindqvist"}),
        ("Review: Everything is fine, said Maya Lindqvist.", {"Maya Lindqvist"}),
        # …but a word that speaks, or that other sentences write as a name, is one
        ("Ostmark said no.", {"Ostmark"}),
        ("Kestrel Networks was fined. Kestrel said it would appeal.", {"Kestrel Networks"}),
        ("Parliament will debate the bill, Maya Lindqvist said.", {"Parliament", "Maya Lindqvist"}),
        # a question's opening word, and the journalists who ask
        ("QUESTION (Lena Brook, Ostmark Daily): Will Kestrel Networks pay?", {"Kestrel Networks"}),
        # a quoted title, a reference and a unit
        (
            "The report “Listening In” names Kestrel Networks. Clause 9 covers 3.5 GHz.",
            {"Kestrel Networks"},
        ),
        # one name run on over "and", and a crowd before "of"
        (
            "The Ministry of Transport and Ports met Leaders of the Atlantic Union.",
            {"Ministry of Transport and Ports", "Atlantic Union"},
        ),
        ("Officials from Veloria and Ostmark met.", set()),  # places where nobody acts
    ],
)
def test_names_in_capitalised_words(text, expected):
    assert names(text) == expected


def test_the_article_s_own_newspaper_is_no_actor_but_a_press_release_s_author_is():
    newspaper = "Kestrel Networks told the Courier it would appeal.\n\n© 2024 The Ostmark Courier\n"
    assert names(newspaper) == {"Kestrel Networks"}
    release = "The Open Waters Trust said the reserve is empty.\n\n© 2025 Open Waters Trust\n"
    assert names(release) == {"Open Waters Trust"}


def test_speaker_labels_join_the_person_they_name():
    found = names("Speakers: Ilona Varga, Chair.\n\nVARGA: Thank you. We will act.")
    assert found == {"Ilona Varga"}
