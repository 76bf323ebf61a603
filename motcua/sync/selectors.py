"""Reads of the outbox for the staff page and the API: who may see it, the queue, the
failures, and the 766 "synchronized" share."""

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from motcua.accounts.models import Role, User
from motcua.core.exceptions import NotAllowed
from motcua.sync.models import EventState, OutboxEvent


def require_sync_operator(user: User) -> None:
    if not (user.is_authenticated and (user.role in (Role.ADMIN, Role.HEAD) or user.is_superuser)):
        raise NotAllowed(_("Chỉ quản trị hệ thống hoặc lãnh đạo xem được hàng đợi đồng bộ."))


def outbox_events(*, user: User, state: str = "", failing: bool = False) -> QuerySet[OutboxEvent]:
    require_sync_operator(user)
    events = OutboxEvent.objects.select_related("dossier").order_by("-pk")
    if state:
        events = events.filter(state=state)
    if failing:
        events = events.filter(state=EventState.PENDING, attempts__gt=0)
    return events


def outbox_counts(*, user: User) -> dict[str, int]:
    require_sync_operator(user)
    return OutboxEvent.objects.aggregate(
        pending=Count("pk", filter=Q(state=EventState.PENDING)),
        failing=Count("pk", filter=Q(state=EventState.PENDING, attempts__gt=0)),
        dead=Count("pk", filter=Q(state=EventState.DEAD)),
        delivered=Count("pk", filter=Q(state=EventState.DELIVERED)),
    )


def synchronized_dossier_ids(dossier_ids: list[int]) -> set[int]:
    """Of these dossiers, those with events, every one accepted by the portal (the 766
    criterion; `motcua.scorecard.measures` counts the same in SQL)."""
    events = OutboxEvent.objects.filter(dossier_id__in=dossier_ids)
    not_done = set(events.exclude(state=EventState.DELIVERED).values_list("dossier_id", flat=True))
    known = set(events.values_list("dossier_id", flat=True).distinct())
    return {pk for pk in dossier_ids if pk in known and pk not in not_done}
