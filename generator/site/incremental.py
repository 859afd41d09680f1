"""Render again only the pages an edit can have changed, for ``mkdocs serve``.

Records come from a :class:`~generator.content.filecache.FileCache`, so an unchanged file
gives back the same object and a changed record is found by identity. A record is
shown on its own page and, through the briefs that mention it, on the pages of those
briefs, of every actor and instrument they cite, of their topics and of the timeline
months their entries fall in; those pages are rendered again, from the index as it was
and as it is now (so removals count too). Other pages (home, lists, cross-brief views)
are always rendered again, and everything is when a template changes.

The build's day is an input too: a scheduled event or a deadline shows as upcoming or passed
as seen from it. A build on another day than the last renders again the pages of every event
that changed side between the two days (:func:`_retimed_pages`); the timeline's first page,
which lists what is upcoming and names the day, is not scoped: it is rendered every time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.analysis.index import Index
from generator.analysis.related import COMMON_KEY_LIMIT, ranking_keys, related_briefs
from generator.analysis.stances import NO_TOPIC, column_topic
from generator.analysis.views import Views
from generator.content.corpus import Corpus
from generator.content.models import Brief, Event
from generator.site.actorpages import actor_pages
from generator.site.build_date import build_day
from generator.site.pages import RECORD_PAGES
from generator.site.render import BuilderPage, Renderer
from generator.site.urls import page_path


@dataclass(frozen=True)
class _Build:
    records: dict[tuple[str, str], object]  # (folder, id) → record
    index: Index
    pages: dict[str, BuilderPage]
    templates: frozenset[tuple[str, int, int]]
    related: dict[str, list[tuple] | None]  # brief id → its related briefs, where worked out
    day: str  # the build's day the pages were rendered for (what is upcoming is seen from it)


class IncrementalRenderer:
    def __init__(self, renderer: Renderer):
        self.renderer = renderer
        self._last: _Build | None = None
        self.retimed = 0  # pages render_changed rendered again because the day changed

    def render_site(self, corpus: Corpus, index: Index) -> list[BuilderPage]:
        records = _records(corpus)
        templates = _stamp(self.renderer.templates_dir)
        last, day = self._last, build_day()
        related: dict[str, list[tuple] | None] = {}
        if last is None or last.templates != templates:
            pages = self.renderer.render_for_builder(index)
        else:
            stale = _stale_pages(last, records, index, related)
            stale |= _stale_stance_pages(last, records, self.renderer.views(index))
            stale |= _retimed_pages(index, last.day, day)
            fresh = self.renderer.render_for_builder(
                index,
                only=lambda path: path in stale or _first_page(path) in stale or not _scoped(path),
            )
            known = {**last.pages, **{page.path: page for page in fresh}}
            paths = self.renderer.page_paths(index)
            if all(path in known for path in paths):
                pages = [known[path] for path in paths]
            else:  # a page with no earlier version that no change explains: don't guess
                pages = self.renderer.render_for_builder(index)
        by_path = {page.path: page for page in pages}
        self._last = _Build(records, index, by_path, templates, related, day)
        return pages

    def resume(self, corpus: Corpus, day: str) -> None:
        """Take ``corpus`` as the last build's content, as if this renderer had rendered it on
        ``day`` (the build cache's: its unchanged records must be the very objects of the corpus
        now, and ``day`` the build's day its pages were rendered for)."""
        stamp = _stamp(self.renderer.templates_dir)  # the cache's key vouches for the templates
        self._last = _Build(_records(corpus), Index(corpus), {}, stamp, {}, day)

    def render_changed(
        self, corpus: Corpus, index: Index, *, known: Callable[[str], bool]
    ) -> list[BuilderPage | str]:
        """After :meth:`resume`: every page in order, those an edit may have changed rendered and
        the others (kept from the last build) given by their path alone. A page the last build
        did not make, or that ``known`` does not vouch for, is rendered whatever changed."""
        assert self._last is not None, "render_changed() without resume()"
        records = _records(corpus)
        stale = _stale_pages(self._last, records, index, {})
        paths = self.renderer.page_paths(index)
        stale |= _stale_stance_pages(self._last, records, self.renderer.views(index))
        retimed = _retimed_pages(index, self._last.day, build_day())
        self.retimed = len(retimed)
        stale |= retimed
        render = {
            p
            for p in paths
            if p in stale or _first_page(p) in stale or not _scoped(p) or not known(p)
        }
        rendered = iter(self.renderer.render_for_builder(index, only=render.__contains__))
        self._last = None  # its pages are not kept: a build renders once
        return [next(rendered) if path in render else path for path in paths]


def _records(corpus: Corpus) -> dict[tuple[str, str], object]:
    return {
        (folder, key): record
        for folder in RECORD_PAGES
        for key, record in getattr(corpus, folder).items()
    }


def _stale_pages(
    last: _Build,
    records: dict[tuple[str, str], object],
    index: Index,
    related: dict[str, list[tuple] | None],
) -> set[str]:
    """The pages an edit may have changed; ``related`` receives the related-briefs lists worked
    out for ``index`` (the next edit compares with them instead of working them out again)."""
    changed = _changed(last, records)
    stale = {page_path(RECORD_PAGES[folder], key) for folder, key in changed}
    candidates: set[str] = set()  # briefs whose related-briefs list the change may alter
    for each in (last.index, index):
        briefs = {brief.id: brief for brief in each.briefs}
        for folder, key in changed:
            # Briefs of the same story list this one as earlier or later (issue 19), and the
            # events of the earlier ones link to it as their outcome: while the brief keeps
            # all but its positions, they show nothing of it that changed but on their page.
            quiet = _positions_only(last, records, (folder, key))
            for brief_id, in_story in _briefs_showing(each, folder, key):
                candidates |= _briefs_sharing_keys(each, briefs[brief_id])
                if in_story and quiet:
                    stale.add(page_path("brief", brief_id))
                    continue
                stale.update(_pages_of_brief(each, briefs[brief_id]))
                stale.update(_timeline_pages(each, briefs[brief_id]))
            if folder == "actors":
                stale.update(
                    page_path("actor", a.id) for a in each.actors.values() if a.part_of == key
                )
                # Memberships (issue 19) show on both sides: the member's page and the group's.
                stale.update(
                    page_path("actor", a.id)
                    for a in each.actors.values()
                    if any(m.actor == key for m in a.member_of)
                )
                if key in each.actors:
                    stale.update(page_path("actor", m.actor) for m in each.actors[key].member_of)
    if len(last.index.briefs) != len(index.briefs):  # every ranking is weighed anew
        candidates = {brief.id for brief in index.briefs}
    before, after = ({b.id: b for b in each.briefs} for each in (last.index, index))
    edited = {key for folder, key in changed if folder == "briefs"}
    rankings_kept = (
        bool(edited)
        and len(edited) == len(changed)
        and all(
            _ranking_keys_of(last.index, before.get(key)) == _ranking_keys_of(index, after.get(key))
            for key in edited
        )
    )
    for key in candidates:
        was = last.related[key] if key in last.related else _related(last.index, before.get(key))
        if rankings_kept:  # only the lists that show an edited brief change
            if was is not None and any(entry[0] in edited for entry in was):
                stale.add(page_path("brief", key))  # its list is worked out again next time
            else:
                related[key] = was
            continue
        related[key] = _related(index, after.get(key))
        if was != related[key]:
            stale.add(page_path("brief", key))
    return stale


def _ranking_keys_of(index: Index, brief: Brief | None) -> tuple | None:
    return ranking_keys(index, brief) if brief is not None else None


def _related(index: Index, brief: Brief | None) -> list[tuple] | None:
    """What a brief's "related briefs" section shows, to compare before and after an edit."""
    if brief is None:
        return None
    return [
        (
            r.brief.id,
            r.brief.title,
            r.brief.date,
            r.brief.status,
            round(r.score, 9),
            [a.name for a in r.actors],
            [i.display_title for i in r.instruments],
            [t.label for t in r.topics],
        )
        for r in related_briefs(index, brief)
    ]


def _changed(last: _Build, records: dict[tuple[str, str], object]) -> set[tuple[str, str]]:
    """The records edited, added or removed since the last build."""
    changed = {key for key, record in records.items() if last.records.get(key) is not record}
    return changed | (set(last.records) - set(records))


def _positions_only(last: _Build, records: dict[tuple[str, str], object], key: tuple) -> bool:
    """Whether the record is a brief, there before and now, whose edit changed only its
    positions (who stands where, and their statements)."""
    before, now = last.records.get(key), records.get(key)
    if not (isinstance(before, Brief) and isinstance(now, Brief)):
        return False
    return before.model_copy(update={"positions": []}) == now.model_copy(update={"positions": []})


def _stale_stance_pages(
    last: _Build, records: dict[tuple[str, str], object], views: Views
) -> set[str]:
    """The stances pages of topics (``stances-topic``) an edit may have changed: every one,
    unless only briefs' positions changed. Then the matrix's columns are the same questions
    with the same topics (a column's topic comes from its briefs' topics, not positions), and
    only the pages of the columns of the edited briefs' questions can change."""
    changed = _changed(last, records)
    matrix = views.stance_matrix
    if not all(_positions_only(last, records, key) for key in changed):
        return {page_path("stances-topic", topic.key) for topic in views.stance_topics}
    edited = {key for _, key in changed}
    return {
        page_path("stances-topic", column_topic(column, views.index) or NO_TOPIC)
        for column in matrix.every_column
        if any(brief.id in edited for brief in column.briefs)
    }


def _retimed_pages(index: Index, before: str, now: str) -> set[str]:
    """The pages that show an event whose timing (upcoming or passed) seen from day ``now``
    is not what it was from day ``before``: its brief's page, the pages of its actors (their
    timelines) and its timeline year and month. An event with a month- or year-precision date
    changes side at the end of its month or year (``Event.timing``)."""
    stale: set[str] = set()
    for brief, event in _retimed_events(index, before, now):
        stale.add(page_path("brief", brief.id))
        for actor in filter(None, map(index.actors.get, event.actors)):
            stale.update(part.path for part in actor_pages(index, actor))
        stale.add(page_path("timeline-year", event.date[:4]))
        stale.add(page_path("timeline-month", event.date[:7]))
    return stale


def _retimed_events(index: Index, before: str, now: str) -> Iterator[tuple[Brief, Event]]:
    if before == now:
        return
    for brief in index.briefs:
        for event in brief.events:
            if event.timing(before) != event.timing(now):
                yield brief, event


def _briefs_showing(index: Index, folder: str, key: str) -> Iterator[tuple[str, bool]]:
    """The briefs that show the record, each with whether it shows it only as a brief of the
    same story."""
    if folder == "briefs":
        if key in index.sources:  # published (or shown as a draft)
            yield key, False
            brief = next(b for b in index.briefs if b.id == key)
            for other in index.earlier_in_story(brief) + index.later_in_story(brief):
                yield other.id, True
    elif folder == "actors":
        yield from ((brief.id, False) for brief in index.briefs_by_actor.get(key, ()))
    else:
        yield from ((brief.id, False) for brief in index.briefs_by_instrument.get(key, ()))


def _briefs_sharing_keys(index: Index, brief: Brief) -> set[str]:
    """Briefs whose related-briefs list this brief can enter, leave or re-weigh
    (those sharing an actor, instrument or topic that is not too common to count)."""
    shared = [
        index.briefs_by_actor.get(actor.id, []) for actor in index.actors_by_brief.get(brief.id, [])
    ]
    shared += [index.briefs_by_instrument.get(ref.instrument, []) for ref in brief.legal_references]
    shared += [topic.briefs for topic in index.topics_of(brief)]
    return {
        other.id for briefs in shared if len(briefs) <= COMMON_KEY_LIMIT + 1 for other in briefs
    }


def _pages_of_brief(index: Index, brief: Brief) -> Iterator[str]:
    """The brief's page, the pages of every actor and instrument it cites, of its topics,
    and of its year in the list of briefs."""
    yield page_path("brief", brief.id)
    yield page_path("briefs-year", brief.date[:4])
    for actor in index.actors_by_brief.get(brief.id, ()):
        yield from (part.path for part in actor_pages(index, actor))
    yield from (page_path("legal", ref.instrument) for ref in brief.legal_references)
    yield from (page_path("topic", topic.slug) for topic in index.topics_of(brief))


def _timeline_pages(index: Index, brief: Brief) -> Iterator[str]:
    """The timeline pages (years, months) that the brief's events and dated statements are on."""
    sources = index.sources[brief.id]
    dates = [event.date for event in brief.events]
    dates += [s.date or sources[s.source].date for p in brief.positions for s in p.statements]
    for date in filter(None, dates):
        yield page_path("timeline-year", date[:4])
        yield page_path("timeline-month", date[:7])


def _first_page(path: str) -> str:
    """The first page of the period a timeline page continues ("timeline/2026-09/2.md" →
    "timeline/2026-09.md"), or of the list a list's page continues ("topics/trade/2.md" →
    "topics/trade.md", pagination.py): when it is stale, every entry after the edit may have
    moved on."""
    return path.rsplit("/", 1)[0] + ".md"


def _scoped(path: str) -> bool:
    """Whether the page shows a known set of records, so that only edits to them change it:
    the page of a brief, actor (any of its pages), instrument or topic, or a timeline year or month."""
    folder, _, name = path.partition("/")
    # The list of every actor or instrument, and its later pages ("actors/2.md"), show them all.
    every_record = name == "index.md" or name.removesuffix(".md").isdigit()
    scoped = {"briefs", "actors", "legal", "topics", "timeline", "stances"}
    return not every_record and folder in scoped


def _stamp(folder: Path) -> frozenset[tuple[str, int, int]]:
    """Changes when any template is added, removed or saved."""
    return frozenset(
        (str(path), info.st_mtime_ns, info.st_size)
        for path in folder.rglob("*")
        if path.is_file() and (info := path.stat())
    )
