"""Background work of notifications: sending deliveries (e-mail, SMS) in the worker, never
in the request (Django Tasks; immediate in tests)."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django_tasks import task

from motcua.core.clock import now
from motcua.notifications.models import Channel, Delivery, DeliveryState, Notification


def _with_link(body: str, url: str) -> str:
    if not url:
        return body
    base = getattr(settings, "MOTCUA_SITE_URL", "") or getattr(
        settings, "MOTCUA_PUBLIC_URL", ""
    ).rstrip("/")
    return f"{body}\n\n{base}{url}"


@task()
def send_delivery(delivery_id: int) -> bool:
    """Send one delivery at most once (the row is locked; a sent one is skipped). A failure
    is recorded on the row and retried by the scheduler."""
    from motcua.notifications.services import delivery_failed
    from motcua.notifications.sms import get_sms_provider

    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(of=("self",))
            .select_related("notification")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None or delivery.state == DeliveryState.SENT:
            return False
        at = now()
        try:
            if delivery.channel == Channel.SMS:
                get_sms_provider().send(delivery.address, delivery.body)
            else:
                url = delivery.notification.url if delivery.notification else ""
                send_mail(
                    subject=delivery.title,
                    message=_with_link(delivery.body, url),
                    from_email=None,
                    recipient_list=[delivery.address],
                )
        except Exception as exc:  # any provider error: keep it visible and retry later
            delivery_failed(delivery, f"{exc.__class__.__name__}: {exc}", at=at)
            return False
        delivery.state = DeliveryState.SENT
        delivery.sent_at = at
        delivery.last_error = ""
        delivery.save(update_fields=["state", "sent_at", "last_error"])
        if delivery.channel == Channel.EMAIL and delivery.notification_id:
            Notification.objects.filter(pk=delivery.notification_id).update(emailed_at=at)
    return True


@task()
def send_notification_email(notification_id: int) -> bool:
    """Kept for tasks enqueued before deliveries existed: send the pending e-mail copy."""
    notification = Notification.objects.filter(pk=notification_id).first()
    if notification is None or notification.emailed_at:
        return False
    delivery = notification.deliveries.filter(channel=Channel.EMAIL).first()
    return bool(delivery) and send_delivery.call(delivery.pk)
