"""The network at overview level: communities of actors (Louvain), their map, the most
reported relations, and the data of the explorer (issue 20)."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import networkx as nx

from generator.analysis.index import Index
from generator.analysis.network import (
    LAYOUT_SEED,
    NetworkEdge,
    _fit,
    _round,
    _shape,
    _wrapped,
    edges_of,
)
from generator.content.models import Actor

# --- overview: communities (issue 20) ----------------------------------------------------
# Past DRAW_ALL_LIMIT actors, drawing every actor and label gives a tangle: the network page
# summarises groups of actors that mostly act on each other (communities, found by Louvain's
# method) as a map of groups and a table of their members. Each actor's page draws its own.
DRAW_ALL_LIMIT = 40
COMMUNITY_LIMIT = 24  # groups drawn and listed; the smaller rest are counted in one line
MEMBERS_SHOWN = 12  # names listed per group, most connected first
STRONGEST_LIMIT = 20  # rows of the table of the most reported relations
LEADING_NAMES = 2  # members named under a group's disc, most connected first
NAME_LINES = 2  # lines a leading member's name may take (else an alias, else cut short)
MAP_PAD = 12  # px around a disc and its label inside the disc's cell
MIN_DISC = 6  # px: the radius of the smallest group's disc, however small beside the largest
CHAR_WIDTH = 0.62  # of the font size: a generous average letter width, so labels fit their cell
EXPLORER_SPREAD = 1200  # px: the explorer's rows of groups are at least this wide
EXPLORER_STEP = 40  # px, roughly, between neighbouring actors in the explorer
FORCE_LIMIT = 400  # actors in a group laid out by forces; a larger group goes on a spiral


@dataclass(frozen=True)
class Community:
    number: int  # 1 is the largest group
    members: tuple[Actor, ...]  # most connected first
    relations_inside: int
    links: tuple[tuple[int, int], ...]  # (other group's number, relations between them), most first

    @property
    def listed(self) -> tuple[Actor, ...]:
        """The members a page names at once; the rest behind a "more"."""
        return self.members[:MEMBERS_SHOWN]

    @property
    def unlisted(self) -> tuple[Actor, ...]:
        return self.members[MEMBERS_SHOWN:]

    @property
    def name(self) -> str:
        """Named after its most connected actors, as an analyst would speak of it."""
        more = len(self.members) - 2
        return " and ".join(a.name for a in self.members[:2]) + (f" (+{more})" if more > 0 else "")


@dataclass(frozen=True)
class MapLayout:
    """A grid of equal cells, one group's disc and label in each."""

    groups: int  # drawn: the largest; the table lists COMMUNITY_LIMIT
    columns: int
    cell: int  # px: a cell's width
    disc: int  # px: the radius of the largest group's disc
    font: int  # px: the labels' letters
    line: int  # px between the lines of a label

    @property
    def cell_height(self) -> int:
        lines = 1 + LEADING_NAMES * NAME_LINES
        return 4 * MAP_PAD + 2 * self.disc + lines * self.line

    @property
    def label_chars(self) -> int:
        """Characters a label line may hold inside its cell."""
        return int((self.cell - 2 * MAP_PAD) / (self.font * CHAR_WIDTH))


# Three columns fill the page's column on a wide screen at about their own size; two columns
# fill a phone's width (the phone's map is shown instead below the breakpoint), three rows.
WIDE_MAP = MapLayout(groups=9, columns=3, cell=240, disc=56, font=15, line=19)
PHONE_MAP = MapLayout(groups=6, columns=2, cell=179, disc=42, font=13, line=17)


@dataclass(frozen=True)
class GroupShape:
    community: Community
    x: float  # the disc's centre
    y: float
    r: float
    lines: tuple[str, ...]  # the label under the disc: number and size, then leading members
    first_line: float  # the first line's baseline; each next one MapLayout.line lower


@dataclass(frozen=True)
class CommunityMap:
    width: int
    height: int
    groups: list[GroupShape]
    groups_total: int  # every group found; the map draws the largest
    font: int = 0  # px: the labels' letters
    line: int = 0  # px between the lines of a label

    @property
    def partial(self) -> bool:
        return len(self.groups) < self.groups_total


