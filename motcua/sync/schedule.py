"""The worker's clock: which periodic jobs are due and enqueuing each slot once, however many
workers tick (a `ScheduledRun` row per job and slot under a unique constraint)."""

import logging
from dataclasses import dataclass
from datetime import datetime, time

from django.db import IntegrityError, transaction

from motcua.core.clock import local, now
from motcua.supervision import tasks as supervision_tasks
from motcua.sync import tasks
from motcua.sync.models import ScheduledRun

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    task: object
    every_seconds: int = 0  # a job that runs every N seconds …
    daily_at: time | None = None  # … or once a day from this Vietnam time on

    def slot(self, at: datetime) -> str | None:
        if self.every_seconds:
            return str(int(at.timestamp()) // self.every_seconds)
        moment = local(at)
        if self.daily_at is not None and moment.time() >= self.daily_at:
            return moment.date().isoformat()
        return None


JOBS = (
    Job("sync-deliver", tasks.deliver_outbox, every_seconds=15),
    Job("notifications-retry", tasks.retry_failed_deliveries, every_seconds=60),
    Job("payments-expire", tasks.expire_payment_orders, every_seconds=300),
    Job("reporting-reminders", tasks.send_report_reminders, daily_at=time(7, 0)),
    Job("dossiers-due-tomorrow", tasks.remind_dossiers_due_tomorrow, daily_at=time(7, 0)),
    Job("feedback-overdue", tasks.remind_feedback_overdue, daily_at=time(7, 30)),
    Job("step-durations", supervision_tasks.refresh_step_durations, daily_at=time(6, 0)),
)


def schedule_tick(at: datetime | None = None, jobs: tuple[Job, ...] = JOBS) -> list[str]:
    """Enqueue every job whose current slot nobody has enqueued yet; returns their names."""
    at = at or now()
    enqueued = []
    for job in jobs:
        slot = job.slot(at)
        if slot is None:
            continue
        try:
            with transaction.atomic():
                ScheduledRun.objects.create(job=job.name, slot=slot, enqueued_at=at)
                transaction.on_commit(job.task.enqueue)  # type: ignore[attr-defined]
        except IntegrityError:
            continue  # another worker has it
        enqueued.append(job.name)
    if enqueued:
        logger.info("Scheduled: %s", ", ".join(enqueued))
    return enqueued
