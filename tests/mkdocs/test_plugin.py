"""The MkDocs adapter: bad content stops the build and the previous site survives."""

from __future__ import annotations

import contextlib
import gc
import os
import subprocess
import sys
import textwrap
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from conftest import ROOT, SEED_BRIEF, copy_project, mkdocs_build, write
from generator.mkdocs import plugin as plugin_module
from generator.runtime import isolated
from helpers.site_builder import write_config
from helpers.synthetic_corpus import write_corpus


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_content_typo_fails_with_file_line_col_and_keeps_the_site(project):
    assert mkdocs_build(project).returncode == 0
    before = snapshot(project / "site")
    brief = project / "content" / "briefs" / f"{SEED_BRIEF}.yaml"
    brief.write_text(brief.read_text().replace("\npositions:", "\npostions:"))

    result = mkdocs_build(project)

    assert result.returncode != 0
    assert f"content/briefs/{SEED_BRIEF}.yaml:" in result.stderr
    assert "unknown field 'postions' (did you mean 'positions'?)" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(project / "site") == before


def test_a_build_failing_after_writing_puts_the_previous_site_back(project):
    assert mkdocs_build(project).returncode == 0
    before = snapshot(project / "site")
    # A broken link in a hand-written page is only found once pages are written: strict mode fails late.
    write(project / "docs" / "about.md", "# About\n\n[missing](nowhere.md)\n")

    result = mkdocs_build(project)

    assert result.returncode != 0
    assert "nowhere.md" in result.stderr
    assert snapshot(project / "site") == before
    assert not list(project.glob(".site*")), "no staging folder left behind"


def test_a_hand_written_page_may_not_shadow_a_generated_one(project):
    write(project / "docs" / "briefs" / "index.md", "# Mine\n")
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "docs/briefs/index.md clashes with a page generated from content" in result.stderr


def test_drafts_are_left_out_of_the_built_site(project):
    brief = project / "content" / "briefs" / f"{SEED_BRIEF}.yaml"
    brief.write_text(brief.read_text().replace("status: published", "status: draft"))
    assert mkdocs_build(project).returncode == 0
    assert not (project / "site" / "briefs" / SEED_BRIEF).exists()
    assert SEED_BRIEF not in (project / "site" / "briefs" / "index.html").read_text()


@contextlib.contextmanager
def plugins_started(config: MkDocsConfig, *, dirty: bool = False) -> Iterator[None]:
    """The plugins' lifetime around builds run in this process, as `mkdocs build` or `serve` has it."""
    config.plugins.on_startup(command="build", dirty=dirty)
    try:
        yield
    finally:
        config.plugins.on_shutdown()


def build_in_process(content: Path, work: Path, docs_dir: Path | None = None) -> None:
    """A build as `mkdocs build` runs it, in this process, where its plugin can be watched."""
    config = load_config(str(write_config(content, work, docs_dir=docs_dir)))
    with plugins_started(config):
        build(config)


def test_a_clean_build_holds_no_data_file_or_feed_while_pages_are_built_and_indexed(
    monkeypatch, tmp_path
):
    # Forked page builders, then Pagefind, take gigabytes on a large site: data files and feeds
    # are written into the site as MkDocs lists them, not held until MkDocs copies files.
    content = write_corpus(tmp_path / "content", briefs=20, actors=15, seed=3)
    seen: dict = {}
    on_files = plugin_module.BriefingPlugin.on_files

    def watch_files(plugin, files, *, config):
        files = on_files(plugin, files, config=config)
        generated = [f for f in files if type(f) is plugin_module._GeneratedFile]
        seen["held"] = [f.src_uri for f in generated if f._content is not None]
        seen["texts"] = list(plugin.build.texts)
        seen["written"] = {
            f.src_uri: Path(f.abs_dest_path).read_bytes()
            for f in generated
            if f.abs_src_path == f.abs_dest_path
        }
        return files

    def index_site(site: Path, **_: object) -> None:
        seen["frozen"] = gc.get_freeze_count()

    monkeypatch.setattr(plugin_module.BriefingPlugin, "on_files", watch_files)
    monkeypatch.setattr(plugin_module, "index_site", index_site)
    build_in_process(content, tmp_path / "work")

    written = seen["written"]
    assert len(written) > 40 and written["feeds/briefs.json"].startswith(b"{")
    assert seen["held"] == [] and seen["texts"] == []
    site = tmp_path / "work" / "site"
    for path, data in written.items():  # MkDocs' copy of a file onto itself left them as written
        assert (site / path).read_bytes() == data
    # The corpus, index and pages: left alone by the collector during the build.
    assert seen["frozen"] > 10_000


