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
    ("court", _words("Court Tribunal")),
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
            "Centre Committee Directorate Guard Coastguard Ombudsman Treasury Secretariat "
            "ministry government police service office regulator agency"
        ),
    ),
    ("ngo", _words("Foundation Institute Watch International Center Centre Trust Rights")),
    (
        "media",
        _words(
            "News Times Post Journal Press Reuters Bloomberg Gazette Herald Courier Review "
            "Tribune Daily Wire Chronicle Observer Telegraph Broadcasting Radio Television"
        ),
    ),
    ("other", _words("University College School Hospital")),
]
# Political parties are named by their creed and a word for a group: "Green Renewal", "Liberal
# Centre", "Social Democratic Union", "National Alliance".
_CREEDS = _words(
    "Liberal Conservative Democratic Democrats Social Socialist Christian Green Greens Labour "
    "Labor Progressive Republican National Nationalist People's Popular Freedom Communist "
    "Reform Renewal Independence Pirate Left Right Civic Radical Patriotic Unity Solidarity"
)
_PARTY_HEADS = _words(
    "Party Union Centre Center Alliance Renewal Front Movement League Left Bloc Platform "
    "Democrats Socialists Greens Forward Coalition"
)
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
    **dict.fromkeys(
        ("newspaper", "broadcaster", "site", "outlet", "magazine", "website", "paper"), "media"
    ),
    **dict.fromkeys(("coalition", "alliance"), "coalition"),
}
NOUN_BEFORE = re.compile(rf"\b(?P<noun>{'|'.join(KIND_NOUNS)}),?\s+$", re.IGNORECASE)
NOUN_AFTER = re.compile(
    rf"^,\s+(?:the|a|an|its|[A-Z][\w-]*['’]s)\s+(?:[\w-]+\s+){{0,3}}?"
    rf"(?P<noun>{'|'.join(KIND_NOUNS)})\b(?!['’])"
)
# What is said of a company alone: "Nordbank shares fell", "Kestrel's shareholders".
COMPANY_AFTER = re.compile(r"^(?:['’]s)?\s+(?:shares|stock|shareholders|share price)\b")
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
    **dict.fromkeys(
        ("directorate", "department", "bureau", "watchdog", "board"), {"government-body"}
    ),
    **dict.fromkeys(("trust", "charity", "institute"), {"ngo"}),
    "university": {"other"},
}


@functools.lru_cache(maxsize=4096)  # pycountry's lookup is slow, and names repeat
def guess_kind(name: str) -> str | None:
    words = name.split()
    head = re.split(r"\s+(?:of|for|to|on|in)\s+", name)[0].split()[-1:]  # "Court of Auditors"
    if _is_party(words):
        return "political-party"
    if re.fullmatch(r"[A-Z][a-z]+(?:an|ic)\s+Union", name):
        return "supranational-union"  # "Atlantic Union", "African Union"
    if re.match(r"(?:U\.?N\.?|United Nations)\s", name) or _part_of_international(name, head):
        return "intergovernmental-organisation"
    if head == ["Bank"]:
        return _bank_kind(name)
    if head == ["Chamber"]:
        return _chamber_kind(name)
    for group in (head, words):
        for kind, markers in KIND_WORDS:
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


def _bank_kind(name: str) -> str:
    """A central bank is a government body, a development bank an intergovernmental one."""
    if re.search(r"\b(?:Central|National|Reserve)\s+Bank\b|^Bank\s+of\b", name):
        return "government-body"
    if re.search(r"\b(?:Development|Investment|Reconstruction)\s+Bank\b", name):
        return "intergovernmental-organisation"
    return "company"


def _is_party(words: list[str]) -> bool:
    return (
        2 <= len(words) <= 4
        and words[-1] in _PARTY_HEADS
        and all(word in _CREEDS for word in words[:-1])
    )


def _part_of_international(name: str, head: list[str]) -> bool:
    """A mission or office of an international body is part of it: "Border Monitoring Mission of
    the Atlantic Union"."""
    owner = re.search(r"\s+of\s+the\s+(?P<owner>.+)$", name)
    return bool(
        owner
        and head
        and head[0] in _words("Mission Office Delegation Secretariat Committee")
        and guess_kind(owner["owner"]) in ("intergovernmental-organisation", "supranational-union")
    )


def _chamber_kind(name: str) -> str:
    """A chamber of commerce is a trade association, of deputies a legislature, else a court's."""
    if re.search(r"\bof\s+(?:Commerce|Industry|Trade|Crafts|Agriculture|Shipping)\b", name):
        return "trade-association"
    if re.search(r"\bof\s+(?:Deputies|Representatives|Commons|Lords)\b", name):
        return "legislature"
    return "court"  # "Grand Chamber", "Appeals Chamber"
