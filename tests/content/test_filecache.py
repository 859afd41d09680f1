"""FileCache: only new or changed files are loaded again; unchanged ones give the same object."""

from __future__ import annotations

import os
from pathlib import Path

from generator.content.filecache import FileCache


def test_only_new_or_changed_files_are_loaded_again(tmp_path):
    paths = [tmp_path / f"{name}.yaml" for name in "abc"]
    for path in paths:
        path.write_text("one")
    loaded: list[list[Path]] = []

    def load(jobs: list[Path]) -> list[object]:
        loaded.append(list(jobs))
        return [object() for _ in jobs]

    cache = FileCache()
    first = cache.map(load, paths, path_of=lambda path: path)
    paths[1].write_text("two, longer")
    os.utime(paths[1], ns=(1, 1))  # a different modification time, whatever the clock's resolution
    second = cache.map(load, paths, path_of=lambda path: path)
    assert loaded == [paths, [paths[1]]]
    assert second[0] is first[0] and second[2] is first[2]
    assert second[1] is not first[1]


def test_deleted_files_are_forgotten(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("x")
    cache = FileCache()
    cache.map(lambda jobs: ["loaded"] * len(jobs), [path], path_of=lambda p: p)
    assert cache.map(lambda jobs: [], [], path_of=lambda p: p) == []
    assert cache.map(lambda jobs: ["again"] * len(jobs), [path], path_of=lambda p: p) == ["again"]


def test_a_change_of_permissions_alone_is_a_change(tmp_path):
    """chmod keeps size and modification time: a file made readable again must be read again."""
    path = tmp_path / "a.yaml"
    path.write_text("x")
    cache = FileCache()
    cache.map(lambda jobs: ["unreadable"] * len(jobs), [path], path_of=lambda p: p)
    path.chmod(0o000)
    path.chmod(0o644)
    assert cache.map(lambda jobs: ["read"] * len(jobs), [path], path_of=lambda p: p) == ["read"]


def test_a_path_that_cannot_be_looked_at_is_loaded_every_time(tmp_path):
    path = tmp_path / "a.yaml"
    path.symlink_to(path)  # a loop: stat fails
    cache = FileCache()
    calls: list[int] = []

    def load(jobs):
        calls.append(len(jobs))
        return ["problem"] * len(jobs)

    for _ in range(3):
        assert cache.map(load, [path], path_of=lambda p: p) == ["problem"]
    assert calls == [1, 1, 1]
