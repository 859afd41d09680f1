"""The content schema: the single source of truth for what a brief, an actor and a
legal instrument may contain. Validation, the JSON Schema for editors and the
documentation of the format all come from these classes.

Cross-file references (an actor id used in a brief, say) are plain ids here; each
model lists them in ``references()`` and :mod:`generator.content.corpus` checks them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from enum import Enum
from pathlib import PurePosixPath
from typing import Annotated, Literal, NamedTuple
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    model_validator,
)

from generator.content.dates import FIRST_YEAR, LAST_YEAR, parse_partial_date
from generator.site.markup import page_links
from generator.site.urls import reserved_key_problem, reserved_keys, topic_slug_problem

# --- field types -------------------------------------------------------------

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG = re.compile(SLUG_PATTERN, re.ASCII)  # with fullmatch: "$" alone lets a newline end the value
SLUG_MAX = 80


def _check_slug(value: str) -> str:
    if not _SLUG.fullmatch(value) or len(value) > SLUG_MAX:
        raise ValueError(
            f"'{shortened(value)}' is not a safe id: use 1-{SLUG_MAX} lowercase letters, digits and single hyphens"
            + _slug_suggestion(value)
        )
    return value


def _slug_suggestion(value: str) -> str:
    """' (did you mean …?)' with the value in lowercase ASCII, hyphens between its words."""
    plain = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:SLUG_MAX].strip("-")
    return f" (did you mean '{slug}'?)" if slug and slug != value else ""


_SLUG_SCHEMA = Field(
    description="Identifier: lowercase letters, digits and hyphens.",
    # In the JSON Schema only: validation is _check_slug, whose message is clearer.
    json_schema_extra={"pattern": SLUG_PATTERN, "maxLength": SLUG_MAX},
)

Slug = Annotated[str, AfterValidator(_check_slug), _SLUG_SCHEMA]


def _page_id(kind: str):
    """A slug that names a page of ``kind`` (urls.PAGE_PATHS): not one the site takes for its own pages."""

    def check(value: str) -> str:
        problem = reserved_key_problem(kind, value)
        if problem:
            raise ValueError(f"'{shortened(value)}' {problem}; choose another id")
        return value

    reserved = sorted(reserved_keys(kind))
    schema = {**_SLUG_SCHEMA.json_schema_extra, "not": {"enum": reserved}}  # type: ignore[dict-item]
    return Annotated[str, AfterValidator(_check_slug), AfterValidator(check),
                     Field(description=_SLUG_SCHEMA.description, json_schema_extra=schema)]


# What XML 1.0 (the feeds) cannot carry, which no page needs either: C0 controls but tab and line
# breaks, lone surrogates (UTF-8 cannot write them), U+FFFE and U+FFFF. YAML's "\0" or "\e" escapes make them.
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _check_text(value: str) -> str:
    if not value.strip():
        raise ValueError("is blank: write the text, or leave the field out")
    bad = _UNWRITABLE.search(value)
    if bad:
        raise ValueError(f"holds the control character U+{ord(bad.group()):04X}, which no page or feed can carry")
    return value


def shortened(value: str, limit: int = 60) -> str:
    """The value as a message shows it: a long one cut, so that the message stays readable."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _check_topic(label: str) -> str:
    problem = topic_slug_problem(label)
    if problem:
        raise ValueError(f"topic '{shortened(label)}' {problem}")
    return label


def _check_partial_date(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError("a date must be written YYYY, YYYY-MM or YYYY-MM-DD")
    parse_partial_date(value)  # raises ValueError with the reason
    return value


PartialDate = Annotated[
    str,
    BeforeValidator(_check_partial_date),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^[1-9]\d{3}(-\d{2}(-\d{2})?)?$"},
                {"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR},
            ],
            "description": "A date, as precise as known: 2019, 2019-01 or 2019-01-15.",
        }
    ),
]


def _check_web_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"'{shortened(value)}' is not an http(s) URL")
    return value


