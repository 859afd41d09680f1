"""The benchmark harness, run for real on a tiny corpus. It never asserts on time."""

from __future__ import annotations

import gzip
import html
import json
import os
import re
import sys
from pathlib import Path

import pytest
import yaml

from bench import measure, rebuild, report, run
from bench.site import first_search, served_size


@pytest.fixture(scope="module")
def smoke(tmp_path_factory) -> tuple[dict, str, Path]:
    folder = tmp_path_factory.mktemp("bench")
    argv = [
        "--sizes",
        "12",
        "24",
        "--repeat",
        "1",
        "--preview-size",
        "12",
        "--edits",
        "1",
        "--rebuild-edits",
        "2",
        "--work",
        str(folder / "work"),
        "--results",
        str(folder / "results"),
    ]
    assert run.main(argv) == 0
    results = json.loads((folder / "results" / "latest.json").read_text())
    return results, (folder / "results" / "latest.md").read_text(), folder / "work"


def test_it_builds_each_size_and_measures_the_build(smoke):
    results, _, _ = smoke
    for briefs in ("12", "24"):
        size = results["sizes"][briefs]
        assert size["build"]["wall_s"] > 0 and size["build"]["cpu_s"] > 0
        assert size["build"]["peak_rss_bytes"] > 10 * 2**20  # a Python process with MkDocs loaded
        if size["build"]["peak_pss_bytes"] is not None:  # shared pages counted once: never more
            assert 0 < size["build"]["peak_pss_bytes"] <= size["build"]["peak_rss_bytes"]
        assert size["site"]["pages"] > int(briefs)  # brief pages, plus actors, topics, indexes
        assert 0 < size["site"]["median_page_bytes"] <= size["site"]["largest_page_bytes"]
        assert size["check"]["returncode"] == 0
    assert results["sizes"]["24"]["site"]["pages"] > results["sizes"]["12"]["site"]["pages"]


def test_it_reports_where_each_build_spent_its_time(smoke):
    results, summary, _ = smoke
    steps = results["sizes"]["24"]["build"]["runs"][0]["steps"]
    assert {"content", "index", "pages", "data and feeds", "search index"} <= steps.keys()
    assert all(seconds >= 0 for seconds in steps.values())
    assert sum(steps.values()) <= results["sizes"]["24"]["build"]["wall_s"]
    assert "- 24 briefs: content " in summary


def test_it_measures_the_search_the_build_produced(smoke):
    results, _, _ = smoke
    search = results["sizes"]["24"]["site"]["first_search"]
    assert search["engine"] in ("lunr", "pagefind")
    assert search["bytes"] == sum(search["files"].values()) > 0


def test_an_edit_shows_up_in_the_preview(smoke):
    results, _, _ = smoke
    preview = results["preview"]
    assert preview["briefs"] == 12
    assert len(preview["edit_to_page_s"]) == 1 and preview["edit_to_page_s"][0] > 0


def test_the_summary_states_the_machine_growth_and_targets(smoke):
    results, summary, _ = smoke
    assert results["machine"]["cores"] >= 1 and results["machine"]["python"]
    assert f"{results['machine']['cores']} cores" in summary
    assert "growth" in results and f"{results['growth']['build']}×" in summary
    kinds = {t["what"].split(",")[0] for t in results["targets"]}
    assert kinds >= {
        "mkdocs build ÷ (Hugo + Pagefind)",
        "peak memory of the build",
        "median page (KB)",
        "first search downloads",
        "briefing check",
        "growth t(24)/t(12) of the build",
    }
    first_search = next(iter(results["sizes"].values()))["site"]["first_search"]
    assert (
        first_search["filters_on_open_bytes"] > 0
    )  # the site's search page fetches them on demand
    assert "fetched when the search page's filter panel is opened" in summary
    assert "with the median chunk instead" in summary


