"""Validation of a content folder: every class of bad input, at its exact file:line:col."""

import json

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import SEED_BRIEF, copy_project, write
from generator.content.corpus import check_content, load_content
from generator.content.filecache import FileCache
from generator.content.problems import MESSAGE_LIMIT, ContentError, one_line
from helpers.samples import MINIMAL_BRIEF, brief, errors


def test_shipped_content_is_valid(project):
    corpus = load_content(project / "content")
    assert SEED_BRIEF in corpus.briefs
    assert {
        "huawei",
        "us-state-department",
        "chinese-mission-to-the-eu",
        "eu-digital-chief",
    } <= corpus.actors.keys()
    assert "china-national-intelligence-law-2017" in corpus.legal


def test_minimal_brief_is_valid(project):
    brief(project, "minimal")
    assert errors(project) == []


def test_misspelt_key_is_an_error_with_a_suggestion(project):
    brief(project, "typo", MINIMAL_BRIEF.format(id="typo").replace("positions:", "postions:"))
    assert errors(project) == [
        "content/briefs/typo.yaml:12:1: unknown field 'postions' (did you mean 'positions'?)"
    ]


def test_misspelt_nested_key_suggests_from_the_right_model(project):
    brief(project, "typo", MINIMAL_BRIEF.format(id="typo").replace("stance:", "stnce:"))
    # A position's stance may be left out when its statements carry their own (issue 19): whether
    # they do is checked once the brief loads, so the typo is the one error here.
    assert errors(project) == [
        "content/briefs/typo.yaml:15:5: unknown field 'stnce' (did you mean 'stance'?)",
    ]


def test_wrong_type_points_at_the_value(project):
    brief(
        project,
        "wrong",
        MINIMAL_BRIEF.format(id="wrong").replace("title: A story", "title: [a, list]"),
    )
    assert errors(project) == [
        "content/briefs/wrong.yaml:2:8: title: Input should be a valid string"
    ]


def test_stance_outside_the_scale_lists_the_allowed_values(project):
    brief(
        project,
        "stance",
        MINIMAL_BRIEF.format(id="stance").replace("stance: supports", "stance: loves"),
    )
    [error] = errors(project)
    assert error.startswith("content/briefs/stance.yaml:15:13: positions.0.stance: ")
    assert "'supports'" in error and "'unclear'" in error


@pytest.mark.parametrize(
    ("date", "reason"),
    [
        ("2019-13", "no month 13"),
        ("2019-02-30", "not a day of the calendar"),
        ("January 2019", "is not a date"),
    ],
)
def test_bad_dates_are_rejected(project, date, reason):
    brief(
        project,
        "dated",
        MINIMAL_BRIEF.format(id="dated").replace('date: "2020"', f'date: "{date}"'),
    )
    [error] = errors(project)
    assert error.startswith("content/briefs/dated.yaml:3:7: date: ")
    assert reason in error


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,x", "ftp://example.org/x", "/relative"]
)
def test_source_urls_must_be_http(project, url):
    text = MINIMAL_BRIEF.format(id="link").replace(
        "title: An article", f"title: An article\n        url: '{url}'"
    )
    brief(project, "link", text)
    [error] = errors(project)
    assert error.startswith("content/briefs/link.yaml:12:10: sources.0.url: ")
    assert "is not an http(s) URL" in error


@pytest.mark.parametrize("bad_id", ["../escape", "/etc/passwd", "Upper", "a--b", "a b"])
def test_ids_must_be_safe_slugs(project, bad_id):
    brief(project, "slug", MINIMAL_BRIEF.format(id="slug").replace("- id: q1", f"- id: '{bad_id}'"))
    messages = errors(project)
    assert any(
        m.startswith("content/briefs/slug.yaml:6:") and "is not a safe id" in m for m in messages
    )


def test_id_must_match_the_file_name(project):
    brief(project, "one", MINIMAL_BRIEF.format(id="another"))
    assert errors(project) == [
        "content/briefs/one.yaml:1:5: id 'another' does not match the file name 'one.yaml'"
    ]


def test_unknown_references_suggest_the_closest_id(project):
    text = (
        MINIMAL_BRIEF.format(id="refs")
        .replace("actor: huawei", "actor: huawey")
        .replace("question: q1", "question: q-1")
    )
    text = text.replace("source: src", "source: scr")
    brief(project, "refs", text)
    assert errors(project) == [
        "content/briefs/refs.yaml:13:12: unknown actor 'huawey' (did you mean 'huawei'?)",
        "content/briefs/refs.yaml:14:15: unknown question 'q-1' (did you mean 'q1'?)",
        "content/briefs/refs.yaml:19:17: unknown source 'scr' (did you mean 'src'?)",
    ]


