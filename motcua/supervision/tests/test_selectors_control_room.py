"""The control room's numbers, each counted by hand on a small dataset, and the lists behind
them (the same conditions). NOW is Wednesday 4 March 2026, 10:00; the period is March 2026.

The transfer procedure's internal process: officer 2 h, specialist 16 h, head 4 h (approval),
officer 2 h (handing back the result, after approval). Without history the remaining steps
take their configured hours: from step 1, 22 h; from step 2, 20 h; from step 3, 4 h.
From NOW, 22 office hours end on Monday 9 March 08:00, 20 on Friday 6 March 15:30 and 4 on
Wednesday 4 March 15:30."""

from datetime import timedelta

import pytest

from motcua.core.periods import month
from motcua.dossiers.models import Outcome
from motcua.dossiers.workflow import Status
from motcua.feedback.models import FeedbackKind
from motcua.feedback.services import Contact, feedback_file
from motcua.supervision import selectors
from motcua.supervision.models import StepDuration
from motcua.supervision.selectors import Flag, ScopeKind

from .conftest import DIPLOMA_COPY, NOW, TRANSFER, second_request, step, vn

pytestmark = pytest.mark.django_db

MARCH = month(2026, 3)


def counts_of(user, *, weeks: int = 12, period=MARCH) -> dict[str, int]:
    room = selectors.control_room(
        selectors.control_room_scope(user), now=NOW, period=period, weeks=weeks
    )
    return {c.flag.value: c.count for c in room.counts}


def codes(user, flag, period=MARCH) -> set[str]:
    scope = selectors.control_room_scope(user)
    context = selectors.FlagContext(now=NOW, period=period)
    return {d.code for d in selectors.flagged_dossiers(scope, flag, context)}


@pytest.fixture
def dataset(make_dossier, users, demo, units_outside):
    """One dossier per case; the comment says which numbers it belongs to."""
    me = users["chuyenvien"]
    made = {
        # overdue (assigned to the specialist)
        "A": make_dossier(
            due_at=NOW - timedelta(hours=1), current_step=step(TRANSFER, 2), assignee=me
        ),
        # overdue: past its extended date too; extended
        "B": make_dossier(due_at=NOW - timedelta(days=2), extended_due_at=NOW - timedelta(hours=1)),
        # not overdue: past the due date but not the extended one; extended
        "C": make_dossier(due_at=NOW - timedelta(hours=1), extended_due_at=NOW + timedelta(days=3)),
        # due today and at risk (step 2: due before Friday 15:30) (assigned)
        "D": make_dossier(
            due_at=vn(2026, 3, 4, 16, 0), current_step=step(TRANSFER, 2), assignee=me
        ),
        # at risk: one minute before the end of the remaining steps of step 1
        "E1": make_dossier(due_at=vn(2026, 3, 9, 7, 59), current_step=step(TRANSFER, 1)),
        # not at risk: exactly at it
        "E2": make_dossier(due_at=vn(2026, 3, 9, 8, 0), current_step=step(TRANSFER, 1)),
        # waiting for supplement (assigned)
        "F": make_dossier(
            status=Status.WAITING_SUPPLEMENT,
            due_at=NOW + timedelta(days=5),
            current_step=step(TRANSFER, 2),
            assignee=me,
        ),
        # waiting for supplement and overdue
        "G": make_dossier(status=Status.WAITING_SUPPLEMENT, due_at=NOW - timedelta(days=1)),
        # supplemented twice (in February), still open: a violation
        "H": make_dossier(
            multiple_supplements=True, supplement_count=2, due_at=NOW + timedelta(days=10)
        ),
        # returned; its second supplement request in March: a violation of the period
        "I": make_dossier(
            status=Status.RETURNED,
            multiple_supplements=True,
            supplement_count=2,
            resolved_at=vn(2026, 3, 3, 9, 0),
            outcome=Outcome.LATE,
        ),
        # returned; second request in January: not this period's
        "J": make_dossier(
            status=Status.RETURNED,
            multiple_supplements=True,
            supplement_count=2,
            resolved_at=vn(2026, 2, 3, 9, 0),
            outcome=Outcome.LATE,
        ),
        # stopped in March
        "K": make_dossier(status=Status.STOPPED, closed_at=vn(2026, 3, 3, 9, 0)),
        # stopped in February
        "L": make_dossier(status=Status.STOPPED, closed_at=vn(2026, 2, 20, 9, 0)),
        # due today but the clock is stopped (waiting for supplement): due today, not at risk
        "M": make_dossier(
            status=Status.WAITING_SUPPLEMENT,
            due_at=vn(2026, 3, 4, 16, 0),
            current_step=step(TRANSFER, 2),
        ),
        # resolved, past due: no longer open, none of the numbers
        "N": make_dossier(
            status=Status.RESOLVED,
            due_at=NOW - timedelta(days=3),
            resolved_at=NOW - timedelta(days=4),
            outcome=Outcome.EARLY,
        ),
        # another district's overdue dossier: not the department's
        "O": make_dossier(agency=units_outside, due_at=NOW - timedelta(days=1)),
    }
    second_request(made["H"], vn(2026, 2, 10, 9, 0), users["motcua"])  # before the period
    second_request(made["I"], vn(2026, 3, 2, 9, 0), users["motcua"])
    second_request(made["J"], vn(2026, 1, 20, 9, 0), users["motcua"])
    return made


