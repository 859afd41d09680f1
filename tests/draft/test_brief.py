"""`briefing draft`: a plain-text article becomes a draft brief that fails `check` only where the analyst must act."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, SEED_ARTICLE, SEED_TEXT_FILE, add_seed_text
from generator.authoring.skeletons import SkeletonError
from generator.check.run import check_all
from generator.cli import main
from generator.content.corpus import Corpus, load_content
from generator.content.yamlfile import read_yaml
from generator.draft.brief import make_draft, write_draft

MISSION_QUOTE = (
    "never give any institution the mandate to force companies to build ‘mandatory back doors.’ "
    "Such actions have never happened."
)


@pytest.fixture
def project(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The project copy, with the seed article as its brief's source text, as the working folder."""
    add_seed_text(project)
    monkeypatch.chdir(project)
    return project


@pytest.fixture
def seed_draft(project):
    result = CliRunner().invoke(main, ["draft", SEED_TEXT_FILE, "--id", "seed-draft"])
    assert result.exit_code == 0, result.output
    path = project / "content/briefs/seed-draft.yaml"
    return path, path.read_text(encoding="utf-8"), read_yaml(path).data


def test_seed_draft_has_the_required_items(seed_draft):
    _, text, data = seed_draft
    assert data["title"] == "U.S. Is Said to Consider Reaction If Allies Partner With Huawei"
    assert data["date"] == "2019"
    assert data["sources"][0]["publisher"] == "Bloomberg" and data["sources"][0]["date"] == "2019"
    # The Chinese Mission's quotation, verbatim and attributed to it.
    [position] = [p for p in data["positions"] if p["actor"] == "chinese-mission-to-the-eu"]
    assert position["statements"][0]["quote"] == MISSION_QUOTE
    assert position["statements"][0]["attribution"]["kind"] == "institutional"
    # The National Intelligence Law with 2017.
    assert data["legal_references"][0]["instrument"] == "china-national-intelligence-law-2017"
    assert "# cited as: National Intelligence Law (China), 2017" in text
    # Actors: Huawei, NATO with its long form, the Commission, the State Department, the EU's digital chief.
    assert "#   known  nato: NATO / North Atlantic Treaty Organization" in text
    for actor_id in ("huawei", "european-commission", "us-state-department", "eu-digital-chief"):
        assert f"#   known  {actor_id}: " in text
    # January as the month of the EU warning.
    [january] = [e for e in data["events"] if e["date"] == "2019-01"]
    assert "eu-digital-chief" in january["actors"]
    assert "in January" in january["date_note"]


def test_every_drafted_item_carries_its_evidence(seed_draft):
    lines = seed_draft[1].splitlines()
    for i, line in enumerate(lines):
        if line.lstrip().startswith(("- quote:", "- instrument:", "- date:")):
            above = [line for line in lines[max(0, i - 2) : i] if "# evidence: " in line]
            assert above, line


def test_seed_draft_fails_check_only_on_the_marks(seed_draft):
    path, text, _ = seed_draft
    problems = [p for p in check_all(Path("content")) if p.file.endswith(path.name)]
    assert problems and all(p.message.startswith("fill in '") for p in problems)
    lines = text.splitlines()
    for problem in problems:  # each mark is a comment telling what to write
        assert "# FILL IN" in lines[problem.line - 1]
    assert {p.message for p in problems} >= {
        "fill in 'summary' (it is empty)",
        "fill in 'positions.0.stance' (it is empty)",
    }


def test_seed_draft_verifies_against_its_source_text(seed_draft):
    assert seed_draft[2]["sources"][0]["text_file"] == SEED_TEXT_FILE
    assert not [p for p in check_all(Path("content")) if "quote" in p.message]


def test_without_a_registry_actors_and_law_are_proposed():
    draft = make_draft(
        SEED_ARTICLE.read_text(encoding="utf-8"), Corpus(), brief_id=None, text_file=None
    )
    by_id = {c.id: c for c in draft.candidates}
    assert by_id["north-atlantic-treaty-organization"].mentions == [
        "NATO",
        "North Atlantic Treaty Organization",
    ]
    assert by_id["north-atlantic-treaty-organization"].kind == "intergovernmental-organisation"
    assert by_id["chinese-mission-to-the-eu"].kind == "diplomatic-mission"
    assert by_id["european-union-digital-chief"].kind == "role"
    assert not any(c.known for c in draft.candidates)
    assert draft.positions[0].proposed_id == "chinese-mission-to-the-eu"
    assert (draft.legal[0].name, draft.legal[0].year) == ("National Intelligence Law", 2017)
    assert draft.legal[0].proposed_id == "china-national-intelligence-law-2017"
    assert draft.id == "us-is-said-to-consider-reaction-if-2019"


