"""What sort of actor a name stands for (an ActorKind, or court, legislature, coalition,
political-party, trade-association): told by its head word ("Court of Auditors"), its other
words ("Kestrel Networks Ltd."), the common noun the article puts beside it ("consumer group
Fair Signal"), or the country names pycountry knows."""

from __future__ import annotations

import functools
import re

import pycountry


def _words(text: str) -> set[str]:
    return set(text.split())


DEMONYM_ENDINGS = "(?:ese|ian|ean|ish|an|ch|i)"
DEMONYM = re.compile(rf"^[A-Z][a-z]+{DEMONYM_ENDINGS}$")
# Name words that tell an actor's kind, most telling first ("Court of Auditors" is a court,
# "Association of Hospital Directors" a trade association, "Democratic Front party" a party).
KIND_WORDS = [
    ("court", _words("Court Tribunal Chamber")),
    ("political-party", _words("Party Front Greens")),
    (
        "diplomatic-mission",
        _words("Mission Embassy Consulate Delegation mission embassy consulate"),
    ),
    ("legislature", _words("Parliament Assembly Congress Senate parliament Bundestag")),
    (
        "trade-association",
        _words("Association Federation Chamber Union Sindicato Producers Operators"),
    ),
    ("coalition", _words("Coalition coalition")),
    (
        "company",
        _words(
            "Co Co. Inc Inc. Ltd Ltd. Corp Corp. Technologies Telecom Group Holdings Motors "
            "Airlines Networks Systems Securities Capital Biotech Rail plc PLC GmbH SA AG AB NV BV "
            "ASA Oy SpA LLC Banco Seafood Logistics Freight Energy Pharma Shipping"
        ),
    ),
    ("intergovernmental-organisation", _words("Organization Organisation Nations Fund")),
    (
        "government-body",
        _words(
            "Department Ministry Commission Agency Council Office Authority Administration "
            "Cabinet Bureau Service Government Police Army Navy Board Regulator Inspectorate "
            "Centre Committee ministry government police service office regulator agency"
        ),
    ),
    ("ngo", _words("Foundation Institute Watch International Center Centre Citizens")),
    (
        "media",
        _words(
            "News Times Post Journal Press Reuters Bloomberg Gazette Herald Courier Review "
            "Tribune Daily Wire Chronicle Observer Telegraph Broadcasting Radio Television"
        ),
    ),
    ("other", _words("University College School Hospital")),
]
HEAD_WORDS = set().union(*(markers for _, markers in KIND_WORDS))
# Nouns the article puts beside a name ("consumer group Fair Signal", "Nordbank, the lender"):
# the actor's kind when its name has no telling word.
KIND_NOUNS = {
    "party": "political-party",
    "opposition": "political-party",
    **dict.fromkeys(("group", "charity", "campaigners", "ngo", "foundation"), "ngo"),
    **dict.fromkeys(("union", "association", "lobby"), "trade-association"),
    **dict.fromkeys(
        "company firm operator provider lender bank carrier maker manufacturer insurer rival "
        "broker".split(),
        "company",
    ),
    **dict.fromkeys(("regulator", "agency", "ministry"), "government-body"),
    **dict.fromkeys(("newspaper", "broadcaster"), "media"),
    **dict.fromkeys(("coalition", "alliance"), "coalition"),
}
NOUN_BEFORE = re.compile(rf"\b(?P<noun>{'|'.join(KIND_NOUNS)})\s+$", re.IGNORECASE)
NOUN_AFTER = re.compile(
    rf"^,\s+(?:the|a|an|its)\s+(?:[\w-]+\s+){{0,3}}?(?P<noun>{'|'.join(KIND_NOUNS)})\b(?!['’])"
)
# The kinds of body a common noun may refer back to ("the embassy", "the group's chair").
BODY_NOUN_KINDS = {
    "embassy": {"diplomatic-mission"},
    "mission": {"diplomatic-mission", "intergovernmental-organisation"},
    "court": {"court"},
    "judges": {"court"},
    "tribunal": {"court"},
    "company": {"company"},
    "firm": {"company"},
    "bank": {"company", "government-body"},
    "group": {"ngo", "company", "coalition"},
    "party": {"political-party"},
    "coalition": {"coalition"},
    "union": {"trade-association"},
    "association": {"trade-association"},
    "federation": {"trade-association"},
    "alliance": {"coalition", "political-party", "trade-association"},
    "chamber": {"trade-association"},
    "ministry": {"government-body"},
    "government": {"government-body", "state"},
    "agency": {"government-body"},
    "authority": {"government-body"},
    "regulator": {"government-body"},
    "commission": {"government-body"},
    "office": {"government-body"},
    "service": {"government-body"},
    "police": {"government-body"},
    "council": {"government-body", "intergovernmental-organisation"},
    "parliament": {"legislature"},
    "committee": {"legislature"},
    "foundation": {"ngo"},
    "organisation": {"ngo", "intergovernmental-organisation"},
    "organization": {"ngo"},
    "operator": {"company"},
    "provider": {"company"},
    "lender": {"company"},
    "fund": {"company"},
}


@functools.lru_cache(maxsize=4096)  # pycountry's lookup is slow, and names repeat
def guess_kind(name: str) -> str | None:
    words = name.split()
    head = re.split(r"\s+(?:of|for|to|on|in)\s+", name)[0].split()[-1:]  # "Court of Auditors"
    for group in (head, words):
        for kind, markers in KIND_WORDS:
            if any(word in markers for word in group):
                return kind
    if head == ["Bank"]:
        return _bank_kind(name)
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


def _bank_kind(name: str) -> str:
    """A central bank is a government body, a development bank an intergovernmental one."""
    if re.search(r"\b(?:Central|National|Reserve)\s+Bank\b|^Bank\s+of\b", name):
        return "government-body"
    if re.search(r"\b(?:Development|Investment|Reconstruction)\s+Bank\b", name):
        return "intergovernmental-organisation"
    return "company"
