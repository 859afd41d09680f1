"""The actor network: typed relations from every brief, laid out at build time.

networkx holds the graph and computes the layout (a seeded force layout for the
whole network, a circle around the actor for its neighbourhood); this module turns
positions into rounded drawing coordinates. The SVG itself is drawn by a template.
Same input, same coordinates: nodes and edges are added in sorted order, the layout
is seeded, and every coordinate is rounded.
"""

from __future__ import annotations

import functools
import math
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from generator.analysis.index import Index, RelationRef
from generator.content.models import Actor, Brief, Membership

LAYOUT_SEED = 7
MEMBER_OF = "member-of"  # the edge type of a membership
# Drawings stay readable, and pages stay small, however large the corpus: the network
# page draws the most connected actors, an actor's page its closest neighbours. Every
# relation is still listed on the pages of the actors it joins.
NETWORK_LIMIT = 150
NEIGHBOUR_LIMIT = 40
NODE_RADIUS = 7
ARROW_LENGTH = 7
BEND = 14  # px an arrow bows out when another runs the other way
LABEL_LINE = 11  # px between stacked relation labels
LABEL_CHARS = 26
MARGIN_X, MARGIN_Y = 170, 40  # room for labels beside and below nodes
# Where a node's name goes, in order of preference: the first side no arrow at the node
# comes within CLEAR_ANGLE of (so no arrowhead hides under a name), else the clearest.
LABEL_SIDES = ((0.0, 1.0), (0.0, -1.0), (1.0, 0.0), (-1.0, 0.0))  # below, above, right, left
CLEAR_ANGLE = math.radians(50)
COMPONENT_SCALE = 170  # px of box side per square root of the actors in a group
MIN_BOX = 200
BOX_GAP = 150  # room for the labels between groups


@dataclass(frozen=True)
class NetworkEdge:
    """One relation type from one actor to another, with every relation behind it."""

    source: Actor
    type: str
    target: Actor
    refs: tuple[RelationRef, ...]  # newest brief first
    membership: Membership | None = (
        None  # a member_of of the registry (type "member-of"), not an action
    )

    @property
    def briefs(self) -> list[Brief]:
        return list({r.brief.id: r.brief for r in self.refs}.values())


@dataclass(frozen=True)
class NodeShape:
    actor: Actor
    x: float
    y: float
    label: str
    label_x: float
    label_y: float
    anchor: str  # text-anchor: start, middle or end


@dataclass(frozen=True)
class PhoneNode:
    """An actor of a phone's drawing: its name on one or two lines, and a line naming its
    relations with the drawing's actor."""

    actor: Actor
    x: float
    y: float
    lines: tuple[str, ...]
    relations: str
    label_x: float
    label_y: float  # the first line's baseline
    anchor: str


@dataclass(frozen=True)
class PhoneDrawing:
    """An actor's closest neighbours drawn for a phone's width, where names stay legible: the
    actor at the top in the middle, its neighbours in two columns below, the closest first."""

    width: int
    height: int
    focus: PhoneNode
    nodes: list[PhoneNode]
    edges: list[EdgeShape]
    actors_total: int  # the actor's neighbours, drawn or not
    node_radius: int = NODE_RADIUS


@dataclass(frozen=True)
class EdgeLabel:
    edge: NetworkEdge
    x: float
    y: float


@dataclass(frozen=True)
class EdgeShape:
    """One arrow from one actor to another, carrying a label per relation type."""

    source: Actor
    target: Actor
    labels: tuple[EdgeLabel, ...]
    x1: float
    y1: float
    cx: float  # control point of a quadratic curve (on the line when there is no bend)
    cy: float
    x2: float
    y2: float

    @property
    def membership(self) -> bool:
        """Whether the arrow stands for memberships only, drawn unlike actions."""
        return all(label.edge.membership is not None for label in self.labels)


@dataclass(frozen=True)
class Drawing:
    width: int
    height: int
    nodes: list[NodeShape]
    edges: list[EdgeShape]
    node_radius: int = NODE_RADIUS
    actors_total: int = 0  # actors in the graph it was drawn from (more than drawn when limited)
    focus: str = ""  # the id of the actor whose drawing it is, drawn in the middle

    @property
    def limited(self) -> bool:
        return self.actors_total > len(self.nodes)


