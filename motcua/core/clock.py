"""The one place the current instant is read, so tests can replace it.

Rules never call `timezone.now()` themselves: they take an instant as an argument, and
services read it here (as Django's `PasswordResetTokenGenerator._now()` does).
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

VIETNAM_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def now() -> datetime:
    return timezone.now()


def local(instant: datetime) -> datetime:
    """The instant in Vietnam time (+07:00), for display and day boundaries."""
    return instant.astimezone(VIETNAM_TZ)
