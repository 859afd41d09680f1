"""Issue 19, stories evolve: the rules of the model (each at its file:line:col), what the
pages show and what the data publishes, on the three stories of tests/stories/content."""

from __future__ import annotations

import html as html_lib
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from generator.analysis.index import Index
from generator.analysis.stances import stance_matrix
from generator.check.lint import lint
from generator.content.corpus import check_content, load_content
from generator.site.render import Renderer

STORIES = Path(__file__).parents[1] / "stories" / "content"
COURT = "fenwick-dam-ruling-2026"
BUILD_DAY_EPOCH = "1795000000"  # 18 November 2026, 11:06 UTC: the build date of the page tests


@pytest.fixture
def stories(tmp_path: Path) -> Path:
    """A copy of the stories' content folder, to break."""
    shutil.copytree(STORIES, tmp_path / "content")
    return tmp_path / "content"


def edit(content: Path, relative: str, old: str, new: str) -> Path:
    path = content / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def problems(content: Path, severity: str = "error") -> list[str]:
    """What `briefing check` reports: the content's problems, and the lint's once it loads."""
    corpus, found = check_content(content, relative_to=content.parent)
    if not any(p.severity == "error" for p in found):
        found += lint(corpus)
    return [str(p) for p in sorted(found) if p.severity == severity]


def line_of(content: Path, relative: str, needle: str, occurrence: int = 1) -> int:
    lines = (content / relative).read_text(encoding="utf-8").splitlines()
    hits = [n for n, line in enumerate(lines, 1) if needle in line]
    return hits[occurrence - 1]


def rendered(
    content: Path, *paths: str, monkeypatch: pytest.MonkeyPatch | None = None
) -> dict[str, str]:
    index = Index(load_content(content))
    pages = Renderer(ROOT / "templates").render_site(index, only=lambda path: path in paths)
    return {page.path: _text(page.text) for page in pages}


def _text(html: str) -> str:
    """The page's words, tags dropped and spaces collapsed, to assert on what a reader sees."""
    words = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    words = re.sub(r"\s+([),.;:])", r"\1", re.sub(r"\(\s+", "(", words))
    return html_lib.unescape(words)


@pytest.fixture(autouse=True)
def _build_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_DAY_EPOCH)


# --- the stories themselves --------------------------------------------------------------


def test_the_stories_are_valid_and_clean():
    assert problems(STORIES) == []
    assert problems(STORIES, "warning") == []


# --- 1. a stance per statement -----------------------------------------------------------


def test_a_position_changes_stance_in_date_order():
    corpus = load_content(STORIES)
    position = corpus.briefs[COURT].positions[0]
    assert position.stance is None
    assert [(s.stance, s.date) for s in position.stance_changes] == [
        ("opposes", "2026-03-03"),
        ("supports", "2026-10-01"),
    ]
    assert position.current_stance == "supports"
    single = corpus.briefs[COURT].positions[1]
    assert [(s.stance, s.date) for s in single.stance_changes] == [("supports", None)]


def test_different_stances_need_dates(stories):
    relative = f"briefs/{COURT}.yaml"
    edit(stories, relative, "        date: 2026-03-03\n", "")
    line = line_of(stories, relative, "- quote: The Act sets no flow")
    assert problems(stories) == [
        f"content/briefs/{COURT}.yaml:{line}:9: this statement (opposes) has no date, and the position's statements "
        "take different stances: cannot tell which came first (give it a 'date')"
    ]


def test_different_stances_on_one_date_cannot_be_ordered(stories):
    relative = f"briefs/{COURT}.yaml"
    edit(stories, relative, "date: 2026-10-01", "date: 2026-03-03")
    line = line_of(stories, relative, "date: 2026-03-03", 2)
    assert problems(stories) == [
        f"content/briefs/{COURT}.yaml:{line}:15: this statement (supports) and another (opposes) are both dated "
        "2026-03-03: cannot tell which came first (date them more precisely)"
    ]


def test_the_same_stance_needs_no_dates(stories):
    relative = f"briefs/{COURT}.yaml"
    edit(
        stories,
        relative,
        "        stance: opposes\n        date: 2026-03-03\n",
        "        stance: supports\n",
    )
    assert problems(stories) == []


