import pytest

from generator.dates import format_partial_date, parse_partial_date


@pytest.mark.parametrize(
    ("value", "shown"), [("2019", "2019"), ("2019-01", "January 2019"), ("2019-01-15", "15 January 2019")]
)
def test_partial_dates_show_only_what_is_known(value, shown):
    assert format_partial_date(value) == shown


@pytest.mark.parametrize("value", ["19", "2019-1", "2019-00", "2019-02-29", "2019/01/01", "2019-01-15T10:00"])
def test_impossible_or_malformed_dates_are_refused(value):
    with pytest.raises(ValueError):
        parse_partial_date(value)


def test_partial_dates_sort_before_the_dates_inside_them():
    assert sorted(["2019-01-15", "2019", "2018-12", "2019-01"]) == ["2018-12", "2019", "2019-01", "2019-01-15"]
