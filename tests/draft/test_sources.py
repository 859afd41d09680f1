"""Anonymous sources and the reason the article gives for their anonymity."""

from __future__ import annotations

import pytest

from generator.draft.article import Sentence
from generator.draft.sources import anonymous_sources


def sources(text: str):
    return anonymous_sources(Sentence(text, 0, len(text)), lambda *_: None)


@pytest.mark.parametrize(
    ("text", "noun", "reason"),
    [
        (
            "A senior official, who asked not to be named because the talks are private, said so.",
            "official",
            "the talks are private",
        ),
        (
            "Two diplomats, speaking on condition of anonymity for fear of reprisals, agreed.",
            "diplomat",
            "for fear of reprisals",
        ),
        (
            "A lawyer who was not authorised to speak publicly said it was over.",
            "lawyer",
            "was not authorised to speak publicly",
        ),
        ("A banker, who declined to be identified, said it was over.", "banker", None),
    ],
)
def test_an_anonymous_source_and_its_reason(text, noun, reason):
    [source] = sources(text)
    assert (source.noun, source.reason) == (noun, reason)


def test_a_named_speaker_is_no_anonymous_source():
    assert sources("Maya Lindqvist, the director, said the fine was fair.") == []
