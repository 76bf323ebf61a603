"""The agency's calendar from the database: office hours, overrides, caching, year view."""

from datetime import date, datetime, time
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.core.exceptions import Unprocessable
from motcua.workdays import selectors
from motcua.workdays.clock import DEFAULT_OFFICE_HOURS
from motcua.workdays.models import OfficeHours, OverrideKind
from motcua.workdays.selectors import DayKind
from motcua.workdays.services import calendar_override_remove, calendar_override_set

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=VN)


def test_default_office_hours_are_seeded_by_the_data_migration():
    assert selectors.office_hours() == DEFAULT_OFFICE_HOURS
    assert OfficeHours.objects.count() == 10


def test_office_hours_from_the_database_drive_the_clock():
    # Friday afternoons closed: a Friday 13:00 start moves to Monday's opening.
    OfficeHours.objects.filter(weekday=4, start=time(13)).delete()
    calendar = selectors.get_work_calendar()
    assert calendar.periods_on(date(2025, 3, 7)) == ((time(7, 30), time(11, 30)),)
    assert selectors.due_date(start=at(2025, 3, 7, 13, 0), working_days=0) == at(2025, 3, 10, 17, 0)


def test_an_override_day_off_shifts_the_due_date():
    received = at(2025, 3, 3, 9, 0)
    assert selectors.due_date(start=received, working_days=2) == at(2025, 3, 5, 9, 0)
    calendar_override_set(day=date(2025, 3, 4), kind=OverrideKind.DAY_OFF, reason="Bão số 3")
    assert selectors.due_date(start=received, working_days=2) == at(2025, 3, 6, 9, 0)


def test_an_override_working_day_is_used():
    calendar_override_set(day=date(2025, 3, 8), kind=OverrideKind.WORKING_DAY, reason="Làm bù")
    due = selectors.due_date(start=at(2025, 3, 7, 15, 30), working_days=0, cutoff=time(15))
    assert due == at(2025, 3, 8, 17, 0)


def test_the_calendar_is_reused_while_nothing_changes_after_a_cheap_check():
    first = selectors.get_work_calendar()
    with CaptureQueriesContext(connection) as queries:
        assert selectors.get_work_calendar() is first
    assert len(queries) == 2


def test_the_calendar_is_rebuilt_after_an_override_is_set_changed_or_removed():
    day = date(2025, 3, 4)
    first = selectors.get_work_calendar()
    assert first.is_working_day(day)
    calendar_override_set(day=day, kind=OverrideKind.DAY_OFF, reason="Nghỉ")
    second = selectors.get_work_calendar()
    assert second is not first and not second.is_working_day(day)
    calendar_override_set(day=day, kind=OverrideKind.WORKING_DAY, reason="Đổi lại")
    third = selectors.get_work_calendar()
    assert third.is_working_day(day)
    calendar_override_remove(day=day)
    assert selectors.get_work_calendar().is_working_day(day)


def test_the_calendar_is_rebuilt_after_office_hours_change():
    before = selectors.get_work_calendar()
    row = OfficeHours.objects.get(weekday=0, start=time(7, 30))
    row.start = time(8, 0)
    row.save()
    after = selectors.get_work_calendar()
    assert after is not before
    assert after.periods_on(date(2025, 3, 3))[0] == (time(8), time(11, 30))


def test_year_calendar_names_each_kind_of_day():
    calendar_override_set(day=date(2024, 6, 3), kind=OverrideKind.DAY_OFF, reason="Bão")
    calendar_override_set(day=date(2024, 6, 8), kind=OverrideKind.WORKING_DAY, reason="Làm bù")
    days = {entry.day: entry for entry in selectors.year_calendar(2024)}
    assert len(days) == 366
    tet = days[date(2024, 2, 10)]
    assert tet.kind == DayKind.PUBLIC_HOLIDAY and tet.name == "Tết Nguyên Đán"
    assert not tet.is_working
    swapped = days[date(2024, 5, 4)]
    assert swapped.kind == DayKind.SWAPPED_WORKING and swapped.is_working
    assert "29/04/2024" in swapped.name
    assert days[date(2024, 4, 29)].kind == DayKind.PUBLIC_HOLIDAY
    assert days[date(2024, 6, 3)].kind == DayKind.OVERRIDE_DAY_OFF
    assert days[date(2024, 6, 3)].name == "Bão" and not days[date(2024, 6, 3)].is_working
    assert days[date(2024, 6, 8)].kind == DayKind.OVERRIDE_WORKING
    assert days[date(2024, 6, 8)].is_working
    assert days[date(2024, 6, 9)].kind == DayKind.WEEKEND
    assert days[date(2024, 6, 10)].kind == DayKind.WORKING


def test_procedure_due_date_applies_the_procedure_limit_and_cutoff():
    diploma_copy = SimpleNamespace(time_limit_days=Decimal("0"), cutoff_time=time(15))
    assert selectors.procedure_due_date(start=at(2025, 3, 7, 15, 30), procedure=diploma_copy) == at(
        2025, 3, 10, 17, 0
    )


def test_a_procedure_without_a_time_limit_has_no_due_date():
    undefined = SimpleNamespace(time_limit_days=None, cutoff_time=None)
    with pytest.raises(Unprocessable):
        selectors.procedure_due_date(start=at(2025, 3, 7, 9, 0), procedure=undefined)
