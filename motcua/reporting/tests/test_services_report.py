"""A unit's report through the services: draft, submit, lock, return with a reason,
resubmit; files checked by content; who may do what."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile

from motcua.core.exceptions import Conflict, InvalidInput, NotAllowed, NotFound
from motcua.notifications.models import Notification
from motcua.reporting import selectors, services
from motcua.reporting.models import Report, ReportValue
from motcua.reporting.tests.conftest import TEXTS, VALID, office_file, pdf, vn
from motcua.reporting.workflow import ReportStatus

pytestmark = pytest.mark.django_db


def test_draft_is_saved_partially_and_resumed(org, q3):
    user = org["principal_a"]
    report = services.report_open(period_id=q3.pk, actor=user, at=vn(2026, 8, 20, 8))
    assert report.status == ReportStatus.DRAFT
    services.report_save(report_id=report.pk, actor=user, values={"b": "7"}, at=vn(2026, 8, 20, 9))
    services.report_save(
        report_id=report.pk, actor=user, values={"c": 5}, sections={"ket_qua": "Đang làm"}
    )
    values, texts = selectors.report_raw_values(
        selectors.report_detail_get(pk=report.pk, user=user)
    )
    assert values == {"b": 7, "c": 5}
    assert texts["ket_qua"] == "Đang làm"
    # Opening again returns the same draft.
    assert services.report_open(period_id=q3.pk, actor=user).pk == report.pk
    # A value cleared is removed.
    services.report_save(report_id=report.pk, actor=user, values={"b": ""})
    assert not ReportValue.objects.filter(report=report, field__code="b").exists()


def test_draft_checks_types_but_not_required_fields(org, q3):
    user = org["principal_a"]
    report = services.report_open(period_id=q3.pk, actor=user)
    with pytest.raises(InvalidInput) as caught:
        services.report_save(report_id=report.pk, actor=user, values={"b": "bảy", "amount": 5000})
    assert caught.value.errors["values.b"] == ["«Hồ sơ trực tuyến» (b): phải là một số."]
    assert "không được lớn hơn 1.000" in caught.value.errors["values.amount"][0]
    assert not ReportValue.objects.filter(report=report).exists()  # nothing half-saved


def test_submission_checks_every_rule_and_names_the_field(org, q3):
    user = org["principal_a"]
    report = services.report_open(period_id=q3.pk, actor=user)
    with pytest.raises(InvalidInput) as caught:
        services.report_submit(
            report_id=report.pk, actor=user, values={"a": 10, "b": 7, "c": 5}, sections={}
        )
    errors = caught.value.errors
    assert "bằng" in errors["values.a"][0] and "= 12" in errors["values.a"][0]
    assert errors["values.rate"] == ["«Tỷ lệ số hóa» (rate): bắt buộc nhập."]
    assert errors["sections.ket_qua"] == ["Mục «Kết quả đạt được»: bắt buộc nhập nội dung."]
    assert Report.objects.get(pk=report.pk).status == ReportStatus.DRAFT


def test_submit_lock_return_resubmit_with_full_history(org, q3, submit):
    principal, head = org["principal_a"], org["head"]
    report = submit(at=vn(2026, 9, 2, 9))
    assert report.status == ReportStatus.SUBMITTED and report.late is False

    with pytest.raises(Conflict):
        services.report_save(report_id=report.pk, actor=principal, values={"b": 8})
    with pytest.raises(Conflict):
        services.report_submit(report_id=report.pk, actor=principal)

    with pytest.raises(InvalidInput) as caught:
        services.report_return(report_id=report.pk, actor=head, reason="  ")
    assert caught.value.errors == {"reason": ["Vui lòng nêu lý do trả lại để đơn vị chỉnh sửa."]}
    services.report_return(
        report_id=report.pk, actor=head, reason="Số liệu biểu 1 chưa khớp.", at=vn(2026, 9, 3, 10)
    )
    notice = Notification.objects.get(user=principal, kind="report-returned")
    assert "Số liệu biểu 1 chưa khớp." in notice.body

    services.report_submit(
        report_id=report.pk,
        actor=principal,
        values={"a": 13, "b": 8},
        at=vn(2026, 9, 7, 8),  # after the deadline: the first submission decides
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert report.late is False
    assert report.first_submitted_at == vn(2026, 9, 2, 9)
    assert report.submitted_at == vn(2026, 9, 7, 8)

    events = list(report.events.order_by("at", "pk"))
    assert [e.action for e in events] == ["create", "submit", "return", "submit"]
    assert [e.actor_name for e in events] == [
        "Hieutruong_A",
        "Hieutruong_A",
        "Truongphong",
        "Hieutruong_A",
    ]
    assert events[2].note == "Số liệu biểu 1 chưa khớp."
    assert events[3].data["fields"] == {"a": ["12", "13"], "b": ["7", "8"]}
    assert (events[2].from_status, events[2].to_status) == ("submitted", "returned")


def test_on_time_is_judged_by_the_local_day_of_the_deadline(org, q3, submit):
    assert q3.deadline.isoformat() == "2026-09-04"
    on_time = submit("principal_a", at=vn(2026, 9, 4, 23, 59))
    late = submit("principal_b", at=vn(2026, 9, 5, 0, 1))
    assert on_time.late is False
    assert late.late is True


def test_another_school_cannot_see_or_touch_the_report(org, q3, submit):
    report = submit("principal_a")
    other = org["principal_b"]
    with pytest.raises(NotFound):
        selectors.report_get(pk=report.pk, user=other)
    with pytest.raises(NotFound):
        services.report_return(report_id=report.pk, actor=other, reason="x")
    draft = services.report_open(period_id=q3.pk, actor=org["principal_b"])
    with pytest.raises(NotFound):
        services.report_save(report_id=draft.pk, actor=org["principal_a"], values={"b": 1})


def test_department_staff_see_but_do_not_fill_a_school_report(org, q3):
    draft = services.report_open(period_id=q3.pk, actor=org["principal_a"])
    assert selectors.report_get(pk=draft.pk, user=org["specialist"]).pk == draft.pk
    with pytest.raises(NotAllowed):
        services.report_save(report_id=draft.pk, actor=org["specialist"], values={"b": 1})
    with pytest.raises(NotAllowed):
        services.report_open(period_id=q3.pk, actor=org["head"])


def test_a_school_cannot_return_reports(org, submit):
    report = submit("principal_a")
    with pytest.raises(NotAllowed):
        services.report_return(report_id=report.pk, actor=org["principal_a"], reason="x")


def test_a_unit_outside_the_type_does_not_see_its_periods(org, q3, levels, make_staff):
    from motcua.organization.services import unit_create

    outsider = unit_create(name="Trường C", level=levels["school"], parent=org["department"])
    user = make_staff("school", "hieutruong_c", outsider)
    with pytest.raises(NotFound):
        services.report_open(period_id=q3.pk, actor=user)


def test_attachments_are_checked_by_content(org, q3):
    user = org["principal_a"]
    report = services.report_open(period_id=q3.pk, actor=user)
    rows = services.report_attach(
        report_id=report.pk,
        actor=user,
        uploads=[
            services.Upload(pdf(), "bien-ban.pdf"),
            services.Upload(ContentFile(office_file("docx")), "ke-hoach.docx"),
            services.Upload(ContentFile(office_file("xlsx")), "so-lieu.xlsx"),
        ],
    )
    assert [r.content_type for r in rows] == [
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ]
    assert not rows[0].file.name.endswith("bien-ban.pdf")  # a generated name on disk
    refused = [
        (ContentFile(b"MZ\x90\x00program"), "so-lieu.pdf", "tệp chương trình"),
        (ContentFile(office_file("docx", macro=True)), "macro.docx", "macro"),
        (ContentFile(b"just text"), "ghi-chu.txt", "không phải PDF"),
    ]
    for content, name, reason in refused:
        with pytest.raises(InvalidInput) as caught:
            services.report_attach(
                report_id=report.pk, actor=user, uploads=[services.Upload(content, name)]
            )
        assert name in caught.value.message and reason in caught.value.message
    assert report.attachments.count() == 3

    services.report_detach(report_id=report.pk, attachment_id=rows[1].pk, actor=user)
    assert report.attachments.filter(removed_at__isnull=True).count() == 2
    actions = list(report.events.values_list("action", flat=True))
    assert actions == ["create", "attach", "detach"]


def test_files_cannot_be_added_once_submitted(org, submit):
    report = submit("principal_a")
    with pytest.raises(Conflict):
        services.report_attach(
            report_id=report.pk, actor=org["principal_a"], uploads=[services.Upload(pdf(), "a.pdf")]
        )


def test_own_periods_list_what_is_due_first(org, q3, submit):
    today = q3.deadline + timedelta(days=1)
    items = selectors.own_periods(org["principal_a"], today=today)
    mine = [i for i in items if i.period.pk == q3.pk]
    assert len(mine) == 1 and mine[0].report is None and mine[0].overdue
    submit("principal_a")
    items = selectors.own_periods(org["principal_a"], today=today)
    assert [i.status for i in items if i.period.pk == q3.pk] == ["submitted"]
    assert selectors.own_periods(org["head"], today=today) == []
    assert VALID and TEXTS
