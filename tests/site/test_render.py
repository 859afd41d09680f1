import re
from pathlib import Path

from mkdocs.utils.meta import get_data

from conftest import ROOT, SEED_BRIEF
from generator.analysis import views as views_module
from generator.analysis.index import Index
from generator.content.corpus import load_content
from generator.site.render import Renderer
from helpers.corpora import rendered, synthetic_content, synthetic_views
from helpers.samples import MINIMAL_BRIEF, brief


def render(project: Path, directory_urls: bool = True) -> dict[str, str]:
    pages = Renderer(ROOT / "templates", directory_urls=directory_urls).render_site(
        Index(load_content(project / "content"))
    )
    return {p.path: p.text for p in pages}


def test_one_page_per_record_and_per_index(project):
    pages = render(project)
    assert {
        "index.md",
        "briefs/index.md",
        "actors/index.md",
        "legal/index.md",
        "topics/index.md",
    } <= pages.keys()
    assert f"briefs/{SEED_BRIEF}.md" in pages
    assert "legal/china-national-intelligence-law-2017.md" in pages
    assert "actors/nato.md" in pages


def test_text_fields_are_escaped_and_markdown_fields_sanitised(project):
    hostile = MINIMAL_BRIEF.format(id="hostile")
    hostile = hostile.replace(
        "title: A story", 'title: "<script>alert(1)</script> [x](javascript:alert(1))"'
    )
    hostile = hostile.replace(
        "summary: Short.", 'summary: "<img src=x onerror=alert(1)> [y](javascript:alert(2))"'
    )
    hostile = hostile.replace("text: Is it so?", 'text: "<b onmouseover=alert(3)>q</b>"')
    brief(project, "hostile", hostile)
    page, meta = get_data(render(project)["briefs/hostile.md"])
    # The front matter is data (the theme escapes it); the page body is markup.
    assert meta["jsonld"]["@graph"][0]["headline"].startswith("<script>alert(1)</script>")
    assert "<script>" not in page and "<img" not in page and "<b onmouseover" not in page
    assert "&lt;script&gt;" in page and "&lt;b onmouseover=alert(3)&gt;" in page
    assert "javascript:" not in page.replace("\\(javascript:alert\\(1\\)\\)", "")


def test_links_follow_the_url_style(project):
    assert 'href="../../actors/huawei/"' in render(project, True)[f"briefs/{SEED_BRIEF}.md"]
    assert 'href="../actors/huawei.html"' in render(project, False)[f"briefs/{SEED_BRIEF}.md"]


def test_a_long_list_of_briefs_gets_a_page_per_year(monkeypatch):
    monkeypatch.setattr(views_module, "BRIEFS_LIST_LIMIT", 10)
    views = synthetic_views()
    pages = rendered(synthetic_content())
    years = views.brief_years
    assert len(years) > 2
    assert [y.year for y in years] == sorted({b.date[:4] for b in views.index.briefs}, reverse=True)
    listing = pages["briefs/index.md"]
    linked_briefs = []
    for year in years:
        assert (
            f'<a href="by-year/{year.year}/">{year.year}</a> — {len(year.briefs)} brief' in listing
        )
        page = pages[f"briefs/by-year/{year.year}.md"]
        linked = re.findall(r'<a href="\.\./\.\./([^/"]+)/">', page)
        assert linked == [b.id for b in year.briefs]
        linked_briefs += linked
    assert linked_briefs == [b.id for b in views.index.briefs]  # every brief once, newest first
    assert listing.count("<tr><td") == min(100, len(views.index.briefs))


class _NoConverter:
    def reset(self):
        raise AssertionError("Markdown converted after the workers forked")


def test_the_pages_markdown_is_converted_before_the_workers_fork(project, monkeypatch):
    """Summaries and descriptions are converted once, in the parent: workers (stood for here by
    a map that can no longer convert) inherit them, for their pages and for the feeds."""
    from generator.site import markup
    from generator.site import render as render_module

    def map_in_a_worker(function, items, shared=None, **options):
        monkeypatch.setattr(markup, "_md", _NoConverter())
        return [function(shared, item) for item in items]

    markup._converted.cache_clear()
    markup._ahead.clear()
    monkeypatch.setattr(render_module, "ordered_map", map_in_a_worker)
    renderer = Renderer(ROOT / "templates")
    index = Index(load_content(project / "content"))
    pages = {page.path: page.text for page in renderer.render_site(index)}
    assert (
        "<strong>" in pages[f"briefs/{SEED_BRIEF}.md"] or "<p>" in pages[f"briefs/{SEED_BRIEF}.md"]
    )
    assert renderer.render_files(index)  # the feeds show the summaries too


def test_a_store_holds_each_pages_markdown_parts_and_metadata_and_each_file(project, tmp_path):
    # With 10,000s of briefs these are gigabytes: the process that renders keeps none of them.
    renderer = Renderer(ROOT / "templates")
    index = Index(load_content(project / "content"))
    held = {page.path: page for page in renderer.render_for_builder(index)}
    store = tmp_path / "pages"
    store.mkdir()
    stored = renderer.render_for_builder(index, store=store)

    assert [page.path for page in stored] == list(held)
    assert any(page.meta for page in held.values()) and any(p.parts for p in held.values())
    for page in stored:
        assert page.parts is None and page.meta is None
        assert page.source.parent == store and page.extras.parent == store
        assert page.data == held[page.path].data
        assert page.read_extras() == (held[page.path].parts, held[page.path].meta)
    assert held["index.md"].read_extras() == (held["index.md"].parts, held["index.md"].meta)

    files = {file.path: file.content for file in renderer.render_files(index)}
    written = Renderer(ROOT / "templates").render_files(index, store=tmp_path / "files")
    assert [file.path for file in written] == list(files) and "robots.txt" in files
    for file in written:
        assert file.at == tmp_path / "files" / file.path
        assert file.at.read_bytes() == files[file.path]
