"""How good is ``briefing draft``? Score it on the development corpus, field by field.

    python -m bench.draft_score                # every article of tests/draft_corpus/, a table
    python -m bench.draft_score --json         # the same figures (and every miss) as JSON
    python -m bench.draft_score -v NAME…       # some articles, each miss listed under the table

Each article ``NAME.txt`` has beside it ``NAME.expected.yaml`` (its format: the corpus's
README.md). The real drafter (``generator.draft.brief.make_draft``, with an empty actor registry:
the articles are fiction) drafts each article, and the draft is compared with the
expectation. Matching is tolerant where wording may differ without harm (quotation marks,
whitespace, an actor named by any of its aliases) and strict where the analyst would
have to correct it (the speaker's actor, a date's precision, a law's year and provisions).

Exit status: 0 scored, 1 the drafter failed on an article (it is scored as an empty draft),
2 bad expected files or names (each reported as ``file:line:col: message``).
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator

from generator.content.corpus import Corpus
from generator.content.dates import parse_partial_date
from generator.content.models import ActorKind
from generator.content.problems import Problem
from generator.content.yamlfile import read_yaml
from generator.draft.brief import Draft, make_draft

CORPUS_DIR = Path(__file__).resolve().parents[1] / "tests" / "draft_corpus"

ACTOR_KINDS = sorted(
    {kind.value for kind in ActorKind}
    | {"court", "legislature", "coalition", "political-party", "trade-association"}
)
EVENT_STATUSES = ("happened", "scheduled", "deadline", "expected", "cancelled", "postponed")
STANCES = ("supports", "opposes", "mixed", "neutral", "unclear")
QUOTE_SIMILARITY = (
    0.9  # a drafted quote this alike (difflib ratio) to an expected one is the same quotation
)


# --- the expected-extraction file -------------------------------------------------------


def _partial_date(value: object) -> str:
    value = str(value)
    parse_partial_date(value)  # raises ValueError with the reason
    return value


PartialDate = Annotated[str | int, AfterValidator(_partial_date)]
Text = Annotated[str, Field(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ExpectedActor(_Strict):
    key: Text
    name: Text
    kind: Literal[tuple(ACTOR_KINDS)]  # type: ignore[valid-type]
    aliases: list[Text] = Field(
        default_factory=list
    )  # other ways the article names it: "Varga", "the official"

    def forms(self) -> set[str]:
        return {normal_name(form) for form in (self.name, *self.aliases)}


class ExpectedStatement(_Strict):
    quote: Text  # verbatim, between one pair of quotation marks
    speaker: Text  # an actor key, or "anonymous"
    for_: Text | None = Field(
        None, alias="for"
    )  # the body a person or an anonymous source speaks for
    reason: Text | None = None  # an anonymous source: why, in the article's words
    date: PartialDate | None = None
    stance: Literal[STANCES] | None = None  # type: ignore[valid-type]  # where the stance changes
    transcript: bool = False  # an answer in a transcript, without quotation marks: `quote` is a
    # part of it (a drafted statement holding these words, as the answer's, is the same)

    @model_validator(mode="after")
    def _reason_for_anonymous(self):
        if (self.speaker == "anonymous") != (self.reason is not None):
            raise ValueError("a reason is given exactly when the speaker is anonymous")
        return self

    def linkable_keys(self) -> set[str]:
        """Actors a position may rightly hold this statement under: the speaker or the body spoken for."""
        return {key for key in (self.speaker, self.for_) if key and key != "anonymous"}


class ExpectedEvent(_Strict):
    date: PartialDate
    phrase: Text  # the article's words that give the date
    status: Literal[EVENT_STATUSES] = "happened"  # type: ignore[valid-type]


class ExpectedAccount(_Strict):
    by: list[Text] = Field(min_length=1)  # actor keys: a drafted account under any is this one


class ExpectedDispute(_Strict):
    """An event the article reports in competing versions (an event's `accounts`)."""

    date: PartialDate
    accounts: list[ExpectedAccount] = Field(min_length=2)


class ExpectedStanceChange(_Strict):
    """An actor whose stance changes: its statements before and after, dated, with their stances."""

    actor: list[Text] = Field(min_length=1)  # actor keys: the body, and the person speaking for it
    from_: Literal[STANCES] = Field(alias="from")  # type: ignore[valid-type]
    to: Literal[STANCES]  # type: ignore[valid-type]
    date: PartialDate  # when the new stance was first stated


class ExpectedLegal(_Strict):
    title: Text
    aliases: list[Text] = Field(default_factory=list)
    year: int | None = None
    provisions: list[Text] = Field(
        default_factory=list
    )  # as printed: "Article 7", "Section 121(2)"


class Expected(_Strict):
    author: Text | None = None
    date: PartialDate
    actors: list[ExpectedActor]
    not_actors: list[Text] = Field(default_factory=list)
    statements: list[ExpectedStatement] = Field(default_factory=list)
    scare_quotes: list[Text] = Field(default_factory=list)
    events: list[ExpectedEvent] = Field(default_factory=list)
    legal: list[ExpectedLegal] = Field(default_factory=list)
    disputes: list[ExpectedDispute] = Field(default_factory=list)
    stance_changes: list[ExpectedStanceChange] = Field(default_factory=list)

    def actor(self, key: str) -> ExpectedActor:
        return next(actor for actor in self.actors if actor.key == key)


def load_expected(path: Path) -> tuple[Expected | None, list[Problem]]:
    yaml_file = read_yaml(path)
    if yaml_file.problems:
        return None, yaml_file.problems
    try:
        expected = Expected.model_validate(yaml_file.data)
    except ValidationError as exc:
        return None, [_problem(yaml_file, error) for error in exc.errors(include_url=False)]
    problems = _unknown_keys(yaml_file, expected)
    return (None if problems else expected), problems


def _problem(yaml_file, error: dict) -> Problem:
    loc = tuple(
        step
        for step in error["loc"]
        if not (isinstance(step, str) and step.startswith(("function-", "Literal")))
    )
    where = ".".join(map(str, loc))
    if error["type"] == "extra_forbidden":
        return yaml_file.problem(loc, f"unknown field '{loc[-1]}'", at_key=True)
    message = error["msg"].removeprefix("Value error, ")
    return yaml_file.problem(loc, f"{where}: {message}" if where else message)


def _unknown_keys(yaml_file, expected: Expected) -> list[Problem]:
    """Actor keys used twice, and statements whose speaker is no actor of the file."""
    keys = [actor.key for actor in expected.actors]
    problems = [
        yaml_file.problem(("actors", i, "key"), f"actor key '{key}' is used twice")
        for i, key in enumerate(keys)
        if key in keys[:i]
    ]
    for i, statement in enumerate(expected.statements):
        for field_name, key in (("speaker", statement.speaker), ("for", statement.for_)):
            if key and key != "anonymous" and key not in keys:
                problems.append(
                    yaml_file.problem(("statements", i, field_name), f"unknown actor key '{key}'")
                )
    places = [
        (("disputes", i, "accounts", j, "by"), account.by)
        for i, dispute in enumerate(expected.disputes)
        for j, account in enumerate(dispute.accounts)
    ] + [
        (("stance_changes", i, "actor"), change.actor)
        for i, change in enumerate(expected.stance_changes)
    ]
    for loc, names in places:
        problems += [
            yaml_file.problem(loc, f"unknown actor key '{key}'") for key in names if key not in keys
        ]
    return problems


# --- what a draft holds, in the terms of the expected file ------------------------------
# The one place that knows the drafter's data model: change it when the drafter changes.


@dataclass
class DraftedStatement:
    quote: str
    actor_forms: set[
        str
    ]  # the position's actor, by every name the draft gives it (empty: no actor)
    actor_kind: str | None
    attribution: str | None
    name: str | None
    reason: str | None
    actor_label: str | None = None  # the position's actor as the draft names it
    stance: str | None = None  # the statement's own stance, when the draft gives one
    date: str | None = None
    answer: bool = False  # a transcript answer (no quotation marks)


@dataclass
class DraftedActor:
    forms: set[str]  # its name, long form and mentions, normalised
    label: str
    kind: str | None


@dataclass
class DraftedLegal:
    title: str
    year: int | None
    provisions: set[str]


@dataclass
class DraftedPosition:
    forms: set[str]  # its actor's names
    steps: list[tuple[str, str | None]]  # (stance, date) of each stance change, in date order


@dataclass
class DraftedDispute:
    date: str
    accounts: list[set[str]]  # each account's actor, by its names (empty: no actor)


@dataclass
class Drafted:
    author: str | None = None
    date: str | None = None
    statements: list[DraftedStatement] = field(default_factory=list)
    actors: list[DraftedActor] = field(default_factory=list)
    events: list[tuple[str, str | None]] = field(default_factory=list)  # (date, status)
    legal: list[DraftedLegal] = field(default_factory=list)
    positions: list[DraftedPosition] = field(default_factory=list)
    disputes: list[DraftedDispute] = field(default_factory=list)


def drafted(draft: Draft) -> Drafted:
    actors = {
        c.id: DraftedActor(_forms(c.name, c.long_form, *c.mentions), c.name, c.kind)
        for c in draft.candidates
    }
    statements, positions = [], []
    for position in draft.positions:
        actor = actors.get(position.actor_id or position.proposed_id or "")
        forms = actor.forms if actor else set()
        for s in position.statements:
            if s.quote is None:  # a paraphrase: no quotation, but a step of the stances
                continue
            statements.append(
                DraftedStatement(
                    s.quote,
                    forms,
                    actor.kind if actor else None,
                    s.attribution_kind,
                    s.name,
                    s.reason,
                    actor.label if actor else None,
                    getattr(s, "stance", None),
                    _text(getattr(s, "date", None)),
                    getattr(s, "answer", False),
                )
            )
        positions.append(DraftedPosition(forms, _steps(position.statements)))
    disputes = [
        DraftedDispute(
            str(e.date),
            [
                actors[a.actor_id].forms if a.actor_id in actors else set()
                for a in getattr(e, "accounts", [])
            ],
        )
        for e in draft.events
        if getattr(e, "accounts", None)
    ]
    article = draft.article
    return Drafted(
        author=getattr(draft, "author", None) or getattr(article, "author", None),
        date=_text(getattr(draft, "date", None) or getattr(article, "date", None) or article.year),
        statements=statements,
        actors=list(actors.values()),
        events=[(str(e.date), getattr(e, "status", None)) for e in draft.events],
        legal=[
            DraftedLegal(m.name, m.year, {_provision(p) for p in _provisions(m)})
            for m in draft.legal
        ],
        positions=positions,
        disputes=disputes,
    )


def _steps(statements) -> list[tuple[str, str | None]]:
    """A position's stances in date order, one step per change (statements without a stance or a
    date take no part: a position with one stance has one step or none)."""
    dated = sorted(
        (str(s.date), s.stance)
        for s in statements
        if getattr(s, "stance", None) and getattr(s, "date", None)
    )
    steps: list[tuple[str, str | None]] = []
    for date, stance in dated:
        if not steps or steps[-1][0] != stance:
            steps.append((stance, date))
    return steps


def _forms(*names: str | None) -> set[str]:
    return {normal_name(name) for name in names if name}


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _provisions(mention) -> list[str]:
    """The drafter lists bare article numbers ("7", "5(2)"); a later one may print them whole."""
    printed = getattr(mention, "provisions", None)
    if printed:
        return list(printed)
    return [f"Article {number}" for number in mention.articles]


# --- normalising what may differ without harm -----------------------------------------------

_QUOTE_MARKS = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "«": '"', "»": '"'})
_EDGE_PUNCTUATION = " \t\n,.;:!?\"'…—–-"


