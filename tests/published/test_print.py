"""The print stylesheet (templates/assets/print.css): a brief printed from Chromium is a
clean handout of at most two pages, without the site's navigation."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import CHROMIUM, CHROMIUM_ARGS
from helpers.corpora import REPO, SEED_BRIEF, scratch_folder, synthetic_content
from helpers.site_builder import build_site

pytestmark = pytest.mark.browser

NAVIGATION = [
    "Skip to content",
    "Table of contents",
    "Made with",
    "Search",
    "Briefings",
    "Analysis",
    "About",
]


@pytest.fixture(scope="module")
def seed_site() -> Path:
    return build_site(REPO / "content", scratch_folder("briefing-print-"))


def print_with_playwright(browser, page_file: Path, paper: str) -> PdfReader:
    pdf = page_file.with_name(f"print-{paper}.pdf")
    page = browser.new_page()
    try:
        page.goto(page_file.as_uri())
        page.pdf(path=str(pdf), format=paper)
    finally:
        page.close()
    return PdfReader(pdf)


def text_of(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize("paper", ["Letter", "A4"])
def test_seed_brief_prints_on_two_pages_without_navigation(browser, seed_site: Path, paper: str):
    reader = print_with_playwright(browser, seed_site / "briefs" / SEED_BRIEF / "index.html", paper)
    assert len(reader.pages) <= 2
    text = text_of(reader)
    assert text.startswith("U.S. weighs a response if allies partner with Huawei on 5G")
    for nav in NAVIGATION:
        assert nav not in text
    assert (
        "Who stands where" in text and "How each actor reads the National Intelligence Law" in text
    )
    assert "never give any institution the mandate" in text  # the readings' quotes are kept


def test_chromium_print_to_pdf_has_no_browser_header_either(browser, seed_site: Path):
    pdf = seed_site / "cli.pdf"
    page = seed_site / "briefs" / SEED_BRIEF / "index.html"
    subprocess.run(
        [str(CHROMIUM), *CHROMIUM_ARGS, f"--print-to-pdf={pdf}", page.as_uri()],
        check=True,
        capture_output=True,
        timeout=120,
    )
    reader = PdfReader(pdf)
    assert len(reader.pages) <= 2
    text = text_of(reader)
    assert (
        "file:" not in text and "Briefings" not in text
    )  # no date, title or address in the margins


def test_links_to_other_sites_print_as_addresses(browser):
    site = build_site(synthetic_content(), scratch_folder("briefing-print-links-"))
    reader = print_with_playwright(browser, site / "briefs" / "brief-000" / "index.html", "A4")
    assert len(reader.pages) <= 2
    text = "".join(text_of(reader).split())  # addresses may wrap across lines
    assert "<https://example.org/report/0>" in text
    assert "<../../actors/" not in text  # links inside the site print as their text alone
