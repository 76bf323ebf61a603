"""Reads of the calendar: the agency's `WorkCalendar` and a year's days with their kind.

`get_work_calendar()` is what other apps call to compute due dates. It is cached in the
process and rebuilt when the configuration rows change in any process: each call runs one
cheap aggregate query per table (row count, highest id, latest `updated_at`) and compares
it with the fingerprint the cached calendar was built from.
"""

import threading
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Protocol

from django.db import models
from django.db.models import Count, Max
from django.utils.translation import gettext_lazy as _

from motcua.core.exceptions import Unprocessable
from motcua.workdays.clock import (
    DEFAULT_OFFICE_HOURS,
    Number,
    Period,
    WorkCalendar,
    vietnam_holiday_names,
    vietnam_working_saturdays,
)
from motcua.workdays.models import CalendarOverride, OfficeHours, OverrideKind

_cache: tuple[tuple, WorkCalendar] | None = None
_lock = threading.Lock()


def _fingerprint() -> tuple:
    parts = []
    for model in (OfficeHours, CalendarOverride):
        row = model.objects.order_by().aggregate(
            count=Count("pk"), top=Max("pk"), last=Max("updated_at")
        )
        parts.append((row["count"], row["top"], row["last"]))
    return tuple(parts)


def office_hours() -> dict[int, tuple[Period, ...]]:
    """The weekly office hours from the database (the defaults while the table is empty)."""
    rows = list(
        OfficeHours.objects.order_by("weekday", "start").values_list("weekday", "start", "end")
    )
    if not rows:
        return dict(DEFAULT_OFFICE_HOURS)
    hours: dict[int, list[Period]] = {weekday: [] for weekday in range(7)}
    for weekday, start, end in rows:
        hours[weekday].append((start, end))
    return {weekday: tuple(periods) for weekday, periods in hours.items()}


def build_work_calendar() -> WorkCalendar:
    """A fresh calendar: Vietnam's holidays, the overrides and the office hours."""
    overrides = list(CalendarOverride.objects.values_list("day", "kind"))
    return WorkCalendar.for_vietnam(
        days_off=[day for day, kind in overrides if kind == OverrideKind.DAY_OFF],
        extra_working_days=[day for day, kind in overrides if kind == OverrideKind.WORKING_DAY],
        office_hours=office_hours(),
    )


def get_work_calendar() -> WorkCalendar:
    """The agency's working-day calendar, rebuilt only when its configuration changed."""
    global _cache
    fingerprint = _fingerprint()
    cached = _cache
    if cached is not None and cached[0] == fingerprint:
        return cached[1]
    with _lock:
        calendar = build_work_calendar()
        _cache = (fingerprint, calendar)
    return calendar


def due_date(*, start: datetime, working_days: Number, cutoff: time | None = None) -> datetime:
    """The due date of `working_days` counted from `start` on the agency's calendar.

    See `WorkCalendar.due_for_procedure`: next working instant, afternoon `cutoff`,
    zero days meaning the closing time of the same working day.
    """
    return get_work_calendar().due_for_procedure(start, working_days, cutoff)


class ProcedureLimits(Protocol):
    """What the clock needs of a catalog procedure (the catalog's `Procedure` has both)."""

    time_limit_days: Decimal | None
    cutoff_time: time | None


def procedure_due_date(*, start: datetime, procedure: ProcedureLimits) -> datetime:
    """The due date of a dossier of `procedure` received at `start`: its limit and cut-off."""
    if procedure.time_limit_days is None:
        raise Unprocessable(
            _("Thủ tục này không quy định thời hạn giải quyết theo ngày làm việc."),
            field="procedure",
        )
    return due_date(
        start=start, working_days=procedure.time_limit_days, cutoff=procedure.cutoff_time
    )


class DayKind(models.TextChoices):
    WORKING = "working", _("Ngày làm việc")
    WEEKEND = "weekend", _("Nghỉ cuối tuần")
    PUBLIC_HOLIDAY = "public_holiday", _("Nghỉ lễ, Tết")
    SWAPPED_WORKING = "swapped_working", _("Làm việc bù")
    OVERRIDE_DAY_OFF = "override_day_off", _("Nghỉ theo quyết định địa phương")
    OVERRIDE_WORKING = "override_working", _("Làm việc theo quyết định địa phương")


# The kinds that are exceptions to the weekly pattern, shown in lists of special days.
SPECIAL_KINDS = frozenset(
    {
        DayKind.PUBLIC_HOLIDAY,
        DayKind.SWAPPED_WORKING,
        DayKind.OVERRIDE_DAY_OFF,
        DayKind.OVERRIDE_WORKING,
    }
)


@dataclass(frozen=True, slots=True)
class CalendarDay:
    day: date
    kind: DayKind
    is_working: bool
    name: str = ""  # the holiday's name or the override's reason

    @property
    def is_special(self) -> bool:
        return self.kind in SPECIAL_KINDS


def year_calendar(year: int, calendar: WorkCalendar | None = None) -> list[CalendarDay]:
    """Every day of `year` with its kind, in the precedence the clock applies."""
    calendar = calendar or get_work_calendar()
    names = vietnam_holiday_names(year)
    swapped = vietnam_working_saturdays(year)
    overrides = {row.day: row for row in CalendarOverride.objects.filter(day__year=year)}
    days: list[CalendarDay] = []
    day = date(year, 1, 1)
    while day.year == year:
        is_working = calendar.is_working_day(day)
        override = overrides.get(day)
        if override is not None and override.kind == OverrideKind.WORKING_DAY:
            entry = CalendarDay(day, DayKind.OVERRIDE_WORKING, is_working, override.reason)
        elif override is not None:
            entry = CalendarDay(day, DayKind.OVERRIDE_DAY_OFF, is_working, override.reason)
        elif day in swapped:
            entry = CalendarDay(day, DayKind.SWAPPED_WORKING, is_working, _swap_name(day, names))
        elif day in names:
            entry = CalendarDay(day, DayKind.PUBLIC_HOLIDAY, is_working, names[day])
        elif is_working:
            entry = CalendarDay(day, DayKind.WORKING, is_working)
        else:
            entry = CalendarDay(day, DayKind.WEEKEND, is_working)
        days.append(entry)
        day += timedelta(days=1)
    return days


def _swap_name(day: date, names: dict[date, str]) -> str:
    """The day off that a working Saturday pays for, as the holidays package names it."""
    marker = f"{day:%d/%m/%Y}"
    for off_day, name in names.items():
        if marker in name:
            return str(_("Làm bù cho ngày nghỉ %(day)s") % {"day": f"{off_day:%d/%m/%Y}"})
    return str(_("Làm việc bù"))