WebUrl = Annotated[
    str,
    AfterValidator(_check_text),
    AfterValidator(_check_web_url),
    Field(description="An http:// or https:// address.", json_schema_extra={"format": "uri"}),
]

def _check_project_path(value: str) -> str:
    path = PurePosixPath(value)
    if "\\" in value or path.is_absolute() or ".." in path.parts or not path.parts:
        raise ValueError(f"'{shortened(value)}' must be a relative path inside the project, like sources/article.txt")
    return value


ProjectPath = Annotated[
    str,
    AfterValidator(_check_text),
    AfterValidator(_check_project_path),
    Field(
        description="A file inside the project, relative to its root, e.g. sources/article.txt.",
        json_schema_extra={"pattern": r"^[^/\\][^\\]*$"},
    ),
]

Text = Annotated[str, Field(min_length=1), AfterValidator(_check_text)]
Markdown = Annotated[
    str,
    Field(min_length=1, description="Markdown text (sanitised when rendered)."),
    AfterValidator(_check_text),
]
TopicLabel = Annotated[Text, AfterValidator(_check_topic)]


class Model(BaseModel):
    """Strict base: unknown keys are errors, so a typo never passes silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=True)


# --- actors ------------------------------------------------------------------


class ActorKind(str, Enum):
    """What sort of actor this is."""

    state = "state"
    government_body = "government-body"
    diplomatic_mission = "diplomatic-mission"
    company = "company"
    intergovernmental_organisation = "intergovernmental-organisation"
    supranational_union = "supranational-union"
    person = "person"
    role = "role"
    group = "group"
    ngo = "ngo"
    media = "media"
    other = "other"
    # issue 19
    court = "court"
    legislature = "legislature"
    coalition = "coalition"
    political_party = "political-party"
    trade_association = "trade-association"


class Membership(Model):
    """An actor's membership of a group (a coalition, an alliance), beside its single ``part_of``."""

    actor: Slug = Field(description="Id of the group the actor is a member of.")
    role: Text | None = Field(None, description="The member's role, e.g. co-chair.")
    since: PartialDate | None = Field(None, description="When the membership began, if known.")
    until: PartialDate | None = Field(None, description="When it ended, if it has.")

    @model_validator(mode="after")
    def _in_order(self) -> Membership:
        if self.since and self.until and self.until < self.since:
            raise ValueError(f"the membership ends ({self.until}) before it begins ({self.since})")
        return self


class Actor(Model):
    """An actor in the shared registry, ``content/actors/<id>.yaml``."""

    id: _page_id("actor")
    name: Text = Field(description="Display name, as sources commonly give it.")
    kind: ActorKind = Field(description="What sort of actor this is.")
    jurisdiction: Text | None = Field(None, description="Country or jurisdiction it belongs to.")
    part_of: Slug | None = Field(None, description="Id of the actor this one belongs to.")
    aliases: list[Text] = Field(default_factory=list, description="Other names in sources.")
    description: Markdown | None = Field(None, description="Who the actor is, in Markdown.")
    external_ids: dict[Slug, Text] = Field(
        default_factory=dict, description="Ids in other registries, e.g. wikidata: Q1234."
    )
    member_of: list[Membership] = Field(
        default_factory=list,
        description="Groups the actor is a member of (several at once), each {actor, role, since, until}.",
    )

    def references(self) -> Iterator[tuple[tuple, str, str]]:
        if self.part_of:
            yield ("part_of",), "actor", self.part_of
        yield from _page_links(("description",), self.description)
        seen: set[str] = set()
        for i, membership in enumerate(self.member_of):
            yield ("member_of", i, "actor"), "actor", membership.actor
            if membership.actor in seen and not (membership.since or membership.until):
                yield ("member_of", i, "actor"), "duplicate", f"membership of {membership.actor}"
            seen.add(membership.actor)


# --- legal instruments -------------------------------------------------------