def test_rendered_pages_wait_on_disk_in_the_staging_folder_and_are_not_published(
    monkeypatch, tmp_path
):
    # At 10,000 briefs the pages' Markdown is gigabytes: no process should hold all of it.
    content = write_corpus(tmp_path / "content", briefs=20, actors=15, seed=3)
    seen: dict = {}
    on_files = plugin_module.BriefingPlugin.on_files

    def watch_files(plugin, files, *, config):
        files = on_files(plugin, files, config=config)
        seen["store"], seen["staging"] = plugin.build.page_store, Path(config.site_dir)
        seen["held"] = {**plugin.build.parts, **plugin.build.meta}
        seen["extras"] = dict(plugin.build.extras)
        pages = [f for f in files if isinstance(f, plugin_module._GeneratedPage)]
        seen["pages"] = {f.src_uri: (f.abs_src_path, f._content) for f in pages}
        return files

    monkeypatch.setattr(plugin_module.BriefingPlugin, "on_files", watch_files)
    build_in_process(content, tmp_path / "work")

    store, pages = seen["store"], seen["pages"]
    assert store.parent == seen["staging"]  # a killed build's staging folder goes, store and all
    assert len(pages) > 40 and "index.md" in pages
    for source, held in pages.values():
        assert held is None and Path(source).parent == store
    # Their parts and metadata too: each is read back when its page is built.
    assert seen["held"] == {} and seen["extras"].keys() == pages.keys()
    assert all(extras.parent == store for extras in seen["extras"].values())
    assert not store.exists()
    site = tmp_path / "work" / "site"
    assert (site / "index.html").is_file() and not (site / plugin_module.PAGE_STORE).exists()


def test_a_clean_build_makes_its_index_in_a_process_that_ends_before_mkdocs_builds_pages(
    tmp_path,
):
    # Forked page builders and Pagefind come next: from a process that had held the corpus and
    # index, each would start with the memory it kept. In a process of its own, as `mkdocs
    # build` runs (this one may have threads, where nothing is forked); the index's maker and
    # the navigation hook write down their pids.
    content = write_corpus(tmp_path / "content", briefs=20, actors=15, seed=3)
    config = write_config(content, tmp_path / "work")
    pids = tmp_path / "pids"
    script = textwrap.dedent(
        f"""
        import os, sys
        from pathlib import Path
        from mkdocs.__main__ import cli
        from generator.mkdocs import plugin

        pids, index_class, on_nav = Path({str(pids)!r}), plugin.Index, plugin.BriefingPlugin.on_nav

        def watched_index(*args, **kwargs):
            pids.write_text(str(os.getpid()))
            return index_class(*args, **kwargs)

        def watch_nav(self, nav, **kwargs):
            indexer = pids.read_text()
            alive = Path("/proc", indexer).exists()
            pids.write_text(f"{{indexer}} {{os.getpid()}} {{alive}}")
            return on_nav(self, nav, **kwargs)

        plugin.Index, plugin.BriefingPlugin.on_nav = watched_index, watch_nav
        cli(["build", "-q", "-f", {str(config)!r}])
        """
    )
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr
    indexer, builder, indexer_alive = pids.read_text().split()
    assert indexer != builder and indexer_alive == "False"
    assert (tmp_path / "work" / "site" / "index.html").is_file()


def test_where_it_cannot_fork_a_build_lets_its_index_go_before_mkdocs_builds_pages(
    monkeypatch, tmp_path
):
    content = write_corpus(tmp_path / "content", briefs=20, actors=15, seed=3)
    made: list = []
    alive_at_nav: list = []
    index_class, on_nav = plugin_module.Index, plugin_module.BriefingPlugin.on_nav

    def watched_index(*args, **kwargs):
        index = index_class(*args, **kwargs)
        made.append(weakref.ref(index))
        return index

    def watch_nav(plugin, nav, **kwargs):
        alive_at_nav.extend(ref for ref in made if ref() is not None)
        return on_nav(plugin, nav, **kwargs)

    monkeypatch.setattr(isolated, "can_isolate", lambda: False)
    monkeypatch.setattr(plugin_module, "Index", watched_index)
    monkeypatch.setattr(plugin_module.BriefingPlugin, "on_nav", watch_nav)
    build_in_process(content, tmp_path / "work")

    assert made and not alive_at_nav
    assert (tmp_path / "work" / "site" / "index.html").is_file()


