"""The dossier pages: citizen submission, the dossier page and its actions for each role, the
staff queue, desk registration and the public status page."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.documents.tests.samples import pdf_bytes
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import ActionInput, Applicant, dossier_act, dossier_register
from motcua.dossiers.tests.conftest import DIPLOMA_COPY, TRANSFER, vn
from motcua.dossiers.workflow import Status

pytestmark = pytest.mark.django_db

PDF = pdf_bytes()


@pytest.fixture
def at(monkeypatch):
    """Freeze the clock the views and services read at an instant (Vietnam time)."""

    def freeze(instant):
        from motcua.core import clock
        from motcua.dossiers import services

        monkeypatch.setattr(clock, "now", lambda: instant)
        monkeypatch.setattr(services, "now", lambda: instant)
        return instant

    freeze(vn(2026, 3, 2, 9, 0))
    return freeze


def login(client, user):
    client.force_login(user)
    return client


def act(dossier, user, action, when, **data):
    return dossier_act(
        code=dossier.code, actor=user, action=action, data=ActionInput(**data), at=when
    )


def pdf_file(name="tep.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


# --- citizen ---------------------------------------------------------------------------


def test_procedure_page_offers_online_submission_only_when_accepted(client, demo):
    html = client.get(f"/thu-tuc/{TRANSFER}/").content.decode()
    assert f'href="/ho-so/nop/{TRANSFER}/"' in html and "Nộp hồ sơ trực tuyến" in html
    html = client.get(f"/thu-tuc/{DIPLOMA_COPY}/").content.decode()
    assert "/ho-so/nop/" not in html


def test_submit_form_lists_components_and_prefills_the_applicant(client, users, at):
    response = login(client, users["congdan"]).get(f"/ho-so/nop/{TRANSFER}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Võ Minh Tuấn" in html and "079090001234" in html
    assert html.count('type="file"') == 3
    assert "Học bạ (bản chính)." in html and "1 bản chính" in html and "Bắt buộc" in html


def test_submit_form_shows_database_components_as_not_needed(client, users, demo):
    # The diploma copy is desk-only; a published online procedure with a database look-up:
    from motcua.catalog.models import ProcedureComponent

    component = ProcedureComponent.objects.filter(
        procedure__code=TRANSFER, procedure__status="published"
    ).first()
    ProcedureComponent.objects.create(
        procedure=component.procedure,
        order=9,
        name="Căn cước công dân",
        source="database",
        database_name="CSDL quốc gia về dân cư",
    )
    html = login(client, users["congdan"]).get(f"/ho-so/nop/{TRANSFER}/").content.decode()
    assert "Khai thác từ CSDL — không cần nộp" in html
    assert html.count('type="file"') == 3


def test_citizen_submits_with_files_and_sees_the_code(client, users, at):
    from motcua.catalog.selectors import procedure_get

    procedure = procedure_get(code=TRANSFER)
    data = {"request": "Xin chuyển trường cho con.", "address": "12 Lạc Long Quân, Quận 11"}
    for component in procedure.components.all():
        data[f"component_{component.pk}"] = pdf_file(f"tp{component.order}.pdf")
    response = login(client, users["congdan"]).post(f"/ho-so/nop/{TRANSFER}/", data, follow=True)
    dossier = Dossier.objects.get()
    assert response.redirect_chain[-1] == (f"/ho-so/{dossier.code}/", 302)
    html = response.content.decode()
    assert f"Mã hồ sơ của bạn: {dossier.code}" in html
    assert "Mới đăng ký" in html and "Trực tuyến" in html
    assert dossier.applicant_address == "12 Lạc Long Quân, Quận 11"
    assert dossier.files.count() == 3 and dossier.applicant_id_number == "079090001234"


def test_submission_without_a_required_file_is_422_with_the_field_marked(client, users, at):
    from motcua.catalog.selectors import procedure_get

    procedure = procedure_get(code=TRANSFER)
    first = procedure.components.first()
    response = login(client, users["congdan"]).post(
        f"/ho-so/nop/{TRANSFER}/",
        {"request": "Xin chuyển trường.", f"component_{first.pk}": pdf_file()},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Hồ sơ chưa gửi được" in html and 'aria-invalid="true"' in html
    assert not Dossier.objects.exists()


def test_submission_rejects_a_file_that_is_not_pdf_or_image(client, users, at):
    from motcua.catalog.selectors import procedure_get

    procedure = procedure_get(code=TRANSFER)
    data = {"request": "Xin chuyển trường."}
    for component in procedure.components.all():
        data[f"component_{component.pk}"] = SimpleUploadedFile("a.exe", b"MZ...")
    response = login(client, users["congdan"]).post(f"/ho-so/nop/{TRANSFER}/", data)
    assert response.status_code == 422
    assert "Chỉ nhận tệp PDF hoặc ảnh" in response.content.decode()


def test_staff_cannot_submit_online(client, users):
    response = login(client, users["motcua"]).get(f"/ho-so/nop/{TRANSFER}/")
    assert response.status_code == 403


def test_my_dossiers_lists_code_procedure_status_and_due_date(client, users, submit, at):
    dossier = submit()
    act(dossier, users["motcua"], "receive", vn(2026, 3, 2, 10, 0))
    html = login(client, users["congdan"]).get("/ho-so/cua-toi/").content.decode()
    assert dossier.code in html and "Chuyển trường đối với học sinh trung học cơ sở" in html
    assert "Được tiếp nhận" in html and "10:00 05/03/2026" in html


def test_another_citizen_gets_404_for_someone_elses_dossier(client, users, submit):
    from motcua.accounts.services import citizen_register

    dossier = submit()
    other = citizen_register(
        full_name="Lê Văn C", citizen_id="001099001111", password="x-an-toan-99", phone="0988000111"
    )
    login(client, other)
    response = client.get(f"/ho-so/{dossier.code}/")
    assert response.status_code == 404
    assert dossier.applicant_name not in response.content.decode()
    assert client.post(f"/ho-so/{dossier.code}/withdraw/", {}).status_code == 404
    file = dossier.files.first()
    assert client.get(f"/ho-so/{dossier.code}/tep/{file.pk}/").status_code == 404


def test_anonymous_people_are_sent_to_login(client, submit):
    dossier = submit()
    for url in ("/ho-so/", "/ho-so/cua-toi/", f"/ho-so/{dossier.code}/", "/ho-so/tiep-nhan/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")


def test_citizen_answers_a_supplement_request_with_files(client, users, submit, at):
    dossier = submit()
    act(dossier, users["motcua"], "receive", vn(2026, 3, 2, 8, 0))
    act(
        dossier,
        users["motcua"],
        "request-supplement",
        vn(2026, 3, 2, 9, 0),
        items=["Học bạ bản chính"],
        note="Học bạ nộp là bản chụp.",
        contact="Lê Thị Lan — 02838655101",
    )
    login(client, users["congdan"])
    html = client.get(f"/ho-so/{dossier.code}/").content.decode()
    assert "Yêu cầu bổ sung, hoàn thiện hồ sơ" in html
    assert "Học bạ bản chính" in html and "Học bạ nộp là bản chụp." in html
    assert "Lê Thị Lan — 02838655101" in html
    assert f'action="/ho-so/{dossier.code}/supplement/"' in html
    at(vn(2026, 3, 3, 9, 0))
    response = client.post(
        f"/ho-so/{dossier.code}/supplement/",
        {"supplement-files": [pdf_file("hoc-ba.pdf")], "supplement-note": "Đã gửi bản chính."},
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.RECEIVED
    assert dossier.files.filter(round=1, original_name="hoc-ba.pdf").exists()


def test_supplement_without_a_file_is_422(client, users, submit, at):
    dossier = submit()
    act(dossier, users["motcua"], "request-supplement", vn(2026, 3, 2, 8), items=["A"], note="B")
    response = login(client, users["congdan"]).post(f"/ho-so/{dossier.code}/supplement/", {})
    assert response.status_code == 422
    assert 'id="id_supplement-files_error"' in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == Status.WAITING_SUPPLEMENT


def test_citizen_withdraws_after_confirming(client, users, submit, at):
    dossier = submit()
    login(client, users["congdan"])
    html = client.get(f"/ho-so/{dossier.code}/").content.decode()
    assert "Rút hồ sơ…" in html
    response = client.post(f"/ho-so/{dossier.code}/withdraw/", {"withdraw-note": "Không cần"})
    assert response.status_code == 422  # the confirmation box was not ticked
    dossier.refresh_from_db()
    assert dossier.status == Status.SUBMITTED
    response = client.post(
        f"/ho-so/{dossier.code}/withdraw/",
        {"withdraw-note": "Không còn nhu cầu.", "withdraw-confirm": "on"},
        follow=True,
    )
    assert "Đã rút hồ sơ" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == Status.WITHDRAWN


def test_citizen_sees_no_staff_actions_nor_internal_notes(client, users, submit, at):
    dossier = submit()
    act(dossier, users["motcua"], "receive", vn(2026, 3, 2, 8, 0))
    act(dossier, users["motcua"], "handover", vn(2026, 3, 2, 8, 30), note="Ghi chú nội bộ")
    html = login(client, users["congdan"]).get(f"/ho-so/{dossier.code}/").content.decode()
    assert "Ghi chú nội bộ" not in html and "/handover/" not in html
    assert "Chuyển bước xử lý" in html  # the history line itself is public


def test_citizen_posting_a_staff_action_is_403(client, users, submit, at):
    dossier = submit()
    response = login(client, users["congdan"]).post(f"/ho-so/{dossier.code}/receive/", {})
    assert response.status_code == 403
    assert "không thuộc quyền của" in response.content.decode()


# --- staff dossier page --------------------------------------------------------------------


def test_officer_receives_and_the_appointment_shows(client, users, submit, at):
    dossier = submit()
    login(client, users["motcua"])
    html = client.get(f"/ho-so/{dossier.code}/").content.decode()
    assert f'action="/ho-so/{dossier.code}/receive/"' in html
    assert f'action="/ho-so/{dossier.code}/refuse/"' in html
    at(vn(2026, 3, 2, 10, 0))
    response = client.post(f"/ho-so/{dossier.code}/receive/", {"receive-note": ""}, follow=True)
    html = response.content.decode()
    assert "Đã tiếp nhận hồ sơ" in html and "Hẹn trả kết quả: 10:00 05/03/2026" in html
    assert "Được tiếp nhận" in html
    dossier.refresh_from_db()
    assert dossier.status == Status.RECEIVED and dossier.received_by == users["motcua"]
    # The step, the person and the step's due date for staff.
    assert "Tiếp nhận, kiểm tra hồ sơ, chuyển chuyên viên" in html
    assert "Lê Thị Lan" in html and "13:30 02/03/2026" in html


def test_action_not_allowed_now_is_409_with_the_vietnamese_message(client, users, submit, at):
    dossier = submit()
    response = login(client, users["motcua"]).post(
        f"/ho-so/{dossier.code}/return-result/", {"return-result-return_method": "desk"}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Không thể «Trả kết quả» khi hồ sơ đang ở trạng thái «Mới đăng ký»." in html
    assert 'role="alert"' in html


def test_missing_required_field_is_422_on_the_form(client, users, submit, at):
    dossier = submit()
    response = login(client, users["motcua"]).post(
        f"/ho-so/{dossier.code}/refuse/", {"refuse-reasons": "  "}
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert '<details class="action" open>' in html and 'aria-invalid="true"' in html


def test_service_field_error_lands_on_the_field_as_422(client, users, submit, at):
    dossier = submit()
    act(dossier, users["motcua"], "receive", vn(2026, 3, 2, 8, 0))
    at(vn(2026, 3, 3, 8, 0))
    response = login(client, users["lanhdao"]).post(
        f"/ho-so/{dossier.code}/extend/",
        {"extend-note": "Chờ xác minh.", "extend-new_due_at": "2026-03-07T09:00"},  # Saturday
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_extend-new_due_at_error"' in html
    assert "Ngày hẹn trả mới phải là ngày làm việc, trong giờ hành chính." in html
    assert 'value="2026-03-07T09:00"' in html  # what was typed is kept


def test_second_request_form_asks_for_the_reason_and_warns(client, users, submit, at):
    dossier = submit()
    act(dossier, users["motcua"], "receive", vn(2026, 3, 2, 8, 0))
    act(
        dossier, users["motcua"], "request-supplement", vn(2026, 3, 2, 8, 30), items=["A"], note="B"
    )
    act(dossier, users["motcua"], "supplement", vn(2026, 3, 2, 8, 45))
    login(client, users["motcua"])
    html = client.get(f"/ho-so/{dossier.code}/").content.decode()
    assert "Lý do phải yêu cầu bổ sung thêm lần nữa" in html and "Cảnh báo:" in html


def test_second_supplement_request_shows_the_violation_warning_and_flag(client, users, submit, at):
    dossier = submit()
    act(dossier, users["motcua"], "receive", vn(2026, 3, 2, 8, 0))
    act(
        dossier, users["motcua"], "request-supplement", vn(2026, 3, 2, 8, 30), items=["A"], note="B"
    )
    act(dossier, users["motcua"], "supplement", vn(2026, 3, 2, 8, 45))
    login(client, users["motcua"])
    response = client.post(
        f"/ho-so/{dossier.code}/request-supplement/",
        {
            "request-supplement-items": "Học bạ\nGiấy khai sinh",
            "request-supplement-note": "Học bạ bị rách.",
            "request-supplement-second_request_reason": "Bản chính không đọc được.",
        },
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.multiple_supplements and dossier.pauses.last().items == [
        "Học bạ",
        "Giấy khai sinh",
    ]
    html = login(client, users["lanhdao"]).get(f"/ho-so/{dossier.code}/").content.decode()
    assert "Bổ sung nhiều lần" in html


def test_handover_offers_people_of_the_next_steps_role(client, users, submit, at):
    dossier = submit()
    act(dossier, users["motcua"], "receive", vn(2026, 3, 2, 8, 0))
    login(client, users["motcua"])
    html = client.get(f"/ho-so/{dossier.code}/").content.decode()
    assert 'name="handover-to_user"' in html
    assert f'<option value="{users["chuyenvien"].pk}">Trần Văn Minh' in html
    assert f'<option value="{users["lanhdao"].pk}"' not in html
    response = client.post(
        f"/ho-so/{dossier.code}/handover/", {"handover-to_user": users["chuyenvien"].pk}
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.assignee == users["chuyenvien"] and dossier.status == Status.PROCESSING


def test_specialist_sees_only_the_actions_of_the_step_they_hold(client, users, submit, at):
    dossier = submit()
    act(dossier, users["motcua"], "receive", vn(2026, 3, 2, 8, 0))
    login(client, users["chuyenvien"])
    html = client.get(f"/ho-so/{dossier.code}/").content.decode()
    assert "/propose/" not in html and "/handover/" not in html
    act(dossier, users["motcua"], "handover", vn(2026, 3, 2, 8, 30))
    html = client.get(f"/ho-so/{dossier.code}/").content.decode()
    assert f'action="/ho-so/{dossier.code}/propose/"' in html
    assert 'value="grant"' in html and 'value="deny"' in html


def test_whole_flow_through_the_pages(client, users, submit, at):
    dossier = submit()
    code = dossier.code
    login(client, users["motcua"])
    assert client.post(f"/ho-so/{code}/receive/", {}).status_code == 302
    assert client.post(f"/ho-so/{code}/handover/", {}).status_code == 302
    login(client, users["chuyenvien"])
    response = client.post(
        f"/ho-so/{code}/propose/", {"propose-proposal": "grant", "propose-note": "Đủ điều kiện."}
    )
    assert response.status_code == 302
    login(client, users["lanhdao"])
    assert client.post(f"/ho-so/{code}/approve/", {}).status_code == 302
    login(client, users["motcua"])
    response = client.post(
        f"/ho-so/{code}/return-result/", {"return-result-return_method": "desk"}, follow=True
    )
    assert "Đã trả kết quả" in response.content.decode()
    login(client, users["congdan"])
    html = client.get(f"/ho-so/{code}/").content.decode()
    assert "Đã trả kết quả" in html and "Trực tiếp tại Bộ phận Một cửa" in html


def test_extend_reads_the_new_date_as_vietnam_time(client, users, submit, at):
    dossier = submit()
    act(dossier, users["motcua"], "receive", vn(2026, 3, 2, 8, 0))
    act(dossier, users["motcua"], "handover", vn(2026, 3, 2, 8, 30))
    at(vn(2026, 3, 3, 8, 0))
    login(client, users["lanhdao"])
    response = client.post(
        f"/ho-so/{dossier.code}/extend/",
        {"extend-note": "Chờ xác minh học bạ.", "extend-new_due_at": "2026-03-10T09:00"},
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.extended_due_at == vn(2026, 3, 10, 9, 0)
    html = client.get(f"/ho-so/{dossier.code}/").content.decode()
    assert "09:00 10/03/2026" in html and "/extend/" not in html  # at most once


def test_unknown_action_is_404(client, users, submit):
    dossier = submit()
    login(client, users["motcua"])
    assert client.post(f"/ho-so/{dossier.code}/xoa/", {}).status_code == 404
    assert client.post(f"/ho-so/{dossier.code}/submit/", {}).status_code == 404


def test_staff_downloads_a_file_of_their_units_dossier(client, users, submit):
    dossier = submit()
    file = dossier.files.first()
    response = login(client, users["motcua"]).get(f"/ho-so/{dossier.code}/tep/{file.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF")


# --- staff queue -----------------------------------------------------------------------------


@pytest.fixture
def other_unit_dossier(demo, users):
    """A dossier of a unit the demo staff do not belong to (the first school)."""
    from motcua.accounts.services import staff_create
    from motcua.catalog.models import Procedure

    school = demo["schools"][1]
    school.code = "000.00.99.H29"
    school.save(update_fields=["code"])
    procedure = Procedure.objects.get(code=DIPLOMA_COPY, status="published")
    Procedure.objects.filter(pk=procedure.pk).update(handling_unit=school)
    officer = staff_create(
        username="motcua2",
        full_name="Đỗ Văn Khác",
        role="officer",
        password="x-an-toan-99",
        units=[school],
    )
    return dossier_register(
        officer=officer,
        procedure_code=DIPLOMA_COPY,
        channel=1,
        applicant=Applicant(name="Người Khác", id_number="079190009999"),
        request="Bản sao.",
        at=vn(2026, 3, 2, 8, 0),
    )


def test_queue_lists_only_the_units_dossiers_by_due_date_with_badges(
    client, users, submit, at, demo
):
    later = submit(at=vn(2026, 3, 2, 7, 0))
    act(later, users["motcua"], "receive", vn(2026, 3, 2, 8, 0))  # due Thu 5/3 08:00
    sooner = dossier_register(
        officer=users["motcua"],
        procedure_code=DIPLOMA_COPY,
        channel=1,
        applicant=Applicant(name="Trần Thị Bình", id_number="079190004321"),
        request="Cấp 02 bản sao.",
        at=vn(2026, 3, 2, 8, 0),
    )  # due the same day, 17:00
    waiting = submit(at=vn(2026, 3, 2, 7, 30))  # no due date yet: last

    # The department's staff see their three; a school's dossier is not theirs.
    from motcua.accounts.services import staff_create

    school = demo["schools"][1]
    outsider = staff_create(
        username="gv", full_name="Giáo vụ", role="officer", password="x-an-toan-99", units=[school]
    )

    at(vn(2026, 3, 2, 9, 0))
    html = login(client, users["motcua"]).get("/ho-so/").content.decode()
    assert html.index(sooner.code) < html.index(later.code) < html.index(waiting.code)
    assert "Đến hạn hôm nay" in html and "Quá hạn</span>" not in html.split('id="queue-results"')[1]
    at(vn(2026, 3, 3, 9, 0))
    html = client.get("/ho-so/").content.decode()
    results = html.split('id="queue-results"')[1]
    assert '<span class="badge bad">Quá hạn</span>' in results
    assert "3 hồ sơ" in results

    html = login(client, outsider).get("/ho-so/").content.decode()
    for dossier in (sooner, later, waiting):
        assert dossier.code not in html


def test_queue_hides_other_units_dossiers(client, users, other_unit_dossier, submit, at):
    mine = submit()
    html = login(client, users["chuyenvien"]).get("/ho-so/").content.decode()
    # The specialist's department is above the school in the tree: it sees the school too.
    assert mine.code in html
    from motcua.accounts.models import User

    html = login(client, User.objects.get(username="motcua2")).get("/ho-so/").content.decode()
    assert other_unit_dossier.code in html and mine.code not in html


def test_queue_filters_by_status_overdue_and_mine(client, users, submit, at):
    received = submit()
    act(received, users["motcua"], "receive", vn(2026, 3, 2, 8, 0))
    new = submit()
    login(client, users["motcua"])
    html = client.get("/ho-so/", {"status": "1"}).content.decode()
    assert new.code in html and received.code not in html
    assert "Hồ sơ trực tuyến chờ tiếp nhận (1)" in html
    at(vn(2026, 3, 6, 9, 0))
    html = client.get("/ho-so/", {"overdue": "on"}).content.decode()
    assert received.code in html and new.code not in html
    html = client.get("/ho-so/", {"mine": "on"}).content.decode()
    assert received.code in html  # the officer holds step 1
    html = login(client, users["lanhdao"]).get("/ho-so/", {"mine": "on"}).content.decode()
    assert received.code not in html


def test_htmx_request_to_the_queue_returns_only_the_table(client, users, submit, at):
    dossier = submit()
    login(client, users["motcua"])
    full = client.get("/ho-so/")
    assert "<html" in full.content.decode() and 'hx-get="/ho-so/"' in full.content.decode()
    assert 'hx-target="#queue-results"' in full.content.decode()
    response = client.get("/ho-so/", {"status": "1"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html and "<form" not in html
    assert dossier.code in html and "<table" in html
    assert "HX-Request" in response["Vary"]
    # A history restore gets the whole page back.
    restore = client.get(
        "/ho-so/", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in restore.content.decode()


def test_queue_is_paginated_and_its_query_count_does_not_grow(
    client, users, submit, at, monkeypatch
):
    from motcua.dossiers.views import staff

    login(client, users["motcua"])
    for _ in range(2):
        act(submit(), users["motcua"], "receive", vn(2026, 3, 2, 8, 0))

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/ho-so/").status_code == 200
        return len(queries)

    few = count()
    for _ in range(4):
        act(submit(), users["motcua"], "receive", vn(2026, 3, 2, 8, 0))
    assert count() == few
    monkeypatch.setattr(staff, "PAGE_SIZE", 4)
    html = client.get("/ho-so/", {"page": "2"}).content.decode()
    assert "Trang 2/2" in html


def test_queue_is_for_staff_only(client, users):
    response = login(client, users["congdan"]).get("/ho-so/")
    assert response.status_code == 403


# --- desk registration ------------------------------------------------------------------------


def test_officer_registers_a_desk_dossier(client, users, at):
    login(client, users["motcua"])
    html = client.get("/ho-so/tiep-nhan/").content.decode()
    assert f'value="{DIPLOMA_COPY}"' in html and f'value="{TRANSFER}"' in html
    at(vn(2026, 3, 6, 15, 30))
    response = client.post(
        "/ho-so/tiep-nhan/",
        {
            "procedure": DIPLOMA_COPY,
            "channel": "1",
            "applicant_name": "Trần Thị Bình",
            "applicant_id_number": "079190004321",
            "applicant_phone": "0909 000 111",
            "applicant_address": "1 Lò Siêu",
            "request": "Cấp 02 bản sao bằng tốt nghiệp THCS.",
            "files": [pdf_file("scan.pdf")],
        },
        follow=True,
    )
    dossier = Dossier.objects.get()
    assert dossier.status == Status.RECEIVED and dossier.channel == 1
    assert dossier.files.count() == 1 and dossier.applicant_phone == "0909000111"
    html = response.content.decode()
    assert f"Đã tiếp nhận hồ sơ {dossier.code}. Hẹn trả kết quả: 17:00 09/03/2026." in html


def test_desk_registration_errors_are_422(client, users, at):
    response = login(client, users["motcua"]).post(
        "/ho-so/tiep-nhan/", {"procedure": DIPLOMA_COPY, "channel": "3", "request": "x"}
    )
    assert response.status_code == 422
    assert not Dossier.objects.exists()
    assert 'aria-invalid="true"' in response.content.decode()


def test_only_officers_register_at_the_desk(client, users):
    assert login(client, users["chuyenvien"]).get("/ho-so/tiep-nhan/").status_code == 403


# --- public status ----------------------------------------------------------------------------


def test_public_status_form_is_200_and_prefills_the_code_from_the_qr(client, submit):
    dossier = submit()
    response = client.get("/tra-cuu/", {"code": dossier.code})
    assert response.status_code == 200
    assert f'value="{dossier.code}"' in response.content.decode()


def test_public_status_right_pair_shows_status_without_personal_data(client, users, submit):
    dossier = submit()
    act(dossier, users["motcua"], "receive", vn(2026, 3, 2, 10, 0))
    for secret in ("079090001234", "0912 345 678"):
        response = client.get("/tra-cuu/", {"code": dossier.code, "id_number": secret})
        html = response.content.decode()
        assert response.status_code == 200
        assert "Được tiếp nhận" in html and "Chuyển trường đối với học sinh" in html
        assert "10:00 02/03/2026" in html and "10:00 05/03/2026" in html
        assert "Võ Minh Tuấn" not in html and "Xin chuyển trường" not in html


def test_public_status_wrong_pair_looks_like_an_unknown_code(client, submit):
    dossier = submit()
    wrong = client.get("/tra-cuu/", {"code": dossier.code, "id_number": "079090009999"})
    unknown = client.get("/tra-cuu/", {"code": "000.00.21.H29-260302-9999", "id_number": "1"})
    assert wrong.status_code == unknown.status_code == 404
    message = "Không tìm thấy hồ sơ với mã và số giấy tờ đã nhập."
    assert message in wrong.content.decode() and message in unknown.content.decode()
    assert "Mới đăng ký" not in wrong.content.decode()


def test_nav_links_by_role(client, users):
    html = client.get("/").content.decode()
    assert 'href="/tra-cuu/"' in html and 'href="/ho-so/cua-toi/"' not in html
    html = login(client, users["congdan"]).get("/").content.decode()
    assert 'href="/ho-so/cua-toi/"' in html and 'href="/ho-so/"' not in html
    html = login(client, users["chuyenvien"]).get("/").content.decode()
    assert 'href="/ho-so/"' in html and 'href="/ho-so/cua-toi/"' not in html


def test_dates_are_shown_in_vietnam_time(client, users, submit):
    dossier = submit(at=vn(2026, 3, 2, 7, 0) - timedelta(hours=1))  # 06:00 local
    html = login(client, users["congdan"]).get(f"/ho-so/{dossier.code}/").content.decode()
    assert "06:00 02/03/2026" in html


def test_public_status_limits_guessing(client, submit):
    dossier = submit()
    for _ in range(60):
        client.get("/tra-cuu/", {"code": dossier.code, "id_number": "001099000000"})
    response = client.get("/tra-cuu/", {"code": dossier.code, "id_number": "079090001234"})
    assert response.status_code == 429
    assert "quá nhiều lần" in response.content.decode()
