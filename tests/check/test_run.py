"""``briefing check`` as a whole (checking.py): what it costs beyond the checks themselves."""

from __future__ import annotations

import gc
import random
import shutil
from pathlib import Path

import pytest
import yaml

from generator.check.lint import lint
from generator.check.quotes import verify_quotes
from generator.check.run import check_all
from generator.content.corpus import check_content
from generator.content.problems import Problem
from generator.runtime import parallel
from helpers.corpora import synthetic_content
from helpers.story_corpus import story_content


def test_the_collector_is_not_left_to_walk_the_checked_corpus():
    # The records are built with the collector paused; were they still alive when it comes
    # back on, its first run would walk every one of them (0.85 s at 10,000 briefs).
    # gc.get_count()[0]: objects made since the last collection, less those freed.
    pending_at_collection: list[int] = []

    def note(phase: str, info: dict) -> None:
        if phase == "start":
            pending_at_collection.append(gc.get_count()[0])

    gc.collect()
    gc.callbacks.append(note)
    try:
        problems = check_all(synthetic_content())
    finally:
        gc.callbacks.remove(note)
    assert not [p for p in problems if p.severity == "error"]
    # Unpaused, the collector runs once the count passes its threshold (700 objects);
    # only while it is paused do more pile up (7,884 here when the corpus was kept).
    assert max(pending_at_collection, default=0) < 3 * gc.get_threshold()[0], pending_at_collection


# --- checked file by file in workers, the same problems as checking the loaded corpus -----------


def checked_as_loaded(content: Path) -> list[Problem]:
    """What ``check_all`` says, found the slow way: the whole corpus loaded, then checked."""
    corpus, problems = check_content(content)
    problems += verify_quotes(corpus, content.resolve().parent)
    if not any(p.severity == "error" for p in problems):
        problems += lint(corpus)
    return sorted(problems)


def edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def reword_first_question(data: dict) -> None:
    if data.get("questions"):
        data["questions"][0]["text"] = "An altogether different question, asked here?"


def relabel_topic(data: dict) -> None:
    data["topics"] = [*data.get("topics", []), "5g networks", "5G  Networks", "C++", "C#"]


def cite_unknown_provision(data: dict) -> None:
    for reference in data.get("legal_references", []):
        reference["provisions"] = [*reference.get("provisions", []), "art-999"]


def forget_a_source(data: dict) -> None:
    if data.get("sources"):
        data["sources"].append({"id": "never-cited", "publisher": "Nobody", "title": "Unread"})


BRIEF_EDITS = [reword_first_question, forget_a_source, relabel_topic, cite_unknown_provision]


@pytest.mark.parametrize("seed", range(4))
def test_files_checked_in_workers_give_the_problems_of_the_loaded_corpus(
    tmp_path, monkeypatch, seed
):
    monkeypatch.setattr(parallel, "MIN_ITEMS", 2)  # workers, even for a small corpus
    content = tmp_path / "content"
    shutil.copytree(story_content(), content)
    monkeypatch.chdir(tmp_path)
    rng = random.Random(seed)
    briefs = sorted((content / "briefs").iterdir())
    for path in rng.sample(briefs, 6):
        edit(path, rng.choice(BRIEF_EDITS[: 2 if seed == 0 else None]))  # seed 0: warnings only
    (content / "actors" / "lonely.yaml").write_text("id: lonely\nname: Lonely\nkind: other\n")
    if seed > 1:  # errors: an actor others use gone, a file that is not YAML, a cycle
        rng.choice(sorted((content / "actors").iterdir())).unlink()
        rng.choice(briefs).write_text("title: [unclosed\n")
        (content / "actors" / "ring-a.yaml").write_text(
            "id: ring-a\nname: A\nkind: other\npart_of: ring-b\n"
        )
        (content / "actors" / "ring-b.yaml").write_text(
            "id: ring-b\nname: B\nkind: other\npart_of: ring-a\n"
        )
    expected = checked_as_loaded(Path("content"))
    assert any(p.severity == "warning" for p in expected)
    assert any(p.severity == "error" for p in expected) == (seed > 0)
    assert check_all(Path("content")) == expected
