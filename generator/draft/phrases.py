"""Runs of capitalised words, and the names in them: a run loses the words that open a sentence,
a question or a title ("On Wednesday", "Will Kestrel…?", "President of the National Ports
Authority"), and is no name when it is a law, a place's building, a quoted title, the article's
own outlet, a crowd ("Officials"), or a word capitalised only because it opens a sentence."""

from __future__ import annotations

import re
from collections.abc import Callable

from generator.draft.article import Article
from generator.draft.kinds import DEMONYM, guess_kind
from generator.draft.names import (
    DETERMINERS,
    GENERIC_PLURALS,
    NOT_ACTOR_NOUNS,
    NOT_NAMES,
    QUESTION_OPENERS,
    SUFFIX_WITH_DOT,
    TIME_WORDS,
    is_title,
    label_name,
    split_title,
    strip_determiner,
)
from generator.draft.places import PLACE_HEADS
from generator.draft.usage import SPEAKS

TOKEN = (
    r"(?:[A-Z]\.(?:[A-Z]\.)+|[A-Z][\w&-]*"
    r"(?:(?<=s)['’](?=\s+[A-Z])|['’]s(?=\s+(?:Party|Union|Alliance|Front|Movement|League)\b))?)"
)  # "Workers' Union", "People's Party"
PHRASE = re.compile(
    rf"(?<![\w.]){TOKEN}(?:\s+(?:(?:of|to|for|on|de)\s+(?:the\s+|an?\s+)?)?{TOKEN})*"
)
OFFICES = (
    r"chief|minister|head|president|secretary|commissioner|envoy|ambassador|spokesman|"
    r"spokeswoman|spokesperson|chairman|chairwoman|chair|director|leader|czar|tsar|"
    r"chief executive|executive"
)
_TIME_TAIL = re.compile(rf"\s+(?:of|to|for|on|de)\s+(?:the\s+)?(?:{TIME_WORDS})\b.*$")
_LEAD = re.compile(
    rf"(?:{OFFICES}|Governor|Mayor|Chief|Executive|Vice|(?P<crowd>{'|'.join(GENERIC_PLURALS)}))"
    r"\s+(?:of|for)\s+(?:the\s+)?",
    re.IGNORECASE,
)
_AND_TAIL = re.compile(r"\s+and\s+(?P<word>[A-Z][\w-]*)(?=[\s,.;:)]|$)(?!\s+[A-Z])")
_HEAD_ALONE_KINDS = ("legislature", "government-body", "court")  # "Parliament", "Commission"
_OPENING_MARKS = ("“", '"', "‘", "'")
_CLOSING = re.compile(r"[,.]?[”\"’']")
_NO_ACTOR_HEADS = NOT_ACTOR_NOUNS | PLACE_HEADS
_LOWER_NEXT = re.compile(r"\s+[a-z]")
_NUMBER_NEXT = re.compile(r"\s+\d")
_NUMBER_BEFORE = re.compile(r"\d\s*$")
_QUESTIONER = re.compile(r"^(?:QUESTION|Q|REPORTER|JOURNALIST|AUDIENCE)\b[^:]{0,80}:")


