"""One message formatter: whatever a value holds, a problem prints as one visible line."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from generator.content.problems import MESSAGE_LIMIT, Problem, one_line


@given(st.text())
def test_any_text_becomes_one_printable_line(text):
    shown = one_line(text)
    assert all(c.isprintable() or unicodedata.category(c) == "Zs" for c in shown)
    assert "\n" not in shown and "\r" not in shown
    assert len(shown) <= MESSAGE_LIMIT


@given(st.text(alphabet=st.characters(categories=["L", "N", "P", "Zs"])))
def test_ordinary_text_is_left_as_written(text):
    assert one_line(text, limit=10**6) == text


def test_control_characters_are_shown_escaped_not_sent():
    assert one_line("a\nb\x00c\x1b[2J\u2028\u202e") == "a\\nb\\x00c\\x1b[2J\\u2028\\u202e"


def test_a_problem_quoting_a_multiline_value_stays_on_its_line():
    problem = Problem("content/a.yaml", 3, 7, "unknown field 'x\ny'")
    assert str(problem) == "content/a.yaml:3:7: unknown field 'x\\ny'"


def test_a_very_long_message_is_cut_visibly():
    shown = str(Problem("a.yaml", 1, 1, "x" * 5000))
    assert len(shown) == MESSAGE_LIMIT and shown.endswith("…")
