"""A small story corpus (bench/stories.py), loaded once, for the tests of the views that
need threads of briefs whose questions recur: stances by topic, sides of readings."""

from __future__ import annotations

import functools
from pathlib import Path

from bench.stories import write_story_corpus
from generator.analysis.index import Index
from generator.analysis.views import Views
from generator.content.corpus import load_content
from helpers.corpora import rendered, scratch_folder

STORY_BUILD_DAY_EPOCH = "1796083200"  # 1 December 2026, the corpus' default build date


@functools.cache
def story_content():
    folder = scratch_folder("briefing-stories-") / "content"
    write_story_corpus(folder, briefs=60, seed=3)
    return folder


def story_views() -> Views:
    return Views(Index(load_content(story_content())))


@functools.cache
def story_pages() -> dict[str, str]:
    return rendered(story_content())


def coarsen_event_dates(content: Path, coarser: dict[str, str]) -> None:
    """Give the story corpus' events of each date in ``coarser`` ("2026-12-15") the coarser
    date ("2026-12", "2026"): known to the month or year, they pass at its end."""
    for path in (content / "briefs").glob("*.yaml"):
        text = original = path.read_text(encoding="utf-8")
        for day, coarse in coarser.items():
            text = text.replace(f'- date: "{day}"\n', f'- date: "{coarse}"\n')
        if text != original:
            path.write_text(text, encoding="utf-8")
