from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.core import periods
from motcua.core.clock import VIETNAM_TZ
from motcua.core.exceptions import InvalidInput

TODAY = date(2026, 11, 30)


def read(**params: str) -> periods.Period:
    return periods.period_from_params(params, today=TODAY)


def test_missing_values_mean_the_current_month_quarter_or_year():
    assert (read(period="month").start, read(period="month").end) == (
        date(2026, 11, 1),
        date(2026, 11, 30),
    )
    assert (read(period="quarter").start, read(period="quarter").end) == (
        date(2026, 10, 1),
        date(2026, 12, 31),
    )
    assert (read().start, read().end) == (date(2026, 1, 1), date(2026, 12, 31))


def test_february_of_a_leap_year_and_the_second_quarter():
    assert read(period="month", year="2024", number="2").end == date(2024, 2, 29)
    q2 = read(period="quarter", year="2025", number="2")
    assert (q2.start, q2.end) == (date(2025, 4, 1), date(2025, 6, 30))
    assert q2.label == "Quý 2 năm 2025"


def test_the_period_is_half_open_in_vietnam_time():
    june = read(period="month", year="2026", number="6")
    assert june.start_at == datetime(2026, 6, 1, tzinfo=VIETNAM_TZ)
    assert june.end_at == datetime(2026, 7, 1, tzinfo=VIETNAM_TZ)
    # 17:00 UTC on 30 June is already 1 July in Vietnam: outside June.
    assert datetime(2026, 6, 30, 17, tzinfo=VIETNAM_TZ) < june.end_at


def test_custom_range_reads_from_and_to():
    span = read(period="custom", **{"from": "2026-03-05", "to": "2026-04-04"})
    assert (span.start, span.end, span.kind) == (date(2026, 3, 5), date(2026, 4, 4), "custom")
    assert span.label == "Từ ngày 05/03/2026 đến ngày 04/04/2026"
    assert span.previous().end == date(2026, 3, 4)
    assert (span.previous().end - span.previous().start) == (span.end - span.start)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"period": "week"}, "period"),
        ({"period": "month", "number": "13"}, "number"),
        ({"period": "quarter", "number": "0"}, "number"),
        ({"period": "year", "year": "abc"}, "year"),
        ({"period": "year", "year": "1999"}, "year"),
        ({"period": "custom", "from": "2026-02-30", "to": "2026-03-01"}, "from"),
        ({"period": "custom", "from": "2026-03-01"}, "to"),
        ({"period": "custom", "from": "2026-03-02", "to": "2026-03-01"}, "to"),
        ({"period": "custom", "from": "2020-01-01", "to": "2026-03-01"}, "to"),
    ],
)
def test_bad_values_name_the_parameter(params, field):
    with pytest.raises(InvalidInput) as caught:
        periods.period_from_params(params, today=TODAY)
    assert list(caught.value.errors) == [field]


def test_as_params_reads_back_as_the_same_period():
    for params in (
        {"period": "month", "year": "2025", "number": "12"},
        {"period": "quarter", "year": "2024", "number": "1"},
        {"period": "year", "year": "2023"},
        {"period": "custom", "from": "2026-01-10", "to": "2026-02-10"},
    ):
        period = read(**params)
        assert read(**period.as_params()) == period


@given(st.integers(2001, 2027), st.integers(1, 12))
def test_previous_month_ends_the_day_before(y, m):
    current = periods.month(y, m)
    assert current.previous().end == current.start - timedelta(days=1)
    assert current.previous().kind == "month"


@given(st.integers(2001, 2027), st.integers(1, 4))
def test_quarters_tile_the_year(y, q):
    current = periods.quarter(y, q)
    assert current.previous().end == current.start - timedelta(days=1)
    assert current.end.month == 3 * q
