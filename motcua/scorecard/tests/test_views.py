"""The index pages: staff (their tree, the drill-down links), the public page (no login, no
personal data), and what a bad period or unit shows."""

import pytest
from django.utils.html import escape

from motcua.accounts.models import Role

pytestmark = pytest.mark.django_db

Q1 = {"period": "quarter", "year": "2026", "number": "1"}


@pytest.fixture
def head(make_staff):
    return make_staff(Role.HEAD, "lanhdao")


def test_the_staff_page_shows_every_group_and_links_to_the_losses(client, dataset, head):
    client.force_login(head)
    response = client.get("/chi-so-766/", Q1)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tổng điểm: 58,68/100" in html
    assert "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn" in html
    assert '<th scope="row">' in html and "<caption" in html
    unit = dataset["units"]["department"].pk
    assert f"/chi-so-766/2.1/?unit={unit}&amp;period=quarter&amp;year=2026&amp;number=1" in html
    assert "Không áp dụng" in html  # 1.1, 1.2, 5.3, 5.6, 5.7
    assert "3,67 ngày làm việc" in html


def test_the_drill_down_page_lists_the_dossiers_and_why(client, dataset, head):
    d = dataset["dossiers"]
    client.force_login(head)
    response = client.get("/chi-so-766/2.1/", Q1)
    assert response.status_code == 200
    html = response.content.decode()
    for number in (3, 4, 9):
        assert f"/ho-so/{d[number].code}/" in html
    assert d[1].code not in html and d[2].code not in html
    assert "Yêu cầu bổ sung hồ sơ quá một lần" in html
    assert "Đang xử lý, đã quá hạn tại cuối kỳ" in html
    assert client.get("/chi-so-766/1.1/", Q1).status_code == 404


def test_a_bad_period_shows_the_form_with_the_error_on_its_field(client, dataset, head):
    client.force_login(head)
    response = client.get("/chi-so-766/", {"period": "quarter", "year": "2026", "number": "7"})
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="e-number"' in html and "number phải là số từ 1 đến 4" in html
    assert "Tổng điểm" not in html


def test_other_units_and_non_staff_are_refused(client, dataset, make_staff, django_user_model):
    teacher = make_staff(Role.SCHOOL, "truong", unit=dataset["units"]["school"])
    client.force_login(teacher)
    department = dataset["units"]["department"].pk
    assert client.get("/chi-so-766/", {"unit": department, **Q1}).status_code == 403
    assert client.get("/chi-so-766/2.1/", {"unit": department, **Q1}).status_code == 403
    citizen = django_user_model.objects.create_user(
        username="congdan", password="x-motcua-pw-1", role=Role.CITIZEN
    )
    client.force_login(citizen)
    assert client.get("/chi-so-766/", Q1).status_code == 403
    client.logout()
    assert client.get("/chi-so-766/", Q1).status_code == 302  # to the login page


def test_the_public_page_has_numbers_and_no_personal_data(client, dataset):
    department = dataset["units"]["department"]
    response = client.get("/cong-khai/chi-so-766/", {"unit": department.pk, **Q1})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tổng điểm: 58,68/100" in html and escape(department.name) in html
    for d in dataset["dossiers"].values():
        assert d.code not in html
    for item in dataset["feedback"].values():
        assert item.tracking_code not in html
    assert "Nguyễn Văn An" not in html and "079090001234" not in html
    assert "/chi-so-766/2.1/" not in html  # no drill-down in public
    every = client.get("/cong-khai/chi-so-766/", Q1)
    assert every.status_code == 200  # the top of the tree by default
    assert client.get("/cong-khai/chi-so-766/", {"period": "x"}).status_code == 422
