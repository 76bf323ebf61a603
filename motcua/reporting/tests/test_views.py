"""The reporting pages: a school fills and submits, the department reads the board, returns,
reminds, consolidates and exports; the plan pages. Refusals are pages with their status."""

from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.notifications.models import Notification
from motcua.reporting.models import Plan, Report
from motcua.reporting.plan_sample import sample_plan_xlsx
from motcua.reporting.tests.conftest import vn

pytestmark = pytest.mark.django_db


def at(instant):
    return mock.patch("motcua.reporting.services.now", return_value=instant)


def form_data(**values) -> dict:
    data = {
        "v_a": "12",
        "v_b": "7",
        "v_c": "5",
        "v_rate": "95,5",
        "v_grade": "Tốt",
        "s_ket_qua": "Niêm yết đủ thủ tục.",
    }
    data.update(values)
    return data


def test_a_school_fills_saves_and_submits_in_the_browser(client, org, q3):
    client.force_login(org["principal_a"])
    index = client.get("/bao-cao/")
    assert index.status_code == 200 and "Quý III năm 2026" in index.content.decode()
    with at(vn(2026, 9, 1, 8)):
        opened = client.post(f"/bao-cao/ky/{q3.pk}/lap/")
    report = Report.objects.get(period=q3, unit=org["school_a"])
    assert opened.status_code == 302 and opened["Location"] == f"/bao-cao/{report.pk}/"

    page = client.get(f"/bao-cao/{report.pk}/").content.decode()
    assert '<label for="id_v_a">Tổng hồ sơ' in page and 'name="files"' in page

    with at(vn(2026, 9, 1, 9)):
        bad = client.post(f"/bao-cao/{report.pk}/", form_data(v_a="10", action="submit"))
    assert bad.status_code == 422
    html = bad.content.decode()
    assert "«Tổng hồ sơ» (a) phải bằng Hồ sơ trực tuyến (b) + Hồ sơ trực tiếp (c) = 12" in html
    # What was valid for a draft was kept.
    assert report.values.get(field__code="b").number == 7

    with at(vn(2026, 9, 2, 9)):
        draft = client.post(f"/bao-cao/{report.pk}/", form_data(action="save", v_c=""))
    assert draft.status_code == 302
    with at(vn(2026, 9, 2, 10)):
        done = client.post(
            f"/bao-cao/{report.pk}/",
            {
                **form_data(action="submit"),
                "files": SimpleUploadedFile("bien-ban.pdf", _pdf(), "application/pdf"),
            },
        )
    assert done.status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted" and report.late is False
    assert report.attachments.count() == 1
    page = client.get(f"/bao-cao/{report.pk}/").content.decode()
    assert "Đã nộp" in page and 'name="action"' not in page
    assert "bien-ban.pdf" in page
    again = client.post(f"/bao-cao/{report.pk}/", form_data(action="save"))
    assert again.status_code == 409


def _pdf() -> bytes:
    from motcua.documents.tests.samples import pdf_bytes

    return pdf_bytes()


def test_the_department_board_return_remind_and_consolidate(client, org, q3, submit):
    on_time = submit("principal_a", at=vn(2026, 9, 3, 9))
    client.force_login(org["head"])
    board = client.get(f"/bao-cao/ky/{q3.pk}/").content.decode()
    assert "Đã nộp đúng hạn" in board and "Chưa nộp" in board
    assert "Nhắc 1 đơn vị chưa nộp" in board

    reminded = client.post(f"/bao-cao/ky/{q3.pk}/nhac-nho/", follow=True)
    assert "Đã nhắc 1 đơn vị" in reminded.content.decode()
    assert Notification.objects.filter(user=org["principal_b"]).count() == 1

    empty = client.post(f"/bao-cao/{on_time.pk}/tra-lai/", {"reason": ""})
    assert empty.status_code == 422
    returned = client.post(f"/bao-cao/{on_time.pk}/tra-lai/", {"reason": "Sai biểu 1."})
    assert returned.status_code == 302
    board = client.get(f"/bao-cao/ky/{q3.pk}/").content.decode()
    assert "Trả lại để chỉnh sửa" in board and "Sai biểu 1." in board

    submit("principal_b", at=vn(2026, 9, 8, 9))
    page = client.get(f"/bao-cao/ky/{q3.pk}/tong-hop/")
    assert page.status_code == 200
    assert "Tổng hồ sơ" in page.content.decode()
    docx = client.get(f"/bao-cao/ky/{q3.pk}/tong-hop/docx/")
    assert docx.status_code == 200
    assert docx["Content-Disposition"].endswith('.docx"')
    refused = client.post(f"/bao-cao/ky/{q3.pk}/tong-hop/", {"action": "submit"})
    assert refused.status_code == 422
    sent = client.post(
        f"/bao-cao/ky/{q3.pk}/tong-hop/",
        {
            "action": "submit",
            "document_number": "88/BC-GDĐT",
            "signer_name": "Nguyễn Thị Hồng",
            "signer_title": "TRƯỞNG PHÒNG",
            "place": "Quận 11",
        },
        follow=True,
    )
    assert "Đã gửi báo cáo tổng hợp lên cấp trên." in sent.content.decode()


