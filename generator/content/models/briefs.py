"""Briefs: questions, positions and their statements, events, relations, readings of the law."""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum
from typing import Literal, NamedTuple

from pydantic import (
    ConfigDict,
    Field,
    model_validator,
)

from generator.content.models.fields import (
    Markdown,
    Model,
    PartialDate,
    ProjectPath,
    Slug,
    Text,
    TopicLabel,
    WebUrl,
    _duplicate_ids,
    _page_id,
    _page_links,
)

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
    via: Text | None = Field(
        None, description="Who relayed the words, e.g. a spokeswoman for the minister."
    )
    actor: Slug | None = Field(
        None,
        description="Registry id of the speaker, so that the statement reaches the speaker's actor page.",
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
                raise ValueError(
                    "'reason_given: false' says the source gives no reason: leave out 'reason'"
                )
            if not self.reason and self.reason_given is not False:
                raise ValueError(
                    "an anonymous attribution needs the reason given for anonymity "
                    "(or 'reason_given: false' when the source gives none)"
                )
        return self


class Statement(Model):
    """One statement: either a verbatim ``quote`` or a ``paraphrase``, never both."""

    quote: Text | None = Field(
        None, description="Verbatim words, exactly as the source quotes them."
    )
    paraphrase: Text | None = Field(None, description="What was said, in the brief's own words.")
    attribution: Attribution
    date: PartialDate | None = None
    source: Slug = Field(description="Id of one of the brief's sources.")
    # --- issue 19: a stance per statement ---
    stance: Stance = Field(  # type: ignore[assignment]  # None only when left out: `stance:` empty is an error
        None, description="The stance this statement expresses; without it, the position's stance."
    )
    condition: Text | None = Field(
        None,
        description="The condition the speaker attaches, e.g. only if each country sets its own target.",
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
                    yield (
                        ("statements", j),
                        (
                            "statement has no stance, and its position none to give it: "
                            "write the position's 'stance' or the statement's"
                        ),
                    )
            if not self.statements:
                yield (), "missing required field 'stance'"
        if len({self.stance_of(s) for s in self.statements}) <= 1:
            return
        seen: dict[str, str] = {}  # date → stance stated on it
        for j, statement in enumerate(self.statements):
            stance = self.stance_of(statement)
            if statement.date is None:
                yield (
                    ("statements", j),
                    (
                        f"this statement ({stance}) has no date, and the position's statements take "
                        "different stances: cannot tell which came first (give it a 'date')"
                    ),
                )
            elif seen.setdefault(statement.date, stance) != stance:
                yield (
                    ("statements", j, "date"),
                    (
                        f"this statement ({stance}) and another ({seen[statement.date]}) are both dated "
                        f"{statement.date}: cannot tell which came first (date them more precisely)"
                    ),
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
        False,
        description="true: the court's own holding in a ruling, shown apart from the parties' readings.",
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
        None,
        description="Who reports the event: a claim someone makes, not a fact the brief vouches for.",
    )

    @model_validator(mode="after")
    def _accounts_compete(self) -> Event:
        if len(self.accounts) == 1:
            raise ValueError(
                "a disputed event needs two or more accounts; one version goes in 'text'"
            )
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
        None,
        description="Who reports the relation: a claim someone makes, not a fact the brief vouches for.",
    )
    disputed: bool = Field(False, description="true when a party denies the relation.")


class Brief(Model):
    """One story, ``content/briefs/<id>.yaml``."""

    id: _page_id("brief")
    title: Text = Field(description="The story's headline, in neutral words.")
    date: PartialDate
    status: Status = Status.published
    summary: Markdown = Field(description="What happened and what is at stake, in Markdown.")
    topics: list[TopicLabel] = Field(
        default_factory=list, description="Topic labels, shared across briefs."
    )
    questions: list[Question] = Field(default_factory=list, description="The questions at stake.")
    sources: list[Source] = Field(min_length=1, description="Where the facts come from.")
    positions: list[Position] = Field(
        default_factory=list, description="Who stands where, on which question."
    )
    legal_references: list[LegalReference] = Field(
        default_factory=list, description="Laws invoked, and each actor's reading."
    )
    events: list[Event] = Field(default_factory=list, description="What happened, when.")
    relations: list[Relation] = Field(default_factory=list, description="Who does what to whom.")
    watch_next: list[Text] = Field(default_factory=list, description="What to watch for next.")
    follows: list[Slug] = Field(
        default_factory=list,
        description="Ids of the briefs this one continues (issue 19: story threads).",
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
