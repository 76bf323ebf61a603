"""The feedback and rating API: the same rules as the services, with the right statuses and
the project's error JSON."""

import base64

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.core.demo import DEMO_CITIZEN_ID
from motcua.documents.models import FileAccess
from motcua.documents.tests.samples import pdf_bytes
from motcua.feedback.models import Feedback, FeedbackAttachment
from motcua.feedback.services import Contact, feedback_file
from motcua.feedback.tests.conftest import TRANSFER, act, answered, client_for, vn

pytestmark = pytest.mark.django_db

PDF = base64.b64encode(pdf_bytes()).decode()


def body(**overrides) -> dict:
    values = {
        "kind": "procedure",
        "procedure": TRANSFER,
        "title": "Hỏi thời hạn chuyển trường",
        "content": "Bao lâu thì có kết quả?",
        "name": "Lê Văn Hùng",
        "phone": "0912888777",
    }
    values.update(overrides)
    return values


def file(client=None, **overrides):
    return (client or client_for()).post("/api/v1/feedback/", body(**overrides), format="json")


def test_anyone_files_and_tracks_by_code(demo):
    response = file(attachments=[{"name": "don.pdf", "content": PDF}])
    assert response.status_code == 201, response.json()
    created = response.json()
    code = created["tracking_code"]
    assert created["status"] == "new" and created["status_name"] == "Chờ tiếp nhận"
    assert created["attachments"][0]["name"] == "don.pdf"
    tracked = client_for().get(f"/api/v1/public/feedback/{code.lower()}/").json()
    assert tracked["tracking_code"] == code and tracked["title"] == "Hỏi thời hạn chuyển trường"
    assert "phone" not in tracked and "filer" not in tracked
    assert client_for().get("/api/v1/public/feedback/PA-00000-00000/").status_code == 404


def test_filing_signed_in_links_the_account(demo, users):
    response = file(client_for(users["congdan"]), name="", phone="")
    assert response.status_code == 201
    item = Feedback.objects.get(tracking_code=response.json()["tracking_code"])
    assert item.filer == users["congdan"] and item.filer_email == "congdan@example.vn"


def test_errors_name_the_field_in_vietnamese(demo):
    response = file(name="", phone="")
    assert response.status_code == 400
    problem = response.json()
    assert problem["type"] == "invalid" and "name" in problem["errors"]
    assert "họ tên" in problem["detail"]
    assert file(anonymous=True, name="", phone="").status_code == 201
    response = file(attachments=[{"name": "a.exe", "content": base64.b64encode(b"MZ").decode()}])
    assert response.status_code == 400 and "attachments[0]" in response.json()["errors"]
    response = file(attachments=[{"name": "a.pdf", "content": "không phải base64"}])
    assert response.status_code == 400 and "attachments" in response.json()["errors"]
    assert client_for().post("/api/v1/feedback/", {}, format="json").status_code == 400
    assert Feedback.objects.count() == 1 and not FeedbackAttachment.objects.exists()


def test_the_whole_path_through_the_api(demo, users):
    code = file().json()["tracking_code"]
    officer, specialist, head = (client_for(users[n]) for n in ("motcua", "chuyenvien", "lanhdao"))

    def do(client, action, **data):
        return client.post(f"/api/v1/feedback/{code}/actions/{action}/", data, format="json")

    response = do(officer, "receive", category="quy-dinh")
    assert response.status_code == 200 and response.json()["status"] == "received"
    assert "assign" in response.json()["allowed_actions"]
    response = do(officer, "assign", assignee=users["chuyenvien"].pk)
    assert response.json()["assignee"]["username"] == "chuyenvien"
    response = do(specialist, "request-info", note="Học sinh lớp mấy?")
    assert response.json()["status"] == "waiting_info"
    public = client_for()
    tracked = public.get(f"/api/v1/public/feedback/{code}/").json()
    assert tracked["info_request"] == "Học sinh lớp mấy?" and tracked["can_reply"]
    response = public.post(
        f"/api/v1/public/feedback/{code}/reply/",
        {"text": "Lớp 7.", "attachments": [{"name": "hoc-ba.pdf", "content": PDF}]},
        format="json",
    )
    assert response.status_code == 200 and response.json()["status"] == "processing"
    assert do(specialist, "answer", note="Ba ngày làm việc.").json()["status"] == "answered"
    assert do(officer, "publish").status_code == 403
    response = do(head, "publish")
    assert response.status_code == 200 and response.json()["status"] == "published"
    history = [e["action"] for e in response.json()["history"]]
    assert history == ["file", "receive", "assign", "request-info", "reply", "answer", "publish"]
    tracked = public.get(f"/api/v1/public/feedback/{code}/").json()
    assert tracked["answer"] == "Ba ngày làm việc." and tracked["can_rate"]
    rating = public.post(
        f"/api/v1/public/feedback/{code}/rating/", {"satisfied": True}, format="json"
    )
    assert rating.status_code == 201
    again = public.post(
        f"/api/v1/public/feedback/{code}/rating/", {"satisfied": True}, format="json"
    )
    assert again.status_code == 409


