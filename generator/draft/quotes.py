"""Quotations in an article, and who the article says spoke them.

Double quotation marks (curly or straight) open a quotation; single marks inside
it are a nested quotation and stay part of the text. Single marks open a quotation
of their own only outside double ones, after a space, so that apostrophes
("wasn't") are never taken for quotation marks. A quotation still open at the end
of a paragraph ends there (news style: a quotation running on into the next
paragraph reopens it).
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass

from generator.draft.article import Article

_OPENERS = {"“": "”", '"': '"', "‘": "’", "'": "'"}
_SPEECH_VERBS = (
    r"(?:said|says|say|told|tells|added|adds|stated|states|warned|warns|wrote|writes|argued|argues|"
    r"declared|insisted|noted|explained|according to)"
)
# Verbs that introduce a quotation that follows them ("described the patrols as “…”").
_INTRODUCING = (
    rf"(?:{_SPEECH_VERBS[3:-1]}|called|calls|described|describes|dismissed|conceded|concedes|"
    r"criticised|criticized|accused|urged|replied|responded|countered|ruled|telling \w+|"
    r"gave (?:a|an|the|his|her|its|their) (?:\w+ )?(?:version|account|answer|view))"
)
_APPOSITION = r"(?:,\s+(?!(?:at|in|on|after|before|when|who|which|adding|speaking|according|citing)\b)[^,;“”\"]+)?"
_AFTER = re.compile(
    rf"^[\s,.”\"’']*(?:{_SPEECH_VERBS}\s+(?P<after_verb>[^,;“”\"]+{_APPOSITION})"
    rf"|(?P<before_verb>[^;“”\"]{{1,120}}?)\s+{_SPEECH_VERBS}\b)"
)
_VERB = re.compile(rf"\b{_INTRODUCING}\b")
_TRAILING_FILLER = re.compile(
    r"(?:\s+(?:has|have|had|is|was|were|also|previously|earlier|later|then|again|once|has\s+since|"
    r"publicly|repeatedly|reportedly|\w+ly))+$"
)
_CLAUSE_BREAK = re.compile(r"[,;:]\s+|\s+(?:and|but|while|as|after|that)\s+")
_ASIDE = re.compile(
    r"^(?:who|which|speaking|according|citing|adding|noting|\w+ing)\b"
)  # ", speaking on condition…,"
_LEAD_IN = re.compile(
    r"^(?:In|On|At|After|Before|Since|During|Last|Earlier|Later|Then|But|And|Yet|So|Asked)\b"
)
_PRONOUN_SUBJECT = re.compile(
    r"^(?:(?:In|On|At|Last|Earlier|Later|Then|But|And|Yet)\b(?:\s+\w+){0,2}?\s+)?"
    r"(?P<pronoun>he|she|it|they|we|I)\b"
)
_SUBJECT_START = re.compile(
    r"^(?:[A-Z\d]|(?:the|a|an|its|his|her|their|one|two|some|several|what)\b)"
)
_CONJUNCTION = re.compile(r"^(?:and|but|while|as|then|before|after)\b")
_ABBREVIATED = ("Co.", "Corp.", "Inc.", "Ltd.", "Jr.", "Sr.", "U.S.", "U.K.", "E.U.")
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "who"}


@dataclass(frozen=True)
class Quotation:
    text: str  # the words between the marks, verbatim
    start: int  # offsets of those words in the article's text
    end: int
    speaker: str | None  # who spoke, as the article words it ("a spokesman"), if it says
    answer: bool = False  # a transcript's answer: the label's words, without quotation marks


def find_quotations(text: str) -> list[Quotation]:
    found = []
    for start, end in _spans(text):
        words = text[start:end].rstrip(", ")  # '“We will,” he said': the comma is the article's
        if words.strip():
            found.append(Quotation(words, start, start + len(words), None))
    return found


def _spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of the words inside each top-level quotation."""
    breaks = [m.start() for m in re.finditer(r"\n\n", text)] + [
        len(text)
    ]  # paragraph ends, found once
    i = 0
    while i < len(text):
        char = text[i]
        if char in _OPENERS and _opens(text, i):
            limit = breaks[bisect.bisect_left(breaks, i + 1)]
            end = _closing(text, i + 1, limit, _OPENERS[char])
            yield i + 1, end
            i = end + 1
        else:
            i += 1


