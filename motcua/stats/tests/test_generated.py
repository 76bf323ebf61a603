"""II.06a on generated dossiers (`manage.py generate_dossiers`' simulation): the totals reconcile
for every kind of period, every row reconciles, and each column equals what a plain Python
reading of the same dossiers finds (the rules as the module docstring states them)."""

from datetime import date, datetime

import pytest

from motcua.core import periods
from motcua.core.demo import load_demo
from motcua.dossiers.management.generate import generate
from motcua.dossiers.models import Channel, Dossier, Outcome
from motcua.dossiers.workflow import Status
from motcua.stats.selectors import Counts, ii06a
from motcua.stats.tests.conftest import vn
from motcua.workdays.selectors import get_work_calendar

pytestmark = pytest.mark.django_db

NOW = vn(2026, 5, 14, 10, 0)
COUNT = 2_500


@pytest.fixture
def generated(db):
    demo = load_demo()
    generate(
        count=COUNT, calendar=get_work_calendar(), now=NOW, years=(2025, 2026), seed=11, workers=1
    )
    return demo


def read_by_hand(period: periods.Period, until: datetime) -> Counts:
    """Each dossier placed in the period by plain Python, from its stored fields."""
    start, end = period.start_at, min(period.end_at, until)
    counts = Counts()
    rows = Dossier.objects.values(
        "status", "channel", "received_at", "resolved_at", "closed_at", "due_at",
        "multiple_supplements", "outcome",
    )  # fmt: skip
    for d in rows:
        received, resolved, closed = d["received_at"], d["resolved_at"], d["closed_at"]
        refused_unreceived = received is None and d["status"] == Status.REFUSED
        if received is None and not refused_unreceived:
            continue  # never reached the agency
        finished = min((t for t in (resolved, closed) if t is not None), default=None)
        arrived = (received is not None and start <= received < end) or (
            refused_unreceived and start <= closed < end
        )
        carried = (
            received is not None and received < start and (finished is None or finished >= start)
        )
        if not (arrived or carried):
            continue
        counts.received_total += 1
        if arrived and d["channel"] == Channel.ONLINE:
            counts.received_online += 1
        elif arrived:
            counts.received_direct_postal += 1
        else:
            counts.carried_over += 1
        if resolved is not None and start <= resolved < end:
            counts.resolved_total += 1
            field = {
                Outcome.EARLY: "resolved_early",
                Outcome.ON_TIME: "resolved_on_time",
                Outcome.LATE: "resolved_late",
            }[d["outcome"]]
            setattr(counts, field, getattr(counts, field) + 1)
        elif finished is None or finished >= end:
            counts.in_progress_total += 1
            late = d["multiple_supplements"] or (d["due_at"] is not None and d["due_at"] < end)
            if late:
                counts.in_progress_overdue += 1
            else:
                counts.in_progress_within += 1
        else:
            counts.ended_unresolved += 1
    return counts


PERIODS = [
    periods.year(2025),
    periods.year(2026),  # not over at NOW: counted up to NOW
    periods.quarter(2025, 3),
    periods.quarter(2026, 2),
    periods.month(2025, 12),
    periods.custom(date(2025, 6, 15), date(2026, 2, 10)),
]


def test_generated_dossiers_reconcile_and_match_a_plain_reading(generated):
    department = generated["department"]
    assert Dossier.objects.count() == COUNT
    kinds = set(Dossier.objects.values_list("status", flat=True))
    assert {Status.REFUSED, Status.WITHDRAWN, Status.STOPPED, Status.RETURNED} <= kinds
    for period in PERIODS:
        report = ii06a(department, period, at=NOW)
        assert report.reconciles, period.label
        assert report.total.received_total > 0, period.label
        for block in report.by_unit:
            assert block.counts.reconciles, (period.label, block.unit_name)
            assert all(line.counts.reconciles for line in block.fields)
        assert report.total == read_by_hand(period, NOW), period.label
    year = ii06a(department, periods.year(2025), at=NOW)
    assert year.total.carried_over == 0  # nothing was generated before 2025
    assert (
        year.total.in_progress_total
        == ii06a(department, periods.year(2026), at=NOW).total.carried_over
    )