def test_refuse_through_the_api_and_status_codes(demo, users):
    code = file().json()["tracking_code"]
    officer = client_for(users["motcua"])
    url = f"/api/v1/feedback/{code}/actions/"
    response = officer.post(url + "refuse/", {}, format="json")
    assert response.status_code == 400 and "note" in response.json()["errors"]
    assert officer.post(url + "answer/", {"note": "x"}, format="json").status_code == 403
    assert officer.post(url + "publish/", {}, format="json").status_code == 403
    response = officer.post(url + "refuse/", {"note": "Không thuộc thẩm quyền."}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "refused"
    assert response.json()["history"][-1]["on_time"] is True
    assert officer.post(url + "receive/", {}, format="json").status_code == 409
    tracked = client_for().get(f"/api/v1/public/feedback/{code}/").json()
    assert tracked["refusal_reason"] == "Không thuộc thẩm quyền."


def test_staff_list_is_limited_to_ones_units_and_flags_overdue(demo, users):
    old = feedback_file(
        kind="procedure",
        title="Cũ",
        content="Quá hạn rồi.",
        procedure_code=TRANSFER,
        contact=Contact(name="A", phone="0912000111"),
        at=vn(2026, 3, 2, 9),
    )
    file()
    head = client_for(users["lanhdao"])
    with CaptureQueriesContext(connection) as queries:
        page = head.get("/api/v1/feedback/").json()
    assert page["count"] == 2 and len(queries) <= 8
    overdue = head.get("/api/v1/feedback/?overdue=true").json()
    assert [row["tracking_code"] for row in overdue["results"]] == [old.tracking_code]
    assert overdue["results"][0]["overdue"] is True
    assert head.get("/api/v1/feedback/?status=nope").status_code == 400
    assert client_for(users["congdan"]).get("/api/v1/feedback/").status_code == 403
    assert client_for().get("/api/v1/feedback/").status_code in (401, 403)
    principal = client_for(users["truong"])
    assert principal.get("/api/v1/feedback/").json()["count"] == 0
    assert principal.get(f"/api/v1/feedback/{old.tracking_code}/").status_code == 404


def test_published_answers_are_public_and_anonymized(demo, users):
    item = feedback_file(
        kind="procedure",
        title="Chuyển trường cho cháu Nguyễn Thị Lan",
        content="Tôi là Nguyễn Thị Lan, số 0903 111 222, CCCD 079190004321. Hồ sơ chậm.",
        procedure_code=TRANSFER,
        contact=Contact(name="Nguyễn Thị Lan", phone="0903111222", email="lan@example.vn"),
        at=vn(2026, 3, 2, 9),
    )
    hidden = feedback_file(
        kind="procedure",
        title="Chưa trả lời",
        content="Câu hỏi khác.",
        procedure_code=TRANSFER,
        anonymous=True,
        at=vn(2026, 3, 2, 9),
    )
    act(answered(item, users, vn(2026, 3, 2, 10)), users["lanhdao"], "publish", vn(2026, 3, 3))
    response = client_for().get("/api/v1/public/feedback/answers/?q=chuyen truong")
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["id"] for r in results] == [item.pk]
    text = str(results)
    for personal in ("Nguyễn Thị Lan", "0903 111 222", "0903111222", "079190004321", "lan@"):
        assert personal not in text
    assert item.tracking_code not in text and hidden.title not in text
    assert client_for().get("/api/v1/public/feedback/answers/?procedure=9.9").json()["count"] == 0
    assert client_for().get("/api/v1/public/feedback/answers/?q=khong co").json()["count"] == 0