def normal_quote(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_MARKS)
    return " ".join(text.split()).strip(_EDGE_PUNCTUATION)


def normal_name(name: str) -> str:
    """Names compared without case, dots, possessives, punctuation or a leading 'the'."""
    name = unicodedata.normalize("NFKC", name).translate(_QUOTE_MARKS)
    name = re.sub(r"'s\b", "", name).replace(".", "").casefold()
    words = re.findall(r"\w+", name)
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def normal_provision(text: str) -> str:
    text = (
        text.casefold()
        .replace("art.", "article ")
        .replace("sec.", "section ")
        .replace("§", "section ")
    )
    text = re.sub(r"\b(article|section|paragraph)s\b", r"\1", text)
    return re.sub(r"\s+", "", text)


_provision = normal_provision


def same_quote(drafted_quote: str, expected_quote: str) -> bool:
    a, b = normal_quote(drafted_quote), normal_quote(expected_quote)
    if a == b:
        return True
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return matcher.real_quick_ratio() >= QUOTE_SIMILARITY and matcher.ratio() >= QUOTE_SIMILARITY


def same_reason(drafted_reason: str | None, expected_reason: str) -> bool:
    """The reason the article gives, and not much more: its words all there, at most twice as many."""
    if not drafted_reason:
        return False
    have, want = normal_name(drafted_reason).split(), normal_name(expected_reason).split()
    return set(want) <= set(have) and len(have) <= 2 * len(want)


