"""Where a dossier stood in a period, as query conditions: the one definition that the II.06a
statistics report, the Decision 766 index and the control room count with.

A period is `[start, end)` (instants; see `motcua.core.periods`). The counted dossiers are those
that reached the agency: received (status 2 onwards, `received_at` set) or refused at reception
(status 3: never received, `closed_at` is the refusal). A dossier still "submitted online, not
yet received" (status 1) is not counted anywhere, nor one withdrawn before it was received.

- arrived in the period: received in it, or refused in it;
- carried over into the period: received before it and not finished before it;
- finished by an instant: resolved (`resolved_at`) or closed without a result (refused,
  withdrawn, stopped: `closed_at`) before that instant;
- open at an instant: received before it and not finished by it;
- late when open at the end of a period: due (the appointment after supplement waits, without
  the extension) before the end, or supplemented more than once (Decision 766: late whatever
  the dates say). A resolved dossier carries its verdict in `outcome` (`rules.judge`).

Every rule is a `Q` on `Dossier`, so callers aggregate with `Count(filter=...)` in one query.
"""

from datetime import datetime

from django.db.models import Q

from motcua.dossiers.models import Outcome
from motcua.dossiers.workflow import Status

UNRESOLVED_ENDS = (Status.REFUSED, Status.WITHDRAWN, Status.STOPPED)


def counted() -> Q:
    return Q(received_at__isnull=False) | Q(status=Status.REFUSED)


def arrived_in(start: datetime, end: datetime) -> Q:
    return Q(received_at__gte=start, received_at__lt=end) | Q(
        received_at__isnull=True, status=Status.REFUSED, closed_at__gte=start, closed_at__lt=end
    )


def not_finished_by(instant: datetime) -> Q:
    return (Q(resolved_at__isnull=True) | Q(resolved_at__gte=instant)) & (
        Q(closed_at__isnull=True) | Q(closed_at__gte=instant)
    )


def open_at(instant: datetime) -> Q:
    return Q(received_at__lt=instant) & not_finished_by(instant)


def carried_over(start: datetime) -> Q:
    return open_at(start)


def in_scope(start: datetime, end: datetime) -> Q:
    """Every dossier the period deals with: arrived in it or carried over into it."""
    return arrived_in(start, end) | carried_over(start)


def resolved_in(start: datetime, end: datetime) -> Q:
    return Q(resolved_at__gte=start, resolved_at__lt=end)


def resolved_with(outcome: str) -> Q:
    return Q(outcome=outcome)


def resolved_on_time() -> Q:
    """Early or on time (the verdict already counts two supplement requests as late)."""
    return Q(outcome__in=[Outcome.EARLY, Outcome.ON_TIME])


def ended_unresolved_in(start: datetime, end: datetime) -> Q:
    """Refused, withdrawn or stopped in the period, without a result (counted dossiers only)."""
    ended = Q(status__in=UNRESOLVED_ENDS, resolved_at__isnull=True)
    return ended & Q(closed_at__gte=start, closed_at__lt=end) & counted()


def late_at(instant: datetime) -> Q:
    """For a dossier open at `instant`: past its due date then, or supplemented twice."""
    return Q(due_at__lt=instant) | Q(multiple_supplements=True)


def open_late_at(instant: datetime) -> Q:
    return open_at(instant) & late_at(instant)


def open_within_time_at(instant: datetime) -> Q:
    """Open at `instant` and not late then: the complement of `open_late_at` among the open
    dossiers, so the two always add up to `open_at` (one without a due date is not late)."""
    return open_at(instant) & ~late_at(instant)