def _opens(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if text[i] in "‘'":  # an apostrophe never follows a space and starts a word after it
        return (before.isspace() or before in "([—–-") and not after.isspace()
    return text[i] == "“" or before.isspace() or before in "([—–-:" or i == 0


def _closing(text: str, start: int, limit: int, closer: str) -> int:
    """Offset of the mark that closes a quotation opened before ``start``, or ``limit`` (the paragraph's end)."""
    for j in range(start, limit):
        if text[j] == closer and (closer not in "’'" or not _inside_word(text, j)):
            return j
    return limit


def _inside_word(text: str, j: int) -> bool:
    return j + 1 < len(text) and text[j + 1].isalpha() and text[j - 1].isalpha()


def speaker_of(quotation: Quotation, sentence_text: str, sentence_start: int) -> str | None:
    """Who the sentence says spoke the quotation, as worded: '…,” said X, the Y's Z' / '…,” X said' /
    'X described it as “…”' / 'X gave a third version: “…”'. A pronoun is returned as it is, for
    the caller to resolve; None when the sentence names no one."""
    after = sentence_text[quotation.end - sentence_start + 1 :]
    match = _AFTER.match(after)
    if match:
        found = (match["after_verb"] or match["before_verb"]).strip(" ,")
        if match["after_verb"] and not found.endswith(_ABBREVIATED):
            found = found.rstrip(".")
        reported = (
            match["after_verb"] and len(found.split()) > 1 and found.split()[0].lower() in _PRONOUNS
        )
        if not (reported or _CONJUNCTION.match(found)):  # '”, said it would…', '” and said he…'
            return _pronoun_or(" ".join(found.split()))
    before = sentence_text[: max(0, quotation.start - sentence_start - 1)]
    verbs = list(_VERB.finditer(before))
    if not verbs:
        return None
    subject = before[: verbs[-1].start()]
    subject = re.split(r"\bwhat\s+", subject)[-1]  # 'carrying what Velorian police described as'
    clauses = [
        c
        for c in _CLAUSE_BREAK.split(subject.strip(" ,"))
        if c and not _ASIDE.match(c) and _SUBJECT_START.match(c)
    ]
    if not clauses:
        return None
    last = _TRAILING_FILLER.sub("", clauses[-1].rstrip()).strip(" ,")
    if len(clauses) > 1 and clauses[-2][:1].isupper() and not _LEAD_IN.match(clauses[-2]) and last:
        last = f"{clauses[-2].strip()}, {last}"  # "Nordvault, the cloud provider", "Veloria's minister, Ines Carvalho"
    return _pronoun_or(last) if last and last.lower() != "who" else None


def _pronoun_or(phrase: str) -> str:
    """'On Wednesday he' → 'he'; other phrases as they are."""
    match = _PRONOUN_SUBJECT.match(phrase)
    return match["pronoun"] if match else phrase


_LABEL = re.compile(
    r"(?:so-called|what (?:\w+\s+){0,3}call(?:s|ed)?|known as|dubbed|nicknamed|titled|entitled|"
    r"(?:report|campaign|programme|program|operation|plan|book|film|study|strategy)[,:]?|a|the)"
    r"\s*[“\"‘']?$",
    re.IGNORECASE,
)
_SCARE_WORDS = (
    3  # a quotation this short, in a sentence without a word of speech, is a label, not a statement
)
_WORDS_OF_SPEECH = re.compile(
    rf"\b(?:{_SPEECH_VERBS[3:-1]}|call(?:s|ed|ing)?|describ\w*|dismiss\w*|denounc\w*|"
    r"accus\w*|promis\w*|vow\w*|pledg\w*|urg\w*|asked|answered|replied|insist\w*|conced\w*|admit\w*|"
    r"acknowledg\w*|quot\w*|statement|told|tell|say\w*|speak\w*|spoke|spokes\w*)\b",
    re.IGNORECASE,
)
# The text of a law quoted: "Article 34 requires it … “without undue delay”", "the act defines
# urgency as “…”". A provision or a law is the subject, and no person is said to speak.
_LAW_SUBJECT = re.compile(
    r"\b(?:(?:Article|Section|Subsection|Paragraph|Clause|Chapter|Rule)s?\s+[\dA-Z(]"
    r"|(?:the|this|that|its)\s+(?:law|act|regulation|directive|treaty|convention|bill|statute|code|"
    r"decree|provision|clause|subsection|article|section|text|wording|ruling|judgment)\b)"
)
_PEOPLE_SPEAK = re.compile(  # "says" is left out: a law "says" too
    r"\b(?:said|told|tells|according to|argued|argues|wrote|writes|asked|called|calls|ruled|"
    r"rules|held|holds|found|concluded|decided|insisted|warned|stated|noted|added|declared|"
    r"explained)\b"
)
_SPOKEN_AFTER = re.compile(
    rf"^[\s,.!?]*[”\"’']?[\s,]*(?:{_SPEECH_VERBS}|\w+(?:\s+\w+)?\s+{_SPEECH_VERBS})\b"
)
# A quotation inside a noun phrase: "what it called “high-risk” brinkmanship", "a “toolbox” fund":
# the word after it carries on the phrase (a word of these ends or turns it: no modifier).
_NOT_A_NOUN = frozenset(
    "on in at of to for and or but as by with from after before over under into about than "
    "he she it they we i who which that this these those is was are were be been has have had "
    "will would can could may might should must do does did said says told added also only "
    "again too even then now when while because if so not last next this yesterday today tomorrow "
    "earlier later ago twice once instead anyway already yet still here there".split()
)
_TITLE_SMALL_WORDS = frozenset("a an the of in on for and or to at by with from".split())


def is_scare_quote(quotation: Quotation, before: str, after: str) -> bool:
    """Whether a quotation is no one's statement: the text of a law ("Article 34 requires …
    “without undue delay”"), a title ('The report, “Listening In”,'), a label ('the so-called
    “toolbox”', 'what it called “high-risk” brinkmanship'), or a few words with no word of speech
    near them. ``before`` and ``after`` are the sentence's words either side of the marks."""
    words = quotation.text.split()
    if _quotes_a_law(before):
        return True
    spoken_after = bool(_SPOKEN_AFTER.match(after))
    if _is_title(words) and not spoken_after:
        return True
    if len(words) > _SCARE_WORDS or re.search(r"[.?!,;]", quotation.text):
        return False
    if _LABEL.search(before[-60:]):  # 'what the law calls "high-impact systems"', 'the "toolbox"'
        return True
    if _inside_noun_phrase(before, after) and not _WORDS_OF_SPEECH.search(before[-40:]):
        return True
    if words and words[0][:1].isupper() and not words[0].isupper() and len(words) > 1:
        return False  # "Good weather tomorrow": a whole utterance
    return not _WORDS_OF_SPEECH.search(before + " … " + after[:80])  # the sentence's speech


def _quotes_a_law(before: str) -> bool:
    """A provision or law is the subject ("Section 41 says … “specific and documented”"), with no
    one said to speak before it ("The minister says the bill has “…”") nor after it ("…, the
    judges ruled")."""
    law = _LAW_SUBJECT.search(before)
    if law is None or _PEOPLE_SPEAK.search(before):
        return False
    speech = _WORDS_OF_SPEECH.search(before)
    return speech is None or speech.start() > law.start()


def _is_title(words: list[str]) -> bool:
    """'Listening In', 'A Future for Farming': two to six words, each capitalised but the small
    ones, and no sentence inside."""
    if not 2 <= len(words) <= 6 or any(w[-1:] in ".?!," for w in words[:-1]):
        return False
    return (
        all(w[:1].isupper() for w in words if w.casefold() not in _TITLE_SMALL_WORDS)
        and words[0][:1].isupper()
    )


def _inside_noun_phrase(before: str, after: str) -> bool:
    """'… avoid what it called “high-risk” brinkmanship': the quotation modifies the noun after it."""
    following = re.match(r"^[”\"’']?\s(?P<word>[a-z][\w-]*)", after)
    return (
        following is not None
        and following["word"] not in _NOT_A_NOUN
        and not before.rstrip(" “\"‘'").endswith((":", ","))
    )


def quotations_with_speakers(article: Article) -> list[Quotation]:
    """Every quotation of the article that is someone's statement, with its speaker where its
    sentence names one (scare quotes left out)."""
    found = []
    for quotation in find_quotations(article.text):
        # All the sentences it touches, up to its closing mark: a quotation may span several.
        sentences = article.sentences_between(quotation.start, quotation.end + 1)
        if not sentences:
            continue  # in the headline or the header: the story quotes it again if it is a statement
        first, last = (
            (sentences[0].start, sentences[-1].end) if sentences else (0, len(article.text))
        )
        before = article.text[first : quotation.start]
        after = article.text[quotation.end : last]  # from the closing mark
        if is_scare_quote(quotation, before, after):
            continue
        speaker = None
        if sentences:
            span = article.text[sentences[0].start : sentences[-1].end]
            speaker = speaker_of(quotation, span, sentences[0].start)
        found.append(
            dataclasses.replace(quotation, speaker=" ".join(speaker.split()) if speaker else None)
        )
    return found
