"""Partial dates: ``2019``, ``2019-01`` or ``2019-01-15``, kept as ISO strings.

ISO strings sort correctly as text, and a partial date sorts before the more
precise dates inside it ("2019" < "2019-01" < "2019-01-15").
"""

from __future__ import annotations

import calendar
import datetime
import functools
import re
import unicodedata

# ASCII digits only ("１９９９" would sort after "9999"), and the whole value ("$" lets a newline end it).
_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", re.ASCII)

FIRST_YEAR, LAST_YEAR = 1000, 9999
"""Four-digit years: what ISO strings sort right, and what feeds' datetimes and ``%Y`` write back alike."""


def parse_partial_date(value: str) -> tuple[int, int | None, int | None]:
    """Split a partial date into (year, month, day); ValueError if it is not a real date."""
    match = _PARTIAL.fullmatch(value)
    if not match:
        raise ValueError(
            f"'{value}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD{_suggestion(value)}"
        )
    year, month, day = (int(part) if part else None for part in match.groups())
    if not FIRST_YEAR <= year <= LAST_YEAR:  # type: ignore[operator]
        raise ValueError(
            f"'{value}' has the year {year}: a year goes from {FIRST_YEAR} to {LAST_YEAR}"
        )
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"'{value}' has no month {month}")
    if day is not None:
        try:
            datetime.date(year, month, day)  # type: ignore[arg-type]
        except ValueError:
            raise ValueError(f"'{value}' is not a day of the calendar") from None
    return year, month, day  # type: ignore[return-value]


def _suggestion(value: str) -> str:
    """' (did you mean …?)' when the value is a date once its digits are ASCII and its spaces gone."""
    plain = unicodedata.normalize("NFKC", value).strip()
    if plain != value and _PARTIAL.fullmatch(plain):
        return f" (did you mean '{plain}'?)"
    return ""


@functools.lru_cache(maxsize=16384)  # pages show the same few thousand dates over and over
def format_partial_date(value: str) -> str:
    """Human form that shows only what is known: '2019', 'January 2019', '15 January 2019'."""
    year, month, day = parse_partial_date(value)
    if month is None:
        return str(year)
    if day is None:
        return f"{calendar.month_name[month]} {year}"
    return f"{day} {calendar.month_name[month]} {year}"
