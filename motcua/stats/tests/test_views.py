"""The II.06a page (/thong-ke/ii06a/) and API (/api/v1/statistics/ii06a/): who may read it,
the parameters named when wrong, the table on screen, the files, the number of queries."""

import io

import pytest
from docx import Document
from openpyxl import load_workbook
from rest_framework.test import APIClient

from motcua.accounts.models import Role, User
from motcua.core import clock
from motcua.stats.exports import CONTENT_TYPES
from motcua.stats.tests.conftest import AFTER
from motcua.stats.tests.test_selectors import EXPECTED_SECONDARY, EXPECTED_TOTAL

pytestmark = pytest.mark.django_db

PAGE = "/thong-ke/ii06a/"
API = "/api/v1/statistics/ii06a/"
Q1 = {"period": "quarter", "year": "2026", "number": "1"}
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: AFTER)


def web(client, user):  # type: ignore[no-untyped-def]
    client.force_login(user, backend=MODEL_BACKEND)
    return client


def api(user) -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient()
    client.force_authenticate(user)
    return client


def citizen() -> User:
    return User.objects.create(username="congdan", role=Role.CITIZEN)


# --- the page ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["officer", "specialist", "head", "admin"])
def test_staff_who_handle_dossiers_see_the_table(client, staff, quarter_data, units, role):
    response = web(client, staff[role]).get(PAGE, {"unit": units["department"].pk, **Q1})
    assert response.status_code == 200
    html = response.content.decode()
    assert "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI PHÒNG GD&amp;ĐT" in html
    assert '<div class="table-scroll" role="region"' in html
    assert "<caption" in html and 'scope="colgroup"' in html and 'scope="row"' in html
    assert '<label for="stats-unit">' in html and '<label for="stats-period">' in html
    assert "format=xlsx" in html and "format=docx" in html
    rows = response.context["field_rows"]
    assert rows[0].values == EXPECTED_SECONDARY.values()
    assert rows[-1].values == EXPECTED_TOTAL.values()
    assert [row.kind for row in response.context["unit_rows"]] == [
        "group", "item", "group", "item", "total",
    ]  # fmt: skip


def test_the_page_opens_on_ones_own_unit_and_this_year(client, staff, units, catalog):
    response = web(client, staff["officer"]).get(PAGE)
    assert response.status_code == 200
    assert response.context["report"].unit == units["department"]
    assert response.context["period_line"] == "Kỳ báo cáo: Năm 2026"
    assert response.context["values"]["unit"] == str(units["department"].pk)


@pytest.mark.parametrize("who", ["school", "citizen"])
def test_schools_and_citizens_get_403(client, staff, who):
    user = staff["school"] if who == "school" else citizen()
    assert web(client, user).get(PAGE).status_code == 403


def test_login_is_required(client):
    response = client.get(PAGE)
    assert response.status_code == 302 and "next=/thong-ke/ii06a/" in response["Location"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"period": "week"}, "period"),
        ({"period": "month", "number": "13"}, "number"),
        ({"year": "abc"}, "year"),
        ({"period": "custom", "from": "2026-01-01"}, "to"),
        ({"unit": "{other}"}, "unit"),
        ({"format": "pdf"}, "format"),
    ],
)
def test_bad_parameters_show_the_form_with_the_field_named(client, staff, units, params, field):
    params = {k: v.format(other=units["other"].pk) for k, v in params.items()}
    response = web(client, staff["head"]).get(PAGE, params)
    assert response.status_code == 400
    html = response.content.decode()
    assert f"<strong>{field}</strong>" in html
    assert 'aria-invalid="true"' in html or field == "format"


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_the_page_downloads_the_files(client, staff, quarter_data, units, fmt):
    params = {"unit": units["department"].pk, **Q1, "format": fmt}
    response = web(client, staff["head"]).get(PAGE, params)
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPES[fmt]
    assert response["Content-Disposition"] == (
        f'attachment; filename="ii06a-000.00.21.H29-20260101-20260331.{fmt}"'
    )
    assert response["Cache-Control"] == "private, no-store"


