"""The actor network (generator/analysis/network.py): graph, deterministic layout, SVG and table."""

from __future__ import annotations

import functools
import itertools
import math
import re
from pathlib import Path
from types import SimpleNamespace

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.analysis.communities import (
    COMMUNITY_LIMIT,
    DRAW_ALL_LIMIT,
    PHONE_MAP,
    WIDE_MAP,
    explorer_data,
    overview,
)
from generator.analysis.index import Index
from generator.analysis.network import (
    NEIGHBOUR_LIMIT,
    NETWORK_LIMIT,
    PHONE_LABEL_CHARS,
    PHONE_NAME_LINES,
    PHONE_NEIGHBOURS,
    PHONE_WIDTH,
    NetworkEdge,
    draw_neighbourhood,
    draw_network,
    draw_phone_neighbourhood,
    edges_of,
    neighbourhood,
)
from generator.analysis.views import Views
from generator.content.corpus import load_content
from generator.content.models import Actor, RelationType
from helpers.corpora import (
    SEED_BRIEF,
    rendered,
    scratch_folder,
    seed_pages,
    seed_views,
    synthetic_content,
    synthetic_views,
)
from helpers.site_builder import build_site
from helpers.synthetic_corpus import write_corpus


def seed_relations(views):
    return sorted(
        (r.from_actor, r.type, r.to_actor) for b in views.index.briefs for r in b.relations
    )


def drawn_relations(drawing):
    return sorted(
        (label.edge.source.id, label.edge.type, label.edge.target.id)
        for e in drawing.edges
        for label in e.labels
    )


def test_graph_has_one_edge_per_relation_type_and_direction():
    views = seed_views()
    assert sorted(
        (e.source.id, e.type, e.target.id) for e in views.network_edges
    ) == seed_relations(views)
    assert all(e.briefs[0].id == SEED_BRIEF for e in views.network_edges)


def test_drawing_places_every_actor_inside_the_canvas():
    drawing = seed_views().network_drawing
    assert sorted(n.actor.id for n in drawing.nodes) == [
        "eu-digital-chief",
        "eu-member-states",
        "european-commission",
        "nato",
        "united-states",
        "us-allies",
        "us-state-department",
    ]
    for n in drawing.nodes:
        assert 0 < n.x < drawing.width and 0 < n.y < drawing.height
    assert drawn_relations(drawing) == seed_relations(seed_views())
    # pressures and urges run the same way between the same two actors: one arrow, two labels
    arrow = next(
        e for e in drawing.edges if (e.source.id, e.target.id) == ("united-states", "us-allies")
    )
    assert [label.edge.type for label in arrow.labels] == ["pressures", "urges"]
    assert {n.label for n in drawing.nodes} >= {"NATO"}  # an alias when the name is too long


def svg_of(page: str) -> str:
    start = page.index('<svg xmlns="http://www.w3.org/2000/svg" class="network__svg"')
    return page[start : page.index("</svg>", start) + len("</svg>")]


def test_network_page_draws_labelled_edges_linked_to_their_brief():
    svg = svg_of(seed_pages()["network/index.md"])
    for source, kind, target in seed_relations(seed_views()):
        assert re.search(
            rf'<a href="\.\./briefs/{SEED_BRIEF}/" class="network__relation network__relation--{kind}">'
            rf"<title>[^<]*</title><text [^>]*>{kind.replace('-', ' ')}</text></a>",
            svg,
        ), (source, kind, target)
    assert svg.count('<a href="../actors/') == 7
    assert "http" not in svg.replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )  # nothing loaded from outside
    assert "<script" not in svg


def test_network_page_lists_the_same_edges_in_a_table():
    page = seed_pages()["network/index.md"]
    table = page[page.index("<table") : page.index("</table>")]
    rows = re.findall(
        r'<tr><td data-label="From">(.*?)</td><td data-label="Relation">(.*?)</td>'
        r'<td data-label="To">(.*?)</td>',
        table,
    )
    names = {a.name: a.id for a in seed_views().index.actors.values()}
    found = sorted(
        (names[re.sub("<[^>]+>", "", f)], kind.replace(" ", "-"), names[re.sub("<[^>]+>", "", t)])
        for f, kind, t in rows
    )
    assert found == seed_relations(seed_views())


