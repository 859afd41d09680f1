"""Kinds of actors told by the words of their names."""

from __future__ import annotations

from generator.draft.kinds import guess_kind


def test_head_words_tell_the_kind():
    assert guess_kind("Embassy of Ruritania") == "diplomatic-mission"
    assert guess_kind("Court of Auditors") == "court"
    assert guess_kind("Xyz") is None