def test_a_build_leaves_nothing_frozen_for_the_garbage_collector(tmp_path):
    # `mkdocs serve` rebuilds in one process: what one build froze must be collectable after it.
    content = write_corpus(tmp_path / "content", briefs=20, actors=15, seed=3)
    build_in_process(content, tmp_path / "work")
    assert gc.get_freeze_count() == 0
    write(tmp_path / "docs" / "briefs" / "index.md", "# Mine\n")  # fails once the content is loaded
    with pytest.raises(Abort):
        build_in_process(content, tmp_path / "work-failing", docs_dir=tmp_path / "docs")
    assert gc.get_freeze_count() == 0


def test_the_cache_is_saved_while_what_the_build_made_is_still_frozen(monkeypatch, tmp_path):
    # A build from the cache runs no full collection: thawed before the save, the collector
    # would walk every record again and again while the save makes its 100,000s of objects.
    content = write_corpus(tmp_path / "content", briefs=20, actors=15, seed=3)
    monkeypatch.delenv("BRIEFING_CACHE", raising=False)
    frozen_while_saving: list[int] = []
    save = plugin_module.buildcache.cache.save

    def watched_save(*args, **kwargs):
        frozen_while_saving.append(gc.get_freeze_count())
        return save(*args, **kwargs)

    monkeypatch.setattr(plugin_module.buildcache.cache, "save", watched_save)
    config_file = write_config(content, tmp_path / "work", cache_dir=str(tmp_path / "cache"))
    for _ in range(2):  # the second build is from the cache
        config = load_config(str(config_file))
        with plugins_started(config):
            build(config)
    assert len(frozen_while_saving) == 2 and min(frozen_while_saving) > 10_000
    assert gc.get_freeze_count() == 0


def test_what_a_build_made_is_left_to_the_system_when_the_process_ends(tmp_path):
    # Python's last collections at exit would walk the corpus, index and pages once more.
    content = write_corpus(tmp_path / "content", briefs=20, actors=15, seed=3)
    config_file = write_config(content, tmp_path / "work")
    program = textwrap.dedent(f"""
        import atexit, gc
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        atexit.register(lambda: print("frozen at exit:", gc.get_freeze_count()))  # runs after the plugin's
        config = load_config({str(config_file)!r})
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        config.plugins.on_shutdown()
        print("frozen after the build:", gc.get_freeze_count())
    """)
    result = subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    after_build, at_exit = (int(line.split(":")[1]) for line in result.stdout.splitlines()[-2:])
    assert after_build == 0  # nothing frozen while the process may build again
    assert at_exit > 10_000


def test_a_dirty_rebuild_writes_only_the_data_files_and_feeds_an_edit_changed(tmp_path):
    # `make serve` rebuilds with --dirty: thousands of data files and feeds need not be rewritten.
    content = write_corpus(tmp_path, briefs=20, actors=15, seed=3)
    # Not strict, as `make serve` runs it: MkDocs warns that a dirty build may leave stale links.
    config = load_config(str(write_config(content, tmp_path / "work")), strict=False)
    site = tmp_path / "work" / "site"
    with plugins_started(config, dirty=True):
        build(config, dirty=True)
        written = sorted([*(site / "api").rglob("*.json"), *(site / "feeds").rglob("*.*")])
        for path in written:
            os.utime(path, (0, 0))
        edited = sorted((content / "briefs").glob("*.yaml"))[0]
        edited.write_text(edited.read_text().replace("\nsummary: ", "\nsummary: Edited. ", 1))
        build(config, dirty=True)
    rewritten = {path.relative_to(site).as_posix() for path in written if path.stat().st_mtime != 0}
    brief_id = yaml.safe_load(edited.read_text())["id"]
    assert (
        f"api/briefs/{brief_id}.json" in rewritten
        and "Edited." in (site / f"api/briefs/{brief_id}.json").read_text()
    )
    assert "feeds/briefs.xml" in rewritten  # the summary is in the feed of every brief
    assert len(rewritten) < len(written) / 2, rewritten


@pytest.mark.parametrize("option", ["content_dir", "templates_dir"])
def test_a_typo_in_a_folder_option_is_a_one_line_configuration_error(tmp_path, option):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    default = f"      {option}: {option.removesuffix('_dir')}\n"
    assert default in text
    config.write_text(text.replace(default, f"      {option}: tempaltes-typo\n"), encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "TemplateNotFound" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if "tempaltes-typo" in line]
    assert len(errors) == 1 and option in errors[0] and "isn't an existing directory" in errors[0]
    assert not (project / "site").exists()
