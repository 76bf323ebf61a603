"""The public catalog API: list items, one procedure with every part, fields, errors."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.catalog.services import procedure_create

pytestmark = pytest.mark.django_db


def test_list_item_has_code_name_field_time_limit_fees_and_online_level(client, publish):
    publish()
    response = client.get("/api/v1/procedures/")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 1
    item = body["results"][0]
    assert item == {
        "code": "1.005092.000.00.00.H29",
        "version": 1,
        "name": "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc",
        "field": {"code": "van-bang-chung-chi", "name": "Văn bằng, chứng chỉ"},
        "time_limit_days": 5.0,
        "fees": [{"name": "Phí cấp bản sao", "amount": 10000, "online_amount": 8000, "note": ""}],
        "online_level": "none",
        "online_payment": False,
    }


def test_list_is_paginated(client, publish):
    for i in range(3):
        publish(code=f"1.00000{i}")
    body = client.get("/api/v1/procedures/", {"page_size": 2}).json()
    assert body["count"] == 3 and len(body["results"]) == 2 and body["next"]


def test_detail_has_every_part(client, publish, department, specialist):
    publish()
    response = client.get("/api/v1/procedures/1.005092.000.00.00.H29/")
    assert response.status_code == 200
    body = response.json()
    assert body["code"] == "1.005092.000.00.00.H29"
    assert body["status"] == "published" and body["valid_from"]
    assert body["field"]["name"] == "Văn bằng, chứng chỉ"
    assert body["level"] == department.level.name
    assert body["handling_unit"] == department.name
    assert body["legal_basis"] == "Thông tư số 21/2019/TT-BGDĐT"
    assert body["steps"] == ["Nộp hồ sơ", "Đối chiếu sổ gốc", "Trả bản sao"]
    assert (body["accepts_direct"], body["accepts_postal"], body["accepts_online"]) == (
        True,
        True,
        False,
    )
    assert body["time_limit_days"] == 5.0 and body["time_limit_text"] == "05 ngày làm việc"
    assert body["applicants"] == "Người được cấp văn bằng, chứng chỉ"
    assert body["result_name"] == "Bản sao văn bằng, chứng chỉ từ sổ gốc"
    assert body["online_level"] == "none" and body["online_payment"] is False
    assert [c["name"] for c in body["components"]] == ["Đơn đề nghị", "Căn cước công dân"]
    assert body["components"][0]["copies_original"] == 1
    lookup = body["components"][1]
    assert lookup["source"] == "database"
    assert lookup["database_name"] == "CSDL quốc gia về dân cư"
    assert body["fees"][0]["online_amount"] == 8000
    assert [(s["name"], s["hours"]) for s in body["process_steps"]] == [
        ("Tiếp nhận", 4.0),
        ("Xử lý", 32.0),
        ("Ký", 4.0),
    ]
    assert body["process_steps"][1]["unit"] == department.name
    assert body["missing_parts"] == []


def test_unknown_code_is_404_with_a_vietnamese_message(client, publish):
    publish()
    response = client.get("/api/v1/procedures/9.999999.000.00.00.H29/")
    assert response.status_code == 404
    body = response.json()
    assert body["type"] == "not_found"
    assert body["detail"] == (
        "Không tìm thấy thủ tục hành chính đang áp dụng có mã 9.999999.000.00.00.H29."
    )


def test_a_draft_is_not_served(client, make_data):
    procedure_create(data=make_data())
    assert client.get("/api/v1/procedures/1.005092.000.00.00.H29/").status_code == 404


def test_code_with_dots_without_trailing_slash_redirects(client, publish):
    publish()
    response = client.get("/api/v1/procedures/1.005092.000.00.00.H29")
    assert response.status_code == 301
    assert response["Location"].endswith("/api/v1/procedures/1.005092.000.00.00.H29/")


def test_fields_list_counts_published_procedures(client, publish, make_data):
    publish()
    procedure_create(data=make_data(code="1.000002"))  # a draft does not count
    response = client.get("/api/v1/fields/")
    assert response.status_code == 200
    assert response.json() == [
        {"code": "van-bang-chung-chi", "name": "Văn bằng, chứng chỉ", "procedure_count": 1}
    ]


def _count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_list_query_count_does_not_grow_with_the_number_of_procedures(client, publish):
    for i in range(2):
        publish(code=f"1.00000{i}")
    few = _count_queries(client, "/api/v1/procedures/")
    for i in range(2, 9):
        publish(code=f"1.00000{i}")
    many = _count_queries(client, "/api/v1/procedures/")
    assert few == many
    assert many <= 3  # count, page, fees


def test_detail_query_count_does_not_grow_with_the_parts(client, publish, make_data):
    publish()
    few = _count_queries(client, "/api/v1/procedures/1.005092.000.00.00.H29/")
    data = make_data(code="1.000009")
    publish(
        code="1.000009",
        components=data.components * 4,
        fees=data.fees * 3,
    )
    many = _count_queries(client, "/api/v1/procedures/1.000009/")
    assert few == many