# --- the API -------------------------------------------------------------------------------


def test_api_answers_json_with_rows_by_field_and_by_unit(staff, quarter_data, units):
    response = api(staff["specialist"]).get(API, {"unit": units["department"].pk, **Q1})
    assert response.status_code == 200
    body = response.json()
    assert body["unit"] == {
        "id": units["department"].pk,
        "name": "Phòng GD&ĐT",
        "code": "000.00.21.H29",
    }
    assert body["receiving_unit"] == "UBND Quận 11"
    assert body["period"] == {
        "kind": "quarter", "label": "Quý 1 năm 2026", "start": "2026-01-01", "end": "2026-03-31",
        "year": 2026, "number": 1,
    }  # fmt: skip
    assert body["complete"] is True and body["reconciles"] is True and body["unit_count"] == 2
    assert body["total"] == dict(zip(body["total"], EXPECTED_TOTAL.values(), strict=True))
    assert body["total"]["in_progress_overdue"] == 3
    assert [row["field"]["name"] for row in body["by_field"]] == [
        "Giáo dục trung học",
        "Văn bằng, chứng chỉ",
    ]
    assert [row["unit"]["name"] for row in body["by_unit"]] == ["Phòng GD&ĐT", "Trường THCS A"]
    assert body["by_unit"][1]["fields"][0]["counts"]["resolved_on_time"] == 1


def test_api_files_open_with_their_libraries(staff, quarter_data, units):
    params = {"unit": units["department"].pk, **Q1}
    xlsx = api(staff["head"]).get(API, {**params, "format": "xlsx"})
    assert xlsx.status_code == 200 and xlsx["Content-Type"] == CONTENT_TYPES["xlsx"]
    sheet = load_workbook(io.BytesIO(xlsx.content))["II.06a"]
    assert sheet["H1"].value == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert sheet["H1"].font.name == "Times New Roman"
    docx = api(staff["head"]).get(API, {**params, "format": "docx"})
    assert docx.status_code == 200 and docx["Content-Type"] == CONTENT_TYPES["docx"]
    assert Document(io.BytesIO(docx.content)).tables[1].rows[-1].cells[1].text == "Tổng số"


@pytest.mark.parametrize(
    ("params", "fields"),
    [
        ({"period": "week"}, {"period"}),
        ({"year": "1999"}, {"year"}),
        ({"period": "quarter", "number": "5"}, {"number"}),
        ({"period": "custom", "from": "01/02/2026", "to": "2026-03-01"}, {"from"}),
        ({"unit": "abc", "format": "csv"}, {"unit", "format"}),
    ],
)
def test_api_bad_parameters_are_400_naming_them(staff, params, fields):
    response = api(staff["officer"]).get(API, params)
    assert response.status_code == 400
    body = response.json()
    assert set(body["errors"]) == fields
    assert any(field in body["detail"] for field in fields)


def test_api_refuses_schools_citizens_and_strangers(staff, units, catalog):
    assert api(staff["school"]).get(API).status_code == 403
    assert api(citizen()).get(API).status_code == 403
    assert APIClient().get(API).status_code in (401, 403)
    outside = api(staff["head"]).get(API, {"unit": units["other"].pk})
    assert outside.status_code == 400 and "unit" in outside.json()["errors"]
    assert api(staff["admin"]).get(API, {"unit": units["other"].pk}).status_code == 200


def test_api_query_count_does_not_grow_with_the_data(
    staff, quarter_data, units, make_dossier, django_assert_max_num_queries
):
    params = {"unit": units["province"].pk, **Q1}
    client = api(staff["admin"])
    with django_assert_max_num_queries(6) as first:
        assert client.get(API, params).status_code == 200
    for _ in range(20):
        make_dossier(agency="school", procedure="diploma", received_at=AFTER.replace(month=2))
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert client.get(API, params).status_code == 200