class Provision(Model):
    """A part of an instrument that briefs cite."""

    id: Slug
    title: Text | None = Field(None, description="A short name for the provision.")
    article: Text | None = Field(None, description="Article number, when a source gives it.")
    summary: Text = Field(description="What the provision says, as reported.")
    label: Text | None = Field(
        None, description="How the text numbers it, printed as written: Article 7, Section 121(2), Paragraph 4."
    )

    @property
    def display_label(self) -> str | None:
        """The label as written, else "Article N" from ``article`` (content written before labels)."""
        return self.label or (f"Article {self.article}" if self.article else None)


# --- issue 19: the structure of the law ---


class InstrumentKind(str, Enum):
    """What sort of instrument this is."""

    statute = "statute"
    treaty = "treaty"
    regulation = "regulation"
    directive = "directive"
    resolution = "resolution"
    court_ruling = "court-ruling"
    guidance = "guidance"
    draft_text = "draft-text"
    other = "other"


class InstrumentStatus(str, Enum):
    """Where the instrument stands."""

    proposed = "proposed"
    draft = "draft"
    adopted = "adopted"
    in_force = "in-force"
    amended = "amended"
    repealed = "repealed"
    expired = "expired"


class Amendment(Model):
    """A change made to the instrument."""

    date: PartialDate
    by: Text = Field(description="What made the change, e.g. the amending act.")
    provisions: list[Slug] = Field(default_factory=list, description="Ids of the provisions it changed.")
    summary: Text = Field(description="What changed.")


class LegalInstrument(Model):
    """A law or other instrument, ``content/legal/<id>.yaml``."""

    id: _page_id("legal")
    title: Text = Field(description="The full title.")
    short_title: Text | None = Field(None, description="A shorter name, used in pages.")
    jurisdiction: Text = Field(description="Country or jurisdiction that enacted it.")
    year: int = Field(ge=FIRST_YEAR, le=LAST_YEAR, description="Year of adoption.")
    issuing_body: Text | None = Field(None, description="Who issued it, e.g. a parliament.")
    summary: Markdown | None = Field(None, description="What it does, in Markdown.")
    provisions: list[Provision] = Field(default_factory=list, description="The parts briefs cite, by id.")
    url: WebUrl | None = Field(None, description="Official text.")
    # --- issue 19: the structure of the law ---
    kind: InstrumentKind | None = Field(None, description="What sort of instrument this is.")
    status: InstrumentStatus | None = Field(None, description="Where it stands: proposed, in-force, repealed…")
    status_date: PartialDate | None = Field(None, description="Since when it has had that status.")
    amendments: list[Amendment] = Field(default_factory=list, description="Changes made to it, oldest first.")
    court: Slug | None = Field(None, description="Court rulings: id of the court (an actor).")
    case_number: Text | None = Field(None, description="Court rulings: the case number.")
    decided: PartialDate | None = Field(None, description="Court rulings: when the court decided.")
    outcome: Text | None = Field(None, description="Court rulings: what the court decided, in one sentence.")

    @model_validator(mode="after")
    def _ruling_fields(self) -> LegalInstrument:
        ruling = {"court": self.court, "case_number": self.case_number, "decided": self.decided,
                  "outcome": self.outcome}
        if self.kind == "court-ruling" and not self.court:
            raise ValueError("a court ruling needs 'court', the id of the court that gave it")
        given = [name for name, value in ruling.items() if value is not None]
        if given and self.kind != "court-ruling":
            raise ValueError(f"'{given[0]}' is for instruments of kind court-ruling only")
        if self.status_date and not self.status:
            raise ValueError("'status_date' dates the 'status': give the status too")
        return self

    @property
    def display_title(self) -> str:
        return self.short_title or self.title

    def references(self) -> Iterator[tuple[tuple, str, str]]:
        yield from _duplicate_ids(self.provisions, ("provisions",))
        yield from _page_links(("summary",), self.summary)
        if self.court:
            yield ("court",), "actor", self.court
        for i, amendment in enumerate(self.amendments):
            for j, provision in enumerate(amendment.provisions):
                yield ("amendments", i, "provisions", j), f"provision:{self.id}", provision


