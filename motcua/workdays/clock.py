"""The working-day clock: office time between instants and due dates, with no database.

Procedure time limits are working days of 8 working hours, counted only inside office hours
on working days (DOMAIN.md §4). `WorkCalendar` answers the questions every app asks of that
rule ("when is this dossier due?", "how much office time is left?") in microseconds of
office time, from per-year tables searched by bisection, so a long span costs the same as
a short one.

Conventions (tested in `tests/test_clock*.py`):
- Office periods are half-open, [opening, closing): 17:00 itself is not office time, so
  `next_working_instant(17:00)` is the next opening. A result of adding time may, however,
  land exactly on a closing: of all the instants that complete the requested amount, the
  earliest is returned, so work that ends with the afternoon period is due at 17:00 that day,
  not at 07:30 the next working day.
- Precedence for a date: an explicit extra working day (a database override) beats an
  explicit day off (an override), which beats a working Saturday of the holiday source,
  which beats a public holiday of the source, which beats the weekly office hours.
- An extra working day on a weekday without office hours (a swapped Saturday) keeps the
  periods of Monday (weekday 0), the ordinary Monday-Friday day.
- Wall-clock arithmetic in the calendar's time zone: right for Vietnam, which has no
  daylight saving time.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

import holidays

from motcua.core.clock import VIETNAM_TZ

Period = tuple[time, time]
Number = int | Decimal | float

DEFAULT_PERIODS: tuple[Period, ...] = ((time(7, 30), time(11, 30)), (time(13, 0), time(17, 0)))
DEFAULT_OFFICE_HOURS: dict[int, tuple[Period, ...]] = {
    **{weekday: DEFAULT_PERIODS for weekday in range(5)},
    5: (),
    6: (),
}
DEFAULT_HOURS_PER_DAY = 8

# The calendar refuses years outside this range: a search for office time that runs past it
# means a calendar without office hours or an absurd span, a bug upstream either way.
MIN_YEAR = 1900
MAX_YEAR = 2200

_US_PER_SECOND = 1_000_000
_US_PER_HOUR = 3600 * _US_PER_SECOND


@dataclass(frozen=True, slots=True)
class YearDays:
    """The exceptions to the weekly pattern that a holiday source gives for one year."""

    days_off: frozenset[date] = frozenset()
    working_days: frozenset[date] = frozenset()


HolidaySource = Callable[[int], YearDays]


@lru_cache(maxsize=512)
def vietnam_holiday_names(year: int) -> dict[date, str]:
    """Vietnam's public holidays and substitute days off of `year`, with Vietnamese names.

    From the `holidays` package (Labour Code Art. 112 plus the government's yearly swaps);
    never a hand-kept list. Callers must not mutate the returned dict (it is cached).
    """
    return dict(holidays.country_holidays("VN", years=year, language="vi"))


@lru_cache(maxsize=512)
def vietnam_working_saturdays(year: int) -> frozenset[date]:
    """The weekend days of `year` that the government turned into working days (swaps)."""
    known = holidays.country_holidays("VN", years=year).weekend_workdays
    return frozenset(day for day in known if day.year == year)


def vietnam_year_days(year: int) -> YearDays:
    """The `HolidaySource` for Vietnam: public holidays off, swapped Saturdays worked."""
    return YearDays(
        days_off=frozenset(vietnam_holiday_names(year)),
        working_days=vietnam_working_saturdays(year),
    )


@dataclass(frozen=True, slots=True)
class _YearTable:
    """Office time of one calendar year, in microseconds.

    `cumulative[i]` is the office time of the year before day `i` (day 0 is 1 January), so
    `total` is `cumulative[-1]`; `periods[i]` are day `i`'s office periods as microseconds
    since local midnight, and `midnights[i]` that midnight as an aware datetime.
    """

    year: int
    first_ordinal: int
    cumulative: list[int]
    periods: list[tuple[tuple[int, int], ...]]
    midnights: list[datetime]
    total: int


def _time_us(value: time) -> int:
    return (
        (value.hour * 60 + value.minute) * 60 + value.second
    ) * _US_PER_SECOND + value.microsecond


def _require_aware(instant: datetime) -> None:
    # `astimezone` would silently read a naive datetime as the server's local time.
    if getattr(instant, "tzinfo", None) is None:
        if not isinstance(instant, datetime):
            raise TypeError(f"expected a datetime, got {type(instant).__name__}")
        raise ValueError("naive datetime: the working-day clock needs an aware datetime")


def _check_periods(weekday: int, periods: Sequence[Period]) -> tuple[Period, ...]:
    ordered = tuple(sorted((start, end) for start, end in periods))
    previous_end: time | None = None
    for start, end in ordered:
        if start.tzinfo is not None or end.tzinfo is not None:
            raise ValueError("office hours are local wall-clock times, without tzinfo")
        if not start < end:
            raise ValueError(f"weekday {weekday}: period {start}-{end} must start before it ends")
        if previous_end is not None and start < previous_end:
            raise ValueError(f"weekday {weekday}: office periods overlap at {start}")
        previous_end = end
    return ordered


def to_microseconds(amount: Number | timedelta, *, unit_hours: Number = 1) -> int:
    """`amount` × `unit_hours` hours as whole microseconds (a timedelta is taken as is).

    Decimal arithmetic so that 0.5 day is exactly 4 h; floats go through their decimal text.
    """
    if isinstance(amount, timedelta):
        return amount // timedelta(microseconds=1)
    if isinstance(amount, bool):
        raise TypeError("a working-time amount cannot be a bool")
    value = Decimal(str(amount)) if isinstance(amount, float) else Decimal(amount)
    factor = Decimal(str(unit_hours)) if isinstance(unit_hours, float) else Decimal(unit_hours)
    if not value.is_finite() or not factor.is_finite():
        raise ValueError("a working-time amount must be a finite number")
    return int((value * factor * _US_PER_HOUR).to_integral_value(rounding=ROUND_HALF_UP))


class WorkCalendar:
    """Working days and office hours of one agency, and the arithmetic of office time.

    Built from explicit days off and extra working days (the database overrides), weekly
    office hours (weekday 0 = Monday → periods) and optionally a `holiday_source` giving
    each year's public holidays and swapped working Saturdays (`vietnam_year_days`).
    Per-year tables are built on first use and kept, so build one calendar and reuse it.
    """

    def __init__(
        self,
        days_off: Iterable[date] = (),
        extra_working_days: Iterable[date] = (),
        office_hours: Mapping[int, Sequence[Period]] | None = None,
        *,
        hours_per_day: Number = DEFAULT_HOURS_PER_DAY,
        holiday_source: HolidaySource | None = None,
        tz: tzinfo = VIETNAM_TZ,
    ) -> None:
        self.days_off = frozenset(days_off)
        self.extra_working_days = frozenset(extra_working_days)
        both = self.days_off & self.extra_working_days
        if both:
            raise ValueError(f"dates both off and working: {sorted(both)}")
        hours = DEFAULT_OFFICE_HOURS if office_hours is None else office_hours
        if any(weekday not in range(7) for weekday in hours):
            raise ValueError("office hours are keyed by weekday 0 (Monday) to 6 (Sunday)")
        self.office_hours: dict[int, tuple[Period, ...]] = {
            weekday: _check_periods(weekday, hours.get(weekday, ())) for weekday in range(7)
        }
        self.hours_per_day = hours_per_day
        self.day_us = to_microseconds(1, unit_hours=hours_per_day)
        if self.day_us <= 0:
            raise ValueError("hours_per_day must be positive")
        self.holiday_source = holiday_source
        self.tz = tz
        self._weekday_us = [tuple(map(_span_us, self.office_hours[w])) for w in range(7)]
        self._extra_day_us = self._weekday_us[0]
        self._years: dict[int, _YearTable] = {}
        self._day_us_cache: dict[Number, int] = {}

    @classmethod
    def for_vietnam(
        cls,
        days_off: Iterable[date] = (),
        extra_working_days: Iterable[date] = (),
        office_hours: Mapping[int, Sequence[Period]] | None = None,
        *,
        hours_per_day: Number = DEFAULT_HOURS_PER_DAY,
    ) -> WorkCalendar:
        """A calendar with Vietnam's public holidays and swaps, plus the given overrides."""
        return cls(
            days_off,
            extra_working_days,
            office_hours,
            hours_per_day=hours_per_day,
            holiday_source=vietnam_year_days,
        )

    # Days ----------------------------------------------------------------------------

    def is_working_day(self, day: date) -> bool:
        """Whether `day` has office time (see the precedence in the module docstring)."""
        table = self._table(day.year)
        index = day.toordinal() - table.first_ordinal
        return table.cumulative[index + 1] > table.cumulative[index]

    def periods_on(self, day: date) -> tuple[Period, ...]:
        """The office periods of `day` as local times; empty on a day off."""
        table = self._table(day.year)
        index = day.toordinal() - table.first_ordinal
        return tuple((_us_time(start), _us_time(end)) for start, end in table.periods[index])

    def working_days_in_year(self, year: int) -> int:
        table = self._table(year)
        return sum(1 for periods in table.periods if periods)

    # Instants ------------------------------------------------------------------------

    def next_working_instant(self, instant: datetime) -> datetime:
        """`instant` itself if it is inside office hours, else the next opening."""
        year, position = self._position(instant)
        return self._instant(*self._latest(year, position))

    def add_working_hours(self, instant: datetime, hours: Number | timedelta) -> datetime:
        """The earliest instant by which `hours` of office time have passed since `instant`.

        Counting starts at `next_working_instant(instant)`. Zero returns that instant;
        negative amounts raise ValueError (the clock never counts backwards).
        """
        amount = to_microseconds(hours)
        if amount < 0:
            raise ValueError("cannot add a negative amount of working time")
        year, position = self._position(instant)
        if amount == 0:
            return self._instant(*self._latest(year, position))
        return self._instant(*self._earliest(year, position + amount))

    def add_working_days(self, instant: datetime, days: Number) -> datetime:
        """`add_working_hours` of `days` × hours-per-day (0.5 day = 4 h by default)."""
        return self.add_working_hours(instant, timedelta(microseconds=self._days_us(days)))

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """The office time in [start, end).

        Antisymmetric: if `end` is before `start` the result is minus the office time in
        [end, start), so "time left until the due date" turns negative once it is overdue.
        Equal instants, or an interval wholly outside office hours, give zero.
        """
        year_a, position_a = self._position(start)
        year_b, position_b = self._position(end)
        if (year_a, position_a) > (year_b, position_b):
            return -self.working_time_between(end, start)
        total = position_b - position_a
        for year in range(year_a, year_b):
            total += self._table(year).total
        return timedelta(microseconds=total)

    def due_for_procedure(
        self, received_at: datetime, working_days: Number, cutoff: time | None = None
    ) -> datetime:
        """The appointment for a result: `working_days` of office time after receipt.

        Counting starts at the next working instant; if that is at or after the afternoon
        `cutoff` (local time), it starts at the next working day's opening instead. Zero
        days means "the same working day": its closing time.
        """
        days_us = self._days_us(working_days)
        if days_us < 0:
            raise ValueError("a time limit cannot be negative")
        year, position = self._position(received_at)
        table, index, moment = self._latest(year, position)
        position = table.cumulative[index] + _worked_before(table.periods[index], moment)
        if cutoff is not None and moment >= _time_us(cutoff):
            # The next working day's opening: the first office microsecond after today.
            table, index, moment = self._latest(table.year, table.cumulative[index + 1])
            position = table.cumulative[index]
        if days_us == 0:
            return self._instant(*self._earliest(table.year, table.cumulative[index + 1]))
        return self._instant(*self._earliest(table.year, position + days_us))

    # Internals -----------------------------------------------------------------------

    def _days_us(self, days: Number) -> int:
        if isinstance(days, bool):
            raise TypeError("a number of working days cannot be a bool")
        try:
            return self._day_us_cache[days]
        except (KeyError, TypeError):
            pass
        value = to_microseconds(days, unit_hours=self.hours_per_day)
        if len(self._day_us_cache) < 10_000:
            self._day_us_cache[days] = value
        return value

    def _table(self, year: int) -> _YearTable:
        table = self._years.get(year)
        if table is None:
            if not MIN_YEAR <= year <= MAX_YEAR:
                raise ValueError(f"year {year} is outside the calendar ({MIN_YEAR}-{MAX_YEAR})")
            table = self._build(year)
            self._years[year] = table
        return table

    def _build(self, year: int) -> _YearTable:
        source = self.holiday_source(year) if self.holiday_source else YearDays()
        first = date(year, 1, 1).toordinal()
        last = date(year, 12, 31).toordinal()
        cumulative = [0]
        periods: list[tuple[tuple[int, int], ...]] = []
        midnights: list[datetime] = []
        for ordinal in range(first, last + 1):
            day = date.fromordinal(ordinal)
            day_periods = self._day_periods(day, source)
            periods.append(day_periods)
            cumulative.append(cumulative[-1] + sum(end - start for start, end in day_periods))
            midnights.append(datetime.combine(day, time(), tzinfo=self.tz))
        return _YearTable(year, first, cumulative, periods, midnights, cumulative[-1])

    def _day_periods(self, day: date, source: YearDays) -> tuple[tuple[int, int], ...]:
        weekly = self._weekday_us[day.weekday()]
        if day in self.extra_working_days:
            return weekly or self._extra_day_us
        if day in self.days_off:
            return ()
        if day in source.working_days:
            return weekly or self._extra_day_us
        if day in source.days_off:
            return ()
        return weekly

    def _position(self, instant: datetime) -> tuple[int, int]:
        """(year, office time of that year before `instant`), in local time."""
        if getattr(instant, "tzinfo", None) is None:
            _require_aware(instant)
        local = instant.astimezone(self.tz)
        table = self._years.get(local.year) or self._table(local.year)
        index = local.toordinal() - table.first_ordinal
        moment = (
            (local.hour * 60 + local.minute) * 60 + local.second
        ) * _US_PER_SECOND + local.microsecond
        return local.year, table.cumulative[index] + _worked_before(table.periods[index], moment)

    def _earliest(self, year: int, position: int) -> tuple[_YearTable, int, int]:
        """The earliest (table, day, µs of day) by which `position` of office time is done.

        `position` > 0 is counted from the start of `year` and may run into later years.
        """
        table = self._years.get(year) or self._table(year)
        while position > table.total:
            position -= table.total
            table = self._table(table.year + 1)
        index = bisect.bisect_left(table.cumulative, position) - 1
        remainder = position - table.cumulative[index]
        for start, end in table.periods[index]:
            if remainder <= end - start:
                return table, index, start + remainder
            remainder -= end - start
        raise AssertionError("office-time tables are inconsistent")  # pragma: no cover

    def _latest(self, year: int, position: int) -> tuple[_YearTable, int, int]:
        """The instant at which the office microsecond after `position` starts.

        I.e. the instant itself inside office hours, the next opening otherwise.
        """
        table = self._years.get(year) or self._table(year)
        while position >= table.total:
            position -= table.total
            table = self._table(table.year + 1)
        index = bisect.bisect_right(table.cumulative, position) - 1
        remainder = position - table.cumulative[index]
        for start, end in table.periods[index]:
            if remainder < end - start:
                return table, index, start + remainder
            remainder -= end - start
        raise AssertionError("office-time tables are inconsistent")  # pragma: no cover

    def _instant(self, table: _YearTable, index: int, moment: int) -> datetime:
        return table.midnights[index] + timedelta(microseconds=moment)


def _span_us(period: Period) -> tuple[int, int]:
    return _time_us(period[0]), _time_us(period[1])


def _us_time(moment: int) -> time:
    seconds, micro = divmod(moment, _US_PER_SECOND)
    minutes, second = divmod(seconds, 60)
    hour, minute = divmod(minutes, 60)
    return time(hour, minute, second, micro)


def _worked_before(periods: tuple[tuple[int, int], ...], moment: int) -> int:
    """Office time of one day before `moment` (µs since local midnight)."""
    worked = 0
    for start, end in periods:
        if moment <= start:
            break
        if moment < end:
            return worked + moment - start
        worked += end - start
    return worked
