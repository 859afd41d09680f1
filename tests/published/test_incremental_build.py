"""The build cache (issue #23 item 2): after random edits, additions and deletions, a build
that starts from the cache writes the same site as a clean build, while it renders, converts
and indexes again only part of it; a cache made under other templates, or a damaged one,
is not used.

Outside ``pagefind/`` the two sites are compared byte for byte. Pagefind 1.5.2 writes some
files of its index (filters, metadata, the entry file) in an order that varies from run to run,
so two clean builds already differ there: the index is compared by what it holds, each shard's
pages as Pagefind stored them (their text, filters and metadata).
"""

from __future__ import annotations

import gzip
import json
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bench.stories import to_yaml, write_story_corpus
from helpers.site_builder import write_config
from helpers.story_corpus import STORY_BUILD_DAY_EPOCH, coarsen_event_dates

PAGES_PER_SHARD = 60  # a few hundred pages: several shards, so that some are kept
NAVIGATION_PAGES = 11  # generated pages in mkdocs.yml's nav (home, section indexes, search)
STANCES = ["supports", "opposes", "mixed", "neutral", "unclear"]


def _build(content: Path, work: Path, *, cache: bool, later_s: int = 0, **options: object) -> str:
    """``mkdocs build --strict`` of ``content`` into ``work/site``; with ``cache``, the build
    cache in ``work/.briefing-cache``; ``later_s`` seconds after the story corpus's build time
    (a later push). Returns what the build logged."""
    config = write_config(content, work, search_pages_per_shard=PAGES_PER_SHARD, **options)
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": str(int(STORY_BUILD_DAY_EPOCH) + later_s),
        "BRIEFING_CACHE": str(work / ".briefing-cache") if cache else "off",
    }
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stderr


def _files(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in site.rglob("*")
        if path.is_file() and not path.relative_to(site).as_posix().startswith("pagefind/")
    }


def _search_index(site: Path) -> dict[str, list[str]]:
    """Each shard's pages as Pagefind stored them, and the list of shards."""
    bundle = site / "pagefind"
    shards = {"shards.json": [(bundle / "shards.json").read_text()]}
    for folder in [bundle, *(path.parent for path in bundle.glob("shard-*/pagefind-entry.json"))]:
        fragments = [
            gzip.decompress(path.read_bytes()).decode("utf-8")
            for path in folder.glob("fragment/*.pf_fragment")
        ]
        entry = json.loads((folder / "pagefind-entry.json").read_text())
        counts = [language.get("page_count") for language in entry["languages"].values()]
        shards[folder.name] = sorted(fragments) + [repr(counts)]
    return shards


def assert_same_site(site: Path, clean: Path) -> None:
    built, expected = _files(site), _files(clean)
    assert sorted(built) == sorted(expected)
    differing = [name for name in expected if built[name] != expected[name]]
    assert differing == []
    assert _search_index(site) == _search_index(clean)


# -- the edits ------------------------------------------------------------------------------------


