"""Every internal link and anchor resolves on a generated corpus of 200 briefs, served under a subpath."""

from conftest import serve
from helpers.corpora import scratch_folder
from helpers.crawl import crawl
from helpers.site_builder import build_site
from helpers.synthetic_corpus import write_corpus


def test_no_broken_link_or_anchor_in_a_200_brief_site():
    work = scratch_folder("briefing-200-")
    site = build_site(write_corpus(work, briefs=200, actors=80, seed=11), work)
    with serve(site) as base_url:
        report = crawl(base_url)
    assert len(report.pages) > 200 + 80  # every brief and actor page was reached
    assert report.broken == []
