"""Writes of notifications: `notify` (the in-app row, and the e-mail through a task) and
marking them read. Other apps call `notify`; nothing else writes a `Notification`."""

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.core.clock import now
from motcua.core.exceptions import NotFound
from motcua.notifications.models import Notification


@transaction.atomic
def notify(
    user: User,
    *,
    title: str,
    body: str,
    url: str = "",
    kind: str = "",
    email: bool = False,
) -> Notification:
    """Write the in-app notification; with `email`, and when the person has an address, send
    a copy by e-mail once the transaction commits (a rolled-back caller sends nothing)."""
    notification = Notification.objects.create(
        user=user, title=title[:255], body=body, url=url, kind=kind, created_at=now()
    )
    if email and user.email:
        from motcua.notifications.tasks import send_notification_email

        transaction.on_commit(lambda: send_notification_email.enqueue(notification.pk))
    return notification


@transaction.atomic
def notification_mark_read(*, user: User, notification_id: int) -> Notification:
    notification = (
        Notification.objects.select_for_update().filter(pk=notification_id, user=user).first()
    )
    if notification is None:
        raise NotFound(_("Không tìm thấy thông báo."))
    if notification.read_at is None:
        notification.read_at = now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notifications_mark_all_read(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=now())
