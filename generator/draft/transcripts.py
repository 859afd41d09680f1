"""Answers in a transcript: a speaker's label, then their words, with no quotation marks.

"MINISTER LINDQVIST: Section 12 of the Act lets the government …" is verbatim: the words are
the labelled speaker's, and the draft takes them as a statement. An article is a transcript when
at least ``MIN_LABELLED`` paragraphs open with a label and at least two labels speak more than
once; a stray "Update:" in a news story is none. Not statements: what a questioner says (a
``QUESTION``/``Q`` label, or a label most of whose turns end with a question mark, such as an
interviewer's), a question, and procedure ("Good morning.", "Last question, please.").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from generator.draft.actors import Candidate
from generator.draft.article import Article
from generator.draft.quotes import Quotation

MIN_LABELLED = 3  # labelled paragraphs that make an article a transcript
MIN_WORDS = 6  # an answer shorter than this, once courtesies are left out, is procedure

_LABEL = re.compile(r"^(?P<label>[A-Z][\w'’.-]*(?:[ \t]+[A-Z(][\w'’.,)-]*){0,4}):[ \t]+(?=\S)")
_QUESTIONER = re.compile(
    r"^(?:Q|QUESTION|QUESTIONS|INTERVIEWER|REPORTER|JOURNALIST|MODERATOR)\b", re.IGNORECASE
)
_NOT_SPEAKERS = re.compile(  # labels of a header or a note, not of someone speaking
    r"^(?:Speakers|Present|Participants|Transcript|Note|Editor'?s note|Update|Correction|"
    r"Source|Sources|Related|Photo|Video|Watch|Read more|Also|Contact|Media contact|Notes)$",
    re.IGNORECASE,
)
_COURTESY = re.compile(  # a sentence that only greets or thanks
    r"^(?:thank you|thanks|good (?:morning|afternoon|evening)|welcome|hello)\b[^.!?]{0,30}[.!]$",
    re.IGNORECASE,
)
_PROCEDURE = re.compile(  # running the session, not saying anything about the story
    r"\b(?:questions?|please|the floor|you have \w+ minutes|we continue|next speaker|"
    r"adjourn\w*|suspend\w*|statement will be|thank\w*|good (?:morning|afternoon|evening))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Turn:
    label: str  # as written, without a parenthesis: "MINISTER LINDQVIST"
    start: int  # where the words begin, after the label
    end: int  # the paragraph's end


def transcript_answers(article: Article) -> list[Quotation]:
    """Each substantive answer of a transcript, verbatim, as a quotation with no speaker phrase:
    its speaker is the paragraph's label, which the speaker resolver reads."""
    turns = _turns(article.text)
    counts = Counter(turn.label.casefold() for turn in turns)
    if len(turns) < MIN_LABELLED or sum(n > 1 for n in counts.values()) < 2:
        return []
    questioners = _questioners(article.text, turns)
    answers = []
    for turn in turns:
        if turn.label in questioners or article.text[turn.start : turn.end].endswith("?"):
            continue
        start = _after_courtesies(article, turn)
        words = article.text[start : turn.end]
        if len(words.split()) >= MIN_WORDS and not _only_procedure(article, start, turn.end):
            answers.append(Quotation(words, start, turn.end, turn.label, answer=True))
    return answers


def _turns(text: str) -> list[_Turn]:
    turns = []
    for paragraph in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
        match = _LABEL.match(paragraph.group())
        if match is None:
            continue
        label = match["label"].split("(")[0].strip()
        if _NOT_SPEAKERS.match(label):
            continue
        end = paragraph.start() + len(paragraph.group().rstrip())
        turns.append(_Turn(label, paragraph.start() + match.end(), end))
    return turns


def _questioners(text: str, turns: list[_Turn]) -> set[str]:
    """Labels that ask: QUESTION, Q…, or most of whose turns end with a question mark."""
    asked, spoke = Counter(), Counter()
    for turn in turns:
        spoke[turn.label] += 1
        asked[turn.label] += text[turn.start : turn.end].endswith("?")
    return {
        label
        for label in spoke
        if _QUESTIONER.match(label) or 2 * asked[label] >= spoke[label] and asked[label]
    }


def _after_courtesies(article: Article, turn: _Turn) -> int:
    """Where the answer's words begin once a leading "Thank you, Chair." is left out."""
    start = turn.start
    for sentence in article.sentences_between(turn.start, turn.end):
        words = " ".join(article.text[max(sentence.start, start) : sentence.end].split())
        if sentence.end >= turn.end or not _COURTESY.match(words):
            break
        start = sentence.end
        while start < turn.end and article.text[start].isspace():
            start += 1
    return start


def _only_procedure(article: Article, start: int, end: int) -> bool:
    sentences = article.sentences_between(start, end)
    return bool(sentences) and all(_PROCEDURE.search(s.text) for s in sentences)


def labelled_person(label: str, candidates: list[Candidate]) -> Candidate | None:
    """The one person of the article whose surname is the label's last word ("MINISTER
    LINDQVIST" → Maya Lindqvist), else None."""
    surname = label.split()[-1].casefold()
    people = [
        c for c in candidates if c.kind == "person" and c.name.split()[-1].casefold() == surname
    ]
    return people[0] if len(people) == 1 else None
