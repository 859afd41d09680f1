"""The plugin's fast path, in a real MkDocs build: generated pages come out whole,
with MkDocs' own heading ids, title and table of contents."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MKDOCS = Path(sys.executable).parent / "mkdocs"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("project")
    for name in ("content", "docs", "templates"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    subprocess.run([str(MKDOCS), "build", "-q"], cwd=project, check=True)
    return project / "site"


def test_a_brief_page_has_its_html_blocks_headings_and_toc(site):
    html = (site / "briefs" / "huawei-5g-allies-2019" / "index.html").read_text(encoding="utf-8")
    assert '<table class="stance-table">' in html  # the HTML blocks were put back
    assert '<blockquote class="statement statement--quote">' in html
    assert '<h2 id="sources">Sources<a class="headerlink" href="#sources"' in html  # MkDocs' toc extension
    assert "<title>U.S. weighs a response if allies partner with Huawei on 5G - Briefings</title>" in html
    assert 'href="#who-stands-where"' in html  # the table of contents in the sidebar
    assert html.index('id="who-stands-where"') < html.index('class="stance-table"') < html.index('id="positions"')


def test_the_search_index_has_the_text_of_the_blocks(site):
    lunr = site / "search" / "search_index.json"
    if not lunr.is_file():
        pytest.skip("the site's search is not Material's lunr index")
    index = lunr.read_text(encoding="utf-8")
    assert "Blacklisting Huawei without proof will hurt the industry" in index
