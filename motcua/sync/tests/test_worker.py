"""The worker: periodic jobs enqueued once per slot however many workers tick, and the
`run_worker` command running queued tasks."""

from datetime import time
from unittest import mock

import pytest
from django.core.management import call_command

from motcua.sync import schedule
from motcua.sync.models import OutboxEvent, ScheduledRun

from .conftest import vn

pytestmark = pytest.mark.django_db


def test_each_slot_is_enqueued_once_however_many_workers_tick(django_capture_on_commit_callbacks):
    ran = []
    job = schedule.Job("probe", mock.Mock(enqueue=lambda: ran.append(1)), every_seconds=60)
    with django_capture_on_commit_callbacks(execute=True):
        assert schedule.schedule_tick(vn(2026, 3, 2, 8, 0, 5), jobs=(job,)) == ["probe"]
        assert schedule.schedule_tick(vn(2026, 3, 2, 8, 0, 50), jobs=(job,)) == []
        assert schedule.schedule_tick(vn(2026, 3, 2, 8, 1, 0), jobs=(job,)) == ["probe"]
    assert ran == [1, 1]
    assert ScheduledRun.objects.filter(job="probe").count() == 2


def test_a_daily_job_waits_for_its_hour_in_vietnam_time():
    job = schedule.Job("daily", mock.Mock(), daily_at=time(7, 0))
    assert job.slot(vn(2026, 3, 2, 6, 59)) is None
    assert job.slot(vn(2026, 3, 2, 7, 0)) == "2026-03-02"
    assert job.slot(vn(2026, 3, 2, 23, 0)) == "2026-03-02"


def test_the_schedule_has_the_periodic_jobs():
    names = {job.name for job in schedule.JOBS}
    assert {
        "sync-deliver",
        "payments-expire",
        "reporting-reminders",
        "dossiers-due-tomorrow",
        "notifications-retry",
        "feedback-overdue",
    } <= names


def test_a_tick_runs_the_jobs_through_the_tasks(submit, django_capture_on_commit_callbacks):
    dossier = submit()
    with django_capture_on_commit_callbacks(execute=True):
        enqueued = schedule.schedule_tick(vn(2026, 3, 2, 8, 0))
    assert "sync-deliver" in enqueued and "dossiers-due-tomorrow" in enqueued
    assert not OutboxEvent.objects.filter(dossier=dossier, state="pending").exists()


def test_run_worker_runs_queued_tasks_from_the_database(settings, submit):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    from motcua.sync.tasks import deliver_outbox

    dossier = submit()
    deliver_outbox.enqueue()
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    # The test's transaction must outlive the worker's "close old connections".
    with mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    ):
        call_command("run_worker", batch=True, scheduler=False, startup_delay=False, verbosity=0)
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 1
    assert not OutboxEvent.objects.filter(dossier=dossier, state="pending").exists()
