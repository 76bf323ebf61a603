"""Public pages: the list by field with search, one procedure with every part, forms."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from motcua.catalog import views
from motcua.catalog.services import ComponentData

pytestmark = pytest.mark.django_db


def test_list_page_groups_procedures_by_field(client, demo_catalog):
    response = client.get("/thu-tuc/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h2 id="field-giao-duc-mam-non">Giáo dục mầm non</h2>' in html
    assert '<label for="catalog-q">' in html and 'hx-get="/thu-tuc/"' in html
    assert f"Tìm thấy {len(demo_catalog)} thủ tục" in html


def test_list_page_filters_by_field(client, demo_catalog):
    html = client.get("/thu-tuc/", {"field": "van-bang-chung-chi"}).content.decode()
    assert "Tìm thấy 2 thủ tục" in html and "Giáo dục mầm non</h2>" not in html


def test_list_page_is_paginated(client, demo_catalog, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 4)
    html = client.get("/thu-tuc/", {"q": "truong", "page": "2"}).content.decode()
    assert "Trang 2/2" in html and "q=truong&amp;page=1" in html


def test_htmx_search_returns_only_the_results(client, demo_catalog):
    response = client.get("/thu-tuc/", {"q": "chuyen truong"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "Chuyển trường đối với học sinh trung học cơ sở" in html
    assert "<html" not in html and "Tìm thấy 1 thủ tục" in html
    assert "HX-Request" in response["Vary"]


def test_list_page_query_count_does_not_grow(client, publish):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            client.get("/thu-tuc/")
        return len(queries)

    publish(code="1.000001")
    few = count()
    for i in range(2, 8):
        publish(code=f"1.00000{i}")
    assert count() == few


def test_detail_page_shows_every_part(client, publish, department):
    publish()
    response = client.get("/thu-tuc/1.005092.000.00.00.H29/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "1.005092.000.00.00.H29",
        "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc",
        "Văn bằng, chứng chỉ",
        department.level.name,
        escape(department.name),
        "Thông tư số 21/2019/TT-BGDĐT",
        "<li>Đối chiếu sổ gốc</li>",
        "Trực tiếp, Bưu chính",
        "Đơn đề nghị",
        "Không phải nộp",
        "CSDL quốc gia về dân cư",
        "5 ngày làm việc",
        "10.000 đồng",
        "8.000 đồng",
        "Người được cấp văn bằng, chứng chỉ",
        "Bản sao văn bằng, chứng chỉ từ sổ gốc",
        "Mức độ dịch vụ công trực tuyến",
        "Thanh toán trực tuyến",
        "Quy trình nội bộ",
        "32 giờ",
        "Chuyên viên",
    ]:
        assert text in html, text


def test_detail_page_shows_same_day_limit_and_cutoff(client, demo_catalog):
    html = client.get("/thu-tuc/3.000467.H18/").content.decode()
    assert "Trong ngày làm việc" in html and "Nhận sau 15:00" in html
    assert "Dữ liệu minh họa" in html


def test_unknown_code_page_is_404_in_vietnamese(client, db):
    response = client.get("/thu-tuc/9.999999/")
    assert response.status_code == 404
    assert "Không tìm thấy thủ tục hành chính đang áp dụng có mã 9.999999." in (
        response.content.decode()
    )


def test_a_form_template_can_be_downloaded(client, publish):
    name = default_storage.save("catalog/forms/don.txt", ContentFile("Đơn đề nghị".encode()))
    procedure = publish(
        components=(ComponentData(name="Đơn", copies_original=1, form_template=name),)
    )
    component = procedure.components.get()
    html = client.get(f"/thu-tuc/{procedure.code}/").content.decode()
    url = f"/thu-tuc/{procedure.code}/mau/{component.pk}/"
    assert url in html
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).decode() == "Đơn đề nghị"
    assert 'filename="don.txt"' in response["Content-Disposition"]


def test_a_missing_form_file_is_404_not_500(client, publish):
    procedure = publish(
        components=(
            ComponentData(name="Đơn", copies_original=1, form_template="catalog/forms/mat.pdf"),
        )
    )
    component = procedure.components.get()
    assert client.get(f"/thu-tuc/{procedure.code}/mau/{component.pk}/").status_code == 404
    assert client.get(f"/thu-tuc/{procedure.code}/mau/999999/").status_code == 404


def test_home_page_lists_fields_with_their_counts(client, demo_catalog):
    html = client.get("/").content.decode()
    assert "Giáo dục trung học" in html and "?field=giao-duc-trung-hoc" in html
    secondary = sum(p.field.code == "giao-duc-trung-hoc" for p in demo_catalog)
    assert secondary >= 2 and f"{secondary} thủ tục" in html
