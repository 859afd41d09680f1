"""Timelines (generator/analysis/timeline.py): global, per actor, per brief; partial dates kept."""

from __future__ import annotations

import re
from types import SimpleNamespace

import markupsafe
import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.analysis import views as views_module
from generator.analysis.index import Index
from generator.analysis.timeline import Period, group_by_brief, parts_of
from generator.analysis.views import Views
from generator.content.corpus import load_content
from generator.site import actorpages
from helpers.corpora import (
    SEED_BRIEF,
    rendered,
    scratch_folder,
    seed_pages,
    seed_views,
    synthetic_content,
    synthetic_views,
    tiny_brief,
    tiny_content,
)


def shape(years):
    return [(y.year, [(p.date, len(p.entries)) for p in y.periods]) for y in years]


def test_seed_global_timeline_groups_by_year_then_month():
    # 2017: the law is passed. 2019: one event and nine statements dated only by their
    # 2019 source; January 2019: the EU digital chief's event and statement.
    assert shape(seed_views().timeline_years) == [
        ("2017", [("2017", 1)]),
        ("2019", [("2019", 10), ("2019-01", 2)]),
    ]


def test_seed_timeline_page_shows_partial_dates_as_such():
    page = seed_pages()["timeline/index.md"]
    headings = re.findall(r"^(#+) (.+)$", page, re.MULTILINE)
    assert headings == [
        ("#", "Timeline"),
        ("##", "Coming up"),
        ("##", "Everything, by year"),
        ("###", "2017"),
        ("###", "2019"),
        ("####", "January 2019"),
    ]
    assert (
        '<p class="timeline__head"><time datetime="2017">2017</time> · <a href="../briefs/'
        f'{SEED_BRIEF}/">'
    ) in page
    january = page[page.index("#### January 2019") :]
    assert '<time datetime="2019-01">January 2019</time>' in january
    assert '<span class="date-note">(The source says' in january
    assert "January 2017" not in page and "1 January" not in page  # no invented precision


def test_a_brief_is_named_once_per_date_and_a_question_once_per_brief():
    page = seed_pages()["timeline/index.md"]
    year = page[page.index("### 2019") : page.index("#### January 2019")]
    # 2019: one event and nine statements dated only by their 2019 source, all from the seed brief
    assert year.count(f'<a href="../briefs/{SEED_BRIEF}/">') == 1
    groups = seed_views().timeline_groups(
        [e for p in seed_views().timeline_years[1].periods[:1] for e in p.entries]
    )
    assert len(groups) == 1
    questions = [q.question.id for q in groups[0].questions]
    assert len(questions) == len(set(questions)) > 1
    for q in groups[0].questions:
        assert year.count(f">{markupsafe.escape(q.question.text)}</a>") == 1


def test_brief_timeline_has_events_and_statements_with_their_own_date():
    years = seed_views().timelines.of_brief(SEED_BRIEF)
    entries = [e for y in years for p in y.periods for e in p.entries]
    assert [e.kind for e in entries] == ["event", "event", "event", "statement"]
    assert entries[-1].statement.position.actor == "eu-digital-chief"
    page = seed_pages()[f"briefs/{SEED_BRIEF}.md"]
    assert "## Timeline" in page and "### 2017" in page and "#### January 2019" in page


def test_actor_timeline_has_its_events_and_own_dated_statements():
    timelines = seed_views().timelines
    entries = [
        e for y in timelines.of_actor("eu-digital-chief") for p in y.periods for e in p.entries
    ]
    assert [(e.kind, e.date) for e in entries] == [("event", "2019-01"), ("statement", "2019-01")]
    huawei = [e for y in timelines.of_actor("huawei") for p in y.periods for e in p.entries]
    assert [e.kind for e in huawei] == [
        "event",
        "event",
    ]  # its statements are dated only by the source
    assert all("huawei" in e.actor_ids for e in huawei)
    assert timelines.of_actor("united-states") == []  # only relations, nothing dated
    page = seed_pages()["actors/eu-digital-chief.md"]
    timeline = page[page.index("## Timeline") :]
    assert (
        "### 2019" in timeline
        and "#### January 2019" in timeline
        and "Urged EU member states" in timeline
    )


def test_year_only_entries_sort_before_the_months_of_their_year():
    event = {"text": "Something.", "source": "src"}
    content = tiny_content(
        scratch_folder("briefing-dates-"),
        [
            tiny_brief(
                "dates",
                "2020",
                events=[
                    {**event, "date": "2020-02-10", "text": "Later in February."},
                    {**event, "date": "2020", "text": "Sometime in 2020."},
                    {**event, "date": "2020-02", "text": "Sometime in February."},
                    {**event, "date": "2019-12-31", "text": "New Year."},
                ],
            )
        ],
    )
    page = rendered(content)["timeline/index.md"]
    order = [
        page.index(t)
        for t in ("New Year", "Sometime in 2020", "Sometime in February", "Later in February")
    ]
    assert order == sorted(order)
    assert "### December 2019" in page and "### February 2020" in page
    assert '<time datetime="2020-02-10">10 February 2020</time>' in page