def test_a_statement_without_a_stance_needs_the_position_s(stories):
    relative = f"briefs/{COURT}.yaml"
    edit(stories, relative, "        stance: supports\n        condition:", "        condition:")
    line = line_of(stories, relative, "- paraphrase: The ministry will set")
    assert problems(stories) == [
        f"content/briefs/{COURT}.yaml:{line}:9: statement has no stance, and its position none to give it: "
        "write the position's 'stance' or the statement's"
    ]


def test_an_empty_stance_is_still_to_fill_in(stories):
    relative = f"briefs/{COURT}.yaml"
    edit(stories, relative, "stance: opposes", "stance:")
    [error] = problems(stories)
    assert error.endswith("fill in 'positions.0.statements.0.stance' (it is empty)")


def test_the_matrix_shows_the_latest_stance_and_the_change():
    matrix = stance_matrix(Index(load_content(STORIES)))
    history = matrix.cell("environment-ministry", "fenwick-minimum-flow")
    assert history.current.stance == "supports"
    assert [(r.stance, r.date) for r in history.changes] == [
        ("opposes", "2026-03-03"),
        ("supports", "2026-10-01"),
    ]


def test_the_brief_shows_each_statement_under_its_own_stance():
    page = rendered(STORIES, f"briefs/{COURT}.md")[f"briefs/{COURT}.md"]
    assert "Ministry of Environment of Valdoria opposes →, then supports (1 October 2026)" in page
    opposed = page.index("opposes “The Act sets no flow")
    supported = page.index("supports Paraphrase: The ministry will set a minimum flow")
    assert opposed < supported
    assert "Condition: only once the dam's operator has been heard" in page


def test_the_actor_page_heads_each_statement_with_its_stance():
    page = rendered(STORIES, "actors/environment-ministry.md")["actors/environment-ministry.md"]
    assert re.search(r"minimum flow in the river\? opposes “The Act sets no flow", page)
    assert re.search(
        r"minimum flow in the river\? supports Paraphrase: The ministry will set", page
    )


def test_the_data_publishes_each_statement_s_stance():
    from generator.content.models import Brief
    from generator.site.api import record

    brief = load_content(STORIES).briefs[COURT]
    data = record(brief)
    statements = data["positions"][0]["statements"]
    assert "stance" not in data["positions"][0]
    assert [s["stance"] for s in statements] == ["opposes", "supports"]
    assert statements[1]["condition"] == "only once the dam's operator has been heard"
    assert Brief.model_validate(data) == brief


# --- 2. events that have not happened, events told two ways, reported claims --------------

TALKS = "ruritania-borduria-talks-2026"


def test_event_status_defaults_to_happened_and_timing_follows_the_build_date():
    events = load_content(STORIES).briefs[TALKS].events
    assert [e.status for e in events] == ["happened", "happened", "scheduled", "deadline"]
    assert [e.timing("2026-11-18") for e in events] == [None, None, "passed", "upcoming"]
    assert events[3].timing("2026-12-01") == "upcoming"  # its day has not ended
    assert events[3].timing("2026-12-02") == "passed"


@pytest.mark.parametrize(
    ("date", "today", "timing"),
    [
        ("2026-12", "2026-12-31", "upcoming"),
        ("2026-12", "2027-01-01", "passed"),
        ("2026", "2026-12-31", "upcoming"),
        ("2026", "2027-01-01", "passed"),
    ],
)
def test_a_partial_date_is_upcoming_until_its_period_ends(date, today, timing):
    from generator.content.models import Event

    event = Event(date=date, text="A vote.", source="s", status="scheduled")
    assert event.timing(today) == timing


def test_an_unknown_status_suggests_the_close_one(stories):
    relative = f"briefs/{TALKS}.yaml"
    edit(stories, relative, "status: scheduled", "status: schedulled")
    line = line_of(stories, relative, "status: schedulled")
    [error] = problems(stories)
    assert error.startswith(f"content/briefs/{TALKS}.yaml:{line}:13: events.2.status: ")
    assert error.endswith("(did you mean 'scheduled'?)")


def test_one_account_is_not_a_dispute(stories):
    relative = f"briefs/{TALKS}.yaml"
    text = (stories / relative).read_text()
    start = text.index("      - text: The ministers had a frank")
    end = text.index("  - date: 2026-06-09")
    (stories / relative).write_text(text[:start] + text[end:])
    line = line_of(stories, relative, "- date: 2026-06-10")
    assert problems(stories) == [
        f"content/briefs/{TALKS}.yaml:{line}:5: events.0: a disputed event needs two or more accounts; "
        "one version goes in 'text'"
    ]