@pytest.fixture
def units_outside(demo, levels_outside):
    from motcua.organization.services import unit_create

    return unit_create(name="UBND Quận 5", level=levels_outside, code="000.00.05.H29")


@pytest.fixture
def levels_outside(demo):
    from motcua.organization.models import UnitLevel

    return UnitLevel.objects.get(code="district")


EXPECTED_UNITS = {
    "overdue": {"A", "B", "G"},
    "due_today": {"D", "M"},
    "at_risk": {"D", "E1"},
    "supplement": {"F", "G", "M"},
    "violations": {"H", "I"},
    "extended": {"B", "C"},
    "stopped": {"K"},
}


def test_the_heads_numbers_are_counted_by_the_rules(dataset, users):
    assert counts_of(users["lanhdao"]) == {flag: len(v) for flag, v in EXPECTED_UNITS.items()}


@pytest.mark.parametrize("flag", list(EXPECTED_UNITS))
def test_each_number_opens_the_list_of_exactly_its_dossiers(dataset, users, flag):
    expected = {dataset[name].code for name in EXPECTED_UNITS[flag]}
    assert codes(users["lanhdao"], flag) == expected


def test_the_one_stop_officer_sees_the_units_numbers(dataset, users):
    scope = selectors.control_room_scope(users["motcua"])
    assert scope.kind == ScopeKind.UNITS
    assert counts_of(users["motcua"]) == counts_of(users["lanhdao"])


def test_the_specialist_sees_only_the_dossiers_assigned_to_them_and_no_stopped(dataset, users):
    specialist = users["chuyenvien"]
    assert selectors.control_room_scope(specialist).kind == ScopeKind.ASSIGNED
    assert counts_of(specialist) == {
        "overdue": 1,  # A
        "due_today": 1,  # D
        "at_risk": 1,  # D
        "supplement": 1,  # F
        "violations": 0,
        "extended": 0,
    }
    assert codes(specialist, Flag.OVERDUE) == {dataset["A"].code}


def test_the_stopped_and_violation_numbers_follow_the_period(dataset, users):
    february = month(2026, 2)
    numbers = counts_of(users["lanhdao"], period=february)
    assert numbers["stopped"] == 1  # L
    assert numbers["violations"] == 1  # H (open); J's second request was in January
    assert codes(users["lanhdao"], Flag.STOPPED, february) == {dataset["L"].code}


def test_at_risk_uses_the_median_of_recent_history_when_there_is_one(dataset, users):
    # Step 1 usually takes 30 minutes, step 2 usually 10 hours: from step 1 the remaining
    # steps take 0.5 + 10 + 4 = 14.5 h, ending Friday 6 March 08:30; from step 2, 14 h,
    # ending Friday 08:00 (the head's 4 h stay configured).
    for order, seconds in ((1, 1800), (2, 36000)):
        StepDuration.objects.create(
            procedure_code=TRANSFER,
            step_order=order,
            median_seconds=seconds,
            samples=5,
            computed_at=NOW,
        )
    remaining = selectors.remaining_seconds_by_step()
    assert remaining[step(TRANSFER, 1).pk] == 1800 + 36000 + 4 * 3600
    assert remaining[step(TRANSFER, 3).pk] == 4 * 3600
    assert step(TRANSFER, 4).pk not in remaining  # after approval
    # E1 (due Monday) is no longer at risk; D (due today) still is.
    assert codes(users["lanhdao"], Flag.AT_RISK) == {dataset["D"].code}


def test_at_risk_boundary_on_both_sides_of_the_head_step(make_dossier, users):
    head_step = step(TRANSFER, 3)  # 4 h remain: until 15:30 today
    inside = make_dossier(due_at=vn(2026, 3, 4, 15, 29), current_step=head_step)
    make_dossier(due_at=vn(2026, 3, 4, 15, 30), current_step=head_step)
    received = make_dossier(
        due_at=vn(2026, 3, 4, 15, 29), current_step=head_step, status=Status.RECEIVED
    )
    assert codes(users["lanhdao"], Flag.AT_RISK) == {inside.code, received.code}
    assert counts_of(users["lanhdao"])["at_risk"] == 2


