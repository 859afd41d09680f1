"""Text filters for templates: sanitised Markdown, escaping for Markdown headings, dates.

Each returns ``Markup`` only for text it has made safe itself; everything else is
left to Jinja's autoescaping.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

import markdown as markdown_lib
import nh3
from markupsafe import Markup, escape

from generator.runtime.parallel import ordered_map

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


def is_web_link(address: str) -> bool:
    """An http(s) or mailto address: the only links content may make (a malformed one is not)."""
    try:
        return urlsplit(address).scheme in LINK_SCHEMES
    except ValueError:  # "http://x[": an unclosed IPv6 host
        return False


def _only_web_links(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "href" and not is_web_link(value):
        return None  # relative, javascript:, data: … are all dropped
    return value


# Issue 19: links to the site's own pages, written [text](brief:ID), (actor:ID) or (legal:ID).
# They become an address no one else uses, which the sanitiser keeps as a web link, and then
# the page's own relative link (or, where no page is known, plain text).
PAGE_LINK_KINDS = ("brief", "actor", "legal")
_PAGE_LINK = re.compile(r"(\]\(\s*|^\s{0,3}\[[^\]]+\]:\s*)(brief|actor|legal):([^\s)]*)", re.M)
_SITE = "https://briefing.invalid/"
_SITE_LINK = re.compile(
    r'<a href="https://briefing\.invalid/(brief|actor|legal)/([^"]*)"[^>]*>(.*?)</a>', re.S
)
_HREF = re.compile(r"""<a\s[^>]*?href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


def page_links(text: str) -> list[tuple[str, str]]:
    """(kind, id) of each link to a page of the site in a Markdown text, in order."""
    return [(match.group(2), match.group(3)) for match in _PAGE_LINK.finditer(text)]


def dropped_links(text: str) -> list[str]:
    """The addresses of the links in a Markdown text that the sanitiser would drop (a relative
    link, javascript:, a page link of an unknown kind…), in order."""
    if not _may_drop_links(text):
        return []
    html = _md.reset().convert(
        _PAGE_LINK.sub(lambda m: f"{m.group(1)}{_SITE}{m.group(2)}/{m.group(3)}", text)
    )
    return [
        href
        for href in (_unescape_attribute("".join(groups)) for groups in _HREF.findall(html))
        if not is_web_link(href)
    ]


# Every destination a link can take from Markdown without "<": after "](" (inline) or "]:"
# (a reference's definition). Looser than Markdown's own rules, so it finds every real one.
_DESTINATION = re.compile(r"\]\(\s*([^\s)]*)|\]:\s*(\S*)")


def _may_drop_links(text: str) -> bool:
    """False when no link in ``text`` can be dropped, told without converting it: converting is
    what checking a large corpus spends its time on, and most links are web or page links."""
    if "<" in text:  # autolinks and raw HTML: let Markdown say
        return True
    destinations = ("".join(groups) for groups in _DESTINATION.findall(text))
    return any(not _kept_destination(destination) for destination in destinations)


def _kept_destination(destination: str) -> bool:
    kind, colon, _ = destination.partition(":")
    return bool(colon) and (kind in PAGE_LINK_KINDS or is_web_link(destination))


def _unescape_attribute(value: str) -> str:
    return (
        value.replace("&amp;", "&").replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">")
    )


def render_markdown(text: str, link: Callable[[str, str], str] | None = None) -> Markup:
    """Markdown → HTML, sanitised: safe tags only, links only to http(s) and mailto, and to the
    site's pages through ``link(kind, id)`` (without it, such links are left as their text)."""
    html = _sanitised(text)
    if "briefing.invalid" not in html:
        return html
    if link is None:
        return Markup(_SITE_LINK.sub(lambda m: m.group(3), html))
    return Markup(
        _SITE_LINK.sub(
            lambda m: f'<a href="{escape(link(m.group(1), m.group(2)))}">{m.group(3)}</a>', html
        )
    )


def convert_ahead(texts: Iterable[str]) -> None:
    """Convert these Markdown texts now, on every core, for :func:`render_markdown` to find
    done: worker processes forked afterwards inherit them instead of each converting again
    those it meets (a summary shows on its page, in its description and in several feeds).
    They replace the texts converted ahead the last time (a preview server's last build)."""
    unique = list(dict.fromkeys(texts))
    converted = ordered_map(_convert, unique)
    _ahead.clear()
    _ahead.update(zip(unique, converted))


_ahead: dict[str, Markup] = {}  # text → its HTML, for the pages being rendered


def _convert(_: None, text: str) -> Markup:
    return _sanitised(text)


def _sanitised(text: str) -> Markup:
    converted = _ahead.get(text)
    return converted if converted is not None else _converted(text)


# A summary shows on its page, in lists, in its description and in feeds: a cache smaller than
# the corpus's summaries would convert them again and again on a large site.
@functools.lru_cache(maxsize=1 << 16)
def _converted(text: str) -> Markup:
    text = _PAGE_LINK.sub(lambda m: f"{m.group(1)}{_SITE}{m.group(2)}/{m.group(3)}", text)
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
