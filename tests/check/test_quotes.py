"""Quotes are checked word for word against the local text of their source."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import SEED_TEXT_FILE
from generator.check import quotes
from generator.check.quotes import mismatch, normalise
from generator.check.run import check_all

SOURCE = normalise(
    "He said the rules \u201cnever give any institution the mandate\nto force companies to build "
    "\u2018mandatory back doors.\u2019 Such actions have never happened.\u201d"
)


@pytest.mark.parametrize(
    "quote",
    [
        "never give any institution the mandate to force companies",  # line break in the source
        "never   give any\ninstitution the mandate",  # whitespace in the quote
        "build 'mandatory back doors.' Such actions",  # straight for curly quotation marks
        "never give any institution … mandatory back doors.",  # marked ellipsis
        "never give [...] the mandate ... Such actions have never happened.",
    ],
)
def test_tolerated_differences(quote):
    assert mismatch(quote, SOURCE) is None


@pytest.mark.parametrize(
    ("quote", "difference"),
    [
        (
            "never give any organisation the mandate",
            "differs at 'organisation', after 'never give any'",
        ),
        ("Such actions never happened.", "differs at 'never', after 'Such actions'"),
        ("completely made up", "not found"),
        (
            "Such actions have never happened … never give",
            "not found",
        ),  # fragments keep their order
    ],
)
def test_differences_are_named(quote, difference):
    assert mismatch(quote, SOURCE).startswith(difference)


def test_shipped_quotes_match_the_seed_article(analyst_project):
    assert check_all(Path("content")) == []


def test_a_quote_altered_by_one_word_is_reported_at_the_quote(analyst_project):
    brief = analyst_project / "content/briefs/huawei-5g-allies-2019.yaml"
    text = brief.read_text()
    brief.write_text(text.replace("never give any institution", "never give any agency", 1))
    line = text[: text.index("never give any institution")].count("\n") + 1
    problems = check_all(Path("content"))
    assert [(p.file, p.line, p.severity) for p in problems] == [
        ("content/briefs/huawei-5g-allies-2019.yaml", line - 1, "error")  # the `quote: >-` line
    ]
    assert problems[0].message == (
        f"quote does not match {SEED_TEXT_FILE}: differs at 'agency', after 'never give any'"
    )


def test_a_missing_source_text_is_a_warning(analyst_project):
    (analyst_project / SEED_TEXT_FILE).unlink()
    problems = check_all(Path("content"))
    assert [(p.severity, p.message) for p in problems] == [
        (
            "warning",
            f"source text '{SEED_TEXT_FILE}' not found; quotes from 'bloomberg-2019' are not verified",
        )
    ]


def test_a_text_file_outside_the_project_is_rejected(analyst_project):
    brief = analyst_project / "content/briefs/huawei-5g-allies-2019.yaml"
    brief.write_text(brief.read_text().replace(SEED_TEXT_FILE, "../../etc/passwd"))
    problems = check_all(Path("content"))
    assert len(problems) == 1
    assert "must be a relative path inside the project" in problems[0].message


def test_a_symlink_out_of_the_project_is_rejected(analyst_project, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "article.txt"
    outside.write_text((analyst_project / SEED_TEXT_FILE).read_text())
    (analyst_project / SEED_TEXT_FILE).unlink()
    (analyst_project / SEED_TEXT_FILE).symlink_to(outside)
    problems = check_all(Path("content"))
    assert [p.message for p in problems] == [f"'{SEED_TEXT_FILE}' is outside the project"]


def test_source_texts_never_reach_the_site(analyst_project):
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"],
        cwd=analyst_project,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    article_only = "next generation of network technology"  # in the article, not in the brief
    assert article_only in (analyst_project / SEED_TEXT_FILE).read_text()
    site_files = [path for path in (analyst_project / "site").rglob("*") if path.is_file()]
    assert site_files
    assert not [path for path in site_files if path.suffix == ".txt" and "sources" in path.parts]
    assert not [path for path in site_files if article_only.encode() in path.read_bytes()]


def test_an_oversized_source_text_is_refused(analyst_project, monkeypatch):
    monkeypatch.setattr(quotes, "MAX_TEXT_BYTES", 100)
    problems = check_all(Path("content"))
    assert [p.message for p in problems] == [
        f"source text '{SEED_TEXT_FILE}' is larger than 100 bytes"
    ]


WORDS = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz’'\"“”", min_size=1, max_size=8),
    min_size=1,
    max_size=40,
)


@given(words=WORDS, data=st.data())
def test_any_run_of_words_is_found_however_it_is_spaced(words, data):
    start = data.draw(st.integers(0, len(words) - 1))
    end = data.draw(st.integers(start + 1, len(words)))
    spacing = data.draw(st.sampled_from([" ", "\n", "  ", "\t"]))
    source = normalise(" ".join(words))
    quote = spacing.join(words[start:end]).replace("’", "'").replace("“", '"')
    assert mismatch(quote, source) is None


@given(words=WORDS, data=st.data())
def test_a_word_that_is_not_in_the_source_is_named(words, data):
    at = data.draw(st.integers(0, len(words) - 1))
    source = normalise(" ".join(words))
    altered = [*words[:at], "zzzzzzzzzz", *words[at + 1 :]]
    assert mismatch(" ".join(altered), source) is not None


@pytest.mark.parametrize(
    "kind", ["folder", "dangling", "loop", "fifo", "socket", "device", "not-utf8"]
)
def test_anything_but_a_readable_text_in_a_text_files_place_is_one_error_at_it(
    analyst_project, kind
):
    from helpers.oddfiles import REASONS, make_odd

    text = analyst_project / SEED_TEXT_FILE
    text.unlink()
    if kind == "not-utf8":
        text.write_bytes(b"caf\xe9 au lait")
    else:
        make_odd(text, kind)
    brief = (analyst_project / "content/briefs/huawei-5g-allies-2019.yaml").read_text()
    line = brief[: brief.index(f"text_file: {SEED_TEXT_FILE}")].count("\n") + 1
    problems = check_all(Path("content"))
    expected = {
        "not-utf8": "is not UTF-8 text (byte 3 is not)",
        "device": "",  # /dev/zero is outside the project: refused before it is opened
    }.get(kind, REASONS.get(kind))
    assert [(p.line, p.severity) for p in problems] == [(line, "error")]
    if kind == "device":
        assert problems[0].message == f"'{SEED_TEXT_FILE}' is outside the project"
    else:
        assert problems[0].message == f"source text '{SEED_TEXT_FILE}' {expected}"
