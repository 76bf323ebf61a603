"""Writes to the calendar: local days off and extra working days.

The next `selectors.get_work_calendar()` call in every process sees the change (it compares
a fingerprint of these rows), so there is nothing to invalidate here.
"""

from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from motcua.core.exceptions import Conflict, InvalidInput
from motcua.workdays.models import CalendarOverride, OverrideKind


@transaction.atomic
def calendar_override_set(*, day: date, kind: str, reason: str) -> CalendarOverride:
    """Makes `day` a day off or a working day for this agency, replacing any earlier override."""
    if not isinstance(day, date) or isinstance(day, datetime):
        raise InvalidInput(_("Ngày không hợp lệ."), field="day")
    if kind not in OverrideKind.values:
        raise InvalidInput(_("Loại điều chỉnh phải là ngày nghỉ hoặc ngày làm việc."), field="kind")
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("Vui lòng ghi lý do (văn bản cho nghỉ hoặc làm bù)."), field="reason")
    if len(reason) > CalendarOverride._meta.get_field("reason").max_length:
        raise InvalidInput(_("Lý do quá dài (tối đa 255 ký tự)."), field="reason")

    existing = CalendarOverride.objects.select_for_update().filter(day=day).first()
    if existing is not None:
        existing.kind = kind
        existing.reason = reason
        existing.save(update_fields=["kind", "reason", "updated_at"])
        return existing
    try:
        with transaction.atomic():
            return CalendarOverride.objects.create(day=day, kind=kind, reason=reason)
    except IntegrityError as exc:
        # Someone created the same day between our read and our insert.
        raise Conflict(
            _("Ngày này vừa được người khác điều chỉnh, vui lòng thử lại."), field="day"
        ) from exc


@transaction.atomic
def calendar_override_remove(*, day: date) -> bool:
    """Removes the override of `day`, if any; returns whether there was one."""
    deleted, _by_model = CalendarOverride.objects.filter(day=day).delete()
    return deleted > 0