def test_an_account_cites_a_source_of_the_brief(stories):
    relative = f"briefs/{TALKS}.yaml"
    edit(
        stories, relative, "        source: borduria-statement", "        source: borduria-statment"
    )
    line = line_of(stories, relative, "source: borduria-statment")
    assert problems(stories) == [
        f"content/briefs/{TALKS}.yaml:{line}:17: unknown source 'borduria-statment' "
        "(did you mean 'borduria-statement'?)"
    ]


def test_the_brief_shows_accounts_side_by_side_and_timing():
    page = rendered(STORIES, f"briefs/{TALKS}.md")[f"briefs/{TALKS}.md"]
    assert (
        "Disputed 2 accounts of this event: The ministers agreed to reopen two border crossings by August. "
        "— Ruritanian Foreign Ministry · Source: Ruritanian Foreign Ministry, 11 June 2026 "
        "The ministers had a frank exchange of views; nothing was agreed. — Bordurian Foreign Ministry"
    ) in page
    assert (
        "Event: Scheduled, passed — outcome not recorded The ministers are to meet again in Vienna."
        in page
    )
    assert "Event: Deadline, upcoming The date by which Ruritania says" in page
    assert (
        "Bordurian troops withdrew from the northern crossing. "
        "(according to Ruritanian Foreign Ministry)"
    ) in page
    assert (
        "pressures Ruritania threatened to close its airspace (according to Ruritanian Foreign Ministry) disputed"
        in page
    )


def test_the_actor_page_shows_the_dispute_and_the_disputed_relation():
    page = rendered(STORIES, "actors/borduria.md")["actors/borduria.md"]
    assert (
        "Bordurian troops withdrew from the northern crossing. (according to Ruritanian Foreign Ministry)"
        in page
    )
    assert "(according to Ruritanian Foreign Ministry) disputed" in page
    page = rendered(STORIES, "actors/borduria-foreign-ministry.md")[
        "actors/borduria-foreign-ministry.md"
    ]
    assert "Disputed 2 accounts of this event" in page
    assert "Scheduled, passed — outcome not recorded" in page


def test_the_timing_moves_with_the_build_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1783000000")  # 2 July 2026
    page = rendered(STORIES, f"briefs/{TALKS}.md")[f"briefs/{TALKS}.md"]
    assert "Event: Scheduled, upcoming The ministers are to meet again in Vienna." in page


def test_the_data_publishes_status_accounts_and_claims():
    from generator.site.api import record

    data = record(load_content(STORIES).briefs[TALKS])
    assert [len(e["accounts"]) for e in data["events"]] == [2, 0, 0, 0]
    assert [e["status"] for e in data["events"]] == [
        "happened",
        "happened",
        "scheduled",
        "deadline",
    ]
    assert data["events"][1]["according_to"] == {
        "kind": "institutional",
        "role": "Ruritanian Foreign Ministry",
    }
    assert data["relations"][1]["disputed"] is True


# --- 3. who says so ----------------------------------------------------------------------


def test_a_named_speaker_s_statements_reach_the_speaker_s_page():
    index = Index(load_content(STORIES))
    assert [b.id for b in index.briefs_by_actor["minister-lind"]] == [COURT]
    page = rendered(STORIES, "actors/minister-lind.md")["actors/minister-lind.md"]
    assert (
        "Must the Fenwick dam leave a minimum flow in the river? opposes (for Ministry of Environment of "
        "Valdoria) “The Act sets no flow for dams built before 2011.” — Maria Lind, Minister of Environment, "
        "via a ministry spokeswoman"
    ) in page
    brief = rendered(STORIES, f"briefs/{COURT}.md")[f"briefs/{COURT}.md"]
    assert '<a href="../../actors/minister-lind/">Maria Lind</a>' in (
        Renderer(ROOT / "templates")
        .render_site(index, only=lambda p: p == f"briefs/{COURT}.md")[0]
        .text
    )
    assert (
        "— Maria Lind, Minister of Environment, via a ministry spokeswoman, 3 March 2026" in brief
    )


def test_the_speaker_must_be_in_the_registry(stories):
    relative = f"briefs/{COURT}.yaml"
    edit(stories, relative, "actor: minister-lind", "actor: minister-lnd")
    line = line_of(stories, relative, "actor: minister-lnd")
    assert problems(stories) == [
        f"content/briefs/{COURT}.yaml:{line}:18: unknown actor 'minister-lnd' (did you mean 'minister-lind'?)"
    ]


