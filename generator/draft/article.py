"""A plain-text news article, split into what the draft needs: title, sentences, copyright line.

Sentences come from pysbd, a rule-based splitter that knows abbreviations such as
"U.S." and "Co." and keeps a quotation that spans sentences inside one sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pysbd

_COPYRIGHT = re.compile(r"^[ \t]*(?:©|\(c\)|copyright)\s*(?:©\s*)?(?P<year>\d{4}),?\s+(?P<holder>[^\n]+?)\s*$",
                        re.IGNORECASE | re.MULTILINE)
_DATELINE = re.compile(r"^(?:[A-Z][A-Z .,'-]*\s+)?\((?P<publisher>[A-Z][\w .&-]{1,40})\)\s*(?:--|—|–|-)\s*")
_CORPORATE_SUFFIX = re.compile(r"[\s,]+(?:L\.?P\.?|Inc\.?|Ltd\.?|LLC|plc|Co\.?|Corp\.?|S\.?A\.?|GmbH)\s*$", re.IGNORECASE)
_WHITESPACE = re.compile(r"\s+")


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

    def sentence_at(self, offset: int) -> Sentence | None:
        return next((s for s in self.sentences if s.start <= offset < s.end), None)

    def sentences_between(self, start: int, end: int) -> list[Sentence]:
        return [s for s in self.sentences if s.start < end and start < s.end]


@cache
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def read_article(text: str) -> Article:
    text = text.replace("\r\n", "\n")
    copyright_match = _COPYRIGHT.search(text)
    paragraphs = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text)]
    title = None
    if paragraphs and _looks_like_title(paragraphs[0][1]):
        title = paragraphs[0][1].strip()
        paragraphs = paragraphs[1:]
    sentences = []
    for start, paragraph in paragraphs:
        if copyright_match and start <= copyright_match.start() < start + len(paragraph):
            paragraph = paragraph[: copyright_match.start() - start]
        # Line breaks inside a paragraph are only wrapping; same length, so offsets still hold.
        for span in _segmenter().segment(paragraph.replace("\n", " ")):
            if span.sent.strip():
                begin = start + span.start
                end = begin + len(span.sent.rstrip())
                sentences.append(Sentence(text[begin:end], begin, end))
    return Article(
        text=text,
        title=title,
        sentences=tuple(sentences),
        year=int(copyright_match["year"]) if copyright_match else None,
        rights=copyright_match.group().strip() if copyright_match else None,
        publisher=_publisher(sentences, copyright_match),
    )


def _looks_like_title(paragraph: str) -> bool:
    return "\n" not in paragraph.strip() and len(paragraph) < 200 and not paragraph.rstrip().endswith(".")


def _publisher(sentences: list[Sentence], copyright_match: re.Match | None) -> str | None:
    dateline = _DATELINE.match(sentences[0].text) if sentences else None
    if dateline:
        return dateline["publisher"].strip()
    if copyright_match:
        return _CORPORATE_SUFFIX.sub("", copyright_match["holder"]).rstrip(". ") or None
    return None
