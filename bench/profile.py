"""Where a full ``mkdocs build`` spends its CPU time, stage by stage (issue #23, item 5).

    python -m bench.profile PROJECT [--out FOLDER] [--top N]
    python -m bench.profile PROJECT --pages [--repeat N]   # our templates alone, one core

Builds ``PROJECT`` (a folder with an ``mkdocs.yml``, such as a bench corpus made by
``bench/project.py``) in this process under cProfile. Work the build spreads over forked
workers (``generator.runtime.parallel``) is profiled in each worker too: every chunk of work
writes its own profile to ``FOLDER``, and they are summed with the main process's. Pagefind
runs as a child process: its CPU time is read from the children's resource usage.

Prints the CPU seconds of each stage (content, index and views, our templates, Markdown, the
MkDocs + Material theme, compaction, data and feeds, Pagefind, other), the functions with
the most time of their own, and writes ``FOLDER/build.prof`` (all processes) for a closer
look (``python -m pstats``). cProfile slows Python code down (about 1.5–2×) and not
Pagefind: compare stages of one profile with each other, or one build with another.

``--pages`` times only the rendering of every page by our templates, in this process (CPU
seconds, best and spread of ``--repeat`` runs), and prints a digest of the pages: a change
of templates that keeps the digest keeps the site byte for byte.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import itertools
import json
import os
import pstats
import resource
import shutil
import sys
import time
from pathlib import Path

from generator.runtime import parallel

# A stage is the time spent under its functions (cumulative), less the stages nested in it.
# Each entry: stage, then (file suffix, function name) pairs whose cumulative time it counts.
TEMPLATES = "page templates (our Jinja)"
MARKDOWN_OF_SUMMARIES = "Markdown of summaries (markdown filter, in pages and feeds)"
DATA_AND_FEEDS = "data and feeds"
STAGES = {
    "content load+validate": [("generator/content/corpus.py", "load_content")],
    "index": [("generator/analysis/index.py", "__init__")],
    # worked out before the pages are (those worked out for one page count as templates)
    "views": [("generator/analysis/views.py", "prepare"), ("generator/site/render.py", "_pages")],
    TEMPLATES: [("generator/site/render.py", "_render_job")],
    MARKDOWN_OF_SUMMARIES: [("generator/site/markup.py", "render_markdown")],
    "Markdown (MkDocs page.render)": [("mkdocs/structure/pages.py", "render")],
    "MkDocs + Material theme (_build_page)": [("mkdocs/commands/build.py", "_build_page")],
    "compaction": [("generator/mkdocs/compact.py", "compact")],
    DATA_AND_FEEDS: [
        ("generator/site/render.py", "render_files"),
        ("generator/site/render.py", "_make_files"),  # in the workers
    ],
}
# Stage nested in another: its time is taken out of the outer one.
NESTED = [
    # (inner stage, outer stage, the outer's calling file: None for any caller)
    (MARKDOWN_OF_SUMMARIES, TEMPLATES, "generator/site/render.py"),  # the markdown filter
    (MARKDOWN_OF_SUMMARIES, TEMPLATES, "generator/site/pagemeta.py"),
    (MARKDOWN_OF_SUMMARIES, DATA_AND_FEEDS, "generator/site/feeds.py"),
    ("compaction", "MkDocs + Material theme (_build_page)", None),
]


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    if args.pages:
        print(json.dumps(time_pages(args.project.resolve(), args.repeat), indent=2))
        return 0
    out = args.out.resolve()
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    _profile_workers(out)
    project = args.project.resolve()
    os.chdir(project)
    children_before = _children_cpu()
    profile = cProfile.Profile(time.process_time)  # CPU time: waiting on workers costs none
    start = time.perf_counter()
    profile.enable()
    _build(project / "mkdocs.yml")
    profile.disable()
    wall = time.perf_counter() - start
    profile.dump_stats(out / "main.prof")
    stats = pstats.Stats(str(out / "main.prof"))
    workers = sorted(out.glob("worker-*.prof"))
    for worker in workers:
        stats.add(str(worker))
    stats.dump_stats(out / "build.prof")
    stages = stage_seconds(stats)
    # The children are the forked workers, then Pagefind: what the workers' profiles miss is Pagefind's.
    in_workers = sum(_total(pstats.Stats(str(worker))) for worker in workers)
    stages["Pagefind (child process CPU)"] = round(
        _children_cpu() - children_before - in_workers, 2
    )
    summary = {"project": str(project), "wall_s": round(wall, 1), "stages_cpu_s": stages}
    (out / "stages.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(summary, indent=2))
    stats.sort_stats("tottime").print_stats(args.top)
    return 0


def time_pages(project: Path, repeat: int) -> dict:
    """CPU seconds to render every page with our templates (one process), and their digest."""
    from generator.analysis.index import Index
    from generator.content.corpus import load_content
    from generator.site.render import Renderer

    index = Index(load_content(project / "content"))
    renderer = Renderer(project / "templates")
    seconds, digests = [], set()
    for _ in range(repeat):  # the first run also compiles the templates and works out the views
        start = time.process_time()
        pages = _in_one_process(renderer.render_for_builder, index)
        seconds.append(time.process_time() - start)
        digest = hashlib.sha256()
        for page in pages:
            digest.update(page.path.encode() + b"\0" + page.data + b"\0")
        digests.add(digest.hexdigest())
        del pages
    return {
        "pages_cpu_s": [round(s, 2) for s in seconds],
        "best_later_s": round(min(seconds[1:] or seconds), 2),
        "digest": sorted(digests),
    }


def _in_one_process(function, *args):
    """``function(*args)`` with the build's workers off (``BRIEFING_WORKERS=1``), then as before."""
    before = os.environ.get("BRIEFING_WORKERS")
    os.environ["BRIEFING_WORKERS"] = "1"
    try:
        return function(*args)
    finally:
        if before is None:
            del os.environ["BRIEFING_WORKERS"]
        else:
            os.environ["BRIEFING_WORKERS"] = before


