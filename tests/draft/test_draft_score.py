"""bench.draft_score: the drafting corpus stays consistent, and the scorer matches what it should."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench import draft_score
from bench.draft_score import (
    CORPUS_DIR,
    Drafted,
    DraftedActor,
    DraftedDispute,
    DraftedLegal,
    DraftedPosition,
    DraftedStatement,
    Expected,
    article_names,
    draft_article,
    drafted,
    load_expected,
    normal_name,
    same_quote,
    score,
)

NAMES = article_names()


def _flat(text: str) -> str:
    return " ".join(text.split())


# --- the corpus ---------------------------------------------------------------------------------


def test_the_corpus_has_enough_articles():
    assert len(NAMES) >= 28
    assert len(list(CORPUS_DIR.glob("*.txt"))) == len(NAMES)  # every article has its expectation


@pytest.fixture(scope="module", params=NAMES)
def article(request) -> tuple[str, Expected, str]:
    expected, problems = load_expected(CORPUS_DIR / f"{request.param}.expected.yaml")
    assert not problems, "\n".join(map(str, problems))
    return (
        request.param,
        expected,
        _flat((CORPUS_DIR / f"{request.param}.txt").read_text(encoding="utf-8")),
    )


def test_article_length_is_that_of_a_news_story(article):
    _, _, text = article
    assert 300 <= len(text.split()) <= 1200


def test_expected_quotes_and_reasons_occur_verbatim(article):
    name, expected, text = article
    for statement in expected.statements:
        assert _flat(statement.quote) in text, (
            f"{name}: quote not in the article: {statement.quote!r}"
        )
        if statement.reason:
            assert _flat(statement.reason) in text, (
                f"{name}: reason not in the article: {statement.reason!r}"
            )
    for quote in expected.scare_quotes:
        assert _flat(quote) in text, f"{name}: scare quote not in the article: {quote!r}"


def test_expected_names_phrases_and_laws_occur_in_the_article(article):
    name, expected, text = article
    folded = text.casefold()
    for written in (
        [a.name for a in expected.actors]
        + expected.not_actors
        + [e.phrase for e in expected.events]
    ):
        assert _flat(written).casefold() in folded, f"{name}: not in the article: {written!r}"
    for law in expected.legal:
        assert any(_flat(t).casefold() in folded for t in (law.title, *law.aliases)), (
            f"{name}: {law.title!r}"
        )
        for provision in law.provisions:
            number = re.search(r"\d+", provision).group()
            assert re.search(rf"\b{number}\b", text), (
                f"{name}: provision {provision!r} not in the article"
            )


def test_not_actors_are_no_actor_s_name(article):
    name, expected, _ = article
    actor_forms = set().union(*(actor.forms() for actor in expected.actors))
    both = actor_forms & {normal_name(n) for n in expected.not_actors}
    assert not both, f"{name}: both actor and not: {sorted(both)}"


def test_no_quote_is_both_a_statement_and_a_scare_quote(article):
    name, expected, _ = article
    statements = {draft_score.normal_quote(s.quote) for s in expected.statements}
    assert not statements & {draft_score.normal_quote(q) for q in expected.scare_quotes}, name


# --- the expected file's own checks -------------------------------------------------------------


@pytest.mark.parametrize(
    ("yaml_text", "message", "line"),
    [
        ("date: '2024'\nactors: []\nstatments: []\n", "unknown field .statments.", 3),
        (
            "date: '2024'\nactors: []\nstatements:\n  - {quote: x, speaker: anonymous}\n",
            "reason",
            4,
        ),
        (
            "date: '2024'\nactors: []\nstatements:\n  - {quote: x, speaker: nobody}\n",
            "unknown actor key",
            4,
        ),
        ("date: '2024-13'\nactors: []\n", "date", 1),
        ("date: '2024'\nactors:\n  - {key: a, name: A, kind: planet}\n", "kind", 3),
        ("date: '2024'\nactors: [\n", "", 3),
        (
            "date: '2024'\nactors: []\ndisputes:\n  - date: '2024'\n"
            "    accounts: [{by: [a]}, {by: [b]}]\n",
            "unknown actor key 'a'",
            5,
        ),
        (
            "date: '2024'\nactors: []\nstance_changes:\n"
            "  - {actor: [x], from: opposes, to: support, date: '2024'}\n",
            "to",
            4,
        ),
    ],
)
def test_bad_expected_files_are_reported_with_their_place(tmp_path: Path, yaml_text, message, line):
    path = tmp_path / "bad.expected.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    expected, problems = load_expected(path)
    assert expected is None and problems
    assert re.search(message, str(problems[0]), re.IGNORECASE), str(problems[0])
    assert str(problems[0]).startswith(f"{path}:{line}:")


# --- matching -----------------------------------------------------------------------------------

_WORDS = st.lists(
    st.sampled_from(["we", "will", "not", "sign", "a", "deal", "that", "costs", "jobs", "today"]),
    min_size=3,
    max_size=12,
)


@given(
    _WORDS,
    st.sampled_from([("“", "”"), ('"', '"'), ("‘", "’"), ("", "")]),
    st.sampled_from([" ", "\n", "  "]),
    st.sampled_from(["", ",", "."]),
)
def test_quotes_match_across_marks_whitespace_and_closing_punctuation(words, marks, space, closing):
    expected = " ".join(words)
    drafted_quote = marks[0] + space.join(words) + closing + marks[1]
    assert same_quote(drafted_quote, expected)


@given(_WORDS, st.data())
def test_a_quote_with_other_words_is_another_quote(words, data):
    index = data.draw(st.integers(0, len(words) - 1))
    # Words added in proportion to the quote: a tenth more of a long quote is still the same one.
    added = "absolutely never " * (1 + len(" ".join(words)) // 40)
    changed = [*words[:index], added + words[index], *words[index + 1 :]]
    assert not same_quote(" ".join(changed), " ".join(words))


def _expected(**fields) -> Expected:
    base = {
        "date": "2024-02-08",
        "actors": [
            {
                "key": "oca",
                "name": "Ostmark Communications Authority",
                "kind": "government-body",
                "aliases": ["OCA"],
            },
            {
                "key": "lindqvist",
                "name": "Maya Lindqvist",
                "kind": "person",
                "aliases": ["Lindqvist"],
            },
            {
                "key": "kestrel",
                "name": "Kestrel Networks Ltd.",
                "kind": "company",
                "aliases": ["Kestrel"],
            },
        ],
    }
    return Expected.model_validate(base | fields)


def _statement(
    quote: str, *names: str, attribution=None, name=None, reason=None, kind=None
) -> DraftedStatement:
    return DraftedStatement(quote, {normal_name(n) for n in names}, kind, attribution, name, reason)


@pytest.mark.parametrize(
    ("drafted_actor", "linked"),
    [
        ("OCA", True),
        ("the Ostmark Communications Authority", True),
        ("Lindqvist", True),
        ("Maya Lindqvist’s", True),
        ("Kestrel", False),
        ("Ostmark", False),
        (None, False),
    ],
)
def test_speaker_is_linked_by_any_name_of_the_speaker_or_the_body_spoken_for(drafted_actor, linked):
    expected = _expected(
        statements=[{"quote": "We will act", "speaker": "lindqvist", "for": "oca"}]
    )
    statement = _statement("We will act", *([drafted_actor] if drafted_actor else []))
    tallies = score(expected, Drafted(statements=[statement]))
    assert tallies["quotations"].right == 1
    assert tallies["speakers"].right == int(linked)


def test_actors_duplicates_not_actors_and_kinds():
    expected = _expected(not_actors=["By Anna Keane", "Lisbon"])
    actors = [
        DraftedActor({normal_name("Kestrel Networks Ltd.")}, "Kestrel Networks Ltd.", "company"),
        DraftedActor({normal_name("Kestrel")}, "Kestrel", "company"),  # the same actor again
        DraftedActor({normal_name("Maya Lindqvist")}, "Maya Lindqvist", "role"),  # the wrong kind
        DraftedActor({normal_name("LISBON")}, "LISBON", "state"),  # a place that does not act
        DraftedActor({normal_name("Plans")}, "Plans", None),  # a word, no actor at all
    ]
    tallies = score(expected, Drafted(actors=actors))
    assert (tallies["actors"].right, tallies["actors"].drafted, tallies["actors"].expected) == (
        2,
        5,
        3,
    )
    assert tallies["duplicates"].right == 1
    assert tallies["not_actors"].right == 1
    assert tallies["actor_kinds"].right == 1


@pytest.mark.parametrize(
    ("attribution", "name", "reason", "kept", "reason_right"),
    [
        ("anonymous", None, "because the talks are private", True, True),
        ("anonymous", None, "asked not to be named", True, False),  # the signal, not the reason
        (
            "anonymous",
            None,
            "who asked not to be named because the talks are private and sensitive today",
            True,
            False,
        ),
        ("named", "Henrik Dahl", "the talks are private", False, True),  # a name breaks anonymity
        (None, None, None, False, False),
    ],
)
def test_anonymous_sources_stay_anonymous_with_the_reason_given(
    attribution, name, reason, kept, reason_right
):
    expected = _expected(
        statements=[
            {
                "quote": "Everything is agreed",
                "speaker": "anonymous",
                "reason": "the talks are private",
            }
        ]
    )
    statement = _statement(
        "Everything is agreed", attribution=attribution, name=name, reason=reason
    )
    tallies = score(expected, Drafted(statements=[statement]))
    assert tallies["anonymous"].right == int(kept)
    assert tallies["anonymous_reason"].right == int(reason_right)


def test_scare_quotes_made_statements_are_counted_and_are_no_quotation():
    expected = _expected(scare_quotes=["toolbox", "high-risk"])
    tallies = score(expected, Drafted(statements=[_statement("“toolbox”", "Kestrel")]))
    assert tallies["scare_quotes"].right == 1
    assert tallies["quotations"].right == 0 and tallies["quotations"].drafted == 1


@pytest.mark.parametrize(
    ("drafted_dates", "right"),
    [
        (["2024-02-06"], 1),
        (["2024-02"], 0),
        (["2025-02-06"], 0),
        (["2024-02-06", "2024-02-06"], 1),
        ([], 0),
    ],
)
def test_event_dates_match_exactly_and_once(drafted_dates, right):
    expected = _expected(events=[{"date": "2024-02-06", "phrase": "on Tuesday"}])
    tallies = score(expected, Drafted(events=[(date, None) for date in drafted_dates]))
    assert tallies["events"].right == right
    assert tallies["events"].drafted == len(drafted_dates)


@pytest.mark.parametrize(
    ("title", "year", "provisions", "found", "exact"),
    [
        ("Data Protection Act", 2023, {"article7", "section121(2)"}, True, True),
        ("the Data Protection Act", 2023, {"article7", "section121(2)"}, True, True),
        ("Data Protection Act", 2022, {"article7", "section121(2)"}, True, False),
        ("Data Protection Act", 2023, {"article7"}, True, False),
        ("Protection Act", 2023, {"article7", "section121(2)"}, False, False),  # cut short
    ],
)
def test_legal_references_need_title_year_and_every_provision(
    title, year, provisions, found, exact
):
    expected = _expected(
        legal=[
            {
                "title": "Data Protection Act",
                "year": 2023,
                "provisions": ["Art. 7", "Section 121(2)"],
            }
        ]
    )
    tallies = score(expected, Drafted(legal=[DraftedLegal(title, year, provisions)]))
    assert tallies["legal"].right == int(found)
    assert tallies["legal_exact"].right == int(exact)


@pytest.mark.parametrize(
    ("expected_author", "drafted_author", "right", "counted"),
    [
        ("Anna Keane", "Anna Keane", 1, 1),
        ("Anna Keane", "By Anna Keane", 0, 1),
        ("Anna Keane", None, 0, 1),
        (None, "Meridian Wire", 0, 0),
        (None, None, 0, 0),
    ],
)
def test_author(expected_author, drafted_author, right, counted):
    tallies = score(_expected(author=expected_author), Drafted(author=drafted_author))
    assert (tallies["author"].right, tallies["author"].expected) == (right, counted)
    assert tallies["author"].misses == (
        [] if expected_author == drafted_author else tallies["author"].misses
    )
    assert bool(tallies["author"].misses) == (expected_author != drafted_author)


@pytest.mark.parametrize(
    ("drafted_quote", "answer", "found"),
    [
        ("Thank you. On Monday we opened an inquiry. We will follow it.", True, True),
        ("On Monday we opened an inquiry.", True, True),
        ("Thank you. On Monday we opened an inquiry. We will follow it.", False, False),
        ("We will follow it.", True, False),
    ],
)
def test_a_transcript_answer_is_found_when_a_drafted_answer_holds_its_words(
    drafted_quote, answer, found
):
    expected = _expected(
        statements=[
            {
                "quote": "On Monday we opened an inquiry.",
                "speaker": "lindqvist",
                "transcript": True,
            }
        ]
    )
    statement = _statement(drafted_quote, "Lindqvist")
    statement.answer = answer
    tallies = score(expected, Drafted(statements=[statement]))
    assert tallies["answers"].right == tallies["quotations"].right == int(found)
    assert tallies["answers"].drafted == int(answer)


@pytest.mark.parametrize(
    ("steps", "right"),
    [
        ([("opposes", "2024-11"), ("supports", "2025-02-12")], 1),
        ([("opposes", "2024-11"), ("supports", "2025-02-11")], 0),  # the new stance's date
        ([("supports", "2024-11"), ("opposes", "2025-02-12")], 0),  # the wrong way round
        ([("supports", "2025-02-12")], 0),  # no change
    ],
)
def test_a_stance_change_is_found_with_its_stances_and_date(steps, right):
    expected = _expected(
        stance_changes=[
            {
                "actor": ["oca", "lindqvist"],
                "from": "opposes",
                "to": "supports",
                "date": "2025-02-12",
            }
        ]
    )
    position = DraftedPosition({normal_name("Maya Lindqvist")}, steps)
    tallies = score(expected, Drafted(positions=[position]))
    assert tallies["stance_changes"].right == right
    assert tallies["stance_changes"].drafted == len(steps) - 1


@pytest.mark.parametrize(
    ("date", "tellers", "right"),
    [
        ("2024-02-06", ["OCA", "Kestrel"], 2),
        ("2024-02-06", ["Maya Lindqvist", "Kestrel Networks Ltd."], 2),  # any key of an account
        ("2024-02-06", ["OCA", "Lindqvist"], 1),  # one version told twice
        ("2024-02-07", ["OCA", "Kestrel"], 0),  # another event
    ],
)
def test_accounts_are_right_by_teller_on_the_disputed_event(date, tellers, right):
    expected = _expected(
        disputes=[
            {"date": "2024-02-06", "accounts": [{"by": ["oca", "lindqvist"]}, {"by": ["kestrel"]}]}
        ]
    )
    dispute = DraftedDispute(date, [{normal_name(t)} for t in tellers])
    tallies = score(expected, Drafted(disputes=[dispute]))
    assert (tallies["accounts"].right, tallies["accounts"].drafted) == (right, 2)


# --- the real drafter, and the command ------------------------------------------------------------

TINY_ARTICLE = """Regulator fines operator

