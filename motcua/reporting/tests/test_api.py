"""The reporting API: the same rules as the services, with the project's error format and
400/403/404/409 (never 500)."""

import io
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from rest_framework.test import APIClient

from motcua.documents.tests.samples import pdf_bytes
from motcua.reporting.plan_sample import sample_plan_xlsx
from motcua.reporting.tests.conftest import TEXTS, VALID, api_for, vn

pytestmark = pytest.mark.django_db


def at(instant):
    return mock.patch("motcua.reporting.services.now", return_value=instant)


def test_a_school_fills_and_submits_a_report(org, q3):
    api = api_for(org["principal_a"])
    own = api.get("/api/v1/report-periods/own/")
    assert own.status_code == 200
    assert (q3.pk, "", None) in [
        (p["period"]["id"], p["status"], p["report_id"]) for p in own.json()
    ]
    early = at(vn(2026, 9, 1, 9))
    early.start()
    opened = api.post(f"/api/v1/report-periods/{q3.pk}/report/", {}, format="json")
    assert opened.status_code == 200, opened.json()
    report_id = opened.json()["id"]
    assert opened.json()["status"] == "draft"

    saved = api.patch(
        f"/api/v1/reports/{report_id}/", {"values": {"b": 7, "rate": "95,5"}}, format="json"
    )
    assert saved.status_code == 200
    assert saved.json()["values"] == {"b": "7", "rate": "95.5"}

    bad = api.post(f"/api/v1/reports/{report_id}/submit/", {"values": {"a": 1}}, format="json")
    assert bad.status_code == 400
    body = bad.json()
    assert body["type"] == "invalid" and body["status"] == 400
    assert body["errors"]["values.c"] == ["«Hồ sơ trực tiếp» (c): bắt buộc nhập."]
    assert "sections.ket_qua" in body["errors"]

    files = api.post(
        f"/api/v1/reports/{report_id}/attachments/",
        {"files": [SimpleUploadedFile("bien-ban.pdf", pdf_bytes(), "application/pdf")]},
        format="multipart",
    )
    assert files.status_code == 201, files.json()
    download = api.get(files.json()[0]["url"])
    assert download.status_code == 200 and b"".join(download.streaming_content)[:5] == b"%PDF-"
    early.stop()

    with at(vn(2026, 9, 4, 16)):
        done = api.post(
            f"/api/v1/reports/{report_id}/submit/",
            {"values": VALID, "sections": TEXTS},
            format="json",
        )
    assert done.status_code == 200, done.json()
    assert done.json()["status"] == "submitted" and done.json()["late"] is False
    history = done.json()["history"]
    assert [h["action"] for h in history] == ["create", "save", "attach", "submit"]
    assert history[-1]["data"]["fields"]["a"] == [None, "12"]
    locked = api.patch(f"/api/v1/reports/{report_id}/", {"values": {"b": 1}}, format="json")
    assert locked.status_code == 409 and locked.json()["type"] == "conflict"


def test_access_rules(org, q3, submit):
    report = submit("principal_a")
    other = api_for(org["principal_b"])
    assert other.get(f"/api/v1/reports/{report.pk}/").status_code == 404
    assert other.post(f"/api/v1/reports/{report.pk}/submit/", {}, format="json").status_code == 404
    assert other.get(f"/api/v1/report-periods/{q3.pk}/board/").status_code == 403
    own = api_for(org["principal_a"])
    returned = own.post(f"/api/v1/reports/{report.pk}/return/", {"reason": "x"}, format="json")
    assert returned.status_code == 403
    assert own.get(f"/api/v1/report-periods/{q3.pk}/consolidated/").status_code == 403
    assert APIClient().get(f"/api/v1/reports/{report.pk}/").status_code in (401, 403)
    head = api_for(org["head"])
    assert (
        head.post(f"/api/v1/report-periods/{q3.pk}/report/", {}, format="json").status_code == 403
    )
    assert head.get("/api/v1/reports/999999/").status_code == 404