class Content:
    """A story corpus edited the way an analyst would: one YAML file at a time."""

    def __init__(self, folder: Path, rng: random.Random):
        self.folder, self.rng = folder, rng

    def paths(self, kind: str) -> list[Path]:
        return sorted((self.folder / kind).glob("*.yaml"))

    def read(self, path: Path) -> dict:
        return yaml.safe_load(path.read_text(encoding="utf-8"))

    def write(self, path: Path, record: dict) -> None:
        path.write_text(to_yaml(record), encoding="utf-8")

    def referenced(self, key: str, *, besides: Path) -> bool:
        pattern = re.compile(rf"\b{re.escape(key)}\b")
        return any(
            pattern.search(path.read_text(encoding="utf-8"))
            for kind in ("briefs", "actors", "legal")
            for path in self.paths(kind)
            if path != besides
        )

    def edit_stance(self) -> str:
        for path in self.rng.sample(self.paths("briefs"), 10):
            brief = self.read(path)
            positions = [
                p
                for p in brief.get("positions", [])
                if "stance" in p and not any("stance" in s for s in p["statements"])
            ]
            if positions:
                position = self.rng.choice(positions)
                position["stance"] = self.rng.choice(
                    [s for s in STANCES if s != position["stance"]]
                )
                self.write(path, brief)
                return f"stance in {path.name}"
        return "no stance to edit"

    def edit_statement(self) -> str:
        path = self.rng.choice(self.paths("briefs"))
        brief = self.read(path)
        statements = [s for p in brief.get("positions", []) for s in p["statements"]]
        if not statements:
            return "no statement"
        statement = self.rng.choice(statements)
        field = "quote" if "quote" in statement else "paraphrase"
        statement[field] = f"{statement[field]} Edited {self.rng.randrange(10**6)}."
        self.write(path, brief)
        return f"{field} in {path.name}"

    def edit_title(self) -> str:
        path = self.rng.choice(self.paths("briefs"))
        brief = self.read(path)
        brief["title"] = f"A new headline, number {self.rng.randrange(10**6)}"
        self.write(path, brief)
        return f"title of {path.name}"

    def edit_date(self) -> str:
        path = self.rng.choice(self.paths("briefs"))
        brief = self.read(path)
        brief["date"] = (
            f"20{self.rng.randrange(15, 25)}-0{self.rng.randrange(1, 10)}-1{self.rng.randrange(10)}"
        )
        self.write(path, brief)
        return f"date of {path.name}"

    def rename_actor(self) -> str:
        path = self.rng.choice(self.paths("actors"))
        actor = self.read(path)
        actor["name"] = f"{actor['name']} Renamed"
        self.write(path, actor)
        return f"name of {path.name}"

    def add_brief(self) -> str:
        source = self.rng.choice(self.paths("briefs"))
        brief = self.read(source)
        brief["id"] = f"{brief['id']}-copy{self.rng.randrange(10**6)}"
        brief["title"] = f"{brief['title']} (a second look)"
        brief.pop("follows", None)
        self.write(source.with_name(f"{brief['id']}.yaml"), brief)
        return f"brief {brief['id']} added"

    def delete_brief(self) -> str:
        for path in self.rng.sample(self.paths("briefs"), len(self.paths("briefs"))):
            if not self.referenced(path.stem, besides=path):
                path.unlink()
                return f"brief {path.name} deleted"
        return "no brief to delete"

    def add_actor(self) -> str:
        key = f"new-actor-{self.rng.randrange(10**6)}"
        self.write(self.folder / "actors" / f"{key}.yaml", {"id": key, "name": key, "kind": "ngo"})
        # and a brief cites it, so that it reaches pages beyond its own
        path = self.rng.choice(self.paths("briefs"))
        brief = self.read(path)
        if brief.get("positions"):
            self.rng.choice(brief["positions"])["actor"] = key
            self.write(path, brief)
        return f"actor {key} added"

    def delete_record(self, kind: str) -> str:
        for path in self.rng.sample(self.paths(kind), len(self.paths(kind))):
            if not self.referenced(path.stem, besides=path):
                path.unlink()
                return f"{kind} {path.name} deleted"
        return f"no {kind} to delete"

    def add_legal(self) -> str:
        key = f"new-law-{self.rng.randrange(10**6)}"
        law = {"id": key, "title": f"New Law {key}", "jurisdiction": "Nauru", "year": 2020}
        law["summary"] = "A law added by the test."
        self.write(self.folder / "legal" / f"{key}.yaml", law)
        return f"law {key} added"

    def random_edits(self, count: int) -> list[str]:
        edits = [
            self.edit_stance,
            self.edit_statement,
            self.edit_title,
            self.edit_date,
            self.rename_actor,
            self.add_brief,
            self.delete_brief,
            self.add_actor,
            lambda: self.delete_record("actors"),
            self.add_legal,
            lambda: self.delete_record("legal"),
        ]
        return [self.rng.choice(edits)() for _ in range(count)]


