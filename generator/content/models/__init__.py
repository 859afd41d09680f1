"""The content schema: the single source of truth for what a brief, an actor and a
legal instrument may contain. Validation, the JSON Schema for editors and the
documentation of the format all come from these classes.

Cross-file references (an actor id used in a brief, say) are plain ids here; each
model lists them in ``references()`` and :mod:`generator.content.corpus` checks them.

The package is split by record: ``fields`` (types every record shares), ``actors``, ``legal``
and ``briefs``; every name is importable from here.
"""

from generator.content.models.actors import (
    Actor,
    ActorKind,
    Membership,
)
from generator.content.models.briefs import (
    Attribution,
    Brief,
    Event,
    EventStatus,
    LegalReference,
    Position,
    Question,
    Reading,
    Relation,
    RelationType,
    Source,
    Stance,
    Statement,
    Status,
)
from generator.content.models.fields import (
    Model,
    Slug,
    shortened,
)
from generator.content.models.legal import (
    InstrumentKind,
    InstrumentStatus,
    LegalInstrument,
    Provision,
)

__all__ = [
    "Actor",
    "ActorKind",
    "Attribution",
    "Brief",
    "Event",
    "EventStatus",
    "InstrumentKind",
    "InstrumentStatus",
    "LegalInstrument",
    "LegalReference",
    "Membership",
    "Model",
    "Position",
    "Provision",
    "Question",
    "Reading",
    "Relation",
    "RelationType",
    "Slug",
    "Source",
    "Stance",
    "Statement",
    "Status",
    "shortened",
]
