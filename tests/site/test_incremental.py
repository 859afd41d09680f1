"""Incremental rendering: after an edit, the pages are exactly those of a full render,
yet only the pages the edited record shows up on were rendered again."""

from __future__ import annotations

import contextlib
import datetime
import itertools
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import Phase, example, given, settings
from hypothesis import strategies as st

from bench.synthetic import write_corpus
from generator.analysis import views as views_module
from generator.analysis.index import Index
from generator.content.corpus import load_content
from generator.content.filecache import FileCache
from generator.site import incremental as incremental_module
from generator.site import pagination
from generator.site import render as render_module
from generator.site.actorpages import actor_pages
from generator.site.build_date import build_day
from generator.site.feeds import FEED_LENGTH, FeedBuilder
from generator.site.incremental import IncrementalRenderer
from generator.site.render import Renderer
from helpers.story_corpus import coarsen_event_dates, story_content

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


class Preview:
    """What the MkDocs plugin does on each rebuild of `mkdocs serve`."""

    def __init__(self, content: Path, templates: Path):
        self.content, self.cache = content, FileCache()
        self.renderer = Renderer(templates)
        self.incremental = IncrementalRenderer(self.renderer)
        self.rendered: list[int] = []
        original = self.renderer.render_for_builder

        def counting(*args, **kwargs):
            pages = original(*args, **kwargs)
            self.rendered.append(len(pages))
            return pages

        self.renderer.render_for_builder = counting  # type: ignore[method-assign]

    def rebuild(self) -> dict[str, tuple]:
        corpus = load_content(self.content, cache=self.cache)
        pages = self.incremental.render_site(corpus, Index(corpus))
        return {page.path: (page.text, page.meta) for page in pages}


def _full_render(content: Path, templates: Path) -> dict[str, tuple]:
    pages = Renderer(templates).render_for_builder(Index(load_content(content)))
    return {page.path: (page.text, page.meta) for page in pages}


def _edit(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(pattern, replacement, text, count=1, flags=re.M), encoding="utf-8")
    # A new modification time, whatever the clock's resolution, and another at each edit: an edit
    # that keeps the file's size (one date for another) must still look changed to the file cache.
    stamp = next(_EDIT_STAMPS)
    os.utime(path, ns=(stamp, stamp))


_EDIT_STAMPS = itertools.count(1_000_000_000)


@pytest.fixture
def content(tmp_path) -> Path:
    write_corpus(tmp_path / "content", briefs=40, seed=11)
    return tmp_path / "content"


def test_an_edited_brief_changes_exactly_what_a_full_render_would(content):
    preview = Preview(content, TEMPLATES)
    before = preview.rebuild()
    brief = sorted((content / "briefs").glob("*.yaml"))[7]
    _edit(brief, r"^title: .*$", "title: A new headline")
    after = preview.rebuild()
    assert after == _full_render(content, TEMPLATES)
    assert after != before
    assert preview.rendered[-1] < len(after) / 2  # far from everything was rendered again


def test_edits_in_a_row_to_what_a_brief_says_and_to_what_relates_it_match_a_full_render(content):
    preview = Preview(content, TEMPLATES)
    preview.rebuild()
    brief = sorted((content / "briefs").glob("*.yaml"))[7]
    for pattern, replacement in [
        (r"^title: .*$", "title: First new headline"),  # what other briefs' related lists show
        (r"^title: .*$", "title: Second new headline"),  # the same, from the lists kept last time
        (r"^topics:\n", "topics:\n- A topic of its own\n"),  # what ranks it among related briefs
        (r"^date: .*$", "date: '1999-01-01'"),  # what orders it among equals
    ]:
        _edit(brief, pattern, replacement)
        assert preview.rebuild() == _full_render(content, TEMPLATES), replacement


def test_an_edited_actor_renders_again_every_page_that_names_it(content):
    preview = Preview(content, TEMPLATES)
    preview.rebuild()
    corpus = load_content(content)
    actor_id = max(
        corpus.actors, key=lambda a: sum(a in b.model_dump_json() for b in corpus.briefs.values())
    )
    _edit(content / "actors" / f"{actor_id}.yaml", r"^name: .*$", "name: Renamed Actor")
    after = preview.rebuild()
    assert after == _full_render(content, TEMPLATES)
    assert sum("Renamed Actor" in text for text, _ in after.values()) > 3


def test_removed_and_added_files_are_followed(content):
    preview = Preview(content, TEMPLATES)
    preview.rebuild()
    brief = sorted((content / "briefs").glob("*.yaml"))[3]
    moved = content / "briefs" / "a-new-id.yaml"
    text = brief.read_text(encoding="utf-8")
    brief.unlink()
    moved.write_text(
        re.sub(r"^id: .*$", "id: a-new-id", text, count=1, flags=re.M), encoding="utf-8"
    )
    after = preview.rebuild()
    assert after == _full_render(content, TEMPLATES)
    assert "briefs/a-new-id.md" in after and f"briefs/{brief.stem}.md" not in after


