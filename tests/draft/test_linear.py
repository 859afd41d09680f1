"""`briefing draft` takes time linear in the article (issue #17, class 7), measured by counting work.

Wall time on a shared machine says little; what grows with the square of the input shows in the
work done: the characters handed to the sentence splitter, and the Python calls made, when the
article grows fourfold. The articles are the hostile shapes of the issue: one long paragraph of
quotations, and ordinary prose.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.content.corpus import Corpus
from generator.content.yamlfile import read_yaml
from generator.draft import article as article_module
from generator.draft import brief as draft_module
from generator.draft.article import WINDOW, read_article, split_sentences
from generator.draft.brief import make_draft


def quotes_in_one_paragraph(count: int) -> str:
    said = [
        f'"We will answer point {i} of the plan. It is fine," said Dr. Maya Lindqvist{i}, the director.'
        for i in range(count)
    ]
    return "A long paragraph\n\n" + " ".join(said) + "\n"


def prose(paragraphs: int) -> str:
    body = [
        f"The Ostmark Authority{i} (OA{i}) said on Tuesday that Kestrel{i} Networks Ltd. waited {i} days. "
        f'"They knew on the first morning," the official said. Mr. Okafor{i} of the U.S. Commerce '
        f"Department agreed in March {1990 + i % 30}."
        for i in range(paragraphs)
    ]
    return "A story\n\n" + "\n\n".join(body) + "\n\n© 2024 Meridian Wire\n"


def evolving_story(paragraphs: int) -> str:
    """Stance changes, competing accounts and provisions named later, in every paragraph."""
    body = [
        f"The Federation{i}, which had opposed the Pact{i} Agreement until April, reversed its "
        f'position on Monday. "We support it now," said Karin Dahl{i}, its president. '
        f"Lower Tarn{i} gave a different account of the clash on Tuesday. Section {i} of the "
        f"agreement applies. Subsection (2) defines the line."
        for i in range(paragraphs)
    ]
    return "A story\n\nFENNBURG, June 4 (Meridian Wire) - " + "\n\n".join(body) + "\n"


def transcript(turns: int) -> str:
    body = [
        f"QUESTION (Reporter {i}): Will the reserve last until March?\n\n"
        f"MINISTER LINDQVIST: Thank you. Section {i} of the Gas Act lets us release gas{i} now."
        for i in range(turns)
    ]
    return "Transcript\n\nPress conference, Fennburg, 9 January 2025\n\n" + "\n\n".join(body)


def _characters_split(text: str, monkeypatch: pytest.MonkeyPatch) -> int:
    seen = []
    segment = article_module.sentencex.segment
    monkeypatch.setattr(
        article_module.sentencex,
        "segment",
        lambda lang, piece: seen.append(len(piece)) or segment(lang, piece),
    )
    read_article(text)
    return sum(seen)


@pytest.mark.parametrize("make", [quotes_in_one_paragraph, prose])
def test_the_splitter_sees_each_character_a_bounded_number_of_times(make, monkeypatch):
    text = make(400)
    assert _characters_split(text, monkeypatch) <= 4 * len(text) + WINDOW


def _work(text: str) -> int:
    """Lines of Python run while drafting ``text`` (each turn of a loop counts again)."""
    count = 0

    def trace(frame, event, arg):
        nonlocal count
        count += 1
        return trace

    sys.settrace(trace)
    try:
        make_draft(text, Corpus(), brief_id="x", text_file=None)
    finally:
        sys.settrace(None)
    return count


@pytest.mark.parametrize("make", [quotes_in_one_paragraph, prose, evolving_story, transcript])
def test_work_grows_linearly_with_the_article(make):
    small, large = _work(make(100)), _work(make(400))
    assert large <= 4.4 * small, f"4 times the article, {large / small:.1f} times the work"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "He said no.",
                "Dr. Okafor agreed.",
                '"It is over," she said.',
                "Fine!",
                "The U.S. and the E.U. met in Lisbon.",
                "A clause with no end",
                "  ",
            ]
        ),
        max_size=40,
    ),
    st.integers(40, 400),
)
def test_windows_keep_every_word_in_order_and_cap_sentences(pieces, window):
    paragraph = " ".join(pieces)
    spans = list(split_sentences(paragraph, window))
    assert all(a < b <= c for (a, b), (c, _) in zip(spans, spans[1:]))  # in order, no overlap
    assert all(b - a <= window and paragraph[a:b] == paragraph[a:b].strip() for a, b in spans)
    covered = "".join(paragraph[a:b] for a, b in spans)
    assert re.sub(r"\s", "", covered) == re.sub(r"\s", "", paragraph)  # no word lost or repeated


def test_windows_do_not_change_ordinary_sentences():
    paragraph = " ".join(
        f"Sentence number {i} ends here. Dr. Okafor{i} said “fine.”" for i in range(200)
    )
    assert list(split_sentences(paragraph, 300)) == list(
        split_sentences(paragraph, 10 * len(paragraph))
    )


def test_a_long_draft_is_cut_to_what_check_accepts(tmp_path: Path, monkeypatch):
    """Whatever the article, the draft's file is within check's limit, and says what it left out."""
    monkeypatch.setattr(draft_module, "MAX_FILE_BYTES", 40_000)
    article = tmp_path / "long.txt"
    article.write_text(prose(300), encoding="utf-8")
    path, draft = draft_module.write_draft(
        article, tmp_path / "content", Path("templates"), "long", Corpus()
    )
    text = path.read_text(encoding="utf-8")
    assert len(text.encode()) <= 40_000 and draft.omitted > 0
    assert f"{draft.omitted} item(s)" in text
    assert read_yaml(path).problems == []


@pytest.mark.parametrize("kind", ["too large", "device"])
def test_articles_that_cannot_be_drafted_are_one_line_errors(project: Path, monkeypatch, kind):
    monkeypatch.chdir(project)
    monkeypatch.setattr(draft_module, "ARTICLE_LIMIT", 1000)
    target = {"too large": project / "big.txt", "device": Path("/dev/zero")}[kind]
    if kind == "too large":
        target.write_text(prose(20), encoding="utf-8")
    result = CliRunner().invoke(main, ["draft", str(target), "--id", "x"])
    # Too large is the article's content (1); not a file at all is a wrong argument (usage: 2).
    assert (
        result.exit_code == (1 if kind == "too large" else 2) and "Traceback" not in result.output
    )
    assert result.stderr.startswith("Error: ") and len(result.stderr.strip().splitlines()) == 1, (
        result.stderr
    )
    assert (
        "larger than 1,000 bytes" if kind == "too large" else "not a regular file"
    ) in result.stderr
    assert not (project / "content/briefs/x.yaml").exists()