# --- briefs ------------------------------------------------------------------


class Stance(str, Enum):
    """Where the actor stands on the question."""

    supports = "supports"
    opposes = "opposes"
    mixed = "mixed"
    neutral = "neutral"
    unclear = "unclear"


class RelationType(str, Enum):
    """What the first actor does to, or is to, the second."""

    urges = "urges"
    pressures = "pressures"
    allied_with = "allied-with"
    meets_with = "meets-with"
    commissions = "commissions"
    opposes = "opposes"
    supports = "supports"
    criticises = "criticises"
    warns = "warns"
    part_of = "part-of"


class Status(str, Enum):
    """draft: shown only in the live preview; published: on the site."""

    draft = "draft"
    published = "published"


class Question(Model):
    """A question at stake in the story; positions refer to it by id."""

    id: Slug
    text: Text = Field(description="The question at stake, phrased neutrally.")


class Source(Model):
    """Where information comes from; statements, events and relations cite it by id."""

    id: Slug
    publisher: Text = Field(description="Who published it, e.g. Bloomberg.")
    title: Text = Field(description="The article's or document's title.")
    author: Text | None = Field(None, description="Author, when credited.")
    date: PartialDate | None = None
    url: WebUrl | None = Field(None, description="Where to read it.")
    rights: Text | None = Field(None, description="Copyright or licence notice to display.")
    text_file: ProjectPath | None = Field(
        None,
        description="Local plain-text copy of the article (e.g. in the git-ignored sources/ folder); "
        "`briefing check` verifies every quote against it. Never published.",
    )


class Attribution(Model):
    """Who said it, as the source puts it. Anonymous sources stay anonymous."""

    kind: Literal["named", "spokesperson", "institutional", "anonymous"] = Field(
        description="named person; unnamed spokesperson; the organisation itself; anonymous source."
    )
    name: Text | None = Field(None, description="The speaker's name (named sources only).")
    role: Text | None = Field(None, description="How the source describes the speaker.")
    reason: Text | None = Field(
        None, description="Why the source is anonymous, as reported (required for anonymous)."
    )
    # --- issue 19: who says so ---
    reason_given: bool | None = Field(
        None,
        description="false: the source gives no reason for the anonymity (then 'reason' is left out). "
        "Anonymous attributions only.",
    )
    via: Text | None = Field(None, description="Who relayed the words, e.g. a spokeswoman for the minister.")
    actor: Slug | None = Field(
        None, description="Registry id of the speaker, so that the statement reaches the speaker's actor page."
    )

    @model_validator(mode="after")
    def _consistent(self) -> Attribution:
        if self.kind == "named" and not self.name:
            raise ValueError("a named attribution needs a name")
        if self.reason_given is not None and self.kind != "anonymous":
            raise ValueError("'reason_given' is for anonymous attributions only")
        if self.kind == "anonymous":
            if self.name:
                raise ValueError("an anonymous attribution cannot carry a name")
            if self.reason_given is False and self.reason:
                raise ValueError("'reason_given: false' says the source gives no reason: leave out 'reason'")
            if not self.reason and self.reason_given is not False:
                raise ValueError(
                    "an anonymous attribution needs the reason given for anonymity "
                    "(or 'reason_given: false' when the source gives none)"
                )
        return self


class Statement(Model):
    """One statement: either a verbatim ``quote`` or a ``paraphrase``, never both."""

    quote: Text | None = Field(None, description="Verbatim words, exactly as the source quotes them.")
    paraphrase: Text | None = Field(None, description="What was said, in the brief's own words.")
    attribution: Attribution
    date: PartialDate | None = None
    source: Slug = Field(description="Id of one of the brief's sources.")
    # --- issue 19: a stance per statement ---
    stance: Stance = Field(  # type: ignore[assignment]  # None only when left out: `stance:` empty is an error
        None, description="The stance this statement expresses; without it, the position's stance."
    )
    condition: Text | None = Field(
        None, description="The condition the speaker attaches, e.g. only if each country sets its own target."
    )

    @model_validator(mode="after")
    def _one_form(self) -> Statement:
        if (self.quote is None) == (self.paraphrase is None):
            raise ValueError("a statement has exactly one of 'quote' or 'paraphrase'")
        return self

    @property
    def text(self) -> str:
        return self.quote if self.quote is not None else self.paraphrase  # type: ignore[return-value]


