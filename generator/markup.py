"""Text filters for templates: sanitised Markdown, escaping for Markdown headings, dates.

Each returns ``Markup`` only for text it has made safe itself; everything else is
left to Jinja's autoescaping.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import urlsplit

import markdown as markdown_lib
import nh3
from markupsafe import Markup, escape

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "h3", "h4", "h5", "h6", "hr", "i",
    "li", "ol", "p", "pre", "q", "s", "strong", "sub", "sup", "table", "tbody", "td", "th",
    "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"align"}, "th": {"align"}}
LINK_SCHEMES = {"http", "https", "mailto"}

_md = markdown_lib.Markdown(extensions=["tables", "sane_lists"], output_format="html")

# What XML 1.0 cannot carry: C0 controls but tab and line breaks, lone surrogates, U+FFFE and
# U+FFFF. Content files cannot hold them (models.py), but a character reference can: HTML
# parsing turns "&#1;" into U+0001 and "&#xFFFE;" into U+FFFE, and one such character makes a
# feed ill-formed.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_chars(text: str) -> str:
    """``text`` with each character XML 1.0 forbids replaced by U+FFFD (replacement character)."""
    return _NOT_XML.sub("\ufffd", text)


def _only_web_links(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "href" and urlsplit(value).scheme not in LINK_SCHEMES:
        return None  # relative, javascript:, data: … are all dropped
    return value


@functools.lru_cache(maxsize=4096)  # a summary shows on its page, in its description, in feeds
def render_markdown(text: str) -> Markup:
    """Markdown → HTML, sanitised: safe tags only, links only to http(s) and mailto."""
    html = _md.reset().convert(text)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=LINK_SCHEMES,
        attribute_filter=_only_web_links,
        link_rel="noopener noreferrer",
    )
    return Markup(xml_chars(clean))  # the sanitiser decodes character references


# Characters that start Markdown syntax on a heading line and that Python-Markdown
# unescapes after a backslash (others would show their backslash). < > & are
# handled by HTML escaping.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#])")


def markdown_escape(text: str) -> Markup:
    """Plain text made literal for a Markdown line (a heading): no markup, no links, one line."""
    one_line = " ".join(str(text).split())
    return Markup(escape(_MARKDOWN_SPECIAL.sub(r"\\\1", one_line)))