def test_attachment_downloads_for_staff_of_the_unit_and_the_filer_only(demo, users):
    created = file(attachments=[{"name": "don.pdf", "content": PDF}]).json()
    code, attachment = created["tracking_code"], created["attachments"][0]["id"]
    url = f"/api/v1/feedback/{code}/attachments/{attachment}/"
    response = client_for(users["motcua"]).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == pdf_bytes()
    assert client_for().get(url).status_code == 200  # the filer holds the code
    assert client_for(users["truong"]).get(url).status_code == 404  # staff of another unit
    assert FileAccess.objects.filter(kind="feedback_file", object_id=attachment).count() == 2
    # An item filed with an account: its attachments need that account.
    own = file(client_for(users["congdan"]), attachments=[{"name": "b.pdf", "content": PDF}]).json()
    own_url = f"/api/v1/feedback/{own['tracking_code']}/attachments/{own['attachments'][0]['id']}/"
    assert client_for().get(own_url).status_code == 403
    assert client_for(users["congdan"]).get(own_url).status_code == 200


def test_dossier_rating_through_the_api(returned, submit, users):
    dossier = returned()
    rating = {"level": 5, "criteria": {"guidance": True}, "comment": "Tốt."}
    url = f"/api/v1/ratings/dossiers/{dossier.code}/"
    assert client_for(users["motcua"]).post(url, rating, format="json").status_code == 403
    response = client_for(users["congdan"]).post(url, rating, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["level_name"] == "Rất hài lòng"
    assert response.json()["criteria"]["guidance"] is True
    again = client_for(users["congdan"]).post(url, rating, format="json")
    assert again.status_code == 409 and again.json()["type"] == "already_rated"
    fresh = submit()
    response = client_for(users["congdan"]).post(
        f"/api/v1/ratings/dossiers/{fresh.code}/", rating, format="json"
    )
    assert response.status_code == 409
    bad = client_for(users["congdan"]).post(
        f"/api/v1/ratings/dossiers/{fresh.code}/", {"level": "nhiều"}, format="json"
    )
    assert bad.status_code == 400 and "level" in bad.json()["errors"]


def test_kiosk_rating_and_the_public_summary(returned):
    dossier = returned()
    kiosk = client_for()
    url = "/api/v1/public/ratings/dossiers/"
    wrong = kiosk.post(
        url, {"code": dossier.code, "id_number": "079090009999", "level": 4}, format="json"
    )
    assert wrong.status_code == 404
    response = kiosk.post(
        url, {"code": dossier.code, "id_number": DEMO_CITIZEN_ID, "level": 2}, format="json"
    )
    assert response.status_code == 201 and response.json()["channel"] == "kiosk"
    summary = client_for().get("/api/v1/public/ratings/summary/?from=2020-01-01&to=2099-12-31")
    assert summary.status_code == 200
    overall = summary.json()["overall"]
    assert overall["total"] == 1
    assert {lv["level"]: lv["percent"] for lv in overall["levels"]}[2] == "100.0"
    assert summary.json()["by_procedure"][0]["key"] == TRANSFER
    bad = client_for().get("/api/v1/public/ratings/summary/?from=hom-qua")
    assert bad.status_code == 400 and "from" in bad.json()["errors"]
    assert client_for().get("/api/v1/public/ratings/summary/?unit=x").status_code == 400


def test_kiosk_guesses_are_throttled(returned):
    dossier = returned()
    kiosk = client_for()
    statuses = {
        kiosk.post(
            "/api/v1/public/ratings/dossiers/",
            {"code": dossier.code, "id_number": f"0790900{i:05d}", "level": 4},
            format="json",
        ).status_code
        for i in range(61)
    }
    assert statuses == {404, 429}


def test_categories_and_schema(demo):
    categories = client_for().get("/api/v1/feedback/categories/").json()
    assert {"code": "khac", "name": "Khác", "description": ""} in categories
    schema = client_for().get("/api/schema/").content.decode()
    for path in (
        "/api/v1/feedback/{code}/actions/{action}/",
        "/api/v1/public/feedback/{code}/reply/",
        "/api/v1/public/ratings/dossiers/",
        "/api/v1/public/ratings/summary/",
    ):
        assert path in schema