@pytest.fixture
def project(tmp_path) -> Path:
    write_story_corpus(tmp_path / "content", briefs=60, seed=3)
    return tmp_path


def test_a_build_from_the_cache_after_random_edits_is_a_clean_build(project):
    content, work, clean = project / "content", project / "cached", project / "clean"
    log = _build(content, work, cache=True)
    assert "no cache yet" in log
    rng = random.Random(23)
    for _ in range(2):
        edits = Content(content, rng).random_edits(4)
        log = _build(content, work, cache=True)
        _build(content, clean, cache=False)
        assert "cache found" in log, edits
        kept = re.search(r"(\d+) of (\d+) pages kept, (\d+) of (\d+) search shards", log)
        assert kept is not None, log
        assert 0 < int(kept[1]) < int(kept[2]), edits  # part of the site was kept ...
        assert int(kept[4]) > 1  # ... in several shards
        assert_same_site(work / "site", clean / "site")


def _data_files(work: Path) -> dict[str, int]:
    """The data files and feeds the cache lists, by path in the site: their inodes."""
    manifest = json.loads((work / ".briefing-cache" / "manifest.json").read_text())
    paths = [path for _, made in manifest["files"].values() for path in made]
    return {path: (work / "site" / path).stat().st_ino for path in paths}


def test_no_edit_keeps_every_generated_page_and_every_shard(project):
    content, work = project / "content", project / "cached"
    _build(content, work, cache=True)
    data_files = _data_files(work)
    log = _build(content, work, cache=True)
    kept = re.search(r"(\d+) of (\d+) pages kept, (\d+) of (\d+) search shards", log)
    # Only the 11 generated pages of the navigation are built again: they are always built.
    assert int(kept[2]) - int(kept[1]) == NAVIGATION_PAGES and kept[3] == "0", log
    # The data files and feeds made from the same content are the last build's files, linked
    # (not written again); that they hold a clean build's bytes is the test above.
    assert len(data_files) > 100 and _data_files(work) == data_files


def test_a_later_push_the_same_day_keeps_every_data_file_and_feed(project):
    # Each push builds with its commit's time (SOURCE_DATE_EPOCH): nothing it shows but the
    # sitemap depends on the time within the day, so the cache's data and feeds all hold.
    content, work, clean = project / "content", project / "cached", project / "clean"
    _build(content, work, cache=True)
    Content(content, random.Random(5)).edit_statement()
    log = _build(content, work, cache=True, later_s=600)
    _build(content, clean, cache=False, later_s=600)
    jobs = re.search(r"(\d+) of (\d+) data and feed jobs kept", log)
    assert jobs is not None and 0 < int(jobs[1]) < int(jobs[2]), log  # only the edit's are made
    assert int(jobs[2]) - int(jobs[1]) < int(jobs[2]) // 4, log
    assert_same_site(work / "site", clean / "site")


def test_a_build_on_another_day_keeps_what_the_day_does_not_change(project):
    # The build's day is not in the cache's key (the first push of a day used to build clean):
    # a build on another day renders again the pages of the scheduled events and deadlines that
    # changed side, and writes a clean build's site of that day. Forward a day (with an edit),
    # across the end of a month and of a year (events dated to the month and to the year), back.
    content, work, clean = project / "content", project / "cached", project / "clean"
    coarsen_event_dates(content, {"2026-12-15": "2026-12", "2026-10-20": "2026"})
    _build(content, work, cache=True)  # on 1 December 2026
    day = 24 * 3600
    for later_s, edit in [(day, True), (31 * day, False), (0, False)]:
        if edit:
            Content(content, random.Random(later_s)).edit_statement()
        log = _build(content, work, cache=True, later_s=later_s)
        _build(content, clean, cache=False, later_s=later_s)
        assert "cache found" in log, log
        assert re.search(r"built for \S+, now \S+: [1-9]\d* pages show events that changed", log)
        kept = re.search(r"(\d+) of (\d+) pages kept, (\d+) of (\d+) search shards", log)
        assert kept is not None and 0 < int(kept[1]) < int(kept[2]), log
        assert int(kept[2]) - int(kept[1]) < int(kept[2]) // 3, log  # far from a clean build
        if not edit:  # what a page says of the day is not searched: no shard is indexed again
            assert kept[3] == "0", log
        assert_same_site(work / "site", clean / "site")


