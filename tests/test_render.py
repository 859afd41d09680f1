from pathlib import Path

from mkdocs.utils.meta import get_data

from conftest import ROOT, SEED_BRIEF
from generator.content import load_content
from generator.index import Index
from generator.render import Renderer
from test_content import MINIMAL_BRIEF, brief


def render(project: Path, directory_urls: bool = True) -> dict[str, str]:
    pages = Renderer(ROOT / "templates", directory_urls=directory_urls).render_site(
        Index(load_content(project / "content"))
    )
    return {p.path: p.text for p in pages}


def test_one_page_per_record_and_per_index(project):
    pages = render(project)
    assert {"index.md", "briefs/index.md", "actors/index.md", "legal/index.md", "topics/index.md"} <= pages.keys()
    assert f"briefs/{SEED_BRIEF}.md" in pages
    assert "legal/china-national-intelligence-law-2017.md" in pages
    assert "actors/nato.md" in pages


def test_text_fields_are_escaped_and_markdown_fields_sanitised(project):
    hostile = MINIMAL_BRIEF.format(id="hostile")
    hostile = hostile.replace("title: A story", 'title: "<script>alert(1)</script> [x](javascript:alert(1))"')
    hostile = hostile.replace("summary: Short.", 'summary: "<img src=x onerror=alert(1)> [y](javascript:alert(2))"')
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
