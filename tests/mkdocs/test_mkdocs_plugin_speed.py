"""The plugin's fast path, in a real MkDocs build: generated pages come out whole,
with MkDocs' own heading ids, title and table of contents."""

from __future__ import annotations


def test_a_brief_page_has_its_html_blocks_headings_and_toc(built_site):
    html = (built_site / "briefs" / "huawei-5g-allies-2019" / "index.html").read_text(
        encoding="utf-8"
    )
    assert '<table class="stance-table">' in html  # the HTML blocks were put back
    assert '<blockquote class="statement statement--quote">' in html
    assert (
        '<h2 id="sources">Sources<a class="headerlink" href="#sources"' in html
    )  # MkDocs' toc extension
    assert (
        "<title>U.S. weighs a response if allies partner with Huawei on 5G - Briefings</title>"
        in html
    )
    assert 'href="#who-stands-where"' in html  # the table of contents in the sidebar
    assert (
        html.index('id="who-stands-where"')
        < html.index('class="stance-table"')
        < html.index('id="positions"')
    )