def relation_graph(index: Index) -> nx.MultiDiGraph:
    """Actors joined by typed relations; one edge per (from, type, to), keyed by type."""
    grouped: dict[tuple[str, str, str], list[RelationRef]] = {}
    for brief in index.briefs:  # newest first
        for relation in brief.relations:
            ref = RelationRef(brief, relation, index.sources[brief.id][relation.source])
            grouped.setdefault((relation.from_actor, relation.type, relation.to_actor), []).append(
                ref
            )
    memberships = {
        (actor.id, MEMBER_OF, m.actor): m
        for actor in index.actors.values()
        for m in actor.member_of
        if actor.id in index.briefs_by_actor and m.actor in index.briefs_by_actor
    }
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(sorted({a for key in [*grouped, *memberships] for a in (key[0], key[2])}))
    for (source, kind, target), refs in sorted(grouped.items()):
        edge = NetworkEdge(index.actors[source], kind, index.actors[target], tuple(refs))
        graph.add_edge(source, target, key=kind, edge=edge)
    # Issue 19: memberships of the registry between actors of the briefs, drawn apart from actions.
    for (source, kind, target), membership in sorted(memberships.items()):
        edge = NetworkEdge(index.actors[source], kind, index.actors[target], (), membership)
        graph.add_edge(source, target, key=kind, edge=edge)
    return graph


def edges_of(graph: nx.MultiDiGraph) -> list[NetworkEdge]:
    return [data["edge"] for _, _, data in sorted(graph.edges(data=True), key=_edge_order)]


def _edge_order(item: tuple) -> tuple[str, str, str]:
    edge = item[2]["edge"]
    return edge.source.id, edge.type, edge.target.id


def most_connected(graph: nx.MultiDiGraph, limit: int = NETWORK_LIMIT) -> nx.MultiDiGraph:
    """The ``limit`` actors with the most relations, and the relations among them."""
    if len(graph) <= limit:
        return graph
    kept = sorted(sorted(graph, key=lambda a: (-graph.degree(a), a))[:limit])
    return _subgraph(kept, graph.edges(kept, keys=True, data=True), total=len(graph))


def neighbourhood(
    graph: nx.MultiDiGraph, actor_id: str, limit: int = NEIGHBOUR_LIMIT
) -> nx.MultiDiGraph:
    """The actor, its direct neighbours (the ``limit`` it has the most relations with),
    and the relations between it and them."""
    if actor_id not in graph:
        return nx.MultiDiGraph()
    edges = [
        *graph.out_edges(actor_id, keys=True, data=True),
        *graph.in_edges(actor_id, keys=True, data=True),
    ]
    weight: dict[str, int] = {}
    for u, v, _, _ in edges:
        other = v if u == actor_id else u
        weight[other] = weight.get(other, 0) + 1
    kept = {actor_id, *sorted(weight, key=lambda a: (-weight[a], a))[:limit]}
    return _subgraph(sorted(kept), edges, total=len(weight) + 1)


def _subgraph(nodes: list[str], edges: Iterable[tuple], *, total: int) -> nx.MultiDiGraph:
    """The nodes, and those of ``edges`` that join two of them, in sorted order (see _shape);
    ``total`` is how many actors they were chosen from."""
    kept = set(nodes)
    sub = nx.MultiDiGraph()
    sub.add_nodes_from(nodes)
    for u, v, key, data in sorted(edges, key=lambda e: (e[0], e[1], e[2])):
        if u in kept and v in kept:
            sub.add_edge(u, v, key=key, **data)
    sub.graph["actors_total"] = total
    return sub


def draw_network(graph: nx.MultiDiGraph, index: Index) -> Drawing:
    """The whole network: each connected group of actors gets a force layout in a box
    sized to it, and the boxes are set in rows, largest first, so no group is squeezed."""
    if not graph:
        return Drawing(0, 0, [], [])
    total = graph.graph.get("actors_total", len(graph))
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph))
    simple.add_edges_from(sorted({tuple(sorted((u, v))) for u, v in graph.edges() if u != v}))
    groups = sorted(
        (sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0])
    )
    row_width = max(720, int(COMPONENT_SCALE * math.sqrt(len(graph))))
    points: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for members in groups:
        side = _box_side(len(members))
        if x and x + side > row_width:
            x, y, row_height = 0.0, y + row_height + BOX_GAP, 0.0
        layout = _layout(*_shape(simple, members))
        box = _fit(layout, x, y, side)
        points.update(box)
        x = x + side + BOX_GAP
        row_height = max(row_height, max(py for _, py in box.values()) - y)
    points, width, height = _framed(points)
    edges = _edge_shapes(graph, points)
    arrows = _arrows_at(edges, points)
    nodes = [_node_clear(index.actors[a], *points[a], arrows.get(a, [])) for a in sorted(graph)]
    return Drawing(width, height, nodes, edges, actors_total=total)


