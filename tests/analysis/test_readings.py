"""Competing readings of the law (generator/analysis/readings.py): per instrument and provision."""

from __future__ import annotations

import re
from types import SimpleNamespace

import markupsafe
from hypothesis import given
from hypothesis import strategies as st

from generator.analysis import views as views_module
from generator.analysis.readings import Answer, reading_sides
from helpers.corpora import (
    rendered,
    seed_pages,
    seed_views,
    synthetic_content,
    synthetic_views,
)
from helpers.story_corpus import story_pages, story_views

LAW = "china-national-intelligence-law-2017"


def test_seed_readings_of_the_duty_to_assist_side_by_side():
    views = seed_views()
    groups = views.readings(views.index.legal[LAW])
    assert [g.provision.id for g in groups] == ["duty-to-assist"]
    readers = [r.reading.actor for r in groups[0].readings]
    # By date, a date known only to its year first (the three "2019" readings, by name),
    # then the EU digital chief's of January 2019.
    assert readers == [
        "chinese-mission-to-the-eu",
        "huawei",
        "us-state-department",
        "eu-digital-chief",
    ]


def _rows(page: str) -> list[str]:
    return re.findall(r"<tr><th scope=\"row\">.*?</tr>", page, re.DOTALL)


def test_seed_readings_page_shows_each_reading_with_source_and_date():
    page = seed_pages()["readings/index.md"]
    assert "## National Intelligence Law (China, 2017)" in page
    assert "### Duty to support, assist and keep secret" in page
    rows = _rows(page)
    # Four readings worded four ways, three sides: Huawei and the Chinese mission both answer
    # "no" to the brief's question that names the law ("Does China's National Intelligence Law
    # compel…?"), the State Department "yes"; the EU digital chief does not answer it.
    assert len(rows) == 3
    both = next(r for r in rows if "Huawei Technologies Co.</a>," in r)
    assert "Chinese Mission to the EU</a>," in both and "2 actors" in both
    assert '”: <span class="stance stance--opposes">opposes</span>' in both
    assert "In its words: Opposes such interpretations" in both  # the other reader's own words
    expected = {
        "U.S. State Department": "no recourse to resist requests",
        "Huawei Technologies Co.": "legal opinion Huawei commissioned",
        "Chinese Mission to the EU": "mandatory back doors",
        "EU digital chief": "increased the risk of dealing with Huawei",
    }
    for actor, words in expected.items():
        row = next(r for r in rows if f">{actor}</a>," in r)
        assert words in row and "Bloomberg</a>" in row and "<time datetime=" in row
    assert '<time datetime="2019-01">January 2019</time>' in next(
        r for r in rows if "EU digital chief" in r
    )


def test_legal_page_groups_readings_by_provision():
    page = seed_pages()[f"legal/{LAW}.md"]
    section = page[page.index("## Readings side by side") : page.index("## Cited in")]
    assert "### Duty to support, assist and keep secret" in section
    assert len(_rows(section)) == 3


def test_synthetic_readings_sit_under_each_provision_cited():
    views = synthetic_views()
    for instrument in views.contested_instruments:
        groups = views.readings(instrument)
        expected = sorted(
            (ref.brief.id, ref.reading.actor, provision)
            for ref in views.index.readings_by_instrument[instrument.id]
            for provision in ref.reference.provisions or [None]
        )
        found = sorted(
            (ref.brief.id, ref.reading.actor, g.provision.id if g.provision else None)
            for g in groups
            for ref in g.readings
        )
        assert found == expected
        for group in groups:
            assert [r.date for r in group.readings] == sorted(r.date for r in group.readings)


def test_story_readings_page_lists_the_latest_three_readers_of_each_side():
    page = story_pages()["readings/index.md"]
    views = story_views()
    sides = [(i, side) for i in views.readings_shown for g in views.readings(i) for side in g.sides]
    assert any(len(side.readers) > 3 for _, side in sides)
    readers = re.findall(r'<ul class="readers">(.*?)</ul>', page, re.DOTALL)
    assert [r.count("<li>") for r in readers] == [min(3, len(side.readers)) for _, side in sides]
    for _, side in sides:
        assert str(markupsafe.escape(side.text)) in page  # every side shows, however few read it so
        if len(side.readers) > 3:
            assert f"The latest 3 of {len(side.readers)};" in page