def test_the_department_returns_boards_reminds_consolidates_and_sends(
    org, q3, submit, django_assert_max_num_queries
):
    report = submit("principal_a")
    head = api_for(org["head"])
    missing = head.post(f"/api/v1/reports/{report.pk}/return/", {}, format="json")
    assert missing.status_code == 400 and "reason" in missing.json()["errors"]
    returned = head.post(
        f"/api/v1/reports/{report.pk}/return/", {"reason": "Sai biểu 1."}, format="json"
    )
    assert returned.json()["status"] == "returned"
    assert returned.json()["return_reason"] == "Sai biểu 1."
    again = head.post(f"/api/v1/reports/{report.pk}/return/", {"reason": "x"}, format="json")
    assert again.status_code == 409

    with django_assert_max_num_queries(12):
        board = head.get(f"/api/v1/report-periods/{q3.pk}/board/")
    assert board.status_code == 200
    assert board.json()["counts"]["returned"] == 1 and board.json()["counts"]["missing"] == 1
    reminded = head.post(f"/api/v1/report-periods/{q3.pk}/reminders/")
    assert reminded.json() == {"units": 2}

    api_for(org["principal_a"]).post(f"/api/v1/reports/{report.pk}/submit/", {}, format="json")
    data = head.get(f"/api/v1/report-periods/{q3.pk}/consolidated/").json()
    assert data["status"] == "draft"
    assert next(f for f in data["fields"] if f["code"] == "a")["value"] == "12"

    docx = head.get(f"/api/v1/report-periods/{q3.pk}/consolidated/export/docx/")
    assert docx.status_code == 200
    assert "Quý III năm 2026" in "\n".join(
        p.text for p in Document(io.BytesIO(docx.content)).paragraphs
    )
    xlsx = head.get(f"/api/v1/report-periods/{q3.pk}/consolidated/export/xlsx/")
    assert xlsx.content[:2] == b"PK"
    assert head.get(f"/api/v1/report-periods/{q3.pk}/consolidated/export/pdf/").status_code == 400

    incomplete = head.post(
        f"/api/v1/report-periods/{q3.pk}/consolidated/submit/", {}, format="json"
    )
    assert incomplete.status_code == 400
    sent = head.post(
        f"/api/v1/report-periods/{q3.pk}/consolidated/submit/",
        {"document_number": "88/BC-GDĐT", "signer_name": "Nguyễn Thị Hồng"},
        format="json",
    )
    assert sent.status_code == 200 and sent.json()["status"] == "submitted"
    # The district office's system pulls it.
    pulled = api_for(org["district_user"]).get(f"/api/v1/report-periods/{q3.pk}/consolidated/")
    assert pulled.status_code == 200
    assert pulled.json()["document"]["number"] == "88/BC-GDĐT"
    assert pulled.json()["receiver"]["name"] == "UBND Quận 11"


def test_report_types_and_periods(org, quarterly, q3):
    head = api_for(org["head"])
    types = head.get("/api/v1/report-types/").json()
    assert [t["code"] for t in types] == ["quy"]
    detail = head.get(f"/api/v1/report-types/{quarterly.pk}/").json()
    assert [f["code"] for f in detail["tables"][0]["fields"]][:3] == ["a", "b", "c"]
    assert detail["tables"][0]["fields"][0]["sum_of"] == "b + c"
    generated = head.post(
        f"/api/v1/report-types/{quarterly.pk}/periods/", {"year": 2027}, format="json"
    )
    assert generated.status_code == 201 and len(generated.json()) == 4
    assert generated.json()[0]["starts_on"] == "2026-12-15"
    school = api_for(org["principal_a"])
    refused = school.post(
        f"/api/v1/report-types/{quarterly.pk}/periods/", {"year": 2027}, format="json"
    )
    assert refused.status_code == 403
    assert api_for(org["district_user"]).get("/api/v1/report-periods/received/").status_code == 200


def test_plans_over_the_api(org, django_assert_max_num_queries):
    head = api_for(org["head"])
    created = head.post(
        "/api/v1/plans/",
        {
            "number": "306/KH-GDĐT",
            "title": "Kế hoạch năm 2024",
            "year": 2024,
            "file": SimpleUploadedFile("phu-luc.xlsx", sample_plan_xlsx(2024)),
        },
        format="multipart",
    )
    assert created.status_code == 201, created.json()
    plan_id = created.json()["id"]
    assert created.json()["task_count"] == 25
    with django_assert_max_num_queries(10):
        detail = head.get(f"/api/v1/plans/{plan_id}/")
    body = detail.json()
    assert len(body["tasks"]) == 25 and body["overview"]
    task_id = body["tasks"][0]["id"]
    update = head.post(
        f"/api/v1/plan-tasks/{task_id}/updates/",
        {
            "status": "in_progress",
            "percent": 30,
            "note": "Đang niêm yết.",
            "files": [SimpleUploadedFile("anh.pdf", pdf_bytes(), "application/pdf")],
        },
        format="multipart",
    )
    assert update.status_code == 201, update.json()
    task = head.get(f"/api/v1/plan-tasks/{task_id}/").json()
    assert (task["status"], task["percent"]) == ("in_progress", 30)
    evidence = head.get(task["updates"][0]["evidence"][0]["url"])
    assert evidence.status_code == 200
    bad = head.post(
        f"/api/v1/plan-tasks/{task_id}/updates/", {"status": "done", "percent": 50}, format="json"
    )
    assert bad.status_code == 400 and "percent" in bad.json()["errors"]
    assert api_for(org["principal_b"]).get(f"/api/v1/plans/{plan_id}/").status_code == 404
