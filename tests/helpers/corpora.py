"""Corpora for the tests of the cross-brief views: the shipped content (the seed brief),
a seeded synthetic corpus of 60 briefs, and tiny hand-written ones for exact cases."""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

import yaml

from generator.analysis.index import Index
from generator.analysis.views import Views
from generator.content.corpus import load_content
from generator.site.render import Renderer
from helpers.synthetic_corpus import write_corpus

REPO = Path(__file__).resolve().parents[2]
SEED_BRIEF = "huawei-5g-allies-2019"


def scratch_folder(prefix: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


@functools.cache
def synthetic_content() -> Path:
    return write_corpus(scratch_folder("briefing-synthetic-"), briefs=60, actors=40)


def seed_views() -> Views:
    return Views(Index(load_content(REPO / "content")))


def synthetic_views() -> Views:
    return Views(Index(load_content(synthetic_content())))


def rendered(content_dir: Path) -> dict[str, str]:
    """Every generated page of a content folder: source path → Markdown text."""
    pages = Renderer(REPO / "templates").render_site(Index(load_content(content_dir)))
    return {page.path: page.text for page in pages}


@functools.cache
def seed_pages() -> dict[str, str]:
    return rendered(REPO / "content")


@functools.cache
def synthetic_pages() -> dict[str, str]:
    return rendered(synthetic_content())


def tiny_content(folder: Path, briefs: list[dict]) -> Path:
    """A content folder with the shipped actors and legal instruments and the given briefs."""
    content = folder / "content"
    shutil.copytree(REPO / "content" / "actors", content / "actors")
    shutil.copytree(REPO / "content" / "legal", content / "legal")
    (content / "briefs").mkdir()
    for brief in briefs:
        (content / "briefs" / f"{brief['id']}.yaml").write_text(
            yaml.safe_dump(brief), encoding="utf-8"
        )
    return content


def tiny_brief(brief_id: str, date: str, **fields: object) -> dict:
    """A valid brief with one source; ``fields`` add questions, positions, events…"""
    return {
        "id": brief_id,
        "title": f"Brief {brief_id}",
        "date": date,
        "summary": "Summary.",
        "sources": [{"id": "src", "publisher": "Publisher", "title": "Report", "date": date}],
        **fields,
    }
