"""``briefing check`` as a whole (checking.py): what it costs beyond the checks themselves."""

from __future__ import annotations

import gc

from generator.check.run import check_all
from helpers.corpora import synthetic_content


def test_the_collector_is_not_left_to_walk_the_checked_corpus():
    # The records are built with the collector paused; were they still alive when it comes
    # back on, its first run would walk every one of them (0.85 s at 10,000 briefs).
    # gc.get_count()[0]: objects made since the last collection, less those freed.
    pending_at_collection: list[int] = []

    def note(phase: str, info: dict) -> None:
        if phase == "start":
            pending_at_collection.append(gc.get_count()[0])

    gc.collect()
    gc.callbacks.append(note)
    try:
        problems = check_all(synthetic_content())
    finally:
        gc.callbacks.remove(note)
    assert not [p for p in problems if p.severity == "error"]
    # Unpaused, the collector runs once the count passes its threshold (700 objects);
    # only while it is paused do more pile up (7,884 here when the corpus was kept).
    assert max(pending_at_collection, default=0) < 3 * gc.get_threshold()[0], pending_at_collection