def _shape(
    graph: nx.Graph, members: list[str]
) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """The group's nodes and edges in sorted order. (A subgraph *view* iterates its nodes
    in set order, which changes with Python's hash seed, and the layout depends on order.)"""
    edges = sorted(tuple(sorted(edge)) for edge in graph.subgraph(members).edges())
    return tuple(members), tuple(edges)


@functools.lru_cache(maxsize=256)
def _layout(nodes: tuple[str, ...], edges: tuple[tuple[str, str], ...]) -> dict:
    """Attractive-repulsive forces (ARF) spread hubs and their neighbours evenly, which keeps
    labels apart (its cost grows with the square of the actors: one reason for NETWORK_LIMIT).
    Cached by shape: a preview rebuild after an edit that leaves the relations alone reuses it."""
    group = nx.Graph()
    group.add_nodes_from(nodes)
    group.add_edges_from(edges)
    return nx.arf_layout(group, seed=LAYOUT_SEED)


def _box_side(size: int) -> int:
    return 0 if size == 1 else max(MIN_BOX, int(COMPONENT_SCALE * math.sqrt(size)))


def draw_neighbourhood(ego: nx.MultiDiGraph, index: Index, actor_id: str) -> Drawing:
    """One actor in the middle of the drawing, its neighbours on a circle around it, by name."""
    if not ego:
        return Drawing(0, 0, [], [])
    others = sorted(
        (a for a in ego if a != actor_id), key=lambda a: (index.actors[a].name.casefold(), a)
    )
    points = _ring(others, max(110, 14 * len(others)))
    points[actor_id] = (0.0, 0.0)
    points, width, height = _centred(points)
    centre = points[actor_id]
    edges = _edge_shapes(ego, points)
    arrows = _arrows_at(edges, points)
    nodes = [
        _node_clear(index.actors[a], *points[a], arrows.get(a, []))
        if a == actor_id
        else _node_outward(index.actors[a], *points[a], *centre)
        for a in sorted(ego)
    ]
    return Drawing(
        width, height, nodes, edges, actors_total=ego.graph.get("actors_total", 0), focus=actor_id
    )


# A phone's drawing is drawn at the size it is shown (a 390 px screen leaves 358 px for it), so
# its 12 px names show at about 12 px: fewer actors, names wrapped on up to three lines, no relation
# labels on the arrows (each neighbour's relations are named under its name instead).
PHONE_NEIGHBOURS = 12
PHONE_WIDTH = 358
PHONE_COLUMN = 44  # px from the middle to each column of neighbours
PHONE_FOCUS_Y = 50  # the actor's node, under its name
PHONE_FIRST_ROW = 100
PHONE_ROW = 64  # px between rows: up to three lines of name, one of relations
PHONE_LINE = 15  # px between the lines of a label
PHONE_NAME_LINES = 3
PHONE_LABEL_CHARS = 17  # characters on a line of a neighbour's name (12 px letters: 125 px)
PHONE_FOCUS_CHARS = 34  # characters on a line of the actor's own name, centred above it


def draw_phone_neighbourhood(ego: nx.MultiDiGraph, index: Index, actor_id: str) -> PhoneDrawing:
    """The actor and its closest neighbours (``ego``, see :func:`neighbourhood`) for a phone."""
    weight: dict[str, int] = {}
    types: dict[str, list[str]] = {}
    for u, v, kind in sorted(ego.edges(keys=True)):
        if u == v:  # a relation with itself: no neighbour to draw
            continue
        other = v if u == actor_id else u
        weight[other] = weight.get(other, 0) + 1
        types.setdefault(other, []).append(kind.replace("-", " "))
    others = sorted(weight, key=lambda a: (-weight[a], index.actors[a].name.casefold(), a))
    middle, actor = PHONE_WIDTH / 2, index.actors[actor_id]
    lines = _wrapped(actor, PHONE_FOCUS_CHARS, 2)  # above the node, the last line nearest it
    label_y = PHONE_FOCUS_Y - NODE_RADIUS - 7 - PHONE_LINE * (len(lines) - 1)
    focus = PhoneNode(actor, middle, PHONE_FOCUS_Y, lines, "", middle, label_y, "middle")
    nodes = [_phone_node(index.actors[a], n, types[a]) for n, a in enumerate(others)]
    points = {n.actor.id: (n.x, n.y) for n in [focus, *nodes]}
    rows = (len(nodes) + 1) // 2
    height = PHONE_FIRST_ROW + max(rows - 1, 0) * PHONE_ROW + PHONE_ROW - 8
    return PhoneDrawing(
        PHONE_WIDTH,
        int(height),
        focus,
        nodes,
        _edge_shapes(ego, points),
        ego.graph.get("actors_total", len(ego)) - 1,
    )


