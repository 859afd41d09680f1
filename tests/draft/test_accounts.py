"""Competing accounts of one event, and drafts carrying the #19 constructs that pass `check`."""

from __future__ import annotations

import pytest

from bench.draft_score import CORPUS_DIR, draft_article
from generator.check.run import check_all
from generator.content.corpus import load_content
from generator.content.yamlfile import read_yaml
from generator.draft.brief import write_draft

TWO_VERSIONS = """Trawler detained

RAVEL, Oct 17 (Meridian Wire) - Veloria's coast guard detained a trawler from Lower Tarn on Tuesday.

The Velorian coast guard said the trawler was fishing inside Velorian waters.

Lower Tarn gave a different account. Its ministry said the trawler was in international waters.

The Ostmark Fishing Council said on Thursday that prices had risen.

© 2025 Meridian Wire
"""


def _disputes(text: str) -> list[tuple[str, list[str]]]:
    return [
        (e.date, [a.name for a in e.accounts]) for e in draft_article(text).events if e.accounts
    ]


def test_two_versions_make_a_disputed_event_dated_by_the_earliest_event():
    assert _disputes(TWO_VERSIONS) == [("2025-10-14", ["Veloria", "Lower Tarn"])]


@pytest.mark.parametrize(
    "change",
    [
        ("Lower Tarn gave a different account.", "Lower Tarn said nothing more."),  # no cue
        (" on Tuesday", ""),  # no date: no event to dispute
        ("The Velorian coast guard said", "Fishermen believe"),  # one teller only
    ],
)
def test_no_dispute_without_a_cue_a_date_or_two_tellers(change):
    assert _disputes(TWO_VERSIONS.replace(*change)) == []


CONSTRUCTS = [  # articles of the corpus whose drafts carry answers, stances or accounts
    "transcript-energy-minister-gas",
    "interview-qa-central-banker",
    "followup-farmers-reverse-trade-pact",
    "followup-minister-reverses",
    "wire-trawler-competing-accounts",
    "wire-competing-accounts-border",
]


@pytest.mark.parametrize("name", CONSTRUCTS)
def test_drafts_with_answers_stances_and_accounts_fail_check_only_on_the_marks(project, name):
    """Like a skeleton: valid YAML, every quote (answers too) verbatim in the article, and the
    only problems are the fields left for the analyst."""
    article = project / "sources" / f"{name}.txt"
    article.parent.mkdir(exist_ok=True)
    article.write_text((CORPUS_DIR / f"{name}.txt").read_text(encoding="utf-8"), encoding="utf-8")
    content = project / "content"
    path, draft = write_draft(article, content, project / "templates", name, load_content(content))
    assert read_yaml(path).problems == []
    problems = [p for p in check_all(content) if p.file.endswith(f"{name}.yaml")]
    assert problems and all(p.message.startswith("fill in '") for p in problems), problems
    data = read_yaml(path).data
    statements = [s for p in data["positions"] for s in p["statements"]]
    accounts = [a for e in data["events"] for a in e.get("accounts", [])]
    assert any(s.get("stance") for s in statements) or accounts or len(statements) > 4
