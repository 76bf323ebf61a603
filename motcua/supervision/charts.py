"""Geometry of the control room's server-drawn SVG charts (no JavaScript); pure functions.
Every chart also has its table, which is the text alternative."""

from dataclasses import dataclass
from decimal import Decimal

from motcua.supervision.selectors import WeekFlow

HEIGHT = 100  # drawing units of the bars' area
GROUP = 10  # width of a week: two bars of 4 and a gap of 2
BAR = 4


@dataclass(frozen=True)
class Bar:
    x: int
    y: Decimal
    height: Decimal
    value: int


@dataclass(frozen=True)
class WeekBars:
    week: WeekFlow
    received: Bar
    resolved: Bar


@dataclass(frozen=True)
class WeeklyChart:
    width: int
    height: int
    top: int  # the value at the top of the area
    weeks: list[WeekBars]


MANTISSAS = (10, 12, 15, 20, 25, 30, 40, 50, 60, 80)


def _round_up(value: int) -> int:
    """A readable top of the scale, at least `value`: up to 10 the value itself, then 1, 1.2,
    1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten (5,423 → 6,000)."""
    if value <= 10:
        return max(value, 1)
    power = 1
    while True:
        for mantissa in MANTISSAS:
            if mantissa * power >= value:
                return mantissa * power
        power *= 10


def _bar(x: int, value: int, top: int) -> Bar:
    height = (Decimal(value) * HEIGHT / Decimal(top)).quantize(Decimal("0.1"))
    return Bar(x=x, y=Decimal(HEIGHT) - height, height=height, value=value)


def weekly_chart(weeks: list[WeekFlow]) -> WeeklyChart:
    top = _round_up(max([1, *(w.received for w in weeks), *(w.resolved for w in weeks)]))
    bars = [
        WeekBars(
            week=week,
            received=_bar(index * GROUP + 1, week.received, top),
            resolved=_bar(index * GROUP + 1 + BAR, week.resolved, top),
        )
        for index, week in enumerate(weeks)
    ]
    return WeeklyChart(width=len(weeks) * GROUP, height=HEIGHT, top=top, weeks=bars)
