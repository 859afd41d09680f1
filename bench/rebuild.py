"""How long ``mkdocs build`` takes after one brief is edited, with the build cache restored: the
wait between ``git push`` and the page being live (issue #23, items 2 and 4).

The Pages workflow restores the cache folder and builds with ``BRIEFING_CACHE`` set, the build
stamped with the pushed commit's time (``SOURCE_DATE_EPOCH``); this does the same on the scratch
project, each build a minute after the last on the same day, as pushes would be, and each
from a checkout without the last build's ``site/``, as a runner starts. A first build fills a
fresh cache (a clean build plus saving the cache: measured too). Then, edit after edit, one
statement of one brief gets a new text and the build runs again, measured. Each rebuilt page
is read back: a rebuild that kept the old page would be fast and wrong. The brief is put back
and the cache removed afterwards, whatever happens, so the scratch project stays as generated.
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
import statistics
from pathlib import Path

from .measure import load_average, run_measured
from .project import BenchProject

CACHE_FOLDER = ".bench-build-cache"
MARKER = "Edited for the rebuild"
CACHE_SAYS = r"build cache: (\d+ of \d+ [^\n]*)"  # what the plugin logs it kept, a line each
# A statement's text on its own line (not a block scalar, "|" or ">", whose lines follow).
STATEMENT = re.compile(rb"(?m)^(\s*-?\s*(?:paraphrase|quote): )(?![|>])(.*)$")


def rebuild_after_edits(project: BenchProject, mkdocs: Path, *, edits: int = 3) -> dict:
    """Fill a cache, then time ``edits`` rebuilds, each after one more edit of the same brief."""
    briefs = sorted(project.content.glob("briefs/*.yaml"))
    brief = briefs[len(briefs) // 2]
    original = brief.read_bytes()
    cache = project.root / CACHE_FOLDER
    command = [str(mkdocs), "build", "-f", str(project.config)]
    shutil.rmtree(cache, ignore_errors=True)
    try:
        priming = _build(command, project, _environment(cache, commit=0))
        rebuilds = []
        for n in range(edits):
            marker = f"{MARKER} {n}"
            brief.write_bytes(_with_statement(original, marker))
            shutil.rmtree(project.site, ignore_errors=True)  # a CI runner has the cache alone
            rebuilds.append(_build(command, project, _environment(cache, commit=n + 1)))
            page = project.site / "briefs" / brief.stem / "index.html"
            if marker not in page.read_text(encoding="utf-8"):
                raise SystemExit(f"the rebuild did not show the edit of {brief}: {page} is stale")
    finally:
        brief.write_bytes(original)
        shutil.rmtree(cache, ignore_errors=True)
    walls = [run["wall_s"] for run in rebuilds]
    return {
        "briefs": project.briefs,
        "priming": priming,
        "runs": rebuilds,
        "wall_s": statistics.median(walls),
        "wall_s_min": min(walls),
        "cpu_s": statistics.median(run["cpu_s"] for run in rebuilds),
        "peak_pss_bytes": max((run["peak_pss_bytes"] or 0) for run in rebuilds) or None,
        "peak_rss_bytes": max(run["peak_rss_bytes"] for run in rebuilds),
    }


def _environment(cache: Path, *, commit: int) -> dict[str, str]:
    """A build with the cache, stamped as the ``commit``-th push of the day: noon, plus a minute
    a push (pushes of one day: a build on a later day also renders again the pages of events
    that changed side in between, which depends on the corpus's dates, not on the edit)."""
    noon = datetime.datetime.now(datetime.UTC).replace(hour=12, minute=0, second=0, microsecond=0)
    epoch = int(noon.timestamp()) + 60 * commit
    return {**os.environ, "BRIEFING_CACHE": str(cache), "SOURCE_DATE_EPOCH": str(epoch)}


def _build(command: list[str], project: BenchProject, environment: dict[str, str]) -> dict:
    load = load_average()
    run = run_measured(command, cwd=project.root, env=environment, note=CACHE_SAYS)
    if run.returncode != 0:
        raise SystemExit(f"mkdocs build with the cache failed on {project.root}:\n{run.output}")
    # What the plugin says it kept: content files loaded again, data and feed jobs, pages, shards.
    kept = [found for line in run.noted for found in re.findall(CACHE_SAYS, line)]
    return {**run.as_dict(), "load_average_before": load, "cache": "; ".join(kept) or None}


def _with_statement(yaml_text: bytes, marker: str) -> bytes:
    """The brief with its first statement's text starting with ``marker``."""
    edited, count = STATEMENT.subn(
        lambda m: m.group(1) + _prefixed(m.group(2), marker), yaml_text, count=1
    )
    if not count:
        raise SystemExit("no statement to edit in the brief")
    return edited


def _prefixed(text: bytes, marker: str) -> bytes:
    """``marker`` before a statement's text, keeping the YAML scalar's quoting."""
    if text[:1] in (b'"', b"'"):
        return text[:1] + marker.encode() + b". " + text[1:]
    return marker.encode() + b". " + text
