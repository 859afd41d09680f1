"""``briefing check`` with a cache folder: unchanged files are not read again, and the problems
are those of a check without it, whatever was edited and whatever state the cache is in."""

from __future__ import annotations

import os
import pickle
import random
import shutil
from pathlib import Path

import pytest

from generator.check import cache as check_cache
from generator.check.run import check_all
from generator.content import corpus
from generator.runtime import parallel
from helpers.story_corpus import story_content

EDITS = [
    ("title: ", "title: Edited "),  # still valid
    ("id: ", "id: x-"),  # the id no longer matches the file name
    ("\n", "\n  bad indentation: [\n"),  # not YAML
]


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "MIN_ITEMS", 2)  # workers, even for a small corpus
    shutil.copytree(story_content(), tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def loads_counted(monkeypatch) -> list[str]:
    """Names of the files read and validated (in this process: no workers)."""
    monkeypatch.setattr(parallel, "MIN_ITEMS", 10**9)
    loads: list[str] = []
    load_file = corpus.load_file

    def counted(shared, job, raw=None):
        loads.append(job[1].name)
        return load_file(shared, job, raw)

    monkeypatch.setattr(check_cache, "load_file", counted)
    return loads


def cold(monkeypatch) -> list:
    monkeypatch.setenv("BRIEFING_CACHE", "off")
    found = check_all(Path("content"))
    monkeypatch.setenv("BRIEFING_CACHE", ".briefing-cache")
    return found


@pytest.mark.parametrize("seed", range(3))
def test_a_check_with_the_cache_finds_what_a_check_without_it_finds(project, monkeypatch, seed):
    monkeypatch.setenv("BRIEFING_CACHE", ".briefing-cache")
    assert check_all(Path("content")) == cold(monkeypatch)
    rng = random.Random(seed)
    files = sorted(Path("content").rglob("*.yaml"))
    edited = []
    for path in rng.sample(files, 6):
        old, new = rng.choice(EDITS)
        if old in (text := path.read_text()):
            path.write_text(text.replace(old, new, 1))
            edited.append(path)
    assert edited
    rng.choice([f for f in files if f not in edited]).unlink()  # references to it now fail
    expected = cold(monkeypatch)
    loads = loads_counted(monkeypatch)
    assert check_all(Path("content")) == expected
    assert sorted(loads) == sorted(path.name for path in edited)  # only those read again
    entries = [p for p in Path(".briefing-cache-check").rglob("*") if p.is_file()]
    assert len(entries) == len(files) - 1  # the deleted file's entry and the old ones are gone


class Runs:
    """Unpickled by a plain unpickler, runs a command."""

    def __init__(self, command: str):
        self.command = command

    def __reduce__(self):
        return os.system, (self.command,)


def test_a_damaged_or_foreign_cache_is_ignored(project, monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE", ".briefing-cache")
    expected = check_all(Path("content"))
    entries = sorted(p for p in Path(".briefing-cache-check").rglob("*") if p.is_file())
    entries[0].write_bytes(entries[0].read_bytes()[:100])  # cut short
    entries[1].write_bytes(b"not a pickle")
    entries[2].write_bytes(pickle.dumps((entries[2].name, Runs("touch pwned"))))
    entries[3].write_bytes(pickle.dumps(("another key", pickle.loads(entries[4].read_bytes())[1])))
    loads = loads_counted(monkeypatch)
    assert check_all(Path("content")) == expected
    assert len(loads) == 4 and not Path("pwned").exists()
    loads.clear()
    assert check_all(Path("content")) == expected and loads == []  # written again, whole


def test_a_change_of_code_starts_clean(project, monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE", ".briefing-cache")
    check_all(Path("content"))
    loads = loads_counted(monkeypatch)
    monkeypatch.setattr(check_cache, "code_key", lambda: "another version")
    check_all(Path("content"))
    assert len(loads) == len(list(Path("content").rglob("*.yaml")))


def test_the_builds_cache_folder_is_left_to_the_build(project, monkeypatch):
    # The build replaces its folder whole, and only one it wrote: a check must not write there.
    monkeypatch.setenv("BRIEFING_CACHE", ".briefing-cache/")
    check_all(Path("content"))
    assert not Path(".briefing-cache").exists() and Path(".briefing-cache-check").is_dir()
