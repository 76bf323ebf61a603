"""The department's board per period and the reminders (before the deadline, overdue, on
demand): counted by the database, sent once."""

import pytest
from django.core import mail
from django.core.management import call_command

from motcua.core.exceptions import NotAllowed
from motcua.notifications.models import Notification
from motcua.organization.services import unit_create
from motcua.reporting import selectors, services
from motcua.reporting.models import Reminder, ReportingUnit
from motcua.reporting.tests.conftest import vn

pytestmark = pytest.mark.django_db


@pytest.fixture
def third_school(org, levels, make_staff):
    school = unit_create(name="Trường THCS C", level=levels["school"], parent=org["department"])
    ReportingUnit.objects.create(unit=school, category=org["categories"][1])
    make_staff("school", "hieutruong_c", school)
    return school


def test_board_shows_on_time_late_returned_and_missing(
    org, q3, submit, third_school, django_assert_max_num_queries
):
    submit("principal_a", at=vn(2026, 9, 3, 16))  # on time (deadline Friday 4/9)
    late = submit("principal_b", at=vn(2026, 9, 8, 9))  # late
    with django_assert_max_num_queries(6):
        board = selectors.period_board(q3, org["head"])
    states = {row.unit_name: row.state for row in board.rows}
    assert states == {
        "Trường THCS A": "on_time",
        "Trường Tiểu học B": "late",
        "Trường THCS C": "missing",
    }
    assert board.counts == {
        "expected": 3,
        "submitted": 2,
        "on_time": 1,
        "late": 1,
        "returned": 0,
        "draft": 0,
        "missing": 1,
    }
    services.report_return(report_id=late.pk, actor=org["head"], reason="Thiếu số liệu biểu 2.")
    board = selectors.period_board(q3, org["specialist"])
    row = next(r for r in board.rows if r.unit_name == "Trường Tiểu học B")
    assert (row.state, row.return_reason) == ("returned", "Thiếu số liệu biểu 2.")
    assert (board.counts["returned"], board.counts["late"], board.counts["missing"]) == (1, 0, 1)
    assert [r.unit_name for r in board.missing_units] == ["Trường THCS C", "Trường Tiểu học B"]


def test_only_the_receiving_office_sees_the_board(org, q3):
    with pytest.raises(NotAllowed):
        selectors.period_board(q3, org["principal_a"])
    assert selectors.period_board(q3, org["district_user"]).counts["expected"] == 2


def test_reminders_before_the_deadline_are_sent_once(
    org, q3, submit, django_capture_on_commit_callbacks
):
    org["principal_b"].email = "truong-b@example.vn"
    org["principal_b"].save()
    submit("principal_a", at=vn(2026, 9, 1, 9))
    # Nothing is sent a week before the deadline (see the next test for the window).
    assert services.reminders_send(vn(2026, 8, 26, 8)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.reminders_send(vn(2026, 9, 3, 8))
    assert sent == 1  # only school B: A has submitted
    notice = Notification.objects.get(user=org["principal_b"])
    assert notice.kind == "report-reminder-before" and "04/09/2026" in notice.body
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["truong-b@example.vn"]
    # Running again (or later the same day) sends nothing new.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send(vn(2026, 9, 3, 15)) == 0
        assert services.reminders_send(vn(2026, 9, 4, 8)) == 0
    assert Notification.objects.filter(user=org["principal_b"]).count() == 1
    assert len(mail.outbox) == 1


def test_reminder_window_counts_working_days(org, q3):
    # Two working days before Friday 4/9/2026: Thursday 3/9 is one; 1–2/9 (National Day),
    # 31/8 (a swapped day off) and the weekend are not; Friday 28/8 is the second.
    assert services.reminders_send(vn(2026, 8, 27, 17)) == 0
    assert services.reminders_send(vn(2026, 8, 28, 8)) == 2


def test_overdue_reminder_is_sent_once_and_not_to_those_who_submitted(org, q3, submit):
    services.reminders_send(vn(2026, 9, 3, 8))  # the "before" ones
    submit("principal_a", at=vn(2026, 9, 6, 9))
    assert services.reminders_send(vn(2026, 9, 7, 8)) == 1
    assert Reminder.objects.filter(period=q3, kind="overdue").get().unit == org["school_b"]
    assert services.reminders_send(vn(2026, 9, 8, 8)) == 0
    kinds = sorted(
        Notification.objects.filter(user=org["principal_b"]).values_list("kind", flat=True)
    )
    assert kinds == ["report-reminder-before", "report-reminder-overdue"]


def test_the_management_command_runs_the_same_service(org, q3, capsys):
    call_command("send_report_reminders", "--at", "2026-09-07T08:00:00+07:00")
    call_command("send_report_reminders", "--at", "2026-09-07T09:00:00+07:00")
    out = capsys.readouterr().out
    assert "Đã nhắc 2 đơn vị." in out and "Đã nhắc 0 đơn vị." in out


def test_remind_the_missing_ones_on_demand(org, q3, submit):
    submit("principal_a")
    draft = services.report_open(period_id=q3.pk, actor=org["principal_b"])
    assert draft.status == "draft"
    assert services.reminders_send_missing(period_id=q3.pk, actor=org["head"]) == 1
    assert services.reminders_send_missing(period_id=q3.pk, actor=org["head"]) == 1
    assert Notification.objects.filter(user=org["principal_b"]).count() == 2
    assert not Notification.objects.filter(user=org["principal_a"]).exists()
    with pytest.raises(NotAllowed):
        services.reminders_send_missing(period_id=q3.pk, actor=org["principal_a"])
