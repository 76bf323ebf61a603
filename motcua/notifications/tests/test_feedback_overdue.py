"""The daily reminder of overdue feedback to the staff holding it, once a day."""

from datetime import timedelta

import pytest

from motcua.feedback.tests.conftest import _demo_once, demo, file_item, users  # noqa: F401
from motcua.notifications.feedback import feedback_overdue_notify
from motcua.notifications.models import Notification, TemplateKey

pytestmark = pytest.mark.django_db


def test_overdue_feedback_is_reminded_once_a_day(file_item, users):  # noqa: F811
    item = file_item()
    assert feedback_overdue_notify(at=item.due_at - timedelta(hours=1)) == 0
    sent = feedback_overdue_notify(at=item.due_at + timedelta(hours=1))
    assert sent >= 1
    assert feedback_overdue_notify(at=item.due_at + timedelta(hours=2)) == 0
    notice = Notification.objects.filter(kind=TemplateKey.STAFF_FEEDBACK_OVERDUE).first()
    assert item.tracking_code in notice.title and "Lê Văn Hùng" not in notice.body
