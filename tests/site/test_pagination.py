"""The one pagination of long lists (generator/site/pagination.py) and the pages it makes."""

import itertools
import re
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.analysis import views as views_module
from generator.analysis.index import Index
from generator.content.corpus import load_content
from generator.site import pagination
from generator.site.pagination import paginate
from generator.site.render import Renderer
from generator.site.urls import page_path, relative_url
from helpers.corpora import REPO, rendered, synthetic_content, synthetic_views


@given(st.lists(st.integers()), st.integers(1, 50), st.sampled_from([None, "trade", "2026"]))
def test_every_entry_is_on_exactly_one_page_in_order(entries, per_page, key):
    pages = paginate(entries, per_page, "topic", key)
    assert [e for page in pages for e in page.entries] == entries
    assert len(pages) == max(1, -(-len(entries) // per_page))
    assert all(0 < len(page.entries) <= per_page for page in pages if entries)
    for n, page in enumerate(pages, start=1):
        assert (page.number, page.count, page.total) == (n, len(pages), len(entries))
        assert entries[page.first - 1 : page.last] == list(page.entries)
    # The first page keeps the list's path; the others are distinct, under its key.
    assert pages[0].kind == "topic" and pages[0].key == key
    later = [page.path for page in pages[1:]]
    assert len(set(later)) == len(later) and pages[0].path not in later
    assert all(p.key == (f"{key}/{p.number}" if key else str(p.number)) for p in pages[1:])


@given(st.lists(st.sampled_from("abc")).map(sorted), st.integers(1, 5))
def test_a_page_continues_a_run_when_its_first_entry_is_alike_the_previous_page_s_last(
    kinds, per_page
):
    entries = [SimpleNamespace(kind=kind, n=n) for n, kind in enumerate(kinds)]
    pages = paginate(entries, per_page, "actors")
    assert not pages[0].continues("kind")
    for before, page in itertools.pairwise(pages):
        assert page.previous is before.entries[-1]
        assert page.continues("kind") == (before.entries[-1].kind == page.entries[0].kind)


def test_a_page_holds_at_least_one_entry():
    with pytest.raises(ValueError):
        paginate([1], 0, "actors")


def _links(page: str, path: str) -> list[str]:
    """The pages of the list that the pager on ``page`` (at ``path``) links, in order."""
    nav = re.search(r'<nav class="list-pager".*?</nav>', page, re.S)
    assert nav, f"{path} has no pager"
    return re.findall(r'<a href="([^"]+)"', nav.group(0))


@pytest.fixture(scope="module")
def small_pages():
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(views_module, "BRIEFS_LIST_LIMIT", 10)
        patch.setattr(pagination, "TABLE_ROWS_PER_PAGE", 7)
        patch.setattr(pagination, "LINES_PER_PAGE", 9)
        yield rendered(synthetic_content())


def _check_list(pages: dict[str, str], first: str, later: str, per_page: int, total: int):
    count = -(-total // per_page)
    assert count > 1, "the corpus should make this list longer than a page"
    paths = [first] + [later.format(n) for n in range(2, count + 1)]
    assert later.format(count + 1) not in pages
    for n, path in enumerate(paths, start=1):
        page = pages[path]
        others = [relative_url(path, p) for p in paths if p != path]
        assert _links(page, path) == others  # every other page of the set, in order
        last = min(n * per_page, total)
        assert f"{(n - 1) * per_page + 1}–{last} of {total}" in page
        assert f"page {n} of {count}" in page


def test_a_long_year_of_briefs_is_cut_into_linked_pages(small_pages):
    years = synthetic_views().brief_years
    year = max(years, key=lambda y: len(y.briefs))
    first = page_path("briefs-year", year.year)
    _check_list(small_pages, first, first.removesuffix(".md") + "/{}.md", 7, len(year.briefs))
    shown = []
    for n in range(1, -(-len(year.briefs) // 7) + 1):
        path = first if n == 1 else first.removesuffix(".md") + f"/{n}.md"
        shown += re.findall(r'<td data-label="Brief"><a href="[./]*([^/"]+)/"', small_pages[path])
    assert shown == [b.id for b in year.briefs]  # each brief once, newest first


def test_the_actors_instruments_and_a_topic_are_cut_into_linked_pages(small_pages):
    index = synthetic_views().index
    _check_list(small_pages, "actors/index.md", "actors/{}.md", 9, len(index.actors))
    topic = max(index.topics.values(), key=lambda t: len(t.briefs))
    first = page_path("topic", topic.slug)
    _check_list(small_pages, first, first.removesuffix(".md") + "/{}.md", 9, len(topic.briefs))


def test_each_kind_of_actor_is_headed_once_and_continued_across_a_page_break(small_pages):
    kinds = sorted({a.kind for a in synthetic_views().index.actors.values()})
    count = -(-len(synthetic_views().index.actors) // 9)
    paths = ["actors/index.md"] + [f"actors/{n}.md" for n in range(2, count + 1)]
    headings = [h for p in paths for h in re.findall(r"^## (.+)$", small_pages[p], re.M)]
    named = [kind.replace("-", " ").capitalize() for kind in kinds]
    assert [h for h in headings if not h.endswith(" (continued)")] == named
    continued = [h.removesuffix(" (continued)") for h in headings if h.endswith("(continued)")]
    assert continued, "the corpus should cut some kind's run at a page break"
    for p in paths[1:]:  # a continued heading opens its page, after a page of the same kind
        later = re.findall(r"^## (.+)$", small_pages[p], re.M)
        assert all(not h.endswith("(continued)") for h in later[1:])


def test_the_instruments_are_cut_into_linked_pages(monkeypatch):
    monkeypatch.setattr(pagination, "LINES_PER_PAGE", 2)  # the corpus has a few instruments
    index = Index(load_content(synthetic_content()))
    pages = Renderer(REPO / "templates").render_site(index, only=lambda p: p.startswith("legal/"))
    texts = {page.path: page.text for page in pages}
    _check_list(texts, "legal/index.md", "legal/{}.md", 2, len(index.legal))
    count = -(-len(index.legal) // 2)
    paths = ["legal/index.md"] + [f"legal/{n}.md" for n in range(2, count + 1)]
    listed = [re.findall(r'<li><a href="[^"]+">([^<]+)</a> <span', texts[p]) for p in paths]
    titles = [title for page in listed for title in page]
    assert titles == sorted((i.title for i in index.legal.values()), key=str.lower)


def test_a_list_that_fits_has_no_pager(small_pages):
    assert "list-pager" not in small_pages["topics/index.md"]
    small = [
        p for p in small_pages if p.startswith("topics/") and "list-pager" not in small_pages[p]
    ]
    assert small, "some topic fits on one page"