class NameReader:
    """Reads the names in one article's runs of capitalised words."""

    def __init__(
        self, article: Article, not_actors: set[str], long_form_of: Callable[[str], str | None]
    ):
        self.article, self.not_actors, self.long_form_of = article, not_actors, long_form_of
        # A news agency named in its own dateline ("(Meridian Wire) -") reports, it does not act;
        # a press release's copyright holder is the body that speaks.
        heading = article.text[: article.story_start]
        publisher = article.publisher
        self.outlet = _outlet_forms(publisher, agency=f"({publisher})" in heading)
        # Names of one word written inside a sentence ("…, said Kestrel"), and the first words of
        # longer names ("Kestrel Networks", "Ruth Okonjo"): "Kestrel said…" opens with a name,
        # "Nurses said…" (of "Tarnish Nurses' Union") does not.
        phrases = [
            (strip_determiner(m.group()).split(), m.start(), sentence.text)
            for sentence in article.sentences
            for m in PHRASE.finditer(sentence.text)
        ]
        standalone = {
            words[0]
            for words, at, text in phrases
            if len(words) == 1 and not _opens_clause(text, at) and text[at - 4 : at] != "and "
        }
        self.first_name_words = {words[0] for words, _, _ in phrases if len(words) > 1}
        # (united once: a union per name read would take time growing with the article)
        self.named_alone = standalone | self.first_name_words
        self.name_ends = self.named_alone | {w[-1] for w, _, _ in phrases if len(w) > 1}

    def read(
        self, text: str, match: re.Match
    ) -> tuple[int, int, str, str | None, str | None] | None:
        """(start, end, surface, name, kind) of the name in a run of capitalised words, or None
        when it holds none; ``name`` is the name the surface prints otherwise ("Ingrid Falk" in
        "Prime Minister Ingrid Falk", "Kerr" for the label "MS KERR")."""
        trimmed = self._trimmed(text, match)
        if trimmed is None or self._no_name(text, *trimmed):
            return None
        surface, start, end = trimmed
        name = label_name(surface) if _is_label(surface, text, start, end) else None
        kind = guess_kind(name or surface)
        if titled := split_title(name or surface):
            name, kind = titled[1], "person"  # "Prime Minister Ingrid Falk"
        elif is_title(name or surface):
            kind = (
                "title"  # "the Prime Minister", "THE CHAIR:": its holder, if the article names one
            )
        return start, end, surface, name, kind

    def _trimmed(self, text: str, match: re.Match) -> tuple[str, int, int] | None:
        """The name within a run of capitalised words: without the words that open a sentence,
        a question or a title, and with the words that finish it ("Ltd.", "… and Ports")."""
        surface, start = _TIME_TAIL.sub("", match.group()), match.start()  # "Commission on Tuesday"
        questioner = _QUESTIONER.match(text)
        if questioner and start < questioner.end():
            return None  # "QUESTION (Lena Brook, Ostmark Daily):": the journalists who ask
        if _opens_clause(text, start) and text.rstrip().endswith("?"):
            opener, _, rest = surface.partition(" ")
            if opener in QUESTION_OPENERS:
                if not rest:
                    return None
                surface, start = rest, start + len(opener) + 1  # "Will Kestrel's merger…?"
        while len(surface.split()) > 1 and surface.split()[0] in NOT_NAMES:
            first = surface.split()[0]  # "On Wednesday", "Under Article"
            surface, start = surface[len(first) + 1 :], start + len(first) + 1
        lead = _LEAD.match(surface)  # "President of the National Ports Authority", "Leaders of…"
        if lead and guess_kind(surface[lead.end() :]) not in (None, "person", "title"):
            surface, start = surface[lead.end() :], start + lead.end()
        elif lead and lead["crowd"]:
            surface, start = surface[lead.end() :], start + lead.end()
        first = surface.split()[0]
        if first in DETERMINERS or first.endswith("-based"):  # "Veloria-based Orbital Group"
            if len(surface.split()) == 1:
                return None
            surface, start = surface[len(first) + 1 :], start + len(first) + 1
        end = start + len(surface)
        if surface.split()[-1] in SUFFIX_WITH_DOT and text[end : end + 1] == ".":
            surface, end = surface + ".", end + 1
        if re.search(r"\s(?:of|on|for)\s", surface) and (tail := _AND_TAIL.match(text, end)):
            if tail["word"] not in self.named_alone:  # "Ministry of Transport and Ports"
                surface, end = surface + tail.group(), tail.end()
        return surface, start, end

    def _no_name(self, text: str, surface: str, start: int, end: int) -> bool:
        words = surface.split()
        if (self.long_form_of(surface) or surface).split()[-1] in _NO_ACTOR_HEADS:
            return True  # a law, a plan, a station
        if surface in self.not_actors or surface in self.outlet:
            return True  # the laws of the article; its own newspaper ("told the Courier")
        if surface == self.article.publisher and text[max(0, start - 1) : start] == "(":
            return True  # the dateline's publisher: "(Reuters) -"
        if start == 0 and surface.isupper() and text[end:].lstrip().startswith("("):
            return True  # the dateline's place: "BRUSSELS (Reuters) -"
        if text[start - 1 : start] in _OPENING_MARKS and _CLOSING.match(text, end):
            return True  # a title in quotation marks: the report "Listening In"
        return len(words) == 1 and self._no_one_word_name(text, surface, start, end)

    def _no_one_word_name(self, text: str, word: str, start: int, end: int) -> bool:
        if word in NOT_NAMES or word.casefold() in GENERIC_PLURALS:
            return True  # "Officials", "Analysts": no one actor
        if DEMONYM.match(word.removesuffix("s")) and (
            word.endswith("s") or _LOWER_NEXT.match(text, end)
        ):
            return True  # "Chinese espionage", "Europeans": an adjective, a people
        if _NUMBER_NEXT.match(text, end) or _NUMBER_BEFORE.search(text[max(0, start - 4) : start]):
            return True  # "Clause 9", "3.5 GHz": a reference or a unit
        return (
            not word.isupper()
            and _opens_clause(text, start)
            and word not in self.name_ends
            and guess_kind(word) not in _HEAD_ALONE_KINDS  # "Parliament will debate…" is a body
            and not SPEAKS.match(text[end:])  # "Ostmark said no"
        )  # "Officials said…", "One…": capitalised only because it opens the sentence


def _outlet_forms(publisher: str | None, *, agency: bool) -> set[str]:
    """The article's own outlet, which reports and does not act: the agency of its dateline
    ("(Meridian Wire) -"), or a newspaper ("The Ostmark Courier", "the Courier"). A press
    release's publisher is the body that speaks, and stays an actor."""
    if not publisher or not (agency or guess_kind(publisher) == "media"):
        return set()
    return {publisher, strip_determiner(publisher), publisher.split()[-1]}


def _opens_clause(text: str, start: int) -> bool:
    """Whether a word at ``start`` is capitalised because it opens a sentence, a quoted sentence or
    what follows a label ("Review: Inflation is…")."""
    before = text[max(0, start - 12) : start].rstrip(" “\"‘'(")  # a window: linear time
    return not before or before[-1] in ".!?:"


def _is_label(surface: str, text: str, start: int, end: int) -> bool:
    """A transcript's speaker label: "VARGA: Thank you." """
    return surface.isupper() and start == 0 and text[end : end + 1] == ":"