@dataclass(frozen=True)
class Overview:
    """What the network page shows of a large network, and what its explorer loads."""

    communities: list[Community]  # the COMMUNITY_LIMIT largest
    others: int  # groups too small to list
    others_actors: int
    drawing: CommunityMap  # for a wide screen
    phone_drawing: CommunityMap
    strongest: list[NetworkEdge]  # the relations the most briefs report
    actors_total: int
    relations_total: int
    types: list[str]  # relation types present, for the explorer's filter
    years: list[int]  # the years relations are dated in, for the explorer's filter

    @property
    def summarised(self) -> bool:
        """Too many actors to draw each: the page shows the groups instead."""
        return self.actors_total > DRAW_ALL_LIMIT


def _simple(graph: nx.MultiDiGraph) -> nx.Graph:
    """Undirected, weighted by the relations between two actors, in sorted order (Louvain's
    result depends on the order it meets nodes in, which must not depend on hash seeds)."""
    weights: dict[tuple[str, str], int] = {}
    for u, v in graph.edges():
        if u != v:
            pair = (u, v) if u < v else (v, u)
            weights[pair] = weights.get(pair, 0) + 1
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph))
    simple.add_weighted_edges_from((u, v, w) for (u, v), w in sorted(weights.items()))
    return simple


@functools.lru_cache(maxsize=4)
def _communities(nodes: tuple[str, ...], edges: tuple[tuple[str, str, int], ...]) -> list[list]:
    """Groups of actors, largest first, each sorted. Cached by shape: the page and the data
    file of one build ask for the same."""
    simple = nx.Graph()
    simple.add_nodes_from(nodes)
    simple.add_weighted_edges_from(edges)
    found = nx.community.louvain_communities(simple, weight="weight", seed=LAYOUT_SEED)
    return sorted((sorted(group) for group in found), key=lambda g: (-len(g), g[0]))


def communities_of(graph: nx.MultiDiGraph) -> list[list[str]]:
    simple = _simple(graph)
    return _communities(tuple(simple), tuple((u, v, w) for u, v, w in simple.edges(data="weight")))


def overview(graph: nx.MultiDiGraph, index: Index) -> Overview:
    groups = communities_of(graph)
    group_of = {actor: n for n, members in enumerate(groups, 1) for actor in members}
    inside: dict[int, int] = {}
    between: dict[tuple[int, int], int] = {}
    for u, v in graph.edges():
        a, b = sorted((group_of[u], group_of[v]))
        if a == b:
            inside[a] = inside.get(a, 0) + 1
        else:
            between[(a, b)] = between.get((a, b), 0) + 1
    shown = groups[:COMMUNITY_LIMIT]
    between = {pair: count for pair, count in between.items() if max(pair) <= len(shown)}
    communities = [
        Community(
            n,
            tuple(index.actors[a] for a in _by_degree(members, graph)),
            inside.get(n, 0),
            _links(n, between),
        )
        for n, members in enumerate(shown, 1)
    ]
    edges = edges_of(graph)
    return Overview(
        communities=communities,
        others=len(groups) - len(shown),
        others_actors=sum(len(g) for g in groups[len(shown) :]),
        drawing=_community_map(communities, WIDE_MAP, len(groups)),
        phone_drawing=_community_map(communities, PHONE_MAP, len(groups)),
        strongest=sorted((e for e in edges if e.refs), key=_most_reported)[:STRONGEST_LIMIT],
        actors_total=len(graph),
        relations_total=len(edges),
        types=sorted({e.type for e in edges}),
        years=sorted({year for e in edges for year in _years(e)}),
    )


def _by_degree(actors: list[str], graph: nx.MultiDiGraph) -> list[str]:
    return sorted(actors, key=lambda a: (-graph.degree(a), a))


def _links(number: int, between: dict[tuple[int, int], int]) -> tuple[tuple[int, int], ...]:
    """(other group, relations) for each group ``number`` has relations with, most first."""
    links = [(b if a == number else a, n) for (a, b), n in between.items() if number in (a, b)]
    return tuple(sorted(links, key=lambda link: (-link[1], link[0])))


def _most_reported(edge: NetworkEdge) -> tuple:
    return -len(edge.briefs), edge.source.id, edge.type, edge.target.id


def _community_map(communities: list[Community], layout: MapLayout, total: int) -> CommunityMap:
    """The ``layout.groups`` largest groups, each a disc (area by its actors) in a cell of a grid, so
    that no disc or label can reach another; under each disc its number, size and leading
    members. The table below names the members and the groups each acts on."""
    drawn = communities[: layout.groups]
    if not drawn:
        return CommunityMap(0, 0, [], 0)
    largest = len(drawn[0].members)
    columns = min(layout.columns, len(drawn))
    rows = math.ceil(len(drawn) / columns)
    groups = [_group_shape(c, i, columns, largest, layout) for i, c in enumerate(drawn)]
    width, height = columns * layout.cell, rows * layout.cell_height
    return CommunityMap(width, height, groups, total, layout.font, layout.line)