def test_hugo_builds_the_same_corpus_and_the_ratio_is_reported(smoke):
    results, summary, work = smoke
    for briefs in ("12", "24"):
        hugo = results["sizes"][briefs]["hugo"]
        corpus = next(work.glob(f"corpus-{briefs}-*"))
        actors = len(list((corpus / "content" / "actors").glob("*.yaml")))
        laws = len(list((corpus / "content" / "legal").glob("*.yaml")))
        assert laws > 0  # the story corpus
        assert hugo["pages"] == int(briefs) + actors + laws + 4  # and the home page, three lists
        assert hugo["wall_s"] > 0 and hugo["peak_rss_bytes"] > 0
    brief = yaml.safe_load(next((corpus / "content" / "briefs").glob("*.yaml")).read_text())
    statement = brief["positions"][0]["statements"][0]
    said = statement.get("quote") or statement["paraphrase"]
    site = corpus / "hugo-site"
    assert (
        html.escape(said, quote=False) in (site / "briefs" / brief["id"] / "index.html").read_text()
    )
    assert (
        html.escape(said, quote=False)
        in (site / "actors" / brief["positions"][0]["actor"] / "index.html").read_text()
    )
    assert (site / "pagefind" / "pagefind.js").is_file()  # Pagefind indexed Hugo's output
    pagefind = results["sizes"]["24"]["hugo"]["pagefind"]
    assert pagefind["wall_s_min"] > 0 and pagefind["peak_rss_bytes"] > 0
    ratio = next(t for t in results["targets"] if "Hugo" in t["what"])
    large = results["sizes"]["24"]
    hugo_with_search = large["hugo"]["with_search_wall_s_min"]
    assert hugo_with_search > large["hugo"]["wall_s_min"]
    assert ratio["measured"] == round(large["build"]["wall_s_min"] / hugo_with_search, 3)
    assert "+ Pagefind" in summary
    assert f"Hugo {large['hugo']['version']} on the same YAML" in summary


def test_the_edited_brief_is_put_back(smoke):
    _, _, work = smoke  # scratch corpora are reused by later runs: they must stay as generated
    briefs = list(work.glob("corpus-*/content/briefs/*.yaml"))
    assert briefs
    edited = [b"Edited for the benchmark", rebuild.MARKER.encode()]
    assert not [path for path in briefs if any(mark in path.read_bytes() for mark in edited)]
    assert not list(work.glob(f"corpus-*/{rebuild.CACHE_FOLDER}"))  # the cache went too


def test_rebuilds_after_an_edit_reuse_the_cache_and_show_the_edit(smoke):
    results, summary, _ = smoke
    for briefs in ("12", "24"):
        measured = results["sizes"][briefs]["rebuild"]
        assert len(measured["runs"]) == 2 and measured["wall_s_min"] > 0
        assert "; 0 of " in measured["priming"]["cache"]  # the first build filled it: kept nothing
        for rebuilt in measured["runs"]:  # the others kept pages: the cache was found and used
            pages = re.search(r"(\d+) of (\d+) pages kept", rebuilt["cache"])
            assert 0 < int(pages[1]) < int(pages[2])
            assert re.search(r"^1 of \d+ content files loaded again", rebuilt["cache"])
    target = next(t for t in results["targets"] if t["what"].startswith("rebuild after one"))
    assert target["measured"] == results["sizes"]["24"]["rebuild"]["wall_s_min"]
    assert target["target"] == 15 and "24 briefs" in target["what"]
    assert "- 24 briefs: filling the cache " in summary


def test_a_statement_edit_keeps_the_yaml_valid_and_skips_block_scalars():
    text = (
        b"positions:\n- statements:\n  - paraphrase: |\n      Said on two\n      lines.\n"
        b'  - quote: "It\'s fine."\n  - paraphrase: Plain text.\n'
    )
    edited = yaml.safe_load(rebuild._with_statement(text, "Edited 1"))
    statements = edited["positions"][0]["statements"]
    assert statements[0]["paraphrase"] == "Said on two\nlines.\n"  # block scalar left alone
    assert statements[1]["quote"] == "Edited 1. It's fine."
    assert statements[2]["paraphrase"] == "Plain text."  # only the first statement