(Meridian Wire) - The Ostmark Communications Authority fined Kestrel Networks in January.

"We will not hesitate to act again," said Maya Lindqvist, a director at the Ostmark Communications Authority.

© 2024 Meridian Wire
"""


def test_a_real_draft_is_read_into_the_scored_terms():
    result = drafted(draft_article(TINY_ARTICLE))
    assert [s.quote for s in result.statements] == ["We will not hesitate to act again"]
    assert normal_name("Kestrel Networks") in set().union(*(a.forms for a in result.actors))
    assert ("2024-01", "happened") in result.events
    assert result.date == "2024"


def _corpus(tmp_path: Path, expected_text: str) -> Path:
    (tmp_path / "tiny.txt").write_text(TINY_ARTICLE, encoding="utf-8")
    (tmp_path / "tiny.expected.yaml").write_text(expected_text, encoding="utf-8")
    return tmp_path


def test_command_prints_a_table_and_json(tmp_path: Path, capsys):
    corpus = _corpus(
        tmp_path,
        "date: '2024'\nactors: []\nstatements:\n"
        "  - {quote: 'We will not hesitate to act again', speaker: anonymous, reason: none}\n",
    )
    assert draft_score.main(["--corpus", str(corpus)]) == 0
    table = capsys.readouterr().out
    assert re.search(r"^quotations\s+100%\s+100%\s+1\s+1\s+1", table, re.MULTILINE), table
    assert re.search(r"^brief_date\s+100%\s+100%", table, re.MULTILINE), table
    assert draft_score.main(["--json", "--corpus", str(corpus), "tiny"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["totals"]["quotations"]["recall"] == 1.0
    assert data["articles"]["tiny"]["anonymous"]["misses"]


def test_command_reports_bad_files_and_unknown_names_without_a_traceback(tmp_path: Path, capsys):
    corpus = _corpus(tmp_path, "date: '2024'\nactors: []\nauthors: x\n")
    assert draft_score.main(["--corpus", str(corpus)]) == 2
    assert f"{corpus / 'tiny.expected.yaml'}:3:1:" in capsys.readouterr().err
    assert draft_score.main(["--corpus", str(corpus), "missing"]) == 2
    assert "missing.expected.yaml:1:1: no such article" in capsys.readouterr().err


# --- the scores the drafter has reached: a regression fails -----------------------------------------

# (field, "precision" or "recall", at least): the scores measured on the corpus, less a small margin.
# Raise them as the drafter improves; the targets are quotations 95 %, speakers 85 %,
# actors 90 % (kinds 80 %), dates 90 %, legal 85 %.
REACHED = [
    ("quotations", "recall", 0.97),
    ("quotations", "precision", 0.97),
    ("speakers", "precision", 0.95),
    ("speakers", "recall", 0.87),
    ("actors", "precision", 0.96),
    ("actors", "recall", 0.89),
    ("actor_kinds", "precision", 0.94),
    ("actor_kinds", "recall", 0.83),
    ("brief_date", "recall", 0.97),
    ("author", "recall", 0.97),
    ("events", "recall", 0.92),
    ("events", "precision", 0.96),
    ("event_status", "recall", 0.92),
    ("legal", "recall", 0.97),
    ("legal_exact", "recall", 0.97),
    ("legal_exact", "precision", 0.97),
    ("answers", "recall", 0.95),
    ("answers", "precision", 0.9),
    ("stances", "recall", 0.95),
    ("stances", "precision", 0.85),
    ("stance_changes", "recall", 0.95),
    ("stance_changes", "precision", 0.95),
    ("accounts", "recall", 0.95),
    ("accounts", "precision", 0.7),
    ("anonymous", "recall", 0.95),
    ("anonymous_reason", "recall", 0.85),
]
MISTAKES_AT_MOST = {"scare_quotes": 1, "not_actors": 6, "duplicates": 1}


@pytest.fixture(scope="module")
def corpus_totals() -> dict:
    result, problems, failures = draft_score.score_corpus(NAMES)
    assert not problems and not failures, (problems, failures)
    return result["totals"]


@pytest.mark.parametrize(("field", "measure", "least"), REACHED)
def test_the_drafter_keeps_its_scores(corpus_totals, field, measure, least):
    value = getattr(corpus_totals[field], measure)
    assert value is not None and value >= least, (
        f"{field} {measure} {value:.0%}, at least {least:.0%} before"
    )


@pytest.mark.parametrize(("field", "most"), MISTAKES_AT_MOST.items())
def test_the_drafter_makes_no_more_mistakes_than_before(corpus_totals, field, most):
    assert corpus_totals[field].right <= most, corpus_totals[field].misses
