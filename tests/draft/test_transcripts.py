"""A transcript's labelled answers are statements of the labelled speaker; questions are not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.draft.article import read_article
from generator.draft.transcripts import transcript_answers

HEADER = "Transcript: a briefing\n\nPress briefing, Fennburg, 9 January 2025\n\n"


def _answers(body: str) -> list[tuple[str, str]]:
    article = read_article(HEADER + body)
    return [(q.speaker, " ".join(q.text.split())) for q in transcript_answers(article)]


def test_answers_are_the_labelled_speakers_words_and_questions_are_left_out():
    body = (
        "MODERATOR: Good morning. Please say who you are.\n\n"
        "MINISTER LINDQVIST: Thank you. The cabinet approved the release of gas on Tuesday.\n\n"
        "QUESTION (Nina Berg, Fennburg Post): Is this an emergency?\n\n"
        "MINISTER LINDQVIST: Section 12 of the act allows it when supply falls short.\n\n"
        "Q: And the price cap? It comes late, the union says.\n\n"
        "MINISTER LINDQVIST: The union is right that the first weeks were hard.\n\n"
        "MODERATOR: Last question, please.\n"
    )
    assert _answers(body) == [
        ("MINISTER LINDQVIST", "The cabinet approved the release of gas on Tuesday."),
        ("MINISTER LINDQVIST", "Section 12 of the act allows it when supply falls short."),
        ("MINISTER LINDQVIST", "The union is right that the first weeks were hard."),
    ]


def test_an_interviewer_is_the_label_that_asks():
    body = (
        "Review: Inflation is at 7 percent. Were you late?\n\n"
        "Quintela: With hindsight, we could have moved a month earlier.\n\n"
        "Review: Is the government pressuring you?\n\n"
        "Quintela: The minister is entitled to his opinion, and I to ignore it.\n"
    )
    assert [speaker for speaker, _ in _answers(body)] == ["Quintela", "Quintela"]


@pytest.mark.parametrize(
    "body",
    [
        # a news story with a note: no transcript
        "Update: This story was corrected on Monday to fix a name in the third paragraph.\n\n"
        "The ministry said it would release gas from the reserve next week.\n",
        # one speaker only: a statement read out, not a dialogue of labels
        "VARGA: We opened an inquiry into Kestrel Networks on Monday.\n\n"
        "VARGA: The company has until December 20 to answer our request.\n\n"
        "VARGA: We will follow the evidence wherever it takes us.\n",
    ],
)
def test_labels_outside_a_transcript_are_no_answers(body):
    assert _answers(body) == []


def test_a_header_label_is_no_speaker():
    body = (
        "Speakers: Ilona Varga, Chair of the Commission; Marek Sorensen, spokesman of it.\n\n"
        "SORENSEN: Welcome. The Chair will make a statement and then take questions.\n\n"
        "VARGA: On Monday the Commission opened a formal inquiry into Kestrel Networks.\n\n"
        "QUESTION (Lena Brook): When will you decide on the case?\n\n"
        "VARGA: The law gives us eighteen months. I hope we need less.\n\n"
        "SORENSEN: Thank you all.\n"
    )
    assert [speaker for speaker, _ in _answers(body)] == ["VARGA", "VARGA"]


SPEAKERS = st.sampled_from(["MINISTER LINDQVIST", "MS KERR", "Quintela", "DR. MOTA"])
WORDS = st.lists(
    st.sampled_from(["the", "reserve", "will", "open", "gas", "prices", "fall", "we", "act"]),
    min_size=6,
    max_size=14,
)


@given(
    st.lists(st.tuples(SPEAKERS, WORDS), min_size=2, max_size=8),
    st.sampled_from(["QUESTION", "Q", "QUESTION (Arto Lind, Meridian Wire)"]),
)
def test_every_answer_and_no_question_is_drafted(turns, questioner):
    """Generated interviews, a question before each answer: every answer is found whole with
    its speaker, no question is; unless no speaker answers twice (then it is no transcript)."""
    paragraphs, expected = [], []
    for speaker, words in turns:
        paragraphs.append(f"{questioner}: Why does {' '.join(words[:4])}?")
        answer = " ".join(words).capitalize() + "."
        paragraphs.append(f"{speaker}: {answer}")
        expected.append((speaker, answer))
    speakers = [speaker for speaker, _ in turns]
    transcript = any(speakers.count(speaker) > 1 for speaker in speakers)
    assert _answers("\n\n".join(paragraphs) + "\n") == (expected if transcript else [])