class Position(Model):
    """Where one actor stands on one question, and the statements that show it."""

    actor: Slug = Field(description="Id of an actor in content/actors.")
    question: Slug = Field(description="Id of one of the brief's questions.")
    stance: Stance = Field(  # type: ignore[assignment]  # None only when left out: `stance:` empty is an error
        None,
        description="Where the actor stands; the default for statements without a stance of their own. "
        "May be left out when every statement has its own.",
    )
    statements: list[Statement] = Field(
        default_factory=list, description="Quotes or paraphrases backing the stance."
    )

    # --- issue 19: a stance per statement ---

    def stance_of(self, statement: Statement) -> str:
        """The stance a statement expresses: its own, else the position's."""
        return statement.stance or self.stance  # type: ignore[return-value]

    @property
    def stance_changes(self) -> list[StanceStep]:
        """The position's stances in date order, one step per change: a single step when every
        statement has the same stance. Content that loaded has every statement dated then."""
        stances = {self.stance_of(s) for s in self.statements}
        if len(stances) <= 1:
            return [StanceStep(next(iter(stances), self.stance), None)]
        steps: list[StanceStep] = []
        for statement in sorted(self.statements, key=lambda s: s.date or ""):
            stance = self.stance_of(statement)
            if not steps or steps[-1].stance != stance:
                steps.append(StanceStep(stance, statement.date))
        return steps

    @property
    def current_stance(self) -> str:
        """The latest stance: what a stance table or matrix shows for the position."""
        return self.stance_changes[-1].stance

    def stance_problems(self) -> Iterator[tuple[tuple, str]]:
        """(key path from the position, message) for stances that cannot be told or ordered."""
        if self.stance is None:
            for j, statement in enumerate(self.statements):
                if statement.stance is None:
                    yield ("statements", j), (
                        "statement has no stance, and its position none to give it: "
                        "write the position's 'stance' or the statement's"
                    )
            if not self.statements:
                yield (), "missing required field 'stance'"
        if len({self.stance_of(s) for s in self.statements}) <= 1:
            return
        seen: dict[str, str] = {}  # date → stance stated on it
        for j, statement in enumerate(self.statements):
            stance = self.stance_of(statement)
            if statement.date is None:
                yield ("statements", j), (
                    f"this statement ({stance}) has no date, and the position's statements take "
                    "different stances: cannot tell which came first (give it a 'date')"
                )
            elif seen.setdefault(statement.date, stance) != stance:
                yield ("statements", j, "date"), (
                    f"this statement ({stance}) and another ({seen[statement.date]}) are both dated "
                    f"{statement.date}: cannot tell which came first (date them more precisely)"
                )


class StanceStep(NamedTuple):
    """A stance and the date of the statement that first took it (None: the only stance)."""

    stance: str
    date: str | None


class Reading(Model):
    """How one actor reads a legal instrument."""

    actor: Slug = Field(description="Id of an actor in content/actors.")
    reading: Text = Field(description="The actor's reading, paraphrased.")
    quote: Text | None = Field(None, description="Verbatim words backing the reading, if quoted.")
    attribution: Attribution | None = None
    date: PartialDate | None = None
    source: Slug = Field(description="Id of one of the brief's sources.")
    holding: bool = Field(
        False, description="true: the court's own holding in a ruling, shown apart from the parties' readings."
    )


class LegalReference(Model):
    """A legal instrument invoked in the story, and how each actor reads it."""

    instrument: Slug = Field(description="Id of a legal instrument in content/legal.")
    provisions: list[Slug] = Field(default_factory=list, description="Provision ids cited.")
    readings: list[Reading] = Field(default_factory=list, description="Each actor's reading.")


