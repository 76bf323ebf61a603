"""The daily reminder of overdue feedback and petitions to the staff holding them (the
overdue rule is feedback's own, `feedback.selectors.overdue_filter`)."""

from datetime import datetime

from django.urls import reverse

from motcua.accounts.models import Role, User
from motcua.core.clock import local
from motcua.feedback.models import Feedback
from motcua.feedback.selectors import overdue_filter
from motcua.notifications.models import Notification, TemplateKey
from motcua.notifications.services import message_send


def feedback_overdue_notify(*, at: datetime) -> int:
    """Tell the assignee (or, with none, the unit's one-stop officers) of each overdue item,
    once a day. Returns the messages written."""
    today = local(at).replace(hour=0, minute=0, second=0, microsecond=0)
    sent = 0
    for item in Feedback.objects.filter(overdue_filter(at)).select_related("assignee"):
        url = reverse("feedback:staff-detail", args=[item.tracking_code])
        if item.assignee_id:
            people = [item.assignee]
        else:
            people = list(
                User.objects.filter(is_active=True, role=Role.OFFICER, units=item.unit_id)
            )
        for person in people:
            if Notification.objects.filter(
                user=person, kind=TemplateKey.STAFF_FEEDBACK_OVERDUE, url=url, created_at__gte=today
            ).exists():
                continue
            due = local(item.due_at).strftime("%d/%m/%Y") if item.due_at else ""
            context = {"code": item.tracking_code, "due": due}
            message_send(TemplateKey.STAFF_FEEDBACK_OVERDUE, context=context, user=person, url=url)
            sent += 1
    return sent
