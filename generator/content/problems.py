"""Problems found in content, reported as ``file:line:col: message``."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]

#: Longest message shown; a longer one is cut with an ellipsis so one error stays one line.
MESSAGE_LIMIT = 500


def one_line(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """``text`` as one printable line: control and line-breaking characters shown escaped.

    Every message for people passes through here (content problems and command-line errors), so
    a value quoted from content can neither split an error over two lines nor send NUL or ESC to
    the terminal.
    """
    shown = "".join(_visible(char) for char in text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def _visible(char: str) -> str:
    if char in "\n\r\t":
        return repr(char)[1:-1]
    if unicodedata.category(char) in ("Cc", "Cf", "Cn", "Co", "Cs", "Zl", "Zp"):
        return repr(char)[1:-1] if char.isascii() else _code_point(char)
    return char


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place in one file (lines and columns count from 1)."""

    file: str
    line: int
    col: int
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else "warning: "
        return one_line(f"{self.file}:{self.line}:{self.col}: {prefix}{self.message}")


class ContentError(Exception):
    """Raised when content has errors; carries every problem found, sorted."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def _code_point(char: str) -> str:
    return f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}"
