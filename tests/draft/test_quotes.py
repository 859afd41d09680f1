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


# Scare quotes by class: a label (so-called, what X calls), part of a noun phrase, a title, the text
# of a law; each beside a statement of the same shape that a speaker does make.
@pytest.mark.parametrize(
    ("sentence", "statement"),
    [
        ('ESPA urged both sides to avoid what it called "high-risk" brinkmanship.', False),
        ('Officials want to exclude "high-risk" vendors from the network.', False),
        ('The ministry proposed a "toolbox" fund for small operators.', False),
        ('Critics fear a "toolbox" approach.', False),
        ('What the ministers call the "toolbox" has three parts.', False),
        ('Fishermen have formed what they call a "peace committee" on neutral ground.', False),
        ('The report, "Listening In", traces infections to state servers, the group says.', False),
        ('Her book "A Future for Farming" came out in May.', False),
        ('Article 34 requires it to tell the people affected "without undue delay".', False),
        ('Section 41 says security objections must be "specific and documented".', False),
        (
            'Subsection (2) defines urgency as a threat "to the life of a person or the '
            'security of the state".',
            False,
        ),
        ('Its chief executive called it "a fishing expedition" last week.', True),
        ('A spokesman said the vendors were "high-risk".', True),
        ('"High-risk," said Ana Duarte of the proposal.', True),
        ('The minister says the bill has "more safeguards than any law in Europe".', True),
        (
            'Judges ruled that Section 18 of the act "admits of only one reading".',
            True,
        ),
        ('Kestrel said the equipment was "routine test kit".', True),
        ('"Listening In Is Over," Lindqvist told reporters.', True),
    ],
)
def test_scare_quotes_by_class(sentence, statement):
    article = read_article(f"Headline\n\n{sentence}\n")
    assert bool(quotations_with_speakers(article)) == statement


WORDS = st.sampled_from(["toolbox", "high-risk", "grey zone", "peace committee", "safe harbour"])
NOUNS = st.sampled_from(["vendors", "fund", "approach", "brinkmanship", "plan"])
SUBJECTS = st.sampled_from(["The ministry", "Officials", "Critics", "The operators' group"])


@given(SUBJECTS, WORDS, NOUNS, st.sampled_from(["proposed", "want", "fear", "discussed"]))
def test_a_short_quotation_inside_a_noun_phrase_is_never_a_statement(subject, words, noun, verb):
    article = read_article(f'Headline\n\n{subject} {verb} a "{words}" {noun} on Monday.\n')
    assert quotations_with_speakers(article) == []


@given(SUBJECTS, WORDS, st.sampled_from(["said", "told reporters", "warned", "insisted"]))
def test_the_same_words_said_of_something_are_a_statement(subject, words, verb):
    article = read_article(f'Headline\n\n{subject} {verb} the plan was "{words}".\n')
    assert [q.text for q in quotations_with_speakers(article)] == [words]