def test_unknown_instrument_and_provision(project):
    text = (
        MINIMAL_BRIEF.format(id="law")
        + """
    legal_references:
      - instrument: china-national-intelligence-law-2071
      - instrument: china-national-intelligence-law-2017
        provisions: [duty-to-asist]
    """
    )
    brief(project, "law", text)
    assert errors(project) == [
        "content/briefs/law.yaml:22:17: unknown legal 'china-national-intelligence-law-2071'"
        " (did you mean 'china-national-intelligence-law-2017'?)",
        "content/briefs/law.yaml:24:18: unknown provision 'duty-to-asist' (did you mean 'duty-to-assist'?)",
    ]


def test_duplicate_ids_inside_a_brief(project):
    text = MINIMAL_BRIEF.format(id="dup").replace(
        "        text: Is it so?\n",
        "        text: Is it so?\n      - id: q1\n        text: Again?\n",
    )
    brief(project, "dup", text)
    assert errors(project) == ["content/briefs/dup.yaml:8:9: 'q1' is defined more than once"]


def test_statement_needs_exactly_one_of_quote_or_paraphrase(project):
    text = MINIMAL_BRIEF.format(id="both").replace(
        "- paraphrase: It is so.", "- paraphrase: It is so.\n            quote: so"
    )
    brief(project, "both", text)
    [error] = errors(project)
    assert error.startswith("content/briefs/both.yaml:17:9: positions.0.statements.0: ")
    assert "exactly one of 'quote' or 'paraphrase'" in error


def test_anonymous_sources_need_a_reason_and_no_name(project):
    text = MINIMAL_BRIEF.format(id="anon").replace(
        "{kind: institutional}", "{kind: anonymous, name: Jane Doe}"
    )
    brief(project, "anon", text)
    [error] = errors(project)
    assert "anonymous attribution cannot carry a name" in error


def test_errors_of_all_files_are_reported_together(project):
    brief(project, "a", MINIMAL_BRIEF.format(id="a").replace("positions:", "postions:"))
    brief(project, "b", MINIMAL_BRIEF.format(id="b").replace("title: A story", "title: [x]"))
    brief(project, "c", MINIMAL_BRIEF.format(id="c").replace("actor: huawei", "actor: nobody"))
    write(project / "content" / "actors" / "broken.yaml", "id: broken\nname: [x]\nkind: company\n")
    with pytest.raises(ContentError) as caught:
        load_content(project / "content", relative_to=project)
    files = [p.file for p in caught.value.problems]
    assert files == [
        "content/actors/broken.yaml",
        "content/briefs/a.yaml",
        "content/briefs/b.yaml",
        "content/briefs/c.yaml",
    ]


def test_a_reference_to_an_invalid_actor_file_does_not_cascade(project):
    write(project / "content" / "actors" / "acme.yaml", "id: acme\nname: Acme\nkind: shop\n")
    brief(
        project,
        "uses-acme",
        MINIMAL_BRIEF.format(id="uses-acme").replace("actor: huawei", "actor: acme"),
    )
    messages = errors(project)
    assert len(messages) == 1
    assert messages[0].startswith("content/actors/acme.yaml:3:7: kind: ")


# --- keys as written, values shown readably -------------------------------------------------------

KEYS_YAML_READS_AS_OTHER_THINGS = [
    "~",
    "null",
    "Null",
    "yes",
    "No",
    "on",
    "OFF",
    "true",
    "False",
    "1",
    "0x1F",
    "1.5",
    ".inf",
    ".NaN",
    "2019-01-15",
    "12:30",
    "=",
    "'quoted'",
    '"tab\\tkey"',
]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(key=st.sampled_from(KEYS_YAML_READS_AS_OTHER_THINGS), nested=st.booleans())
def test_a_key_is_named_as_written(tmp_path_factory, key, nested):
    project = copy_project(tmp_path_factory.mktemp("keys") / "project")
    text = MINIMAL_BRIEF.format(id="keys")
    if nested:
        text = text.replace(
            "        stance: supports\n", f"        stance: supports\n        {key}: c\n"
        )
        at = "16:5"
    else:
        text = text.replace("    title: A story\n", f"    title: A story\n    {key}: c\n")
        at = "3:1"
    brief(project, "keys", text)
    shown = (
        yaml.safe_load(f"{key}: x").popitem()[0] if key[0] in "'\"" else key
    )  # a quoted key: its text
    [error] = errors(project)
    assert error.startswith(
        f"content/briefs/keys.yaml:{at}: unknown field '{one_line(str(shown))}'"
    ), error


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    value=st.text(min_size=1, max_size=3000),
    field=st.sampled_from(["id", "url", "text_file", "actor"]),
)
def test_a_value_quoted_in_a_message_stays_one_short_line(tmp_path_factory, value, field):
    project = copy_project(tmp_path_factory.mktemp("values") / "project")
    quoted = json.dumps(value)  # a YAML double-quoted string: any character, escaped
    text = MINIMAL_BRIEF.format(id="values")
    text = {
        "id": text.replace("- id: q1", f"- id: {quoted}"),
        "url": text.replace("title: An article", f"title: An article\n        url: {quoted}"),
        "text_file": text.replace(
            "title: An article", f"title: An article\n        text_file: {quoted}"
        ),
        "actor": text.replace("actor: huawei", f"actor: {quoted}"),
    }[field]
    brief(project, "values", text)
    _, problems = check_content(project / "content", relative_to=project)
    for problem in problems:
        shown = str(problem)
        assert shown.isprintable() and len(shown) <= MESSAGE_LIMIT, shown