def test_an_anonymous_source_may_say_no_reason_was_given():
    page = rendered(STORIES, f"briefs/{TALKS}.md")[f"briefs/{TALKS}.md"]
    assert "— Bordurian diplomat, anonymous (the source gives no reason)" in page


@pytest.mark.parametrize(
    ("attribution", "message"),
    [
        (
            "kind: anonymous\n          role: Bordurian diplomat",
            "an anonymous attribution needs the reason given for anonymity (or 'reason_given: false' when the source "
            "gives none)",
        ),
        (
            "kind: anonymous\n          reason_given: false\n          reason: fear",
            "'reason_given: false' says the source gives no reason: leave out 'reason'",
        ),
        (
            "kind: institutional\n          reason_given: false",
            "'reason_given' is for anonymous attributions only",
        ),
    ],
)
def test_anonymity_rules(stories, attribution, message):
    relative = f"briefs/{TALKS}.yaml"
    edit(
        stories,
        relative,
        "kind: anonymous\n          role: Bordurian diplomat\n          reason_given: false",
        attribution,
    )
    line = line_of(stories, relative, "- quote: Crossings can reopen") + 2
    assert problems(stories) == [
        f"content/briefs/{TALKS}.yaml:{line}:11: positions.1.statements.0.attribution: {message}"
    ]


# --- 4. membership -----------------------------------------------------------------------

TALKS_PLASTICS = "plastics-treaty-talks-2026"


def test_members_and_memberships_show_on_both_sides():
    pages = rendered(STORIES, "actors/high-ambition-coalition.md", "actors/ruritania.md")
    coalition = pages["actors/high-ambition-coalition.md"]
    assert "Kind coalition" in coalition
    assert (
        "## Members Ruritania (since May 2025) Valdoria (co-chair, since March 2025)" in coalition
    )
    ruritania = pages["actors/ruritania.md"]
    assert (
        "Member of High Ambition Coalition on Plastics (since May 2025) "
        "Like-Minded Producers Group (until December 2025)"
    ) in ruritania


def test_the_network_draws_membership_unlike_actions():
    from generator.analysis.views import Views

    views = Views(Index(load_content(STORIES)))
    memberships = [(e.source.id, e.target.id) for e in views.network_edges if e.membership]
    assert memberships == [
        ("borduria", "producers-group"),
        ("ruritania", "high-ambition-coalition"),
        ("ruritania", "producers-group"),
    ]
    shapes = {(e.source.id, e.target.id): e.membership for e in views.network_drawing.edges}
    assert shapes[("ruritania", "high-ambition-coalition")] is True
    assert shapes[("high-ambition-coalition", "producers-group")] is False
    page = (
        Renderer(ROOT / "templates")
        .render_site(views.index, only=lambda p: p == "network/index.md")[0]
        .text
    )
    assert page.count('class="network__edge network__edge--membership"') == 3
    assert "Ruritania is a member of High Ambition Coalition on Plastics" in page


def test_a_membership_must_name_a_registry_actor(stories):
    edit(stories, "actors/ruritania.yaml", "actor: producers-group", "actor: producer-group")
    assert problems(stories) == [
        "content/actors/ruritania.yaml:7:12: unknown actor 'producer-group' (did you mean 'producers-group'?)"
    ]


def test_membership_cycles_are_errors(stories):
    edit(
        stories,
        "actors/producers-group.yaml",
        "kind: coalition\n",
        "kind: coalition\nmember_of:\n  - actor: borduria\n",
    )
    assert problems(stories) == [
        "content/actors/producers-group.yaml:5:12: member_of 'borduria' closes a cycle: "
        "borduria → producers-group → borduria (an actor cannot be a member of itself)"
    ]


def test_a_membership_cannot_end_before_it_begins(stories):
    edit(
        stories,
        "actors/ruritania.yaml",
        "    until: 2025-12",
        "    since: 2026-01\n    until: 2025-12",
    )
    assert problems(stories) == [
        "content/actors/ruritania.yaml:7:5: member_of.1: the membership ends (2025-12) before it begins (2026-01)"
    ]


@pytest.mark.parametrize(
    "kind", ["court", "legislature", "coalition", "political-party", "trade-association"]
)
def test_new_actor_kinds(kind):
    from generator.content.models import Actor

    assert Actor(id="someone", name="Someone", kind=kind).kind == kind