def test_a_runner_that_restores_the_cache_alone_recycles_its_copy(project):
    # A CI runner starts with the cache folder and no site: the cache's copy of the site
    # becomes the new cache's (its folders kept, only what changed linked again) instead of
    # a new tree of links being made and the old one deleted.
    content, work, clean = project / "content", project / "cached", project / "clean"
    _build(content, work, cache=True)
    copy = work / ".briefing-cache" / "site"
    folders = {path: path.stat().st_ino for path in [copy, *copy.glob("briefs/*/")]}
    shutil.rmtree(work / "site")
    Content(content, random.Random(5)).edit_statement()
    assert "cache found" in _build(content, work, cache=True, later_s=600)
    _build(content, clean, cache=False, later_s=600)
    assert_same_site(work / "site", clean / "site")
    assert {path: path.stat().st_ino for path in folders if path.exists()} == folders
    shutil.rmtree(work / "site")  # the next runner's: the recycled cache is whole
    assert "cache found" in _build(content, work, cache=True, later_s=900)


def test_a_changed_template_starts_clean(project):
    content, work, clean = project / "content", project / "cached", project / "clean"
    templates = project / "templates"
    shutil.copytree(Path(__file__).resolve().parents[2] / "templates", templates)
    _build(content, work, cache=True, templates_dir=str(templates))
    brief_template = templates / "brief.md.j2"
    brief_template.write_text(
        brief_template.read_text(encoding="utf-8") + "\nShown by the edited template.\n",
        encoding="utf-8",
    )
    log = _build(content, work, cache=True, templates_dir=str(templates))
    assert "templates, configuration or packages changed" in log
    _build(content, clean, cache=False, templates_dir=str(templates))
    assert_same_site(work / "site", clean / "site")
    a_brief = next((work / "site" / "briefs").glob("*/index.html"))
    assert "Shown by the edited template." in a_brief.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "damage",
    [
        "truncated page",
        "missing page",
        "manifest not JSON",
        "manifest of another key",
        "records not a pickle",
    ],
)
def test_a_damaged_cache_is_ignored(project, damage):
    content, work, clean = project / "content", project / "cached", project / "clean"
    _build(content, work, cache=True)
    cache = work / ".briefing-cache"
    manifest = cache / "manifest.json"
    a_page = next((cache / "site" / "briefs").glob("*/index.html"))
    if damage == "truncated page":
        a_page.write_bytes(a_page.read_bytes()[:100])  # the site's file too: a hard link
        shutil.rmtree(work / "site")
    elif damage == "missing page":
        a_page.unlink()
    elif damage == "manifest not JSON":
        manifest.write_text("{not json", encoding="utf-8")
    elif damage == "manifest of another key":
        data = json.loads(manifest.read_text(encoding="utf-8"))
        manifest.write_text(json.dumps({**data, "key": "0" * 32}), encoding="utf-8")
    else:
        (cache / "records.pickle").write_bytes(b"\0" * (cache / "records.pickle").stat().st_size)
    Content(content, random.Random(5)).edit_title()
    log = _build(content, work, cache=True)
    assert "cache found" not in log
    _build(content, clean, cache=False)
    assert_same_site(work / "site", clean / "site")
    assert "cache found" in _build(content, work, cache=True)  # and a sound one replaced it