def pagefind_site(tmp_path, search_page: str) -> tuple[dict, dict]:
    """A built site's Pagefind folder with files of known sizes, a home page loading the
    site's stylesheet, and ``search_page`` as search/index.html; its first search and the
    served (gzipped) size of each text file."""
    folder = tmp_path / "pagefind"
    for sub in ("index", "fragment", "filter"):
        (folder / sub).mkdir(parents=True)
    (tmp_path / "assets").mkdir()
    (folder / "pagefind-entry.json").write_text(
        json.dumps({"languages": {"en": {"hash": "en_ab", "wasm": "en"}}})
    )
    text = {
        "pagefind/pagefind.js": 100,
        "pagefind/pagefind-worker.js": 300,
        "pagefind/pagefind-ui.js": 500,
        "pagefind/pagefind-ui.css": 200,
        "pagefind/pagefind-modular-ui.js": 7000,
        "assets/search.js": 400,
        "assets/site.css": 600,
    }
    for name, size in text.items():
        (tmp_path / name).write_bytes(
            os.urandom(size // 2).hex().encode()
        )  # hex text: gzip halves it, about
    for name, size in {
        "wasm.en.pagefind": 1000,
        "pagefind.en_ab.pf_meta": 10,
        "filter/en_1.pf_filter": 70,
        "filter/en_2.pf_filter": 30,
        "filter/fr_1.pf_filter": 9000,
    }.items():
        (folder / name).write_bytes(b"x" * size)
    for n, size in enumerate((40, 60, 50)):
        (folder / "index" / f"c{n}.pf_index").write_bytes(b"x" * size)
        (folder / "fragment" / f"f{n}.pf_fragment").write_bytes(b"x" * size)
    (tmp_path / "index.html").write_text('<link rel="stylesheet" href="assets/site.css">')
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "index.html").write_text(search_page)
    served = {
        name: len(gzip.compress((tmp_path / name).read_bytes(), 6))
        for name in [*text, "pagefind/pagefind-entry.json"]
    }
    assert all(served[name] < text[name] for name in text)  # scripts and styles travel compressed
    return first_search(tmp_path), served


def test_pagefind_default_ui_search_counts_every_filter_as_served(tmp_path):
    search, served = pagefind_site(
        tmp_path,
        '<link rel="stylesheet" href="../assets/site.css">'
        '<link rel="stylesheet" href="../pagefind/pagefind-ui.css">'
        '<script src="../pagefind/pagefind-ui.js"></script>',
    )
    # entry + api + worker + the UI the search page loads (not the unused one, not what the
    # home page loaded) + wasm + meta + the language's filters + largest chunk + 5 × median fragment
    assert search["engine"] == "pagefind"
    assert search["bytes"] == (
        served["pagefind/pagefind-entry.json"]
        + served["pagefind/pagefind.js"]
        + served["pagefind/pagefind-worker.js"]
        + served["pagefind/pagefind-ui.js"]
        + served["pagefind/pagefind-ui.css"]
        + 1000
        + 10
        + 70
        + 30
        + 60
        + 5 * 50
    )
    assert search["filters_on_open_bytes"] == 0


def test_the_sites_search_ui_counts_its_script_and_its_results_per_page_but_no_filter(tmp_path):
    search, served = pagefind_site(
        tmp_path,
        '<link rel="stylesheet" href="../assets/site.css">'
        '<div id="site-search" data-results-per-page="2"></div>'
        '<script src="../assets/search.js"></script>',
    )
    assert search["bytes"] == (
        served["pagefind/pagefind-entry.json"]
        + served["pagefind/pagefind.js"]
        + served["pagefind/pagefind-worker.js"]
        + served["assets/search.js"]
        + 1000
        + 10
        + 60
        + 2 * 50
    )
    assert (
        search["typical_bytes"] == search["bytes"] - 60 + 50
    )  # the median chunk instead of the largest
    assert search["filters_on_open_bytes"] == 70 + 30


