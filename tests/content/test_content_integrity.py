"""Whatever ``briefing check`` accepts builds; whatever cannot build is refused at its file:line:col.

The cross-file checks of :mod:`generator.content.corpus` (topic pages, part_of cycles), then a property
test over generated corpora of awkward but schema-legal values, then real MkDocs builds.
"""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from generator.analysis.index import Index
from generator.content.corpus import check_content
from generator.site.output import SITE_MARKER
from generator.site.render import Renderer
from generator.site.urls import KEY_MAX_BYTES, topic_slug
from helpers.site_builder import write_config

LOCATED = re.compile(r"content/(briefs|actors|legal)/[^:]+\.yaml:[1-9]\d*:[1-9]\d*: ")
slugs = st.from_regex(r"[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)


def write_records(content: Path, folder: str, records: list[dict]) -> list[Path]:
    (content / folder).mkdir(parents=True, exist_ok=True)
    paths = []
    for record in records:
        path = content / folder / f"{record['id']}.yaml"
        path.write_text(
            yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        paths.append(path)
    return paths


def brief(brief_id: str, **fields: object) -> dict:
    return {
        "id": brief_id,
        "title": f"Brief {brief_id}",
        "date": "2020",
        "summary": "Summary.",
        "sources": [{"id": "src", "publisher": "P", "title": "T"}],
        **fields,
    }


def actor(actor_id: str, **fields: object) -> dict:
    return {"id": actor_id, "name": actor_id.title(), "kind": "other", **fields}


def problems_of(content: Path) -> tuple[list[str], list[str]]:
    _, problems = check_content(content, relative_to=content.parent)
    return (
        [str(p) for p in problems if p.severity == "error"],
        [str(p) for p in problems if p.severity != "error"],
    )


def line_of(path: Path, needle: str) -> int:
    return next(
        n
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if needle in line
    )


# --- topic labels that would share a page ----------------------------------------------------

# Labels with one slug: the same letters and digits, punctuation between them differing.
PUNCTUATION = st.sampled_from(["", "+", "++", "#", ".", "!", "/", "&", "—", "_"])


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    word=st.from_regex(r"[A-Za-z][a-z]{0,6}( [a-z]{1,6}){0,2}", fullmatch=True),
    marks=st.tuples(PUNCTUATION, PUNCTUATION),
)
def test_different_labels_on_one_topic_page_are_an_error_naming_both_places(
    tmp_path_factory, word, marks
):
    first, second = word + marks[0], word + marks[1]
    if first == second:
        second = word + "?!"
    content = tmp_path_factory.mktemp("topics") / "content"
    one, two = write_records(
        content, "briefs", [brief("one", topics=["Other", first]), brief("two", topics=[second])]
    )
    errors, _ = problems_of(content)
    assert errors == [
        f"content/briefs/two.yaml:{line_of(two, 'topics:') + 1}:3: topic '{second}' shares the page "
        f"topics/{topic_slug(first)}.md with '{first}' (content/briefs/one.yaml:{line_of(one, 'topics:') + 2}:3), "
        "a different topic: rename one"
    ]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    words=st.lists(st.from_regex(r"[a-z]{1,8}", fullmatch=True), min_size=1, max_size=3),
    data=st.data(),
)
def test_labels_alike_but_for_case_and_spacing_are_one_topic_with_a_warning(
    tmp_path_factory, words, data
):
    first = " ".join(words)
    second = data.draw(st.sampled_from([" ", "  ", "\t"])).join(
        data.draw(st.sampled_from([str.upper, str.title, str.lower]))(w) for w in words
    )
    if second == first:
        second = first.upper() + " "
    content = tmp_path_factory.mktemp("alike") / "content"
    write_records(content, "actors", [])
    write_records(content, "briefs", [brief("one", topics=[first]), brief("two", topics=[second])])
    errors, warnings = problems_of(content)
    assert errors == []
    assert len(warnings) == 1 and warnings[0].startswith("content/briefs/two.yaml:")
    assert f"did you mean '{first}'?" in warnings[0] and "content/briefs/one.yaml:" in warnings[0]


