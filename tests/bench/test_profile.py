"""bench/profile.py: the stage split adds up, and the pages' digest follows their text."""

from __future__ import annotations

import cProfile
import os
import pstats
import shutil
import time
from pathlib import Path

from bench.profile import stage_seconds, time_pages
from bench.stories import write_story_corpus

PROJECT = Path(__file__).resolve().parents[2]


def test_the_digest_is_the_same_for_the_same_pages_and_changes_with_them(tmp_path, monkeypatch):
    monkeypatch.delenv("BRIEFING_WORKERS", raising=False)
    write_story_corpus(tmp_path / "content", 20, 7)
    shutil.copytree(PROJECT / "templates", tmp_path / "templates")
    first = time_pages(tmp_path, 2)
    assert len(first["digest"]) == 1 and len(first["pages_cpu_s"]) == 2
    assert "BRIEFING_WORKERS" not in os.environ  # the build's own setting is left as it was
    home = tmp_path / "templates" / "home.md.j2"
    home.write_text(home.read_text(encoding="utf-8") + "\n<p>one more line</p>\n", "utf-8")
    assert time_pages(tmp_path, 1)["digest"] != first["digest"]


def test_the_stages_add_up_to_the_profiled_time(tmp_path):
    profile = cProfile.Profile(time.process_time)
    profile.runcall(sum, range(200_000))
    profile.dump_stats(tmp_path / "p.prof")
    stats = pstats.Stats(str(tmp_path / "p.prof"))
    stages = stage_seconds(stats)
    total = sum(tottime for _, _, tottime, _, _ in stats.stats.values())
    assert abs(sum(stages.values()) - total) < 0.05
    assert stages["other (main and workers)"] == round(total, 2)
