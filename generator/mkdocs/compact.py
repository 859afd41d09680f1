"""Drop the indentation and blank lines that a theme's templates leave in every page.

Material's templates are indented for their authors; in a built page that is about
a tenth of the bytes, on every page. Only whitespace at the start of a line goes, and
empty lines; line breaks stay (so inline scripts and text read the same), and nothing
inside ``<pre>`` or ``<textarea>``, where whitespace is content, is touched.
"""

from __future__ import annotations

import re

_KEEP = re.compile(r"<(pre|textarea)\b.*?</\1>", re.S | re.I)


def compact(html: str) -> str:
    pieces, start = [], 0
    for kept in _KEEP.finditer(html):
        pieces += [_unindent(html[start : kept.start()], start == 0), kept.group()]
        start = kept.end()
    pieces.append(_unindent(html[start:], start == 0))
    return "".join(pieces)


# A line break with the blank lines and indentation after it: one line break is left.
_BREAK_AND_INDENT = re.compile(r"\n[ \t\n]+")


def _unindent(text: str, at_line_start: bool) -> str:
    if at_line_start:
        text = text.lstrip(" \t\n")
    # else: the text goes on from a kept block, spaces and all, up to its first line break
    return _BREAK_AND_INDENT.sub("\n", text)