# --- part_of cycles ---------------------------------------------------------------------------


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    ring=st.lists(slugs, min_size=1, max_size=6, unique=True),
    tail=st.lists(slugs, max_size=3, unique=True),
)
def test_a_part_of_cycle_is_an_error_at_the_part_of_that_closes_it(tmp_path_factory, ring, tail):
    tail = [t for t in tail if t not in ring]
    actors = [actor(a, part_of=ring[(i + 1) % len(ring)]) for i, a in enumerate(ring)]
    actors += [
        actor(t, part_of=ring[0]) for t in tail
    ]  # actors that lead into the cycle are not in it
    content = tmp_path_factory.mktemp("cycle") / "content"
    write_records(content, "actors", actors)
    start = ring.index(min(ring))
    cycle = ring[start:] + ring[:start]
    closing = content / "actors" / f"{cycle[-1]}.yaml"
    errors, _ = problems_of(content)
    assert errors == [
        f"content/actors/{cycle[-1]}.yaml:{line_of(closing, 'part_of:')}:10: part_of '{cycle[0]}' closes a cycle: "
        f"{' → '.join([*cycle, cycle[0]])} (an actor cannot be part of itself)"
    ]


def test_a_chain_of_part_of_without_a_cycle_is_accepted(tmp_path):
    chain = [f"level-{n}" for n in range(8)]
    write_records(
        tmp_path / "content",
        "actors",
        [
            actor(a, **({"part_of": chain[i + 1]} if i + 1 < len(chain) else {}))
            for i, a in enumerate(chain)
        ],
    )
    assert problems_of(tmp_path / "content") == ([], [])


# --- pages the site takes for itself, through check ------------------------------------------


@pytest.mark.parametrize(
    ("folder", "record"),
    [
        ("briefs", brief("index")),
        ("briefs", brief("by-year")),
        ("actors", actor("index")),
        ("legal", {"id": "index", "title": "L", "jurisdiction": "X", "year": 2000}),
    ],
)
def test_an_id_that_names_a_site_page_is_refused_at_its_id(tmp_path, folder, record):
    (path,) = write_records(tmp_path / "content", folder, [record])
    errors, _ = problems_of(tmp_path / "content")
    assert errors == [
        f"content/{folder}/{path.name}:{line_of(path, 'id:')}:5: id: '{record['id']}' would take "
        f"the place of the site's own page {folder}/{record['id']}{'/….md' if record['id'] == 'by-year' else '.md'}; "
        "choose another id"
    ]


# --- the property: accepted means it renders ----------------------------------------------

NEAR_RESERVED = [
    "index",
    "by-year",
    "index-2",
    "indexes",
    "by-year-2019",
    "search",
    "timeline",
    "2019",
    "topics",
]


def rarely(odd: st.SearchStrategy, usual: st.SearchStrategy) -> st.SearchStrategy:
    """``odd`` one draw in 25: a corpus has dozens of fields, and many corpora must pass check."""
    return st.integers(0, 24).flatmap(
        lambda n: odd if n == 13 else usual
    )  # not 0: hypothesis favours the ends


