"""The internal process's share of the time limit: its steps' working hours must add up to
the time limit (1 working day = 8 working hours). Pure rule, used by services and the admin.
"""

from collections.abc import Iterable
from decimal import Decimal

from django.utils.translation import gettext as _

HOURS_PER_DAY = Decimal(8)


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.replace(".", ",")


def process_hours_error(*, time_limit_days: Decimal | None, hours: Iterable[Decimal]) -> str | None:
    """A message when the steps' hours do not fit the time limit, else None.

    A same-day procedure (0 days) may use up to one working day; any other must use exactly
    `time_limit_days × 8` hours. No steps at all is allowed (the process is not described).
    """
    hours = list(hours)
    if not hours:
        return None
    total = sum(hours, Decimal(0))
    if time_limit_days is None:
        return _("Cần nhập thời hạn giải quyết trước khi phân bổ thời gian cho các bước.")
    if time_limit_days == 0:
        if total > HOURS_PER_DAY:
            return _(
                "Thủ tục giải quyết trong ngày: tổng thời gian các bước (%(total)s giờ) "
                "không được quá %(max)s giờ."
            ) % {"total": _plain(total), "max": _plain(HOURS_PER_DAY)}
        return None
    expected = time_limit_days * HOURS_PER_DAY
    if total != expected:
        return _(
            "Tổng thời gian các bước là %(total)s giờ, phải bằng thời hạn giải quyết "
            "× 8 = %(expected)s giờ."
        ) % {"total": _plain(total), "expected": _plain(expected)}
    return None
