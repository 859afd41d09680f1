"""The story corpus (bench/stories.py): deterministic, news-like, every issue #19 construct,
and what it writes for today's models passes ``briefing check --strict`` and builds."""

from __future__ import annotations

import collections
import functools
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.stories import (
    DEFAULT_BUILD_DATE,
    SCHEMA_2_CONSTRUCTS,
    constructs_in,
    to_yaml,
    write_story_corpus,
)
from helpers.site_builder import build_site

CHECK_SIZE = 60  # briefs in the corpora that are checked and built: enough for every story shape


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.yaml"))
    }


@functools.cache
def records(folder: Path, kind: str) -> list[dict]:
    return [
        yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        for p in sorted((folder / kind).glob("*.yaml"))
    ]


@pytest.fixture(scope="module")
def corpus_300(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("stories") / "content"
    write_story_corpus(folder, 300, seed=3, schema=2)
    return folder


def briefing_check(content: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", "check", "--strict", "--content", str(content)],
        capture_output=True,
        text=True,
        cwd=content.parent,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )


@pytest.mark.parametrize("schema", [1, 2])
def test_a_seed_gives_byte_identical_files(tmp_path, schema):
    for name in ("a", "b"):
        write_story_corpus(tmp_path / name, 120, seed=9, schema=schema)
    write_story_corpus(tmp_path / "other", 120, seed=10, schema=schema)
    first = files_of(tmp_path / "a")
    assert len([f for f in first if f.startswith("briefs/")]) == 120
    assert first == files_of(tmp_path / "b")
    assert first != files_of(tmp_path / "other")


def test_every_issue_19_construct_appears_at_300_briefs(corpus_300):
    assert constructs_in(corpus_300) == SCHEMA_2_CONSTRUCTS


def test_schema_1_holds_none_of_issue_19s_names(tmp_path):
    write_story_corpus(tmp_path, 300, seed=3, schema=1)
    assert constructs_in(tmp_path) <= {"recurring question"}  # the one that needs no new name


def test_briefs_form_threads_that_follow_each_other_in_time(corpus_300):
    briefs = {b["id"]: b for b in records(corpus_300, "briefs")}
    followed = [b for b in briefs.values() if b.get("follows")]
    assert len(followed) > len(briefs) * 0.7
    for brief in followed:
        for earlier in brief["follows"]:
            assert briefs[earlier]["date"] < brief["date"]
            assert set(briefs[earlier]["topics"]) == set(brief["topics"])
    last_briefs = [
        b for b in briefs.values() if b["id"] not in {e for f in followed for e in f["follows"]}
    ]
    assert max(b["date"] for b in last_briefs) <= DEFAULT_BUILD_DATE


def test_questions_recur_with_the_same_wording(corpus_300):
    wording, uses = collections.defaultdict(set), collections.Counter()
    for brief in records(corpus_300, "briefs"):
        for question in brief["questions"]:
            wording[question["id"]].add(question["text"])
            uses[question["id"]] += 1
    assert all(len(texts) == 1 for texts in wording.values())
    assert sum(n >= 5 for n in uses.values()) > len(uses) / 2  # matrices get dense


def test_actors_mostly_keep_their_stance_and_sometimes_change_it(corpus_300):
    history = collections.defaultdict(list)  # (actor, question) → stances in date order
    for brief in sorted(records(corpus_300, "briefs"), key=lambda b: (b["date"], b["id"])):
        for position in brief["positions"]:
            statements = sorted(position["statements"], key=lambda s: s.get("date", ""))
            history[position["actor"], position["question"]] += [
                s.get("stance", position.get("stance")) for s in statements
            ]
    steps = [(a, b) for stances in history.values() for a, b in zip(stances, stances[1:])]
    changes = sum(a != b for a, b in steps)
    assert 0 < changes < len(steps) * 0.15


def test_actor_names_read_like_news(corpus_300):
    actors = records(corpus_300, "actors")
    people = [a["name"] for a in actors if a["kind"] == "person"]
    assert people and all(len(name.split()) >= 2 and name.istitle() for name in people)
    assert {"state", "company", "court", "legislature", "coalition"} <= {a["kind"] for a in actors}
    assert len({a["name"] for a in actors}) == len(actors)


def test_schema_1_passes_check_strict_and_builds(tmp_path):
    content = tmp_path / "content"
    write_story_corpus(content, CHECK_SIZE, seed=1, schema=1)
    result = briefing_check(content)
    assert result.returncode == 0, result.stderr
    site = build_site(content, tmp_path / "work")
    assert len(list((site / "briefs").glob("*/index.html"))) == CHECK_SIZE


def test_schema_2_passes_check_strict(tmp_path):
    content = tmp_path / "content"
    write_story_corpus(content, CHECK_SIZE, seed=1, schema=2)
    result = briefing_check(content)
    assert result.returncode == 0, result.stderr


# --- the YAML writer: whatever it writes, YAML reads back the same ---

keys = st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True)
scalars = st.one_of(
    st.text(),
    st.integers(-(10**6), 10**6),
    st.booleans(),
    st.sampled_from(
        [
            "yes",
            "No",
            "null",
            "2019-01-15",
            "a: b",
            "x #y",
            "- z",
            "text\n",
            "line\n\nline\n",
            " lead\n",
            "\u2028",
            "\x85",
            "\ufeff",
            "😀\x01",
        ]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(st.one_of(scalars, st.dictionaries(keys, inner, max_size=3)), max_size=3),
        st.dictionaries(keys, inner, max_size=3),
    ),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(keys, values, min_size=1, max_size=5))
def test_written_yaml_reads_back_the_same(record):
    assert yaml.load(to_yaml(record), Loader=yaml.CSafeLoader) == record
