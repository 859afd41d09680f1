"""Built pages lose the theme's indentation and blank lines, and nothing else (generator/mkdocs/compact.py)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.mkdocs.compact import compact


def test_indentation_and_blank_lines_go_line_breaks_stay():
    assert (
        compact("<ul>\n    <li>a</li>\n\n\n    <li>b</li>\n</ul>\n")
        == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"
    )


def test_pre_and_textarea_keep_their_whitespace_and_what_follows_them_on_their_line():
    html = "<div>\n  <pre>\n  code\n\n    more</pre>  after\n  <textarea>\n x\n</textarea>\n</div>"
    assert (
        compact(html)
        == "<div>\n<pre>\n  code\n\n    more</pre>  after\n<textarea>\n x\n</textarea>\n</div>"
    )


def test_built_pages_carry_no_indentation_outside_pre(built_site):
    html = (built_site / "briefs" / "huawei-5g-allies-2019" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "\n " not in html and "\n\t" not in html and "\n\n" not in html
    assert html.startswith("<!doctype html>") and "</html>" in html


def _line_by_line(text: str, at_line_start: bool = True) -> str:
    """What compact does outside <pre> and <textarea>, said line by line: each line loses
    its leading spaces and tabs, lines left empty go, the last line stays (even empty)."""
    lines = text.split("\n")
    head = [] if at_line_start else [lines.pop(0)]
    if not lines:
        return head[0]
    *middle, last = (line.lstrip(" \t") for line in lines)
    return "\n".join([*head, *(line for line in middle if line), last])


@given(st.text(alphabet=" \t\n\u00a0ab<>/", max_size=60))
def test_compact_is_the_line_by_line_rule(text):
    assert compact(text) == _line_by_line(text)


@given(st.text(alphabet=" \t\nab", max_size=30), st.text(alphabet=" \t\nab", max_size=30))
def test_after_a_kept_block_its_line_goes_on_untouched(before, after):
    html = f"{before}<pre> x\n  y</pre>{after}"
    assert compact(html) == _line_by_line(before) + "<pre> x\n  y</pre>" + _line_by_line(
        after, at_line_start=False
    )
