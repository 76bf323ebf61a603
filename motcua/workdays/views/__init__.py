"""The staff page of the working calendar: a year's days off, swapped days and overrides."""

import calendar as stdlib_calendar
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.core import clock
from motcua.workdays import selectors
from motcua.workdays.api.serializers import MAX_YEAR, MIN_YEAR
from motcua.workdays.models import Weekday
from motcua.workdays.selectors import CalendarDay, DayKind

# Visible short labels in the month grids; the legend and a hidden text give the long ones.
SHORT_LABELS = {
    DayKind.PUBLIC_HOLIDAY: gettext_lazy("Lễ"),
    DayKind.SWAPPED_WORKING: gettext_lazy("Làm bù"),
    DayKind.OVERRIDE_DAY_OFF: gettext_lazy("Nghỉ"),
    DayKind.OVERRIDE_WORKING: gettext_lazy("Làm"),
}
WEEKDAY_SHORT = [
    gettext_lazy("T2"),
    gettext_lazy("T3"),
    gettext_lazy("T4"),
    gettext_lazy("T5"),
    gettext_lazy("T6"),
    gettext_lazy("T7"),
    gettext_lazy("CN"),
]


@dataclass(frozen=True)
class Cell:
    day: CalendarDay
    short_label: str
    long_label: str


def _cell(day: CalendarDay) -> Cell:
    long_label = str(day.kind.label) + (f" — {day.name}" if day.name else "")
    return Cell(day, str(SHORT_LABELS.get(day.kind, "")), long_label)


def _months(year: int, days: list[CalendarDay]) -> list[dict]:
    by_date = {day.day: _cell(day) for day in days}
    weeks_of = stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar
    return [
        {
            "number": month,
            "weeks": [
                [by_date[d] if d.month == month else None for d in week]
                for week in weeks_of(year, month)
            ],
        }
        for month in range(1, 13)
    ]


def _year_from(request: HttpRequest, current: int) -> tuple[int, str]:
    raw = request.GET.get("year", "").strip()
    if not raw:
        return current, ""
    if raw.isdigit() and MIN_YEAR <= int(raw) <= MAX_YEAR:
        return int(raw), ""
    notice = _(
        "Năm “%(year)s” không hợp lệ (cần từ %(min)s đến %(max)s); đang hiển thị năm %(current)s."
    )
    return current, notice % {
        "year": raw[:10],
        "min": MIN_YEAR,
        "max": MAX_YEAR,
        "current": current,
    }


@login_required
def calendar_page(request: HttpRequest) -> HttpResponse:
    if not request.user.is_staff_member:
        raise PermissionDenied
    current = clock.local(clock.now()).year
    year, notice = _year_from(request, current)
    work_calendar = selectors.get_work_calendar()
    days = selectors.year_calendar(year, work_calendar)
    hours = selectors.office_hours()
    context = {
        "year": year,
        "current_year": current,
        "previous_year": year - 1 if year > MIN_YEAR else None,
        "next_year": year + 1 if year < MAX_YEAR else None,
        "notice": notice,
        "special_days": [_cell(day) for day in days if day.is_special],
        "working_day_count": sum(1 for day in days if day.is_working),
        "months": _months(year, days),
        "weekday_headers": list(zip(WEEKDAY_SHORT, Weekday.labels, strict=True)),
        "office_hours": [
            (Weekday(weekday).label, periods) for weekday, periods in sorted(hours.items())
        ],
        "kinds": [(SHORT_LABELS.get(kind, ""), kind.label) for kind in DayKind],
    }
    return render(request, "workdays/calendar.html", context)