def test_actor_page_shows_its_neighbourhood():
    page = seed_pages()["actors/united-states.md"]
    svg = svg_of(page[page.index("## Network") :])
    assert set(re.findall(r'<a href="\.\./([a-z-]+)/"', svg)) == {"us-allies", "nato"}
    focus = '<a href="./" class="network__node network__node--focus"><title>United States</title>'
    assert focus in svg
    assert svg.count("network__relation--") == 3  # pressures, urges, allied with
    drawing = seed_views().neighbourhood(seed_views().index.actors["united-states"])
    centre = next(n for n in drawing.nodes if n.actor.id == "united-states")
    others = [n for n in drawing.nodes if n is not centre]
    assert (
        len({round(math.dist((n.x, n.y), (centre.x, centre.y))) for n in others}) == 1
    )  # on one circle
    assert "## Network" not in seed_pages()["actors/huawei.md"]  # no relations, no drawing


def test_layout_is_deterministic():
    first = Views(Index(load_content(synthetic_content()))).network_drawing
    second = Views(Index(load_content(synthetic_content()))).network_drawing
    assert first == second


def test_network_svg_is_byte_identical_across_two_builds():
    content = synthetic_content()
    pages = [
        (
            build_site(content, scratch_folder("briefing-build-")) / "network" / "index.html"
        ).read_bytes()
        for _ in range(2)
    ]
    assert pages[0] == pages[1]
    svg = svg_of(pages[0].decode())
    assert svg.count("network__relation--") == len(synthetic_views().network_edges)


def test_the_network_page_draws_the_most_connected_actors_apart():
    content = write_corpus(scratch_folder("briefing-200-"), briefs=260, actors=200, seed=11)
    views = Views(Index(load_content(content)))
    graph, drawing = views.graph, views.network_drawing
    assert len(graph) > NETWORK_LIMIT and drawing.actors_total == len(graph)
    drawn = {n.actor.id for n in drawing.nodes}
    assert len(drawn) == NETWORK_LIMIT
    fewest_drawn = min(graph.degree(a) for a in drawn)
    assert all(graph.degree(a) <= fewest_drawn for a in set(graph) - drawn)
    assert {(e.source.id, e.target.id) for e in views.network_edges} == {
        (u, v) for u, v in graph.edges() if u in drawn and v in drawn
    }
    closest = min(
        math.dist((a.x, a.y), (b.x, b.y)) for a, b in itertools.combinations(drawing.nodes, 2)
    )
    assert closest >= 4 * drawing.node_radius
    assert drawing.width <= 3500 and drawing.height <= 3500
    assert all(len(n.label) <= 26 for n in drawing.nodes)


def test_a_hub_actor_draws_the_neighbours_it_has_most_relations_with():
    graph = nx.MultiDiGraph()
    for n in range(NEIGHBOUR_LIMIT + 10):
        for kind in ("urges", "meets")[: 1 + (n < 5)]:  # the first five have two relations each
            graph.add_edge("hub", f"actor-{n:03d}", key=kind)
    ego = neighbourhood(graph, "hub")
    assert len(ego) == NEIGHBOUR_LIMIT + 1 and ego.graph["actors_total"] == NEIGHBOUR_LIMIT + 11
    assert {f"actor-{n:03d}" for n in range(5)} <= set(ego)
    assert ego.number_of_edges() == NEIGHBOUR_LIMIT + 5


@pytest.mark.parametrize("actor_id", ["actor-000", "actor-013"])
def test_synthetic_neighbourhoods_hold_exactly_the_actors_relations(actor_id):
    views = synthetic_views()
    drawing = views.neighbourhood(views.index.actors[actor_id])
    expected = sorted(
        (e.source.id, e.type, e.target.id)
        for e in edges_of(views.graph)
        if actor_id in (e.source.id, e.target.id)
    )
    assert drawn_relations(drawing) == expected


# --- drawings of any small graph: nodes apart, an actor's own drawing centred on it and fitted ---

actor_counts = st.integers(min_value=2, max_value=12)


@st.composite
def small_graphs(draw) -> nx.MultiDiGraph:
    """Actors a0…an joined by typed relations, at least one; self-relations too."""
    count = draw(actor_counts)
    kinds = [kind.value for kind in RelationType]
    pairs = st.tuples(st.integers(0, count - 1), st.integers(0, count - 1), st.sampled_from(kinds))
    edges = draw(st.lists(pairs, min_size=1, max_size=3 * count))
    index = SimpleNamespace(
        actors={f"a{n}": Actor(id=f"a{n}", name=f"Actor {n}", kind="state") for n in range(count)}
    )
    graph = nx.MultiDiGraph()
    for u, v, kind in sorted(set(edges)):
        source, target = index.actors[f"a{u}"], index.actors[f"a{v}"]
        graph.add_edge(source.id, target.id, key=kind, edge=NetworkEdge(source, kind, target, ()))
    graph.graph["index"] = index
    return graph


