"""The benchmark harness, run for real on a tiny corpus. It never asserts on time."""

from __future__ import annotations

import gzip
import html
import json
import os
from pathlib import Path

import pytest
import yaml

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
    first_search = next(iter(results["sizes"].values()))["site"]["first_search"]
    assert first_search["filters_on_open_bytes"] > 0  # the site's search page fetches them on demand
    assert "fetched when the search page's filter panel is opened" in summary
    assert "with the median chunk instead" in summary


def test_hugo_builds_the_same_corpus_and_the_ratio_is_reported(smoke):
    results, summary, work = smoke
    for briefs in ("12", "24"):
        hugo = results["sizes"][briefs]["hugo"]
        corpus = next(work.glob(f"corpus-{briefs}-*"))
        actors = len(list((corpus / "content" / "actors").glob("*.yaml")))
        assert hugo["pages"] == int(briefs) + actors + 3  # and the home page, the two section lists
        assert hugo["wall_s"] > 0 and hugo["peak_rss_bytes"] > 0
    brief = yaml.safe_load(next((corpus / "content" / "briefs").glob("*.yaml")).read_text())
    statement = brief["positions"][0]["statements"][0]
    said = statement.get("quote") or statement["paraphrase"]
    site = corpus / "hugo-site"
    assert html.escape(said, quote=False) in (site / "briefs" / brief["id"] / "index.html").read_text()
    assert html.escape(said, quote=False) in (site / "actors" / brief["positions"][0]["actor"] / "index.html").read_text()
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
    briefs = list(work.glob("corpus-12-*/content/briefs/*.yaml"))
    assert briefs
    assert not [path for path in briefs if b"Edited for the benchmark" in path.read_bytes()]


def pagefind_site(tmp_path, search_page: str) -> tuple[dict, dict]:
    """A built site's Pagefind folder with files of known sizes, a home page loading the
    site's stylesheet, and ``search_page`` as search/index.html; its first search and the
    served (gzipped) size of each text file."""
    folder = tmp_path / "pagefind"
    for sub in ("index", "fragment", "filter"):
        (folder / sub).mkdir(parents=True)
    (tmp_path / "assets").mkdir()
    (folder / "pagefind-entry.json").write_text(json.dumps({"languages": {"en": {"hash": "en_ab", "wasm": "en"}}}))
    text = {"pagefind/pagefind.js": 100, "pagefind/pagefind-worker.js": 300, "pagefind/pagefind-ui.js": 500,
            "pagefind/pagefind-ui.css": 200, "pagefind/pagefind-modular-ui.js": 7000, "assets/search.js": 400,
            "assets/site.css": 600}
    for name, size in text.items():
        (tmp_path / name).write_bytes(os.urandom(size // 2).hex().encode())  # hex text: gzip halves it, about
    for name, size in {"wasm.en.pagefind": 1000, "pagefind.en_ab.pf_meta": 10, "filter/en_1.pf_filter": 70,
                       "filter/en_2.pf_filter": 30, "filter/fr_1.pf_filter": 9000}.items():
        (folder / name).write_bytes(b"x" * size)
    for n, size in enumerate((40, 60, 50)):
        (folder / "index" / f"c{n}.pf_index").write_bytes(b"x" * size)
        (folder / "fragment" / f"f{n}.pf_fragment").write_bytes(b"x" * size)
    (tmp_path / "index.html").write_text('<link rel="stylesheet" href="assets/site.css">')
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "index.html").write_text(search_page)
    served = {name: len(gzip.compress((tmp_path / name).read_bytes(), 6))
              for name in [*text, "pagefind/pagefind-entry.json"]}
    assert all(served[name] < text[name] for name in text)  # scripts and styles travel compressed
    return first_search(tmp_path), served


def test_pagefind_default_ui_search_counts_every_filter_as_served(tmp_path):
    search, served = pagefind_site(tmp_path, '<link rel="stylesheet" href="../assets/site.css">'
                                   '<link rel="stylesheet" href="../pagefind/pagefind-ui.css">'
                                   '<script src="../pagefind/pagefind-ui.js"></script>')
    # entry + api + worker + the UI the search page loads (not the unused one, not what the
    # home page loaded) + wasm + meta + the language's filters + largest chunk + 5 × median fragment
    assert search["engine"] == "pagefind"
    assert search["bytes"] == (served["pagefind/pagefind-entry.json"] + served["pagefind/pagefind.js"]
                               + served["pagefind/pagefind-worker.js"] + served["pagefind/pagefind-ui.js"]
                               + served["pagefind/pagefind-ui.css"] + 1000 + 10 + 70 + 30 + 60 + 5 * 50)
    assert search["filters_on_open_bytes"] == 0


def test_the_sites_search_ui_counts_its_script_and_its_results_per_page_but_no_filter(tmp_path):
    search, served = pagefind_site(tmp_path, '<link rel="stylesheet" href="../assets/site.css">'
                                   '<div id="site-search" data-results-per-page="2"></div>'
                                   '<script src="../assets/search.js"></script>')
    assert search["bytes"] == (served["pagefind/pagefind-entry.json"] + served["pagefind/pagefind.js"]
                               + served["pagefind/pagefind-worker.js"] + served["assets/search.js"]
                               + 1000 + 10 + 60 + 2 * 50)
    assert search["typical_bytes"] == search["bytes"] - 60 + 50  # the median chunk instead of the largest
    assert search["filters_on_open_bytes"] == 70 + 30