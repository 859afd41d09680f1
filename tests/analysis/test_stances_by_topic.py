"""Stances where they are dense (issue 20, item 2): the matrix cut by topic, a page each."""

from __future__ import annotations

import re

from generator.analysis import views as views_module
from generator.analysis.index import Index
from generator.analysis.stances import NO_TOPIC, change_date, latest_changes
from generator.analysis.views import Views
from generator.content.corpus import load_content
from helpers.corpora import rendered, scratch_folder, tiny_brief, tiny_content
from helpers.story_corpus import story_content, story_pages, story_views


def test_every_stance_is_in_the_matrix_of_exactly_one_topic():
    views = story_views()
    topics = views.stance_topics
    assert len(topics) > 1
    columns = [c.id for t in topics for c in t.matrix.columns]
    assert sorted(columns) == sorted(c.id for c in views.stance_matrix.columns)  # each once
    cells = {key: h for t in topics for key, h in t.matrix.cells.items()}
    assert cells == views.stance_matrix.cells
    for topic in topics:
        ids = {c.id for c in topic.matrix.columns}
        assert all(question in ids for _, question in topic.matrix.cells)
        # the actors that meet these questions, and only those
        assert {a.id for a in topic.matrix.actors} == {actor for actor, _ in topic.matrix.cells}


def test_rows_go_by_activity_and_topics_too():
    topics = story_views().stance_topics
    for topic in topics:
        activity = [
            sum(len(h.refs) for (a, _), h in topic.matrix.cells.items() if a == actor.id)
            for actor in topic.matrix.actors
        ]
        assert activity == sorted(activity, reverse=True)
    assert [t.activity for t in topics] == sorted((t.activity for t in topics), reverse=True)


def test_a_topic_lists_its_changes_latest_first():
    views = story_views()
    topics = views.stance_topics
    assert any(t.changes for t in topics), "the story corpus has actors that change their stance"
    for topic in topics:
        dates = [change_date(h) for _, _, h in topic.changes]
        assert dates == sorted(dates, reverse=True)
        assert len(topic.changes) == sum(h.changed for h in topic.matrix.cells.values())
    latest = latest_changes(topics, 5)
    every = sorted((change_date(h) for t in topics for _, _, h in t.changes), reverse=True)
    assert [change_date(c[3]) for c in latest] == every[:5]


def question_in(brief_id: str, date: str, topics: list[str]) -> dict:
    return tiny_brief(
        brief_id,
        date,
        topics=topics,
        questions=[{"id": "tolls", "text": "Should tolls rise?"}],
        positions=[{"actor": "huawei", "question": "tolls", "stance": "supports"}],
    )


def test_a_question_goes_to_the_narrowest_topic_most_of_its_briefs_carry():
    content = tiny_content(
        scratch_folder("briefing-topic-"),
        [
            question_in("a", "2020", ["Ports", "Ports in Spain"]),
            question_in("b", "2021", ["Ports", "Ports in Spain"]),
            question_in("c", "2022", ["Ports in Italy"]),
            tiny_brief("d", "2022", topics=["Ports"]),  # "Ports" is the wider topic
        ],
    )  # "Ports" and "Ports in Spain" are on two of the three: the narrower wins
    views = Views(Index(load_content(content)))
    assert [t.key for t in views.stance_topics] == ["ports-in-spain"]
    assert views.stance_topic_of_column == {"tolls": "ports-in-spain"}


def test_questions_without_a_topic_have_their_own_page():
    content = tiny_content(scratch_folder("briefing-notopic-"), [question_in("a", "2020", [])])
    pages = rendered(content)
    assert f"stances/{NO_TOPIC}.md" in pages
    assert f'href="{NO_TOPIC}/"' in pages["stances/index.md"]


def test_the_stances_page_leads_to_every_topic_and_stays_bounded():
    views = story_views()
    page = story_pages()["stances/index.md"]
    assert not views.stance_matrix_inline  # too big to show whole: the page holds no matrix
    assert "stance-matrix" not in page
    for topic in views.stance_topics:
        assert f'<a href="{topic.key}/">{topic.label}</a>' in page
    changes = page[page.index("## Latest stance changes") : page.index("## Brief by brief")]
    assert changes.count("<li>") == min(20, sum(len(t.changes) for t in views.stance_topics))


def test_a_topic_page_shows_the_stance_now_and_its_history_in_words():
    views = story_views()
    topic = next(t for t in views.stance_topics if t.changes)
    page = story_pages()[f"stances/{topic.key}.md"]
    actor, column, history = topic.changes[0]
    rows = re.findall(r"<tr><th scope=\"row\">.*?</tr>", page, re.DOTALL)
    row = next(r for r in rows if f"/{actor.id}/" in r)
    words = re.sub(r"<[^>]+>|, then", "", row)
    steps = [r.stance for r in history.changes][-3:]
    assert " → ".join(steps) + ", " in words
    assert f'<li id="change-{actor.id}--{column.id}">' in page


def test_past_its_limit_the_stances_page_tables_the_most_active_topics_and_names_the_rest(
    monkeypatch,
):
    monkeypatch.setattr(views_module, "STANCE_TOPICS_SHOWN", 2)
    topics = story_views().stance_topics
    assert len(topics) > 2
    page = rendered(story_content())["stances/index.md"]
    table = page[page.index('<table class="stance-topics">') : page.index("</table>")]
    assert table.count('<tr><th scope="row">') == 2
    assert all(f'href="{t.key}/"' in table for t in topics[:2])  # the most active
    rest = page[page.index('id="other-topics"') : page.index("## Latest stance changes")]
    assert f"The {len(topics) - 2} other topics, by name" in rest
    links = [rest.index(f'<a href="{t.key}/">{t.label}</a>') for t in topics[2:]]
    by_name = sorted(topics[2:], key=lambda t: t.label)
    assert [t.key for _, t in sorted(zip(links, topics[2:]))] == [t.key for t in by_name]
    assert 'the 2 most active; <a href="#other-topics">' in page
