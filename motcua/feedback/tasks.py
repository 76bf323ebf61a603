"""Background work of feedback: the e-mail to a filer who gave an address but has no account
(Django Tasks; immediate in tests). Filers with an account are told through notifications."""

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task

from motcua.feedback.models import Feedback


@task()
def send_feedback_email(feedback_id: int, kind: str) -> bool:
    """Tell the filer by e-mail that their item was answered, needs more information or was
    refused, with the link to its tracking page."""
    from motcua.feedback.services import feedback_message, tracking_url

    feedback = Feedback.objects.filter(pk=feedback_id).first()
    if feedback is None or feedback.anonymous or not feedback.filer_email:
        return False
    _kind, title, body = feedback_message(feedback, kind)
    base = getattr(settings, "MOTCUA_SITE_URL", "").rstrip("/")
    send_mail(
        subject=title,
        message=f"{body}\n\n{base}{tracking_url(feedback.tracking_code)}",
        from_email=None,
        recipient_list=[feedback.filer_email],
    )
    return True