# --- issue 19: events that have not happened, and events told two ways ---


class EventStatus(str, Enum):
    """Whether the event happened; a scheduled event or a deadline is upcoming until its date."""

    happened = "happened"
    scheduled = "scheduled"
    deadline = "deadline"
    postponed = "postponed"
    cancelled = "cancelled"


class Account(Model):
    """One party's version of a disputed event."""

    text: Text = Field(description="What happened, as this party tells it.")
    attribution: Attribution = Field(description="Who tells it so.")
    source: Slug = Field(description="Id of one of the brief's sources.")


class Event(Model):
    """Something that happened, or is to happen, and when."""

    date: PartialDate
    text: Text = Field(description="What happened, in one sentence.")
    actors: list[Slug] = Field(default_factory=list, description="Ids of the actors involved.")
    source: Slug = Field(description="Id of one of the brief's sources.")
    date_note: Text | None = Field(None, description="How the date was established, if inferred.")
    status: EventStatus = Field(
        EventStatus.happened,
        description="happened (the default), scheduled, deadline, postponed or cancelled.",
    )
    accounts: list[Account] = Field(
        default_factory=list,
        description="Two or more competing versions of the event, each with text, attribution and source.",
    )
    according_to: Attribution | None = Field(
        None, description="Who reports the event: a claim someone makes, not a fact the brief vouches for."
    )

    @model_validator(mode="after")
    def _accounts_compete(self) -> Event:
        if len(self.accounts) == 1:
            raise ValueError("a disputed event needs two or more accounts; one version goes in 'text'")
        return self

    def timing(self, today: str) -> str | None:
        """'upcoming' or 'passed' for a scheduled event or a deadline, seen from ``today``
        (YYYY-MM-DD); None for other events. A date known to the month or year is upcoming
        until that month or year has ended."""
        if self.status not in ("scheduled", "deadline"):
            return None
        return "passed" if self.date < today[: len(self.date)] else "upcoming"


class Relation(Model):
    """What one actor does to, or is to, another."""

    model_config = ConfigDict(populate_by_name=True)

    from_actor: Slug = Field(alias="from", description="Id of the acting actor.")
    type: RelationType
    to_actor: Slug = Field(alias="to", description="Id of the actor acted upon.")
    description: Text | None = Field(None, description="The relation in the source's terms.")
    date: PartialDate | None = None
    source: Slug = Field(description="Id of one of the brief's sources.")
    # --- issue 19: who says so ---
    according_to: Attribution | None = Field(
        None, description="Who reports the relation: a claim someone makes, not a fact the brief vouches for."
    )
    disputed: bool = Field(False, description="true when a party denies the relation.")


