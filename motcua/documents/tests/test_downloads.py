"""Dossier files are private: the applicant and the staff of the dossier's units fetch them,
anybody else gets 404; every download is logged, and a file changed on disk since it was
stored is refused with 409 instead of being served."""

import hashlib
import logging

import pytest
from django.shortcuts import resolve_url

from motcua.documents.models import AccessGround, AccessKind, FileAccess
from motcua.documents.tests.conftest import api

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(submit_received):
    return submit_received()


@pytest.fixture
def row(dossier):
    return dossier.files.order_by("pk").first()


def url(dossier, row) -> str:
    return f"/ho-so/{dossier.code}/tep/{row.pk}/"


def api_url(dossier, row) -> str:
    return f"/api/v1/dossiers/{dossier.code}/files/{row.pk}/"


def test_the_applicant_downloads_and_the_download_is_logged(client, users, dossier, row):
    client.force_login(users["congdan"])
    response = client.get(url(dossier, row))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == row.sha256
    log = FileAccess.objects.get()
    assert (log.kind, log.object_id, log.dossier_id) == (
        AccessKind.DOSSIER_FILE,
        row.pk,
        dossier.pk,
    )
    assert log.user == users["congdan"] and log.ground == AccessGround.APPLICANT
    assert log.ip_address == "127.0.0.1"


@pytest.mark.parametrize("username", ["motcua", "chuyenvien", "lanhdao"])
def test_staff_of_the_unit_download_and_are_logged_as_staff(client, users, dossier, row, username):
    client.force_login(users[username])
    assert client.get(url(dossier, row)).status_code == 200
    log = FileAccess.objects.get()
    assert log.user == users[username] and log.ground == AccessGround.STAFF


def test_another_citizen_gets_404_and_nothing_is_logged(client, other_citizen, dossier, row):
    client.force_login(other_citizen)
    assert client.get(url(dossier, row)).status_code == 404
    assert api(other_citizen).get(api_url(dossier, row)).status_code == 404
    assert not FileAccess.objects.exists()


def test_staff_of_another_unit_get_404(client, other_unit_staff, dossier, row):
    client.force_login(other_unit_staff)
    assert client.get(url(dossier, row)).status_code == 404
    assert api(other_unit_staff).get(api_url(dossier, row)).status_code == 404
    assert not FileAccess.objects.exists()


def test_anonymous_people_are_sent_to_log_in(client, settings, dossier, row):
    response = client.get(url(dossier, row))
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))
    assert api_anonymous_status(dossier, row) in (401, 403)
    assert not FileAccess.objects.exists()


def api_anonymous_status(dossier, row) -> int:
    from rest_framework.test import APIClient

    return APIClient().get(api_url(dossier, row)).status_code


def test_a_file_of_another_dossier_is_404(client, users, submit_received, dossier):
    other = submit_received().files.first()
    client.force_login(users["congdan"])
    assert client.get(f"/ho-so/{dossier.code}/tep/{other.pk}/").status_code == 404


def test_the_api_download_checks_and_logs_too(users, dossier, row):
    response = api(users["motcua"]).get(api_url(dossier, row), HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == row.sha256
    assert FileAccess.objects.get().ground == AccessGround.STAFF


def tamper(row) -> None:
    with open(row.file.path, "r+b") as handle:
        handle.seek(20)
        handle.write(b"X")


def test_a_changed_file_is_refused_with_409_on_the_page(client, users, dossier, row, caplog):
    tamper(row)
    client.force_login(users["congdan"])
    with caplog.at_level(logging.ERROR, logger="motcua.documents.access"):
        response = client.get(url(dossier, row))
    assert response.status_code == 409
    assert f"«{row.original_name}» không khớp mã kiểm tra" in response.content.decode()
    assert any("checksum mismatch" in r.getMessage() for r in caplog.records)
    assert not FileAccess.objects.exists()  # nothing was served


def test_a_changed_file_is_refused_with_409_in_the_api(users, dossier, row, caplog):
    tamper(row)
    with caplog.at_level(logging.ERROR, logger="motcua.documents.access"):
        response = api(users["motcua"]).get(api_url(dossier, row), HTTP_ACCEPT="application/pdf")
    assert response.status_code == 409
    body = response.json()
    assert body["type"] == "checksum_mismatch" and row.original_name in body["detail"]
    assert any("checksum mismatch" in r.getMessage() for r in caplog.records)


def test_a_changed_stored_paper_is_refused_with_409(client, users, dossier):
    from motcua.documents.models import StoredDocument

    document = StoredDocument.objects.first()
    with open(document.file.path, "r+b") as handle:
        handle.seek(20)
        handle.write(b"X")
    client.force_login(users["congdan"])
    assert client.get(f"/giay-to/{document.pk}/tai-ve/").status_code == 409
    assert api(users["congdan"]).get(f"/api/v1/documents/{document.pk}/file/").status_code == 409
