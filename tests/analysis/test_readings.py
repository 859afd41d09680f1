"""Competing readings of the law (generator/analysis/readings.py): per instrument and provision."""

from __future__ import annotations

import re

from helpers.corpora import (
    rendered,
    seed_pages,
    seed_views,
    synthetic_content,
    synthetic_pages,
    synthetic_views,
)

from generator.analysis import views as views_module

LAW = "china-national-intelligence-law-2017"


def test_seed_readings_of_the_duty_to_assist_side_by_side():
    views = seed_views()
    groups = views.readings(views.index.legal[LAW])
    assert [g.provision.id for g in groups] == ["duty-to-assist"]
    readers = [r.reading.actor for r in groups[0].readings]
    # By date, a date known only to its year first (the three "2019" readings, by name),
    # then the EU digital chief's of January 2019.
    assert readers == ["chinese-mission-to-the-eu", "huawei", "us-state-department", "eu-digital-chief"]


def _rows(page: str) -> list[str]:
    return re.findall(r"<tr><th scope=\"row\">.*?</tr>", page, re.S)


def test_seed_readings_page_shows_each_reading_with_source_and_date():
    page = seed_pages()["readings/index.md"]
    assert "## National Intelligence Law (China, 2017)" in page
    assert "### Duty to support, assist and keep secret" in page
    rows = _rows(page)
    assert len(rows) == 4
    expected = {
        "U.S. State Department": "no recourse to resist requests",
        "Huawei Technologies Co.": "legal opinion Huawei commissioned",
        "Chinese Mission to the EU": "mandatory back doors",
        "EU digital chief": "increased the risk of dealing with Huawei",
    }
    for actor, words in expected.items():
        row = next(r for r in rows if f">{actor}</a></th>" in r)
        assert words in row and "Bloomberg</a>" in row and "<time datetime=" in row
    assert '<time datetime="2019-01">January 2019</time>' in next(r for r in rows if "EU digital chief" in r)


def test_legal_page_groups_readings_by_provision():
    page = seed_pages()[f"legal/{LAW}.md"]
    section = page[page.index("## Readings side by side"):page.index("## Cited in")]
    assert "### Duty to support, assist and keep secret" in section
    assert len(_rows(section)) == 4


def test_synthetic_readings_sit_under_each_provision_cited():
    views = synthetic_views()
    for instrument in views.contested_instruments:
        groups = views.readings(instrument)
        expected = sorted(
            (ref.brief.id, ref.reading.actor, provision)
            for ref in views.index.readings_by_instrument[instrument.id]
            for provision in ref.reference.provisions or [None]
        )
        found = sorted(
            (ref.brief.id, ref.reading.actor, g.provision.id if g.provision else None)
            for g in groups for ref in g.readings
        )
        assert found == expected
        for group in groups:
            assert [r.date for r in group.readings] == sorted(r.date for r in group.readings)


def test_synthetic_readings_page_lists_the_latest_five_of_each_provision():
    page = synthetic_pages()["readings/index.md"]
    views = synthetic_views()
    groups = [(i, g) for i in views.contested_instruments for g in views.readings(i)]
    assert any(len(g.readings) > 5 for _, g in groups)
    assert len(_rows(page)) == sum(min(5, len(g.readings)) for _, g in groups) > 20
    for instrument, group in groups:
        if len(group.readings) > 5:
            assert f"The latest 5 of {len(group.readings)} readings" in page


def test_the_readings_page_shows_the_most_read_instruments(monkeypatch):
    monkeypatch.setattr(views_module, "READINGS_INSTRUMENTS", 2)
    views = synthetic_views()
    index = views.index
    read = views.contested_instruments
    assert len(read) > 2
    shown = views.readings_shown
    count = {i.id: len(index.readings_by_instrument[i.id]) for i in read}
    assert len(shown) == 2 and min(count[i.id] for i in shown) >= max(count[i.id] for i in read if i not in shown)
    page = rendered(synthetic_content())["readings/index.md"]
    assert f"the 2 instruments read most often, of {len(read)}" in page
    assert [line for line in page.splitlines() if line.startswith("## ")] == [
        f"## {i.display_title} ({i.jurisdiction}, {i.year})" for i in shown
    ]
