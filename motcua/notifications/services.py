"""Writes of notifications: `notify` (the in-app row, and its e-mail/SMS copies as
deliveries the worker sends after the commit), templated messages (`message_send`), retries
of failed deliveries, marking read, and a person's channel preferences. Other apps call
`notify` or `message_send`; nothing else writes a `Notification` or a `Delivery`."""

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.template import Context, Engine
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.core.clock import now
from motcua.core.exceptions import NotFound
from motcua.notifications.models import (
    Channel,
    Delivery,
    DeliveryState,
    MessageTemplate,
    Notification,
    Preference,
)

MAX_ATTEMPTS = 8
_ENGINE = Engine(autoescape=False)


def preference_of(user: User) -> Preference:
    """The person's channels (unsaved defaults when never chosen). Read afresh: a user object
    kept for long may hold a stale cached preference."""
    return Preference.objects.filter(user=user).first() or Preference(user=user)


@transaction.atomic
def preference_update(*, user: User, in_app: bool, email: bool, sms: bool) -> Preference:
    preference, _created = Preference.objects.update_or_create(
        user=user, defaults={"in_app": in_app, "email": email, "sms": sms}
    )
    return preference


def _deliver_later(delivery: Delivery) -> None:
    from motcua.notifications.tasks import send_delivery

    transaction.on_commit(lambda: send_delivery.enqueue(delivery.pk))


def _delivery(
    channel: str, address: str, *, title: str, body: str, kind: str, notification=None
) -> Delivery:  # type: ignore[no-untyped-def]
    delivery = Delivery.objects.create(
        notification=notification,
        channel=channel,
        address=address,
        title=title[:255],
        body=body,
        kind=kind,
        created_at=now(),
    )
    _deliver_later(delivery)
    return delivery


@transaction.atomic
def notify(
    user: User,
    *,
    title: str,
    body: str,
    url: str = "",
    kind: str = "",
    email: bool = False,
    sms: str = "",
) -> Notification:
    """Write the in-app notification; with `email` (and `sms`, the short text) also send the
    copies the person chose, by the worker once the transaction commits (a rolled-back caller
    sends nothing). With in-app off the row is kept for the record, already read."""
    preference = preference_of(user)
    at = now()
    notification = Notification.objects.create(
        user=user,
        title=title[:255],
        body=body,
        url=url,
        kind=kind,
        created_at=at,
        read_at=None if preference.in_app else at,
    )
    if email and preference.email and user.email:
        _delivery(
            Channel.EMAIL, user.email, title=title, body=body, kind=kind, notification=notification
        )
    if sms and preference.sms and user.phone:
        _delivery(
            Channel.SMS, user.phone, title=title, body=sms, kind=kind, notification=notification
        )
    return notification


def render(key: str, context: dict[str, Any]) -> tuple[str, str, str] | None:
    """(title, body, sms) of the template `key`; None when it is switched off."""
    template = MessageTemplate.objects.filter(key=key, is_active=True).first()
    if template is None:
        return None
    filled = Context(context, autoescape=False)
    return tuple(  # type: ignore[return-value]
        _ENGINE.from_string(text).render(filled).strip()
        for text in (template.title, template.body, template.sms)
    )


@transaction.atomic
def message_send(
    key: str,
    *,
    context: dict[str, Any],
    user: User | None = None,
    email: str = "",
    phone: str = "",
    url: str = "",
) -> Notification | None:
    """Send the templated message `key` to an account (its channels), or, for an applicant
    without one, to the e-mail and phone given with the dossier."""
    rendered = render(key, context)
    if rendered is None:
        return None
    title, body, sms = rendered
    if user is not None:
        return notify(user, title=title, body=body, url=url, kind=key, email=True, sms=sms)
    if email:
        _delivery(Channel.EMAIL, email, title=title, body=body, kind=key)
    if phone:
        _delivery(Channel.SMS, phone, title=title, body=sms, kind=key)
    return None


def delivery_failed(delivery: Delivery, error: str, *, at: datetime) -> None:
    delivery.attempts += 1
    delivery.state = DeliveryState.FAILED
    delivery.last_error = error[:2000]
    delivery.next_attempt_at = (
        at + timedelta(minutes=2**delivery.attempts) if delivery.attempts < MAX_ATTEMPTS else None
    )
    delivery.save(update_fields=["attempts", "state", "last_error", "next_attempt_at"])


def deliveries_retry(*, at: datetime | None = None) -> int:
    """Enqueue the failed deliveries whose next attempt is due, and pending ones whose task
    was lost (older than ten minutes). Returns how many."""
    from motcua.notifications.tasks import send_delivery

    at = at or now()
    due = list(
        Delivery.objects.filter(state=DeliveryState.FAILED, next_attempt_at__lte=at).values_list(
            "pk", flat=True
        )
    ) + list(
        Delivery.objects.filter(
            state=DeliveryState.PENDING, created_at__lte=at - timedelta(minutes=10)
        ).values_list("pk", flat=True)
    )
    for pk in due:
        send_delivery.enqueue(pk)
    return len(due)


@transaction.atomic
def delivery_retry_now(*, delivery_id: int) -> Delivery:
    """An operator's "send again" (the admin), also after the last automatic attempt."""
    delivery = Delivery.objects.select_for_update().filter(pk=delivery_id).first()
    if delivery is None:
        raise NotFound(_("Không tìm thấy lượt gửi."))
    if delivery.state != DeliveryState.SENT:
        delivery.state = DeliveryState.PENDING
        delivery.next_attempt_at = None
        delivery.save(update_fields=["state", "next_attempt_at"])
        _deliver_later(delivery)
    return delivery


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