# --- what sits in content/ is read, or said why not ------------------------------------------------


@st.composite
def near_miss_names(draw) -> tuple[str, str]:
    """A file name that means YAML but does not end in exactly '.yaml', and its stem."""
    stem = draw(st.sampled_from(["story", "a-b", "x1"]))
    suffix = draw(st.sampled_from(["yaml", "yml"]))
    cased = "".join(draw(st.sampled_from([c.lower(), c.upper()])) for c in suffix)
    tail = draw(st.sampled_from(["", " ", ".", "  "]))
    name = f"{stem}.{cased}{tail}"
    assume(not name.endswith(".yaml"))
    return name, stem


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name_and_stem=near_miss_names(), folder=st.sampled_from(["briefs", "actors", "legal"]))
def test_a_near_miss_of_yaml_is_refused_not_skipped(tmp_path_factory, name_and_stem, folder):
    name, stem = name_and_stem
    project = copy_project(tmp_path_factory.mktemp("names") / "project")
    (project / "content" / folder / name).write_text("id: [broken\n")
    assert errors(project) == [f"content/{folder}/{name}:1:1: not read: rename it to {stem}.yaml"]


@pytest.mark.parametrize(
    ("place", "message"),
    [
        ("stray.yaml", "not read: content files go in briefs/, actors/, legal/"),
        (
            "Briefs/story.yaml",
            "not read: content files go in briefs/, actors/, legal/ (did you mean briefs/?)",
        ),
        (
            "actor/someone.yaml",
            "not read: content files go in briefs/, actors/, legal/ (did you mean actors/?)",
        ),
        (
            "briefs/2019/story.yaml",
            "not read: a folder inside briefs/; move its files into briefs/",
        ),
    ],
)
def test_content_in_the_wrong_place_is_named(project, place, message):
    write(project / "content" / place, "id: story\n")
    where = "/".join(place.split("/")[:2]) if place.startswith("briefs/") else place.split("/")[0]
    assert errors(project) == [f"content/{where}:1:1: {message}"]


def test_hidden_files_backups_and_notes_are_left_alone(project):
    for name in (
        ".story.yaml.swp",
        ".#story.yaml",
        "story.yaml~",
        "README.md",
        "notes.txt",
        ".hidden",
    ):
        (project / "content" / "briefs" / name).write_text("not: [yaml\n")
    (project / "content" / "briefs" / ".drafts").mkdir()
    (project / "content" / "briefs" / ".drafts" / "x.yaml").write_text("id: x\n")
    (project / "content" / "images").mkdir()
    assert errors(project) == []


@pytest.mark.parametrize("kind", ["dangling", "loop", "device", "fifo", "folder"])
def test_an_odd_file_is_one_problem_read_again_until_fixed(project, kind):
    from helpers.oddfiles import REASONS, make_odd

    odd = make_odd(project / "content" / "briefs" / "odd.yaml", kind)
    cache = FileCache()
    for _ in range(2):  # the second time from the cache of `mkdocs serve`
        _, problems = check_content(project / "content", relative_to=project, cache=cache)
        assert [str(p) for p in problems if p.severity == "error"] == [
            f"content/briefs/odd.yaml:1:1: {REASONS[kind]}"
        ]
    odd.rmdir() if kind == "folder" else odd.unlink()
    brief(project, "odd")
    _, problems = check_content(project / "content", relative_to=project, cache=cache)
    assert [p for p in problems if p.severity == "error"] == []
