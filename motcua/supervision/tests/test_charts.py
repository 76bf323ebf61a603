"""The weekly chart's geometry (pure)."""

from datetime import date
from decimal import Decimal

from motcua.supervision.charts import _round_up, weekly_chart
from motcua.supervision.selectors import WeekFlow


def test_the_scale_tops_at_a_readable_number():
    assert [_round_up(v) for v in (0, 7, 11, 99, 101, 5000, 5423)] == [
        1,
        7,
        12,
        100,
        120,
        5000,
        6000,
    ]


def test_two_bars_a_week_scaled_to_the_top():
    chart = weekly_chart([WeekFlow(date(2026, 2, 23), 60, 30), WeekFlow(date(2026, 3, 2), 0, 45)])
    assert (chart.width, chart.height, chart.top) == (20, 100, 60)
    first, second = chart.weeks
    assert (first.received.x, first.received.height, first.received.y) == (
        1,
        Decimal("100.0"),
        Decimal("0.0"),
    )
    assert (first.resolved.x, first.resolved.height) == (5, Decimal("50.0"))
    assert (second.received.x, second.received.height) == (11, Decimal("0.0"))
    assert (second.resolved.height, second.resolved.value) == (Decimal("75.0"), 45)
