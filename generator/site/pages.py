"""The page registry: every kind of page the site has, in one table.

For each kind: where its pages live (a pattern with ``{}`` for the key), the template that
renders them, and which records' edits make them stale. Adding a page kind means a row here,
a template in ``templates/`` and a test; URLs (:mod:`.urls`), rendering (:mod:`.render`) and
incremental rebuilds (:mod:`.incremental`) read this table.
"""

from __future__ import annotations

from dataclasses import dataclass

# The three kinds of record, and the folder of content/ each is written in.
RECORD_FOLDERS = {"brief": "briefs", "actor": "actors", "legal": "legal"}


@dataclass(frozen=True)
class PageKind:
    name: str
    path: str  # source path of its pages, "{}" standing for the page's key
    template: str
    # The record folder whose records each have a page of this kind; an edit of such a record
    # makes its own page stale. None: a page rendered again on every rebuild (lists, views).
    one_per: str | None = None
    # Its keys are page numbers (2, 3, …) in a folder it shares with records: a record whose id
    # is a number would take a list page's place.
    numbered: bool = False


PAGE_KINDS: dict[str, PageKind] = {
    kind.name: kind
    for kind in (
        PageKind("home", "index.md", "home.md.j2"),
        PageKind("briefs", "briefs/index.md", "briefs_index.md.j2"),
        PageKind("brief", "briefs/{}.md", "brief.md.j2", one_per="briefs"),
        # The list of briefs, when it is long: one page per year.
        PageKind("briefs-year", "briefs/by-year/{}.md", "briefs_year.md.j2"),
        # The pages of a long list after its first (pagination.py): key "2026/2" (a year's
        # briefs), "2" (the actors, the instruments), "trade/2" (a topic's briefs).
        PageKind("briefs-year-page", "briefs/by-year/{}.md", "briefs_year.md.j2"),
        PageKind("actors", "actors/index.md", "actors_index.md.j2"),
        PageKind("actors-page", "actors/{}.md", "actors_index.md.j2", numbered=True),
        PageKind("actor", "actors/{}.md", "actor.md.j2", one_per="actors"),
        # Key "huawei/2": the actor's briefs past the first page (actorpages.py).
        PageKind("actor-page", "actors/{}.md", "actor.md.j2"),
        PageKind("legal-index", "legal/index.md", "legal_index.md.j2"),
        PageKind("legal-index-page", "legal/{}.md", "legal_index.md.j2", numbered=True),
        PageKind("legal", "legal/{}.md", "legal.md.j2", one_per="legal"),
        PageKind("topics", "topics/index.md", "topics_index.md.j2"),
        PageKind("topic", "topics/{}.md", "topic.md.j2"),
        PageKind("topic-page", "topics/{}.md", "topic.md.j2"),
        PageKind("analysis", "analysis/index.md", "analysis.md.j2"),
        PageKind("stances", "stances/index.md", "stances.md.j2"),
        # A topic's stances over time; key: the topic's slug (stances.NO_TOPIC: no topic).
        PageKind("stances-topic", "stances/{}.md", "stances_topic.md.j2"),
        PageKind("readings", "readings/index.md", "readings.md.j2"),
        PageKind("network", "network/index.md", "network.md.j2"),
        PageKind("timeline", "timeline/index.md", "timeline.md.j2"),
        PageKind("timeline-year", "timeline/{}.md", "timeline_year.md.j2"),
        PageKind("timeline-month", "timeline/{}.md", "timeline_month.md.j2"),  # key "2019-03"
        # A busy month's pages after the first (key "2019-03/2"), or those of a year's entries
        # known only to the year, after the year page's (key "2019/2").
        PageKind("timeline-part", "timeline/{}.md", "timeline_month.md.j2"),
        PageKind("search", "search.md", "search.md.j2"),
    )
}

# Record folder → the kind of page each of its records has ("briefs" → "brief").
RECORD_PAGES = {kind.one_per: kind.name for kind in PAGE_KINDS.values() if kind.one_per}
