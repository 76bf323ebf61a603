"""How long each step usually takes, from the dossiers' history: visits of a step (entered by
one history line, left by the next that changes the step), their office time, the median."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from motcua.dossiers.models import DossierEvent
from motcua.dossiers.services import ActionInput, dossier_act
from motcua.dossiers.tests.conftest import uploads_for
from motcua.dossiers.workflow import Action, Status
from motcua.supervision import services
from motcua.supervision.models import StepDuration
from motcua.supervision.services import step_durations_refresh
from motcua.sync import schedule

from .conftest import NOW, TRANSFER, published, step, vn

pytestmark = pytest.mark.django_db


def moved(dossier, at, from_order, to_order, action=Action.HANDOVER):
    DossierEvent.objects.create(
        dossier=dossier,
        action=action,
        at=at,
        from_status=Status.PROCESSING,
        to_status=Status.PROCESSING,
        from_step=step(TRANSFER, from_order) if from_order else None,
        to_step=step(TRANSFER, to_order) if to_order else None,
    )


def rows() -> list[tuple]:
    return list(
        StepDuration.objects.values_list(
            "procedure_code", "step_order", "median_seconds", "samples"
        )
    )


def test_the_median_office_time_of_recent_visits_of_each_step(make_dossier):
    d1, d2, d3, d4, d5, d6 = (make_dossier() for _ in range(6))
    # Step 1: 2 h, 2.5 h (overnight: 16:00–17:00 and 07:30–09:00), 4.5 h (over lunch).
    moved(d1, vn(2026, 3, 2, 8, 0), None, 1, Action.RECEIVE)
    moved(d1, vn(2026, 3, 2, 10, 0), 1, 2)
    moved(d2, vn(2026, 3, 2, 16, 0), None, 1, Action.RECEIVE)
    moved(d2, vn(2026, 3, 3, 9, 0), 1, 2)
    moved(d3, vn(2026, 3, 3, 8, 0), None, 1, Action.RECEIVE)
    moved(d3, vn(2026, 3, 3, 14, 0), 1, 2)
    # Not samples: left by a stop; not left yet; more than a year ago (1 h).
    moved(d4, vn(2026, 3, 3, 8, 0), None, 1, Action.RECEIVE)
    moved(d4, vn(2026, 3, 4, 8, 0), 1, None, Action.STOP)
    moved(d5, vn(2026, 3, 2, 8, 0), None, 1, Action.RECEIVE)
    moved(d6, vn(2025, 1, 6, 8, 0), None, 1, Action.RECEIVE)
    moved(d6, vn(2025, 1, 6, 9, 0), 1, 2)
    # Step 2: a supplement request inside it does not end the visit (10:00–15:00 = 3.5 h);
    # two visits only, fewer than MIN_SAMPLES: no row, the configured 16 h apply.
    moved(d1, vn(2026, 3, 2, 11, 0), 2, 2, Action.REQUEST_SUPPLEMENT)
    moved(d1, vn(2026, 3, 2, 15, 0), 2, 3, Action.PROPOSE)
    moved(d2, vn(2026, 3, 3, 10, 0), 2, 3, Action.PROPOSE)

    assert step_durations_refresh(at=NOW) == 1
    assert rows() == [(TRANSFER, 1, 9000, 3)]

    # Run again: the table is rebuilt, not appended to.
    assert step_durations_refresh(at=NOW) == 1
    assert StepDuration.objects.count() == 1


def test_visits_read_from_a_dossier_walked_through_the_services(users, monkeypatch):
    from motcua.dossiers.services import dossier_submit

    monkeypatch.setattr(services, "MIN_SAMPLES", 1)
    dossier = dossier_submit(
        citizen=users["congdan"],
        procedure_code=TRANSFER,
        request="Xin chuyển trường",
        uploads=uploads_for(published(TRANSFER)),
        at=vn(2026, 3, 2, 7, 0),
    )

    def act(user, action, at, **data):
        dossier_act(
            code=dossier.code, actor=users[user], action=action, data=ActionInput(**data), at=at
        )

    act("motcua", "receive", vn(2026, 3, 2, 8, 0))  # enters step 1 (officer)
    act("motcua", "handover", vn(2026, 3, 2, 10, 0))  # step 2 (specialist) after 2 h
    act("chuyenvien", "propose", vn(2026, 3, 3, 9, 0), proposal="grant", note="Đủ điều kiện.")
    act("lanhdao", "approve", vn(2026, 3, 3, 14, 0))  # step 4 (officer hands the result back)
    act("motcua", "return-result", vn(2026, 3, 3, 16, 0), return_method="desk")

    assert step_durations_refresh(at=NOW) == 4
    assert rows() == [
        (TRANSFER, 1, 2 * 3600, 1),
        (TRANSFER, 2, 7 * 3600, 1),  # 1.5 h + 4 h on Monday, 1.5 h on Tuesday
        (TRANSFER, 3, int(3.5 * 3600), 1),  # 09:00–11:30 and 13:00–14:00
        (TRANSFER, 4, 2 * 3600, 1),
    ]


def test_the_command_and_the_daily_job_refresh_the_table(make_dossier, frozen):
    dossier = make_dossier()
    for hour in (8, 9, 10):
        moved(dossier, vn(2026, 3, 2, hour, 0), None, 1, Action.RECEIVE)
        moved(dossier, vn(2026, 3, 2, hour, 30), 1, 2)
    out = StringIO()
    call_command("refresh_step_durations", stdout=out)
    assert "1 bước" in out.getvalue()
    assert rows() == [(TRANSFER, 1, 1800, 3)]

    job = next(job for job in schedule.JOBS if job.name == "step-durations")
    StepDuration.objects.all().delete()
    assert job.task.enqueue().return_value == 1
    assert job.slot(vn(2026, 3, 2, 5, 59)) is None and job.slot(vn(2026, 3, 2, 6, 0))


def test_history_older_than_the_window_is_ignored(make_dossier):
    dossier = make_dossier()
    for day in (5, 6, 7):
        moved(dossier, vn(2025, 1, day, 8, 0), None, 1, Action.RECEIVE)
        moved(dossier, vn(2025, 1, day, 9, 0), 1, 2)
    assert step_durations_refresh(at=NOW) == 0
    assert step_durations_refresh(at=vn(2025, 6, 1, 8, 0)) == 1
    assert rows() == [(TRANSFER, 1, 3600, 3)]
    assert timedelta(days=services.HISTORY_DAYS) == timedelta(days=365)