def test_the_data_publishes_memberships():
    from generator.site.api import record

    data = record(load_content(STORIES).actors["valdoria"])
    assert data["member_of"] == [
        {"actor": "high-ambition-coalition", "role": "co-chair", "since": "2025-03"}
    ]


# --- 5. the structure of the law ---------------------------------------------------------


def test_the_holding_is_apart_from_and_before_the_parties_readings():
    pages = rendered(STORIES, "legal/fenwick-dam-ruling.md", f"briefs/{COURT}.md")
    ruling = pages["legal/fenwick-dam-ruling.md"]
    assert (
        "Kind court ruling Court Supreme Court of Valdoria Case number SC 2025/118 Decided 29 September 2026 "
        "Outcome The minimum flow of Section 121(2) applies to the Fenwick dam."
    ) in ruling
    holding = ruling.index(
        "Holding Supreme Court of Valdoria, 29 September 2026 The Act's minimum flow binds"
    )
    parties = ruling.index("How each actor reads “para-4” in the Fenwick dam ruling")
    assert holding < parties
    assert "binds dams built before 2011 as well" not in ruling[parties:]
    brief = pages[f"briefs/{COURT}.md"]
    assert brief.index("Holding Supreme Court of Valdoria") < brief.index(
        "How each actor reads the Fenwick dam ruling"
    )


def test_provision_labels_print_as_written_and_article_is_kept():
    page = rendered(STORIES, "legal/water-act-2011.md")["legal/water-act-2011.md"]
    assert "Minimum flow (Section 121(2))" in page and "Article section" not in page
    assert "Definitions (Article 4)" in page
    assert "Status amended since June 2024" in page
    assert (
        "## Amendments June 2024 · Water (Amendment) Act 2024: Raised the minimum flow from 5 to 10 per cent "
        "of the mean flow. (Section 121(2))"
    ) in page


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "court: valdoria-supreme-court\n",
            "",
            "a court ruling needs 'court', the id of the court that gave it",
        ),
        (
            "kind: court-ruling",
            "kind: statute",
            "'court' is for instruments of kind court-ruling only",
        ),
    ],
)
def test_court_ruling_fields(stories, old, new, message):
    edit(stories, "legal/fenwick-dam-ruling.yaml", old, new)
    assert problems(stories) == [f"content/legal/fenwick-dam-ruling.yaml:1:1: {message}"]


def test_the_court_and_amended_provisions_must_exist(stories):
    edit(
        stories,
        "legal/fenwick-dam-ruling.yaml",
        "court: valdoria-supreme-court",
        "court: valdoria-supreme-cort",
    )
    edit(stories, "legal/water-act-2011.yaml", "provisions: [s121]", "provisions: [s12]")
    assert problems(stories) == [
        "content/legal/fenwick-dam-ruling.yaml:7:8: unknown actor 'valdoria-supreme-cort' "
        "(did you mean 'valdoria-supreme-court'?)",
        "content/legal/water-act-2011.yaml:21:18: unknown provision 's12' (did you mean 's121'?)",
    ]


def test_an_unknown_instrument_kind_suggests_the_close_one(stories):
    edit(stories, "legal/fenwick-dam-ruling.yaml", "kind: court-ruling", "kind: court-rulling")
    [error] = problems(stories)
    assert error.startswith("content/legal/fenwick-dam-ruling.yaml:6:7: kind: Input should be")
    assert error.endswith("(did you mean 'court-ruling'?)")


def test_the_data_publishes_the_law_s_structure():
    from generator.site.api import record

    corpus = load_content(STORIES)
    ruling = record(corpus.legal["fenwick-dam-ruling"])
    assert (ruling["kind"], ruling["court"], ruling["decided"]) == (
        "court-ruling",
        "valdoria-supreme-court",
        "2026-09-29",
    )
    assert record(corpus.legal["water-act-2011"])["amendments"][0]["provisions"] == ["s121"]
    readings = record(corpus.briefs[COURT])["legal_references"][1]["readings"]
    assert [r["holding"] for r in readings] == [True, False]


# --- 6. story threads and links ----------------------------------------------------------

FOLLOW_UP = "ruritania-borduria-crossings-2026"


