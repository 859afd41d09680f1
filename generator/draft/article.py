"""A plain-text news article, split into what the draft needs: title, sentences, copyright line.

Sentences come from sentencex, a rule-based splitter (compiled, linear in its input) that
knows abbreviations such as "U.S.", "Dr." and "Ltd." and keeps a quotation that spans
sentences inside one sentence. It is given one paragraph at a time, and a long paragraph
in windows of at most ``WINDOW`` characters: the last sentence of a window may be cut
short, so the next window starts again at it; a sentence longer than most of a window is
cut at a space. So no sentence is longer than ``WINDOW``, and whatever the splitter does
with its input, the split stays linear in the article's length.
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import sentencex

WINDOW = 2000  # characters of a paragraph given to the splitter at once

_COPYRIGHT = re.compile(
    r"^[ \t]*(?:©|\(c\)|copyright)\s*(?:©\s*)?(?P<year>\d{4}),?\s+(?P<holder>[^\n]{1,200}?)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z .,'-]*\s+)?\((?P<publisher>[A-Z][\w .&-]{1,40})\)\s*(?:--|—|–|-)\s*"
)
_CORPORATE_SUFFIX = re.compile(
    r"[\s,]+(?:L\.?P\.?|Inc\.?|Ltd\.?|LLC|plc|Co\.?|Corp\.?|S\.?A\.?|GmbH)\s*$", re.IGNORECASE
)
_WHITESPACE = re.compile(r"\s+")
_MONTH_NUMBERS = {
    name.casefold(): number for number, name in enumerate(calendar.month_name) if name
}
_MONTH_NUMBERS |= {
    name.casefold(): number for number, name in enumerate(calendar.month_abbr) if name
}
_MONTH_NUMBERS["sept"] = 9
_MONTH = "|".join(sorted((m.capitalize() for m in _MONTH_NUMBERS), key=len, reverse=True))
# "14 March 2024", "March 14, 2024", "Feb. 8" (a wire dateline's day: the year is the copyright's)
_DATE = re.compile(
    rf"\b(?:(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH})\.?,?\s+(?P<year>\d{{4}})"
    rf"|(?P<month2>{_MONTH})\.?\s+(?P<day2>\d{{1,2}})\b(?:,?\s+(?P<year2>\d{{4}}))?)\b"
)
_DATELINE_END = re.compile(
    r"\s(?:\(|—|–|--?\s)"
)  # "LISBON, Feb 8 (Meridian Wire) -", "Lisbon, 25 April 2024 —"
_DATELINE_TAIL = re.compile(r"\s*(?:\([^)\n]{1,60}\))?\s*(?:—|–|--?)?\s*")  # " (Meridian Wire) - "
_BYLINE = re.compile(
    r"^(?:By|Interview by|Reporting by|Written by)\s+(?P<name>[^,;\n(]+?)\s*(?:[,;(].*)?$",
    re.IGNORECASE,
)
_CREDITS = re.compile(
    r"^\(?(?:(?:Additional )?[Rr]eporting|Writing|Editing|Compiled|Adds|Updates)\b[^\n]*$"
)
_CREDITED_REPORTER = re.compile(r"\b[Rr]eporting by (?P<name>[A-Z][^;.,()\n]+?)\s*[;.,)]")
_HONORIFIC_END = re.compile(
    r"(?<![\w.])(?:Ms|Mx|Amb|Gov't|approx)\.\s*$"
)  # titles the splitter ends sentences at


@dataclass(frozen=True)
class Sentence:
    text: str  # as in the article
    start: int  # offsets in the article's text
    end: int

    @property
    def one_line(self) -> str:
        return _WHITESPACE.sub(" ", self.text).strip()


@dataclass(frozen=True)
class Article:
    text: str
    title: str | None
    sentences: tuple[Sentence, ...]
    year: int | None  # from the copyright line
    rights: str | None  # the copyright line itself
    publisher: str | None  # from the dateline, else the copyright holder
    date: str | None = None  # the dateline's day ("2024-02-08"), else the copyright year
    author: str | None = None  # from the byline ("By Anna Keane") or the credits ("Reporting by …")
    story_start: int = (
        0  # offset after the header and the dateline ("LISBON, Feb 8 (Meridian Wire) -")
    )
    _starts: list[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", [s.start for s in self.sentences])  # sorted: for bisect

    def sentence_index(self, offset: int) -> int:
        """The index of the sentence that holds ``offset`` (or the last one before it)."""
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def sentences_between(self, start: int, end: int) -> list[Sentence]:
        """The sentences overlapping [start, end), found by bisection (sentences do not overlap)."""
        first = max(0, bisect.bisect_right(self._starts, start) - 1)
        last = bisect.bisect_left(self._starts, end)
        return [s for s in self.sentences[first:last] if s.start < end and start < s.end]


def read_article(text: str) -> Article:
    text = text.replace("\r\n", "\n")
    copyright_match = _COPYRIGHT.search(text)
    paragraphs = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text)]
    title = None
    if paragraphs and _looks_like_title(paragraphs[0][1]):
        title = paragraphs[0][1].strip()
        paragraphs = paragraphs[1:]
    header = _header(paragraphs)
    paragraphs = [p for p in paragraphs[len(header) :] if not _CREDITS.match(p[1].strip())]
    year = int(copyright_match["year"]) if copyright_match else None
    sentences = []
    for start, paragraph in paragraphs:
        if copyright_match and start <= copyright_match.start() < start + len(paragraph):
            paragraph = paragraph[: copyright_match.start() - start]
        # Line breaks inside a paragraph are only wrapping; same length, so offsets still hold.
        for begin, end in split_sentences(paragraph.replace("\n", " ")):
            sentences.append(
                Sentence(text[start + begin : start + end], start + begin, start + end)
            )
    return Article(
        text=text,
        title=title,
        sentences=tuple(sentences),
        year=year,
        rights=copyright_match.group().strip() if copyright_match else None,
        publisher=_publisher(sentences, copyright_match),
        date=_dateline_date(header, paragraphs, year),
        author=_author(header, text),
        story_start=_story_start(paragraphs),
    )


def split_sentences(paragraph: str, window: int = WINDOW) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of one paragraph, spaces around it left out."""
    position = 0
    while position < len(paragraph):
        piece = paragraph[position : position + window]
        spans = list(_spans(piece))
        if position + window >= len(paragraph):  # the paragraph's end: every sentence is whole
            whole, advance = spans, len(piece)
        else:
            advance = (
                spans[-1][0] if len(spans) > 1 else 0
            )  # the last sentence may go on past the window
            whole = spans[:-1]
            if advance < window // 4:  # one sentence fills most of the window: cut it at a space
                cut = _cut(piece, advance, window)
                whole, advance = whole + [(advance, cut)], cut
        for start, end in whole:
            start, end = _trimmed(piece, start, end)
            if end > start:
                yield position + start, position + end
        position += advance