def test_a_sharded_index_costs_each_shards_entry_metadata_and_chunk(tmp_path):
    page = '<div id="site-search" data-results-per-page="2"></div><script src="../assets/search.js"></script>'
    whole, served = pagefind_site(tmp_path, page)
    bundle = tmp_path / "pagefind"
    for name, chunk, fragment in (("shard-1", 80, 500), ("shard-2", 20, 5)):
        for sub in ("index", "fragment", "filter"):
            (bundle / name / sub).mkdir(parents=True)
        entry = {"languages": {"en": {"hash": f"en_{name}", "wasm": "en"}}}
        (bundle / name / "pagefind-entry.json").write_text(json.dumps(entry))
        (bundle / name / f"pagefind.en_{name}.pf_meta").write_bytes(b"x" * 7)
        (bundle / name / "index" / "c.pf_index").write_bytes(b"x" * chunk)
        (bundle / name / "fragment" / "f.pf_fragment").write_bytes(b"x" * fragment)
        (bundle / name / "filter" / "en_1.pf_filter").write_bytes(b"x" * 3)
    (bundle / "shards.json").write_text('["shard-1/", "shard-2/"]')
    sharded = first_search(tmp_path)
    entries = sum(
        served_size(bundle / name / "pagefind-entry.json") for name in ("shard-1", "shard-2")
    )
    # the list of shards, their entries and metadata, and each one's largest chunk (60 + 80 + 20);
    # fragments: 2 × the median of all five (40, 60, 50, 500, 5)
    assert sharded["shards"] == 3
    assert sharded["bytes"] == (
        whole["bytes"]
        - 60
        - 2 * 50
        + served_size(bundle / "shards.json")
        + entries
        + 2 * 7
        + 60
        + 80
        + 20
        + 2 * 50
    )
    assert sharded["typical_bytes"] == sharded["bytes"] - (60 + 80 + 20) + (50 + 80 + 20)
    assert sharded["filters_on_open_bytes"] == whole["filters_on_open_bytes"] + 2 * 3


def _size(wall_s: float, peak_gb: float, hugo_s: float = 10.0) -> dict:
    return {
        "build": {
            "wall_s_min": wall_s,
            "cpu_s": wall_s,
            "peak_rss_bytes": int(peak_gb * 2**30),
            "peak_pss_bytes": None,
        },
        "check": {"wall_s": 1.0},
        "site": {"median_page_bytes": 1000, "first_search": {"engine": "pagefind", "bytes": 1000}},
        "hugo": {"with_search_wall_s_min": hugo_s},
    }


def test_issue_23_targets_apply_at_10000_briefs_and_30000_on_request():
    results = {
        "sizes": {
            "1000": _size(10, 0.5),
            "10000": _size(100, 1.9, hugo_s=70),
            "30000": _size(331, 3.1, hugo_s=200),
        }
    }
    targets = {t["what"]: t for t in report.evaluate(results)}
    assert targets["mkdocs build ÷ (Hugo + Pagefind), 10000 briefs, best runs"][
        "met"
    ]  # 100/70 ≤ 1.5
    assert targets["mkdocs build ÷ (Hugo + Pagefind), 30000 briefs, best runs"]["target"] == 1.5
    assert targets["peak memory of the build, 10000 briefs, RSS sum (GB)"]["met"]  # ≤ 2 GB
    assert not targets["peak memory of the build, 30000 briefs, RSS sum (GB)"]["met"]  # > 3 GB
    assert targets["growth t(10000)/t(1000) of the build, best runs"]["met"]  # 10 ≤ 11
    growth = targets["growth t(30000)/t(10000) of the build, best runs"]
    assert growth["target"] == 3.3 and growth["measured"] == 3.31 and not growth["met"]
    assert results["growth"]["build"] == 10.0  # the summary's growth: smallest to 10,000


def test_lines_noted_are_kept_wherever_they_come_in_a_long_output(tmp_path):
    # a 10,000-brief build logs thousands of lines: what the cache says comes early
    script = "print('build cache: 1 of 9 kept'); [print('noise', n) for n in range(100)]"
    run = measure.run_measured(
        [sys.executable, "-c", script], cwd=tmp_path, note=rebuild.CACHE_SAYS
    )
    assert run.noted == ("build cache: 1 of 9 kept",)
    assert "build cache" not in run.output and "noise 99" in run.output
