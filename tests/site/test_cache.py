"""The build cache's folder: where it is, what a build trusts of it, how it is replaced.
(Whole builds from a cache: tests/published/test_incremental_build.py.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.site import cache
from generator.site.cache import Manifest

KEY = "k" * 32


def _saved(tmp_path: Path) -> Path:
    """A cache saved from a one-page site and one brief; returns its folder."""
    site, content = tmp_path / "site", tmp_path / "content" / "briefs"
    (site / "a").mkdir(parents=True, exist_ok=True)
    (site / "a" / "index.html").write_text("<p>a</p>", encoding="utf-8")
    content.mkdir(parents=True, exist_ok=True)
    brief = content / "one.yaml"
    brief.write_text("id: one\n", encoding="utf-8")
    manifest = Manifest(KEY, content={"briefs/one": cache.file_digest(brief)})
    assert cache.save(tmp_path / "cache", site, manifest, {("briefs", "one"): brief}) is None
    return tmp_path / "cache"


def test_a_saved_cache_is_found_under_its_key_only(tmp_path):
    folder = _saved(tmp_path)
    previous, why = cache.load(folder, KEY)
    assert previous is not None, why
    assert (previous.site / "a" / "index.html").read_text() == "<p>a</p>"
    same = previous.manifest.content["briefs/one"]
    assert previous.changed_records({("briefs", "one"): same}) == set()
    edited_and_added = {("briefs", "one"): "edited", ("actors", "new"): "added"}
    assert previous.changed_records(edited_and_added) == set(edited_and_added)
    assert previous.changed_records({}) == {("briefs", "one")}  # deleted
    assert cache.load(folder, "other")[0] is None


def test_a_brief_changed_during_the_build_leaves_no_cache(tmp_path):
    folder = _saved(tmp_path)
    brief = tmp_path / "content" / "briefs" / "one.yaml"
    brief.write_text("id: one\ntitle: saved meanwhile\n", encoding="utf-8")
    manifest = Manifest("new", content={"briefs/one": "the digest of what the build read"})
    why = cache.save(folder, tmp_path / "site", manifest, {("briefs", "one"): brief})
    assert why is not None and "changed during the build" in why
    assert cache.load(folder, KEY)[0] is not None  # the last good cache is left as it was


@pytest.mark.parametrize(
    "damage",
    [
        lambda folder: (folder / "manifest.json").write_text("[]"),
        lambda folder: (folder / "manifest.json").write_bytes(b"\xff\xfe"),
        lambda folder: (folder / "site" / "a" / "index.html").write_text("<p>longer</p>"),
        lambda folder: (folder / "content" / "briefs" / "one.yaml").unlink(),
        lambda folder: (folder / "manifest.json").write_text(
            json.dumps({**json.loads((folder / "manifest.json").read_text()), "format": 99})
        ),
        lambda folder: (folder / "manifest.json").write_text(
            json.dumps(
                {
                    **json.loads((folder / "manifest.json").read_text()),
                    "sizes": {"../outside": 1},
                }
            )
        ),
    ],
)
def test_a_damaged_or_foreign_cache_is_not_trusted(tmp_path, damage):
    folder = _saved(tmp_path)
    damage(folder)
    previous, why = cache.load(folder, KEY)
    assert previous is None and why


def test_a_folder_that_is_not_a_cache_is_never_replaced(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    (tmp_path / "site").mkdir()
    why = cache.save(folder, tmp_path / "site", Manifest(KEY), {})
    assert why is not None and "not written by briefing" in why
    assert (folder / "notes.txt").read_text() == "mine"


def test_what_a_killed_save_left_is_never_read_and_is_cleared_by_the_next(tmp_path):
    folder = _saved(tmp_path)
    left = tmp_path / ".cache.building-0badcafe"  # a save killed before its swap
    (left / "site").mkdir(parents=True)
    (left / "manifest.json").write_text(Manifest(KEY).to_json())
    assert cache.load(folder, KEY)[0].manifest.content  # the cache, not what the kill left
    _saved(tmp_path)
    assert not left.exists()


def test_the_environment_names_the_folder_before_the_option(tmp_path, monkeypatch):
    monkeypatch.delenv(cache.ENVIRONMENT_VARIABLE, raising=False)
    assert cache.cache_folder(None, tmp_path) is None
    assert cache.cache_folder(".c", tmp_path) == tmp_path / ".c"
    monkeypatch.setenv(cache.ENVIRONMENT_VARIABLE, "off")
    assert cache.cache_folder(".c", tmp_path) is None
    monkeypatch.setenv(cache.ENVIRONMENT_VARIABLE, "/elsewhere")
    assert cache.cache_folder(".c", tmp_path) == Path("/elsewhere")
