"""Pure rules of a dossier's time: the code format and the early/on-time/late verdict."""

from datetime import date, datetime

from motcua.core.clock import local
from motcua.dossiers.models import Outcome
from motcua.dossiers.workflow import OPEN


def dossier_code(agency_code: str, day: date, sequence: int) -> str:
    """`000.00.21.H29-240327-0001`: agency, local day of submission, at least 4 digits."""
    return f"{agency_code}-{day:%y%m%d}-{sequence:04d}"


def is_overdue(status: int, appointment: datetime | None, now: datetime) -> bool:
    """Still open and past the date shown to the citizen (the extended date, if any)."""
    return status in OPEN and appointment is not None and appointment < now


def judge(finished_at: datetime, due_at: datetime, *, multiple_supplements: bool = False) -> str:
    """Early when finished on an earlier day than the due date, late when after it; more than
    one supplement request makes a dossier late whatever the dates say (Decision 766)."""
    if multiple_supplements or finished_at > due_at:
        return Outcome.LATE
    if local(finished_at).date() < local(due_at).date():
        return Outcome.EARLY
    return Outcome.ON_TIME
