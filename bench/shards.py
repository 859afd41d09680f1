"""Peak memory and time of indexing a built site for search, whole or in shards (issue #23).

    python -m bench.shards SITE --pages-per-shard 100000 2500 1250

Each setting indexes a copy of SITE's pages (hard links, without its ``pagefind/``) with
``generator.site.pagefind.index_site`` in a child process, measured as ``bench.run`` measures
a build: the peak over the process tree is that of the largest Pagefind run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

from .measure import load_average, run_measured

MB = 2**20


def measure(site: Path, pages_per_shard: int, scratch: Path) -> dict:
    copy = scratch / "site"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(site, copy, copy_function=os.link, ignore=shutil.ignore_patterns("pagefind"))
    code = (
        "import sys; from pathlib import Path; from generator.site.pagefind import index_site; "
        "index_site(Path(sys.argv[1]), pages_per_shard=int(sys.argv[2]))"
    )
    load = load_average()
    run = run_measured([sys.executable, "-c", code, str(copy), str(pages_per_shard)], cwd=scratch)
    if run.returncode != 0:
        raise SystemExit(f"indexing failed:\n{run.output}")
    shards = json.loads((copy / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    shutil.rmtree(copy)
    return {
        "pages_per_shard": pages_per_shard,
        "shards": len(shards) + 1,
        **run.as_dict(),
        "load_average_before": load,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.shards", description=__doc__.splitlines()[0]
    )
    parser.add_argument("site", type=Path)
    parser.add_argument("--pages-per-shard", type=int, nargs="+", default=[10**6, 2500])
    parser.add_argument("--scratch", type=Path, default=None, help="beside SITE unless given")
    args = parser.parse_args(argv)
    scratch = args.scratch or args.site.parent / ".shards-bench"
    scratch.mkdir(parents=True, exist_ok=True)
    for pages_per_shard in args.pages_per_shard:
        m = measure(args.site.resolve(), pages_per_shard, scratch)
        print(
            f"{m['pages_per_shard']} pages per shard: {m['shards']} shard(s), {m['wall_s']:.1f} s, "
            f"CPU {m['cpu_s']:.1f} s, peak PSS {(m['peak_pss_bytes'] or 0) / MB:.0f} MB "
            f"(RSS sum {m['peak_rss_bytes'] / MB:.0f} MB), load {m['load_average_before'][0]}",
            flush=True,
        )
    shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