# --- scoring one article ---------------------------------------------------------------------


@dataclass
class Tally:
    """One field: how many drafted items were right, of how many drafted and how many expected."""

    right: int = 0
    drafted: int = 0
    expected: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Tally, label: str) -> None:
        self.right += other.right
        self.drafted += other.drafted
        self.expected += other.expected
        self.misses += [f"{label}: {miss}" for miss in other.misses]

    @property
    def precision(self) -> float | None:
        return self.right / self.drafted if self.drafted else None

    @property
    def recall(self) -> float | None:
        return self.right / self.expected if self.expected else None


FIELDS = {  # name → what it counts; "lower" fields count mistakes, where fewer is better
    "quotations": "quotations found (drafted quote = expected quote)",
    "speakers": "speaker linked to the right actor",
    "actors": "proposed actors that are real actors",
    "not_actors": "lower: proposed actors the article says are not actors",
    "duplicates": "lower: extra proposals of an actor already proposed",
    "actor_kinds": "actor kind right",
    "brief_date": "brief date right",
    "events": "event dates right",
    "event_status": "event status right (of events found)",
    "legal": "legal references found (by title)",
    "legal_exact": "legal references with the right year and provisions",
    "author": "author right",
    "anonymous": "anonymous sources kept anonymous",
    "anonymous_reason": "anonymity reason right",
    "scare_quotes": "lower: scare quotes made statements",
    "answers": "transcript answers (no quotation marks) drafted as statements",
    "stances": "statements with the right stance and date, where a stance changes",
    "stance_changes": "stance changes found (from, to, and the date of the new stance)",
    "accounts": "competing accounts of a disputed event (by the right actor)",
}