def test_a_template_edit_renders_everything_again(content, tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    preview = Preview(content, templates)
    first = preview.rebuild()
    _edit(templates / "topic.md.j2", r"^# ", "# Topic: ")
    after = preview.rebuild()
    assert preview.rendered[-1] == len(after) == len(first)
    assert after == _full_render(content, templates)


def test_feeds_and_data_files_are_made_again_only_for_what_changed(content, monkeypatch):
    made: list[int] = []
    original = render_module._make_files
    monkeypatch.setattr(
        render_module, "_make_files", lambda jobs, n: made.append(n) or original(jobs, n)
    )
    cache, renderer = FileCache(), Renderer(TEMPLATES)
    first = renderer.render_files(Index(load_content(content, cache=cache)))
    assert len(made) > 50  # every data file and feed (in this process: too few for workers)
    made.clear()
    again = renderer.render_files(Index(load_content(content, cache=cache)))
    # only the three made from every record: api/briefs.json, then actors, legal, schemas; the network
    assert len(made) == 3
    assert again == first
    brief = sorted((content / "briefs").glob("*.yaml"))[7]
    _edit(brief, r"^title: .*$", "title: A new headline")
    made.clear()
    edited = renderer.render_files(Index(load_content(content, cache=cache)))
    redone = list(made)
    assert edited == Renderer(TEMPLATES).render_files(Index(load_content(content)))
    index = Index(load_content(content))
    feeds_with_it = [
        spec
        for spec in FeedBuilder("Briefings").specs(index)
        if brief.stem in [b.id for b in spec[3][:FEED_LENGTH]]
    ]
    assert (
        len(redone) == 4 + len(feeds_with_it) < len(first) / 4
    )  # the lists, its data file, its feeds


def test_an_edit_reaches_its_year_in_a_long_list_of_briefs(content, monkeypatch):
    monkeypatch.setattr(views_module, "BRIEFS_LIST_LIMIT", 10)  # a page per year
    preview = Preview(content, TEMPLATES)
    preview.rebuild()
    _edit(sorted((content / "briefs").glob("*.yaml"))[7], r"^title: .*$", "title: A new headline")
    after = preview.rebuild()
    assert after == _full_render(content, TEMPLATES)
    assert any(
        path.startswith("briefs/by-year/") and "A new headline" in text
        for path, (text, _) in after.items()
    )


def _small_list_pages(monkeypatch) -> None:
    """Pages of a few entries, so that an edit moves entries from one page of a list to another."""
    monkeypatch.setattr(views_module, "BRIEFS_LIST_LIMIT", 10)  # a page per year
    monkeypatch.setattr(pagination, "TABLE_ROWS_PER_PAGE", 3)
    monkeypatch.setattr(pagination, "LINES_PER_PAGE", 4)


def _list_edits(content: Path) -> list[tuple[Path, str, str]]:
    """Edits that move entries across the pages of lists: a brief's date (its year's list, its
    topics'), an actor's kind (the actors' list, by kind then name: the last goes first)."""
    briefs = sorted((content / "briefs").glob("*.yaml"))
    actors = load_content(content).actors.values()
    last = max(actors, key=lambda a: (a.kind, a.name.lower()))
    first_kind = min(a.kind for a in actors)
    assert last.kind != first_kind
    return [
        (briefs[7], r"^date: .*$", "date: '1999-01-01'"),
        (content / "actors" / f"{last.id}.yaml", r"^kind: .*$", f"kind: {first_kind}"),
        (briefs[2], r"^title: .*$", "title: A new headline"),
    ]


def test_edits_that_move_entries_across_list_pages_match_a_full_render(content, monkeypatch):
    _small_list_pages(monkeypatch)
    preview = Preview(content, TEMPLATES)
    first = preview.rebuild()
    assert any(path.startswith("actors/") and path[7:-3].isdigit() for path in first)
    for path, pattern, replacement in _list_edits(content):
        _edit(path, pattern, replacement)
        assert preview.rebuild() == _full_render(content, TEMPLATES), replacement


def test_a_cached_build_keeps_only_list_pages_an_edit_left_alone(content, monkeypatch):
    """render_changed (the build cache's) redoes a list's later pages with its first."""
    _small_list_pages(monkeypatch)
    for path, pattern, replacement in _list_edits(content):
        cache, renderer = FileCache(), Renderer(TEMPLATES)
        corpus = load_content(content, cache=cache)
        before = {page.path: page.text for page in renderer.render_for_builder(Index(corpus))}
        incremental = IncrementalRenderer(renderer)
        incremental.resume(corpus, build_day())
        _edit(path, pattern, replacement)
        corpus = load_content(content, cache=cache)
        pages = incremental.render_changed(corpus, Index(corpus), known=lambda _: True)
        full = _full_render(content, TEMPLATES)
        kept = [page for page in pages if isinstance(page, str)]
        assert kept, "some pages are kept"
        assert [p for p in kept if before[p] != full[p][0]] == [], replacement


# Edits of a brief of the story corpus (threads of briefs, questions that recur): what only its
# positions say (a statement, a stance, a statement's date across months), and what more
# (its topics, an event's date, its title).
STORY_EDITS = [
    (r"^  - paraphrase: .*$", "  - paraphrase: An edited paraphrase."),
    (r"^  stance: \w+$", "  stance: opposes"),
    (r"^  stance: \w+$", "  stance: supports"),
    (r'^    date: ".*"$', '    date: "2011-03-05"'),
    (r"^topics:\n", "topics:\n- A topic of its own\n"),
    (r'^- date: ".*"$', '- date: "2012-07-01"'),
    (r"^title: .*$", "title: A new headline"),
]


def _cached_rebuild(
    content: Path, edit, days: tuple[datetime.date, datetime.date] | None = None
) -> tuple[dict[str, tuple], set[str]]:
    """What ``render_changed`` (the build cache's) gives after ``edit``: every page, the kept
    ones as the build before made them; and the paths of those it rendered again. ``days``:
    the build's day before and after the edit (else the build's day of the test run)."""
    day_before, day_after = days or (None, None)
    cache, renderer = FileCache(), Renderer(TEMPLATES)
    with _built_on(day_before):
        corpus = load_content(content, cache=cache)
        index = Index(corpus)
        before = {page.path: (page.text, page.meta) for page in renderer.render_for_builder(index)}
        incremental = IncrementalRenderer(renderer)
        incremental.resume(corpus, build_day())
    edit()
    with _built_on(day_after):
        corpus = load_content(content, cache=cache)
        pages = incremental.render_changed(corpus, Index(corpus), known=before.__contains__)
    kept = {page: before[page] for page in pages if isinstance(page, str)}
    rendered = {page.path: (page.text, page.meta) for page in pages if not isinstance(page, str)}
    return kept | rendered, set(rendered)


@settings(max_examples=8, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(
    brief_number=st.integers(0, 59),
    edits=st.lists(st.sampled_from(STORY_EDITS), min_size=1, max_size=2),
    added=st.booleans(),
    deleted=st.booleans(),
)
def test_a_cached_build_after_story_edits_is_a_full_render(brief_number, edits, added, deleted):
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder) / "content"
        shutil.copytree(story_content(), content)
        briefs = sorted((content / "briefs").glob("*.yaml"))

        def edit():
            brief = briefs[brief_number]
            for pattern, replacement in edits:
                _edit(brief, pattern, replacement)
            if added:  # a brief more in its story, of the same text
                text = re.sub(r"^id: .*$", "id: an-added-brief", brief.read_text(), flags=re.M)
                (content / "briefs" / "an-added-brief.yaml").write_text(text, encoding="utf-8")
            if deleted:  # one that no other brief follows
                last = briefs[(brief_number + 1) % len(briefs)]
                if not any(f"- {last.stem}\n" in other.read_text() for other in briefs):
                    last.unlink()

        pages, _ = _cached_rebuild(content, edit)
        assert pages == _full_render(content, TEMPLATES)


def test_a_statement_edit_renders_again_only_what_shows_it():
    """Its story's other briefs list it by title: their pages, not their actors' or their
    timelines'; and only the stances of its own questions' topics."""
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder) / "content"
        shutil.copytree(story_content(), content)
        brief = content / "briefs" / "agricultural-trade-nauru-00002-3.yaml"
        pattern, replacement = STORY_EDITS[1]
        pages, rendered = _cached_rebuild(content, lambda: _edit(brief, pattern, replacement))
        assert pages == _full_render(content, TEMPLATES)
        index = Index(load_content(content))
        story = [b for b in index.briefs if b.id.startswith("agricultural-trade-nauru-00002-")]
        assert len(story) > 3 and {f"briefs/{b.id}.md" for b in story} <= rendered
        own_actors = {f"actors/{a.id}.md" for a in index.actors_by_brief[brief.stem]}
        others = {f"actors/{a.id}.md" for b in story for a in index.actors_by_brief[b.id]}
        assert others - own_actors and not (others - own_actors) & rendered
        stances = [p for p in pages if p.startswith("stances/") and p != "stances/index.md"]
        assert 0 < len(rendered.intersection(stances)) < len(stances)


