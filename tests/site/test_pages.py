"""The page registry: one row per page kind, and everything else reads it."""

from __future__ import annotations

from conftest import ROOT
from generator.analysis.index import Index
from generator.content.corpus import FOLDERS, load_content
from generator.site.pages import PAGE_KINDS, RECORD_FOLDERS, RECORD_PAGES
from generator.site.render import Renderer
from generator.site.urls import PAGE_PATHS, page_path


def test_every_kind_has_a_template_that_exists():
    for kind in PAGE_KINDS.values():
        assert (ROOT / "templates" / kind.template).is_file(), kind


def test_urls_and_record_folders_come_from_the_registry():
    assert PAGE_PATHS == {name: kind.path for name, kind in PAGE_KINDS.items()}
    assert set(RECORD_FOLDERS.values()) == set(FOLDERS) == set(RECORD_PAGES)
    for folder, kind in RECORD_PAGES.items():
        assert RECORD_FOLDERS[kind] == folder and PAGE_KINDS[kind].one_per == folder


def test_every_page_the_site_renders_is_of_a_registered_kind_at_its_path():
    corpus = load_content(ROOT / "content", relative_to=ROOT)
    pages = Renderer(ROOT / "templates").render_site(Index(corpus))
    fixed = {kind.path for kind in PAGE_KINDS.values() if "{}" not in kind.path}
    keyed = [kind.path.split("{}") for kind in PAGE_KINDS.values() if "{}" in kind.path]
    for page in pages:
        assert page.path in fixed or any(
            page.path.startswith(head) and page.path.endswith(tail) for head, tail in keyed
        ), page.path
    assert fixed <= {page.path for page in pages}  # every fixed page exists
    assert page_path("brief", "huawei-5g-allies-2019") in {page.path for page in pages}