def score(expected: Expected, draft: Drafted) -> dict[str, Tally]:
    tallies = {name: Tally() for name in FIELDS}
    _score_statements(expected, draft, tallies)
    _score_actors(expected, draft, tallies)
    _score_dates(expected, draft, tallies)
    _score_legal(expected, draft, tallies)
    _score_author(expected, draft, tallies["author"])
    _score_stance_changes(expected, draft, tallies["stance_changes"])
    _score_accounts(expected, draft, tallies["accounts"])
    return tallies


def _pairs(expected: list, drafted: list, same) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (expected index, drafted index), the first alike item each time."""
    pairs, used = [], set()
    for i, want in enumerate(expected):
        j = next((j for j, have in enumerate(drafted) if j not in used and same(have, want)), None)
        if j is not None:
            used.add(j)
            pairs.append((i, j))
    return pairs


def same_statement(have: DraftedStatement, want: ExpectedStatement) -> bool:
    """The same quotation; for a transcript's answer, a drafted answer holding the expected words."""
    if want.transcript and have.answer:
        return normal_quote(want.quote) in normal_quote(have.quote)
    return same_quote(have.quote, want.quote)


def _score_statements(expected: Expected, draft: Drafted, tallies: dict[str, Tally]) -> None:
    quotes, speakers = tallies["quotations"], tallies["speakers"]
    pairs = dict(_pairs(expected.statements, draft.statements, same_statement))
    quotes.right, quotes.drafted, quotes.expected = (
        len(pairs),
        len(draft.statements),
        len(expected.statements),
    )
    scare_pairs = _pairs(
        expected.scare_quotes, draft.statements, lambda have, want: same_quote(have.quote, want)
    )
    tallies["scare_quotes"].right = len(scare_pairs)
    tallies["scare_quotes"].expected = len(expected.scare_quotes)
    tallies["scare_quotes"].misses = [
        f"made a statement: {expected.scare_quotes[i]!r}" for i, _ in scare_pairs
    ]
    paired_drafts = set(pairs.values()) | {j for _, j in scare_pairs}
    quotes.misses = [
        f"not found: {s.quote[:60]!r}" for i, s in enumerate(expected.statements) if i not in pairs
    ]
    quotes.misses += [
        f"not a quotation: {s.quote[:60]!r}"
        for j, s in enumerate(draft.statements)
        if j not in paired_drafts
    ]
    for i, want in enumerate(expected.statements):
        have = draft.statements[pairs[i]] if i in pairs else None
        keys = want.linkable_keys()
        if keys:
            _tally_speaker(expected, want, have, keys, speakers)
        if want.speaker == "anonymous":
            _tally_anonymous(want, have, tallies["anonymous"], tallies["anonymous_reason"])
        if want.stance:
            _tally_stance(expected, want, have, tallies["stances"])
    answers = tallies["answers"]
    answers.drafted = sum(s.answer for s in draft.statements)
    for i, want in enumerate(expected.statements):
        if want.transcript:
            answers.expected += 1
            if i in pairs and draft.statements[pairs[i]].answer:
                answers.right += 1
            else:
                answers.misses.append(f"not drafted: {want.quote[:60]!r}")
    tallies["stances"].drafted = sum(s.stance is not None for s in draft.statements)


