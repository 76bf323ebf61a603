"""In-app notifications with an optional e-mail copy sent by a task after the commit."""

import pytest
from django.core import mail

from motcua.accounts.models import Role
from motcua.notifications.models import Notification
from motcua.notifications.services import notify

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(make_staff):
    user = make_staff(Role.SCHOOL, "hieutruong")
    user.email = "hieutruong@example.vn"
    user.save()
    return user


def test_notify_writes_the_row_and_emails_after_the_commit(
    person, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notice = notify(
            person, title="Nhắc nộp báo cáo", body="Hạn 04/09.", url="/bao-cao/", email=True
        )
        assert mail.outbox == []  # nothing leaves before the commit
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Nhắc nộp báo cáo" and message.to == ["hieutruong@example.vn"]
    assert "/bao-cao/" in message.body
    notice.refresh_from_db()
    assert notice.emailed_at is not None and notice.read_at is None


def test_no_email_unless_asked_and_addressed(
    person, make_staff, django_capture_on_commit_callbacks
):
    nobody = make_staff(Role.SCHOOL, "khongthu")
    with django_capture_on_commit_callbacks(execute=True):
        notify(person, title="A", body="", email=False)
        notify(nobody, title="B", body="", email=True)
    assert mail.outbox == []
    assert Notification.objects.count() == 2


def test_the_email_task_sends_once(person, django_capture_on_commit_callbacks):
    from motcua.notifications.tasks import send_notification_email

    with django_capture_on_commit_callbacks(execute=True):
        notice = notify(person, title="A", body="", email=True)
    assert send_notification_email.call(notice.pk) is False
    assert len(mail.outbox) == 1


def test_the_page_lists_marks_read_and_the_header_counts(client, person, make_staff):
    first = notify(person, title="Báo cáo bị trả lại", body="Lý do: sai biểu 1.", url="/bao-cao/")
    notify(person, title="Nhắc nộp báo cáo", body="")
    other = notify(make_staff(Role.SCHOOL, "nguoikhac"), title="Của người khác", body="")
    client.force_login(person)
    page = client.get("/thong-bao/").content.decode()
    assert "Báo cáo bị trả lại" in page and "Của người khác" not in page
    assert 'class="badge count">2<' in page
    opened = client.post(f"/thong-bao/{first.pk}/da-doc/", {"open": "1"})
    assert opened.status_code == 302 and opened["Location"] == "/bao-cao/"
    first.refresh_from_db()
    assert first.read_at is not None
    assert 'class="badge count">1<' in client.get("/thong-bao/").content.decode()
    assert client.post(f"/thong-bao/{other.pk}/da-doc/").status_code == 404
    client.post("/thong-bao/da-doc-het/")
    assert not Notification.objects.filter(user=person, read_at__isnull=True).exists()
    other.refresh_from_db()
    assert other.read_at is None


def test_an_offsite_link_is_not_followed(client, person):
    notice = notify(person, title="x", body="", url="https://example.com/phish")
    client.force_login(person)
    response = client.post(f"/thong-bao/{notice.pk}/da-doc/", {"open": "1"})
    assert response["Location"] == "/thong-bao/"
