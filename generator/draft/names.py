"""Names of actors: which capitalised words are no name, how two spellings of one name compare,
and which later, shorter reference ("Kestrel", "Lindqvist", "the Commission") an earlier name
stands behind."""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.draft.actors import Candidate

CONNECTORS = {"of", "the", "and", "for", "to", "on", "de", "in"}
DETERMINERS = set("The A An This That These Those His Her Its Their Our".split())
TIME_WORDS = (
    "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|"
    "June|July|August|September|October|November|December"
)
# Capitalised words that are no name by themselves: pronouns, conjunctions, prepositions,
# adverbs, salutations, references to a text, and the calendar.
NOT_NAMES = {
    *"He She It They We I You But And Or Due In On At As If When While After Before Since".split(),
    *"Although However Also Some Many Such Other Both Each Every All Any No Not For From".split(),
    *"With By To Of Article Articles Section Chapter Today Yesterday".split(),
    *"Tomorrow Earlier Later Last Next Under Between During Until Tonight Here There".split(),
    *"What Which Who Where Why How My Your Let Yes Thank Good Please About".split(),
    *"Nobody Everybody Everyone Anyone Anybody Someone Somebody Nothing Everything None".split(),
    *TIME_WORDS.split("|"),
    *"Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split(),
}
# A name ending in one of these is an instrument or a policy, not an actor.
NOT_ACTOR_NOUNS = set(
    "Law Act Regulation Directive Code Treaty Convention Decree Ordinance Statute Constitution "
    "Bill Framework Agreement Accord Pact Plan Programme Program Initiative Strategy Shield Deal "
    "Protocol Charter Rules Review Report Summit Conference".split()
)
# Plurals for many people or things at once ("Officials said"): no one actor.
GENERIC_PLURALS = set(
    "officials analysts critics ministers diplomats lawmakers experts investors economists "
    "residents officers sources negotiators campaigners plans talks members leaders governments "
    "regulators companies unions".split()
)
NAME_SUFFIXES = set(
    "Ltd Ltd. Inc Inc. Co Co. Corp Corp. plc PLC LLC GmbH SA AG AB NV BV ASA Oy SpA Group Holdings".split()
)
SUFFIX_WITH_DOT = {"Co", "Inc", "Ltd", "Corp", "Jr", "Sr"}
# Words that open a question ("Will Kestrel's merger be delayed?"): not the first word of a name.
QUESTION_OPENERS = set(
    "Will Did Does Do Can Could Should Would Is Are Has Have Was Were Shall".split()
)
# A transcript's speaker label, as printed before the colon: "MS KERR:", "THE CHAIR:".
HONORIFICS = re.compile(
    r"^(?:THE\s+)?(?:MR|MS|MRS|DR|DEPUTY|SENATOR|MINISTER|PROF|CHAIR)\.?\s+", re.IGNORECASE
)


def label_name(label: str) -> str:
    """The name a speaker label prints in capitals: "MS KERR" → "Kerr", "THE CHAIR" → "Chair"."""
    label = re.sub(r"^THE\s+", "", HONORIFICS.sub("", label), flags=re.IGNORECASE)
    return label.split("(")[0].strip().title() or label.title()


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
        word[0] for word in phrase.split() if word not in CONNECTORS and word[0].isupper()
    )


def acronym_letters(token: str) -> str | None:
    letters = token.replace(".", "")
    return letters if 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper() else None


def strip_determiner(surface: str) -> str:
    first, _, rest = surface.partition(" ")
    return rest if first in DETERMINERS and rest else surface


@functools.lru_cache(maxsize=4096)  # ids are asked for again and again
def slugify(name: str) -> str:
    name = re.sub(r"['’]s\b", "", name).replace(".", "")
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_name.casefold())
    if words and words[0] == "the":
        words = words[1:]
    return "-".join(words)[:80].strip("-") or "actor"


def first_word(surface: str) -> str:
    return surface.replace("’", "'").removesuffix("'s").split()[0] if surface.split() else ""


def shortened_from(
    surface: str, actors: Iterable[Candidate], head_words: set[str]
) -> Candidate | None:
    """The one earlier actor that ``surface`` shortens: a person's surname or first name
    ("Lindqvist", "Clara"), a company's first words ("Kestrel", "Kestrel Networks" for "Kestrel
    Networks Ltd."), a body's head word or its words before "of" ("Commission" for "European
    Commission", "Fisheries Directorate" for "Fisheries Directorate of Norland"), its name without
    an owner in front ("Human Rights Council" for "U.N. Human Rights Council"), or its acronym
    ("CDM" for "Commission for Digital Markets"); None when none or several fit."""
    words = surface.replace("’", "'").removesuffix("'s").split()
    if not words:
        return None
    fits = [actor for actor in actors if not actor.known and _shortens(words, actor, head_words)]
    return fits[0] if len(set(map(id, fits))) == 1 else None