def _tally_stance(
    expected: Expected, want: ExpectedStatement, have: DraftedStatement | None, tally: Tally
) -> None:
    tally.expected += 1
    date = str(want.date or expected.date)
    if have is not None and (have.stance, have.date) == (want.stance, date):
        tally.right += 1
    else:
        drafted_as = f"{have.stance} on {have.date}" if have else "not found"
        tally.misses.append(f"{want.quote[:40]!r}: {drafted_as}, not {want.stance} on {date}")


def _tally_speaker(
    expected: Expected,
    want: ExpectedStatement,
    have: DraftedStatement | None,
    keys: set[str],
    tally: Tally,
) -> None:
    tally.expected += 1
    if have is None or not have.actor_forms:
        tally.misses.append(f"no actor for {want.quote[:40]!r}")
        return
    tally.drafted += 1
    if any(have.actor_forms & expected.actor(key).forms() for key in keys):
        tally.right += 1
    else:
        tally.misses.append(f"{want.quote[:40]!r}: {have.actor_label!r}, not {sorted(keys)}")


def _tally_anonymous(
    want: ExpectedStatement, have: DraftedStatement | None, kept: Tally, reason: Tally
) -> None:
    kept.expected += 1
    reason.expected += 1
    if have is None:
        return
    kept.drafted += 1
    if have.attribution == "anonymous" and not have.name and have.actor_kind != "person":
        kept.right += 1
    else:
        kept.misses.append(
            f"{want.quote[:40]!r}: drafted as {have.attribution or 'unset'} {have.name or ''}".rstrip()
        )
    if have.reason:
        reason.drafted += 1
    if same_reason(have.reason, want.reason or ""):
        reason.right += 1
    else:
        reason.misses.append(f"{want.quote[:40]!r}: reason {have.reason!r}, not {want.reason!r}")


