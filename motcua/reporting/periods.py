"""Pure rules of reporting periods (Decree 09/2019/NĐ-CP Art. 12): cut-off dates from the
frequency, deadlines from a rule, and the move of a deadline that falls on a day off.

No database: the working-day question is asked of a `WorkCalendar` passed in
(`motcua.workdays.selectors.get_work_calendar()` in the services).

Cut-offs (DOMAIN.md §10):
- month m: 15th of the month before to 14th of month m (Decree 09 Art. 12.1.a);
- quarter q: 15th of the month before the quarter to 14th of the quarter's last month;
- half-year: 15/12 of the year before to 14/6, then 15/6 to 14/12;
- year: 15/12 of the year before to 14/12;
- once: the calendar year (a plan or a one-off report asked once in that year).
"""

import calendar as gregorian
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from django.db import models
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    ONCE = "once", _("Một lần trong năm")
    MONTHLY = "monthly", _("Hằng tháng")
    QUARTERLY = "quarterly", _("Hằng quý")
    HALF_YEARLY = "half_yearly", _("6 tháng")
    YEARLY = "yearly", _("Hằng năm")


class DeadlineRule(models.TextChoices):
    DAY_OF_LAST_MONTH = "day_of_last_month", _("Ngày D của tháng cuối kỳ")
    FIXED_DATE = "fixed_date", _("Ngày D tháng M của năm báo cáo")
    DAYS_AFTER_CUTOFF = "days_after_cutoff", _("D ngày sau ngày chốt số liệu")


class DayOffShift(models.TextChoices):
    PREVIOUS = "previous", _("Lùi về ngày làm việc liền trước")
    NEXT = "next", _("Chuyển sang ngày làm việc liền sau")
    NONE = "none", _("Giữ nguyên")


PERIODS_PER_YEAR = {
    Frequency.ONCE: 1,
    Frequency.MONTHLY: 12,
    Frequency.QUARTERLY: 4,
    Frequency.HALF_YEARLY: 2,
    Frequency.YEARLY: 1,
}

# How far the shift of a deadline may search for a working day before giving up (a calendar
# with no working day in three weeks is misconfigured).
MAX_SHIFT_DAYS = 21


class WorkingDays(Protocol):
    def is_working_day(self, day: date) -> bool: ...


@dataclass(frozen=True)
class Cutoff:
    """One period's numbering and its data cut-off dates (both inclusive)."""

    year: int
    number: int
    starts_on: date
    ends_on: date

    @property
    def last_month(self) -> tuple[int, int]:
        """(year, month) of the period's last month: the month of the cut-off end."""
        return self.ends_on.year, self.ends_on.month


def _clamped(year: int, month: int, day: int) -> date:
    """`day` of the month, or its last day when the month is shorter (31 → 30 June)."""
    return date(year, month, min(day, gregorian.monthrange(year, month)[1]))


def _month_before(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def cutoff(frequency: str, year: int, number: int) -> Cutoff:
    """The cut-off dates of period `number` (1-based) of `year`."""
    count = PERIODS_PER_YEAR[Frequency(frequency)]
    if not 1 <= number <= count:
        raise ValueError(f"{frequency} has periods 1 to {count}, not {number}")
    if frequency == Frequency.ONCE:
        return Cutoff(year, number, date(year, 1, 1), date(year, 12, 31))
    months = 12 // count  # 1, 3, 6 or 12 months per period
    last_month = number * months
    first_month = last_month - months + 1
    start_year, start_month = _month_before(year, first_month)
    return Cutoff(year, number, date(start_year, start_month, 15), date(year, last_month, 14))


def cutoffs(frequency: str, year: int) -> list[Cutoff]:
    return [cutoff(frequency, year, n) for n in range(1, PERIODS_PER_YEAR[frequency] + 1)]


def nominal_deadline(period: Cutoff, rule: str, *, day: int, month: int | None = None) -> date:
    """The deadline the rule gives, before any move off a day off.

    - day of the last month: day `day` of the month in which the cut-off ends (the 10th of
      the quarter's last month);
    - fixed date: `day`/`month` of the period's year (5 December, 5 April);
    - days after the cut-off: `day` calendar days after the cut-off end.
    """
    if rule == DeadlineRule.DAY_OF_LAST_MONTH:
        year, last = period.last_month
        return _clamped(year, last, day)
    if rule == DeadlineRule.FIXED_DATE:
        if month is None:
            raise ValueError("a fixed-date deadline needs a month")
        return _clamped(period.year, month, day)
    if rule == DeadlineRule.DAYS_AFTER_CUTOFF:
        return period.ends_on + timedelta(days=day)
    raise ValueError(f"unknown deadline rule {rule!r}")


def shift_off_day(day: date, shift: str, calendar: WorkingDays) -> date:
    """`day` itself when it is a working day, else the working day before (or after)."""
    if shift == DayOffShift.NONE or calendar.is_working_day(day):
        return day
    step = timedelta(days=-1 if shift == DayOffShift.PREVIOUS else 1)
    candidate = day
    for _attempt in range(MAX_SHIFT_DAYS):
        candidate += step
        if calendar.is_working_day(candidate):
            return candidate
    raise ValueError(f"no working day within {MAX_SHIFT_DAYS} days of {day}")


def deadline(
    period: Cutoff,
    rule: str,
    *,
    day: int,
    month: int | None = None,
    shift: str = DayOffShift.PREVIOUS,
    calendar: WorkingDays,
) -> date:
    """The deadline of `period`: the rule's date, moved off a day off as `shift` says."""
    return shift_off_day(nominal_deadline(period, rule, day=day, month=month), shift, calendar)


def working_days_before(day: date, count: int, calendar: WorkingDays) -> date:
    """The working day `count` working days before `day` (`day` itself when count is 0)."""
    candidate = day
    remaining = count
    while remaining > 0:
        candidate -= timedelta(days=1)
        if calendar.is_working_day(candidate):
            remaining -= 1
    return candidate


def period_label(frequency: str, year: int, number: int) -> str:
    """ "Quý I năm 2026", "Tháng 3 năm 2026", "6 tháng đầu năm 2026", "Năm 2026"."""
    if frequency == Frequency.QUARTERLY:
        roman = ["I", "II", "III", "IV"][number - 1]
        return str(_("Quý %(q)s năm %(y)s")) % {"q": roman, "y": year}
    if frequency == Frequency.MONTHLY:
        return str(_("Tháng %(m)s năm %(y)s")) % {"m": number, "y": year}
    if frequency == Frequency.HALF_YEARLY:
        if number == 1:
            return str(_("6 tháng đầu năm %(y)s")) % {"y": year}
        return str(_("6 tháng cuối năm %(y)s")) % {"y": year}
    return str(_("Năm %(y)s")) % {"y": year}
