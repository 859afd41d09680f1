"""Legal instruments: provisions, kind and status, amendments, court rulings."""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum

from pydantic import (
    Field,
    model_validator,
)

from generator.content.dates import FIRST_YEAR, LAST_YEAR
from generator.content.models.fields import (
    Markdown,
    Model,
    PartialDate,
    Slug,
    Text,
    WebUrl,
    _duplicate_ids,
    _page_id,
    _page_links,
)

# --- legal instruments -------------------------------------------------------


class Provision(Model):
    """A part of an instrument that briefs cite."""

    id: Slug
    title: Text | None = Field(None, description="A short name for the provision.")
    article: Text | None = Field(None, description="Article number, when a source gives it.")
    summary: Text = Field(description="What the provision says, as reported.")
    label: Text | None = Field(
        None,
        description="How the text numbers it, printed as written: Article 7, Section 121(2), Paragraph 4.",
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
    provisions: list[Slug] = Field(
        default_factory=list, description="Ids of the provisions it changed."
    )
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
    provisions: list[Provision] = Field(
        default_factory=list, description="The parts briefs cite, by id."
    )
    url: WebUrl | None = Field(None, description="Official text.")
    # --- issue 19: the structure of the law ---
    kind: InstrumentKind | None = Field(None, description="What sort of instrument this is.")
    status: InstrumentStatus | None = Field(
        None, description="Where it stands: proposed, in-force, repealed…"
    )
    status_date: PartialDate | None = Field(None, description="Since when it has had that status.")
    amendments: list[Amendment] = Field(
        default_factory=list, description="Changes made to it, oldest first."
    )
    court: Slug | None = Field(None, description="Court rulings: id of the court (an actor).")
    case_number: Text | None = Field(None, description="Court rulings: the case number.")
    decided: PartialDate | None = Field(None, description="Court rulings: when the court decided.")
    outcome: Text | None = Field(
        None, description="Court rulings: what the court decided, in one sentence."
    )

    @model_validator(mode="after")
    def _ruling_fields(self) -> LegalInstrument:
        ruling = {
            "court": self.court,
            "case_number": self.case_number,
            "decided": self.decided,
            "outcome": self.outcome,
        }
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