def _spans(piece: str) -> Iterator[tuple[int, int]]:
    """Where the splitter's sentences of ``piece`` are (they are its own words, in order)."""
    start = end = 0
    for sentence in sentencex.segment("en", piece):
        found = piece.find(sentence, end)
        if found < 0:  # not expected; the words stay in the sentence before
            continue
        end = found + len(sentence)
        if not _HONORIFIC_END.search(sentence):  # "said Ms. Lindqvist": one sentence
            yield start, end
            start = end
    if end > start:
        yield start, end


def _cut(piece: str, start: int, window: int) -> int:
    """Where to end a sentence too long for a window: the last space past half of it, else the window's end."""
    space = piece.rfind(" ", start + window // 2, window)
    return space if space > start else window


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _header(paragraphs: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The paragraphs before the story: the paper's name, byline, date line, "PRESS RELEASE"…
    Short lines that do not end a sentence; they are no sentences of the story."""
    header = []
    for start, paragraph in paragraphs[:6]:
        lines = [line.strip() for line in paragraph.splitlines()]
        if not all(
            len(line) < 120 and not line.endswith((".", "?", "!", '"', "”", ":")) for line in lines
        ):
            break
        header.append((start, paragraph))
    return header


def _dateline_date(
    header: list[tuple[int, str]], body: list[tuple[int, str]], year: int | None
) -> str | None:
    """The day the article is dated: from a date line of the header, else from the wire dateline
    that opens the story ("LISBON, Feb 8 (Meridian Wire) -"); else the copyright year."""
    places = [line for _, paragraph in header for line in paragraph.splitlines()]
    if body:
        opening = body[0][1][:120]
        end = _DATELINE_END.search(opening)
        places.append(opening[: end.start()] if end else "")
    for place in places:
        if match := _DATE.search(place):
            month = _MONTH_NUMBERS[(match["month"] or match["month2"]).casefold()]
            day, found_year = (
                int(match["day"] or match["day2"]),
                match["year"] or match["year2"] or year,
            )
            if found_year and 1 <= day <= calendar.monthrange(int(found_year), month)[1]:
                return f"{int(found_year):04d}-{month:02d}-{day:02d}"
    return str(year) if year else None


def _story_start(body: list[tuple[int, str]]) -> int:
    if not body:
        return 0
    start, paragraph = body[0]
    end = _DATELINE_END.search(paragraph[:120])
    if not (end and _DATE.search(paragraph[: end.start()])):
        return start
    return start + _DATELINE_TAIL.match(paragraph, end.start()).end()


def _author(header: list[tuple[int, str]], text: str) -> str | None:
    for _, paragraph in header:
        for line in paragraph.splitlines():
            if match := _BYLINE.match(line.strip()):
                return match["name"].strip()
    credits = list(
        _CREDITED_REPORTER.finditer(text[-2000:])
    )  # "(Reporting by Anna Keane; Editing by …)"
    return credits[-1]["name"].strip() if credits else None


def _looks_like_title(paragraph: str) -> bool:
    return (
        "\n" not in paragraph.strip()
        and len(paragraph) < 200
        and not paragraph.rstrip().endswith(".")
    )


def _publisher(sentences: list[Sentence], copyright_match: re.Match | None) -> str | None:
    dateline = _DATELINE.match(sentences[0].text) if sentences else None
    if dateline:
        return dateline["publisher"].strip()
    if copyright_match:
        return _CORPORATE_SUFFIX.sub("", copyright_match["holder"]).rstrip(". ") or None
    return None
