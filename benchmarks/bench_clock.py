"""Benchmark of the working-day clock: a million due dates, against a day-by-day walk.

Run with `.venv/bin/python benchmarks/bench_clock.py` (or `make bench`). No database: the
calendar is built directly from the `holidays` package, as `WorkCalendar.for_vietnam()`.
The naive method walks day by day asking `holidays` whether each day is off; it runs on a
smaller sample, is checked to agree with the clock on every call of that sample, and its
per-call time is extrapolated to a million.
"""

import random
import sys
import time as timer
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import holidays

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from motcua.workdays.clock import WorkCalendar  # noqa: E402

VN = ZoneInfo("Asia/Ho_Chi_Minh")
FAST_CALLS = 1_000_000
NAIVE_CALLS = 20_000
SEED = 20260327
PERIODS = ((time(7, 30), time(11, 30)), (time(13, 0), time(17, 0)))
HOURS_PER_DAY = 8
CUTOFF = time(15, 0)


# The naive method -----------------------------------------------------------------------

VN_HOLIDAYS = holidays.country_holidays("VN", years=range(2024, 2030))
WORKING_SATURDAYS = frozenset(VN_HOLIDAYS.weekend_workdays)


def naive_is_working_day(day: date) -> bool:
    if day in WORKING_SATURDAYS:
        return True
    return day.weekday() < 5 and day not in VN_HOLIDAYS


def naive_next_opening(moment: datetime) -> datetime:
    """The naive local `moment` itself if inside office hours, else the next opening."""
    day, clock_time = moment.date(), moment.time()
    while True:
        if naive_is_working_day(day):
            for start, end in PERIODS:
                if clock_time < end:
                    return datetime.combine(day, max(clock_time, start))
        day += timedelta(days=1)
        clock_time = time.min


def naive_due(received: datetime, days: Decimal | int, cutoff: time | None) -> datetime:
    """Same rules as `WorkCalendar.due_for_procedure`, walking one day at a time."""
    start = naive_next_opening(received.astimezone(VN).replace(tzinfo=None))
    if cutoff is not None and start.time() >= cutoff:
        start = naive_next_opening(datetime.combine(start.date() + timedelta(days=1), time.min))
    if days == 0:
        return datetime.combine(start.date(), PERIODS[-1][1], tzinfo=VN)
    remaining = timedelta(hours=HOURS_PER_DAY) * float(days)
    moment = start
    while True:
        if naive_is_working_day(moment.date()):
            for period_start, period_end in PERIODS:
                begin = max(moment, datetime.combine(moment.date(), period_start))
                end = datetime.combine(moment.date(), period_end)
                if begin >= end:
                    continue
                if remaining <= end - begin:
                    return (begin + remaining).replace(tzinfo=VN)
                remaining -= end - begin
        moment = datetime.combine(moment.date() + timedelta(days=1), time.min)


# The sample -----------------------------------------------------------------------------


def sample(count: int, rng: random.Random) -> list[tuple[datetime, Decimal | int, time | None]]:
    """Random receipts in 2024-2027 (to the second), limits 0-35 days, half with a cut-off."""
    first = datetime(2024, 1, 1, tzinfo=VN)
    span = int((datetime(2028, 1, 1, tzinfo=VN) - first).total_seconds())
    cases = []
    for _ in range(count):
        received = first + timedelta(seconds=rng.randrange(span))
        days: Decimal | int = rng.randint(0, 35)
        if rng.random() < 0.1:
            days = Decimal(days) + Decimal("0.5")
        cases.append((received, days, CUTOFF if rng.random() < 0.5 else None))
    return cases


def main() -> None:
    rng = random.Random(SEED)
    print(f"Working-day clock benchmark (Python {sys.version.split()[0]}, seed {SEED})")

    built = timer.perf_counter()
    calendar = WorkCalendar.for_vietnam()
    for year in range(2024, 2030):
        calendar.is_working_day(date(year, 1, 1))  # build the year tables up front
    build_s = timer.perf_counter() - built
    print(f"  year tables 2024-2029 built in {build_s * 1000:.1f} ms")

    naive_cases = sample(NAIVE_CALLS, rng)
    due = calendar.due_for_procedure
    started = timer.perf_counter()
    fast_results = [due(received, days, cutoff) for received, days, cutoff in naive_cases]
    fast_small_s = timer.perf_counter() - started
    started = timer.perf_counter()
    naive_results = [naive_due(received, days, cutoff) for received, days, cutoff in naive_cases]
    naive_s = timer.perf_counter() - started
    mismatches = [
        (case, fast, naive)
        for case, fast, naive in zip(naive_cases, fast_results, naive_results, strict=True)
        if fast != naive
    ]
    assert not mismatches, f"{len(mismatches)} disagreements, first: {mismatches[0]}"
    print(f"  agreement: clock == naive walk on all {NAIVE_CALLS:,} sampled due dates")

    cases = sample(FAST_CALLS, rng)
    started = timer.perf_counter()
    for received, days, cutoff in cases:
        due(received, days, cutoff)
    fast_s = timer.perf_counter() - started

    fast_per_call = fast_s / FAST_CALLS
    naive_per_call = naive_s / NAIVE_CALLS
    print()
    print(f"  {'method':<34}{'calls':>11}{'per call':>14}{'for 1,000,000':>16}")
    print(
        f"  {'clock (bisect on year tables)':<34}{FAST_CALLS:>11,}"
        f"{fast_per_call * 1e6:>11.2f} µs{fast_s:>14.2f} s"
    )
    print(
        f"  {'clock, same 20k sample as naive':<34}{NAIVE_CALLS:>11,}"
        f"{fast_small_s / NAIVE_CALLS * 1e6:>11.2f} µs{fast_small_s / NAIVE_CALLS * 1e6:>14.2f} s"
    )
    print(
        f"  {'naive day-by-day walk':<34}{NAIVE_CALLS:>11,}"
        f"{naive_per_call * 1e6:>11.2f} µs{naive_per_call * FAST_CALLS:>14.2f} s (extrapolated)"
    )
    print(f"  speed-up: {naive_per_call / fast_per_call:.1f}×")


if __name__ == "__main__":
    main()