# -- the build's day (issue #23 item 2) ----------------------------------------------------------
# A scheduled event or a deadline shows as upcoming or passed as seen from the build's day. The
# story corpus has such events from 2019 to 2027; three are given coarser dates here, so that
# they change side only at the end of their month or year.
COARSE_DATES = {"2026-12-15": "2026-12", "2027-02-15": "2027", "2020-07-08": "2020"}


@contextlib.contextmanager
def _built_on(day: datetime.date | None) -> Iterator[None]:
    """Build on ``day`` (noon UTC), as the MkDocs plugin pins it: ``SOURCE_DATE_EPOCH``."""
    if day is None:
        yield
        return
    noon = datetime.datetime(day.year, day.month, day.day, 12, tzinfo=datetime.UTC)
    earlier = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(noon.timestamp()))
    try:
        yield
    finally:
        if earlier is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = earlier


def _story_with_coarse_dates(folder: Path) -> Path:
    content = folder / "content"
    shutil.copytree(story_content(), content)
    coarsen_event_dates(content, COARSE_DATES)
    return content


def _full_render_on(day: datetime.date, content: Path) -> dict[str, tuple]:
    with _built_on(day):
        return _full_render(content, TEMPLATES)


@settings(max_examples=6, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate])
@example(day=datetime.date(2026, 12, 1), days_later=1)  # the event of 2026-12-01 passes
@example(day=datetime.date(2026, 12, 31), days_later=1)  # the end of 2026-12
@example(day=datetime.date(2020, 12, 31), days_later=1)  # the end of 2020
@example(day=datetime.date(2027, 1, 1), days_later=-1)  # a day going backwards
@example(day=datetime.date(2026, 12, 1), days_later=0)
@given(
    day=st.dates(datetime.date(2019, 1, 1), datetime.date(2027, 12, 31)),
    days_later=st.integers(-60, 60) | st.integers(-900, 900),
)
def test_a_cached_render_on_another_day_is_a_full_render_of_that_day(day, days_later):
    later = day + datetime.timedelta(days=days_later)
    with tempfile.TemporaryDirectory() as folder:
        content = _story_with_coarse_dates(Path(folder))
        pages, _ = _cached_rebuild(content, lambda: None, days=(day, later))
        assert pages == _full_render_on(later, content)


