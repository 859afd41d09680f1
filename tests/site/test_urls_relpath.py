"""urls._relpath: the same answer as posixpath.relpath for the paths pages use."""

from __future__ import annotations

import posixpath

from hypothesis import given
from hypothesis import strategies as st

from generator.site.urls import _relpath

segment = st.sampled_from(["briefs", "actors", "legal", "topics", "a", "b-1", "index.html", "."])
site_path = st.lists(segment, min_size=1, max_size=4).map("/".join)


@given(site_path, site_path)
def test_it_agrees_with_posixpath(target, start):
    assert _relpath(target, start) == posixpath.relpath(target, start)
