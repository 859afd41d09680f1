"""Engine portability: the same mkdocs.yml builds with ProperDocs, the maintained fork of MkDocs 1.x.

ProperDocs installs as its own package (``properdocs``) and maps ``mkdocs.*`` imports onto
itself only inside its own process, so it shares the test environment with MkDocs."""

from __future__ import annotations

from helpers.published import build

BRIEF = "huawei-5g-allies-2019"


def test_properdocs_builds_the_same_site(tmp_path):
    site_dir = tmp_path / "site"
    build(site_dir, site_url="https://org.github.io/repo/", engine="properdocs")
    brief = (site_dir / "briefs" / BRIEF / "index.html").read_text(encoding="utf-8")
    assert 'content="mkdocs-ProperDocs ' in brief  # built by ProperDocs, not MkDocs
    assert '<script type="application/ld+json">' in brief
    assert 'data-pagefind-filter="topic"' in brief
    for path in [
        "pagefind/pagefind.js",
        "feeds/briefs.xml",
        f"api/briefs/{BRIEF}.json",
        "robots.txt",
        "404.html",
        "search/index.html",
    ]:
        assert (site_dir / path).is_file(), path
    assert "https://org.github.io/repo/briefs/" in (site_dir / "sitemap.xml").read_text()
