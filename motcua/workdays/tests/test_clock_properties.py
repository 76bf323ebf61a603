"""Properties of the working-day clock that must hold for any instant and any amount."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.workdays.clock import WorkCalendar

VN = ZoneInfo("Asia/Ho_Chi_Minh")
VN_CALENDAR = WorkCalendar.for_vietnam()
PROPERTY_SETTINGS = settings(max_examples=300, deadline=None, database=None)

# Instants from 2023 to 2028 at microsecond resolution, in Vietnam or another offset.
instants = st.datetimes(
    min_value=datetime(2023, 1, 1),  # noqa: DTZ001 - hypothesis bounds are naive
    max_value=datetime(2028, 12, 31),  # noqa: DTZ001
    timezones=st.sampled_from([VN, ZoneInfo("UTC"), ZoneInfo("America/New_York")]),
)
amounts = st.timedeltas(min_value=timedelta(microseconds=1), max_value=timedelta(hours=8 * 400))
day_limits = st.one_of(
    st.integers(min_value=0, max_value=60),
    st.decimals(min_value=0, max_value=60, places=2),
)
cutoffs = st.one_of(st.none(), st.times(min_value=time(7), max_value=time(18)))
local_days = st.dates(min_value=date(2023, 1, 1), max_value=date(2026, 12, 31))
calendars = st.builds(
    lambda off, extra: WorkCalendar.for_vietnam(days_off=off, extra_working_days=extra - off),
    st.sets(local_days, max_size=40),
    st.sets(local_days, max_size=40),
)


def assert_inside_office_hours(calendar: WorkCalendar, instant: datetime) -> None:
    local = instant.astimezone(VN)
    assert calendar.is_working_day(local.date()), local
    moment = local.timetz().replace(tzinfo=None)
    periods = calendar.periods_on(local.date())
    assert any(start < moment <= end for start, end in periods), local


@PROPERTY_SETTINGS
@given(start=instants, amount=amounts)
def test_adding_working_hours_then_measuring_gives_them_back(start, amount):
    end = VN_CALENDAR.add_working_hours(start, amount)
    assert VN_CALENDAR.working_time_between(start, end) == amount


@PROPERTY_SETTINGS
@given(calendar=calendars, start=instants, amount=amounts)
def test_adding_then_measuring_holds_with_any_overrides(calendar, start, amount):
    end = calendar.add_working_hours(start, amount)
    assert calendar.working_time_between(start, end) == amount
    assert_inside_office_hours(calendar, end)


@PROPERTY_SETTINGS
@given(start=instants, amount=amounts)
def test_the_result_is_the_earliest_instant_completing_the_amount(start, amount):
    end = VN_CALENDAR.add_working_hours(start, amount)
    just_before = end - timedelta(microseconds=1)
    assert VN_CALENDAR.working_time_between(start, just_before) < amount


@PROPERTY_SETTINGS
@given(received=instants, days=day_limits, cutoff=cutoffs)
def test_due_dates_are_never_on_a_day_off_nor_outside_office_hours(received, days, cutoff):
    due = VN_CALENDAR.due_for_procedure(received, days, cutoff)
    assert_inside_office_hours(VN_CALENDAR, due)
    assert due > received
    assert due.utcoffset() == timedelta(hours=7)


@PROPERTY_SETTINGS
@given(first=instants, second=instants, days=day_limits, cutoff=cutoffs)
def test_due_dates_are_monotonic_in_the_start_instant(first, second, days, cutoff):
    early, late = sorted([first, second])
    assert VN_CALENDAR.due_for_procedure(early, days, cutoff) <= VN_CALENDAR.due_for_procedure(
        late, days, cutoff
    )


@PROPERTY_SETTINGS
@given(start=instants, hours=st.integers(min_value=1, max_value=2000))
def test_working_days_are_hours_per_day_hours(start, hours):
    days = Decimal(hours) / 8
    assert VN_CALENDAR.add_working_days(start, days) == VN_CALENDAR.add_working_hours(start, hours)


@PROPERTY_SETTINGS
@given(first=instants, second=instants, third=instants)
def test_working_time_between_adds_up_and_is_antisymmetric(first, second, third):
    between = VN_CALENDAR.working_time_between
    assert between(first, third) == between(first, second) + between(second, third)
    assert between(first, second) == -between(second, first)


@PROPERTY_SETTINGS
@given(instant=instants)
def test_next_working_instant_is_inside_office_hours_and_not_earlier(instant):
    result = VN_CALENDAR.next_working_instant(instant)
    assert result >= instant
    assert VN_CALENDAR.working_time_between(instant, result) == timedelta(0)
    local = result.astimezone(VN)
    moment = local.timetz().replace(tzinfo=None)
    assert any(start <= moment < end for start, end in VN_CALENDAR.periods_on(local.date()))