ids = rarely(st.sampled_from(NEAR_RESERVED), slugs)
odd_text = st.sampled_from(
    [
        "",
        " ",
        "\n",
        "\u3000",
        "x\x00y",
        "x\x1b[31m",
        "Index",
        "a" * 300,
        "\u202e",
        "<script>",
        "\ufeffBOM",
        "\u0345",
        "ǅ",
        "ﬁ",
    ]
)
any_text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=40)
# Any text led by a letter or digit: never blank, and of any script.
led_text = st.builds(
    str.__add__,
    st.characters(categories=["L", "N"]),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=40),
)
texts = rarely(st.one_of(odd_text, any_text), led_text)
odd_labels = st.sampled_from(
    [
        "Index",
        "index",
        "INDEX",
        "ｉｎｄｅｘ",
        "C++",
        "C#",
        "C",
        "5G networks",
        "5G  Networks",
        "!!!",
        "",
        " ",
        "网" * 83,
        "网" * 84,
        "x" * 250,
        "x" * 251,
        "by-year",
        "Search",
        "\u200b",
        "İ",
        "ß",
        "SS",
        "ǅ",
        "ǆ",
        "topic-0123456789",
    ]
)
plain_labels = st.from_regex(r"\w[\w ]{0,30}", fullmatch=True)
labels = rarely(
    st.text(max_size=60), st.one_of(odd_labels, plain_labels, plain_labels, plain_labels)
)
boundary_dates = st.sampled_from(
    [
        "0000",
        "0999",
        "1000",
        "1000-01-01",
        "9999",
        "9999-12",
        "9999-12-31",
        "2000-02-29",
        "1900-02-29",
        "2019\n",
        " 2019",
        "１９９９",
        "2019-13",
        "2019-00",
        1000,
        9999,
        10000,
        0,
    ]
)
real_dates = st.tuples(
    st.dates(datetime.date(1000, 1, 1), datetime.date(9999, 12, 31)), st.sampled_from([4, 7, 10])
).map(lambda d: d[0].isoformat()[: d[1]])
dates = rarely(boundary_dates, real_dates)


@st.composite
def corpora(draw) -> dict[str, list[dict]]:
    actor_ids = draw(st.lists(ids, min_size=1, max_size=4, unique=True))
    actors = []
    for actor_id in actor_ids:
        record = actor(
            actor_id, name=draw(texts), kind=draw(st.sampled_from(["state", "person", "company"]))
        )
        if draw(st.integers(0, 3)) == 0:
            record["part_of"] = draw(
                st.sampled_from(actor_ids)
            )  # sometimes itself, sometimes a cycle
        if draw(st.booleans()):
            record["aliases"] = draw(st.lists(texts, max_size=2))
        actors.append(record)
    legal = [
        {
            "id": legal_id,
            "title": draw(texts),
            "jurisdiction": "X",
            "year": draw(rarely(st.integers(-1, 99999), st.integers(1000, 9999))),
            "provisions": [{"id": "art-1", "summary": draw(texts)}],
        }
        for legal_id in draw(st.lists(ids, max_size=2, unique=True))
    ]
    briefs = []
    for brief_id in draw(st.lists(ids, min_size=1, max_size=4, unique=True)):
        who = st.sampled_from(actor_ids)
        record = brief(
            brief_id,
            title=draw(texts),
            date=draw(dates),
            topics=draw(st.lists(labels, max_size=3)),
            status=draw(st.sampled_from(["published", "draft"])),
        )
        record["sources"][0]["date"] = draw(dates)
        record["questions"] = [{"id": draw(ids), "text": draw(texts)}]
        record["positions"] = [
            {
                "actor": draw(who),
                "question": record["questions"][0]["id"],
                "stance": "mixed",
                "statements": [
                    {
                        "paraphrase": draw(texts),
                        "attribution": {"kind": "institutional"},
                        "date": draw(dates),
                        "source": "src",
                    }
                ],
            }
        ]
        record["events"] = [
            {"date": draw(dates), "text": draw(texts), "actors": [draw(who)], "source": "src"}
        ]
        record["relations"] = [
            {"from": draw(who), "type": "part-of", "to": draw(who), "source": "src"}
        ]
        if legal:
            record["legal_references"] = [
                {
                    "instrument": legal[0]["id"],
                    "provisions": ["art-1"],
                    "readings": [{"actor": draw(who), "reading": draw(texts), "source": "src"}],
                }
            ]
        briefs.append(record)
    return {"actors": actors, "legal": legal, "briefs": briefs}


RENDERER = Renderer(ROOT / "templates", site_url="https://example.org/site/")