class Brief(Model):
    """One story, ``content/briefs/<id>.yaml``."""

    id: _page_id("brief")
    title: Text = Field(description="The story's headline, in neutral words.")
    date: PartialDate
    status: Status = Status.published
    summary: Markdown = Field(description="What happened and what is at stake, in Markdown.")
    topics: list[TopicLabel] = Field(default_factory=list, description="Topic labels, shared across briefs.")
    questions: list[Question] = Field(default_factory=list, description="The questions at stake.")
    sources: list[Source] = Field(min_length=1, description="Where the facts come from.")
    positions: list[Position] = Field(default_factory=list, description="Who stands where, on which question.")
    legal_references: list[LegalReference] = Field(
        default_factory=list, description="Laws invoked, and each actor's reading."
    )
    events: list[Event] = Field(default_factory=list, description="What happened, when.")
    relations: list[Relation] = Field(default_factory=list, description="Who does what to whom.")
    watch_next: list[Text] = Field(default_factory=list, description="What to watch for next.")
    follows: list[Slug] = Field(
        default_factory=list, description="Ids of the briefs this one continues (issue 19: story threads)."
    )

    @property
    def stances_taken(self) -> list[str]:
        """Every stance a position or statement of the brief takes, sorted."""
        return sorted({step.stance for p in self.positions for step in p.stance_changes})

    def rule_problems(self) -> Iterator[tuple[tuple, str]]:
        """(key path, message) for each rule between fields that the brief breaks (issue 19)."""
        for i, position in enumerate(self.positions):
            for at, message in position.stance_problems():
                yield ("positions", i, *at), message
        for i, earlier in enumerate(self.follows):
            if earlier == self.id:
                yield ("follows", i), "a brief cannot follow itself"

    def references(self) -> Iterator[tuple[tuple, str, str]]:
        """Every id this brief points at: (key path, kind, id).

        Kinds are ``actor`` and ``legal`` (other files), ``question`` and ``source``
        (this brief), ``provision:<instrument>`` and ``duplicate`` (an id defined twice).
        """
        yield from _duplicate_ids(self.questions, ("questions",))
        yield from _duplicate_ids(self.sources, ("sources",))
        seen_positions: set[tuple[str, str]] = set()
        for i, position in enumerate(self.positions):
            at = ("positions", i)
            yield (*at, "actor"), "actor", position.actor
            yield (*at, "question"), "question", position.question
            if (position.actor, position.question) in seen_positions:
                yield at, "duplicate", f"{position.actor} on {position.question}"
            seen_positions.add((position.actor, position.question))
            for j, statement in enumerate(position.statements):
                yield (*at, "statements", j, "source"), "source", statement.source
        for i, ref in enumerate(self.legal_references):
            at = ("legal_references", i)
            yield (*at, "instrument"), "legal", ref.instrument
            for j, provision in enumerate(ref.provisions):
                yield (*at, "provisions", j), f"provision:{ref.instrument}", provision
            for j, reading in enumerate(ref.readings):
                yield (*at, "readings", j, "actor"), "actor", reading.actor
                yield (*at, "readings", j, "source"), "source", reading.source
        for i, event in enumerate(self.events):
            for j, actor in enumerate(event.actors):
                yield ("events", i, "actors", j), "actor", actor
            yield ("events", i, "source"), "source", event.source
            for j, account in enumerate(event.accounts):
                yield ("events", i, "accounts", j, "source"), "source", account.source
        for i, relation in enumerate(self.relations):
            yield ("relations", i, "from"), "actor", relation.from_actor
            yield ("relations", i, "to"), "actor", relation.to_actor
            yield ("relations", i, "source"), "source", relation.source
        for at, attribution in self.attributions():
            if attribution.actor:
                yield (*at, "actor"), "actor", attribution.actor
        for i, earlier in enumerate(self.follows):
            yield ("follows", i), "brief", earlier
        yield from _page_links(("summary",), self.summary)

    def attributions(self) -> Iterator[tuple[tuple, Attribution]]:
        """(key path, attribution) for every attribution in the brief."""
        for i, position in enumerate(self.positions):
            for j, statement in enumerate(position.statements):
                yield ("positions", i, "statements", j, "attribution"), statement.attribution
        for i, ref in enumerate(self.legal_references):
            for j, reading in enumerate(ref.readings):
                if reading.attribution:
                    yield ("legal_references", i, "readings", j, "attribution"), reading.attribution
        for i, event in enumerate(self.events):
            if event.according_to:
                yield ("events", i, "according_to"), event.according_to
            for j, account in enumerate(event.accounts):
                yield ("events", i, "accounts", j, "attribution"), account.attribution
        for i, relation in enumerate(self.relations):
            if relation.according_to:
                yield ("relations", i, "according_to"), relation.according_to


def _page_links(at: tuple, text: str | None) -> Iterator[tuple[tuple, str, str]]:
    """The brief:ID, actor:ID and legal:ID links of a Markdown field, as references."""
    for kind, key in page_links(text or ""):
        yield at, kind, key


def _duplicate_ids(items: list, at: tuple) -> Iterator[tuple[tuple, str, str]]:
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item.id in seen:
            yield (*at, i, "id"), "duplicate", item.id
        seen.add(item.id)
