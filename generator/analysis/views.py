"""The cross-brief views, all derived from the one :class:`~generator.analysis.index.Index`.

Each view is worked out the first time a template asks for it, then reused by
every page: the stance matrix, competing readings, the actor network, timelines
and related briefs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import networkx as nx

from generator.analysis import communities, network, readings, related, stances, timeline
from generator.analysis.index import Index
from generator.content.models import Actor, Brief, LegalInstrument, Membership
from generator.site import build_date

BRIEFS_LIST_LIMIT = 200  # briefs listed on one page (about 80 px each at 1,280 px); beyond, by year
TIMELINE_PAGE_LIMIT = 100  # entries on one page; beyond, the timeline splits by year, then month
ACTOR_TIMELINE_SHOWN = 20  # entries of an actor's own timeline on its page: the latest
UPCOMING_SHOWN = 30  # upcoming events and deadlines on the timeline's first page: the soonest
DISPUTED_SHOWN = 10  # disputed events on it: the latest
READINGS_INSTRUMENTS = 6  # instruments on the readings page: the most read
READINGS_ALSO = 30  # instruments listed after them, the most read first (each has its page)
MATRIX_INLINE = (6, 25)  # a whole matrix this small (questions, actors) is on the stances page
TOPIC_MATRIX_ACTORS = 40  # rows of a topic's matrix: the most active (each actor's page has all)
TOPIC_CHANGES = 100  # changes listed on a topic's page: the latest (each actor's page has its own)
LATEST_CHANGES = 20  # stance changes on the stances page: the latest (each topic's page has all)
STANCE_TOPICS_SHOWN = 40  # topics in the stances page's table: the most active (the rest listed)


@dataclass
class BriefYear:
    year: str
    briefs: list[Brief] = field(default_factory=list)


class Views:
    def __init__(self, index: Index):
        self.index = index
        self._related: dict[str, list[related.RelatedBrief]] = {}
        self._timeline_parts: dict[str, list[timeline.TimelinePart]] = {}

    def prepare(self) -> None:
        """Work out the views many pages share, once, before pages are rendered in worker
        processes (which inherit them instead of each working them out again)."""
        for name in ("stance_changes_by_actor", "network_overview", "timelines"):
            getattr(self, name)
        if not self.network_overview.summarised:  # a small network is drawn whole
            _ = self.network_drawing

    # --- stances ---------------------------------------------------------------

    @cached_property
    def stance_matrix(self) -> stances.StanceMatrix:
        return stances.stance_matrix(self.index)

    @property
    def stance_matrix_inline(self) -> bool:
        """Whether the whole matrix is small enough to read on the stances page itself."""
        questions, actors = MATRIX_INLINE
        matrix = self.stance_matrix
        return len(matrix.columns) <= questions and len(matrix.actors) <= actors

    @cached_property
    def stance_topics(self) -> list[stances.TopicStances]:
        """The matrix cut by topic, where actors and questions actually meet: a page each."""
        return stances.by_topic(self.stance_matrix, self.index)

    @cached_property
    def stance_topic_of_column(self) -> dict[str, str]:
        """The key of the topic page (``stances-topic``) that holds each question column."""
        return {c.id: t.key for t in self.stance_topics for c in t.matrix.columns}

    @property
    def stance_topics_shown(self) -> int:
        return STANCE_TOPICS_SHOWN

    @property
    def topic_matrix_actors(self) -> int:
        return TOPIC_MATRIX_ACTORS

    @property
    def topic_changes(self) -> int:
        return TOPIC_CHANGES

    def latest_stance_changes(self) -> list[stances.TopicChange]:
        return stances.latest_changes(self.stance_topics, LATEST_CHANGES)

    @cached_property
    def stance_changes_by_actor(
        self,
    ) -> dict[str, list[tuple[stances.QuestionColumn, stances.StanceHistory]]]:
        """Each actor's changes of stance, the latest first (its page shows the latest)."""
        changes: dict[str, list] = {}
        for actor, column, history in self.stance_matrix.changes():
            changes.setdefault(actor.id, []).append((column, history))
        for listed in changes.values():
            listed.sort(key=lambda change: stances.change_date(change[1]), reverse=True)
        return changes

    # --- readings --------------------------------------------------------------

    @cached_property
    def contested_instruments(self) -> list[LegalInstrument]:
        return readings.contested_instruments(self.index)

    @cached_property
    def readings_shown(self) -> list[LegalInstrument]:
        """What the readings page shows: the most read instruments (each has its own page)."""
        return readings.most_read_instruments(self.index, READINGS_INSTRUMENTS)

    @cached_property
    def readings_also(self) -> list[LegalInstrument]:
        """The instruments read most often after those shown, listed on the readings page."""
        shown = {i.id for i in self.readings_shown}
        rest = [i for i in readings.by_readings(self.index) if i.id not in shown]
        return rest[:READINGS_ALSO]

    def readings(self, instrument: LegalInstrument) -> list[readings.ProvisionReadings]:
        return readings.readings_by_provision(self.index, instrument)

    # --- network ---------------------------------------------------------------

    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        return network.relation_graph(self.index)

    @cached_property
    def network_core(self) -> nx.MultiDiGraph:
        """What the network page shows: the most connected actors and their relations."""
        return network.most_connected(self.graph)

    @cached_property
    def network_edges(self) -> list[network.NetworkEdge]:
        return network.edges_of(self.network_core)

    @cached_property
    def network_drawing(self) -> network.Drawing:
        return network.draw_network(self.network_core, self.index)

    @cached_property
    def network_overview(self) -> communities.Overview:
        """Issue 20: groups of actors, and what the network page's explorer filters by."""
        return communities.overview(self.graph, self.index)

    def neighbourhood(self, actor: Actor) -> network.Drawing:
        ego = network.neighbourhood(self.graph, actor.id)
        return network.draw_neighbourhood(ego, self.index, actor.id)

    def phone_neighbourhood(self, actor: Actor) -> network.PhoneDrawing:
        """The actor's closest neighbours, drawn for a phone (issue 20: names stay legible)."""
        ego = network.neighbourhood(self.graph, actor.id, network.PHONE_NEIGHBOURS)
        return network.draw_phone_neighbourhood(ego, self.index, actor.id)

    # --- timelines -------------------------------------------------------------

    @cached_property
    def timelines(self) -> timeline.Timelines:
        return timeline.Timelines(self.index)

    @cached_property
    def timeline_years(self) -> list[timeline.Year]:
        return self.timelines.years()

    @staticmethod
    def latest_of(years: list[timeline.Year], limit: int) -> list[timeline.Year]:
        """The latest ``limit`` entries of a timeline, grouped again by year and month."""
        entries = [e for year in years for period in year.periods for e in period.entries]
        return timeline.group_by_month(entries[-limit:])

    @staticmethod
    def timeline_groups(entries: list[timeline.TimelineEntry]) -> list[timeline.EntryGroup]:
        return timeline.group_by_brief(entries)

    def timeline_facets(self, entries: list[timeline.TimelineEntry]) -> timeline.Facets:
        return timeline.facets(entries, self.index)

    @cached_property
    def upcoming(self) -> list[timeline.TimelineEntry]:
        return self.timelines.upcoming()

    @cached_property
    def disputed(self) -> list[timeline.TimelineEntry]:
        return self.timelines.disputed()

    @property
    def actor_timeline_shown(self) -> int:
        return ACTOR_TIMELINE_SHOWN

    @property
    def upcoming_shown(self) -> int:
        return UPCOMING_SHOWN

    @property
    def disputed_shown(self) -> int:
        return DISPUTED_SHOWN

    @staticmethod
    def build_day() -> str:
        return build_date.build_day()

    @property
    def timeline_split(self) -> bool:
        """Whether the global timeline is too long for one page and gets a page per year."""
        return len(self.timelines.entries) > TIMELINE_PAGE_LIMIT

    @staticmethod
    def months_split(year: timeline.Year) -> bool:
        """Whether a year is too long for one page and gets a page per month."""
        return year.count > TIMELINE_PAGE_LIMIT

    def timeline_parts(self, period: timeline.Period) -> list[timeline.TimelinePart]:
        """A month's pages (or a year's entries known only to the year): one, or several of
        at most TIMELINE_PAGE_LIMIT entries each when the period has more."""
        parts = self._timeline_parts.get(period.date)
        if parts is None or parts[0].period is not period:
            parts = self._timeline_parts[period.date] = timeline.parts_of(
                period, TIMELINE_PAGE_LIMIT
            )
        return parts

    # --- the list of briefs ----------------------------------------------------

    @property
    def briefs_split(self) -> bool:
        """Whether the list of briefs is too long for one page and gets a page per year."""
        return len(self.index.briefs) > BRIEFS_LIST_LIMIT

    @cached_property
    def brief_years(self) -> list[BriefYear]:
        """The briefs by year, newest first (as the index orders them)."""
        years: dict[str, BriefYear] = {}
        for brief in self.index.briefs:
            years.setdefault(brief.date[:4], BriefYear(brief.date[:4])).briefs.append(brief)
        return list(years.values())

    # --- related briefs and backlinks ------------------------------------------

    def related(self, brief: Brief) -> list[related.RelatedBrief]:
        if brief.id not in self._related:
            self._related[brief.id] = related.related_briefs(self.index, brief)
        return self._related[brief.id]

    @cached_property
    def parts_by_actor(self) -> dict[str, list[Actor]]:
        """Actors that name another as the body they are part of (registry backlinks)."""
        parts: dict[str, list[Actor]] = {}
        for actor in sorted(self.index.actors.values(), key=lambda a: (a.name.casefold(), a.id)):
            if actor.part_of:
                parts.setdefault(actor.part_of, []).append(actor)
        return parts

    @cached_property
    def members_by_actor(self) -> dict[str, list[tuple[Actor, Membership]]]:
        """The members of each group (issue 19: member_of), by name, each with its membership."""
        members: dict[str, list[tuple[Actor, Membership]]] = {}
        for actor in sorted(self.index.actors.values(), key=lambda a: (a.name.casefold(), a.id)):
            for membership in actor.member_of:
                members.setdefault(membership.actor, []).append((actor, membership))
        return members
