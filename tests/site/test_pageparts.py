"""Splitting generated pages: converting only the headings gives the same HTML as converting it all."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from mkdocs.utils.meta import get_data

from bench.synthetic import write_corpus
from generator.analysis.index import Index
from generator.content.corpus import load_content
from generator.site.pageparts import split
from generator.site.render import Renderer

ROOT = Path(__file__).resolve().parents[2]


def _convert(text: str) -> str:
    # What MkDocs does with the project's markdown_extensions (toc with permalinks).
    return markdown.Markdown(
        extensions=["toc"], extension_configs={"toc": {"permalink": True}}
    ).convert(text)


def _same_html(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())  # Markdown may put blank lines between blocks


def _pages(content: Path):
    return Renderer(ROOT / "templates").render_site(
        Index(load_content(content), include_drafts=True)
    )


@pytest.fixture(scope="module")
def synthetic_pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus") / "content"
    write_corpus(folder, briefs=30, seed=5)
    return _pages(folder)


@pytest.mark.parametrize("source", ["shipped", "synthetic"])
def test_every_page_splits_and_joins_to_what_markdown_makes_of_it_whole(source, synthetic_pages):
    pages = _pages(ROOT / "content") if source == "shipped" else synthetic_pages
    for page in pages:
        body, _ = get_data(page.text)  # what the engine hands over, without the front matter
        parts = split(body)
        assert parts is not None, page.path
        joined = parts.join(_convert(parts.headings_markdown))
        assert _same_html(joined) == _same_html(_convert(body)), page.path


def test_the_parts_know_the_anchor_ids_of_the_blocks():
    parts = split('# T\n\n<ol>\n<li id="src-a">A</li>\n</ol>\n\n## S\n\n<p id="q-1">x</p>\n')
    assert parts is not None and parts.anchor_ids() == {"src-a", "q-1"}


@pytest.mark.parametrize(
    "text",
    [
        "# T\n\nplain Markdown text\n",  # a paragraph, not HTML
        "# T\n\n<p>a</p>\nloose text\n",  # text between blocks
        "# T\n\n<span>inline</span>\n",  # an inline tag starts a paragraph
        "# T\n\n<div>\n<p>never closed\n</div>\n",  # unbalanced
        "# T\n\n<div><p>a</p></div> <p>b</p>\n",  # a block not at the start of a line
        "<div>\n\n# inside a block\n\n</div>\n",  # a "heading" that is really inside HTML
        "<p>no heading at all</p>\n",
    ],
)
def test_anything_but_headings_and_whole_html_blocks_is_left_to_markdown(text):
    assert split(text) is None


def test_join_refuses_headings_of_another_shape():
    parts = split("# T\n\n<p>a</p>\n\n## S\n\n<p>b</p>\n")
    assert parts is not None
    assert parts.join("<h1>T</h1>") is None  # one heading where two were expected
    assert (
        parts.join('<h1 id="t">T</h1>\n<h2 id="s">S</h2>')
        == '<h1 id="t">T</h1>\n<p>a</p>\n<h2 id="s">S</h2>\n<p>b</p>'
    )