def test_the_readings_page_shows_the_most_read_instruments(monkeypatch):
    monkeypatch.setattr(views_module, "READINGS_INSTRUMENTS", 2)
    views = synthetic_views()
    index = views.index
    read = views.contested_instruments
    assert len(read) > 2
    shown = views.readings_shown
    count = {i.id: len(index.readings_by_instrument[i.id]) for i in read}
    assert len(shown) == 2 and min(count[i.id] for i in shown) >= max(
        count[i.id] for i in read if i not in shown
    )
    page = rendered(synthetic_content())["readings/index.md"]
    assert f"the 2 instruments read most often, of {len(read)}" in page
    assert [line for line in page.splitlines() if line.startswith("## ")] == [
        f"## {i.display_title} ({i.jurisdiction}, {i.year})" for i in shown
    ] + ["## Other instruments read"]
    # the others, the most read first, each linked to its page (where all its readings are)
    others = page[page.index("## Other instruments read") :]
    also = views.readings_also
    assert len(also) == min(len(read) - 2, views_module.READINGS_ALSO)
    assert [count[i.id] for i in also] == sorted((count[i.id] for i in also), reverse=True)
    links = [others.index(f'href="../legal/{i.id}/"') for i in also]
    assert links == sorted(links)


def reading(actor: str, date: str, text: str = "It lets the government act.", brief: str = "b"):
    """A stand-in for a ReadingRef: what sides and readers look at."""
    return SimpleNamespace(
        date=date,
        brief=SimpleNamespace(id=brief),
        reading=SimpleNamespace(actor=actor, reading=text),
    )


def test_alike_readings_make_one_side_and_opposite_ones_another():
    no_power = "It gives the government no power to close fishing grounds by decree."
    refs = [
        reading("a", "2020", no_power),
        reading("b", "2021", "It plainly lets the government close fishing grounds by decree."),
        reading("c", "2022", no_power.removesuffix(".")),
        reading("d", "2023", no_power.replace("government", "Government").replace("g g", "g-g")),
    ]
    sides = reading_sides(refs)
    assert [[r.reading.actor for r in s.refs] for s in sides] == [["a", "c", "d"], ["b"]]
    assert sides[0].text == refs[3].reading.reading  # in its latest words


DATES = ["2019", "2019-05", "2019-05-02", "2019-12-31", "2020", "2018-07"]


@given(
    st.lists(st.tuples(st.sampled_from("abcdef"), st.sampled_from(DATES)), min_size=1, max_size=12)
)
def test_readers_are_latest_first_and_a_partial_date_never_outranks_a_precise_one(readings):
    refs = sorted((reading(actor, date) for actor, date in readings), key=lambda r: r.date)
    side = reading_sides(refs)[0]
    assert sorted(r.reading.actor for r in side.readers) == sorted({actor for actor, _ in readings})
    dates = [r.date for r in side.readers]
    for i, first in enumerate(dates):
        for later in dates[i + 1 :]:
            if later.startswith(first) and later != first:
                raise AssertionError(f"{first} came before {later}, a day inside it")
            if not first.startswith(later):
                assert first > later  # otherwise by date, the latest first


LAW_QUESTION = "does the fisheries act let the government close fishing grounds"
SIDE_READINGS = [
    # (reading, how its words may be put otherwise and stay the same reading)
    "It plainly lets the government close fishing grounds by decree.",
    "The Marine Fisheries Act gives the ministry a power to close fishing grounds at once.",
    "Section 4 was written to let ministers shut fishing grounds in an emergency.",
]
# Words that turn a reading into its opposite, or into a narrower one.
TURNS = [
    ("lets", "never lets"),
    ("gives", "gives no"),
    ("was written", "was not written"),
    (" at once", " only after a hearing"),
    (" by decree", " without a vote of parliament"),
    ("It", "Nothing in it"),
]
FILLERS = ["clearly", "in its view", "indeed", "as written", "today"]