def test_synthetic_timelines_hold_every_event_once_in_order():
    views = synthetic_views()
    timelines = views.timelines
    events = sorted((b.id, e.text) for b in views.index.briefs for e in b.events)
    assert sorted((e.brief.id, e.text) for e in timelines.entries if e.kind == "event") == events
    dates = [e.date for e in timelines.entries]
    assert dates == sorted(dates)
    flattened = [e for y in views.timeline_years for p in y.periods for e in p.entries]
    assert flattened == timelines.entries
    for year in views.timeline_years:
        assert all(p.date.startswith(year.year) for p in year.periods)
    actor_id = "actor-001"
    mine = [e for y in timelines.of_actor(actor_id) for p in y.periods for e in p.entries]
    assert mine == [
        e
        for e in timelines.entries
        if actor_id in e.actor_ids and (e.kind == "event" or e.statement.statement.date)
    ]
    assert any(e.kind == "statement" for e in mine)


def test_a_long_timeline_gets_a_page_per_year_month_and_part_of_a_busy_month(monkeypatch):
    monkeypatch.setattr(views_module, "TIMELINE_PAGE_LIMIT", 10)
    pages = rendered(synthetic_content())
    views = synthetic_views()
    timeline_pages = [p for p in pages if p.startswith("timeline/")]
    expected = ["timeline/index.md"]
    for year in views.timeline_years:  # each has more than 10 entries: a page per month too
        expected.append(f"timeline/{year.year}.md")
        for period in year.periods:
            parts = views.timeline_parts(period)
            first = [] if period is year.year_only else [f"timeline/{period.date}.md"]
            expected += first + [f"timeline/{period.date}/{n}.md" for n in range(2, len(parts) + 1)]
    assert timeline_pages == expected
    assert any(p.count("/") == 2 for p in expected)  # some month or year is cut into pages
    for year in views.timeline_years:
        assert f'<a href="{year.year}/">{year.year}</a>' in pages["timeline/index.md"]
        assert f"\n# Timeline: {year.year}\n" in pages[f"timeline/{year.year}.md"]
        for month in year.months:
            assert f'<a href="../{month.date}/">' in pages[f"timeline/{year.year}.md"]
        for period in year.periods:
            parts = views.timeline_parts(period)
            on_pages = [
                pages[
                    f"timeline/{year.year}.md"
                    if n == 1 and period is year.year_only
                    else f"timeline/{period.date}.md"
                    if n == 1
                    else f"timeline/{period.date}/{n}.md"
                ]
                for n in range(1, len(parts) + 1)
            ]
            counts = [page.count('<li class="timeline__entry') for page in on_pages]
            if period is year.year_only:  # the year's page holds its first part only
                counts[0] = len(parts[0].entries)
            assert sum(counts) == len(period.entries)
            for part, page in zip(parts, on_pages):
                assert len(part.entries) <= 10 or len(views.timeline_groups(part.entries)) == 1
                if len(parts) > 1:  # says what it holds, and where the rest is
                    assert f"this is page {part.number} of {len(parts)}, entries" in page
                    assert page.count('<li><a href="') >= len(parts) - 1
                if part.number < len(parts):
                    assert f">Next: page {part.number + 1} of {len(parts)}</a>" in page


@given(
    st.lists(st.tuples(st.integers(1, 28), st.integers(0, 3), st.integers(1, 4)), max_size=40),
    st.integers(1, 12),
)
def test_a_period_is_cut_into_pages_at_group_boundaries(spec, limit):
    # (day, brief, entries of that brief on that day): a group is never cut between pages
    entries = sorted(
        (
            SimpleNamespace(
                date=f"2026-09-{day:02}",
                brief=SimpleNamespace(id=f"b{brief}"),
                event=True,
                sort_key=(day, brief, n),
            )
            for day, brief, count in spec
            for n in range(count)
        ),
        key=lambda e: e.sort_key,
    )
    period = Period("2026-09", entries)
    parts = parts_of(period, limit)
    assert [e for p in parts for e in p.entries] == [
        e for g in group_by_brief(entries) for e in g.entries
    ]
    assert [p.number for p in parts] == list(range(1, len(parts) + 1))
    assert all(p.count == len(parts) for p in parts)
    assert [p.first for p in parts] == [
        1 + sum(len(q.entries) for q in parts[:i]) for i in range(len(parts))
    ]
    groups = [{(e.date, e.brief.id) for e in p.entries} for p in parts]
    for i, one in enumerate(groups):
        assert all(not one & other for other in groups[i + 1 :])  # no group on two pages
    for part in parts:
        assert len(part.entries) <= limit or len(groups[parts.index(part)]) == 1
    for part, following in zip(parts, parts[1:]):  # a page is cut only when the next group
        first_group = group_by_brief(following.entries)[0]  # would not fit
        assert len(part.entries) + len(first_group.entries) > limit


