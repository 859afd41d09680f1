"""The shipped brief is faithful to its article: verbatim only where the article quotes."""

import re
import subprocess
from pathlib import Path

from conftest import ROOT, SEED_BRIEF
from generator.content.corpus import load_content


def normalise(text: str) -> str:
    return " ".join(text.split())


def brief():
    return load_content(ROOT / "content").briefs[SEED_BRIEF]


def all_quotes(b):
    for position in b.positions:
        for statement in position.statements:
            if statement.quote:
                yield statement.quote
    for reference in b.legal_references:
        for reading in reference.readings:
            if reading.quote:
                yield reading.quote


def test_every_quote_is_verbatim_and_inside_quotation_marks_in_the_article(seed_article):
    quoted_passages = [normalise(q) for q in re.findall(r"“(.+?)”", seed_article, flags=re.S)]
    quotes = list(all_quotes(brief()))
    assert quotes, "the article quotes the Chinese Mission; the brief must too"
    for quote in quotes:
        assert any(normalise(quote) in passage for passage in quoted_passages), quote


def test_only_the_chinese_mission_is_quoted():
    b = brief()
    quoted_by = {p.actor for p in b.positions for s in p.statements if s.quote}
    quoted_by |= {r.actor for ref in b.legal_references for r in ref.readings if r.quote}
    assert quoted_by == {"chinese-mission-to-the-eu"}


def test_the_state_department_official_stays_anonymous_with_the_reason():
    b = brief()
    attributions = [
        s.attribution for p in b.positions if p.actor == "us-state-department" for s in p.statements
    ]
    assert attributions
    for attribution in attributions:
        assert attribution.kind == "anonymous"
        assert attribution.name is None
        assert attribution.reason == "not authorized to speak publicly on the matter"


def test_nothing_the_article_does_not_say(seed_article):
    content = "\n".join(p.read_text() for p in (ROOT / "content").rglob("*.yaml"))
    # The EU's digital chief is not named by the article, nor is the brief's date more precise than 2019.
    assert "Ansip" not in content
    assert brief().date == "2019"
    assert "Bloomberg" in seed_article
    assert all(s.publisher == "Bloomberg" for s in brief().sources)


def committed_files() -> list[Path]:
    """Files git tracks (or would add): a local copy in the ignored sources/ folder is fine."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    return [ROOT / name for name in listed if (ROOT / name).is_file()]


def test_the_article_text_is_not_committed(seed_article):
    paragraphs = [normalise(p) for p in seed_article.split("\n\n") if len(p) > 200]
    for path in committed_files():
        if path.suffix in {".yaml", ".md", ".txt", ".py", ".j2", ".json", ".html"}:
            text = normalise(path.read_text(errors="ignore"))
            for paragraph in paragraphs:
                assert paragraph not in text, f"{path} reproduces the article"
