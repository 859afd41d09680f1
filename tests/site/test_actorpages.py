"""Actor pages split by briefs (generator/site/actorpages.py): nothing lost, nothing twice, linked."""

from __future__ import annotations

import html
import re

import pytest

from generator.analysis.stances import change_date
from generator.site import actorpages
from generator.site.actorpages import actor_pages
from helpers.corpora import rendered, seed_pages, seed_views, synthetic_content, synthetic_views
from helpers.story_corpus import story_content, story_views


@pytest.fixture
def five_per_page(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(actorpages, "BRIEFS_PER_PAGE", 5)
    return 5


def busiest_actor(views):
    return max(
        views.index.actors.values(),
        key=lambda a: (len(views.index.briefs_by_actor.get(a.id, [])), a.id),
    )


def test_an_actor_in_few_briefs_has_one_page_with_everything():
    index = synthetic_views().index
    few = [
        a
        for a in index.actors.values()
        if len(index.briefs_by_actor.get(a.id, [])) <= actorpages.BRIEFS_PER_PAGE
    ]
    assert len(few) > 10  # most actors of a small corpus
    for actor in few:
        (page,) = actor_pages(index, actor)
        assert page.path == f"actors/{actor.id}.md"
        assert page.statements == index.statements_by_actor.get(actor.id, [])
        assert page.briefs == index.briefs_by_actor.get(actor.id, [])


def test_pages_share_out_the_actors_briefs_and_statements(five_per_page):
    views = synthetic_views()
    index, actor = views.index, busiest_actor(views)
    pages = actor_pages(index, actor)
    briefs = index.briefs_by_actor[actor.id]
    assert len(pages) == -(-len(briefs) // five_per_page) > 2
    assert [b for p in pages for b in p.briefs] == briefs
    assert sorted(id(r) for p in pages for r in p.statements) == sorted(
        id(r) for r in index.statements_by_actor[actor.id]
    )
    assert sorted(id(r) for p in pages for r in p.relations) == sorted(
        id(r) for r in index.relations_by_actor.get(actor.id, [])
    )
    for page in pages:
        assert all(
            r.brief.id in page.brief_ids
            for r in [*page.statements, *page.readings, *page.relations]
        )
    assert [p.path for p in pages] == [f"actors/{actor.id}.md"] + [
        f"actors/{actor.id}/{n}.md" for n in range(2, len(pages) + 1)
    ]


def test_every_page_is_rendered_and_links_to_the_others(five_per_page):
    views = synthetic_views()
    actor = busiest_actor(views)
    pages = actor_pages(views.index, actor)
    site = rendered(synthetic_content())
    for page in pages:
        text = site[page.path]
        assert text.count('<nav class="pager"') == 2
        assert f'<strong aria-current="page">{page.number}</strong>' in text
        listed = re.findall(
            r'<li><time[^>]*>[^<]*</time> · <a href="[^"]*briefs/([^/"]+)/"',
            text.split("## Referenced in")[1],
        )
        assert listed == [b.id for b in page.briefs]
        statements = text.split("## Positions and statements")[1].split("\n## ")[0]
        assert statements.count('class="statement__context"') == len(page.statement_groups)
        assert statements.count('class="statement__meta"') == len(page.statements)
        assert ('<div class="profile">' in text) == (page.number == 1)
    second = site[pages[1].path]
    assert f"\n# {actor.name}: briefs 6–10\n" in second
    assert '<a href="../3/">3</a> <a href="../4/">4</a>' in second
    assert 'href="../"' in second  # back to the first page, from actors/<id>/2/
    assert 'href="../3/"' in second


def context(ref) -> tuple[str, str, str]:
    return ref.brief.id, ref.question.id, ref.date


@pytest.mark.parametrize("views", [seed_views, synthetic_views])
def test_statements_are_grouped_in_runs_of_one_position_and_date(views):
    index = views().index
    for actor in index.actors.values():
        for page in actor_pages(index, actor):
            groups = page.statement_groups
            assert [ref for run in groups for ref in run] == page.statements  # all, in order
            assert all({context(ref) for ref in run} == {context(run[0])} for run in groups)
            assert all(
                context(a[-1]) != context(b[0]) for a, b in zip(groups, groups[1:])
            )  # runs are whole


def test_two_statements_of_one_position_share_one_heading_on_the_actor_page():
    page = seed_pages()["actors/chinese-mission-to-the-eu.md"]
    statements = page.split("## Positions and statements")[1].split("\n## ")[0]
    assert statements.count('class="statement__context"') == 1
    assert statements.count('class="statement__meta"') == 2


# --- lists that grow with the corpus, bounded on an actor's page (issue 20) ---


@pytest.fixture
def two_shown(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setattr(actorpages, "CHANGES_SHOWN", 2)
    monkeypatch.setattr(actorpages, "NAMES_SHOWN", 2)
    return rendered(story_content())


def folded_section(page: str, heading: str) -> tuple[list[str], list[str], str]:
    """The items of a section shown at once, those folded, and the section's text."""
    section = page.split(f"\n## {heading}\n")[1].split("\n## ")[0]
    shown, _, rest = section.partition("<details")
    return re.findall(r"<li>(.*?)</li>", shown), re.findall(r"<li>(.*?)</li>", rest), section


def test_an_actor_s_stance_changes_show_the_latest_and_fold_the_rest(two_shown):
    views = story_views()
    changed = {a: c for a, c in views.stance_changes_by_actor.items() if len(c) > 2}
    assert changed, "the story corpus should have an actor with more than two changes"
    for actor_id, changes in changed.items():
        page = two_shown[f"actors/{actor_id}.md"]
        shown, folded, section = folded_section(page, "Stance changes")
        assert len(shown) == 2 and len(shown) + len(folded) == len(changes)
        assert f"2 of {len(changes)}, the latest first" in section
        assert f"<summary>{len(changes) - 2} earlier changes</summary>" in section
        dates = [change_date(history) for _, history in changes]
        assert dates == sorted(dates, reverse=True)
        for item, (column, _) in zip(shown + folded, changes, strict=True):
            assert html.unescape(item).startswith(f"“{column.text}”")


def test_an_actor_s_members_and_parts_show_the_first_and_fold_the_rest(two_shown):
    views = story_views()
    lists = [("Members", views.members_by_actor), ("Parts", views.parts_by_actor)]
    checked = 0
    for heading, by_actor in lists:
        for actor_id, names in by_actor.items():
            page = two_shown[f"actors/{actor_id}.md"]
            shown, folded, _ = folded_section(page, heading)
            assert len(shown) == min(2, len(names)) and len(shown) + len(folded) == len(names)
            checked += len(names) > 2
    assert checked, "the story corpus should have a group of more than two members"
