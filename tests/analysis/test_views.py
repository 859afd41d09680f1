"""The cross-brief pages as a whole (generator/analysis/views.py): present, in the nav as sections
only, and the backlinks on actor, instrument and topic pages."""

from __future__ import annotations

import yaml

from helpers.corpora import REPO, seed_pages, synthetic_pages, synthetic_views

ANALYSIS_PAGES = [
    "analysis/index.md",
    "stances/index.md",
    "readings/index.md",
    "network/index.md",
    "timeline/index.md",
]


def test_every_view_has_its_page():
    for pages in (seed_pages(), synthetic_pages()):
        for path in ANALYSIS_PAGES:
            assert path in pages
        hub = pages["analysis/index.md"]
        for target in ("../stances/", "../readings/", "../network/", "../timeline/"):
            assert f'href="{target}"' in hub


def test_nav_lists_the_views_as_sections_only():
    from mkdocs.config import load_config

    nav = load_config(str(REPO / "mkdocs.yml"))["nav"]
    analysis = next(
        item["Analysis"] for item in nav if isinstance(item, dict) and "Analysis" in item
    )
    paths = [entry if isinstance(entry, str) else next(iter(entry.values())) for entry in analysis]
    assert paths == ANALYSIS_PAGES
    flat = yaml.safe_dump(nav)
    assert "briefs/" in flat and "huawei" not in flat  # never one entry per brief


def _section(page: str, heading: str) -> str:
    start = page.index(heading)
    end = page.find("\n## ", start + len(heading))
    return page[start:] if end == -1 else page[start:end]


def test_actor_pages_list_every_brief_that_refers_to_them():
    views, pages = synthetic_views(), synthetic_pages()
    for actor_id, briefs in views.index.briefs_by_actor.items():
        # A busy actor's briefs are split over its pages (actors/<id>.md, actors/<id>/2.md, …).
        own = [
            path
            for path in pages
            if path == f"actors/{actor_id}.md" or path.startswith(f"actors/{actor_id}/")
        ]
        sections = "".join(_section(pages[path], "## Referenced in") for path in own)
        assert sorted(b.id for b in briefs) == sorted(
            b.id for b in views.index.briefs if f'briefs/{b.id}/"' in sections
        )


def test_actor_pages_list_their_parts():
    views, pages = synthetic_views(), synthetic_pages()
    parts = {a.id: a.part_of for a in views.index.actors.values() if a.part_of}
    assert parts
    for part, whole in parts.items():
        assert f'href="../{part}/"' in _section(pages[f"actors/{whole}.md"], "## Parts")


def test_instrument_and_topic_pages_list_where_they_are_cited():
    views, pages = synthetic_views(), synthetic_pages()
    for instrument_id, briefs in views.index.briefs_by_instrument.items():
        section = _section(pages[f"legal/{instrument_id}.md"], "## Cited in")
        assert all(f'href="../../briefs/{b.id}/"' in section for b in briefs)
    for topic in views.index.topics.values():
        page = pages[f"topics/{topic.slug}.md"]
        assert all(f'href="../../briefs/{b.id}/"' in page for b in topic.briefs)
