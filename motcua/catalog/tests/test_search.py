"""Search ignores Vietnamese diacritics and case, on the API and on the public page."""

import pytest

pytestmark = pytest.mark.django_db

COPY = "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc"
TRANSFER = "Chuyển trường đối với học sinh trung học cơ sở"


def _api_names(client, **params) -> list[str]:
    response = client.get("/api/v1/procedures/", params)
    assert response.status_code == 200
    return [row["name"] for row in response.json()["results"]]


@pytest.mark.parametrize("query", ["cap ban sao", "CẤP BẢN SAO", "Cấp bản sao", "CAP BAN SAO"])
def test_search_ignores_diacritics_and_case_in_the_api(client, demo_catalog, query):
    names = _api_names(client, search=query)
    assert len(names) == 1
    assert names[0].startswith(COPY)


def test_search_chuyen_truong_finds_the_pupil_transfer(client, demo_catalog):
    assert _api_names(client, search="chuyen truong") == [TRANSFER]


def test_search_needs_every_word_in_any_order(client, demo_catalog):
    assert len(_api_names(client, search="so goc ban sao")) == 1
    assert _api_names(client, search="ban sao khongcotu") == []


def test_search_finds_a_procedure_by_its_code(client, demo_catalog):
    assert _api_names(client, search="3.000467") == [
        p.name for p in demo_catalog if p.code.startswith("3.000467")
    ]


def test_field_filter_keeps_only_that_field(client, demo_catalog):
    response = client.get("/api/v1/procedures/", {"field": "giao-duc-mam-non"})
    fields = {row["field"]["code"] for row in response.json()["results"]}
    assert fields == {"giao-duc-mam-non"}
    assert response.json()["count"] == 2


@pytest.mark.parametrize(
    ("query", "expected"),
    [("cap ban sao", COPY), ("CẤP BẢN SAO", COPY), ("chuyen truong", TRANSFER)],
)
def test_search_ignores_diacritics_and_case_on_the_page(client, demo_catalog, query, expected):
    response = client.get("/thu-tuc/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert expected in html
    assert "Giải thể trường" not in html
    assert "Tìm thấy 1 thủ tục" in html


def test_drafts_and_retired_versions_are_not_searchable(client, publish, make_data):
    from motcua.catalog.services import procedure_create, procedure_new_version

    published = publish()
    procedure_new_version(procedure=published)  # a draft v2 of the same code
    procedure_create(data=make_data(code="1.000001", name="Cấp bản sao dự thảo"))
    rows = client.get("/api/v1/procedures/", {"search": "cap ban sao"}).json()["results"]
    assert [(r["code"], r["version"]) for r in rows] == [(published.code, 1)]
