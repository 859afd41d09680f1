import pytest

from generator.content.dates import format_partial_date, parse_partial_date


@pytest.mark.parametrize(
    ("value", "shown"),
    [("2019", "2019"), ("2019-01", "January 2019"), ("2019-01-15", "15 January 2019")],
)
def test_partial_dates_show_only_what_is_known(value, shown):
    assert format_partial_date(value) == shown


@pytest.mark.parametrize(
    "value", ["19", "2019-1", "2019-00", "2019-02-29", "2019/01/01", "2019-01-15T10:00"]
)
def test_impossible_or_malformed_dates_are_refused(value):
    with pytest.raises(ValueError):
        parse_partial_date(value)


def test_partial_dates_sort_before_the_dates_inside_them():
    assert sorted(["2019-01-15", "2019", "2018-12", "2019-01"]) == [
        "2018-12",
        "2019",
        "2019-01",
        "2019-01-15",
    ]


# --- every date the pipeline can use, and only those -------------------------------------

import datetime  # noqa: E402
import unicodedata  # noqa: E402

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from generator.content.dates import FIRST_YEAR, LAST_YEAR  # noqa: E402

PRECISIONS = (4, 7, 10)  # YYYY, YYYY-MM, YYYY-MM-DD
in_range = st.dates(datetime.date(FIRST_YEAR, 1, 1), datetime.date(LAST_YEAR, 12, 31))
# Decimal digits of other scripts: int() and a bare \d take them ("１９９９" sorted after "9999").
other_digits = st.characters(categories=["Nd"]).filter(lambda c: not c.isascii())


@given(in_range, st.sampled_from(PRECISIONS))
def test_every_day_of_the_supported_years_is_a_date_at_each_precision(day, precision):
    value = day.isoformat()[:precision]
    year, month, _ = parse_partial_date(value)
    assert year == day.year and (month is None or month == day.month)
    format_partial_date(value)


@given(
    st.integers(min_value=-1, max_value=99999).filter(lambda y: not FIRST_YEAR <= y <= LAST_YEAR),
    st.sampled_from(["", "-01", "-06-15"]),
)
def test_years_outside_the_supported_range_are_refused(year, rest):
    with pytest.raises(ValueError, match="not a date|year goes from"):
        parse_partial_date(f"{year:04d}{rest}")


@given(
    in_range,
    st.sampled_from(PRECISIONS),
    st.sampled_from(["\n", " ", "\t", "\r\n", "\u00a0", "\u2028"]),
    st.booleans(),
)
def test_a_date_with_space_around_it_is_refused_with_the_date_it_meant(
    day, precision, space, before
):
    value = day.isoformat()[:precision]
    with pytest.raises(ValueError, match=f"did you mean '{value}'"):
        parse_partial_date(space + value if before else value + space)


@given(in_range, st.sampled_from(PRECISIONS), st.data())
def test_digits_of_other_scripts_are_refused_with_the_ascii_date(day, precision, data):
    value = day.isoformat()[:precision]
    positions = data.draw(
        st.sets(st.sampled_from([i for i, c in enumerate(value) if c.isdigit()]), min_size=1)
    )
    digit = data.draw(other_digits)
    foreign = "".join(
        chr(ord(digit) - unicodedata.digit(digit) + int(c)) if i in positions else c
        for i, c in enumerate(value)
    )
    if unicodedata.normalize("NFKC", foreign) == value:
        match = f"did you mean '{value}'"
    else:
        match = "not a date"  # digits NFKC leaves alone: refused all the same
    with pytest.raises(ValueError, match=match):
        parse_partial_date(foreign)
