"""The period rules of `motcua.dossiers.statistics` that II.06a counts with, checked on random
but consistent dossier histories (hypothesis): every dossier a period deals with ends it in
exactly one of resolved, still open or ended without a result, and the columns reconcile."""

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.core.periods import custom
from motcua.dossiers import statistics as rules
from motcua.dossiers.models import Channel, Dossier, Outcome
from motcua.dossiers.workflow import Status
from motcua.stats.selectors import ii06a
from motcua.stats.tests.conftest import AFTER, QUARTER, vn

pytestmark = pytest.mark.django_db

BASE = vn(2025, 12, 1)  # histories start in the month before the periods below
HOUR = timedelta(hours=1)


@st.composite
def history(draw) -> dict:  # type: ignore[no-untyped-def]
    """A dossier's fields as the services would leave them at some point of its life."""
    kind = draw(st.sampled_from(["submitted", "withdrawn-unreceived", "refused", "received"]))
    channel = draw(st.sampled_from(list(Channel)))
    at = BASE + draw(st.integers(0, 24 * 120)) * HOUR
    if kind != "received":
        channel = Channel.ONLINE  # only online submissions wait to be received
        status = {"submitted": Status.SUBMITTED, "withdrawn-unreceived": Status.WITHDRAWN}.get(
            kind, Status.REFUSED
        )
        return {
            "channel": channel,
            "status": status,
            "submitted_at": at,
            "closed_at": None if kind == "submitted" else at + draw(st.integers(0, 48)) * HOUR,
        }
    fate = draw(
        st.sampled_from(["open", "refused", "withdrawn", "stopped", "resolved", "returned"])
    )
    opened = [Status.RECEIVED, Status.PROCESSING, Status.WAITING_SUPPLEMENT]
    due = st.one_of(st.none(), st.integers(0, 24 * 20).map(lambda h: at + h * HOUR))
    later = at + draw(st.integers(0, 24 * 40)) * HOUR
    values: dict = {
        "channel": channel,
        "submitted_at": at,
        "received_at": at,
        "due_at": draw(due),
        "multiple_supplements": draw(st.booleans()),
        "status": draw(st.sampled_from(opened)),
    }
    if fate in ("refused", "withdrawn", "stopped"):
        values["status"] = {
            "refused": Status.REFUSED,
            "withdrawn": Status.WITHDRAWN,
            "stopped": Status.STOPPED,
        }[fate]
        values["closed_at"] = later
    elif fate in ("resolved", "returned"):
        values["status"] = Status.RESOLVED if fate == "resolved" else Status.RETURNED
        values["resolved_at"] = later
        values["outcome"] = draw(st.sampled_from(list(Outcome)))
        if fate == "returned":
            values["closed_at"] = later + draw(st.integers(0, 24 * 5)) * HOUR
    return values


def members(condition) -> set[int]:  # type: ignore[no-untyped-def]
    return set(Dossier.objects.filter(condition).values_list("pk", flat=True))


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    histories=st.lists(history(), min_size=1, max_size=8),
    start_day=st.integers(0, 90),
    length=st.integers(1, 60),
)
def test_each_dossier_in_scope_ends_the_period_in_exactly_one_place(
    make_dossier, units, histories, start_day, length
):
    Dossier.objects.all().delete()
    for values in histories:
        make_dossier(**values)
    first = (BASE + timedelta(days=start_day)).date()
    period = custom(first, first + timedelta(days=length - 1))
    start, end = period.start_at, period.end_at

    everyone = set(Dossier.objects.values_list("pk", flat=True))
    in_scope = members(rules.in_scope(start, end))
    arrived, carried = members(rules.arrived_in(start, end)), members(rules.carried_over(start))
    assert arrived.isdisjoint(carried) and in_scope == arrived | carried
    assert in_scope <= members(rules.counted())
    ends = [
        members(rules.resolved_in(start, end)),
        members(rules.open_at(end)),
        members(rules.ended_unresolved_in(start, end)),
    ]
    for pk in everyone:
        places = sum(pk in end_set for end_set in ends)
        assert places == (1 if pk in in_scope else 0), pk
    open_now = ends[1]
    within, late = members(rules.open_within_time_at(end)), members(rules.open_late_at(end))
    assert within.isdisjoint(late) and within | late == open_now

    report = ii06a(units["department"], period, at=AFTER)
    assert report.reconciles
    assert report.total.received_total == len(in_scope)


def test_an_open_dossier_without_a_due_date_is_within_time(make_dossier):
    """Fixed in `dossiers.statistics`: "within time" was `due_at >= end`, so an open dossier
    with no due date was neither within time nor overdue and (11) ≠ (12) + (13)."""
    dossier = make_dossier(received_at=vn(2026, 1, 5, 8), due_at=None)
    end = QUARTER.end_at
    assert members(rules.open_at(end)) == {dossier.pk}
    assert members(rules.open_within_time_at(end)) == {dossier.pk}
    assert members(rules.open_late_at(end)) == set()
    twice = make_dossier(received_at=vn(2026, 1, 5, 8), due_at=None, multiple_supplements=True)
    assert members(rules.open_late_at(end)) == {twice.pk}


def test_period_edges_belong_to_the_period_that_starts_there(make_dossier):
    """Received at 00:00 on the first day: arrived, not carried over; resolved at 00:00 on the
    day after the last: still open at the end."""
    start, end = QUARTER.start_at, QUARTER.end_at
    at_start = make_dossier(received_at=start, due_at=start + 30 * HOUR)
    at_end = make_dossier(
        received_at=start,
        due_at=end + HOUR,
        resolved_at=end,
        outcome=Outcome.EARLY,
        status=Status.RESOLVED,
    )
    assert members(rules.arrived_in(start, end)) == {at_start.pk, at_end.pk}
    assert members(rules.carried_over(start)) == set()
    assert members(rules.resolved_in(start, end)) == set()
    assert members(rules.open_within_time_at(end)) == {at_end.pk}
