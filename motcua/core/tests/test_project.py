"""The project as a whole: production settings, API docs, admin in Vietnamese."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy_without_warnings(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "DJANGO_SETTINGS_MODULE": "motcua.settings",
            "MOTCUA_ENV": "production",
            "SECRET_KEY": "x" * 20 + "a-long-random-production-secret-key-0123456789",
            "ALLOWED_HOSTS": "motcua.example.gov.vn",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
            "DEBUG": "",
            "VNPAY_TMN_CODE": "PGDQ11",
            "VNPAY_HASH_SECRET": "a-merchant-secret-from-vnpay-0123456789",
            "VNPAY_PAYMENT_URL": "https://pay.vnpay.vn/vpcpay.html",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_the_demo_payment_secret_and_the_sandbox(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        env={
            "DJANGO_SETTINGS_MODULE": "motcua.settings",
            "MOTCUA_ENV": "production",
            "SECRET_KEY": "x" * 20 + "a-long-random-production-secret-key-0123456789",
            "ALLOWED_HOSTS": "motcua.example.gov.vn",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
            "DEBUG": "",
            "PAYMENT_SANDBOX": "true",
        },
    )
    assert result.returncode != 0
    assert "motcua.payments.E001" in result.stderr + result.stdout
    assert "motcua.payments.E002" in result.stderr + result.stdout


def test_production_refuses_to_start_without_secret_key():
    result = _manage(
        "check",
        env={
            "DJANGO_SETTINGS_MODULE": "motcua.settings",
            "MOTCUA_ENV": "production",
            "SECRET_KEY": "",
        },
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_openapi_schema_and_swagger_are_served_without_a_cdn(client):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    text = schema.content.decode()
    assert "openapi: 3" in text and "/api/v1/auth/token/" in text
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "cdn." not in html and "jsdelivr" not in html
    assert "/static/drf_spectacular_sidecar/" in html


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="integer ranges in the schema come from the database backend; committed from SQLite",
)
def test_committed_openapi_file_matches_the_code(tmp_path):
    generated = tmp_path / "openapi.yaml"
    call_command("spectacular", "--file", str(generated), "--validate", "--fail-on-warn")
    committed = ROOT / "docs" / "openapi.yaml"
    assert committed.read_text() == generated.read_text(), (
        "run `make schema` and commit docs/openapi.yaml"
    )


@pytest.mark.django_db
def test_admin_speaks_vietnamese(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert "Quản trị một cửa điện tử" in response.content.decode()


@pytest.mark.django_db
def test_unknown_api_url_is_json_404_not_500(client):
    response = client.get("/api/v1/procedures/khong-co/")
    assert response.status_code == 404


@pytest.mark.django_db
def test_every_model_change_has_its_migration():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
    except SystemExit as exc:  # --check exits 1 when a migration is missing
        raise AssertionError(out.getvalue()) from exc
    assert "No changes detected" in out.getvalue()
