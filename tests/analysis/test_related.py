"""Related briefs (generator/analysis/related.py), ranked from the inverted indexes."""

from __future__ import annotations

import math

import pytest

from generator.analysis import related as related_module
from generator.analysis.index import topic_slug
from helpers.corpora import SEED_BRIEF, seed_pages, seed_views, synthetic_pages, synthetic_views


def brute_force_keys(index, brief):
    actors = {("actor", a.id) for a in index.actors_by_brief[brief.id]}
    laws = {("law", r.instrument) for r in brief.legal_references}
    topics = {("topic", topic_slug(t)) for t in brief.topics}
    return actors | laws | topics


def brute_force_scores(index, brief):
    """Every other brief compared with this one: what the inverted lists must reproduce."""
    frequency = {}
    for b in index.briefs:
        for key in brute_force_keys(index, b):
            frequency[key] = frequency.get(key, 0) + 1
    mine = brute_force_keys(index, brief)
    scores = {}
    for other in index.briefs:
        shared = mine & brute_force_keys(index, other)
        if other.id != brief.id and shared:
            scores[other.id] = sum(math.log(1 + len(index.briefs) / frequency[k]) for k in shared)
    return scores


def test_a_lone_brief_has_no_related_briefs():
    views = seed_views()
    assert views.related(views.index.briefs[0]) == []
    assert "## Related briefs" not in seed_pages()[f"briefs/{SEED_BRIEF}.md"]


def test_related_briefs_match_a_brute_force_ranking():
    views = synthetic_views()
    for brief in views.index.briefs[:15]:
        scores = brute_force_scores(views.index, brief)
        related = views.related(brief)
        assert len(related) == 5
        assert [round(r.score, 6) for r in related] == sorted(
            (round(s, 6) for s in scores.values()), reverse=True
        )[:5]
        for r in related:
            assert r.score == pytest.approx(scores[r.brief.id])
            assert r.shared == len(r.actors) + len(r.instruments) + len(r.topics) > 0


def test_the_order_and_what_is_shared_match_a_brute_force_ranking():
    index = synthetic_views().index
    briefs = {b.id: b for b in index.briefs}
    ties = 0
    for brief in index.briefs:
        scores = brute_force_scores(index, brief)
        mine = brute_force_keys(index, brief)
        shared = {other: mine & brute_force_keys(index, briefs[other]) for other in scores}

        def rank(other):
            return round(scores[other], 9), len(shared[other]), briefs[other].date, other  # noqa: B023

        expected = sorted(scores, key=rank, reverse=True)[:5]
        related = related_module.related_briefs(index, brief)
        assert [r.brief.id for r in related] == expected
        for r in related:
            assert {("actor", a.id) for a in r.actors} | {("law", i.id) for i in r.instruments} | {
                ("topic", t.slug) for t in r.topics
            } == shared[r.brief.id]
        ranked = [round(scores[o], 9) for o in expected]
        ties += len(ranked) - len(set(ranked))
    assert ties > 0  # the corpus does put equals side by side


def test_very_common_keys_are_skipped(monkeypatch: pytest.MonkeyPatch):
    views = synthetic_views()
    brief = views.index.briefs[0]
    monkeypatch.setattr(related_module, "COMMON_KEY_LIMIT", 1)  # every shared key is now "common"
    assert related_module.related_briefs(views.index, brief) == []


def test_brief_page_lists_related_briefs_with_what_they_share():
    views = synthetic_views()
    brief = views.index.briefs[0]
    page = synthetic_pages()[f"briefs/{brief.id}.md"]
    section = page[page.index("## Related briefs") : page.index("## Sources")]
    links = [section.index(f'href="../{r.brief.id}/"') for r in views.related(brief)]
    assert links == sorted(links)  # in rank order
    assert "— shares " in section
