"""Rules of the working-day clock, each with explicit instants (no database, no `now`)."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from motcua.workdays.clock import WorkCalendar

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CUTOFF = time(15, 0)


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=VN)


@pytest.fixture(scope="module")
def vn() -> WorkCalendar:
    return WorkCalendar.for_vietnam()


# Days ------------------------------------------------------------------------------------


def test_lunar_new_year_2024_is_off_from_8_to_14_february(vn):
    for day in range(8, 15):
        assert not vn.is_working_day(date(2024, 2, day)), day
    assert vn.is_working_day(date(2024, 2, 7))
    assert vn.is_working_day(date(2024, 2, 15))


def test_lunar_new_year_2026_follows_the_holidays_package(vn):
    # The package gives 16-20 February 2026 (Monday-Friday), with the weekends around it.
    for day in range(14, 23):
        assert not vn.is_working_day(date(2026, 2, day)), day
    assert vn.is_working_day(date(2026, 2, 13))
    assert vn.is_working_day(date(2026, 2, 23))


def test_swapped_saturday_4_may_2024_is_worked_and_monday_29_april_is_off(vn):
    assert vn.is_working_day(date(2024, 5, 4))
    assert vn.periods_on(date(2024, 5, 4)) == vn.periods_on(date(2024, 5, 6))
    assert not vn.is_working_day(date(2024, 4, 29))
    assert not vn.is_working_day(date(2024, 4, 30))
    assert not vn.is_working_day(date(2024, 5, 1))


def test_national_day_2025_is_off_on_1_and_2_september(vn):
    assert not vn.is_working_day(date(2025, 9, 1))
    assert not vn.is_working_day(date(2025, 9, 2))
    assert vn.is_working_day(date(2025, 9, 3))


def test_ordinary_weekends_are_off(vn):
    assert not vn.is_working_day(date(2025, 3, 22))  # Saturday
    assert not vn.is_working_day(date(2025, 3, 23))  # Sunday


def test_extra_working_day_uses_monday_periods_even_on_a_sunday():
    hours = {0: [(time(8), time(12))], 1: [(time(7), time(11))]}
    calendar = WorkCalendar(extra_working_days=[date(2025, 3, 23)], office_hours=hours)
    assert calendar.periods_on(date(2025, 3, 23)) == ((time(8), time(12)),)


def test_override_day_off_beats_a_swapped_working_saturday():
    calendar = WorkCalendar.for_vietnam(days_off=[date(2024, 5, 4)])
    assert not calendar.is_working_day(date(2024, 5, 4))


def test_override_working_day_beats_a_public_holiday():
    calendar = WorkCalendar.for_vietnam(extra_working_days=[date(2025, 9, 2)])
    assert calendar.is_working_day(date(2025, 9, 2))


def test_a_date_cannot_be_both_off_and_working():
    with pytest.raises(ValueError):
        WorkCalendar(days_off=[date(2025, 1, 2)], extra_working_days=[date(2025, 1, 2)])


def test_overlapping_office_periods_are_refused():
    with pytest.raises(ValueError):
        WorkCalendar(office_hours={0: [(time(7), time(12)), (time(11), time(13))]})
    with pytest.raises(ValueError):
        WorkCalendar(office_hours={0: [(time(12), time(11))]})


# Instants --------------------------------------------------------------------------------


def test_naive_datetimes_are_refused(vn):
    naive = datetime(2025, 3, 3, 9, 0)  # noqa: DTZ001 - the point of the test
    for call in (
        lambda: vn.next_working_instant(naive),
        lambda: vn.add_working_hours(naive, 1),
        lambda: vn.add_working_days(naive, 1),
        lambda: vn.working_time_between(naive, at(2025, 3, 4)),
        lambda: vn.due_for_procedure(naive, 1),
    ):
        with pytest.raises(ValueError, match="naive"):
            call()


def test_an_instant_inside_office_hours_is_its_own_next_working_instant(vn):
    assert vn.next_working_instant(at(2025, 3, 3, 9, 15)) == at(2025, 3, 3, 9, 15)
    assert vn.next_working_instant(at(2025, 3, 3, 7, 30)) == at(2025, 3, 3, 7, 30)


def test_lunch_break_and_closing_time_move_to_the_next_opening(vn):
    assert vn.next_working_instant(at(2025, 3, 3, 11, 30)) == at(2025, 3, 3, 13, 0)
    assert vn.next_working_instant(at(2025, 3, 3, 17, 0)) == at(2025, 3, 4, 7, 30)
    assert vn.next_working_instant(at(2025, 3, 7, 18, 0)) == at(2025, 3, 10, 7, 30)


def test_instants_in_other_offsets_are_read_in_vietnam_time(vn):
    utc_instant = datetime(2025, 3, 3, 10, 0, tzinfo=ZoneInfo("UTC"))  # 17:00 in Vietnam
    result = vn.next_working_instant(utc_instant)
    assert result == at(2025, 3, 4, 7, 30)
    assert result.utcoffset() == timedelta(hours=7)


def test_one_working_day_is_eight_office_hours(vn):
    assert vn.add_working_days(at(2025, 3, 3, 9, 0), 1) == at(2025, 3, 4, 9, 0)
    assert vn.add_working_days(at(2025, 3, 3, 7, 30), 1) == at(2025, 3, 3, 17, 0)


def test_half_a_working_day_is_four_hours(vn):
    assert vn.add_working_days(at(2025, 3, 3, 7, 30), Decimal("0.5")) == at(2025, 3, 3, 11, 30)
    assert vn.add_working_days(at(2025, 3, 3, 9, 0), Decimal("0.5")) == at(2025, 3, 3, 14, 30)


def test_hours_per_day_is_a_parameter():
    calendar = WorkCalendar.for_vietnam(hours_per_day=4)
    assert calendar.add_working_days(at(2025, 3, 3, 7, 30), 1) == at(2025, 3, 3, 11, 30)


def test_a_remainder_ending_on_a_boundary_lands_on_the_earlier_closing(vn):
    # 4 h from 07:30 ends at 11:30, not at 13:00; a full day from 07:30 ends at 17:00 that
    # day, not at 07:30 the next working day.
    assert vn.add_working_hours(at(2025, 3, 3, 7, 30), 4) == at(2025, 3, 3, 11, 30)
    assert vn.add_working_hours(at(2025, 3, 7, 7, 30), 8) == at(2025, 3, 7, 17, 0)


def test_adding_zero_gives_the_next_working_instant_and_negative_is_refused(vn):
    assert vn.add_working_hours(at(2025, 3, 3, 18, 0), 0) == at(2025, 3, 4, 7, 30)
    with pytest.raises(ValueError):
        vn.add_working_hours(at(2025, 3, 3, 9, 0), -1)
    with pytest.raises(ValueError):
        vn.due_for_procedure(at(2025, 3, 3, 9, 0), -1)


def test_adding_over_lunar_new_year_2024_skips_the_whole_holiday(vn):
    # Wednesday 7 Feb 2024 at 16:00 + 1 working day: 1 h on the 7th, 7 h on Thursday 15th.
    assert vn.add_working_days(at(2024, 2, 7, 16, 0), 1) == at(2024, 2, 15, 16, 0)


def test_adding_crosses_the_year_end(vn):
    # 31 Dec 2024 16:00 + 0.5 day: 1 h that day, 1 January is off, 3 h on 2 January.
    assert vn.add_working_days(at(2024, 12, 31, 16, 0), Decimal("0.5")) == at(2025, 1, 2, 10, 30)


def test_working_time_between_counts_only_office_hours(vn):
    assert vn.working_time_between(at(2025, 3, 3, 7, 0), at(2025, 3, 3, 18, 0)) == timedelta(
        hours=8
    )
    assert vn.working_time_between(at(2025, 3, 3, 11, 0), at(2025, 3, 3, 13, 30)) == timedelta(
        hours=1
    )
    assert vn.working_time_between(at(2025, 3, 7, 17, 0), at(2025, 3, 10, 7, 30)) == timedelta(0)


def test_working_time_of_a_year_is_its_working_days_times_eight_hours(vn):
    between = vn.working_time_between(at(2024, 1, 1), at(2025, 1, 1))
    assert between == timedelta(hours=8 * vn.working_days_in_year(2024))


def test_working_time_between_is_negative_when_the_end_is_earlier(vn):
    a, b = at(2025, 3, 3, 9, 0), at(2025, 3, 5, 9, 0)
    assert vn.working_time_between(b, a) == -timedelta(hours=16)
    assert vn.working_time_between(a, a) == timedelta(0)


# Due dates -------------------------------------------------------------------------------


def test_received_after_hours_starts_at_the_next_opening(vn):
    # Monday 18:00 + 1 day = Tuesday 17:00 (the day starts at 07:30 Tuesday).
    assert vn.due_for_procedure(at(2025, 3, 3, 18, 0), 1) == at(2025, 3, 4, 17, 0)


def test_diploma_copy_same_day_before_the_cutoff(vn):
    assert vn.due_for_procedure(at(2025, 3, 4, 14, 59), 0, CUTOFF) == at(2025, 3, 4, 17, 0)


def test_diploma_copy_after_the_cutoff_is_due_next_working_day(vn):
    assert vn.due_for_procedure(at(2025, 3, 4, 15, 1), 0, CUTOFF) == at(2025, 3, 5, 17, 0)
    assert vn.due_for_procedure(at(2025, 3, 4, 15, 0), 0, CUTOFF) == at(2025, 3, 5, 17, 0)


def test_diploma_copy_friday_after_the_cutoff_is_due_monday(vn):
    assert vn.due_for_procedure(at(2025, 3, 7, 15, 30), 0, CUTOFF) == at(2025, 3, 10, 17, 0)


def test_cutoff_with_days_counts_from_the_next_working_day_opening(vn):
    # Friday 26 April 2024 15:30: 27-28 weekend, 29 April - 1 May off; counting starts
    # Thursday 2 May 07:30, so one working day is due 2 May 17:00.
    assert vn.due_for_procedure(at(2024, 4, 26, 15, 30), 1, CUTOFF) == at(2024, 5, 2, 17, 0)


def test_friday_after_cutoff_before_the_swapped_saturday_is_due_that_saturday(vn):
    assert vn.due_for_procedure(at(2024, 5, 3, 15, 30), 0, CUTOFF) == at(2024, 5, 4, 17, 0)


def test_due_never_falls_in_national_day_2025(vn):
    # Friday 29 Aug 2025 09:00 + 1 day: Monday 1 and Tuesday 2 September are off.
    assert vn.due_for_procedure(at(2025, 8, 29, 9, 0), 1) == at(2025, 9, 3, 9, 0)


def test_override_day_off_shifts_a_due_date():
    received = at(2025, 3, 3, 9, 0)
    plain = WorkCalendar.for_vietnam().due_for_procedure(received, 2)
    with_day_off = WorkCalendar.for_vietnam(days_off=[date(2025, 3, 4)])
    assert plain == at(2025, 3, 5, 9, 0)
    assert with_day_off.due_for_procedure(received, 2) == at(2025, 3, 6, 9, 0)


def test_override_working_day_is_used():
    received = at(2025, 3, 7, 15, 30)  # Friday after the cut-off
    calendar = WorkCalendar.for_vietnam(extra_working_days=[date(2025, 3, 8)])
    assert calendar.due_for_procedure(received, 0, CUTOFF) == at(2025, 3, 8, 17, 0)


def test_long_limits_span_years(vn):
    due = vn.due_for_procedure(at(2024, 1, 2, 7, 30), 3650)
    assert vn.working_time_between(at(2024, 1, 2, 7, 30), due) == timedelta(hours=8 * 3650)
    assert vn.is_working_day(due.date())
