"""Uploads that cannot hurt the system: every refused file is named with its reason, and a
request with one refused file stores nothing (no dossier, no file row, no byte on disk)."""

import base64

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.catalog.selectors import procedure_get
from motcua.core.exceptions import InvalidInput, PayloadTooLarge
from motcua.documents.tests import samples
from motcua.documents.tests.conftest import api, stored_files
from motcua.documents.uploads import inspect_upload
from motcua.dossiers import services
from motcua.dossiers.models import Dossier, DossierFile
from motcua.dossiers.services import Applicant, Upload, dossier_register

pytestmark = pytest.mark.django_db

TRANSFER = "2.002481"
DIPLOMA_COPY = "3.000467.H18"

# name, content, HTTP status, words the message must contain besides the name
REFUSED = {
    "executable renamed .pdf (Windows)": ("giay-khai-sinh.pdf", samples.MZ, 400, "thực thi"),
    "executable renamed .pdf (Linux)": ("hoc-ba.pdf", samples.ELF, 400, "thực thi"),
    "content of no accepted kind": (
        "don.pdf",
        b"Xin chao, day la van ban thuong.",
        400,
        "không phải PDF",
    ),
    "zip renamed .png": ("anh.png", b"PK\x03\x04" + b"\x00" * 40, 400, "không phải PDF"),
    "empty file": ("rong.pdf", b"", 400, "rỗng"),
    "encrypted PDF": ("mat-khau.pdf", samples.encrypted_pdf(), 400, "mã hóa"),
    "PDF with JavaScript in the names tree": (
        "js.pdf",
        samples.javascript_pdf(),
        400,
        "JavaScript",
    ),
    "PDF with JavaScript as open action": (
        "mo-la-chay.pdf",
        samples.open_action_javascript_pdf(),
        400,
        "JavaScript",
    ),
    "PDF with an embedded file": ("dinh-kem.pdf", samples.attachment_pdf(), 400, "đính kèm"),
    "broken PDF": ("hong.pdf", b"%PDF-1.7\n1 0 obj <<", 400, "không đọc được"),
    "image bomb": ("bom.png", samples.image_bomb_png(), 400, "điểm ảnh"),
    "image bomb under Pillow's own limit": (
        "bom-nho.png",
        samples.image_bomb_png(9000),
        400,
        "9000 × 9000",
    ),
    "PNG header with broken data": (
        "anh-hong.png",
        samples.png_bytes()[:40],
        400,
        "không đọc được",
    ),
}
BAD_NAMES = {
    "parent directory": "../../etc/passwd.pdf",
    "windows path": "C:\\Users\\a\\don.pdf",
    "slash": "thu-muc/don.pdf",
    "two dots": "..don.pdf",
}
CONTROL_NAMES = {
    "NUL": "don\x00.pdf",
    "newline": "don\n.pdf",
    "right-to-left override": "don\u202efdp.exe",
}


def b64(content: bytes) -> str:
    return base64.b64encode(content).decode()


def submit_payload(bad_name: str, bad_content: bytes) -> dict:
    """TRANSFER with its three required components; the refused file comes last, after two good
    ones, so nothing may have been written before it was checked."""
    components = [c for c in procedure_get(code=TRANSFER).components.all() if c.is_required]
    files = [
        {"component": c.pk, "name": f"tp-{c.order}.pdf", "content": b64(samples.pdf_bytes())}
        for c in components[:-1]
    ]
    files.append({"component": components[-1].pk, "name": bad_name, "content": b64(bad_content)})
    return {"procedure": TRANSFER, "request": "Xin chuyển trường cho con.", "components": files}


def assert_nothing_stored(media) -> None:
    assert not Dossier.objects.exists()
    assert not DossierFile.objects.exists()
    assert stored_files(media) == []


@pytest.mark.parametrize("case", REFUSED.values(), ids=REFUSED.keys())
def test_submit_refuses_the_file_names_it_and_stores_nothing(users, media, case):
    name, content, status, reason = case
    response = api(users["congdan"]).post(
        "/api/v1/dossiers/", submit_payload(name, content), format="json"
    )
    assert response.status_code == status, response.json()
    body = response.json()
    assert f"«{name}»" in body["detail"] and reason in body["detail"]
    assert body["errors"]["components[2]"] == [body["detail"]]
    assert_nothing_stored(media)


def test_an_oversized_file_is_413_and_stores_nothing(users, media, settings):
    settings.MOTCUA_UPLOAD_MAX_FILE_BYTES = 1500
    big = samples.pdf_bytes(pages=12)
    assert len(big) > 1500
    response = api(users["congdan"]).post(
        "/api/v1/dossiers/", submit_payload("hoc-ba-day-du.pdf", big), format="json"
    )
    assert response.status_code == 413
    body = response.json()
    assert body["type"] == "too_large"
    assert "«hoc-ba-day-du.pdf»" in body["detail"] and "dung lượng tối đa" in body["detail"]
    assert_nothing_stored(media)


def test_the_dossier_total_limit_is_413_and_stores_nothing(users, media, settings):
    settings.MOTCUA_UPLOAD_MAX_DOSSIER_BYTES = len(samples.pdf_bytes()) * 2 + 10
    response = api(users["congdan"]).post(
        "/api/v1/dossiers/", submit_payload("tp-3.pdf", samples.pdf_bytes()), format="json"
    )
    assert response.status_code == 413
    assert "Tổng dung lượng" in response.json()["detail"]
    assert "«tp-3.pdf»" in response.json()["detail"]
    assert_nothing_stored(media)


