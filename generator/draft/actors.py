"""Actors an article mentions: organisations, states, people and offices.

Rule-based: names from the actor registry (and their aliases) are found first,
with acronyms joined to their long forms both ways ("NATO" / "North Atlantic
Treaty Organization", "EU digital chief" / "the European Union's digital chief");
then offices ("the European Union's digital chief") and runs of capitalised words
("Chinese Mission to the EU") that the registry does not know are proposed as new
actors, with a guessed kind.

The pieces: ``phrases`` says which capitalised words are names, ``names`` compares them and
finds the earlier actor a shorter one refers to, ``kinds`` guesses kinds, ``usage`` and
``places`` tell a place from an actor, ``references`` folds offices, titles and descriptions
into the actor they name. This module finds the mentions and makes the candidates.
"""

from __future__ import annotations

import collections
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.content.models import Actor
from generator.draft.article import Article, Sentence
from generator.draft.kinds import (
    COMPANY_AFTER,
    HEAD_WORDS,
    KIND_NOUNS,
    NOUN_AFTER,
    NOUN_BEFORE,
    guess_kind,
)
from generator.draft.names import (
    DETERMINERS,
    NOT_NAMES,
    acronym_letters,
    canonical,
    first_word,
    initials,
    shortened_from,
    slugify,
    strip_determiner,
)
from generator.draft.phrases import OFFICES, PHRASE, TOKEN, NameReader
from generator.draft.places import dateline_places, is_actor_place, polity_cues
from generator.draft.references import fold_references
from generator.draft.usage import usage_of

_OFFICE = re.compile(
    rf"(?P<owner>{PHRASE.pattern})(?:['’]s|(?<=s)['’])\s+(?P<office>(?:[a-z-]+\s+){{0,2}}(?:{OFFICES}))\b"
)
_BODY_NOUNS = (
    r"ministry|embassy|mission|consulate|police|government|parliament|coalition|regulator|"
    r"customs service|security service|intelligence service|office"
)
_BODY_TAIL = rf"(?:\s+(?:to|in)\s+(?:the\s+)?{TOKEN}(?:\s+in\s+{TOKEN}(?:\s+{TOKEN})?)?)?"
# Bodies named by a common noun and their owner: "Veloria's foreign ministry", "Velorian police",
# "Tarnish embassy in Brussels", "Lower Tarn's mission to the U.N. in Geneva", "government of Veloria".
_OWNED_BODY = re.compile(
    rf"(?:(?<![\w.])(?:{TOKEN}\s+)?{TOKEN}['’]s|\b[A-Z][a-z]+(?:ian|ish|ese|ean|an))\s+"
    rf"(?:[a-z-]+\s+)?(?:{_BODY_NOUNS})\b(?:{_BODY_TAIL})"
    rf"|\b(?:government|embassy|ministry|parliament)\s+of\s+{TOKEN}(?:\s+{TOKEN})?"
    rf"(?:\s+in\s+{TOKEN})?"
)
SHORTENED_RECALL = (
    20  # a shortened name is looked for among this many actors sharing its first word
)
_APPOSITION = re.compile(r"\s*[,(]\s*(?:the\s+|a\s+|an\s+|its\s+)?")
_OFFICE_WORDS = (
    r"chief|minister|president|director|secretary|commissioner|judge|mayor|governor|chair|"
    r"spokes(?:man|woman|person)"
)
_TITLE_BEFORE = re.compile(rf"\b(?P<title>(?:[a-z-]+\s+){{0,2}}(?:{_OFFICE_WORDS})),\s+$")
_APPOSITIVE_TITLE = re.compile(
    r"\s*[,(]\s*(?:the\s+)?(?P<title>(?:[A-Za-z-]+\s+){0,3}?(?:chair|minister|president|"
    r"director|secretary|commissioner|judge|mayor|governor|spokes(?:man|woman|person))\b)",
    re.IGNORECASE,
)


@dataclass
class Candidate:
    """An actor the article mentions: a registry actor (``known``) or a proposed new one."""

    id: str
    name: str
    known: bool
    kind: str | None
    evidence: Sentence
    mentions: list[str] = field(default_factory=list)  # as written, in order of appearance
    long_form: str | None = None  # for an acronym, what it stands for
    noun: str | None = None  # what the article calls it: "consumer group Fair Signal" → "group"


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    surface: str
    actor_id: str | None  # None: not in the registry
    kind: str | None = None
    name: str | None = None  # the name the surface prints otherwise: "Kerr" for the label "MS KERR"

    @property
    def proper(self) -> str:
        return self.name or self.surface


