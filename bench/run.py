"""``make bench``: build 1,000 and 10,000 story briefs, measure, compare with the targets.

    python -m bench.run                      # the full run (sizes 1000 10000)
    python -m bench.run --sizes 1000 10000 30000   # and issue #23's 30,000 (about 3 GB, long)
    python -m bench.run --sizes 20 --repeat 1 --preview-size 20   # a smoke run

Results go to ``bench/results/bench-<time>.json`` and ``.md`` (and ``latest.*``).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import statistics
import sys
from pathlib import Path

from . import hugo, machine, report
from .measure import load_average, run_measured
from .preview import preview_latency
from .project import BenchProject, prepare
from .rebuild import rebuild_after_edits
from .site import site_metrics

PROJECT = Path(__file__).resolve().parents[1]
TOOLS = Path(sys.executable).parent


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    results: dict = {
        "started": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": machine.describe(),
        "seed": args.seed,
        "sizes": {},
    }
    for briefs in args.sizes:
        bench_project = prepare(args.work, PROJECT, briefs=briefs, seed=args.seed)
        results["sizes"][str(briefs)] = measure_size(
            bench_project, repeat=args.repeat, rebuild_edits=args.rebuild_edits
        )
        print(f"{briefs} briefs: {json.dumps(results['sizes'][str(briefs)]['build'])}", flush=True)
    if args.preview_size:
        bench_project = prepare(args.work, PROJECT, briefs=args.preview_size, seed=args.seed)
        results["preview"] = preview_latency(bench_project, TOOLS / "mkdocs", edits=args.edits)
    results["targets"] = report.evaluate(results)
    summary = report.markdown(results)
    _write(args.results, results, summary)
    print(summary)
    return 0


def measure_size(bench_project: BenchProject, *, repeat: int, rebuild_edits: int = 0) -> dict:
    builds = []
    clean = {
        **os.environ,
        "BRIEFING_CACHE": "off",
    }  # clean builds: a cache set by the caller is not used
    for _ in range(repeat):
        load = load_average()
        run = run_measured(
            [str(TOOLS / "mkdocs"), "build", "-f", str(bench_project.config)],
            cwd=bench_project.root,
            env=clean,
        )
        if run.returncode != 0:
            raise SystemExit(f"mkdocs build failed on {bench_project.root}:\n{run.output}")
        builds.append({**run.as_dict(), "load_average_before": load, "steps": steps_of(run.output)})
    check = run_measured(
        [str(TOOLS / "briefing"), "check", "--content", "content"], cwd=bench_project.root
    )
    if check.returncode != 0:
        raise SystemExit(f"briefing check failed on {bench_project.root}:\n{check.output}")
    walls = [b["wall_s"] for b in builds]
    rebuild = (
        rebuild_after_edits(bench_project, TOOLS / "mkdocs", edits=rebuild_edits)
        if rebuild_edits
        else None
    )
    return {
        "build": {
            "wall_s": statistics.median(walls),
            "wall_s_min": min(walls),
            "wall_s_max": max(walls),
            "cpu_s": statistics.median(b["cpu_s"] for b in builds),
            "peak_rss_bytes": max(b["peak_rss_bytes"] for b in builds),
            "peak_pss_bytes": max((b["peak_pss_bytes"] or 0) for b in builds) or None,
            "runs": builds,
        },
        "check": check.as_dict(),
        "site": site_metrics(bench_project.site),
        "hugo": hugo.measure(bench_project, repeat=repeat),
        "rebuild": rebuild,
    }


def steps_of(build_output: str) -> dict[str, float]:
    """The plugin's "Time spent: content 1.0 s, index 0.1 s, …" line, as seconds by step."""
    match = re.search(r"Time spent: (.*)", build_output)
    if not match:
        return {}
    steps = (part.rsplit(" ", 2) for part in match.group(1).strip().split(", "))
    return {step: float(seconds) for step, seconds, _ in steps}


def _write(folder: Path, results: dict, summary: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    stamp = results["started"].replace(":", "").replace("+0000", "Z")
    for name in (f"bench-{stamp}", "latest"):
        (folder / f"{name}.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        (folder / f"{name}.md").write_text(summary, encoding="utf-8")


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[1000, 10000], help="corpus sizes, in briefs"
    )
    parser.add_argument(
        "--repeat", type=int, default=2, help="builds per size (the spread shows the noise)"
    )
    parser.add_argument(
        "--preview-size", type=int, default=1000, help="briefs for the serve test (0: skip)"
    )
    parser.add_argument("--edits", type=int, default=3, help="edits timed in the serve test")
    parser.add_argument(
        "--rebuild-edits",
        type=int,
        default=3,
        help="rebuilds after one edited brief, with the build cache, per size (0: skip)",
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--work", type=Path, default=PROJECT / "bench" / "work", help="scratch projects"
    )
    parser.add_argument("--results", type=Path, default=PROJECT / "bench" / "results")
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(main())