def _score_actors(expected: Expected, draft: Drafted, tallies: dict[str, Tally]) -> None:
    actors, kinds = tallies["actors"], tallies["actor_kinds"]
    not_actor_forms = {normal_name(name): name for name in expected.not_actors}
    actors.drafted, actors.expected, kinds.expected = (
        len(draft.actors),
        len(expected.actors),
        len(expected.actors),
    )
    first_match: dict[str, DraftedActor] = {}
    for have in draft.actors:
        want = next((actor for actor in expected.actors if have.forms & actor.forms()), None)
        if want is None:
            wrong = next((not_actor_forms[f] for f in have.forms if f in not_actor_forms), None)
            if wrong:
                tallies["not_actors"].right += 1
                tallies["not_actors"].misses.append(
                    f"proposed {have.label!r} ({wrong!r} is not an actor)"
                )
            else:
                actors.misses.append(f"not an actor of the article: {have.label!r}")
            continue
        if want.key in first_match:
            tallies["duplicates"].right += 1
            tallies["duplicates"].misses.append(
                f"{have.label!r} again ({first_match[want.key].label!r})"
            )
            continue
        first_match[want.key] = have
        actors.right += 1
        kinds.drafted += have.kind is not None
        if have.kind == want.kind:
            kinds.right += 1
        else:
            kinds.misses.append(f"{have.label!r}: kind {have.kind}, not {want.kind}")
    tallies["not_actors"].expected = len(expected.not_actors)
    tallies["duplicates"].expected = len(first_match)
    actors.misses += [
        f"not proposed: {a.name!r}" for a in expected.actors if a.key not in first_match
    ]


def _score_dates(expected: Expected, draft: Drafted, tallies: dict[str, Tally]) -> None:
    brief = tallies["brief_date"]
    brief.expected, brief.drafted = 1, int(draft.date is not None)
    brief.right = int(draft.date == str(expected.date))
    if not brief.right:
        brief.misses.append(f"date {draft.date}, not {expected.date}")
    events, status = tallies["events"], tallies["event_status"]
    pairs = _pairs(expected.events, draft.events, lambda have, want: have[0] == str(want.date))
    events.right, events.drafted, events.expected = (
        len(pairs),
        len(draft.events),
        len(expected.events),
    )
    found = {i for i, _ in pairs}
    events.misses = [
        f"not found: {e.date} ({e.phrase!r})"
        for i, e in enumerate(expected.events)
        if i not in found
    ]
    events.misses += [
        f"not an event date: {date}"
        for j, (date, _) in enumerate(draft.events)
        if j not in {j for _, j in pairs}
    ]
    status.expected = len(pairs)
    for i, j in pairs:
        status.drafted += draft.events[j][1] is not None
        if draft.events[j][1] == expected.events[i].status:
            status.right += 1
        else:
            status.misses.append(
                f"{expected.events[i].date}: status {draft.events[j][1]}, not {expected.events[i].status}"
            )