SYNTHETIC = """Ministers Clash Over Data Rules

(Wire) -- "We will not accept this," said Jane Doe, the Ruritanian interior minister. The Ruritanian Data Office
said it was ready and that the rules were “a ‘serious’ step. They protect people.” Later, \u201cNo comment,\u201d a spokesman
for Acme Corp. said.

She told reporters 'it is over' on March 3, 2021. The agency's head said: "It begins
here.

"And it goes on." The Data Protection Act of 2018, in Articles 5 and 6(1), applies since May 2019.

©2021 Wire Services Ltd.
"""


def test_synthetic_article_quotes_and_speakers():
    draft = make_draft(SYNTHETIC, Corpus(), brief_id="synthetic", text_file=None)
    found = [
        (p.speaker, p.proposed_id, s.quote, s.attribution_kind, s.name, s.role)
        for p in draft.positions
        for s in p.statements
    ]
    assert found == [
        # straight quotes, speaker after the quote with an apposition; a person
        (
            "Jane Doe, the Ruritanian interior minister",
            "jane-doe",
            "We will not accept this",
            "named",
            "Jane Doe",
            "the Ruritanian interior minister",
        ),
        # single quotes, and a pronoun: the person the article named last
        (
            "Jane Doe, the Ruritanian interior minister",
            "jane-doe",
            "it is over",
            "named",
            "Jane Doe",
            None,
        ),
        # curly quotes with a nested single-quoted word, spanning two sentences, speaker before
        (
            "The Ruritanian Data Office",
            "ruritanian-data-office",
            "a ‘serious’ step. They protect people.",
            "institutional",
            None,
            None,
        ),
        # "the agency's head": the government body met before
        (
            "The Ruritanian Data Office",
            "ruritanian-data-office",
            "It begins\nhere.",
            "institutional",
            None,
            None,
        ),
        # a quotation running on into the next paragraph, which reopens it: the same speaker
        (
            "The Ruritanian Data Office",
            "ruritanian-data-office",
            "And it goes on.",
            "institutional",
            None,
            None,
        ),
        # a spokesperson, named across a line break
        (
            "a spokesman for Acme Corp.",
            "acme-corp",
            "No comment",
            "spokesperson",
            None,
            "a spokesman for Acme Corp.",
        ),
    ]


def test_synthetic_article_source_legal_and_dates():
    draft = make_draft(SYNTHETIC, Corpus(), brief_id="synthetic", text_file=None)
    assert (draft.article.publisher, draft.article.year) == ("Wire", 2021)
    assert draft.source_id == "wire-2021"
    [law] = draft.legal
    assert (law.name, law.year, law.articles) == ("Data Protection Act", 2018, ["5", "6(1)"])
    assert [(e.date, e.note is None) for e in draft.events] == [
        ("2021-03-03", True),
        ("2019-05", True),
    ]
    kinds = {c.name: c.kind for c in draft.candidates}
    assert kinds["Jane Doe"] == "person"
    assert kinds["Acme Corp."] == "company"


def test_synthetic_draft_is_valid_yaml_failing_only_on_marks(project):
    article = project / "sources/synthetic.txt"
    article.write_text(SYNTHETIC, encoding="utf-8")
    path, _ = write_draft(
        article, Path("content"), Path("templates"), "synthetic", load_content(Path("content"))
    )
    assert read_yaml(path).problems == []
    problems = [p for p in check_all(Path("content")) if p.file.endswith("synthetic.yaml")]
    assert problems and all(p.message.startswith("fill in '") for p in problems), problems


def test_draft_never_overwrites(project):
    target = project / "content/briefs/huawei-5g-allies-2019.yaml"
    before = target.read_bytes()
    with pytest.raises(SkeletonError, match="already exists"):
        write_draft(
            project / SEED_TEXT_FILE,
            Path("content"),
            Path("templates"),
            "huawei-5g-allies-2019",
            load_content(Path("content")),
        )
    assert target.read_bytes() == before
    assert (
        CliRunner().invoke(main, ["draft", SEED_TEXT_FILE, "--id", "../escape"]).exit_code == 2
    )  # usage


def test_article_text_is_never_committed():
    assert not (ROOT / SEED_TEXT_FILE).exists() or "/sources/" in (ROOT / ".gitignore").read_text()


