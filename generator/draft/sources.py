"""Anonymous sources: "a senior official at the authority, who asked not to be named because the
appeal period has not yet expired" introduces a source that later references ("the official",
"one of them") speak as; the draft keeps it anonymous, with the reason the article gives."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.draft.actors import Candidate
from generator.draft.article import Sentence

_ANONYMITY = re.compile(
    r"(?:who\s+)?(?:(?:was|were|is|are)n['’]t|(?:was|were|is|are)\s+not|not)\s+authori[sz]ed\s+to\s+"
    r"(?:speak|talk|comment|discuss)\w*(?:\s+(?:publicly|on the record|to the press|on the matter|"
    r"about (?:it|the \w+)))*"
    r"|(?:who\s+)?(?:asked|requested|declined|wished)\s+not\s+to\s+be\s+(?:named|identified)"
    r"|(?:who\s+)?declined\s+to\s+be\s+(?:named|identified)"
    r"|(?:who\s+spoke\s+|speaking\s+)?on\s+(?:the\s+)?condition\s+(?:of|that\s+\w+\s+not\s+be\s+named)"
    r"(?:\s+anonymity)?"
    r"|(?:who\s+)?(?:spoke|speaking)\s+anonymously|\bfamiliar\s+with\s+the\s+\w+",
    re.IGNORECASE,
)
_REASON = re.compile(
    r"^[^.;,]{0,30}?\b(?:because|as|since)\s+(?P<reason>[^,;.“”\"]+)"
    r"|^[^.;]{0,40}?\b(?P<fear>for\s+fear\s+of\s+[^,;.“”\"]+)",
    re.IGNORECASE,
)
_SOURCE_NOUNS = (
    r"officials?|lawyers?|advis[eo]rs?|aides?|diplomats?|persons?|people|sources?|insiders?|"
    r"executives?|negotiators?|bankers?|employees?|engineers?|members?|publishers?|"
    r"staff(?:er)?s?|managers?|analysts?|fishermen|fisherman|workers?|traders?|investors?|"
    r"residents?|activists?|journalists?|officers?|lawmakers?|deputies|deputy|envoys?|"
    r"researchers?|experts?|specialists?|scientists?|consultants?|adviser|insiders?|figures?|"
    r"participants?|delegates?|lobbyists?|colleagues?|owners?|directors?|doctors?|nurses?"
)
_SOURCE = re.compile(
    rf"\b(?:an?|one|two|three|several|some|the)\s+(?:[\w'’-]+\s+){{0,3}}?"
    rf"(?P<noun>{_SOURCE_NOUNS})\b(?P<rest>[^,;:“”\"]*)",
    re.IGNORECASE,
)
_SOMEONE = re.compile(
    r"\b(?:an?|one)\s+(?:[\w'’-]+\s+){0,3}?(?P<noun>[a-z]+)\b(?P<rest>[^,;:“”\"]*)", re.IGNORECASE
)
BACK_REFERENCE = re.compile(
    rf"^(?:the|that|this)\s+(?:[\w-]+\s+)?(?P<noun>{_SOURCE_NOUNS})$"
    r"|^(?:one|two|both|all|some)\s+of\s+them$",
    re.IGNORECASE,
)


@dataclass
class Source:
    """An anonymous source the article introduces: "a senior official at the authority, who…"."""

    offset: int
    noun: str
    description: str
    actor: Candidate | None
    reason: str | None


def anonymous_sources(sentence: Sentence, body_in) -> list[Source]:
    """The anonymous sources a sentence introduces ("a senior official, who asked not to be named
    because…"); ``body_in(description, sentence, offset)`` finds the body a source speaks for."""
    found = []
    for cue in _ANONYMITY.finditer(sentence.text):
        before = sentence.text[: cue.start()]
        subjects = (
            list(_SOURCE.finditer(before))
            or list(_SOURCE.finditer(sentence.text, cue.end()))
            or list(_SOMEONE.finditer(before))
        )
        if not subjects:
            continue
        subject = subjects[-1]
        description = " ".join((subject.group(0)).split()).strip(" ,")
        offset = sentence.start + subject.start()
        actor = body_in(description, sentence, offset)
        found.append(
            Source(
                offset,
                singular(subject["noun"]),
                description,
                actor,
                _reason(sentence.text[cue.start() :], cue.group()),
            )
        )
    return found


def singular(noun: str) -> str:
    noun = noun.casefold()
    plurals = {"people": "person", "fishermen": "fisherman", "deputies": "deputy", "staff": "staff"}
    return plurals.get(noun, noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun)


def _reason(after_cue: str, cue: str) -> str | None:
    """The reason the article gives for the anonymity: "because the talks are private", "for fear
    of reprisals", or that the source was not authorised to speak; None when it gives none."""
    rest = after_cue[len(cue) :]
    if match := _REASON.match(rest):
        return " ".join((match["reason"] or match["fear"]).split()).strip(" ,")
    if re.search(r"authori[sz]ed", cue, re.IGNORECASE):
        return " ".join(re.sub(r"^who\s+", "", cue, flags=re.IGNORECASE).split())
    return None
