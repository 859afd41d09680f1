"""The build cache's folder: where it is, what a build trusts of it, how it is replaced.
(Whole builds from a cache: tests/published/test_incremental_build.py.)"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import signal
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.stories import to_yaml, write_story_corpus
from generator.content.corpus import load_content
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
    store = cache.RecordStore(content.parent, {})
    saved = cache.save(tmp_path / "cache", site, manifest, {("briefs", "one"): brief}, store)
    assert saved is None
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
    store = cache.RecordStore(tmp_path / "content", {})
    why = cache.save(folder, tmp_path / "site", manifest, {("briefs", "one"): brief}, store)
    assert why is not None and "changed during the build" in why
    assert cache.load(folder, KEY)[0] is not None  # the last good cache is left as it was


@pytest.mark.parametrize(
    "damage",
    [
        lambda folder: (folder / "manifest.json").write_text("[]"),
        lambda folder: (folder / "manifest.json").write_bytes(b"\xff\xfe"),
        lambda folder: (folder / "site" / "a" / "index.html").write_text("<p>longer</p>"),
        lambda folder: (folder / "records.pickle").unlink(),
        lambda folder: (folder / "records.pickle").write_bytes(  # the same size, not a pickle
            b"x" * (folder / "records.pickle").stat().st_size
        ),
        lambda folder: _plant(folder / "records.pickle"),
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
def test_a_damaged_or_foreign_cache_is_not_trusted(tmp_path, damage, monkeypatch):
    folder = _saved(tmp_path)
    damage(folder)
    monkeypatch.chdir(tmp_path)
    previous, why = cache.load(folder, KEY)
    assert previous is None and why
    assert not (tmp_path / "pwned").exists()


class _Runs:
    """Unpickled by a plain unpickler, runs a command."""

    def __reduce__(self):
        return os.system, ("touch pwned",)


def _plant(path: Path) -> None:
    """A pickle that would run a command, as long as the file it replaces (the manifest's size)."""
    planted = pickle.dumps({"briefs/one": _Runs()})
    path.write_bytes(planted + b"\0" * max(0, path.stat().st_size - len(planted)))


def test_a_folder_that_is_not_a_cache_is_never_replaced(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    (tmp_path / "site").mkdir()
    why = cache.save(folder, tmp_path / "site", Manifest(KEY), {}, cache.RecordStore(folder, {}))
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


def _load_with(content: Path, earlier: cache.RecordStore | None) -> tuple:
    """The content loaded through a record store that starts from ``earlier``'s saved entries,
    as the next build would; returns the corpus and the store."""
    digests = cache.content_digests(content)
    if earlier is None:
        store = cache.RecordStore(content, digests)
    else:
        known = {f"{folder}/{key}": value for (folder, key), value in earlier.content.items()}
        store = cache.RecordStore(content, digests, pickle.loads(earlier.saved()), known)
    return load_content(content, relative_to=content.parent, cache=store), store


def test_only_the_edited_file_is_loaded_again_and_the_records_are_a_clean_loads(tmp_path):
    content = tmp_path / "content"
    write_story_corpus(content, briefs=12, seed=4)
    first, store = _load_with(content, None)
    assert store.reused == 0
    edited = sorted((content / "briefs").glob("*.yaml"))[3]
    brief = yaml.safe_load(edited.read_text(encoding="utf-8"))
    brief["title"] = "A title edited since the last build"
    edited.write_text(to_yaml(brief), encoding="utf-8")
    again, next_store = _load_with(content, store)
    assert next_store.reused == len(next_store.kept) - 1
    clean = load_content(content, relative_to=content.parent)
    for folder in cache.FOLDERS:
        assert getattr(again, folder) == getattr(clean, folder)
    assert again.briefs[edited.stem].title == "A title edited since the last build"
    # The last build's version of the edited record stays at hand (for the pages it was on).
    assert next_store.earlier_record(f"briefs/{edited.stem}") == first.briefs[edited.stem]


def test_a_file_moved_elsewhere_is_loaded_again_under_its_new_name(tmp_path):
    content = tmp_path / "content"
    write_story_corpus(content, briefs=3, seed=4)
    _, store = _load_with(content, None)
    moved = tmp_path / "moved"
    content.rename(moved)
    # Same bytes, another path: what problems would name differs, so nothing is reused.
    _, next_store = _load_with(moved, store)
    assert next_store.reused == 0


def _tree(folder: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) under ``folder``, by path."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() if path.is_file() else None
        for path in folder.rglob("*")
    }


def _write_tree(folder: Path, tree: dict[str, bytes | None]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in sorted(tree.items()):
        path = folder / name
        if data is None:
            path.mkdir(parents=True, exist_ok=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)


_names = st.sampled_from(["a", "b", "c.html", "d"])
_trees = st.dictionaries(
    st.lists(_names, min_size=1, max_size=3).map("/".join),
    st.one_of(st.none(), st.binary(max_size=3)),
    max_size=8,
)


def _consistent(tree: dict[str, bytes | None]) -> dict[str, bytes | None]:
    """``tree`` without the entries under a name that is a file."""
    files = {name for name, data in tree.items() if data is not None}
    return {
        name: data
        for name, data in tree.items()
        if not any(name.startswith(f"{file}/") for file in files)
    }


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(new=_trees.map(_consistent), old=_trees.map(_consistent), kept=st.sets(_names))
def test_the_old_site_becomes_the_new_sites_copy_whatever_it_held(tmp_path_factory, new, old, kept):
    work = tmp_path_factory.mktemp("mirror")
    site, copy = work / "site", work / "copy"
    _write_tree(site, new)
    _write_tree(copy, old)
    for name in kept:  # files the build took from the last site: the same file in both
        if (site / name).is_file() and not (copy / name).exists() and (copy / name).parent.is_dir():
            os.link(site / name, copy / name)
    sizes: dict[str, int] = {}
    cache.mirror(str(site), str(copy), sizes, "site/")
    assert _tree(copy) == _tree(site)
    files = {name for name, data in _tree(site).items() if data is not None}
    assert sizes == {f"site/{name}": (site / name).stat().st_size for name in files}
    for name in files:  # linked, not copied: the next build's pages are links to the same files
        assert (copy / name).stat().st_ino == (site / name).stat().st_ino


def test_a_save_takes_the_replaced_site_and_the_next_build_trusts_it(tmp_path):
    folder = _saved(tmp_path)
    old_site, site = tmp_path / "old-site", tmp_path / "site"
    (site / "b").mkdir()
    (site / "b" / "index.html").write_text("<p>b</p>", encoding="utf-8")
    shutil.copytree(folder / "site", old_site, copy_function=os.link)
    (old_site / "gone.html").write_text("<p>removed since</p>", encoding="utf-8")
    brief = tmp_path / "content" / "briefs" / "one.yaml"
    manifest = Manifest(KEY, content={"briefs/one": cache.file_digest(brief)})
    store = cache.RecordStore(tmp_path / "content", {})
    files = {("briefs", "one"): brief}
    assert cache.save(folder, site, manifest, files, store, old_site=old_site) is None
    assert not old_site.exists()  # moved, not copied
    previous, why = cache.load(folder, KEY)
    assert previous is not None, why
    assert _tree(previous.site) == _tree(site)
    assert set(previous.manifest.sizes) == {
        "records.pickle",
        "site/a/index.html",
        "site/b/index.html",
    }


@pytest.mark.parametrize("moment", ["moved", "half mirrored", "mirrored"])
def test_a_save_killed_while_it_takes_the_replaced_site_leaves_the_last_cache(tmp_path, moment):
    folder = _saved(tmp_path)
    before = _tree(folder / "site")
    old_site, site = tmp_path / "old-site", tmp_path / "site"
    shutil.copytree(site, old_site, copy_function=os.link)
    (site / "a" / "index.html").unlink()  # replaced whole, as a build does
    (site / "a" / "index.html").write_text("<p>a, edited</p>", encoding="utf-8")
    for n in range(20):
        (site / f"p{n}.html").write_text(f"<p>{n}</p>", encoding="utf-8")
    pid = os.fork()
    if pid == 0:  # the build: SIGKILLed at that moment of its save
        linked = 0

        def link_then_die(source: str, target: str) -> None:
            nonlocal linked
            if moment == "moved" or (moment == "half mirrored" and linked == 10):
                os.kill(os.getpid(), signal.SIGKILL)
            os.link(source, target)
            linked += 1

        def written_then_die(self, text, **_):
            os.kill(os.getpid(), signal.SIGKILL)

        cache.link_or_copy = link_then_die
        if moment == "mirrored":
            Path.write_text = written_then_die  # the manifest, last
        store = cache.RecordStore(tmp_path / "content", {})
        cache.save(folder, site, Manifest("new"), {}, store, old_site=old_site)
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    previous, why = cache.load(folder, KEY)  # the last cache, whole, still trusted
    assert previous is not None, why
    assert _tree(previous.site) == before
    assert cache.load(folder, "new")[0] is None
    _saved(tmp_path)  # the next save clears what the killed one left
    assert sorted(path.name for path in tmp_path.iterdir()) == ["cache", "content", "site"]