def _scoped_pages(rendered: set[str]) -> set[str]:
    """The pages rendered because of what they show (the others are rendered every time)."""
    return {path for path in rendered if incremental_module._scoped(path)}


@pytest.mark.parametrize(
    ("day", "passing", "timeline"),
    [
        (datetime.date(2026, 12, 2), "ports-and-shipping-dominica-00005-6", "2026-12"),
        (datetime.date(2027, 1, 1), "ports-and-shipping-dominica-00000-1", "2026-12"),
        (datetime.date(2028, 1, 1), "ports-and-shipping-dominica-00000-2", "2027"),
    ],
)
def test_a_day_later_renders_again_only_the_pages_of_the_event_that_passed(day, passing, timeline):
    """Dates known to the day, the month and the year: each passes the day after it ends."""
    with tempfile.TemporaryDirectory() as folder:
        content = _story_with_coarse_dates(Path(folder))
        the_day_before = day - datetime.timedelta(days=1)
        pages, rendered = _cached_rebuild(content, lambda: None, days=(the_day_before, day))
        assert pages == _full_render_on(day, content)
        briefs = {path for path in _scoped_pages(rendered) if path.startswith("briefs/")}
        assert briefs == {f"briefs/{passing}.md"}
        index = Index(load_content(content))
        brief = next(b for b in index.briefs if b.id == passing)
        actors = {
            part.path
            for event in brief.events
            for actor in event.actors
            for part in actor_pages(index, index.actors[actor])
        }
        expected = {
            f"briefs/{passing}.md",
            f"timeline/{timeline[:4]}.md",
            f"timeline/{timeline}.md",
        }
        assert f"timeline/{timeline}.md" in rendered
        assert _scoped_pages(rendered) - actors == _scoped_pages(expected)


def test_a_day_on_which_no_event_changes_side_renders_again_only_what_is_always_rendered():
    with tempfile.TemporaryDirectory() as folder:
        content = _story_with_coarse_dates(Path(folder))
        days = (datetime.date(2026, 12, 2), datetime.date(2026, 12, 3))  # no event on the 2nd
        pages, rendered = _cached_rebuild(content, lambda: None, days=days)
        assert pages == _full_render_on(days[1], content)
        assert _scoped_pages(rendered) == set()
