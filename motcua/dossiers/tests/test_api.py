"""The dossier API: the same rules as the services, with the right HTTP statuses."""

import base64
from datetime import timedelta

import pytest
from rest_framework.test import APIClient

from motcua.catalog.selectors import procedure_get
from motcua.documents.tests.samples import pdf_bytes
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.conftest import TRANSFER

pytestmark = pytest.mark.django_db

PDF = base64.b64encode(pdf_bytes()).decode()


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def payload(code: str = TRANSFER) -> dict:
    procedure = procedure_get(code=code)
    return {
        "procedure": code,
        "request": "Xin chuyển trường cho con.",
        "components": [
            {"component": c.pk, "name": f"tp-{c.order}.pdf", "content": PDF}
            for c in procedure.components.all()
            if c.source == "upload" and c.is_required
        ],
    }


@pytest.fixture
def citizen_api(users):
    return client_for(users["congdan"])


def test_citizen_submits_and_gets_code_status_1(citizen_api):
    response = citizen_api.post("/api/v1/dossiers/", payload(), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["code"].startswith("000.00.21.H29-")
    assert body["status"] == 1 and body["status_name"] == "Mới đăng ký"
    assert len(body["files"]) == 3
    assert body["allowed_actions"] == ["withdraw"]


def test_submit_bad_input_names_the_field(citizen_api):
    response = citizen_api.post("/api/v1/dossiers/", {"procedure": TRANSFER}, format="json")
    assert response.status_code == 400
    assert "request" in response.json()["errors"]
    bad = payload()
    bad["components"][0]["content"] = "không phải base64!"
    response = citizen_api.post("/api/v1/dossiers/", bad, format="json")
    assert response.status_code == 400
    assert "components" in response.json()["errors"]
    response = citizen_api.post(
        "/api/v1/dossiers/", {**payload(), "procedure": "1.999999"}, format="json"
    )
    assert response.status_code == 404
    assert not Dossier.objects.exists()


def test_missing_required_component_is_400(citizen_api):
    body = payload()
    body["components"] = body["components"][1:]
    response = citizen_api.post("/api/v1/dossiers/", body, format="json")
    assert response.status_code == 400
    assert "components" in response.json()["errors"]


def test_whole_flow_through_the_api(citizen_api, users):
    code = citizen_api.post("/api/v1/dossiers/", payload(), format="json").json()["code"]
    officer, specialist, head = (client_for(users[n]) for n in ("motcua", "chuyenvien", "lanhdao"))

    def act(client, action, **data):
        return client.post(f"/api/v1/dossiers/{code}/actions/{action}/", data, format="json")

    assert act(officer, "receive").status_code == 200
    assert act(officer, "handover").status_code == 200
    response = act(specialist, "propose", proposal="grant", note="Đủ điều kiện.")
    assert response.status_code == 200 and response.json()["current_step"]["role"] == "head"
    assert act(head, "approve").json()["status"] == 9
    body = act(officer, "return-result", return_method="desk").json()
    assert body["status"] == 10 and body["status_name"] == "Đã trả kết quả"
    detail = citizen_api.get(f"/api/v1/dossiers/{code}/").json()
    assert [e["action"] for e in detail["history"]] == [
        "submit",
        "receive",
        "handover",
        "propose",
        "approve",
        "return-result",
    ]
    assert detail["received_at"] and detail["due_at"] and detail["resolved_at"]
    assert detail["returned_at"] and detail["pauses"] == [] and detail["current_step"] is None


def test_action_not_allowed_now_is_409_and_not_yours_is_403(citizen_api, users):
    code = citizen_api.post("/api/v1/dossiers/", payload(), format="json").json()["code"]
    officer = client_for(users["motcua"])
    response = officer.post(
        f"/api/v1/dossiers/{code}/actions/return-result/", {"return_method": "desk"}, format="json"
    )
    assert response.status_code == 409
    assert "Mới đăng ký" in response.json()["detail"]
    response = citizen_api.post(f"/api/v1/dossiers/{code}/actions/approve/", {}, format="json")
    assert response.status_code == 403
    response = officer.post(f"/api/v1/dossiers/{code}/actions/fly/", {}, format="json")
    assert response.status_code == 400 and "action" in response.json()["errors"]


def test_second_supplement_without_reason_is_400_naming_the_field(citizen_api, users):
    code = citizen_api.post("/api/v1/dossiers/", payload(), format="json").json()["code"]
    officer = client_for(users["motcua"])
    url = f"/api/v1/dossiers/{code}/actions/"
    officer.post(url + "receive/", {}, format="json")
    first = officer.post(
        url + "request-supplement/", {"items": ["Học bạ"], "note": "Thiếu học bạ."}, format="json"
    )
    assert first.status_code == 200 and first.json()["status"] == 5
    answered = citizen_api.post(
        url + "supplement/", {"components": [{"name": "hoc-ba.pdf", "content": PDF}]}, format="json"
    )
    assert answered.status_code == 200 and answered.json()["status"] == 2
    second = officer.post(
        url + "request-supplement/", {"items": ["Ảnh"], "note": "Thiếu ảnh."}, format="json"
    )
    assert second.status_code == 400
    assert "second_request_reason" in second.json()["errors"]


def test_list_is_limited_filtered_and_sorted_by_due_date(citizen_api, users):
    codes = [
        citizen_api.post("/api/v1/dossiers/", payload(), format="json").json()["code"]
        for _ in range(3)
    ]
    from motcua.dossiers.services import dossier_act
    from motcua.dossiers.tests.conftest import vn

    officer = client_for(users["motcua"])
    # Later receipt → later due date; fixed instants in office hours (the wall clock may be at
    # lunch or after the cut-off, when every receipt would get the same due date).
    for minutes, code in enumerate(reversed(codes)):
        dossier_act(
            code=code, actor=users["motcua"], action="receive", at=vn(2026, 3, 2, 8, minutes)
        )
    listed = officer.get("/api/v1/dossiers/?status=2&page_size=2").json()
    assert [d["code"] for d in listed["results"]] == list(reversed(codes))[:2]
    assert listed["next"] and listed["previous"] is None
    page2 = officer.get(listed["next"]).json()
    assert [d["code"] for d in page2["results"]] == [codes[0]]
    assert officer.get("/api/v1/dossiers/?status=1").json()["results"] == []
    mine = client_for(users["chuyenvien"]).get("/api/v1/dossiers/?assignee=me").json()
    assert mine["results"] == []
    own = citizen_api.get("/api/v1/dossiers/").json()["results"]
    assert len(own) == 3
    assert officer.get("/api/v1/dossiers/?status=x").status_code == 400
    assert officer.get("/api/v1/dossiers/?overdue=maybe").status_code == 400
    assert officer.get("/api/v1/dossiers/?page_size=0").status_code == 400


def test_overdue_filter(citizen_api, users):
    from motcua.dossiers.services import dossier_act
    from motcua.dossiers.tests.conftest import vn

    code = citizen_api.post("/api/v1/dossiers/", payload(), format="json").json()["code"]
    dossier_act(code=code, actor=users["motcua"], action="receive", at=vn(2026, 3, 2, 8))
    officer = client_for(users["motcua"])
    overdue = officer.get("/api/v1/dossiers/?overdue=true").json()["results"]
    assert [d["code"] for d in overdue] == [code] and overdue[0]["overdue"] is True


def test_staff_of_another_unit_see_nothing(citizen_api, users, demo):
    from motcua.accounts.services import staff_create

    code = citizen_api.post("/api/v1/dossiers/", payload(), format="json").json()["code"]
    school_staff = staff_create(
        username="gv", full_name="GV", role="officer", password="x", units=[demo["schools"][0]]
    )
    client = client_for(school_staff)
    assert client.get("/api/v1/dossiers/").json()["results"] == []
    assert client.get(f"/api/v1/dossiers/{code}/").status_code == 404


def test_list_query_count_does_not_grow_with_rows(
    citizen_api, users, django_assert_max_num_queries
):
    for _ in range(5):
        citizen_api.post("/api/v1/dossiers/", payload(), format="json")
    officer = client_for(users["motcua"])
    with django_assert_max_num_queries(8):
        response = officer.get("/api/v1/dossiers/?page_size=50")
    assert len(response.json()["results"]) == 5


def test_public_status_needs_the_right_id_number(citizen_api, users):
    code = citizen_api.post("/api/v1/dossiers/", payload(), format="json").json()["code"]
    anonymous = APIClient()
    ok = anonymous.get(f"/api/v1/public/dossiers/{code}/?id_number=079090001234")
    assert ok.status_code == 200
    assert set(ok.json()) == {
        "code",
        "procedure",
        "procedure_name",
        "status",
        "status_name",
        "submitted_at",
        "received_at",
        "due_at",
        "resolved_at",
        "returned_at",
    }
    by_phone = anonymous.get(f"/api/v1/public/dossiers/{code}/?id_number=0912345678")
    assert by_phone.status_code == 200
    wrong = anonymous.get(f"/api/v1/public/dossiers/{code}/?id_number=001099000000")
    unknown = anonymous.get(
        "/api/v1/public/dossiers/000.00.21.H29-260101-9999/?id_number=079090001234"
    )
    missing = anonymous.get(f"/api/v1/public/dossiers/{code}/")
    assert wrong.status_code == unknown.status_code == missing.status_code == 404
    assert wrong.json()["detail"] == unknown.json()["detail"]


def test_officer_registers_desk_dossier_via_api(users):
    officer = client_for(users["motcua"])
    response = officer.post(
        "/api/v1/dossiers/",
        {
            "procedure": "3.000467.H18",
            "channel": 1,
            "request": "Cấp bản sao bằng THCS.",
            "applicant": {"name": "Trần Thị Bình", "id_number": "079190004321"},
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == 2 and body["channel"] == 1 and body["due_at"]
    assert timedelta(0) <= (Dossier.objects.get().due_at - Dossier.objects.get().received_at)


def test_fast_list_rows_match_the_documented_serializer(citizen_api, users):
    """The list builds plain rows for speed; they must say exactly what the schema says."""
    from motcua.core.clock import now
    from motcua.dossiers.api.serializers import DossierListOutputSerializer
    from motcua.dossiers.selectors import dossier_list

    for _ in range(2):
        citizen_api.post("/api/v1/dossiers/", payload(), format="json")
    officer = client_for(users["motcua"])
    first = Dossier.objects.order_by("pk").first()
    officer.post(f"/api/v1/dossiers/{first.code}/actions/receive/", {}, format="json")
    officer.post(f"/api/v1/dossiers/{first.code}/actions/handover/", {}, format="json")
    listed = officer.get("/api/v1/dossiers/").json()["results"]
    expected = DossierListOutputSerializer(
        dossier_list(user=users["motcua"]), many=True, context={"now": now()}
    ).data
    assert listed == [dict(row) for row in expected]
    assert any(row["assignee"] == "chuyenvien" and row["current_step"] for row in listed)