def stage_seconds(stats: pstats.Stats) -> dict[str, float]:
    """CPU seconds by stage, from the summed profile of every process."""
    cumulative = {
        stage: sum(_cumulative(stats, suffix, name) for suffix, name in functions)
        for stage, functions in STAGES.items()
    }
    total = _total(stats)
    own = dict(cumulative)
    for inner, outer, caller in NESTED:
        own[outer] -= (
            cumulative[inner]
            if caller is None
            else sum(_cumulative(stats, *function, caller) for function in STAGES[inner])
        )
    own["other (main and workers)"] = total - sum(own.values())
    return {stage: round(seconds, 2) for stage, seconds in own.items()}


def _total(stats: pstats.Stats) -> float:
    return sum(tottime for _, _, tottime, _, _ in stats.stats.values())


def _cumulative(stats: pstats.Stats, suffix: str, name: str, caller: str | None = None) -> float:
    """The cumulative time of a function (only when called from file ``caller``, if given)."""
    found = 0.0
    for (filename, _, function), (*_, cumtime, callers) in stats.stats.items():
        if function == name and filename.endswith(suffix):
            if caller is None:
                found += cumtime
            else:
                found += sum(t[3] for (f, _, _), t in callers.items() if f.endswith(caller))
    return found


def _profile_workers(out: Path) -> None:
    """Every chunk a forked worker runs writes its profile to ``out`` (the workers inherit
    the wrapped function: the pool looks it up in the module, by name, after the fork)."""
    run_chunk = parallel._run_chunk
    counter = itertools.count()

    def profiled_chunk(job):
        profile = cProfile.Profile(time.process_time)
        result = profile.runcall(run_chunk, job)
        profile.dump_stats(out / f"worker-{os.getpid()}-{next(counter)}.prof")
        return result

    profiled_chunk.__module__, profiled_chunk.__qualname__ = run_chunk.__module__, "_run_chunk"
    parallel._run_chunk = profiled_chunk


def _build(config_file: Path) -> None:
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.basicConfig(level=logging.INFO, format="%(levelname)s - %(name)s: %(message)s")
    config = load_config(str(config_file))
    config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` does
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.profile", description=__doc__.splitlines()[0]
    )
    parser.add_argument("project", type=Path, help="a folder with an mkdocs.yml")
    parser.add_argument("--out", type=Path, default=Path("bench/work/profile"))
    parser.add_argument("--pages", action="store_true", help="time our templates alone")
    parser.add_argument("--repeat", type=int, default=3, help="runs with --pages")
    parser.add_argument("--top", type=int, default=40, help="functions listed by own time")
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(main())