def _group_shape(
    community: Community, place: int, columns: int, largest: int, layout: MapLayout
) -> GroupShape:
    row, column = divmod(place, columns)
    r = max(MIN_DISC, layout.disc * math.sqrt(len(community.members) / largest))
    x = column * layout.cell + layout.cell / 2
    y = row * layout.cell_height + MAP_PAD + layout.disc
    chars = layout.label_chars
    leaders = community.members[:LEADING_NAMES]
    leading = [line for a in leaders for line in _name_lines(a, chars, a is not leaders[-1])]
    title = _fitted(f"{community.number}. {_actors(len(community.members))}", chars)
    first_line = y + layout.disc + MAP_PAD + layout.line
    return GroupShape(
        community, _round(x), _round(y), _round(r), (title, *leading), _round(first_line)
    )


def _actors(count: int) -> str:
    return f"{count:,} actor" + ("" if count == 1 else "s")


def _name_lines(actor: Actor, chars: int, comma: bool) -> tuple[str, ...]:
    """A leading member's name on NAME_LINES lines at most; a comma ends all but the last
    name, so that two names wrapped on several lines read apart."""
    lines = _wrapped(actor, chars - 1, NAME_LINES)
    return (*lines[:-1], lines[-1] + ",") if comma else lines


def _fitted(text: str, chars: int) -> str:
    """``text`` cut short with an ellipsis when longer than ``chars`` characters."""
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


def _years(edge: NetworkEdge) -> set[int]:
    """The years a relation is reported in: its own date, else its brief's."""
    return {int(str(ref.relation.date or ref.brief.date)[:4]) for ref in edge.refs}


def explorer_data(graph: nx.MultiDiGraph, index: Index) -> dict:
    """Every actor and relation for the explorer (templates/assets/network.js). Each group of
    actors gets a force layout of its own in a box sized to it, the boxes set in rows, largest
    first, so that groups never overlap; a group too large for a force layout (whose cost
    grows with the square of its actors) is set on a spiral, most connected in the middle."""
    groups = communities_of(graph)
    simple = _simple(graph)
    row_width = max(EXPLORER_SPREAD, int(EXPLORER_STEP * 3 * math.sqrt(len(graph))))
    nodes = []
    x = y = row_height = 0.0
    for n, members in enumerate(groups, 1):
        side = EXPLORER_STEP * 2 * math.sqrt(len(members))
        if x and x + side > row_width:
            x, y, row_height = 0.0, y + row_height + EXPLORER_STEP * 3, 0.0
        ranked = _by_degree(members, graph)
        forces = len(members) <= FORCE_LIMIT
        layout = _group_layout(*_shape(simple, members)) if forces else _spiral(ranked)
        for actor, (px, py) in _fit(layout, x, y, side).items():
            nodes.append(
                {"id": actor, "name": index.actors[actor].name, "group": n, "x": px, "y": py}
            )
        x, row_height = x + side + EXPLORER_STEP * 3, max(row_height, side)
    edges = [
        {
            "source": e.source.id,
            "target": e.target.id,
            "type": e.type,
            "briefs": len(e.briefs),
            "years": sorted(_years(e)),
        }
        for e in edges_of(graph)
    ]
    return {"nodes": sorted(nodes, key=lambda node: node["id"]), "edges": edges}


def _group_layout(nodes: tuple[str, ...], edges: tuple[tuple[str, str], ...]) -> dict:
    group = nx.Graph()
    group.add_nodes_from(nodes)
    group.add_edges_from(edges)
    if len(group) == 1:
        return {nodes[0]: (0.0, 0.0)}
    return nx.spring_layout(group, seed=LAYOUT_SEED)


def _spiral(actors: list[str]) -> dict[str, tuple[float, float]]:
    """A sunflower spiral (points the golden angle apart), evenly spread, the first in the middle."""
    golden_angle = math.pi * (3 - math.sqrt(5))
    return {
        actor: (
            math.sqrt(rank) * math.cos(rank * golden_angle),
            math.sqrt(rank) * math.sin(rank * golden_angle),
        )
        for rank, actor in enumerate(actors)
    }
