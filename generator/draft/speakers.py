"""Who spoke each quotation, linked to an actor of the draft.

The quotation's sentence words the speaker ("said Maya Lindqvist, the OCA's director", "the
official said", "she said", "Quintela:"); that phrase is resolved against what the article has
said so far, read in order:

- a name, or a name in the phrase, is that actor (a surname alone joined its person already);
- a pronoun, or a quotation standing alone, continues the previous quotation's speaker, or else
  the person (for "he"/"she") or body (for "it"/"they") mentioned last;
- "its director", "the group's chair", "the embassy" name a body met before by its noun;
- "the official", "the lawyer", "one of them" refer back to the source of that noun that the
  article introduced as anonymous ("a senior official, who asked not to be named because…"), and
  stay anonymous, with the reason the article gives (or none given: ``reason_given: false``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from generator.draft.actors import ActorFinder, Candidate, _Mention
from generator.draft.article import Article, Sentence
from generator.draft.kinds import BODY_NOUN_KINDS
from generator.draft.names import canonical, label_name
from generator.draft.quotes import Quotation
from generator.draft.sources import BACK_REFERENCE, Source, anonymous_sources, singular

_POSSESSIVE = re.compile(
    r"\b(?P<owner>its|their|his|her|the\s+(?P<noun>[a-z]+)['’]s)\s+[a-z]", re.IGNORECASE
)
_DEFINITE_BODY = re.compile(
    rf"^(?:the|its|this|that)\s+(?:[\w-]+\s+)?(?P<noun>{'|'.join(BODY_NOUN_KINDS)})$",
    re.IGNORECASE,
)
_PERSON_PRONOUNS = {"he", "she", "i"}
_BODY_PRONOUNS = {"it", "they", "we"}
_LABEL = re.compile(r"^(?P<label>[A-Z][\w'’.-]*(?:\s+[A-Z(][\w'’.)-]*){0,3}):\s")
_SPOKESPERSON = re.compile(r"\bspokes(?:man|woman|person)\b", re.IGNORECASE)
CONTINUATION = 3  # a quotation within this many sentences of the last one may continue it
RECALL = 60  # a reference ("the official", "its", "he") looks this many mentions or sources back at most:
# references are to what was said shortly before, and the drafting stays linear


@dataclass
class Speaker:
    """Who the article says spoke a quotation, as the draft records it."""

    phrase: str | None  # as the article words it
    actor: Candidate | None = None  # the position's actor: the body spoken for, else the person
    person: Candidate | None = None  # a named person
    anonymous: bool = False
    reason: str | None = None  # why the source is anonymous, in the article's words
    role: str | None = None

    @property
    def attribution_kind(self) -> str | None:
        if self.anonymous:
            return "anonymous"
        if self.person is not None:
            return "named"
        if self.phrase and _SPOKESPERSON.search(self.phrase):
            return "spokesperson"
        if self.actor is not None and self.actor.kind not in (None, "role", "person"):
            return "institutional"
        return None


class SpeakerResolver:
    """Resolves the speakers of one article's quotations, in the article's order."""

    def __init__(self, article: Article, finder: ActorFinder, candidates: list[Candidate]):
        self.article, self.finder = article, finder
        self.by_id = {c.id: c for c in candidates}
        self.timeline: list[tuple[int, Candidate]] = []  # every mention of an actor, in order
        for sentence in article.sentences:
            for mention in finder.mentions(sentence):
                candidate = self.by_id.get(finder.id_of(mention))
                if candidate is not None and sentence.start + mention.start >= article.story_start:
                    self.timeline.append((sentence.start + mention.start, candidate))
        self.starts = [start for start, _ in self.timeline]
        self.genders = self._genders()
        self.sources = [
            source for s in article.sentences for source in anonymous_sources(s, self._body_in)
        ]
        self.previous: tuple[int, Speaker] | None = (
            None  # (sentence index, speaker) of the last quotation
        )
        self.index = {sentence.start: i for i, sentence in enumerate(article.sentences)}
        self.source_starts = [source.offset for source in self.sources]

    def _genders(self) -> dict[str, str]:
        """A person's pronoun: the first 'he'/'his' or 'she'/'her' after their name, before another
        person's name."""
        genders: dict[str, str] = {}
        last: Candidate | None = None
        for sentence in self.article.sentences:
            mentions = {
                sentence.start + m.start: self.by_id.get(self.finder.id_of(m))
                for m in self.finder.mentions(sentence)
            }
            pronouns = {
                sentence.start + m.start(): m.group().casefold()
                for m in re.finditer(r"\b(?:he|his|him|she|her)\b", sentence.text, re.IGNORECASE)
            }
            for at in sorted({**mentions, **pronouns}):
                if at in mentions and mentions[at] is not None and mentions[at].kind == "person":
                    last = mentions[at]
                elif at in pronouns and last is not None:
                    genders.setdefault(last.id, "she" if pronouns[at] in ("she", "her") else "he")
                    last = None
        return genders

    # --- anonymous sources ---------------------------------------------------------------

    def _source_before(self, offset: int, noun: str | None) -> Source | None:
        end = bisect.bisect_left(self.source_starts, offset)
        for source in reversed(self.sources[max(0, end - RECALL) : end]):
            if noun is None or source.noun == noun:
                return source
        return None

    # --- actors met so far ------------------------------------------------------------------

    def _last(self, offset: int, wanted) -> Candidate | None:
        end = bisect.bisect_left(self.starts, offset)
        for _, candidate in reversed(self.timeline[max(0, end - RECALL) : end]):
            if wanted(candidate):
                return candidate
        return None

    def _body_by_noun(self, noun: str, offset: int) -> Candidate | None:
        noun = noun.casefold()
        named = self._last(
            offset,
            lambda c: (
                c.kind != "person"
                and (
                    c.noun == noun
                    or noun in {w.casefold() for m in (c.name, *c.mentions) for w in m.split()}
                )
            ),
        )
        if named is not None:
            return named
        kinds = BODY_NOUN_KINDS.get(noun, set())
        return self._last(offset, lambda c: c.kind in kinds)

    def _body_in(self, phrase: str, sentence: Sentence, offset: int) -> Candidate | None:
        """A body the phrase names ("A Commission official", "an official at the authority",
        "A Velorian security official")."""
        for mention in self._mentions_in(phrase, sentence):
            candidate = self.by_id.get(self.finder.id_of(mention))
            if candidate is not None and candidate.kind not in ("person", "role"):
                return candidate
        if match := re.search(
            rf"\b(?:at|for|from|of|in)\s+(?:the|its)\s+(?P<noun>{'|'.join(BODY_NOUN_KINDS)})\b",
            phrase,
            re.IGNORECASE,
        ):
            return self._body_by_noun(match["noun"], offset)
        for word in re.findall(
            r"\b[A-Z][a-z]+(?:ian|ish|ese|ean|an)\b", phrase
        ):  # "Velorian" → Veloria
            stem = re.sub(r"(?:ian|ish|ese|ean|an)$", "", word)
            state = self._last(
                offset,
                lambda c, stem=stem: c.kind == "state" and c.name.split()[-1].startswith(stem),
            )
            if state is not None:
                return state
        return self._body_by_any_noun(phrase, offset)  # "a senior ministry official"

    def _mentions_in(self, phrase: str, sentence: Sentence) -> list[_Mention]:
        at = sentence.text.find(phrase)
        start = sentence.start + max(at, 0)
        return self.finder.mentions(Sentence(phrase, start, start + len(phrase)))

    # --- one quotation --------------------------------------------------------------------------

    def resolve(
        self, quotation: Quotation, phrase: str | None, sentences: list[Sentence]
    ) -> Speaker:
        index = self.index[sentences[0].start] if sentences else -1
        speaker = self._resolve(quotation, phrase, sentences, index)
        label = (
            self._label(quotation.start)
            if speaker.actor is None and not speaker.anonymous
            else None
        )
        if label is not None:  # "QUINTELA: What I can say is that “…”"
            speaker = self._named(label, sentences[0], quotation.start) if sentences else speaker
        self.previous = (index, speaker)
        return speaker

    def _resolve(
        self, quotation: Quotation, phrase: str | None, sentences: list[Sentence], index: int
    ) -> Speaker:
        offset = quotation.start
        sentence = sentences[0] if sentences else None
        if phrase is None:
            phrase = self._label(quotation.start)
        if phrase is None:
            return self._continued(index, None, lambda c: True) or Speaker(None)
        bare = phrase.strip(" ,").casefold()
        if bare in _PERSON_PRONOUNS:
            return self._latest_person(phrase, offset, index)
        if bare in _BODY_PRONOUNS:
            return self._continued(index, phrase, lambda c: c.kind != "person") or Speaker(
                phrase, self._last(offset, lambda c: c.kind not in ("person", "role"))
            )
        if back := BACK_REFERENCE.match(bare):
            source = self._source_before(offset, singular(back["noun"]) if back["noun"] else None)
            if source is not None:
                return Speaker(phrase, source.actor, None, True, source.reason, source.description)
        if sentence is not None:
            here = [s for s in self.sources if sentence.start <= s.offset < sentence.end]
            if here:
                source = here[-1]
                return Speaker(phrase, source.actor, None, True, source.reason, source.description)
        return self._named(phrase, sentence, offset)

    def _latest_person(self, phrase: str, offset: int, index: int) -> Speaker:
        """'he said': the person mentioned last, or the anonymous source introduced since, or the
        previous quotation's speaker when no one else came between."""
        pronoun = phrase.strip(" ,").casefold()
        end = bisect.bisect_left(self.starts, offset)
        at, person = next(
            (
                (start, c)
                for start, c in reversed(self.timeline[max(0, end - RECALL) : end])
                if c.kind == "person" and self.genders.get(c.id, pronoun) == pronoun
            ),
            (-1, None),
        )
        source = self._source_before(offset, None)
        before = self.previous[1] if self.previous else None
        if source is not None and source.offset > at:
            return Speaker(phrase, source.actor, None, True, source.reason, source.description)
        if (
            before is not None
            and before.anonymous
            and index - self.previous[0] <= 1
            and (before.person is None and (source is None or source.offset > at - 400))
        ):
            return self._continued(index, phrase, lambda c: True) or Speaker(phrase)
        if before is not None and before.person is person and person is not None:
            return self._continued(index, phrase, lambda c: True) or Speaker(phrase, person, person)
        return Speaker(phrase, person, person)

    def _continued(self, index: int, phrase: str | None, fits) -> Speaker | None:
        if self.previous is None or index - self.previous[0] > CONTINUATION:
            return None
        before = self.previous[1]
        if (
            before.anonymous
            or (before.person or before.actor) is not None
            and fits(before.person or before.actor)
        ):
            return Speaker(
                phrase or before.phrase,
                before.actor,
                before.person,
                before.anonymous,
                before.reason,
                before.role,
            )
        return None

    def _label(self, offset: int) -> str | None:
        """A transcript's speaker label opening the paragraph: "QUINTELA:", "MS KERR:"."""
        line_start = self.article.text.rfind("\n", 0, offset) + 1
        match = _LABEL.match(self.article.text[line_start:offset])
        if not match:
            return None
        return label_name(match["label"]) or None

    def _named(self, phrase: str, sentence: Sentence | None, offset: int) -> Speaker:
        bare = phrase.strip(" ,")
        if definite := _DEFINITE_BODY.match(bare):
            body = self._body_by_noun(definite["noun"], offset)
            if body is not None:
                _add_mention(body, bare)
                return Speaker(phrase, body)
        person = body = owner = None
        mentioned = self._mentions_in(phrase, sentence) if sentence is not None else []
        for mention in mentioned:
            candidate = self.by_id.get(self.finder.id_of(mention))
            if mention.kind == "role" and owner is None:  # "Kestrel's head of operations": Kestrel
                owner = self._candidate_named(re.split(r"['’]s?\s", mention.surface)[0])
            if candidate is None:
                continue
            if candidate.kind == "person":
                person = person or candidate
            elif candidate.kind not in ("role", None):
                body = body or candidate
        start = sentence.start if sentence is not None else offset
        if possessive := _POSSESSIVE.search(phrase):
            pronoun = possessive["owner"].casefold()
            if possessive["noun"]:
                owner = owner or self._body_by_noun(possessive["noun"], start)
            elif pronoun in ("its", "their") and body is None:  # "Its trade body, the X…": X
                owner = owner or self._subject_before(start)
            elif person is None:
                person = self._last(offset, lambda c: c.kind == "person")
        body = owner or body
        if body is None and person is None:
            person = self._person_by_role(bare, offset) if bare[:4].casefold() == "the " else None
        if body is None and person is None and sentence is not None:
            body = self._body_in(phrase, sentence, offset) or self._body_by_any_noun(phrase, offset)
        role = None
        if person is not None:
            role = (
                " ".join(
                    re.sub(
                        rf"\b{re.escape(person.name)}\b|\b{re.escape(person.name.split()[-1])}\b",
                        " ",
                        phrase,
                    ).split()
                ).strip(" ,")
                or None
            )
        return Speaker(phrase, body or person, person, role=role)

    def _subject_before(self, start: int) -> Candidate | None:
        """What 'its' refers to: the first body of the sentence before, else the body met last."""
        for sentence in reversed(self.article.sentences_between(max(0, start - 600), start)[-2:]):
            for mention in self.finder.mentions(sentence):
                candidate = self.by_id.get(self.finder.id_of(mention))
                if (
                    candidate is not None
                    and candidate.kind not in ("person", "role")
                    and sentence.start + mention.start < start
                ):
                    return candidate
        return self._last(start, lambda c: c.kind not in ("person", "role", None))

    def _candidate_named(self, name: str) -> Candidate | None:
        return self.by_id.get(
            self.finder.id_of(
                _Mention(
                    0,
                    len(name),
                    name,
                    self.finder.lookup.get(canonical(name, self.finder.acronyms)),
                )
            )
        )

    def _body_by_any_noun(self, phrase: str, offset: int) -> Candidate | None:
        """'A company spokeswoman', 'A panel of three judges': the body of that noun met last."""
        for word in reversed(re.findall(r"[a-z]+", phrase)):
            if word in BODY_NOUN_KINDS:
                return self._body_by_noun(word, offset)
        return None

    def _person_by_role(self, phrase: str, offset: int) -> Candidate | None:
        """'the prime minister': the person the article last named beside those words."""
        role = phrase[4:].casefold()
        for sentence in reversed(self.article.sentences_between(max(0, offset - 3000), offset)):
            at = sentence.text.casefold().find(role)
            if at < 0 or sentence.start + at >= offset:
                continue
            people = [
                (abs(m.start - at), self.by_id.get(self.finder.id_of(m)))
                for m in self.finder.mentions(sentence)
            ]
            people = [(d, c) for d, c in people if c is not None and c.kind == "person"]
            if people:
                return min(people, key=lambda p: p[0])[1]
        return None


def _add_mention(candidate: Candidate, surface: str) -> None:
    if surface not in candidate.mentions:
        candidate.mentions.append(surface)