def _shortens(words: list[str], actor: Candidate, head_words: set[str]) -> bool:
    # The cheap tests first: this runs for every new name against the recent actors.
    if len(words) == 1 and (letters := acronym_letters(words[0])):
        return actor.kind != "person" and any(
            _initials_hold(letters, n.split()) for n in (actor.name, *actor.mentions)
        )
    if actor.kind == "person" and len(words) > 1:
        return False
    # what must be written in the actor's name: "Green" for "Greens", "Kestrel Networks"
    held = words[0].removesuffix("s") if len(words) == 1 else " ".join(words)
    if held not in actor.name and not any(held in name for name in actor.mentions):
        return False
    if any(w.isupper() and len(w) > 1 for w in words):
        return False  # a label in capitals is read by label_name first
    names = [n.split() for n in (actor.name, *actor.mentions)]
    if actor.kind == "person":
        return any(len(n) > 1 and words[0] in (n[0], n[-1]) for n in names)
    if actor.kind == "political-party":
        return len(words) == 1 and words[0] == names[0][0] + "s"  # "the Greens": "Green Renewal"
    bare = [w for w in words if w not in NAME_SUFFIXES]
    if actor.kind == "company" or any(n[-1] in NAME_SUFFIXES for n in names):
        return any(len(n) > len(bare) and n[: len(bare)] == bare for n in names) or any(
            [w for w in n if w not in NAME_SUFFIXES] == bare for n in names
        )
    for name in names:
        before_of = list(itertools.takewhile(lambda w: w not in CONNECTORS, name))
        if len(words) == 1 and words[0] in head_words and len(name) > 1:
            if words[0] == before_of[-1]:
                return True  # "Commission" of "European Commission", "Commission for Digital…"
        elif len(before_of) < len(name) and words == before_of:
            return True  # "Fisheries Directorate" of "Fisheries Directorate of Norland"
        elif len(before_of) == len(name) > len(words) > 1 and name[-len(words) :] == words:
            return True  # "Human Rights Council" of "U.N. Human Rights Council"
    return False


def _initials_hold(letters: str, name: list[str]) -> bool:
    """Whether an acronym is made of the initials of a run of a name's words: "NHA" of "National
    Hospitals Agency", "SPB" of "Tarnish State Protection Bureau"."""
    held = initials(" ".join(name))
    return held == letters or (len(letters) >= 3 and letters in held)


# Words that make the title before a person's name ("Finance Minister Stefan Wik", "Judge Miriam
# Castell", "Dr. Ruth Okonjo"); the capitalised words before the last of them belong to the title.
TITLE_WORDS = set(
    "Head Minister President Commissioner Chancellor Secretary Governor Mayor Judge Justice Senator "
    "Deputy Councillor Councilor Chair Chairman Chairwoman Chairperson Director Ambassador Envoy "
    "Professor Prof Dr Mr Ms Mrs General Colonel Captain King Queen Prince Princess Sheikh Bishop "
    "Speaker Inspector Commander Admiral Skipper Premier Spokesman Spokeswoman Prosecutor".split()
)
_NAME_WORD = re.compile(r"^[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*$")


def split_title(surface: str) -> tuple[str, str] | None:
    """(title, name) of a titled person: "Prime Minister Ingrid Falk" → ("Prime Minister",
    "Ingrid Falk"); None when the surface is no title followed by a name."""
    words = surface.split()
    last = max((i for i, w in enumerate(words) if w.rstrip(".") in TITLE_WORDS), default=None)
    if last is None or any(w in CONNECTORS for w in words[: last + 1]):
        return None
    name = words[last + 1 :]
    if not 1 <= len(name) <= 3 or not all(_NAME_WORD.match(w) for w in name):
        return None
    return " ".join(words[: last + 1]), " ".join(name)


def is_title(surface: str) -> bool:
    """An office named by its title alone: "Prime Minister", "Chair", "Minister of Defence"."""
    head = re.split(r"\s+(?:of|for)\s+", surface)[0].split()
    return bool(head) and len(head) <= 4 and head[-1].rstrip(".") in TITLE_WORDS
