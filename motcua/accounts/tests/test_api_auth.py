import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from motcua.accounts.models import User

pytestmark = pytest.mark.django_db

VALID = {
    "full_name": "Nguyễn Văn An",
    "citizen_id": "079090001111",
    "password": "mat-khau-an-toan-2026",
    "phone": "0912 345 678",
}


@pytest.fixture
def api():
    return APIClient()


def test_register_citizen_returns_account_and_hashes_with_argon2(api):
    response = api.post("/api/v1/auth/register/", VALID, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["username"] == "079090001111"
    assert body["phone"] == "0912345678"
    assert body["role"] == "citizen"
    user = User.objects.get(username="079090001111")
    assert user.password.startswith("argon2")
    assert user.check_password(VALID["password"])


def test_register_rejects_invalid_citizen_id_naming_the_field(api):
    response = api.post(
        "/api/v1/auth/register/", {**VALID, "citizen_id": "999090001111"}, format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert "citizen_id" in body["errors"]
    assert "mã tỉnh" in body["detail"]
    assert not User.objects.exists()


def test_register_needs_phone_or_email(api):
    response = api.post("/api/v1/auth/register/", {**VALID, "phone": ""}, format="json")
    assert response.status_code == 400
    assert "phone" in response.json()["errors"]


def test_register_twice_with_same_citizen_id_is_refused(api):
    assert api.post("/api/v1/auth/register/", VALID, format="json").status_code == 201
    again = api.post("/api/v1/auth/register/", {**VALID, "phone": "0987654321"}, format="json")
    assert again.status_code in (400, 409)
    assert "citizen_id" in again.json()["errors"]
    assert User.objects.count() == 1


def test_register_business_needs_tax_code_and_logs_in_with_it(api):
    data = {**VALID, "applicant_kind": "business", "organization_name": "Công ty TNHH Ánh Dương"}
    response = api.post("/api/v1/auth/register/", data, format="json")
    assert response.status_code == 400
    assert "tax_code" in response.json()["errors"]
    response = api.post("/api/v1/auth/register/", {**data, "tax_code": "0301234567"}, format="json")
    assert response.status_code == 201
    assert response.json()["username"] == "0301234567"


def test_register_rejects_weak_password(api):
    response = api.post("/api/v1/auth/register/", {**VALID, "password": "123"}, format="json")
    assert response.status_code == 400
    assert "password" in response.json()["errors"]


def test_token_obtained_and_used_as_authorization_header(api, make_staff):
    make_staff(username="chuyenvien")
    response = api.post(
        "/api/v1/auth/token/",
        {"username": "chuyenvien", "password": "motcua-test-pw"},
        format="json",
    )
    assert response.status_code == 200
    token = response.json()["token"]
    assert api.get("/api/v1/auth/me/").status_code in (401, 403)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    me = api.get("/api/v1/auth/me/")
    assert me.status_code == 200
    assert me.json()["role"] == "specialist"
    assert me.json()["units"] == ["Phòng GD&ĐT"]


def test_token_with_wrong_password_is_400_in_vietnamese(api, make_staff):
    make_staff(username="chuyenvien")
    response = api.post(
        "/api/v1/auth/token/", {"username": "chuyenvien", "password": "sai"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "Tên đăng nhập hoặc mật khẩu không đúng."


def test_token_missing_fields_named(api):
    response = api.post("/api/v1/auth/token/", {"username": "x"}, format="json")
    assert response.status_code == 400
    assert "password" in response.json()["errors"]


@override_settings(AXES_FAILURE_LIMIT=3)
def test_repeated_failed_logins_lock_the_account(api, make_staff):
    make_staff(username="chuyenvien")
    for _ in range(3):
        api.post(
            "/api/v1/auth/token/", {"username": "chuyenvien", "password": "sai"}, format="json"
        )
    locked = api.post(
        "/api/v1/auth/token/",
        {"username": "chuyenvien", "password": "motcua-test-pw"},
        format="json",
    )
    assert locked.status_code == 429
    assert "tạm khóa" in locked.json()["detail"]
    # Another account is not affected.
    make_staff(username="motcua")
    ok = api.post(
        "/api/v1/auth/token/", {"username": "motcua", "password": "motcua-test-pw"}, format="json"
    )
    assert ok.status_code == 200


@override_settings(AXES_FAILURE_LIMIT=2)
def test_web_login_locks_after_failures(client, make_staff):
    make_staff(username="lanhdao")
    for _ in range(2):
        client.post("/dang-nhap/", {"username": "lanhdao", "password": "sai"})
    response = client.post("/dang-nhap/", {"username": "lanhdao", "password": "motcua-test-pw"})
    assert response.status_code == 429
    assert "tạm khóa" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_web_login_and_register_pages(client, make_staff):
    make_staff(username="lanhdao")
    response = client.post("/dang-nhap/", {"username": "lanhdao", "password": "motcua-test-pw"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"]
    page = client.get("/dang-ky/")
    assert page.status_code == 200
    assert 'for="id_citizen_id"' in page.content.decode()


def test_web_register_shows_field_error_with_422(client):
    response = client.post(
        "/dang-ky/", {**VALID, "citizen_id": "123", "applicant_kind": "individual"}
    )
    assert response.status_code == 422
    assert "12 chữ số" in response.content.decode()
    assert not User.objects.exists()
