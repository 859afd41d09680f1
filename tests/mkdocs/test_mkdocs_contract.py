"""What the adapter relies on that MkDocs does not promise (listed in generator/mkdocs/plugin.py).

Each test fails if an upgrade of MkDocs changes one of these behaviours, naming what to re-check.
The behaviours themselves are exercised by real builds elsewhere (tests/mkdocs/test_plugin.py,
test_pages.py, test_preview.py); these tests say *which* private detail moved.
"""

from __future__ import annotations

import inspect
import logging

from mkdocs.commands import build as build_module
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler


def test_the_private_page_steps_keep_their_1_6_signatures():
    populate = inspect.signature(build_module._populate_page)
    build_page = inspect.signature(build_module._build_page)
    assert list(populate.parameters) == ["page", "config", "files", "dirty"]
    assert list(build_page.parameters)[:6] == ["page", "config", "doc_files", "nav", "env", "dirty"]


def test_every_page_is_populated_before_any_is_built():
    source = inspect.getsource(build_module.build)
    populate, build_pages = source.index("_populate_page("), source.index("_build_page(")
    post_build = source.index("on_post_build")
    assert populate < build_pages < post_build, (
        "MkDocs' build loop changed order: re-check plugin.py"
    )


def test_pages_carry_the_anchor_ids_that_validation_reads():
    assert "present_anchor_ids" in Page.__annotations__
    assert "page.present_anchor_ids" in inspect.getsource(Page.validate_anchor_links)


def test_strict_mode_counts_warnings_with_a_count_handler(caplog):
    handler = CountHandler()
    handler.setLevel(logging.WARNING)
    logger = logging.getLogger("mkdocs.contract-test")
    logger.addHandler(handler)
    try:
        logger.warning("counted")
    finally:
        logger.removeHandler(handler)
    assert handler.get_counts() == [("WARNING", 1)]
    build_source = inspect.getsource(build_module.build)
    assert "CountHandler()" in build_source and "getLogger('mkdocs').addHandler" in build_source


def test_the_live_reload_server_calls_a_replaceable_builder():
    source = inspect.getsource(LiveReloadServer)
    assert "self.builder = builder" in source and "self.builder()" in source