def test_pages_refuse_with_their_status(client, org, q3, submit):
    report = submit("principal_a")
    client.force_login(org["principal_b"])
    assert client.get(f"/bao-cao/{report.pk}/").status_code == 404
    assert client.get(f"/bao-cao/ky/{q3.pk}/").status_code == 403
    assert client.get(f"/bao-cao/ky/{q3.pk}/tong-hop/").status_code == 403
    client.force_login(org["specialist"])
    assert client.get(f"/bao-cao/{report.pk}/").status_code == 200
    sent = client.post(
        f"/bao-cao/ky/{q3.pk}/tong-hop/",
        {"action": "submit", "document_number": "1", "signer_name": "A"},
    )
    assert sent.status_code == 403  # the head sends it up
    client.logout()
    assert client.get("/bao-cao/").status_code == 302


def test_plan_pages_import_timeline_and_progress(client, org):
    client.force_login(org["head"])
    sample = client.get("/ke-hoach/mau.xlsx")
    assert sample.status_code == 200 and sample.content[:2] == b"PK"
    bad = client.post(
        "/ke-hoach/",
        {
            "number": "1/KH",
            "title": "x",
            "year": 2024,
            "file": SimpleUploadedFile("x.xlsx", b"not xlsx"),
        },
    )
    assert bad.status_code == 422 and "Excel" in bad.content.decode()
    created = client.post(
        "/ke-hoach/",
        {
            "number": "306/KH-GDĐT",
            "title": "Kế hoạch năm 2024",
            "year": 2024,
            "file": SimpleUploadedFile("phu-luc.xlsx", sample_plan_xlsx(2024)),
        },
    )
    plan = Plan.objects.get()
    assert created.status_code == 302 and created["Location"] == f"/ke-hoach/{plan.pk}/"
    page = client.get(f"/ke-hoach/{plan.pk}/").content.decode()
    assert page.count('class="gantt-row') == 25
    assert "nhiệm vụ quá hạn" in page  # 2024's tasks are past
    task = plan.tasks.get(number="1")
    updated = client.post(
        f"/ke-hoach/nhiem-vu/{task.pk}/",
        {"status": "done", "percent": "100", "note": "Đã niêm yết."},
    )
    assert updated.status_code == 302
    task.refresh_from_db()
    assert (task.status, task.percent) == ("done", 100)
    wrong = client.post(f"/ke-hoach/nhiem-vu/{task.pk}/", {"status": "done", "percent": "50"})
    assert wrong.status_code == 422
    assert "100%" in wrong.content.decode()


def test_the_board_speaks_english_when_chosen(client, org, q3, submit):
    submit("principal_a")
    client.force_login(org["head"])
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(f"/bao-cao/ky/{q3.pk}/").content.decode()
    assert "Submitted on time" in page and "Quarter III of 2026" in page
    # The exported document stays Vietnamese, as an official paper.
    docx = client.get(f"/bao-cao/ky/{q3.pk}/tong-hop/docx/")
    from io import BytesIO

    from docx import Document

    text = "\n".join(p.text for p in Document(BytesIO(docx.content)).paragraphs)
    assert "Quý III năm 2026" in text and "BÁO CÁO" in text
