"""The demo's feedback: loaded by `load_demo`, which a second time changes nothing."""

import pytest

from motcua.core.demo import load_demo
from motcua.feedback.models import Feedback, FeedbackEvent, FeedbackSettings
from motcua.feedback.workflow import Status

pytestmark = pytest.mark.django_db


def test_demo_feedback_is_loaded_once():
    load_demo()
    counts = (Feedback.objects.count(), FeedbackEvent.objects.count())
    statuses = sorted(Feedback.objects.values_list("status", flat=True))
    assert statuses == sorted([Status.PUBLISHED, Status.NEW, Status.RECEIVED])
    assert FeedbackSettings.objects.get().default_unit is not None
    published = Feedback.objects.get(status=Status.PUBLISHED)
    assert "0903" not in published.public_question  # the phone in the demo text is hidden
    load_demo()
    assert (Feedback.objects.count(), FeedbackEvent.objects.count()) == counts
