"""Check that every verbatim quote in a brief appears in the local text of its source.

A source may name a ``text_file`` (a plain-text copy of the article, kept in the
git-ignored ``sources/`` folder). Each ``quote`` citing that source must appear in
it word for word; differences in whitespace, line breaks and curly versus straight
quotation marks do not count, and an ellipsis (``…``, ``...``, ``[…]``) in the quote
stands for words left out.
"""

from __future__ import annotations

import dataclasses
import os
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from generator.content.corpus import Corpus
from generator.content.models import Brief, shortened
from generator.content.problems import Problem, Severity
from generator.content.safefile import UnreadableFile, read_limited
from generator.content.yamlfile import KeyPath, YamlFile

_QUOTE_MARKS = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"'}
)
_ELLIPSIS = re.compile(r"\[\s*(?:…|\.\.\.)\s*\]|…|\.\.\.")
_WHITESPACE = re.compile(r"\s+")

MAX_TEXT_BYTES = 10 * 1024 * 1024
"""An article is a few KB of text; a source text this large is a mistake."""


def normalise(text: str) -> str:
    """The text as compared: NFC, straight quotation marks, single spaces."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTE_MARKS)
    return _WHITESPACE.sub(" ", text).strip()


def mismatch(quote: str, source_text: str) -> str | None:
    """None if ``quote`` is in ``source_text`` (both normalised); else what differs."""
    position = 0
    for fragment in _fragments(quote):
        found = source_text.find(fragment, position)
        if found < 0:
            return _first_difference(fragment, source_text, position)
        position = found + len(fragment)
    return None


def _fragments(quote: str) -> list[str]:
    parts = (normalise(part) for part in _ELLIPSIS.split(normalise(quote)))
    return [part for part in parts if part]


def _first_difference(fragment: str, source_text: str, start: int) -> str:
    """Name the first word from which no passage of the source matches the quote."""
    words = fragment.split(" ")
    matched = 0
    while matched < len(words) and " ".join(words[: matched + 1]) in source_text[start:]:
        matched += 1
    if matched == 0:
        return "not found"
    before = " ".join(words[max(0, matched - 4) : matched])
    return f"differs at '{words[matched]}', after '{before}'"


def verify_quotes(corpus: Corpus, project_root: Path) -> list[Problem]:
    problems: list[Problem] = []
    for brief in corpus.briefs.values():
        problems.extend(verify_brief(brief, corpus.files[("briefs", brief.id)], project_root))
    return sorted(problems)


def verify_brief(brief: Brief, yaml_file: YamlFile, project_root: Path) -> Iterator[Problem]:
    quotes = list(_quotes(brief))
    for i, source in enumerate(brief.sources):
        if source.text_file is None:
            continue
        at: KeyPath = ("sources", i, "text_file")
        text, problem = _source_text(source.text_file, project_root)
        if problem is not None:
            severity, message = problem
            if severity == "warning":
                message += f"; quotes from '{source.id}' are not verified"
            yield dataclasses.replace(yaml_file.problem(at, message), severity=severity)
            continue
        for keypath, source_id, quote in quotes:
            if source_id == source.id and (difference := mismatch(quote, text)):
                yield yaml_file.problem(
                    keypath, f"quote does not match {source.text_file}: {difference}"
                )


def _source_text(text_file: str, project_root: Path) -> tuple[str, tuple[Severity, str] | None]:
    """The normalised text of a source's ``text_file``, or the problem (severity, message) with it.

    Only a file that is not there at all is a warning (source texts stay on the analyst's machine);
    anything else in its place (a folder, a dangling symlink, a FIFO, a device, an unreadable or
    oversized file) is an error naming it. The file is read through :mod:`safefile`, never opened
    any other way, so nothing in ``sources/`` can hang or exhaust a check."""
    shown = f"'{shortened(text_file)}'"
    path = project_root / text_file
    if not os.path.lexists(path):
        return "", ("warning", f"source text {shown} not found")
    try:
        real = Path(os.path.realpath(path))
    except (OSError, ValueError):
        real = path
    if not real.is_relative_to(project_root.resolve()):
        return "", ("error", f"{shown} is outside the project")
    try:
        raw = read_limited(path, MAX_TEXT_BYTES)
    except UnreadableFile as unreadable:
        return "", ("error", f"source text {shown} {unreadable}")
    try:
        return normalise(raw.decode("utf-8-sig")), None
    except UnicodeDecodeError as error:
        return "", ("error", f"source text {shown} is not UTF-8 text (byte {error.start:,} is not)")


def _quotes(brief: Brief) -> Iterator[tuple[KeyPath, str, str]]:
    """(key path, source id, quote) of every verbatim quote in the brief."""
    for i, position in enumerate(brief.positions):
        for j, statement in enumerate(position.statements):
            if statement.quote is not None:
                yield ("positions", i, "statements", j, "quote"), statement.source, statement.quote
    for i, reference in enumerate(brief.legal_references):
        for j, reading in enumerate(reference.readings):
            if reading.quote is not None:
                yield ("legal_references", i, "readings", j, "quote"), reading.source, reading.quote