def test_article_text_cannot_break_out_of_comments_or_values(project, tmp_path):
    hostile = (
        'Evil "Title\nid: pwned"\n\nThe Evil\nLaw of 2020 says "x\nstatus: published\n# y" and '
        "The Bad\nCorp Inc. said it. In January\n2020 it began.\n\n©2020 Evil\nMedia\n"
    )
    article = tmp_path / "hostile.txt"
    article.write_text(hostile, encoding="utf-8")
    path, _ = write_draft(
        article, Path("content"), Path("templates"), "hostile", load_content(Path("content"))
    )
    data = read_yaml(path).data
    assert data["id"] == "hostile" and data["status"] == "draft"
    assert "pwned" not in data


def test_an_article_that_is_not_utf8_is_a_one_line_error(project):
    (project / "latin1.txt").write_bytes(
        "Caf\xe9 news\n\nIt said \u201chi\u201d.".encode("latin-1", "replace")
    )
    result = CliRunner().invoke(main, ["draft", "latin1.txt"])
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: latin1.txt: is not UTF-8 text"


def test_anonymous_sources_keep_the_reason_the_article_gives():
    article = (
        'Headline\n\n"We are watching," said the official, who wasn’t authorized to speak publicly on the matter. '
        "“It is over,” said an aide who asked not to be identified. “Fine,” said Jane Doe.\n"
    )
    draft = make_draft(article, Corpus(), brief_id="x", text_file=None)
    found = [
        (s.quote, s.attribution_kind, s.reason, s.reason_given)
        for p in draft.positions
        for s in p.statements
    ]
    assert found == [
        ("We are watching", "anonymous", "wasn’t authorized to speak publicly on the matter", None),
        (
            "It is over",
            "anonymous",
            None,
            False,
        ),  # asked not to be identified, but the article says not why
        ("Fine", "named", None, None),
    ]


def test_an_anonymous_source_keeps_the_reason_the_article_gives_when_referred_to_later():
    article = (
        "Headline\n\nA senior official at the Ostmark Communications Authority, who asked not to be named "
        "because the appeal period has not yet expired, said the firm knew. “They knew,” the official said. "
        "“They did not call.” “We are sorry,” said Daniel Okafor, the firm's chief.\n"
    )
    draft = make_draft(article, Corpus(), brief_id="x", text_file=None)
    found = [
        (p.proposed_id, s.quote, s.attribution_kind, s.name, s.reason)
        for p in draft.positions
        for s in p.statements
    ]
    assert found == [
        (
            "ostmark-communications-authority",
            "They knew",
            "anonymous",
            None,
            "the appeal period has not yet expired",
        ),
        (
            "ostmark-communications-authority",
            "They did not call.",
            "anonymous",
            None,
            "the appeal period has not yet expired",
        ),
        ("daniel-okafor", "We are sorry", "named", "Daniel Okafor", None),
    ]


WIRE_STORY = """Regulator Fines Platform Over Transfers

BRUSSELS (Wire) - The European Commission on Tuesday fined Example Platforms Inc. for breaching the General
Data Protection Regulation (GDPR), in force since May 2018.

"This is a serious infringement," Ruritanian Data Board chair Jane Doe said, citing Article 46(1) of the regulation.

"The decision is flawed," John Roe, Example's president of global affairs, wrote on May 22, 2023.

The U.S. Commerce Department, which negotiated the Data Privacy Framework, declined to comment. A senior official,
speaking on condition of anonymity, said: "We expect the framework to hold."

©2023 Wire Services Ltd.
"""


def test_wire_story_speakers_datelines_and_names(project):
    draft = make_draft(WIRE_STORY, load_content(Path("content")), brief_id="wire", text_file=None)
    assert draft.article.publisher == "Wire"  # from "BRUSSELS (Wire) -"
    found = [
        (p.actor_id or p.proposed_id, s.attribution_kind, s.name, s.role, s.reason)
        for p in draft.positions
        for s in p.statements
    ]
    assert found == [
        ("ruritanian-data-board", "named", "Jane Doe", "Ruritanian Data Board chair", None),
        # a named person beside an office of a body ("Example" shortens "Example Platforms Inc."):
        # the body spoken for
        (
            "example-platforms-inc",
            "named",
            "John Roe",
            "Example's president of global affairs",
            None,
        ),
        # anonymous, but the article gives no reason: reason_given is false in the draft
        (None, "anonymous", None, "A senior official", None),
    ]
    candidates = {c.id: c for c in draft.candidates}
    assert candidates["european-commission"].known  # not "European Commission on Tuesday"
    assert "us-commerce-department" in candidates  # the longer name wins over the registry's "U.S."
    assert not {
        "brussels",
        "wire",
        "data-privacy-framework",
        "general-data-protection-regulation",
    } & set(candidates)
    assert [law.name for law in draft.legal] == [
        "General Data Protection Regulation"
    ]  # across a line break
