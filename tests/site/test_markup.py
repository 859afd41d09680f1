import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.site import markup
from generator.site.markup import markdown_escape, render_markdown


def test_markdown_is_rendered():
    assert str(render_markdown("Some **bold** and [a link](https://example.org/x).")) == (
        '<p>Some <strong>bold</strong> and <a href="https://example.org/x" rel="noopener noreferrer">a link</a>.</p>'
    )


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[x](javascript:alert(1))",
        '<a href="javascript:alert(1)">x</a>',
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        '<iframe src="https://evil.example"></iframe>',
        '<p style="background:url(https://evil.example)">x</p>',
    ],
)
def test_hostile_markdown_is_made_inert(hostile):
    html = str(render_markdown(hostile)).lower()
    for marker in ("<script", "onerror", "javascript:", "data:", "<iframe", "<img", "style="):
        assert marker not in html


def test_relative_links_are_dropped_but_mailto_kept():
    assert 'href="' not in str(render_markdown("[x](../../etc/passwd)"))
    assert 'href="mailto:desk@example.org"' in str(render_markdown("<mailto:desk@example.org>"))


def test_markdown_escape_neutralises_markup_in_headings():
    escaped = markdown_escape("[click](javascript:alert(1)) *bold* <b>x</b>\n# not a heading")
    assert "<b>" not in escaped
    assert "\n" not in escaped
    assert r"\[click\]\(javascript:alert\(1\)\)" in escaped


# dropped_links skips converting a text whose links all go to the web or the site's pages;
# whatever the text, it must answer as converting it would.
_LINK_PIECES = [*"[]()<>:/ab \n*_#-!\"'`\\", "http://x", "https://y", "mailto:z", "javascript:q"]
_LINK_PIECES += ["brief:b", "actor:a", "legal:l", "foo:f", "](", "]:", "[x](", "[r]: ", "&"]


def _scheme_allowed(href: str) -> bool:
    try:
        return urlsplit(href).scheme in markup.LINK_SCHEMES
    except ValueError:
        return False


@pytest.mark.parametrize("address", ["http://x[", "https://[::1", "mailto://[y"])
def test_a_malformed_address_is_dropped_and_said(address):
    text = f"[a]({address})"
    assert "href" not in str(markup.render_markdown(text))
    assert markup.dropped_links(text) == [address]


@given(st.lists(st.sampled_from(_LINK_PIECES), max_size=30).map("".join))
def test_dropped_links_answers_as_converting_would(text):
    converted = markup._md.reset().convert(
        markup._PAGE_LINK.sub(
            lambda m: f"{m.group(1)}{markup._SITE}{m.group(2)}/{m.group(3)}", text
        )
    )
    hrefs = ["".join(groups) for groups in markup._HREF.findall(converted)]
    dropped = [href for href in map(markup._unescape_attribute, hrefs) if not _scheme_allowed(href)]
    assert markup.dropped_links(text) == dropped


def test_dropped_links_finds_relative_and_script_links():
    text = "See [the page](../x) and <a href='javascript:alert(1)'>y</a>."
    assert markup.dropped_links(text) == ["../x", "javascript:alert(1)"]


def test_texts_converted_ahead_on_the_workers_are_those_a_page_shows():
    # Converted by forked workers (a fresh process: this one runs threads, and would not fork),
    # then shown with the converter gone: every text comes from what the workers sent back.
    script = (
        "import os; from generator.site import markup\n"
        "texts = [f'Text *{n}*, [a link](https://example.org/{n}) and [brief](brief:b-{n}).' for n in range(600)]\n"
        "expected = [markup._converted(t) for t in texts]; markup._converted.cache_clear()\n"
        "markup.convert_ahead(texts + texts[:50])\n"
        "class Gone:\n"
        "    def reset(self): raise AssertionError('converted again')\n"
        "markup._md = Gone()\n"
        "print([markup._sanitised(t) for t in texts] == expected, markup._converted.cache_info().currsize)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, "BRIEFING_WORKERS": "2"},
        cwd=Path(__file__).resolve().parents[2],
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "0"]  # none converted in this process
