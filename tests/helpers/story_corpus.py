"""A small story corpus (bench/stories.py), loaded once, for the tests of the views that
need threads of briefs whose questions recur: stances by topic, sides of readings."""

from __future__ import annotations

import functools

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
