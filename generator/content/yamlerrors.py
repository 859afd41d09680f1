"""YAML syntax errors in plain words, at the place the writer has to change.

PyYAML says what its parser expected ("did not find expected key", "could not find expected
':'") and where it noticed, which is often the line after the mistake or the end of the file.
:func:`explain` turns the common ones into advice and moves the place to where the mistake
starts: the quote never closed, the ``[`` never matched, the key without its ``:``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Place = tuple[int, int]  # line and column, from 1
Explained = tuple[Place, str]

_QUOTES = "\"'"
_CLOSERS = {"flow sequence": ("[", "]"), "flow mapping": ("{", "}")}


def explain(exc: yaml.MarkedYAMLError, text: str) -> Explained:
    """Where to look and what to do about a syntax error in ``text``."""
    problem, context = exc.problem or "", exc.context or ""
    at_problem, at_context = _place(exc.problem_mark), _place(exc.context_mark)
    for matches, explainer in _EXPLAINERS:
        if matches(problem, context):
            explained = explainer(text, at_problem or at_context or (1, 1), at_context)
            if explained is not None:
                return explained
    where = at_problem or at_context or (1, 1)
    return where, " ".join(part for part in (context, problem) if part) or "invalid YAML"


def _place(mark: Any) -> Place | None:
    return None if mark is None else (mark.line + 1, mark.column + 1)


def _char_at(text: str, place: Place) -> str:
    lines = text.splitlines()
    line, col = place
    if line > len(lines) or col > len(lines[line - 1]):
        return ""
    return lines[line - 1][col - 1]


def _line(text: str, number: int) -> str:
    lines = text.splitlines()
    return lines[number - 1] if 0 < number <= len(lines) else ""


def _tab(text: str, at: Place, context: Place | None) -> Explained:
    line = _line(text, at[0])
    column = line.find("\t") + 1 if "\t" in line else at[1]
    return (at[0], column), "a tab cannot indent YAML; use spaces"


def _cannot_start(text: str, at: Place, context: Place | None) -> Explained | None:
    char = _char_at(text, at)
    if char == "\t":
        return _tab(text, at, context)
    if not char:
        return None
    return at, f"a value cannot start with '{char}'; put the value in quotes"


def _colon_in_value(text: str, at: Place, context: Place | None) -> Explained:
    before = _line(text, at[0])[: at[1] - 1]
    if at[0] > 1 and ":" not in before and before.strip() and not before.lstrip().startswith("-"):
        # "key: value" then an indented "other: x": a key indented under a value
        indent = len(before) - len(before.lstrip())
        return (at[0], indent + 1), (
            "this key is indented more than the one above; line it up with the other keys "
            "(or, if it is part of the value above, put that value in quotes)"
        )
    return at, "a ':' inside a value: put the value in quotes"


def _unclosed_quote(text: str, at: Place, context: Place | None) -> Explained:
    opened = context or at
    quote = _char_at(text, opened)
    quote = quote if quote in _QUOTES else '"'
    return opened, f"this quote is never closed; end the value with {quote}"


def _unclosed_bracket(kind: str) -> Callable[[str, Place, Place | None], Explained | None]:
    opener, closer = _CLOSERS[kind]

    def explainer(text: str, at: Place, context: Place | None) -> Explained | None:
        opened = context or at
        if at[0] > opened[0]:  # noticed lines later: the bracket is not closed
            return opened, f"this '{opener}' is never closed with '{closer}'"
        return at, f"expected ',' or '{closer}' here: items in '{opener} … {closer}' take commas"

    return explainer


def _expected_key(text: str, at: Place, context: Place | None) -> Explained:
    quoted = _quoted_value_before(text, at)
    if quoted is not None and quoted[0] < at[0]:
        return quoted, f"this quote is not closed until line {at[0]}; close it where the value ends"
    if quoted is not None:
        return quoted, (
            "text after a closing quote: put the whole value in quotes, and write "
            "a quote inside it twice ('it''s') or use the other kind of quote"
        )
    if _char_at(text, at) == "-":
        if _line(text, at[0] - 1).lstrip().startswith("- "):
            return at, "this list item is indented differently from the items above it"
        return at, "a list item where a key was expected: indent it under its key"
    return at, "this line is indented differently from the keys above it; line it up with them"


def _expected_dash(text: str, at: Place, context: Place | None) -> Explained:
    return at, (
        "a key among list items: start it with '- ' if it is an item, "
        "or indent it like the key it belongs with"
    )


def _key_without_colon(text: str, at: Place, context: Place | None) -> Explained:
    key_at = context or at
    return key_at, "this line has no ':' after its key; write 'key: value'"


def _undefined_alias(text: str, at: Place, context: Place | None) -> Explained:
    return at, "this alias (*name) refers to no anchor (&name) above it"


def _unknown_escape(text: str, at: Place, context: Place | None) -> Explained:
    return at, (
        "a backslash in double quotes must start an escape such as \\n; "
        "write \\\\ for a backslash, or use single quotes"
    )


def _second_document(text: str, at: Place, context: Place | None) -> Explained:
    return at, "a second document ('---') in the file; a content file holds one"


def _no_node(text: str, at: Place, context: Place | None) -> Explained | None:
    char = _char_at(text, at)
    if char in ("]", "}", ","):
        return at, f"a value cannot start with '{char}'; put the value in quotes"
    return None


def _bad_name(text: str, at: Place, context: Place | None) -> Explained:
    return context or at, "'&' and '*' start an anchor or an alias here; put the value in quotes"


def _quoted_value_before(text: str, at: Place) -> Place | None:
    """Where the quoted value that ends just before ``at`` begins, if one does."""
    last = None
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if (token.start_mark.line + 1, token.start_mark.column + 1) >= at:
                break
            last = token
    except yaml.YAMLError:
        pass
    if isinstance(last, yaml.ScalarToken) and last.style and last.style in _QUOTES:
        return _place(last.start_mark)
    return None


def _has(problem_part: str, context_part: str = "") -> Callable[[str, str], bool]:
    return lambda problem, context: problem_part in problem and context_part in context


_EXPLAINERS: list[tuple[Callable[[str, str], bool], Callable[..., Explained | None]]] = [
    (_has("tab character"), _tab),
    (_has("cannot start any token"), _cannot_start),
    (_has("mapping values are not allowed"), _colon_in_value),
    (_has("end of stream", "quoted scalar"), _unclosed_quote),
    (_has("document separator", "quoted scalar"), _unclosed_quote),
    (_has("expected ',' or ']'", "flow sequence"), _unclosed_bracket("flow sequence")),
    (_has("expected ',' or '}'", "flow mapping"), _unclosed_bracket("flow mapping")),
    (_has("did not find expected key"), _expected_key),
    (_has("expected '-' indicator"), _expected_dash),
    (_has("could not find expected ':'"), _key_without_colon),
    (_has("undefined alias"), _undefined_alias),
    (_has("unknown escape"), _unknown_escape),
    (_has("another document"), _second_document),
    (_has("expected node content"), _no_node),
    (
        lambda problem, context: (
            "alphabetic or numeric" in problem and ("alias" in context or "anchor" in context)
        ),
        _bad_name,
    ),
]
"""The first that matches and has something to say explains the error."""
