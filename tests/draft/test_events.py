"""Event dates resolved against the article's dateline: weekdays, months, year roll-over, status."""

from __future__ import annotations

import calendar
import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.draft.article import read_article
from generator.draft.events import find_events


def _events(body: str, day: datetime.date) -> list[tuple[str, str]]:
    dateline = f"LISBON, {calendar.month_name[day.month]} {day.day} (Meridian Wire) - "
    article = read_article(f"Headline\n\n{dateline}{body}\n\n© {day.year} Meridian Wire\n")
    return [(e.date, e.status) for e in find_events(article)]


@given(
    st.dates(datetime.date(1990, 1, 1), datetime.date(2090, 12, 31)),
    st.sampled_from(list(calendar.day_name)),
)
def test_a_weekday_is_the_last_one_or_the_next_one(day, weekday):
    ((past, status),) = _events(f"The minister resigned on {weekday}.", day)
    ((future, scheduled),) = _events(f"The minister will resign on {weekday}.", day)
    past, future = datetime.date.fromisoformat(past), datetime.date.fromisoformat(future)
    assert (status, scheduled) == ("happened", "scheduled")
    assert calendar.day_name[past.weekday()] == calendar.day_name[future.weekday()] == weekday
    assert 0 <= (day - past).days < 7 and 0 <= (future - day).days < 7


@given(st.dates(datetime.date(1990, 1, 1), datetime.date(2090, 12, 31)), st.integers(1, 12))
def test_a_month_without_a_year_is_on_the_right_side_of_the_dateline(day, month):
    name = calendar.month_name[month]
    ((past, _),) = _events(f"The group filed a complaint in {name}.", day)
    ((deadline, status),) = _events(f"The firm must pay by {name} 1.", day)
    assert past <= f"{day.year}-{day.month:02d}" and past > f"{day.year - 1}-{day.month:02d}"
    assert status == "deadline" and deadline >= f"{day.year}-{day.month:02d}" or month == day.month


def test_roll_over_examples_of_the_issue():
    february, december = datetime.date(2025, 2, 12), datetime.date(2024, 12, 17)
    assert _events("He said in November that it was over.", february) == [("2024-11", "happened")]
    assert _events("They must agree by January 15.", december) == [("2025-01-15", "deadline")]
    assert _events("The summit opens tomorrow.", february) == [("2025-02-13", "scheduled")]


@pytest.mark.parametrize(
    ("body", "events"),
    [
        ("The agency today published its report.", []),  # today: the article's own day
        ('"Tomorrow we start work," she said.', []),  # the speaker's tomorrow
        ('"Last month a patrol boat followed us," he said.', [("2025-01", "happened")]),
        ("The union will strike next month.", [("2025-03", "scheduled")]),
        (
            "Lawmakers have asked the minister to appear before the committee on February 20.",
            [("2025-02-20", "scheduled")],
        ),
        ("The sides failed to agree by Monday's deadline.", [("2025-02-10", "deadline")]),
        ("Ostmark has blocked the plan since November.", [("2024-11", "happened")]),
        ("The duty doubles, at the higher rate from February 28.", [("2025-02-28", "scheduled")]),
        (
            "They met on Dec. 19 and on Feb. 3.",
            [("2024-12-19", "happened"), ("2025-02-03", "happened")],
        ),
        ("She intended to sign it on Friday.", [("2025-02-14", "scheduled")]),
        ("The plan had been agreed on Friday.", [("2025-02-07", "happened")]),
        (
            "The Alliance had supported the deal until April, and now opposes it.",
            [("2024-04", "happened")],
        ),
        (
            "Households will not pay more than they paid in December.",
            [("2024-12", "happened")],
        ),
    ],
)
def test_cues_of_time_and_status(body, events):
    assert _events(body, datetime.date(2025, 2, 12)) == events
