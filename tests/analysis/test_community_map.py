"""Issue 20: the network page's map of groups stays legible at any corpus size: the largest
groups only, discs sized by their actors, no disc or label on another, all inside the drawing."""

from __future__ import annotations

import itertools
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.analysis.communities import (
    CHAR_WIDTH,
    LEADING_NAMES,
    MIN_DISC,
    NAME_LINES,
    PHONE_MAP,
    WIDE_MAP,
    Community,
    _community_map,
)
from generator.content.models import Actor

# Names of letters, digits, punctuation and spaces, some long: labels wrap them on spaces.
names = st.text(
    st.characters(categories=("L", "N", "P")) | st.just(" "), min_size=1, max_size=90
).filter(str.strip)
sizes = st.lists(st.integers(1, 5000), min_size=1, max_size=60).map(
    lambda found: sorted(found, reverse=True)
)


@st.composite
def communities(draw) -> list[Community]:
    """Groups of the given sizes, largest first; each led by two named actors."""
    groups = []
    for number, size in enumerate(draw(sizes), 1):
        leaders = tuple(
            Actor(id=f"g{number}-{n}", name=draw(names), kind="state") for n in range(min(size, 2))
        )
        filler = Actor(id=f"g{number}-rest", name="Rest", kind="state")
        groups.append(Community(number, leaders + (filler,) * (size - len(leaders)), 0, ()))
    return groups


def label_boxes(drawing) -> list[tuple[float, float, float, float]]:
    """(left, top, right, bottom) of each label line, at a generous letter width."""
    boxes = []
    for g in drawing.groups:
        for n, line in enumerate(g.lines):
            half = len(line) * drawing.font * CHAR_WIDTH / 2
            baseline = g.first_line + n * drawing.line
            boxes.append(
                (
                    g.x - half,
                    baseline - 0.95 * drawing.font,
                    g.x + half,
                    baseline + 0.3 * drawing.font,
                )
            )
    return boxes


def disc_meets_box(g, box) -> bool:
    left, top, right, bottom = box
    nearest = (min(max(g.x, left), right), min(max(g.y, top), bottom))
    return math.dist(nearest, (g.x, g.y)) < g.r


def boxes_meet(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@settings(max_examples=80, deadline=None)
@given(communities())
def test_no_disc_or_label_meets_another_and_all_fit_the_drawing(groups):
    for layout in (WIDE_MAP, PHONE_MAP):
        drawing = _community_map(groups, layout, len(groups))
        assert [g.community.number for g in drawing.groups] == list(
            range(1, min(layout.groups, len(groups)) + 1)
        )
        assert drawing.partial == (len(groups) > layout.groups)
        assert drawing.width <= layout.columns * layout.cell
        for a, b in itertools.combinations(drawing.groups, 2):
            assert math.dist((a.x, a.y), (b.x, b.y)) >= a.r + b.r
        for g in drawing.groups:
            assert g.r <= g.x <= drawing.width - g.r and g.r <= g.y <= drawing.height - g.r
        boxes = label_boxes(drawing)
        for box in boxes:
            assert 0 <= box[0] and box[2] <= drawing.width
            assert 0 <= box[1] and box[3] <= drawing.height
            assert not any(disc_meets_box(g, box) for g in drawing.groups)
        for a, b in itertools.combinations(boxes, 2):
            assert not boxes_meet(a, b)


@settings(max_examples=40, deadline=None)
@given(communities())
def test_a_disc_s_area_follows_its_actors_and_its_label_names_its_leaders(groups):
    drawing = _community_map(groups, WIDE_MAP, len(groups))
    largest = drawing.groups[0]
    for g in drawing.groups:
        share = len(g.community.members) / len(largest.community.members)
        assert abs(g.r - max(MIN_DISC, largest.r * math.sqrt(share))) <= 0.1
        assert g.lines[0].startswith(f"{g.community.number}. ")
        assert 1 < len(g.lines) <= 1 + LEADING_NAMES * NAME_LINES
        first = " ".join(g.lines[1].removesuffix(",").removesuffix("…").split())
        assert " ".join(g.community.members[0].name.split()).startswith(first)