def test_a_brief_shows_earlier_and_later_briefs_of_its_story():
    pages = rendered(STORIES, f"briefs/{TALKS}.md", f"briefs/{FOLLOW_UP}.md")
    assert (
        "Later in this story: 2 September 2026 · Ruritania says the border crossings must reopen by December"
        in pages[f"briefs/{TALKS}.md"]
    )
    assert (
        "Earlier in this story: 12 June 2026 · Ruritania and Borduria give two accounts"
        in pages[f"briefs/{FOLLOW_UP}.md"]
    )


def test_page_links_resolve_to_the_site_s_pages():
    index = Index(load_content(STORIES))
    [page] = Renderer(ROOT / "templates").render_site(
        index, only=lambda p: p == f"briefs/{FOLLOW_UP}.md"
    )
    assert f'(see <a href="../{TALKS}/">the June meeting</a>)' in page.text
    assert '<a href="../../actors/borduria/">Borduria</a> has not answered' in page.text


def test_an_unknown_page_link_is_an_error_at_its_field(stories):
    relative = f"briefs/{FOLLOW_UP}.yaml"
    edit(
        stories,
        relative,
        "(brief:ruritania-borduria-talks-2026)",
        "(brief:ruritania-borduria-talk-2026)",
    )
    assert problems(stories) == [
        f"content/briefs/{FOLLOW_UP}.yaml:5:10: unknown brief 'ruritania-borduria-talk-2026' "
        "(did you mean 'ruritania-borduria-talks-2026'?)"
    ]


def test_an_unknown_earlier_brief_is_an_error(stories):
    relative = f"briefs/{FOLLOW_UP}.yaml"
    edit(
        stories,
        relative,
        "follows: [ruritania-borduria-talks-2026]",
        "follows: [ruritania-borduria-talk-2026]",
    )
    assert problems(stories) == [
        f"content/briefs/{FOLLOW_UP}.yaml:4:11: unknown brief 'ruritania-borduria-talk-2026' "
        "(did you mean 'ruritania-borduria-talks-2026'?)"
    ]


@pytest.mark.parametrize("link", ["../actors/borduria/", "javascript:alert(1)", "treaty:geneva"])
def test_a_link_the_sanitiser_would_drop_is_a_warning(stories, link):
    relative = f"briefs/{FOLLOW_UP}.yaml"
    edit(stories, relative, "(actor:borduria)", f"({link})")
    assert problems(stories, "warning") == [
        f"content/briefs/{FOLLOW_UP}.yaml:5:10: warning: the link '{link}' in 'summary' would be dropped from the "
        "page: link to http(s) or mailto addresses, or to the site's pages as brief:ID, actor:ID or legal:ID"
    ]


def test_a_later_brief_can_record_what_became_of_a_scheduled_event(stories):
    edit(
        stories,
        f"briefs/{FOLLOW_UP}.yaml",
        "positions:",
        (
            "events:\n  - date: 2026-07-15\n    text: The ministers met in Vienna.\n"
            "    actors: [ruritania-foreign-ministry]\n    source: wire-september\npositions:"
        ),
    )
    page = rendered(stories, f"briefs/{TALKS}.md")[f"briefs/{TALKS}.md"]
    assert (
        "Event: Scheduled, passed — what came of it: Ruritania says the border crossings must reopen by "
        "December The ministers are to meet again in Vienna."
    ) in page


# --- 7. question identity ----------------------------------------------------------------


def test_a_small_edit_to_a_reused_question_is_fine(stories):
    edit(
        stories,
        f"briefs/{FOLLOW_UP}.yaml",
        "between Ruritania and Borduria reopen?",
        "between Ruritania and Borduria be reopened?",
    )
    assert problems(stories, "warning") == []


def test_a_reused_question_id_with_other_wording_is_a_warning_naming_both_places(stories):
    edit(
        stories,
        f"briefs/{FOLLOW_UP}.yaml",
        "text: Should the border crossings between Ruritania and Borduria reopen?",
        "text: Should Ruritania impose sanctions on Borduria?",
    )
    first = line_of(stories, f"briefs/{TALKS}.yaml", "text: Should the border crossings")
    later = line_of(stories, f"briefs/{FOLLOW_UP}.yaml", "text: Should Ruritania impose sanctions")
    assert problems(stories, "warning") == [
        f"content/briefs/{FOLLOW_UP}.yaml:{later}:11: warning: question 'border-crossings-reopen' is worded differently "
        f"from its earlier use at content/briefs/{TALKS}.yaml:{first}:11 ('Should the border crossings between "
        "Ruritania and Borduria …'): give a different question its own id, or keep the wording"
    ]


