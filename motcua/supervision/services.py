"""Writes of the supervision app: the table of how long each step usually takes.

`step_durations_refresh` reads the dossiers' history (`DossierEvent` rows whose step changes)
and keeps, per procedure code and step order, the median office time of the most recent visits
of that step. The daily job (`tasks.refresh_step_durations`) and `manage.py
refresh_step_durations` call it; the control room's "at risk" count reads the result
(`selectors.remaining_seconds_by_step`).
"""

import statistics
from collections import defaultdict
from datetime import UTC, datetime, timedelta

from django.db import connection, transaction

from motcua.catalog.models import Procedure, ProcessStep
from motcua.core import clock
from motcua.dossiers.models import DossierEvent
from motcua.dossiers.workflow import Action
from motcua.supervision.models import StepDuration
from motcua.workdays.clock import WorkCalendar
from motcua.workdays.selectors import get_work_calendar

# A bounded recent sample: visits that ended in the last year, the latest few hundred per step.
HISTORY_DAYS = 365
SAMPLE_SIZE = 200
# A step left because the dossier ended there was not done: not a sample of its duration.
UNFINISHED = (Action.STOP.value, Action.WITHDRAW.value, Action.REFUSE.value)
# Fewer visits than this say little; the step's configured hours are used instead.
MIN_SAMPLES = 3


def _visits_sql() -> str:
    """Each visit of a step: entered by an event whose step changes (`to_step`), left by the
    next such event of the same dossier (whose `from_step` is that step). Numbered per
    procedure code and step order, newest first, so only the latest `SAMPLE_SIZE` come back.
    Window functions exist on PostgreSQL and SQLite ≥ 3.25; NULL-safe comparison is spelled
    with COALESCE so it reads the same on both."""
    quote = connection.ops.quote_name
    event = quote(DossierEvent._meta.db_table)
    step = quote(ProcessStep._meta.db_table)
    procedure = quote(Procedure._meta.db_table)
    order = quote("order")
    return f"""
        WITH changes AS (
            SELECT e.id, e.at, e.to_step_id,
                   LEAD(e.at) OVER w AS left_at,
                   LEAD(e.from_step_id) OVER w AS left_from,
                   LEAD(e.action) OVER w AS left_action
            FROM {event} e
            WHERE COALESCE(e.from_step_id, 0) <> COALESCE(e.to_step_id, 0) AND e.at >= %s
            WINDOW w AS (PARTITION BY e.dossier_id ORDER BY e.at, e.id)
        ),
        visits AS (
            SELECT p.code, s.{order} AS step_order, c.at AS entered_at, c.left_at,
                   ROW_NUMBER() OVER (
                       PARTITION BY p.code, s.{order} ORDER BY c.left_at DESC, c.id DESC
                   ) AS n
            FROM changes c
            JOIN {step} s ON s.id = c.to_step_id
            JOIN {procedure} p ON p.id = s.procedure_id
            WHERE c.left_from = c.to_step_id AND c.left_action NOT IN (%s, %s, %s)
        )
        SELECT code, step_order, entered_at, left_at FROM visits WHERE n <= %s
    """


def _aware(value: datetime | str) -> datetime:
    # SQLite hands back the text Django stored (UTC, without an offset).
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


@transaction.atomic
def step_durations_refresh(
    *, at: datetime | None = None, calendar: WorkCalendar | None = None
) -> int:
    """Rebuild `StepDuration` from the last `HISTORY_DAYS` of history; returns the rows kept.

    A visit's duration is the office time between entering and leaving the step
    (`WorkCalendar.working_time_between`), waits for the citizen inside the step included.
    Visits ended by a stop, a withdrawal or a refusal are left out (the step was not done).
    Steps with fewer than `MIN_SAMPLES` visits get no row (the configured hours apply)."""
    at = at or clock.now()
    calendar = calendar or get_work_calendar()
    since = connection.ops.adapt_datetimefield_value(at - timedelta(days=HISTORY_DAYS))
    durations: dict[tuple[str, int], list[float]] = defaultdict(list)
    with connection.cursor() as cursor:
        cursor.execute(_visits_sql(), [since, *UNFINISHED, SAMPLE_SIZE])
        for code, order, entered, left in cursor.fetchall():
            spent = calendar.working_time_between(_aware(entered), _aware(left))
            durations[(code, order)].append(spent.total_seconds())
    rows = [
        StepDuration(
            procedure_code=code,
            step_order=order,
            median_seconds=round(statistics.median(values)),
            samples=len(values),
            computed_at=at,
        )
        for (code, order), values in sorted(durations.items())
        if len(values) >= MIN_SAMPLES
    ]
    # A derived table, rebuilt whole: no history of its own to keep.
    StepDuration.objects.all().delete()
    StepDuration.objects.bulk_create(rows)
    return len(rows)
