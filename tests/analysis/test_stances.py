"""The stance matrix across briefs (generator/analysis/stances.py) and its page."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.analysis.index import Index
from generator.analysis.stances import _quick_ratio
from generator.analysis.views import Views
from generator.content.corpus import load_content
from helpers.corpora import (
    SEED_BRIEF,
    rendered,
    scratch_folder,
    seed_pages,
    seed_views,
    synthetic_pages,
    synthetic_views,
    tiny_brief,
    tiny_content,
)

QUESTION = {"id": "ban", "text": "Should the ban go ahead?"}


def test_seed_matrix_has_every_position_of_the_brief():
    matrix = seed_views().stance_matrix
    assert {c.id for c in matrix.columns} == {
        "shun-chinese-suppliers",
        "security-risk",
        "law-compels-cooperation",
    }
    assert [a.id for a in matrix.actors] == [
        "chinese-mission-to-the-eu",
        "eu-digital-chief",
        "huawei",
        "us-state-department",
    ]  # by name
    assert matrix.cell("huawei", "law-compels-cooperation").current.stance == "opposes"
    assert matrix.cell("us-state-department", "shun-chinese-suppliers").current.stance == "supports"
    assert matrix.cell("eu-digital-chief", "shun-chinese-suppliers") is None
    assert matrix.changes() == []


def test_a_position_is_dated_by_its_latest_statement_else_its_source():
    matrix = seed_views().stance_matrix
    assert (
        matrix.cell("eu-digital-chief", "security-risk").current.date == "2019-01"
    )  # the statement's date
    assert matrix.cell("huawei", "security-risk").current.date == "2019"  # the source's date


def test_seed_page_shows_stances_in_words_and_icons_linked_to_statements():
    page = seed_pages()["stances/index.md"]
    anchor = "#pos-huawei--law-compels-cooperation"
    cell = re.search(rf'<a href="\.\./briefs/{SEED_BRIEF}/{anchor}">(.*?)</a>', page)
    assert cell, "a matrix this small is on the stances page, each cell linked to its statements"
    assert (
        cell.group(1) == '<span class="stance stance--opposes">opposes</span>'
    )  # the icon comes from CSS
    assert page.count('title="no position stated"') == 12 - 8  # 4 actors × 3 questions, 8 positions
    assert f'href="../briefs/{SEED_BRIEF}/#who-stands-where"' in page  # the per-brief table


def change_corpus(*history: tuple[str, str, str]):
    """One brief per (brief id, date, Huawei's stance on the recurring question "ban")."""

    def position(stance, date):
        return {
            "actor": "huawei",
            "question": "ban",
            "stance": stance,
            "statements": [
                {
                    "paraphrase": "Said so.",
                    "attribution": {"kind": "institutional"},
                    "source": "src",
                    "date": date,
                }
            ],
        }

    briefs = [
        tiny_brief(brief_id, date[:7], questions=[QUESTION], positions=[position(stance, date)])
        for brief_id, date, stance in history
    ]
    return tiny_content(scratch_folder("briefing-change-"), briefs)


def test_a_change_of_stance_is_shown_with_its_dates():
    # Huawei supports in 2018, opposes in March 2019, opposes again later: one change.
    pages = rendered(
        change_corpus(
            ("first", "2018", "supports"),
            ("second", "2019-03-02", "opposes"),
            ("third", "2019-06", "opposes"),
        )
    )
    page = pages["stances/_other.md"]  # the tiny briefs have no topic
    changes = page[page.index("## Stance changes") :]
    line = next(li for li in changes.splitlines() if li.startswith('<li id="change-huawei--ban">'))
    assert "Huawei" in line and "Should the ban go ahead?" in line
    # supports (2018) → opposes (2 March 2019): the change, in order, each linked to its brief
    assert re.search(
        r"first/#pos-huawei--ban.*supports.*2018.*→.*second/#pos-huawei--ban.*opposes.*2 March 2019",
        line,
    )
    assert "third/" not in line  # opposing again is no change
    cell = page[page.index("<tbody>") : page.index("</tbody>")]
    assert "third/#pos-huawei--ban" in cell  # the stance now, linked to its statements
    assert 'supports <span aria-hidden="true">→</span>' in cell and "opposes, " in cell
    assert '<time datetime="2019-03">March 2019</time>' in cell  # when it changed, to the month
    assert "3 stances" in cell
    latest = pages["stances/index.md"]
    latest = latest[latest.index("## Latest stance changes") :]
    assert re.search(
        r"Huawei Technologies Co.</a> on “Should the ban go ahead\?”"
        r".*supports.*2018.*→.*opposes.*2 March 2019",
        latest,
    )
    actor_page = pages["actors/huawei.md"]
    changes = actor_page[actor_page.index("## Stance changes") :]
    assert re.search(r"supports.*2018.*→.*opposes.*2 March 2019", changes.splitlines()[3])
    assert "## Stance changes" not in pages["actors/nato.md"]


def test_a_cell_shows_the_latest_changes_in_words_and_links_to_all():
    page = rendered(
        change_corpus(
            ("a", "2017", "supports"),
            ("b", "2018", "opposes"),
            ("c", "2019", "mixed"),
            ("d", "2020", "neutral"),
        )
    )["stances/_other.md"]
    cell = page[page.index("<tbody>") : page.index("</tbody>")]
    assert "d/#pos-huawei--ban" in cell and "b/#pos-huawei--ban" not in cell
    words = re.sub(r"<[^>]+>|, then", "", cell)
    assert "… → opposes → mixed → neutral, 2020 (3 changes)" in words
    assert '(<a href="./#change-huawei--ban">3 changes</a>)' in cell
    full = page[page.index('<li id="change-huawei--ban">') :]
    assert re.search(
        r"supports.*2017.*→.*opposes.*2018.*→.*mixed.*2019.*→.*neutral.*2020", full.splitlines()[0]
    )


def test_one_id_for_unrelated_questions_makes_two_columns_and_no_change():
    def brief(brief_id, date, text, stance):
        return tiny_brief(
            brief_id,
            date,
            questions=[{"id": "q1", "text": text}],
            positions=[{"actor": "huawei", "question": "q1", "stance": stance}],
        )

    content = tiny_content(
        scratch_folder("briefing-q1-"),
        [
            brief("ban", "2018", "Should the EU ban Huawei from 5G networks?", "opposes"),
            brief("reworded", "2019", "Should the EU ban Huawei from its 5G networks?", "supports"),
            brief("tariffs", "2020", "Will tariffs on steel rise this year?", "neutral"),
        ],
    )
    matrix = Views(Index(load_content(content))).stance_matrix
    assert sorted((c.id, len(c.refs)) for c in matrix.columns) == [("q1", 1), ("q1--2", 2)]
    ban = next(c for c in matrix.columns if len(c.refs) == 2)
    assert [r.stance for r in matrix.cell("huawei", ban.id).changes] == ["opposes", "supports"]
    assert len(matrix.changes()) == 1


def test_synthetic_matrix_holds_every_position_once_in_date_order():
    views = synthetic_views()
    matrix = views.stance_matrix
    positions = [(b.id, p.actor, p.question) for b in views.index.briefs for p in b.positions]
    in_cells = [
        (r.brief.id, r.position.actor, r.question.id) for h in matrix.cells.values() for r in h.refs
    ]
    assert sorted(in_cells) == sorted(positions)
    assert len(views.index.briefs) >= 50
    for (actor_id, question_id), history in matrix.cells.items():
        assert all(
            r.position.actor == actor_id and r.question.id == question_id for r in history.refs
        )
        assert [r.date for r in history.refs] == sorted(r.date for r in history.refs)
        assert history.changed == (len({r.stance for r in history.refs}) > 1)


def test_synthetic_changes_list_each_switch_of_stance():
    matrix = synthetic_views().stance_matrix
    changes = matrix.changes()
    assert changes, "the synthetic corpus has actors whose stance changes"
    for _, _, history in changes:
        stances = [r.stance for r in history.changes]
        assert all(a != b for a, b in zip(stances, stances[1:]))
        assert history.changes[0] is history.refs[0]
    assert len(changes) == sum(h.changed for h in matrix.cells.values())


def test_synthetic_topic_pages_link_every_actors_latest_stance():
    views = synthetic_views()
    pages = synthetic_pages()
    for topic in views.stance_topics:
        page = pages[f"stances/{topic.key}.md"]
        for (actor_id, question_id), history in topic.matrix.cells.items():
            if topic.matrix.actors.index(views.index.actors[actor_id]) < views.topic_matrix_actors:
                assert f"briefs/{history.current.brief.id}/#pos-{actor_id}--{question_id}" in page


@pytest.mark.parametrize(
    "first, second",
    [
        ("should allies ban huawei", "should allies ban huawei equipment"),
        ("a a b c", "a b b c c"),  # repeated words count as often as both have them
        ("a a b", "a a c"),  # a repeat both have counts twice
        ("a b c", "a a a b"),  # repeats on one side only
        ("b b b a", "a b d"),
        ("one two three", "four five six"),
        ("same words other order", "order other words same"),
        ("", ""),
        ("word", ""),
    ],
)
def test_the_quick_word_count_ratio_is_difflibs(first, second):
    assert (
        _quick_ratio(first, second)
        == SequenceMatcher(None, first.split(), second.split()).quick_ratio()
    )


_wordings = st.lists(st.sampled_from(["ban", "huawei", "5g", "allies", "the"]), max_size=8).map(
    " ".join
)


@given(_wordings, _wordings)
def test_the_quick_word_count_ratio_is_difflibs_for_any_wordings(first, second):
    assert (
        _quick_ratio(first, second)
        == SequenceMatcher(None, first.split(), second.split()).quick_ratio()
    )
