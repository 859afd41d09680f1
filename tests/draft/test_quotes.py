"""Quotations found in text: straight or curly marks, nested quotes, speakers before or after."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.draft.article import read_article
from generator.draft.quotes import find_quotations, quotations_with_speakers

PLAIN = st.text(alphabet="abcdefghij .", min_size=1, max_size=30).map(
    lambda t: f" {t.strip(' ') or 'x'} "
)
SPOKEN = st.text(alphabet="abcdefghij .’", min_size=1, max_size=30).map(
    lambda t: t.strip(" .") or "x"
)
MARKS = st.sampled_from([("“", "”"), ('"', '"')])


@given(parts=st.lists(st.tuples(PLAIN, SPOKEN, MARKS), min_size=1, max_size=6), tail=PLAIN)
def test_every_quotation_is_found_verbatim(parts, tail):
    text = (
        "".join(f"{plain}{opening}{spoken}{closing}" for plain, spoken, (opening, closing) in parts)
        + tail
    )
    assert [q.text for q in find_quotations(text)] == [spoken for _, spoken, _ in parts]
    for quotation in find_quotations(text):
        assert text[quotation.start : quotation.end] == quotation.text


def test_nested_single_quotes_stay_inside_and_apostrophes_are_not_marks():
    text = (
        "It wasn’t clear. They said “build ‘back doors.’ Never.” And the allies’ view ‘holds’ here."
    )
    assert [q.text for q in find_quotations(text)] == ["build ‘back doors.’ Never.", "holds"]


def test_an_unclosed_quotation_ends_with_its_paragraph():
    text = "He said “first part\nstill first.\n\n“Second paragraph,” he added."
    assert [q.text for q in find_quotations(text)] == [
        "first part\nstill first.",
        "Second paragraph",
    ]


@pytest.mark.parametrize(
    ("sentence", "statement"),
    [
        ('The act regulates what the law calls "high-impact systems" from May.', False),
        ('Both sides want a so-called "toolbox" of measures.', False),
        ('The bill covers "urgent cases" only.', False),
        ('The minister called the decision "unacceptable" on Monday.', True),
        ('"Premature," said Ana Duarte.', True),
        ('Pires looked up. "Good weather tomorrow," he said.', True),
    ],
)
def test_scare_quotes_are_not_statements(sentence, statement):
    article = read_article(f"Headline\n\n{sentence}\n")
    assert bool(quotations_with_speakers(article)) == statement