@st.composite
def paraphrase(draw, text: str) -> str:
    """The same reading in other words: other case and punctuation, an adverb or two added."""
    words = text.split()
    for filler in draw(st.lists(st.sampled_from(FILLERS), max_size=2)):
        words.insert(draw(st.integers(1, len(words))), filler)
    text = " ".join(words)
    if draw(st.booleans()):
        text = text.upper() if draw(st.booleans()) else text.replace(".", "").replace(" ", "  ")
    return text


@given(st.data())
def test_a_side_worded_otherwise_stays_one_row_and_its_opposite_another(data):
    text = data.draw(st.sampled_from(SIDE_READINGS))
    old, new = data.draw(st.sampled_from([t for t in TURNS if t[0] in text]))
    opposite = text.replace(old, new, 1)
    refs = [reading("a", "2020", text)]
    refs += [reading(f"p{i}", "2021", data.draw(paraphrase(text))) for i in range(3)]
    refs.append(reading("z", "2022", data.draw(paraphrase(opposite))))
    sides = reading_sides(refs)
    assert [sorted(r.reading.actor for r in s.refs) for s in sides] == [
        ["a", "p0", "p1", "p2"],
        ["z"],
    ]


@given(
    st.lists(
        st.tuples(st.sampled_from(SIDE_READINGS), st.sampled_from(["supports", "opposes"])),
        min_size=1,
        max_size=10,
    )
)
def test_readers_who_answer_the_law_s_question_alike_are_one_side_however_they_word_it(given_):
    # However alike or unlike the words, the answer to the question naming the law decides.
    refs = [reading(f"a{i}", "2020", text) for i, (text, _) in enumerate(given_)]
    answers = [Answer(LAW_QUESTION, LAW_QUESTION, stance) for _, stance in given_]
    sides = reading_sides(refs, answers)
    by_stance = {
        stance: sorted(f"a{i}" for i, (_, s) in enumerate(given_) if s == stance)
        for _, stance in given_
    }
    assert sorted(sorted(r.reading.actor for r in s.refs) for s in sides) == sorted(
        by_stance.values()
    )
    assert all(s.answer and s.answer.stance in by_stance for s in sides)


def test_a_reading_without_an_answer_joins_the_side_alike_in_words():
    supports = Answer(LAW_QUESTION, LAW_QUESTION, "supports")
    opposes = Answer(LAW_QUESTION, LAW_QUESTION, "opposes")
    lets, bars = SIDE_READINGS[0], "It gives the government no power to close fishing grounds."
    refs = [
        reading("a", "2020", lets),
        reading("b", "2020", bars),
        reading("c", "2021", "Plainly, it lets the government close fishing grounds by decree"),
        reading("d", "2021", lets),  # same words as a's, but d answers the question otherwise
        reading("e", "2022", "It gives the government no power at all to close fishing grounds."),
    ]
    sides = reading_sides(refs, [supports, opposes, None, opposes, None])
    assert [sorted(r.reading.actor for r in s.refs) for s in sides] == [
        ["b", "d", "e"],
        ["a", "c"],
    ]
    assert sides[0].worded_otherwise(refs[3]) and sides[1].worded_otherwise(refs[0])
    assert not sides[1].worded_otherwise(refs[2])  # the side in its latest words: c's


def test_a_reading_whose_subject_holds_a_negation_still_stands_apart_from_its_opposite():
    power = "exclude a vendor without publishing the evidence"  # "without": not a reading's turn
    refs = [
        reading("a", "2020", f"It gives the government no power to {power}."),
        reading("b", "2021", f"It plainly lets the government {power}."),
        reading("c", "2022", f"Nothing in it lets the government {power}."),
        reading("d", "2023", f"It clearly lets the government {power}."),
    ]
    sides = reading_sides(refs)
    assert sorted(sorted(r.reading.actor for r in s.refs) for s in sides) == [
        ["a", "c"],
        ["b", "d"],
    ]
