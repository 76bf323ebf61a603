"""`manage.py run_worker`: django-tasks-db's `db_worker` plus the scheduler of periodic jobs.

Any number of these may run on any number of machines against one PostgreSQL: tasks are
claimed with SKIP LOCKED by `db_worker`, and each periodic slot is enqueued once."""

import logging
import threading
import time
from argparse import ArgumentParser
from typing import Any

from django.db import OperationalError, close_old_connections
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from motcua.sync.schedule import schedule_tick

logger = logging.getLogger(__name__)


def _scheduler(interval: float, stop: threading.Event) -> None:
    while not stop.is_set():
        close_old_connections()
        try:
            schedule_tick()
        except OperationalError as exc:  # SQLite busy: try again at the next tick
            logger.warning("Scheduler tick skipped: %s", exc)
        except Exception:
            logger.exception("Scheduler tick failed")
        stop.wait(interval)


class Command(DbWorkerCommand):
    help = "Run a background worker (Django Tasks) with the scheduler of periodic jobs"

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--no-scheduler",
            action="store_false",
            dest="scheduler",
            help="Only run tasks; another worker enqueues the periodic jobs.",
        )
        parser.add_argument("--schedule-interval", type=float, default=5.0)
        # Reloading restarts tasks half-way; opt in with --reload.
        parser.set_defaults(reload=False, queue_name="*")

    def handle(self, *args: Any, scheduler: bool, schedule_interval: float, **options: Any) -> None:
        stop = threading.Event()
        if scheduler:
            threading.Thread(
                target=_scheduler, args=(schedule_interval, stop), daemon=True, name="scheduler"
            ).start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
            time.sleep(0)