def assert_nodes_apart(drawing):
    for a, b in itertools.combinations(drawing.nodes, 2):
        assert math.dist((a.x, a.y), (b.x, b.y)) >= 2 * drawing.node_radius, (
            a.actor.id,
            b.actor.id,
        )


@settings(max_examples=60, deadline=None)
@given(small_graphs())
def test_an_actors_drawing_keeps_every_neighbour_off_it_and_the_actor_in_the_middle(graph):
    index = graph.graph["index"]
    for actor_id in sorted(graph):
        drawing = draw_neighbourhood(neighbourhood(graph, actor_id), index, actor_id)
        assert_nodes_apart(drawing)
        focus = next(n for n in drawing.nodes if n.actor.id == actor_id)
        assert (focus.x, focus.y) == (drawing.width / 2, drawing.height / 2)
        assert drawing.focus == actor_id
        for n in drawing.nodes:
            r = drawing.node_radius
            assert r <= n.x <= drawing.width - r and r <= n.y <= drawing.height - r


@settings(max_examples=60, deadline=None)
@given(small_graphs(), st.integers(1, 12))
def test_a_phone_s_drawing_keeps_the_closest_neighbours_apart_the_actor_in_the_middle(graph, n):
    named = "with a long name " * (n % 5)  # on one line, two, three, or cut short
    index = SimpleNamespace(
        actors={
            a.id: a.model_copy(update={"name": f"{a.name} {named}".strip()})
            for a in graph.graph["index"].actors.values()
        }
    )
    for actor_id in sorted(graph):
        ego = neighbourhood(graph, actor_id, PHONE_NEIGHBOURS)
        drawing = draw_phone_neighbourhood(ego, index, actor_id)
        assert drawing.width == PHONE_WIDTH
        assert (drawing.focus.x, drawing.focus.actor.id) == (PHONE_WIDTH / 2, actor_id)
        assert sorted(n.actor.id for n in drawing.nodes) == sorted(set(ego) - {actor_id})
        assert_nodes_apart(SimpleNamespace(nodes=[drawing.focus, *drawing.nodes], node_radius=7))
        for node in [drawing.focus, *drawing.nodes]:
            assert 7 <= node.x <= drawing.width - 7 and 7 <= node.y <= drawing.height - 7
            assert 1 <= len(node.lines) <= (2 if node is drawing.focus else PHONE_NAME_LINES)
            assert 0 < node.label_y - (node.y if node is not drawing.focus else 0) <= drawing.height
        for node in drawing.nodes:  # a name fits between its node and the edge of the drawing
            room = node.label_x if node.anchor == "end" else drawing.width - node.label_x
            longest = max(len(line) for line in [*node.lines, node.relations])
            assert longest <= PHONE_LABEL_CHARS and longest * 7.2 <= room
        rows = sorted({n.y for n in drawing.nodes})
        lines = PHONE_NAME_LINES + 1  # a name's lines, and its relations'
        assert all(b - a >= lines * 15 for a, b in zip(rows, rows[1:]))


@settings(max_examples=30, deadline=None)
@given(small_graphs())
def test_the_whole_network_keeps_nodes_apart(graph):
    assert_nodes_apart(draw_network(graph, graph.graph["index"]))


def viewbox_and_focus(svg: str) -> tuple[list[float], float, float]:
    view_box = [float(v) for v in re.search(r'<svg [^>]*viewBox="([^"]+)"', svg).group(1).split()]
    focus = re.search(
        r'<a href="\./" class="network__node network__node--focus"><title>[^<]*</title>'
        r'<circle cx="([\d.]+)" cy="([\d.]+)"',
        svg,
    )
    return view_box, float(focus.group(1)), float(focus.group(2))


def test_an_actor_page_fits_its_drawing_to_the_box_with_the_actor_in_the_middle():
    """nato has one neighbour: it used to be drawn on top of it."""
    for actor_id in ("nato", "united-states"):
        page = seed_pages()[f"actors/{actor_id}.md"]
        svg = svg_of(page[page.index("## Network") :])
        (x, y, width, height), cx, cy = viewbox_and_focus(svg)
        assert (cx, cy) == (x + width / 2, y + height / 2)
        tag = svg[: svg.index(">")]
        assert 'width="100%"' in tag and f"max-width: {width:g}px" in tag and "height=" not in tag
        circles = [
            tuple(map(float, c)) for c in re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', svg)
        ]
        assert len(set(circles)) == len(circles) >= 2
    whole = svg_of(seed_pages()["network/index.md"])  # the whole network, small: fitted as well
    assert re.search(r'<svg [^>]*width="100%" style="max-width: \d+px" viewBox', whole)


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_in_a_browser_the_busiest_actors_drawing_shows_the_actor_inside_its_box(
    browser, story_site, width
):
    base_url, actor_id = story_site
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    try:
        tab.goto(f"{base_url}actors/{actor_id}/")
        canvas = tab.locator(".network__canvas:visible").first  # the wide or the phone's
        canvas.scroll_into_view_if_needed()
        box = canvas.bounding_box()
        focus = tab.locator(".network__canvas a.network__node--focus circle:visible").bounding_box()
        assert box["x"] <= focus["x"] and focus["x"] + focus["width"] <= box["x"] + box["width"]
        assert box["y"] <= focus["y"] and focus["y"] + focus["height"] <= box["y"] + box["height"]
        assert (
            tab.evaluate("document.documentElement.scrollWidth") <= width
        )  # no sideways page scroll
    finally:
        context.close()


