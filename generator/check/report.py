"""Problems written out for people (``file:line:col: message``), for GitHub Actions
(workflow-command annotations) or for programs (JSON)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from generator.content.problems import Problem


def human(problems: Sequence[Problem]) -> str:
    return "".join(f"{problem}\n" for problem in sorted(problems))


def github(problems: Sequence[Problem]) -> str:
    """``::error file=…,line=…,col=…::message``, escaped as GitHub's workflow commands require."""
    return "".join(
        f"::{p.severity} file={_property(p.file)},line={p.line},col={p.col}::{_data(p.message)}\n"
        for p in sorted(problems)
    )


def as_json(problems: Sequence[Problem]) -> str:
    records = [
        {"file": p.file, "line": p.line, "col": p.col, "severity": p.severity, "message": p.message}
        for p in sorted(problems)
    ]
    summary = {
        "errors": sum(p.severity == "error" for p in problems),
        "warnings": sum(p.severity == "warning" for p in problems),
        "problems": records,
    }
    return json.dumps(summary, ensure_ascii=False, indent=2) + "\n"


FORMATTERS: dict[str, Callable[[Sequence[Problem]], str]] = {
    "human": human,
    "github": github,
    "json": as_json,
}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
