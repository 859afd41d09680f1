"""Actors: people, organisations, governments, courts, coalitions; their structure and memberships."""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum

from pydantic import (
    Field,
    model_validator,
)

from generator.content.models.fields import (
    Markdown,
    Model,
    PartialDate,
    Slug,
    Text,
    _page_id,
    _page_links,
)

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
