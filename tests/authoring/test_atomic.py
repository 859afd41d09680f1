"""atomic.write_new: a new file whole or nothing, never over what is there, no debris."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.authoring import atomic

NAMES = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="/\x00"),
    min_size=1,
    max_size=40,
).filter(lambda name: name not in (".", "..") and len(os.fsencode(name)) <= 255)
OCCUPANTS = ["file", "folder", "dangling symlink", "symlink to a file", "fifo"]


@pytest.fixture
def scratch():
    """A fresh folder per hypothesis example (tmp_path is shared between examples)."""
    folder = Path(tempfile.mkdtemp(prefix="atomic-"))
    yield folder
    shutil.rmtree(folder)


def fresh_folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="atomic-"))


def listing(folder: Path) -> dict[str, object]:
    """Every entry under ``folder`` with what it holds, symlinks not followed."""
    entries: dict[str, object] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            entries[str(path.relative_to(folder))] = ("symlink", os.readlink(path))
        elif path.is_file():
            entries[str(path.relative_to(folder))] = ("file", path.read_bytes())
        else:
            entries[str(path.relative_to(folder))] = ("other", path.lstat().st_mode)
    return entries


def occupy(path: Path, how: str) -> None:
    if how == "file":
        path.write_bytes(b"the user's\n")
    elif how == "folder":
        path.mkdir()
    elif how == "dangling symlink":
        path.symlink_to("nowhere")
    elif how == "symlink to a file":
        (path.parent / "elsewhere").write_bytes(b"linked\n")
        path.symlink_to("elsewhere")
    elif how == "fifo":
        os.mkfifo(path)


@settings(max_examples=60, deadline=None)
@given(name=NAMES, data=st.binary(max_size=3000))
def test_writes_exactly_the_bytes_and_nothing_else(name, data):
    folder = fresh_folder()
    try:
        atomic.write_new(folder / name, data)
        assert listing(folder) == {name: ("file", data)}
        umask = os.umask(0)
        os.umask(umask)
        assert (folder / name).stat().st_mode & 0o777 == 0o666 & ~umask
    finally:
        shutil.rmtree(folder)


@settings(max_examples=60, deadline=None)
@given(name=NAMES, how=st.sampled_from(OCCUPANTS), text=st.text(max_size=200))
def test_never_replaces_what_is_at_the_target(name, how, text):
    folder = fresh_folder()
    try:
        occupy(folder / name, how)
        before = listing(folder)
        with pytest.raises(atomic.TargetExists) as raised:
            atomic.write_new(folder / name, text)
        assert raised.value.filename == str(folder / name)
        assert listing(folder) == before
    finally:
        shutil.rmtree(folder)


def test_makes_missing_folders_and_removes_them_when_the_write_fails(scratch, monkeypatch):
    def full_disk(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    target = scratch / "a" / "b" / "c.yaml"
    with pytest.raises(OSError) as raised:
        atomic.write_new(target, "text")
    assert raised.value.errno == errno.ENOSPC
    assert raised.value.filename == str(target)  # the target, not the temporary file
    assert listing(scratch) == {}


def test_a_file_on_the_way_is_not_a_folder(scratch):
    (scratch / "content").write_text("a file\n")
    before = listing(scratch)
    for target in (scratch / "content" / "x.yaml", scratch / "content" / "legal" / "x.yaml"):
        with pytest.raises(atomic.NotAFolder) as raised:
            atomic.write_new(target, "text")
        assert raised.value.filename == str(scratch / "content")
    assert listing(scratch) == before


@pytest.mark.parametrize("how", OCCUPANTS)
def test_without_hard_links_it_still_never_replaces(scratch, monkeypatch, how):
    def no_hard_links(source, target):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_hard_links)
    atomic.write_new(scratch / "new.yaml", "fresh\n")
    assert (scratch / "new.yaml").read_text() == "fresh\n"
    occupy(scratch / "taken", how)
    before = listing(scratch)
    with pytest.raises(atomic.TargetExists):
        atomic.write_new(scratch / "taken", "text")
    assert listing(scratch) == before


def test_a_name_at_the_length_limit_is_written_and_one_past_it_is_an_error_naming_it(scratch):
    atomic.write_new(scratch / ("n" * 255), "text")
    with pytest.raises(OSError) as raised:
        atomic.write_new(scratch / ("n" * 256), "text")
    assert raised.value.errno == errno.ENAMETOOLONG
    assert raised.value.filename == str(scratch / ("n" * 256))
    assert listing(scratch) == {"n" * 255: ("file", b"text")}


def test_replace_swaps_in_one_step_and_does_not_follow_a_link(scratch):
    (scratch / "target").write_text("linked file\n")
    (scratch / "generated.json").symlink_to("target")
    atomic.replace(scratch / "generated.json", "new\n")
    assert listing(scratch) == {
        "generated.json": ("file", b"new\n"),
        "target": ("file", b"linked file\n"),
    }