def test_under_strict_the_reworded_question_is_an_error(stories, monkeypatch):
    from generator.check.run import check_all

    edit(
        stories,
        f"briefs/{FOLLOW_UP}.yaml",
        "and Borduria reopen?",
        "and Borduria stay shut for good?",
    )
    monkeypatch.chdir(stories.parent)
    found = [
        p for p in check_all(Path("content"), strict=True) if "worded differently" in p.message
    ]
    assert [p.severity for p in found] == ["error"]


# --- 8. data, JSON-LD, skeletons, a real build -------------------------------------------


def test_the_data_is_version_2_with_its_changes_documented():
    from generator.site import api

    assert api.VERSION == 2 and 2 in api.CHANGES
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert '"version": 2' in readme and "Changes in version 2" in readme


def test_json_ld_uses_schema_org_s_terms():
    from generator.site.jsonld import brief_graph, legal_data

    index = Index(load_content(STORIES))
    graph = brief_graph(index.briefs_by_actor["borduria"][0], index, lambda path: path, "")[
        "@graph"
    ]
    statuses = [node["eventStatus"] for node in graph if node["@type"] == "Event"]
    assert "https://schema.org/EventScheduled" in statuses
    plastics = next(b for b in index.briefs if b.id == TALKS_PLASTICS)
    graph = brief_graph(plastics, index, lambda path: path, "")["@graph"]
    assert "https://schema.org/EventPostponed" in [
        n["eventStatus"] for n in graph if n["@type"] == "Event"
    ]
    act = legal_data(index.legal["water-act-2011"], lambda path: path, "")
    assert act["legislationLegalForce"] == "https://schema.org/InForce"
    assert act["legislationChanges"][0] == {
        "@type": "Legislation",
        "name": "Water (Amendment) Act 2024",
        "legislationDate": "2024-06",
        "abstract": act["legislationChanges"][0]["abstract"],
    }
    assert (
        legal_data(index.legal["fenwick-dam-ruling"], lambda path: path, "")["legislationDate"]
        == "2026-09-29"
    )


@pytest.mark.parametrize(
    ("kind", "fields"),
    [
        (
            "brief",
            [
                "stance:",
                "condition:",
                "via:",
                "actor: minister-lind",
                "reason_given:",
                "status: deadline",
                "accounts:",
                "according_to:",
                "disputed:",
                "holding:",
                "follows:",
                "brief:ID",
            ],
        ),
        ("actor", ["member_of:", "role:", "since:", "until:"]),
        (
            "legal",
            [
                "label:",
                "kind:",
                "status:",
                "status_date:",
                "amendments:",
                "court:",
                "case_number:",
                "decided:",
                "outcome:",
            ],
        ),
    ],
)
def test_skeletons_show_each_new_field(tmp_path, kind, fields):
    from generator.authoring.skeletons import new_record

    text = new_record(kind, "new-one", tmp_path / "content", ROOT / "templates").read_text(
        encoding="utf-8"
    )
    assert [field for field in fields if field not in text] == []


def test_the_stories_build_with_mkdocs(tmp_path, monkeypatch):
    from helpers.site_builder import build_site

    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_DAY_EPOCH)
    site = build_site(STORIES, tmp_path / "work")
    talks = _text((site / "briefs" / TALKS / "index.html").read_text(encoding="utf-8"))
    assert "Disputed 2 accounts of this event" in talks
    assert "Deadline, upcoming" in talks and "Scheduled, passed — outcome not recorded" in talks
    court = _text((site / "briefs" / COURT / "index.html").read_text(encoding="utf-8"))
    assert "opposes →, then supports (1 October 2026)" in court
    law = _text((site / "legal" / "water-act-2011" / "index.html").read_text(encoding="utf-8"))
    assert "Minimum flow (Section 121(2))" in law
    follow_up = (site / "briefs" / FOLLOW_UP / "index.html").read_text(encoding="utf-8")
    assert f'href="../{TALKS}/">the June meeting</a>' in follow_up
    network = (site / "network" / "index.html").read_text(encoding="utf-8")
    assert "network__edge--membership" in network
    import json

    data = json.loads((site / "api" / "briefs" / f"{COURT}.json").read_text(encoding="utf-8"))
    assert (
        data["version"] == 2
        and data["brief"]["positions"][0]["statements"][0]["stance"] == "opposes"
    )
