"""Timelines (generator/analysis/timeline.py): global, per actor, per brief; partial dates kept."""

from __future__ import annotations

import re

import pytest
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

from generator.analysis import views as views_module


def shape(years):
    return [(y.year, [(p.date, len(p.entries)) for p in y.periods]) for y in years]


def test_seed_global_timeline_groups_by_year_then_month():
    # 2017: the law is passed. 2019: one event and nine statements dated only by their
    # 2019 source; January 2019: the EU digital chief's event and statement.
    assert shape(seed_views().timeline_years) == [("2017", [("2017", 1)]), ("2019", [("2019", 10), ("2019-01", 2)])]


def test_seed_timeline_page_shows_partial_dates_as_such():
    page = seed_pages()["timeline/index.md"]
    headings = re.findall(r"^(#+) (.+)$", page, re.M)
    assert headings == [("#", "Timeline"), ("##", "2017"), ("##", "2019"), ("###", "January 2019")]
    assert '<time datetime="2017">2017</time> · <span class="timeline__kind">Event:</span> China' in page
    assert '<time datetime="2019-01">January 2019</time> <span class="date-note">(The source says' in page
    assert "January 2017" not in page and "1 January" not in page  # no invented precision


def test_brief_timeline_has_events_and_statements_with_their_own_date():
    years = seed_views().timelines.of_brief(SEED_BRIEF)
    entries = [e for y in years for p in y.periods for e in p.entries]
    assert [e.kind for e in entries] == ["event", "event", "event", "statement"]
    assert entries[-1].statement.position.actor == "eu-digital-chief"
    page = seed_pages()[f"briefs/{SEED_BRIEF}.md"]
    assert "## Timeline" in page and "### 2017" in page and "#### January 2019" in page


def test_actor_timeline_has_its_events_and_own_dated_statements():
    timelines = seed_views().timelines
    entries = [e for y in timelines.of_actor("eu-digital-chief") for p in y.periods for e in p.entries]
    assert [(e.kind, e.date) for e in entries] == [("event", "2019-01"), ("statement", "2019-01")]
    huawei = [e for y in timelines.of_actor("huawei") for p in y.periods for e in p.entries]
    assert [e.kind for e in huawei] == ["event", "event"]  # its statements are dated only by the source
    assert all("huawei" in e.actor_ids for e in huawei)
    assert timelines.of_actor("united-states") == []  # only relations, nothing dated
    page = seed_pages()["actors/eu-digital-chief.md"]
    timeline = page[page.index("## Timeline"):]
    assert "### 2019" in timeline and "#### January 2019" in timeline and "Urged EU member states" in timeline


def test_year_only_entries_sort_before_the_months_of_their_year():
    event = {"text": "Something.", "source": "src"}
    content = tiny_content(scratch_folder("briefing-dates-"), [tiny_brief("dates", "2020", events=[
        {**event, "date": "2020-02-10", "text": "Later in February."},
        {**event, "date": "2020", "text": "Sometime in 2020."},
        {**event, "date": "2020-02", "text": "Sometime in February."},
        {**event, "date": "2019-12-31", "text": "New Year."},
    ])])
    page = rendered(content)["timeline/index.md"]
    order = [page.index(t) for t in ("New Year", "Sometime in 2020", "Sometime in February", "Later in February")]
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
        e for e in timelines.entries
        if actor_id in e.actor_ids and (e.kind == "event" or e.statement.statement.date)
    ]
    assert any(e.kind == "statement" for e in mine)


def test_a_long_timeline_gets_a_page_per_year(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(views_module, "TIMELINE_PAGE_LIMIT", 10)
    pages = rendered(synthetic_content())
    years = synthetic_views().timeline_years
    timeline_pages = [p for p in pages if p.startswith("timeline/")]
    expected = ["timeline/index.md"]
    for year in years:  # each has more than 10 entries: a page per month too
        expected += [f"timeline/{year.year}.md"] + [f"timeline/{month.date}.md" for month in year.months]
    assert timeline_pages == expected
    for year in years:
        assert f'<a href="{year.year}/">{year.year}</a>' in pages["timeline/index.md"]
        assert f"\n# Timeline: {year.year}\n" in pages[f"timeline/{year.year}.md"]
        for month in year.months:
            assert f'<a href="../{month.date}/">' in pages[f"timeline/{year.year}.md"]
            page = pages[f"timeline/{month.date}.md"]
            assert page.count('<li class="timeline__entry') == len(month.entries)
        if year.year_only:
            assert pages[f"timeline/{year.year}.md"].count('<li class="timeline__entry') == len(year.year_only.entries)