@pytest.mark.parametrize("name", BAD_NAMES.values(), ids=BAD_NAMES.keys())
def test_a_file_name_with_path_parts_is_refused(users, media, name):
    response = api(users["congdan"]).post(
        "/api/v1/dossiers/", submit_payload(name, samples.pdf_bytes()), format="json"
    )
    assert response.status_code == 400
    assert f"«{name}»" in response.json()["detail"]
    assert "đường dẫn" in response.json()["detail"]
    assert_nothing_stored(media)


@pytest.mark.parametrize("name", CONTROL_NAMES.values(), ids=CONTROL_NAMES.keys())
def test_a_file_name_with_control_characters_is_refused(users, media, name):
    response = api(users["congdan"]).post(
        "/api/v1/dossiers/", submit_payload(name, samples.pdf_bytes()), format="json"
    )
    assert response.status_code == 400
    detail = response.json()["detail"]
    # The name is shown with the forbidden character replaced, never raw.
    assert "«don\ufffd" in detail and "ký tự điều khiển" in detail
    assert_nothing_stored(media)


def test_a_component_accepts_only_its_kinds(users, media):
    procedure = procedure_get(code=TRANSFER)
    component = procedure.components.get(order=2)
    component.accepted_kinds = "pdf"
    component.save(update_fields=["accepted_kinds"])
    payload = submit_payload("tp-3.pdf", samples.pdf_bytes())
    payload["components"][1].update(name="hoc-ba.jpg", content=b64(samples.jpeg_bytes()))
    response = api(users["congdan"]).post("/api/v1/dossiers/", payload, format="json")
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "«hoc-ba.jpg» là tệp JPEG" in detail and "chỉ nhận: PDF" in detail
    assert_nothing_stored(media)


def test_the_type_comes_from_the_content_not_the_name(users, media):
    """A real PNG named .pdf is stored as the PNG it is; the user's name is metadata only."""
    payload = submit_payload("scan.pdf", samples.png_bytes())
    response = api(users["congdan"]).post("/api/v1/dossiers/", payload, format="json")
    assert response.status_code == 201, response.json()
    row = DossierFile.objects.get(original_name="scan.pdf")
    assert row.content_type == "image/png" and row.page_count == 1
    assert row.file.name.endswith(".png") and "scan" not in row.file.name
    assert len(row.sha256) == 64


def test_a_real_pdf_is_accepted_with_its_page_count_and_checksum():
    import hashlib

    content = samples.pdf_bytes(pages=4)
    checked = inspect_upload(ContentFile(content), name="ban-quet.pdf", field="file")
    assert checked.page_count == 4 and checked.content_type == "application/pdf"
    assert checked.sha256 == hashlib.sha256(content).hexdigest() and checked.size == len(content)
    jpeg = inspect_upload(ContentFile(samples.jpeg_bytes()), name="anh.jpg", field="file")
    assert jpeg.content_type == "image/jpeg" and jpeg.page_count == 1


def test_desk_registration_refuses_a_bad_scan_and_stores_nothing(users, media):
    scans = [
        Upload(component_id=None, file=ContentFile(samples.pdf_bytes()), name="don.pdf"),
        Upload(component_id=None, file=ContentFile(samples.MZ), name="cccd.pdf"),
    ]
    with pytest.raises(InvalidInput) as refused:
        dossier_register(
            officer=users["motcua"],
            procedure_code=DIPLOMA_COPY,
            channel=1,
            applicant=Applicant(name="Võ Minh Tuấn", id_number="079090001234"),
            request="Cấp bản sao bằng tốt nghiệp THCS.",
            uploads=scans,
        )
    assert "«cccd.pdf»" in refused.value.message
    assert refused.value.errors == {"components[1]": [refused.value.message]}
    assert_nothing_stored(media)


def test_component_upload_refuses_and_stores_nothing(users, media, submit_received):
    dossier = submit_received()
    before = set(DossierFile.objects.values_list("pk", flat=True))
    on_disk = stored_files(media)
    component = dossier.procedure.components.get(order=1)
    response = api(users["motcua"]).post(
        f"/api/v1/dossiers/{dossier.code}/components/{component.pk}/files/",
        {"file": SimpleUploadedFile("quet.pdf", samples.javascript_pdf()), "digitized": "true"},
        format="multipart",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"file": [response.json()["detail"]]}
    assert "«quet.pdf»" in response.json()["detail"]
    assert set(DossierFile.objects.values_list("pk", flat=True)) == before
    assert stored_files(media) == on_disk


def test_component_upload_over_the_dossier_total_is_413(users, media, settings, submit_received):
    dossier = submit_received()
    settings.MOTCUA_UPLOAD_MAX_DOSSIER_BYTES = sum(f.size for f in dossier.files.all()) + 100
    component = dossier.procedure.components.get(order=1)
    response = api(users["motcua"]).post(
        f"/api/v1/dossiers/{dossier.code}/components/{component.pk}/files/",
        {"file": SimpleUploadedFile("quet-them.pdf", samples.pdf_bytes(3))},
        format="multipart",
    )
    assert response.status_code == 413
    assert "«quet-them.pdf»" in response.json()["detail"]
    assert not DossierFile.objects.filter(original_name="quet-them.pdf").exists()


def test_a_failed_transaction_leaves_no_file_on_disk(users, media, monkeypatch):
    """The files are written, then the transaction fails: they are deleted again."""

    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services, "_record", fail)
    with pytest.raises(RuntimeError):
        api(users["congdan"]).post(
            "/api/v1/dossiers/", submit_payload("tp-3.pdf", samples.pdf_bytes()), format="json"
        )
    assert_nothing_stored(media)


def test_the_file_limit_comes_from_the_settings(settings):
    settings.MOTCUA_UPLOAD_MAX_FILE_BYTES = 10
    with pytest.raises(PayloadTooLarge) as refused:
        inspect_upload(ContentFile(samples.pdf_bytes()), name="a.pdf", field="file")
    assert refused.value.status == 413
