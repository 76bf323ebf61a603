"""Writes to the calendar overrides."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from motcua.core.exceptions import InvalidInput
from motcua.workdays.models import CalendarOverride, OverrideKind
from motcua.workdays.services import calendar_override_remove, calendar_override_set

pytestmark = pytest.mark.django_db
DAY = date(2025, 3, 4)


def test_setting_an_override_twice_replaces_it_on_the_same_row():
    first = calendar_override_set(day=DAY, kind=OverrideKind.DAY_OFF, reason="Nghỉ")
    second = calendar_override_set(day=DAY, kind=OverrideKind.WORKING_DAY, reason="  Làm bù ")
    assert second.pk == first.pk
    row = CalendarOverride.objects.get()
    assert (row.kind, row.reason) == (OverrideKind.WORKING_DAY, "Làm bù")


def test_an_override_needs_a_reason():
    with pytest.raises(InvalidInput) as error:
        calendar_override_set(day=DAY, kind=OverrideKind.DAY_OFF, reason="   ")
    assert "reason" in error.value.errors
    assert not CalendarOverride.objects.exists()


def test_an_override_kind_must_be_day_off_or_working_day():
    with pytest.raises(InvalidInput) as error:
        calendar_override_set(day=DAY, kind="holiday", reason="x")
    assert "kind" in error.value.errors


def test_an_override_day_must_be_a_date_not_a_datetime():
    instant = datetime(2025, 3, 4, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    with pytest.raises(InvalidInput) as error:
        calendar_override_set(day=instant, kind=OverrideKind.DAY_OFF, reason="x")
    assert "day" in error.value.errors


def test_removing_an_override_says_whether_there_was_one():
    calendar_override_set(day=DAY, kind=OverrideKind.DAY_OFF, reason="Nghỉ")
    assert calendar_override_remove(day=DAY) is True
    assert calendar_override_remove(day=DAY) is False
    assert not CalendarOverride.objects.exists()