def _phone_node(actor: Actor, n: int, types: list[str]) -> PhoneNode:
    """The ``n``-th closest neighbour: left column for even ``n``, right for odd, a row per pair;
    its name on the far side of its node from the middle."""
    side = -1 if n % 2 == 0 else 1
    x = PHONE_WIDTH / 2 + side * PHONE_COLUMN
    y = PHONE_FIRST_ROW + (n // 2) * PHONE_ROW
    kinds = list(dict.fromkeys(types))  # the first, and how many more (the table has them all)
    relations = kinds[0] + (f" +{len(kinds) - 1}" if len(kinds) > 1 else "")
    return PhoneNode(
        actor,
        _round(x),
        _round(y),
        _wrapped(actor, PHONE_LABEL_CHARS, PHONE_NAME_LINES),
        relations,
        _round(x + side * (NODE_RADIUS + 4)),
        _round(y + 4),
        "end" if side < 0 else "start",
    )


def _wrapped(actor: Actor, width: int, most: int) -> tuple[str, ...]:
    """The name on at most ``most`` lines of ``width`` characters; else the first alias that
    fits; else the name's first lines, the last cut short."""
    for name in (actor.name, *actor.aliases):
        lines = textwrap.wrap(name, width)
        if len(lines) <= most:
            return tuple(lines)
    lines = textwrap.wrap(actor.name, width)[:most]
    return (*lines[:-1], lines[-1][: width - 1].rstrip() + "…")


def _ring(actors: list[str], radius: float) -> dict[str, tuple[float, float]]:
    """Points evenly on a circle round (0, 0), the first on the right. (nx.circular_layout puts a
    lone node at the centre, on top of the actor whose neighbour it is.)"""
    return {
        actor: (
            _round(radius * math.cos(2 * math.pi * i / len(actors))),
            _round(radius * math.sin(2 * math.pi * i / len(actors))),
        )
        for i, actor in enumerate(actors)
    }


def _centred(
    points: dict[str, tuple[float, float]],
) -> tuple[dict[str, tuple[float, float]], int, int]:
    """Points round (0, 0) moved so that (0, 0) is the middle of a canvas with room for labels."""
    half_width = math.ceil(max(abs(x) for x, _ in points.values()) + MARGIN_X)
    half_height = math.ceil(max(abs(y) for _, y in points.values()) + MARGIN_Y)
    moved = {a: (_round(x + half_width), _round(y + half_height)) for a, (x, y) in points.items()}
    return moved, 2 * half_width, 2 * half_height


def _fit(positions: dict, left: float, top: float, side: float) -> dict[str, tuple[float, float]]:
    """Layout coordinates → pixels in a ``side``-wide box at (left, top), keeping the shape."""
    xs = [float(p[0]) for p in positions.values()]
    ys = [float(p[1]) for p in positions.values()]
    min_x, min_y = min(xs), min(ys)
    scale = side / ((max(max(xs) - min_x, max(ys) - min_y)) or 1.0)
    return {
        actor: (_round(left + (float(x) - min_x) * scale), _round(top + (float(y) - min_y) * scale))
        for actor, (x, y) in positions.items()
    }


def _framed(
    points: dict, margin_x: float = MARGIN_X, margin_y: float = MARGIN_Y
) -> tuple[dict, int, int]:
    """Points moved inside margins that leave room for labels, and the canvas size around them."""
    min_x = min(x for x, _ in points.values())
    min_y = min(y for _, y in points.values())
    moved = {
        a: (_round(x - min_x + margin_x), _round(y - min_y + margin_y))
        for a, (x, y) in points.items()
    }
    width = max(x for x, _ in moved.values()) + margin_x
    height = max(y for _, y in moved.values()) + margin_y
    return moved, math.ceil(width), math.ceil(height)


def _round(value: float) -> float:
    return round(float(value), 1) + 0.0  # + 0.0 turns -0.0 into 0.0


def _short(actor: Actor) -> str:
    """The name, or an alias when the name is too long for a label, or the name cut short."""
    name = actor.name
    if len(name) <= LABEL_CHARS:
        return name
    fitting = [alias for alias in actor.aliases if len(alias) <= LABEL_CHARS]
    return max(fitting, key=len) if fitting else name[: LABEL_CHARS - 1].rstrip() + "…"


def _node_clear(actor: Actor, x: float, y: float, arrows: list[tuple[float, float]]) -> NodeShape:
    """Label on the first side of LABEL_SIDES clear of the node's ``arrows`` (unit vectors
    from the node along each arrow), or on the side farthest from any of them."""

    def nearness(side: tuple[float, float]) -> float:  # cosine of the angle to the nearest arrow
        return max((side[0] * ax + side[1] * ay for ax, ay in arrows), default=-1.0)

    clear = [side for side in LABEL_SIDES if nearness(side) <= math.cos(CLEAR_ANGLE)]
    return _node_beside(actor, x, y, clear[0] if clear else min(LABEL_SIDES, key=nearness))


def _node_beside(actor: Actor, x: float, y: float, side: tuple[float, float]) -> NodeShape:
    """Label below or above the node, or beside it (right or left) on its middle line."""
    dx, dy = side
    if dx:
        anchor, label_x, label_y = ("start" if dx > 0 else "end"), x + dx * (NODE_RADIUS + 4), y + 4
    else:  # y is the text's baseline: below, a line's height down; above, just over the node
        anchor, label_x = "middle", x
        label_y = y + NODE_RADIUS + 13 if dy > 0 else y - NODE_RADIUS - 5
    return NodeShape(actor, x, y, _short(actor), _round(label_x), _round(label_y), anchor)


def _arrows_at(edges: list[EdgeShape], points: dict[str, tuple[float, float]]) -> dict[str, list]:
    """For each actor, the direction (a unit vector) in which each of its arrows leaves it:
    towards the curve's control point."""
    arrows: dict[str, list[tuple[float, float]]] = {}
    for edge in edges:
        for actor in (edge.source.id, edge.target.id):
            x, y = points[actor]
            length = math.hypot(edge.cx - x, edge.cy - y) or 1.0
            arrows.setdefault(actor, []).append(((edge.cx - x) / length, (edge.cy - y) / length))
    return arrows


def _node_outward(actor: Actor, x: float, y: float, cx: float, cy: float) -> NodeShape:
    """Label on the far side of the node from the centre, so labels never cross the hub."""
    dx, dy = x - cx, y - cy
    if abs(dx) < 1 and abs(dy) < 1:
        return _node_beside(actor, x, y, LABEL_SIDES[0])  # below
    anchor = "start" if dx > 1 else "end" if dx < -1 else "middle"
    length = math.hypot(dx, dy)
    gap = NODE_RADIUS + 6
    return NodeShape(
        actor,
        x,
        y,
        _short(actor),
        _round(x + dx / length * gap),
        _round(y + dy / length * gap + 4),
        anchor,
    )


def _edge_shapes(graph: nx.MultiDiGraph, points: dict[str, tuple[float, float]]) -> list[EdgeShape]:
    """One arrow per direction between two actors, labelled with each relation type;
    when relations run both ways, the two arrows bend apart so both stay visible."""
    by_direction: dict[tuple[str, str], list[NetworkEdge]] = {}
    for edge in edges_of(graph):
        if edge.source.id != edge.target.id:
            by_direction.setdefault((edge.source.id, edge.target.id), []).append(edge)
    return [
        _arrow(
            edges, points[source], points[target], BEND if (target, source) in by_direction else 0.0
        )
        for (source, target), edges in sorted(by_direction.items())
    ]


def _arrow(edges: list[NetworkEdge], start: tuple, end: tuple, bend: float) -> EdgeShape:
    (ax, ay), (bx, by) = start, end
    length = math.hypot(bx - ax, by - ay) or 1.0
    normal_x, normal_y = -(by - ay) / length, (bx - ax) / length  # to the left of start → end
    cx, cy = (ax + bx) / 2 + normal_x * bend * 2, (ay + by) / 2 + normal_y * bend * 2
    x1, y1 = _towards(start, (cx, cy), NODE_RADIUS + 1)
    x2, y2 = _towards(end, (cx, cy), NODE_RADIUS + ARROW_LENGTH)
    mid_x = 0.25 * ax + 0.5 * cx + 0.25 * bx  # the curve's midpoint
    mid_y = 0.25 * ay + 0.5 * cy + 0.25 * by
    top = mid_y - (len(edges) - 1) * LABEL_LINE / 2
    labels = tuple(
        EdgeLabel(edge, _round(mid_x), _round(top + i * LABEL_LINE + 3))
        for i, edge in enumerate(edges)
    )
    return EdgeShape(
        edges[0].source, edges[0].target, labels, x1, y1, _round(cx), _round(cy), x2, y2
    )


def _towards(point: tuple, target: tuple, distance: float) -> tuple[float, float]:
    """``point`` moved ``distance`` towards ``target`` (to stop a line at a node's rim)."""
    dx, dy = target[0] - point[0], target[1] - point[1]
    length = math.hypot(dx, dy) or 1.0
    return _round(point[0] + dx / length * distance), _round(point[1] + dy / length * distance)