def _score_stance_changes(expected: Expected, draft: Drafted, tally: Tally) -> None:
    """Each expected change is found when a position of its actor goes from its old stance to its
    new one, the new one dated as expected; every change the draft shows is counted as drafted."""
    changes = [
        (position.forms, before[0], after[0], after[1])
        for position in draft.positions
        for before, after in zip(position.steps, position.steps[1:], strict=False)
    ]
    tally.drafted, tally.expected = len(changes), len(expected.stance_changes)

    def same(have, want: ExpectedStanceChange) -> bool:
        forms = set().union(*(expected.actor(key).forms() for key in want.actor))
        return bool(have[0] & forms) and have[1:] == (want.from_, want.to, str(want.date))

    pairs = _pairs(expected.stance_changes, changes, same)
    tally.right = len(pairs)
    found = {i for i, _ in pairs}
    tally.misses = [
        f"not found: {c.actor[0]} {c.from_} → {c.to} on {c.date}"
        for i, c in enumerate(expected.stance_changes)
        if i not in found
    ]


def _score_accounts(expected: Expected, draft: Drafted, tally: Tally) -> None:
    """Accounts of a disputed event: the drafted event has the expected date, and each drafted
    account whose actor is one an expected account names is right (once per expected account)."""
    tally.drafted = sum(len(d.accounts) for d in draft.disputes)
    tally.expected = sum(len(d.accounts) for d in expected.disputes)
    events = _pairs(
        expected.disputes, draft.disputes, lambda have, want: have.date == str(want.date)
    )
    for i, j in events:
        want, have = expected.disputes[i], draft.disputes[j]

        def same(forms: set[str], account: ExpectedAccount) -> bool:
            return any(forms & expected.actor(key).forms() for key in account.by)

        pairs = _pairs(want.accounts, have.accounts, same)
        tally.right += len(pairs)
        found = {k for k, _ in pairs}
        tally.misses += [
            f"{want.date}: no account by {a.by[0]}"
            for k, a in enumerate(want.accounts)
            if k not in found
        ]
    found_events = {i for i, _ in events}
    tally.misses += [
        f"no disputed event on {d.date}"
        for i, d in enumerate(expected.disputes)
        if i not in found_events
    ]


def _score_legal(expected: Expected, draft: Drafted, tallies: dict[str, Tally]) -> None:
    found, exact = tallies["legal"], tallies["legal_exact"]

    def same(have: DraftedLegal, want: ExpectedLegal) -> bool:
        return normal_name(have.title) in {normal_name(t) for t in (want.title, *want.aliases)}

    pairs = _pairs(expected.legal, draft.legal, same)
    found.right, found.drafted, found.expected = len(pairs), len(draft.legal), len(expected.legal)
    exact.drafted, exact.expected = len(draft.legal), len(expected.legal)
    paired = {i for i, _ in pairs}
    found.misses = [
        f"not found: {law.title!r}" for i, law in enumerate(expected.legal) if i not in paired
    ]
    found.misses += [
        f"not a law of the article: {law.title!r}"
        for j, law in enumerate(draft.legal)
        if j not in {j for _, j in pairs}
    ]
    for i, j in pairs:
        want, have = expected.legal[i], draft.legal[j]
        provisions = {normal_provision(p) for p in want.provisions}
        if have.year == want.year and have.provisions == provisions:
            exact.right += 1
        else:
            exact.misses.append(
                f"{want.title!r}: year {have.year}, provisions {sorted(have.provisions)}; "
                f"expected {want.year}, {sorted(provisions)}"
            )


def _score_author(expected: Expected, draft: Drafted, tally: Tally) -> None:
    tally.expected, tally.drafted = int(expected.author is not None), int(draft.author is not None)
    right = normal_name(draft.author or "") == normal_name(expected.author or "")
    tally.right = int(right and expected.author is not None)
    if not right:
        tally.misses.append(f"author {draft.author!r}, not {expected.author!r}")


# --- the corpus ------------------------------------------------------------------------------


