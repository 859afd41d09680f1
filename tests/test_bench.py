"""The benchmark harness, run for real on a tiny corpus. It never asserts on time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import run
from bench.site import first_search


@pytest.fixture(scope="module")
def smoke(tmp_path_factory) -> tuple[dict, str, Path]:
    folder = tmp_path_factory.mktemp("bench")
    argv = ["--sizes", "12", "24", "--repeat", "1", "--preview-size", "12", "--edits", "1",
            "--work", str(folder / "work"), "--results", str(folder / "results")]
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
    assert {t["what"].split(",")[0] for t in results["targets"]} >= {"mkdocs build", "median page (KB)"}


def test_the_edited_brief_is_put_back(smoke):
    _, _, work = smoke  # scratch corpora are reused by later runs: they must stay as generated
    briefs = list(work.glob("corpus-12-*/content/briefs/*.yaml"))
    assert briefs
    assert not [path for path in briefs if b"Edited for the benchmark" in path.read_bytes()]


def test_pagefind_search_counts_entry_files_one_chunk_and_first_fragments(tmp_path):
    folder = tmp_path / "pagefind"
    (folder / "index").mkdir(parents=True)
    (folder / "fragment").mkdir()
    (folder / "pagefind-entry.json").write_text(json.dumps({"languages": {"en": {"hash": "en_ab", "wasm": "en"}}}))
    for name, size in {"pagefind.js": 100, "wasm.en.pagefind": 1000, "pagefind.en_ab.pf_meta": 10,
                       "pagefind-ui.js": 500, "pagefind-modular-ui.js": 7000}.items():
        (folder / name).write_bytes(b"x" * size)
    for n, size in enumerate((40, 60, 50)):
        (folder / "index" / f"c{n}.pf_index").write_bytes(b"x" * size)
        (folder / "fragment" / f"f{n}.pf_fragment").write_bytes(b"x" * size)
    (tmp_path / "index.html").write_text('<script src="pagefind/pagefind-ui.js"></script>')
    search = first_search(tmp_path)
    entry = len((folder / "pagefind-entry.json").read_bytes())
    # entry + api + the UI the page loads (not the unused one) + wasm + meta + largest chunk + 5 × median fragment
    assert search["engine"] == "pagefind"
    assert search["bytes"] == entry + 100 + 500 + 1000 + 10 + 60 + 5 * 50