# --- issue 20, item 4: what comes next, disputed events, one group per date and brief, filters ---


def test_groups_hold_every_entry_once_under_its_date_and_brief():
    entries = synthetic_views().timelines.entries
    groups = synthetic_views().timeline_groups(entries)
    assert sorted(map(id, (e for g in groups for e in g.entries))) == sorted(map(id, entries))
    assert len({(g.date, g.brief.id) for g in groups}) == len(groups)
    for group in groups:
        assert all(e.date == group.date and e.brief is group.brief for e in group.entries)
        assert all(e.kind == "event" for e in group.events)
        for q in group.questions:
            assert all(e.statement.question.id == q.question.id for e in q.entries)


def dated_events(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")  # 1 December 2026
    event = {"source": "src", "actors": ["huawei"]}
    accounts = [
        {"text": f"Told by {who}.", "attribution": {"kind": "institutional"}, "source": "src"}
        for who in ("one", "the other")
    ]
    return tiny_content(
        scratch_folder("briefing-upcoming-"),
        [
            tiny_brief(
                "plans",
                "2026-11",
                topics=["Ports"],
                events=[
                    {**event, "date": "2027", "text": "Sometime in 2027.", "status": "scheduled"},
                    {**event, "date": "2027-01-05", "text": "Early January.", "status": "deadline"},
                    {**event, "date": "2026-12", "text": "This December.", "status": "scheduled"},
                    {
                        **event,
                        "date": "2026-11-30",
                        "text": "Yesterday's deadline.",
                        "status": "deadline",
                    },
                    {
                        **event,
                        "date": "2026-12-24",
                        "text": "Christmas Eve.",
                        "status": "scheduled",
                    },
                    {**event, "date": "2026-11-02", "text": "A clash.", "accounts": accounts},
                    {**event, "date": "2026-11-03", "text": "Done.", "actors": ["nato"]},
                ],
            ),
        ],
    )


def test_upcoming_comes_soonest_first_and_a_partial_date_after_the_days_inside_it(monkeypatch):
    content = dated_events(monkeypatch)
    views = Views(Index(load_content(content)))
    assert [e.text for e in views.upcoming] == [
        "Christmas Eve.",
        "This December.",
        "Early January.",
        "Sometime in 2027.",
    ]
    assert [e.text for e in views.disputed] == ["A clash."]
    page = rendered(content)["timeline/index.md"]
    coming = page[page.index("## Coming up") : page.index("## Disputed events")]
    soonest_first = ("Christmas Eve", "This December", "January", "Sometime in 2027")
    order = [coming.index(t) for t in soonest_first]
    assert order == sorted(order)
    assert "Yesterday" not in coming and "1 December 2026" in coming
    disputed = page[page.index("## Disputed events") : page.index("## Everything")]
    assert "Told by one." in disputed and "Told by the other." in disputed


def test_entries_say_what_the_filter_needs_and_the_filter_offers_what_is_there(monkeypatch):
    content = dated_events(monkeypatch)
    views = Views(Index(load_content(content)))
    entries = views.timelines.entries
    kinds = {e.text: e.kinds for e in entries}
    assert kinds["Christmas Eve."] == ("event", "scheduled", "upcoming")
    assert kinds["Yesterday's deadline."] == ("event", "deadline")
    assert kinds["A clash."] == ("event", "happened", "disputed")
    facets = views.timeline_facets(entries)
    assert [a.id for a in facets.actors] == ["huawei", "nato"]  # by name: Huawei…, NATO
    assert facets.topics == [("ports", "Ports")]
    kinds = [k for k, _ in facets.kinds]
    assert kinds == ["event", "upcoming", "scheduled", "deadline", "disputed"]
    page = rendered(content)["timeline/index.md"]
    form = page[page.index('<form class="timeline-filter"') : page.index("</form>")]
    assert '<option value="nato">' in form and '<option value="ports">Ports</option>' in form
    assert '<option value="statement">' not in form  # no statement on the page
    assert 'data-kinds="event happened disputed" data-actors="huawei"' in page
    assert 'data-topics="ports"' in page


def test_an_actors_timeline_on_its_page_keeps_the_latest_entries_and_says_so(monkeypatch):
    monkeypatch.setattr(views_module, "ACTOR_TIMELINE_SHOWN", 3)
    monkeypatch.setattr(actorpages, "BRIEFS_PER_PAGE", 1000)  # one page: its timeline is whole
    views = synthetic_views()
    actor_id = "actor-001"
    years = views.timelines.of_actor(actor_id)
    entries = [e for y in years for p in y.periods for e in p.entries]
    assert len(entries) > 3
    latest = [e for y in views.latest_of(years, 3) for p in y.periods for e in p.entries]
    assert latest == entries[-3:]
    page = rendered(synthetic_content())[f"actors/{actor_id}.md"]
    timeline = page[page.index("## Timeline") : page.index("## Referenced in")]
    assert f"The latest 3 of {len(entries)} dated entries" in timeline
    assert timeline.count('class="timeline__entry ') == 3