@dataclass
class _Scan:
    """What the reading of an article's mentions has gathered so far."""

    by_id: dict[str, Candidate] = field(default_factory=dict)
    usage: dict[str, list[str]] = field(default_factory=lambda: collections.defaultdict(list))
    by_word: dict[str, list[Candidate]] = field(
        default_factory=lambda: collections.defaultdict(list)
    )  # where a shortened name finds the actor it shortens
    beside: dict[str, list[str]] = field(
        default_factory=lambda: collections.defaultdict(list)
    )  # names in apposition
    titles: dict[str, list[str]] = field(
        default_factory=lambda: collections.defaultdict(list)
    )  # "Ilona Varga, Chair of…"


class ActorFinder:
    """Finds the actors of one article, against one registry."""

    def __init__(
        self, registry: Iterable[Actor], article: Article, *, not_actors: Iterable[str] = ()
    ):
        self.article = article
        # The names of laws (whose first words look like a name) and every run of their first words:
        # a set, so that each phrase is looked up once, however many laws the article cites.
        self.not_actors = {
            " ".join(words[:n])
            for words in map(str.split, not_actors)
            for n in range(1, len(words) + 1)
        }
        self._mentions: dict[str, list[_Mention]] = {}
        self.merged: dict[str, str] = {}  # proposed id of a shortened name → the actor it shortens
        self.article_places = dateline_places(article)
        self.polities = polity_cues(article.text)  # "Velorian", "Veloria's foreign ministry"
        self.registry = {actor.id: actor for actor in registry}
        self.reader = NameReader(article, self.not_actors, self.long_form_of)
        self.long_forms = self._long_forms()  # "nato" → "North Atlantic Treaty Organization"
        self.acronyms = {letters: canonical(long, {}) for letters, long in self.long_forms.items()}
        self.lookup = {
            canonical(form, self.acronyms): actor.id
            for actor in self.registry.values()
            for form in (actor.name, *actor.aliases)
        }
        self.patterns = [
            (_form_pattern(variant), actor.id)
            for actor in self.registry.values()
            for form in {actor.name, *actor.aliases}
            for variant in self._variants(form)
        ]

    def _long_forms(self) -> dict[str, str]:
        """Acronyms (of the article or the registry) whose long form is also there, matched by initials."""
        phrases = [
            strip_determiner(m.group())
            for s in self.article.sentences
            for m in PHRASE.finditer(s.text)
        ]
        phrases += [
            form for actor in self.registry.values() for form in (actor.name, *actor.aliases)
        ]
        by_initials: dict[str, str] = {}
        for phrase in phrases:
            if len(phrase.split()) >= 2:
                by_initials.setdefault(initials(phrase), phrase)
        used = {acronym_letters(token) for phrase in phrases for token in phrase.split()}
        return {
            letters.casefold(): by_initials[letters] for letters in used if letters in by_initials
        }

    def long_form_of(self, surface: str) -> str | None:
        letters = acronym_letters(surface)
        return self.long_forms.get(letters.casefold()) if letters else None

    def _variants(self, form: str) -> set[str]:
        """The form, with its acronyms spelt out ("EU digital chief" → "European Union digital chief"),
        and its acronym when the form is a long form."""
        spelt_out = " ".join(self.long_form_of(word) or word for word in form.split())
        acronyms = [
            letters.upper()
            for letters, long in self.acronyms.items()
            if long == canonical(form, {})
        ]
        return {form, spelt_out, *acronyms}

    # --- mentions ------------------------------------------------------------

    def mentions(self, sentence: Sentence) -> list[_Mention]:
        """Every actor mention in a sentence, in order; where mentions overlap, the longest wins
        ("U.S. Commerce Department" over the registry's "U.S."), a known actor on a tie."""
        # Actors, speakers and events ask about the same sentences: each text is searched once.
        if sentence.text not in self._mentions:
            self._mentions[sentence.text] = self._find_mentions(sentence.text)
        return self._mentions[sentence.text]

    def _find_mentions(self, text: str) -> list[_Mention]:
        found = [
            _Mention(m.start(), m.end(), m.group(), actor_id)
            for pattern, actor_id in self.patterns
            for m in pattern.finditer(text)
        ]
        for match in _OFFICE.finditer(text):
            surface = strip_determiner(match.group())
            actor_id = self.lookup.get(canonical(surface, self.acronyms))
            found.append(
                _Mention(match.end() - len(surface), match.end(), surface, actor_id, "role")
            )
        for match in _OWNED_BODY.finditer(text):
            surface = match.group()
            owner = re.split(r"['’]s\s|\s", surface)[0]
            if owner in NOT_NAMES or owner in DETERMINERS:
                continue  # "The foreign ministry": no owner
            actor_id = self.lookup.get(canonical(surface, self.acronyms))
            kind = guess_kind(surface)
            found.append(_Mention(match.start(), match.end(), surface, actor_id, kind))
        found += filter(
            None, (self._phrase_mention(text, match) for match in PHRASE.finditer(text))
        )
        return sorted(_without_overlaps(found), key=lambda m: m.start)

    def _phrase_mention(self, text: str, match: re.Match) -> _Mention | None:
        read = self.reader.read(text, match)
        if read is None:
            return None
        start, end, surface, name, kind = read
        actor_id = self.lookup.get(canonical(name or surface, self.acronyms))
        return _Mention(start, end, surface, actor_id, None if actor_id else kind, name)

    def kind_of(self, mention: _Mention) -> str | None:
        return self.registry[mention.actor_id].kind if mention.actor_id else mention.kind

    def speaker(self, phrase: str, sentence: Sentence) -> tuple[_Mention | None, _Mention | None]:
        """(the actor, the person) a speaker phrase names.

        "European Data Protection Board chair Andrea Jelinek" → the board and Andrea Jelinek;
        the actor is a body if one is named (a known one first), else an office, else the person.
        """
        found = self.mentions(Sentence(phrase, sentence.start, sentence.start + len(phrase)))
        by_kind = {"person": [], "role": [], "body": []}
        for mention in found:
            kind = self.kind_of(mention)
            by_kind[kind if kind in ("person", "role") else "body"].append(mention)
        bodies = sorted(by_kind["body"], key=lambda m: m.actor_id is None)
        actor = next(iter(bodies + by_kind["role"] + by_kind["person"]), None)
        return actor, next(iter(by_kind["person"]), None)

    def candidates(self) -> list[Candidate]:
        """The actors of the article, each once: later, shorter references ("Kestrel", "Lindqvist",
        "Commission") join the actor they shorten, and ``id_of`` answers with that actor's id."""
        scan = _Scan()
        for sentence in self.article.sentences:
            previous = None
            for mention in self.mentions(sentence):
                if sentence.start + mention.start < self.article.story_start:
                    continue  # the dateline's place: "LISBON, Feb 8 (Meridian Wire) -"
                if mention.kind == "role" and (owner := self._owner(sentence.text, mention)):
                    self._take(owner, sentence, scan)  # "Kestrel's chief executive": Kestrel
                candidate = self._take(mention, sentence, scan)
                if title := _APPOSITIVE_TITLE.match(sentence.text, mention.end):
                    scan.titles[candidate.id].append(title["title"])
                if candidate.kind == "person" and (
                    title := _TITLE_BEFORE.search(sentence.text, 0, mention.start)
                ):
                    scan.titles[candidate.id].append(title["title"])  # "the digital chief, Piet…"
                if previous and _APPOSITION.fullmatch(
                    sentence.text, previous[0].end, mention.start
                ):
                    scan.beside[previous[1].id].append(candidate.id)
                    scan.beside[candidate.id].append(previous[1].id)
                previous = (mention, candidate)
        by_id, usage = scan.by_id, scan.usage
        acts = lambda i: bool({"speaks", "acts"} & set(usage[i]))  # noqa: E731
        for folded_id, into_id in fold_references(by_id, scan.beside, scan.titles, acts).items():
            folded = by_id.pop(folded_id)
            self.merged[folded_id] = into_id or folded_id
            if into_id is not None:
                into = by_id[into_id]
                into.mentions += [m for m in folded.mentions if m not in into.mentions]
                usage[into_id] += usage[folded_id]
        return [c for c in by_id.values() if c.known or not self._not_an_actor(c, usage[c.id])]

    def _take(self, mention: _Mention, sentence: Sentence, scan: _Scan) -> Candidate:
        """The candidate a mention names, made or found, with the mention recorded on it."""
        candidate = scan.by_id.get(self.id_of(mention))
        if candidate is None and not mention.actor_id:
            word = "" if acronym_letters(mention.proper) else first_word(mention.proper)
            recent = scan.by_word[word][-SHORTENED_RECALL:]
            if word.endswith("s"):  # "the Greens" of "Green Renewal"
                recent = recent + scan.by_word[word[:-1]][-SHORTENED_RECALL:]
            candidate = shortened_from(mention.proper, recent, HEAD_WORDS)
            if candidate is not None:
                self.merged[self.id_of(mention)] = candidate.id
        if candidate is None:
            candidate = scan.by_id[self.id_of(mention)] = self._candidate(mention, sentence)
            for word in {"", *candidate.name.split()}:  # "": where acronyms look
                scan.by_word[first_word(word)].append(candidate)
        if mention.surface not in candidate.mentions:
            candidate.mentions.append(mention.surface)
        candidate.long_form = candidate.long_form or self.long_form_of(mention.surface)
        if not candidate.known and candidate.noun is None:
            self._describe(candidate, sentence.text, mention)
        scan.usage[candidate.id].append(usage_of(sentence.text, mention.start, mention.end))
        return candidate

    def _owner(self, text: str, office: _Mention) -> _Mention | None:
        """The owner of an office ("Kestrel's chief executive"), as a mention of its own."""
        match = PHRASE.match(text, office.start)
        return self._phrase_mention(text, match) if match else None

    def _not_an_actor(self, candidate: Candidate, usages: list[str]) -> bool:
        """A place only ever named as where things happen ("in Lisbon", the dateline's city), or an
        office only ever named beside the person who holds it ("Kestrel's chief executive, Daniel
        Okafor"): the draft has the place in its evidence and the person as the actor."""
        if candidate.kind == "role":
            return all(use == "beside-person" for use in usages)
        return not is_actor_place(
            candidate, usages, self.article_places, self.polities, shape_only=candidate.noun is None
        )

    def _describe(self, candidate: Candidate, text: str, mention: _Mention) -> None:
        """The common noun the article puts beside a name, and the kind it tells when the name
        tells none or only looks like a person's ("Health First")."""
        before = NOUN_BEFORE.search(text[max(0, mention.start - 40) : mention.start])
        after = NOUN_AFTER.match(text[mention.end : mention.end + 60])
        found = before or after
        if found and found["noun"].islower():  # "Civic Party, Aalto's…": a name's own word
            candidate.noun = found["noun"].casefold()
            told = KIND_NOUNS.get(candidate.noun)
            if candidate.kind in (None, "person") or told == "political-party":
                candidate.kind = told or candidate.kind  # "the Liberal Union party"
        elif COMPANY_AFTER.match(text[mention.end :]) and candidate.kind in (None, "person"):
            candidate.kind = "company"

    def id_of(self, mention: _Mention) -> str:
        if mention.actor_id:
            return mention.actor_id
        proposed = slugify(mention.name or self.long_form_of(mention.surface) or mention.surface)
        return self.merged.get(proposed, proposed)

    def _candidate(self, mention: _Mention, sentence: Sentence) -> Candidate:
        if mention.actor_id:
            actor = self.registry[mention.actor_id]
            return Candidate(actor.id, actor.name, True, actor.kind, sentence)
        name = mention.name or self.long_form_of(mention.surface) or mention.surface
        return Candidate(
            self.id_of(mention), name, False, mention.kind or guess_kind(name), sentence
        )


def _form_pattern(form: str) -> re.Pattern:
    words = [re.sub("['’]", "['’]", re.escape(word)) for word in form.split()]
    body = r"(?:['’]s)?\s+".join(words)
    flags = re.IGNORECASE if form[:1].islower() else 0
    return re.compile(rf"(?<![\w]){body}(?![\w])", flags)


def _without_overlaps(mentions: list[_Mention]) -> list[_Mention]:
    kept: list[_Mention] = []
    for mention in sorted(mentions, key=lambda m: (m.start - m.end, m.actor_id is None, m.start)):
        if not any(k.start < mention.end and mention.start < k.end for k in kept):
            kept.append(mention)
    return kept
