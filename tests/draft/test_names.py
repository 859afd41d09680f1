"""Names: comparing spellings, and ids proposed for new actors."""

from __future__ import annotations

from generator.draft.names import canonical, slugify


def test_canonical_forms():
    assert (
        canonical("the EU’s digital chief", {"eu": "european union"})
        == "european union digital chief"
    )
    assert canonical("U.S.", {}) == "us"
    assert slugify("The European Union’s digital chief") == "european-union-digital-chief"
