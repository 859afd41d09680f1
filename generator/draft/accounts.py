"""Competing accounts of one event: "X said the vessel was in its waters. Y gave a different
account: …", "Officials gave conflicting accounts of a shooting …".

A sentence that names another version ("a different account", "a third version", "conflicting
accounts") marks a dispute. The versions are told paragraph by paragraph, as news stories tell
them: from three paragraphs before the first such sentence to the paragraph of the last one, each
paragraph's first speaker (an actor named before "said", "described", "gave", "told"…) tells one
account, and one actor tells one account. A sentence that only announces the versions ("gave
conflicting accounts") tells none. The disputed event is the earliest dated event of those
paragraphs that has happened, within RECENT_DAYS of the article (news tells competing versions
of what just happened; an older date is a claim's); with fewer than two accounts, or no such
date, there is no dispute.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from generator.draft.actors import ActorFinder, Candidate
from generator.draft.article import Article, Sentence
from generator.draft.events import DatedEvent

RECENT_DAYS = 60  # news tells competing versions of what just happened: older dates are claims
PARAGRAPHS_BEFORE = 3  # a dispute's first version may come this many paragraphs before its cue
# "a different story" is left out: "the figures tell a different story" disputes no event
_VERSION = r"(?:accounts?|versions?|explanations?|narratives?)"
_ANOTHER_VERSION = re.compile(  # one more version, told by the sentence's subject
    rf"\b(?:a|an|its|their|his|her)\s+(?:own\s+)?(?:different|differing|second|third|fourth|"
    rf"rival|contrasting|opposite|another|conflicting|contradictory)\s+{_VERSION}"
    rf"|\banother\s+{_VERSION}|\b(?:disputed|contradicted|rejected)\s+(?:that|this|the)\s+{_VERSION}",
    re.IGNORECASE,
)
_VERSIONS_ANNOUNCED = re.compile(  # several versions, announced: no account of its own
    r"\b(?:conflicting|competing|contradictory|differing|different|rival|opposing)\s+"
    r"(?:accounts|versions|stories|explanations|narratives)\b",
    re.IGNORECASE,
)
_DEMONYM = re.compile(r"\b([A-Z][a-z]{2,}?)(?:ian|ish|ese|ean|an)\b")  # "Velorian" → "Velor"
_TELLING = re.compile(
    r"\b(?:said|says|say|told|tells|described|describes|gave|gives|insisted|insists|maintained|"
    r"maintains|claimed|claims|countered|counters|stated|states|denied|denies|argued|argues)\b"
)


@dataclass
class Account:
    actor: Candidate
    evidence: Sentence


@dataclass
class Dispute:
    date: str
    event: DatedEvent  # the event disputed (the earliest dated one of the paragraphs)
    accounts: list[Account]


def find_disputes(
    article: Article,
    finder: ActorFinder,
    candidates: list[Candidate],
    events: dict[int, list[DatedEvent]],
) -> list[Dispute]:
    """Disputed events; ``events`` are the article's dated events by their sentence's start."""
    paragraphs = _paragraphs(article)
    by_id = {c.id: c for c in candidates}
    disputes, end = [], -1
    for i, paragraph in enumerate(paragraphs):
        if i <= end or not any(_marks_versions(s.text) for s in paragraph):
            continue
        end = _last_cue(paragraphs, i)
        block = paragraphs[max(0, i - PARAGRAPHS_BEFORE) : end + 1]
        dispute = _dispute(block, finder, by_id, events, article.date)
        if dispute is not None:
            disputes.append(dispute)
    return disputes


def _marks_versions(text: str) -> bool:
    return bool(_ANOTHER_VERSION.search(text) or _VERSIONS_ANNOUNCED.search(text))


def _last_cue(paragraphs: list[list[Sentence]], first: int) -> int:
    """The last paragraph, of the few after ``first``, that still names another version."""
    last = first
    for j in range(first + 1, min(first + 4, len(paragraphs))):
        if any(_ANOTHER_VERSION.search(s.text) for s in paragraphs[j]):
            last = j
    return last


def _dispute(
    block: list[list[Sentence]],
    finder: ActorFinder,
    by_id: dict[str, Candidate],
    events: dict[int, list[DatedEvent]],
    article_date: str | None,
) -> Dispute | None:
    accounts: list[Account] = []
    for paragraph in block:
        account = _account(paragraph, finder, by_id)
        if account is not None and all(a.actor.id != account.actor.id for a in accounts):
            accounts.append(account)
    dated = [
        e
        for paragraph in block
        for s in paragraph
        for e in events.get(s.start, [])
        if e.status == "happened"
    ]
    if len(accounts) < 2 or not dated:
        return None
    event = min(dated, key=lambda e: (-len(e.date), e.date))  # the most precise, then earliest
    return Dispute(event.date, event, accounts) if _recent(event.date, article_date) else None


def _recent(date: str, article_date: str | None) -> bool:
    """Whether a date is within RECENT_DAYS before the article's day (when both are days)."""
    if not article_date or len(article_date) != 10 or len(date) != 10:
        return len(date) >= 7  # a month at least: a bare year is a claim's, not an event's
    delta = datetime.date.fromisoformat(article_date) - datetime.date.fromisoformat(date)
    return 0 <= delta.days <= RECENT_DAYS


def _account(
    paragraph: list[Sentence], finder: ActorFinder, by_id: dict[str, Candidate]
) -> Account | None:
    """The paragraph's first teller: the actor named before the verb of telling."""
    for sentence in paragraph:
        if _VERSIONS_ANNOUNCED.search(sentence.text) and not _ANOTHER_VERSION.search(sentence.text):
            continue  # "gave conflicting accounts": the versions follow
        verb = _TELLING.search(_outside_quotes(sentence.text))
        if verb is None:
            continue
        for mention in finder.mentions(sentence):
            if mention.start >= verb.start():
                break
            actor = by_id.get(finder.id_of(mention))
            if actor is not None and actor.kind != "role":
                return Account(actor, sentence)
        state = _state_of_demonym(sentence.text[: verb.start()], by_id.values())
        if state is not None:  # "The Velorian coast guard said": Veloria's account
            return Account(state, sentence)
    return None


def _state_of_demonym(text: str, candidates) -> Candidate | None:
    """The country a demonym names ("Velorian" → Veloria): the shortest name with a word so
    begun, of an actor that is no person."""
    for stem in _DEMONYM.findall(text):
        named = [
            c
            for c in candidates
            if c.kind not in ("person", "role") and any(w.startswith(stem) for w in c.name.split())
        ]
        if named:
            return min(named, key=lambda c: len(c.name))
    return None


def _outside_quotes(text: str) -> str:
    """The text with quoted words blanked (same length): a verb inside a quotation tells nothing."""
    return re.sub(r"[“\"][^”\"]*[”\"]", lambda m: " " * len(m.group()), text)


def _paragraphs(article: Article) -> list[list[Sentence]]:
    """The story's sentences, grouped by paragraph (a blank line between paragraphs)."""
    paragraphs: list[list[Sentence]] = []
    previous_end = None
    for sentence in article.sentences:
        if sentence.start < article.story_start and sentence.end <= article.story_start:
            continue
        between = (
            article.text[previous_end : sentence.start] if previous_end is not None else "\n\n"
        )
        if "\n\n" in between or not paragraphs:
            paragraphs.append([])
        paragraphs[-1].append(sentence)
        previous_end = sentence.end
    return paragraphs
