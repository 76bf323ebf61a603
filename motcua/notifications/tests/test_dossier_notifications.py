"""Dossier notifications: the applicant at each point, staff at their step and the day
before the due date; channels as chosen; SMS through the provider; failures retried."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from motcua.catalog.models import ProcedureFee
from motcua.catalog.selectors import procedure_get
from motcua.core.clock import VIETNAM_TZ as VIETNAM
from motcua.dossiers.tests.conftest import TRANSFER, vn
from motcua.dossiers.tests.test_services_dossier import act, walk_to_head
from motcua.feedback.tests.conftest import _demo_once, demo, submit, users  # noqa: F401
from motcua.notifications.models import (
    Delivery,
    MessageTemplate,
    Notification,
    Preference,
    TemplateKey,
)
from motcua.notifications.services import deliveries_retry, preference_update
from motcua.notifications.sms import LoggingSmsProvider

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quiet(settings):
    settings.MOTCUA_PORTAL = {**settings.MOTCUA_PORTAL, "DELIVER_ON_COMMIT": False}
    LoggingSmsProvider.sent = []
    LoggingSmsProvider.fail_next = 0


def kinds(user, code):  # type: ignore[no-untyped-def]
    return list(
        Notification.objects.filter(user=user, url__contains=code)
        .order_by("pk")
        .values_list("kind", flat=True)
    )


def test_the_applicant_is_told_at_each_point(submit, users):  # noqa: F811
    citizen = users["congdan"]
    dossier = submit()
    act(dossier, users["motcua"], "receive", vn(2026, 3, 2, 8, 0))
    act(
        dossier,
        users["motcua"],
        "request-supplement",
        vn(2026, 3, 2, 9, 0),
        items=["Học bạ bản chính"],
        note="Học bạ nộp là bản chụp.",
    )
    from motcua.dossiers.tests.conftest import paper

    act(dossier, citizen, "supplement", vn(2026, 3, 2, 10, 0), files=[paper("hoc-ba.pdf")])
    act(dossier, users["motcua"], "handover", vn(2026, 3, 2, 10, 30))
    act(
        dossier,
        users["chuyenvien"],
        "propose",
        vn(2026, 3, 2, 13),
        proposal="grant",
        note="Đủ điều kiện.",
    )
    act(
        dossier,
        users["lanhdao"],
        "extend",
        vn(2026, 3, 2, 14),
        note="Chờ xác minh học bạ.",
        new_due_at=vn(2026, 3, 10, 9),
    )
    act(dossier, users["lanhdao"], "approve", vn(2026, 3, 2, 16))
    act(dossier, users["motcua"], "return-result", vn(2026, 3, 3, 8), return_method="desk")
    assert kinds(citizen, dossier.code) == [
        TemplateKey.DOSSIER_RECEIVED,
        TemplateKey.DOSSIER_SUPPLEMENT,
        TemplateKey.DOSSIER_EXTENDED,
        TemplateKey.DOSSIER_RESOLVED,
        TemplateKey.DOSSIER_RETURNED,
    ]
    extended = Notification.objects.get(user=citizen, kind=TemplateKey.DOSSIER_EXTENDED)
    assert "10/03/2026" in extended.body
    # Only what is needed: the code and procedure, never the name or the ID number.
    for notice in Notification.objects.filter(user=citizen):
        assert dossier.applicant_name not in notice.body + notice.title
        assert dossier.applicant_id_number not in notice.body + notice.title
    assert Delivery.objects.filter(kind=TemplateKey.DOSSIER_RECEIVED, channel="email").exists()


def test_the_applicant_is_told_to_pay(demo, submit, users):  # noqa: F811
    ProcedureFee.objects.create(
        procedure=procedure_get(code=TRANSFER),
        name="Lệ phí thử nghiệm",
        amount=50_000,
        online_amount=40_000,
        stage="submission",
    )
    dossier = submit()
    act(dossier, users["motcua"], "receive", vn(2026, 3, 2, 8, 0))
    assert kinds(users["congdan"], dossier.code) == [
        TemplateKey.DOSSIER_RECEIVED,
        TemplateKey.DOSSIER_PAYMENT,
    ]


def test_staff_are_told_of_a_new_dossier_at_their_step(submit, users):  # noqa: F811
    dossier = submit()
    assert TemplateKey.STAFF_NEW_DOSSIER in kinds(users["motcua"], dossier.code)
    act(dossier, users["motcua"], "receive", vn(2026, 3, 2, 8, 0))
    act(dossier, users["motcua"], "handover", vn(2026, 3, 2, 8, 30))
    assert kinds(users["chuyenvien"], dossier.code) == [TemplateKey.STAFF_NEW_DOSSIER]


def test_staff_are_told_the_day_before_the_due_date_once(submit, users):  # noqa: F811
    from motcua.notifications.dossiers import dossiers_due_tomorrow_notify

    dossier = walk_to_head(submit(), users, vn(2026, 3, 2, 8, 0))
    dossier.refresh_from_db()
    due = dossier.extended_due_at or dossier.due_at
    the_day_before = due - timedelta(days=1)
    assert dossiers_due_tomorrow_notify(at=the_day_before) >= 1
    assert dossiers_due_tomorrow_notify(at=the_day_before) == 0
    assert dossiers_due_tomorrow_notify(at=due - timedelta(days=3)) == 0
    holder = dossier.assignee or users["lanhdao"]  # nobody assigned: the heads of the step
    assert TemplateKey.STAFF_DUE_TOMORROW in kinds(holder, dossier.code)


def test_channels_follow_the_persons_choice_and_sms_goes_to_the_provider(
    submit,  # noqa: F811
    users,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    citizen = users["congdan"]
    citizen.phone = "0912345678"
    citizen.email = "congdan@example.vn"
    citizen.save()
    preference_update(user=citizen, in_app=False, email=False, sms=True)
    dossier = submit()
    with django_capture_on_commit_callbacks(execute=True):
        act(dossier, users["motcua"], "receive", vn(2026, 3, 2, 8, 0))
    assert [m.to for m in mail.outbox if dossier.code in m.subject] == []
    assert len(LoggingSmsProvider.sent) == 1
    phone, text = LoggingSmsProvider.sent[0]
    assert phone == "0912345678" and dossier.code in text
    notice = Notification.objects.get(user=citizen, kind=TemplateKey.DOSSIER_RECEIVED)
    assert notice.read_at is not None  # kept for the record, not shown as new


def test_a_failed_send_is_visible_and_retried(users, django_capture_on_commit_callbacks):  # noqa: F811
    from motcua.notifications.services import notify

    person = users["congdan"]
    person.phone = "0912345678"
    person.save()
    preference_update(user=person, in_app=True, email=False, sms=True)
    LoggingSmsProvider.fail_next = 1
    with django_capture_on_commit_callbacks(execute=True):
        notify(person, title="Thử", body="Nội dung", email=True, sms="Noi dung")
    delivery = Delivery.objects.get(channel="sms")
    assert delivery.state == "failed" and delivery.attempts == 1
    assert "stand-in told to fail" in delivery.last_error and delivery.next_attempt_at
    assert deliveries_retry(at=timezone.now()) == 0  # not due yet
    assert deliveries_retry(at=timezone.now() + timedelta(minutes=5)) == 1
    delivery.refresh_from_db()
    assert delivery.state == "sent" and delivery.sent_at and delivery.last_error == ""
    assert LoggingSmsProvider.sent == [("0912345678", "Noi dung")]


def test_templates_are_editable_and_a_switched_off_one_sends_nothing(submit, users):  # noqa: F811
    template = MessageTemplate.objects.get(key=TemplateKey.DOSSIER_RECEIVED)
    template.title = "Đã nhận hồ sơ {{ code }} — cảm ơn"
    template.save()
    dossier = submit()
    act(dossier, users["motcua"], "receive", vn(2026, 3, 2, 8, 0))
    assert (
        Notification.objects.get(user=users["congdan"], kind=TemplateKey.DOSSIER_RECEIVED).title
        == f"Đã nhận hồ sơ {dossier.code} — cảm ơn"
    )
    MessageTemplate.objects.filter(key=TemplateKey.DOSSIER_SUPPLEMENT).update(is_active=False)
    act(
        dossier,
        users["motcua"],
        "request-supplement",
        vn(2026, 3, 2, 9, 0),
        items=["Học bạ"],
        note="Thiếu học bạ.",
    )
    assert TemplateKey.DOSSIER_SUPPLEMENT not in kinds(users["congdan"], dossier.code)


def test_the_profile_page_saves_the_channels(client, users):  # noqa: F811
    person = users["congdan"]
    client.force_login(person)
    page = client.get("/tai-khoan/kenh-thong-bao/")
    assert page.status_code == 200
    response = client.post("/tai-khoan/kenh-thong-bao/", {"email": "1", "sms": "1"})
    assert response.status_code == 302
    preference = Preference.objects.get(user=person)
    assert (preference.in_app, preference.email, preference.sms) == (False, True, True)


def test_on_a_friday_staff_are_told_of_dossiers_due_on_monday(submit, users):  # noqa: F811
    from motcua.notifications.dossiers import dossiers_due_tomorrow_notify

    dossier = walk_to_head(submit(at=vn(2026, 3, 4, 7, 0)), users, vn(2026, 3, 4, 8, 0))
    dossier.refresh_from_db()
    due = dossier.extended_due_at or dossier.due_at
    assert due.astimezone(VIETNAM).weekday() == 0  # the test's premise: due on a Monday
    assert dossiers_due_tomorrow_notify(at=vn(2026, 3, 7, 9, 0)) == 0  # Saturday: nothing
    assert dossiers_due_tomorrow_notify(at=vn(2026, 3, 6, 9, 0)) >= 1  # Friday
