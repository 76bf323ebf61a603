"""Background work of notifications: the e-mail copy (Django Tasks; immediate in tests)."""

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task

from motcua.core.clock import now
from motcua.notifications.models import Notification


@task()
def send_notification_email(notification_id: int) -> bool:
    """Send one notification by e-mail, at most once (a retried task finds it sent)."""
    notification = Notification.objects.select_related("user").filter(pk=notification_id).first()
    if notification is None or notification.emailed_at or not notification.user.email:
        return False
    body = notification.body
    if notification.url:
        base = getattr(settings, "MOTCUA_SITE_URL", "").rstrip("/")
        body = f"{body}\n\n{base}{notification.url}"
    send_mail(
        subject=notification.title,
        message=body,
        from_email=None,
        recipient_list=[notification.user.email],
    )
    Notification.objects.filter(pk=notification.pk).update(emailed_at=now())
    return True
