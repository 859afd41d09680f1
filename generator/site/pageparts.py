"""Split a generated page into its Markdown headings and the HTML blocks between them.

Generated pages are Markdown only in their headings; their bodies are HTML blocks
that Markdown passes through untouched, yet a Markdown engine still parses every
tag of them (Python-Markdown twice over, under MkDocs). Given the parts, a builder
converts only the headings, which keeps the real engine in charge of titles, ids
and the table of contents, and puts the blocks back in between as they are.

:func:`split` accepts a page only when the result is certain to match a full
conversion: each block made of whole, balanced block-level elements, and each
heading a line of its own between blank lines. Anything else gives ``None``, and
the page goes through the Markdown engine whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_HEADING = re.compile(r"^#{1,6} \S.*$", re.MULTILINE)
# A tag: closing slash, name, the rest (ends with "/" if self-closing). The greedy [^>]*
# finds the tag's end in one step, where a lazy match would try to end it at every character.
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\b([^>]*)>")
_ID = re.compile(r"""\sid="([^"]+)\"""")
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
# Python-Markdown's block-level elements: a block starting with another tag becomes a paragraph.
BLOCK_LEVEL = {
    "address", "article", "aside", "blockquote", "canvas", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "header", "hgroup", "hr", "li", "main",
    "nav", "ol", "p", "pre", "script", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip


@dataclass(frozen=True)
class PageParts:
    """Where a page's headings and blocks are. The blocks are read from the page's own
    text when needed, so splitting a page does not keep a second copy of it."""

    text: str = field(repr=False)
    headings: tuple[str, ...]  # Markdown heading lines, in page order
    spans: tuple[tuple[int, int], ...]  # the HTML before the first heading, then after each

    @property
    def headings_markdown(self) -> str:
        return "\n\n".join(self.headings) + "\n"

    def blocks(self) -> list[str]:
        return [self.text[start:end].strip() for start, end in self.spans]

    def anchor_ids(self) -> set[str]:
        """Every ``id`` in the blocks: the anchors other pages may link to."""
        return {match for block in self.blocks() for match in _ID.findall(block)}

    def join(self, headings_html: str) -> str | None:
        """The page's HTML, from the headings as the engine converted them (one per line)."""
        converted = [line for line in headings_html.splitlines() if line.strip()]
        if len(converted) != len(self.headings):
            return None
        blocks = self.blocks()
        pieces = [blocks[0]]
        for heading, block in zip(converted, blocks[1:]):
            pieces += [heading, block]
        return "\n".join(piece for piece in pieces if piece)


def split(markdown: str) -> PageParts | None:
    """The page's parts, or ``None`` if anything in it is not a heading or an HTML block."""
    headings: list[str] = []
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _HEADING.finditer(markdown):
        if _blank_before(markdown, match.start()) and _blank_after(markdown, match.end()):
            spans.append((start, match.start()))
            headings.append(match.group())
            start = match.end()
    spans.append((start, len(markdown)))
    parts = PageParts(markdown, tuple(headings), tuple(spans))
    if not headings or not all(_is_html_blocks(block) for block in parts.blocks()):
        return None
    return parts


def _blank_before(text: str, line_start: int) -> bool:
    """Is the line before the one starting at ``line_start`` blank (or is there none)?"""
    if line_start == 0:
        return True
    return not text[text.rfind("\n", 0, line_start - 1) + 1 : line_start - 1].strip()


def _blank_after(text: str, line_end: int) -> bool:
    """Is the line after the one ending at ``line_end`` blank (or is there none)?"""
    following = text.find("\n", line_end + 1)
    return not text[line_end + 1 : following if following >= 0 else len(text)].strip()


def _is_html_blocks(block: str) -> bool:
    """True if ``block`` is a sequence of whole, balanced block-level elements, with no loose text.

    Markdown only takes a tag at the start of a line as the start of an HTML block.
    """
    open_tags: list[str] = []
    top_level_end = 0  # where the last top-level element ended
    for match in _TAG.finditer(block):
        closing, name, rest = match.groups()
        if not open_tags:  # this tag starts a top-level element
            start = match.start()
            if closing or name.lower() not in BLOCK_LEVEL or not _at_line_start(block, start):
                return False
            if block[top_level_end:start].strip():
                return False  # loose text between elements would become a paragraph
        if closing:
            if not open_tags or open_tags.pop() != name:
                return False
        elif name.lower() not in _VOID and not rest.endswith("/"):
            open_tags.append(name)
        if not open_tags:
            top_level_end = match.end()
    return not open_tags and not block[top_level_end:].strip()


def _at_line_start(text: str, index: int) -> bool:
    return index == 0 or text[index - 1] == "\n"