def article_names(corpus_dir: Path = CORPUS_DIR) -> list[str]:
    return sorted(
        path.name.removesuffix(".expected.yaml") for path in corpus_dir.glob("*.expected.yaml")
    )


def draft_article(text: str) -> Draft:
    return make_draft(text, Corpus(), brief_id="draft", text_file=None)


def score_corpus(
    names: list[str], corpus_dir: Path = CORPUS_DIR
) -> tuple[dict, list[Problem], list[str]]:
    """(totals and per-article tallies, problems of expected files, articles the drafter failed on)."""
    totals = {name: Tally() for name in FIELDS}
    per_article, problems, failures = {}, [], []
    for name in names:
        expected, found = load_expected(corpus_dir / f"{name}.expected.yaml")
        problems += found
        if expected is None:
            continue
        try:
            draft = drafted(draft_article((corpus_dir / f"{name}.txt").read_text(encoding="utf-8")))
        except Exception as exc:  # the drafter's bug must not hide the other articles' scores
            failures.append(
                f"{corpus_dir / name}.txt:1:1: the drafter failed: {type(exc).__name__}: {exc}"
            )
            draft = Drafted()
        per_article[name] = score(expected, draft)
        for field_name, tally in per_article[name].items():
            totals[field_name].add(tally, name)
    return {"totals": totals, "articles": per_article}, problems, failures


def _percent(value: float | None) -> str:
    return "   -" if value is None else f"{100 * value:3.0f}%"


def table(totals: dict[str, Tally]) -> str:
    lines = [
        f"{'field':<18} {'prec':>5} {'recall':>6} {'right':>6} {'drafted':>8} {'expected':>9}  meaning"
    ]
    for name, meaning in FIELDS.items():
        t = totals[name]
        if meaning.startswith("lower: "):  # a count of mistakes: no precision or recall
            lines.append(
                f"{name:<18} {'':>5} {'':>6} {t.right:>6} {'':>8} {t.expected:>9}  {meaning}"
            )
        else:
            lines.append(
                f"{name:<18} {_percent(t.precision):>5} {_percent(t.recall):>6} {t.right:>6} "
                f"{t.drafted:>8} {t.expected:>9}  {meaning}"
            )
    return "\n".join(lines)


def as_json(result: dict) -> dict:
    def figures(tally: Tally, with_misses: bool) -> dict:
        data = {
            "right": tally.right,
            "drafted": tally.drafted,
            "expected": tally.expected,
            "precision": tally.precision,
            "recall": tally.recall,
        }
        return {**data, "misses": tally.misses} if with_misses else data

    return {
        "totals": {name: figures(t, False) for name, t in result["totals"].items()},
        "articles": {
            article: {name: figures(t, True) for name, t in tallies.items()}
            for article, tallies in result["articles"].items()
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.draft_score", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("names", nargs="*", metavar="NAME", help="articles to score (default: all)")
    parser.add_argument("--json", action="store_true", help="print the figures and misses as JSON")
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="list every miss under the table"
    )
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR, help="the corpus folder")
    args = parser.parse_args(argv)
    available = article_names(args.corpus)
    names = [
        name.removesuffix(".txt").removesuffix(".expected.yaml") for name in args.names
    ] or available
    unknown = [
        Problem(str(args.corpus / f"{n}.expected.yaml"), 1, 1, "no such article in the corpus")
        for n in names
        if n not in available
    ]
    if unknown:
        print("\n".join(map(str, unknown)), file=sys.stderr)
        return 2
    result, problems, failures = score_corpus(names, args.corpus)
    if problems:
        print("\n".join(map(str, sorted(problems))), file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(as_json(result), indent=2, ensure_ascii=False))
    else:
        print(f"{len(result['articles'])} articles\n{table(result['totals'])}")
        if args.verbose:
            for name, tally in result["totals"].items():
                for miss in tally.misses:
                    print(f"{name}: {miss}")
    if failures:
        print("\n".join(failures), file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
