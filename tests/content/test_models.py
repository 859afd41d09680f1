"""The schema refuses, field by field, what no page, file name or feed can hold."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from pydantic import ValidationError

from generator.content.models import Actor, Brief, LegalInstrument
from generator.site.urls import reserved_key_problem, reserved_keys

slugs = st.from_regex(r"[a-z0-9]{1,10}(-[a-z0-9]{1,10}){0,3}", fullmatch=True)
# Space Python's str.strip() removes: ASCII, no-break, ideographic, line and paragraph separators…
blank = st.text(
    st.sampled_from(" \t\n\r\x0b\x0c\x1c\x85\u00a0\u1680\u2000\u2009\u2028\u2029\u202f\u3000"),
    min_size=1,
    max_size=6,
)
# What XML 1.0 cannot carry: C0 controls but tab and line breaks, and U+FFFE/U+FFFF.
unwritable = st.sampled_from(
    [chr(c) for c in range(32) if chr(c) not in "\t\n\r"] + ["\ufffe", "\uffff"]
)
words = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=20
)


def brief(**fields: object) -> dict:
    return {
        "id": "story",
        "title": "Title",
        "date": "2020",
        "summary": "Summary.",
        "sources": [{"id": "src", "publisher": "P", "title": "T"}],
        **fields,
    }


def actor(**fields: object) -> dict:
    return {"id": "someone", "name": "Someone", "kind": "person", **fields}


def legal(**fields: object) -> dict:
    return {"id": "a-law", "title": "A law", "jurisdiction": "X", "year": 2017, **fields}


MODELS = {"brief": (Brief, brief), "actor": (Actor, actor), "legal": (LegalInstrument, legal)}

# A text field of each model, as (model, path to it, record with the text there).
TEXT_FIELDS = [
    ("brief", ("title",), lambda t: brief(title=t)),
    ("brief", ("summary",), lambda t: brief(summary=t)),
    ("brief", ("topics", 0), lambda t: brief(topics=[t])),
    ("brief", ("watch_next", 0), lambda t: brief(watch_next=[t])),
    (
        "brief",
        ("sources", 0, "publisher"),
        lambda t: brief(sources=[{"id": "src", "publisher": t, "title": "T"}]),
    ),
    (
        "brief",
        ("sources", 0, "url"),
        lambda t: brief(
            sources=[{"id": "s", "publisher": "P", "title": "T", "url": "https://example.org/" + t}]
        ),
    ),
    (
        "brief",
        ("sources", 0, "text_file"),
        lambda t: brief(
            sources=[{"id": "s", "publisher": "P", "title": "T", "text_file": "sources/" + t}]
        ),
    ),
    ("actor", ("name",), lambda t: actor(name=t)),
    ("actor", ("aliases", 0), lambda t: actor(aliases=[t])),
    ("actor", ("external_ids", "wikidata"), lambda t: actor(external_ids={"wikidata": t})),
    ("legal", ("title",), lambda t: legal(title=t)),
    (
        "legal",
        ("provisions", 0, "summary"),
        lambda t: legal(provisions=[{"id": "p", "summary": t}]),
    ),
]
FIELD = st.sampled_from(TEXT_FIELDS)


def refusal(kind: str, record: dict) -> dict:
    with pytest.raises(ValidationError) as caught:
        MODELS[kind][0].model_validate(record)
    (error,) = caught.value.errors()
    return error


@given(st.sampled_from([f for f in TEXT_FIELDS if f[1][-1] not in ("url", "text_file")]), blank)
def test_blank_text_is_refused_in_every_text_field(field, text):
    kind, loc, make = field
    error = refusal(kind, make(text))
    assert tuple(error["loc"]) == loc and "blank" in error["msg"]


@given(FIELD, words, unwritable, words)
def test_characters_no_feed_can_carry_are_refused_in_every_text_field(field, before, bad, after):
    kind, loc, make = field
    error = refusal(kind, make(before + bad + after))
    assert tuple(error["loc"]) == loc and f"U+{ord(bad):04X}" in error["msg"]


@given(FIELD, words)
def test_text_with_letters_in_it_is_accepted(field, text):
    kind, _, make = field
    assume(any(c.isalnum() for c in text) and len(text.encode()) < 200)
    MODELS[kind][0].model_validate(make(text.replace("/", "-").replace("\\", "-")))


@pytest.mark.parametrize("kind", MODELS)
def test_an_id_the_site_takes_for_its_own_page_is_refused(kind):
    model, make = MODELS[kind]
    assert reserved_keys(kind)
    for key in reserved_keys(kind):
        error = refusal(kind, make(id=key))
        assert error["loc"] == ("id",) and "site's own page" in error["msg"]


@given(st.sampled_from(list(MODELS)), slugs)
def test_any_other_safe_id_is_accepted(kind, slug):
    model, make = MODELS[kind]
    assume(reserved_key_problem(kind, slug) is None)
    assert model.model_validate(make(id=slug)).id == slug


@given(st.sampled_from(["actor", "legal"]), st.integers(min_value=0, max_value=999))
def test_a_number_is_refused_as_an_actor_or_law_id(kind, number):
    error = refusal(kind, MODELS[kind][1](id=str(number)))
    assert error["loc"] == ("id",) and "site's own page" in error["msg"]


@given(slugs, st.sampled_from(["\n", " ", "\t", "\r\n", "\u2028", "-", "--x"]), st.booleans())
def test_an_id_must_be_a_slug_whole_not_only_at_its_start(slug, extra, before):
    value = extra + slug if before else slug + extra
    error = refusal("brief", brief(questions=[{"id": value, "text": "Q?"}]))
    assert error["loc"] == ("questions", 0, "id") and "not a safe id" in error["msg"]
    if extra.strip() == "":
        assert f"did you mean '{slug}'" in error["msg"]


@given(slugs, st.characters(categories=["Nd"]).filter(lambda c: not c.isascii()))
def test_an_id_with_digits_of_another_script_is_refused(slug, digit):
    error = refusal("actor", actor(id=slug + digit))
    assert "not a safe id" in error["msg"]


@given(st.integers(min_value=-10, max_value=20000).filter(lambda y: not 1000 <= y <= 9999))
def test_every_year_field_has_the_same_range(year):
    for record, loc in (
        (brief(date=year), ("date",)),
        (brief(date=f"{year:04d}-01"), ("date",)),
        (brief(events=[{"date": year, "text": "E", "source": "src"}]), ("events", 0, "date")),
    ):
        assert tuple(refusal("brief", record)["loc"]) == loc
    assert refusal("legal", legal(year=year))["loc"] == ("year",)
