"""Built pages lose the theme's indentation and blank lines, and nothing else (generator/compact.py)."""

from __future__ import annotations

from generator.compact import compact


def test_indentation_and_blank_lines_go_line_breaks_stay():
    assert compact("<ul>\n    <li>a</li>\n\n\n    <li>b</li>\n</ul>\n") == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"


def test_pre_and_textarea_keep_their_whitespace_and_what_follows_them_on_their_line():
    html = "<div>\n  <pre>\n  code\n\n    more</pre>  after\n  <textarea>\n x\n</textarea>\n</div>"
    assert compact(html) == "<div>\n<pre>\n  code\n\n    more</pre>  after\n<textarea>\n x\n</textarea>\n</div>"


def test_built_pages_carry_no_indentation_outside_pre(built_site):
    html = (built_site / "briefs" / "huawei-5g-allies-2019" / "index.html").read_text(encoding="utf-8")
    assert "\n " not in html and "\n\t" not in html and "\n\n" not in html
    assert html.startswith("<!doctype html>") and "</html>" in html