def export(content: Path, out: Path) -> int:
    """What ``briefing export --drafts`` does, in process: every page and file, written to ``out``."""
    corpus, _ = check_content(content)
    index = Index(corpus, include_drafts=True)
    written = 0
    for item in [*RENDERER.render_site(index), *RENDERER.render_files(index)]:
        path = out / item.path
        assert path.resolve().is_relative_to(out.resolve()), item.path
        assert not path.exists(), (
            f"two pages at {item.path}"
        )  # one would silently replace the other
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(item.text.encode() if hasattr(item, "text") else item.content)
        written += 1
    return written


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(corpus=corpora())
def test_whatever_check_accepts_renders_and_whatever_it_refuses_has_a_place(
    tmp_path_factory, corpus
):
    work = tmp_path_factory.mktemp("corpus")
    for folder, records in corpus.items():
        write_records(work / "content", folder, records)
    errors, warnings = problems_of(work / "content")
    for problem in errors + warnings:
        assert LOCATED.match(problem), problem
    event("refused" if errors else "accepted")
    if not errors:
        assert export(work / "content", work / "out") > 0
    shutil.rmtree(work)


# --- real builds of the nastiest accepted content -----------------------------------------

NASTY = {
    "actors": [
        actor("index-2", part_of="by-year"),
        actor("by-year", part_of="search", name="网" * 120),
        actor("search", kind="person", name="ǅ \u202e <b>"),
        actor("timeline"),
    ],
    "legal": [
        {
            "id": "indexes",
            "title": "L" * 500,
            "jurisdiction": "X",
            "year": 1000,
            "provisions": [{"id": "index", "summary": "S"}],
        }
    ],
    "briefs": [
        brief(
            "indexes",
            date="1000-01-01",
            topics=["x" * KEY_MAX_BYTES, "网" * (KEY_MAX_BYTES // 3), "5G networks"],
            events=[{"date": "9999-12-31", "text": "E", "actors": ["index-2"], "source": "src"}],
        ),
        brief(
            "by-year-2019",
            date="9999-12-31",
            topics=["5G  Networks", "ß", "by-year", "Search"],
            legal_references=[{"instrument": "indexes", "provisions": ["index"]}],
        ),
        brief("topics", date="2000-02-29", status="draft", topics=["SS", "topic-0123456789"]),
    ],
}


def build(work: Path, content: dict[str, list[dict]]):
    import subprocess
    import sys

    for folder, records in content.items():
        write_records(work / "content", folder, records)
    config = write_config(work / "content", work)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=work,
    )


def test_the_nastiest_accepted_content_builds_with_mkdocs(tmp_path):
    result = build(tmp_path, NASTY)
    assert result.returncode == 0, result.stderr
    assert problems_of(tmp_path / "content")[0] == []
    site = tmp_path / "site"
    assert (site / "topics" / ("x" * KEY_MAX_BYTES) / "index.html").is_file()
    assert (site / "feeds" / "topics" / ("网" * (KEY_MAX_BYTES // 3) + ".json")).is_file()
    assert (site / "briefs" / "indexes" / "index.html").is_file()
    assert (site / "actors" / "index-2" / "index.html").is_file()


@pytest.mark.parametrize(
    "breakage",
    [
        ("briefs", 0, "topics", ["x" * (KEY_MAX_BYTES + 1)], "too long to name a page"),
        ("briefs", 1, "topics", ["Index"], "topics/index.md"),
        ("actors", 2, "part_of", "index-2", "closes a cycle"),
    ],
)
def test_what_cannot_build_fails_mkdocs_with_the_same_line_and_keeps_the_site(tmp_path, breakage):
    folder, n, field, value, message = breakage
    content = {kind: [dict(record) for record in records] for kind, records in NASTY.items()}
    content[folder][n][field] = value
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("the last good site")
    (
        tmp_path / "site" / SITE_MARKER
    ).touch()  # written by an earlier build: one a build may replace
    result = build(tmp_path, content)
    errors, _ = problems_of(tmp_path / "content")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert len(errors) == 1 and message in errors[0]
    assert errors[0] in result.stderr  # the same file:line:col line as briefing check
    assert (tmp_path / "site" / "index.html").read_text() == "the last good site"
