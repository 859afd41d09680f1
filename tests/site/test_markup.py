import pytest

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