def test_feedback_overdue_counts_open_items_past_their_step(demo, users, make_dossier):
    contact = Contact(name="Lê Văn Hùng", phone="0912888777")

    def file(at):
        return feedback_file(
            kind=FeedbackKind.PROCEDURE,
            title="Hỏi thời hạn",
            content="Nội dung",
            procedure_code=TRANSFER,
            contact=contact,
            at=at,
        )

    file(vn(2026, 2, 26, 9, 0))  # 2 working days to receive: due 2 March, overdue
    file(vn(2026, 3, 4, 9, 0))  # due 6 March
    room = selectors.control_room(
        selectors.control_room_scope(users["lanhdao"]), now=NOW, period=MARCH, weeks=4
    )
    assert room.feedback_overdue == 1
    specialist = selectors.control_room(
        selectors.control_room_scope(users["chuyenvien"]), now=NOW, period=MARCH, weeks=4
    )
    assert specialist.feedback_overdue == 0  # nothing assigned to them


def test_weekly_chart_counts_received_and_resolved_per_week(make_dossier, users):
    # Weeks: 16–22 Feb, 23 Feb–1 Mar, 2–8 Mar (this one so far).
    make_dossier(received_at=vn(2026, 2, 15, 23, 59))  # the week before: not shown
    make_dossier(received_at=vn(2026, 2, 16, 0, 0))  # week 1
    make_dossier(
        received_at=vn(2026, 2, 25, 8, 0),  # week 2
        status=Status.RESOLVED,
        resolved_at=vn(2026, 3, 3, 9, 0),  # week 3
        outcome=Outcome.ON_TIME,
    )
    # Refused at reception on 2 March: arrived in week 3, never received.
    make_dossier(
        status=Status.REFUSED, received_at=None, due_at=None, closed_at=vn(2026, 3, 2, 8, 0)
    )
    make_dossier(
        received_at=vn(2026, 1, 5, 8, 0),
        status=Status.RETURNED,
        resolved_at=vn(2026, 3, 1, 23, 59),  # Sunday: week 2
        outcome=Outcome.LATE,
    )
    # Submitted online, not yet received: not counted.
    make_dossier(status=Status.SUBMITTED, received_at=None, due_at=None)
    room = selectors.control_room(
        selectors.control_room_scope(users["lanhdao"]), now=NOW, period=MARCH, weeks=3
    )
    assert [(w.start.isoformat(), w.received, w.resolved) for w in room.weekly] == [
        ("2026-02-16", 1, 0),
        ("2026-02-23", 1, 1),
        ("2026-03-02", 1, 1),
    ]


def test_on_time_share_per_procedure_code_for_the_period(make_dossier, users):
    def resolved(code, outcome, day):
        make_dossier(
            procedure_code=code,
            status=Status.RETURNED,
            outcome=outcome,
            resolved_at=vn(2026, 3, day, 9, 0),
        )

    resolved(TRANSFER, Outcome.EARLY, 2)
    resolved(TRANSFER, Outcome.ON_TIME, 3)
    resolved(TRANSFER, Outcome.LATE, 3)
    resolved(DIPLOMA_COPY, Outcome.ON_TIME, 4)
    make_dossier(
        procedure_code=DIPLOMA_COPY,
        status=Status.RETURNED,
        outcome=Outcome.LATE,
        resolved_at=vn(2026, 2, 27, 9, 0),
    )  # February: not in the period
    room = selectors.control_room(
        selectors.control_room_scope(users["lanhdao"]), now=NOW, period=MARCH, weeks=1
    )
    assert [(r.code, r.resolved, r.on_time, r.late, str(r.share)) for r in room.on_time] == [
        (TRANSFER, 3, 2, 1, "66.7"),
        (DIPLOMA_COPY, 1, 1, 0, "100.0"),
    ]


def test_the_specialists_page_has_no_charts(make_dossier, users):
    make_dossier(status=Status.RETURNED, outcome=Outcome.LATE, resolved_at=vn(2026, 3, 2, 9))
    room = selectors.control_room(
        selectors.control_room_scope(users["chuyenvien"]), now=NOW, period=MARCH, weeks=4
    )
    assert not room.has_charts and room.weekly == [] and room.on_time == []


def test_citizens_and_schools_have_no_control_room(users):
    from motcua.core.exceptions import NotAllowed

    for name in ("congdan", "truong"):
        with pytest.raises(NotAllowed):
            selectors.control_room_scope(users[name])
