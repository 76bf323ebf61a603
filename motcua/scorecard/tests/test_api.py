"""The index API: staff of the unit's tree, the drill-down, the public index, bad input."""

import pytest
from rest_framework.test import APIClient

from motcua.accounts.models import Role

pytestmark = pytest.mark.django_db

Q1 = {"period": "quarter", "year": "2026", "number": "1"}


def client_for(user=None) -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def head(make_staff):
    return make_staff(Role.HEAD, "lanhdao")


def test_staff_read_their_unit_index(dataset, head):
    department = dataset["units"]["department"]
    response = client_for(head).get("/api/v1/index766/", {"unit": department.pk, **Q1})
    assert response.status_code == 200
    body = response.json()
    assert body["unit"] == {"id": department.pk, "name": department.name}
    assert body["period"]["start"] == "2026-01-01" and body["period"]["end"] == "2026-03-31"
    assert body["total"] == {"points": "49.29", "max_points": "84.00", "out_of_100": "58.68"}
    assert body["average"] == {"dossiers": 6, "working_days": "3.67"}
    criteria = {c["code"]: c for g in body["groups"] for c in g["criteria"]}
    assert criteria["2.1"]["numerator"] == 7 and criteria["2.1"]["denominator"] == 10
    assert criteria["2.1"]["points"] == "14.00" and criteria["2.1"]["threshold"] == "100.00"
    assert criteria["1.1"]["applicable"] is False and criteria["1.1"]["reason"]
    assert criteria["6.3"]["numerator"] is None and criteria["6.3"]["ratio"] == "36.67"
    assert [p["ratio"] for p in criteria["6.3"]["parts"]] == ["30.00", "33.33"]


def test_without_a_unit_the_index_is_of_the_persons_highest_unit(dataset, head):
    response = client_for(head).get("/api/v1/index766/", Q1)
    assert response.json()["unit"]["id"] == dataset["units"]["department"].pk


def test_staff_of_a_school_cannot_read_the_department(dataset, make_staff):
    teacher = make_staff(Role.SCHOOL, "truong", unit=dataset["units"]["school"])
    client = client_for(teacher)
    department = dataset["units"]["department"].pk
    assert client.get("/api/v1/index766/", {"unit": department, **Q1}).status_code == 403
    school = client.get("/api/v1/index766/", {"unit": dataset["units"]["school"].pk, **Q1})
    assert school.status_code == 200
    assert client.get("/api/v1/index766/", {"unit": 999999, **Q1}).status_code == 404


def test_citizens_and_anonymous_have_no_staff_index(dataset, django_user_model):
    citizen = django_user_model.objects.create_user(
        username="congdan", password="x-motcua-pw-1", role=Role.CITIZEN
    )
    assert client_for(citizen).get("/api/v1/index766/", Q1).status_code == 403
    assert client_for().get("/api/v1/index766/", Q1).status_code in (401, 403)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"period": "decade"}, "period"),
        ({"period": "quarter", "year": "2026", "number": "5"}, "number"),
        ({"period": "month", "year": "abc"}, "year"),
        ({"period": "custom", "from": "2026-02-30", "to": "2026-03-01"}, "from"),
        ({"period": "custom", "from": "2026-03-01", "to": "2026-02-01"}, "to"),
        ({"unit": "x", **Q1}, "unit"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(dataset, head, params, field):
    response = client_for(head).get("/api/v1/index766/", params)
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_the_drill_down_pages_the_losing_rows(dataset, head):
    d = dataset["dossiers"]
    client = client_for(head)
    url = "/api/v1/index766/5.4/losses/"
    response = client.get(url, {**Q1, "page_size": 5})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 7 and body["pages"] == 2 and body["previous"] is None
    assert "page=2" in body["next"]
    first = body["results"][0]
    assert first["reference"] == d[2].code and first["kind"] == "dossier"
    assert first["reasons"] == [{"code": "no_reuse", "label": "Không dùng lại dữ liệu đã số hóa"}]
    second = client.get(url, {**Q1, "page_size": 5, "page": 2}).json()
    assert len(second["results"]) == 2 and second["next"] is None
    assert client.get(url, {**Q1, "page": 3}).status_code == 400
    assert client.get(url, {**Q1, "page_size": 0}).json()["errors"]["page_size"]
    assert client.get("/api/v1/index766/1.1/losses/", Q1).status_code == 404


def test_the_public_index_needs_no_login_and_has_numbers_only(dataset):
    department = dataset["units"]["department"]
    response = client_for().get("/api/v1/public/index766/", {"unit": department.pk, **Q1})
    assert response.status_code == 200
    body = response.json()
    assert body["total"]["out_of_100"] == "58.68"
    text = response.content.decode()
    for d in dataset["dossiers"].values():
        assert d.code not in text
    assert "Nguyễn Văn An" not in text and "079090001234" not in text
    assert client_for().get("/api/v1/public/index766/", {"unit": "abc"}).status_code == 400
    assert client_for().get("/api/v1/public/index766/", {"unit": 999999}).status_code == 404


def test_the_index_api_takes_a_bounded_number_of_queries(
    dataset, head, django_assert_max_num_queries
):
    client = client_for(head)
    with django_assert_max_num_queries(22):
        assert client.get("/api/v1/index766/", Q1).status_code == 200