@pytest.fixture(scope="module")
def story_site(tmp_path_factory):
    """A 60-brief story corpus built with MkDocs; its actor with the widest drawing."""
    from bench.stories import write_story_corpus
    from conftest import serve

    work = tmp_path_factory.mktemp("story-site")
    write_story_corpus(work / "content", 60, seed=2, schema=1)
    site = build_site(work / "content", work)
    widths = {
        page.parent.name: int(match.group(1))
        for page in sorted((site / "actors").glob("*/index.html"))
        if (
            match := re.search(
                r'class="network__svg" width="100%" style="max-width: (\d+)px"', page.read_text()
            )
        )
    }
    busiest = max(sorted(widths), key=widths.__getitem__)
    assert (
        widths[busiest] > 600
    )  # wider than a phone: before viewBox fitting, the actor was off-screen
    with serve(site) as base_url:
        yield base_url, busiest


# --- issue 20: the overview of a large network, by groups, and the explorer's data ---


@settings(max_examples=40, deadline=None)
@given(small_graphs())
def test_the_groups_hold_every_actor_once_and_the_explorer_every_actor_and_relation(graph):
    index = graph.graph["index"]
    summary = overview(graph, index)
    grouped = [a.id for c in summary.communities for a in c.members]
    assert sorted(grouped) == sorted(graph) and summary.others == 0
    assert [len(c.members) for c in summary.communities] == sorted(
        (len(c.members) for c in summary.communities), reverse=True
    )
    inside = sum(c.relations_inside for c in summary.communities)
    between = sum(count for c in summary.communities for _, count in c.links) // 2
    assert inside + between == graph.number_of_edges()  # every relation counted once
    data = explorer_data(graph, index)
    assert sorted(n["id"] for n in data["nodes"]) == sorted(graph)
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == len(graph)  # no actor on another
    assert sorted((e["source"], e["type"], e["target"]) for e in data["edges"]) == sorted(
        (e.source.id, e.type, e.target.id) for e in edges_of(graph)
    )
    drawing = summary.drawing
    for g in drawing.groups:
        assert g.r <= g.x <= drawing.width - g.r and g.r <= g.y <= drawing.height - g.r


def test_the_overview_and_the_explorer_s_data_are_the_same_for_the_same_network():
    first, second = synthetic_views(), synthetic_views()
    assert first.network_overview == second.network_overview
    assert explorer_data(first.graph, first.index) == explorer_data(second.graph, second.index)


@functools.cache
def story_content() -> Path:
    from bench.stories import write_story_corpus

    folder = scratch_folder("briefing-stories-")
    write_story_corpus(folder, 150, seed=2)  # 57 actors in relations
    return folder


def test_a_large_network_page_shows_groups_not_every_actor():
    views = Views(Index(load_content(story_content())))
    assert len(views.graph) > DRAW_ALL_LIMIT and views.network_overview.summarised
    page = rendered(story_content())["network/index.md"]
    assert "network__node" not in page  # no actor drawn one by one: the groups are
    groups = re.findall(r'<tr id="group-(\d+)">', page)
    assert groups == [str(n) for n in range(1, min(COMMUNITY_LIMIT, len(groups)) + 1)]
    drawn = sum(min(layout.groups, len(groups)) for layout in (WIDE_MAP, PHONE_MAP))
    assert page.count('class="community-map__group ') == drawn  # the largest, on each map
    listed = {a.id for c in views.network_overview.communities for a in c.members}
    table = page[page.index('<table class="communities">') :]
    linked = set(re.findall(r'<a href="\.\./actors/([a-z0-9-]+)/"', table))
    assert listed <= linked
    assert 'id="network-explorer" hidden' in page and "api/network.json" in page


def test_a_small_network_is_drawn_whole_with_the_explorer_beside_it():
    page = seed_pages()["network/index.md"]
    assert "community-map" not in page and page.count('class="network__node"') == 7
    assert 'id="network-explorer" hidden' in page
