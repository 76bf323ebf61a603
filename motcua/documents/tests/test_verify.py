"""Public verification of electronic results, by upload and by code, on the page and the API: a
signed result is valid; one changed byte or a later update makes it "altered"; another CA's
signature is "not trusted"; unsigned or broken files are refused naming `file`."""
# ruff: noqa: F811 - the dossier tests' fixtures are imported by name

import io
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from rest_framework.test import APIClient

from motcua.documents import results, signing, verification
from motcua.documents.models import AccessGround, AccessKind, FileAccess
from motcua.documents.tests.test_results import approved_transfer, media  # noqa: F401
from motcua.documents.tests.test_signing import AT, blank_pdf
from motcua.dossiers.tests.conftest import demo, submit, users  # noqa: F401

pytestmark = pytest.mark.django_db

API = "/api/v1/public/verify/"


@pytest.fixture
def issued(submit, users):
    e_result = approved_transfer(submit, users).e_result
    return e_result, e_result.file.read()


def flip_signed_byte(data: bytes) -> bytes:
    """One byte changed inside a content stream the signature covers."""
    (signature,) = PdfFileReader(io.BytesIO(data)).embedded_signatures
    covered_until = signature.sig_object["/ByteRange"][1]
    position = data.index(b"stream\n") + 7 + 40
    assert position < covered_until
    return data[:position] + bytes([data[position] ^ 0x01]) + data[position + 1 :]


def with_update_after_signing(data: bytes) -> bytes:
    """A line drawn on the first page in an incremental update appended after the signature."""
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    stream = writer.add_object(generic.StreamObject(stream_data=b"0 0 m 300 300 l S"))
    writer.add_stream_to_page(0, stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def upload(client, data: bytes, name: str = "ket-qua.pdf"):
    return client.post(API, {"file": SimpleUploadedFile(name, data, "application/pdf")})


def test_issued_result_is_valid_on_the_api(issued, users):
    e_result, data = issued
    response = upload(APIClient(), data)
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["verdict"] == "valid" and body["valid"] and body["intact"] and body["trusted"]
    assert not body["modified_after_signing"] and body["matches_issued"]
    assert body["signer"]["name"] == "Phòng Giáo dục và Đào tạo Quận 11"
    assert body["signer"]["organization"] == "Ủy ban nhân dân Quận 11"
    assert body["signed_at"].startswith("2026-03-02T11:00:00")
    assert body["signature_count"] == 1
    result = body["result"]
    assert result["dossier_code"] == e_result.dossier.code
    assert result["verification_code"] == results.display_code(e_result.verification_code)
    assert result["procedure"] == "2.002481" and result["applicant_name"] == "Võ Minh Tuấn"
    assert users["congdan"].citizen_id not in response.content.decode()


def test_one_changed_byte_is_reported_altered(issued):
    e_result, data = issued
    body = upload(APIClient(), flip_signed_byte(data)).json()
    assert body["verdict"] == "altered" and not body["intact"]
    assert not body["matches_issued"]
    # The file still names its record (the code in its metadata), marked as not the original.
    assert body["result"]["dossier_code"] == e_result.dossier.code

    report = verification.verify_pdf(flip_signed_byte(data))
    assert report.verdict == verification.Verdict.ALTERED and not report.ok


def test_content_added_after_signing_is_reported_altered(issued):
    _, data = issued
    body = upload(APIClient(), with_update_after_signing(data)).json()
    assert body["verdict"] == "altered"
    assert body["modified_after_signing"] and not body["intact"]
    assert body["valid"]  # the signature itself still matches the revision it signed


def test_signature_from_another_ca_is_not_trusted(issued, tmp_path):
    other = signing.create_local_certificates(tmp_path, agency="Phòng Giáo dục và Đào tạo Quận 11")
    forged = signing.sign_pdf(
        blank_pdf(), signer=signing.load_signer(other.p12, ""), signing_time=AT
    )
    body = upload(APIClient(), forged).json()
    assert body["verdict"] == "untrusted" and body["valid"] and body["intact"]
    assert not body["trusted"] and body["result"] is None
    assert body["signer"]["name"] == "Phòng Giáo dục và Đào tạo Quận 11"  # a name proves nothing


def test_unsigned_pdf_is_422_naming_file():
    response = upload(APIClient(), blank_pdf())
    assert response.status_code == 422
    body = response.json()
    assert body["type"] == "no_signature" and "chữ ký số" in body["errors"]["file"][0]


@pytest.mark.parametrize(
    ("data", "code", "words"),
    [
        (b"MZ\x90\x00 not a pdf at all", "not_pdf", "không phải tài liệu PDF"),
        (b"", "invalid", "rỗng"),
        (b"%PDF-1.7\n garbage that no parser reads \x00\x01", "unreadable", "Không đọc được"),
    ],
)
def test_bad_files_are_refused_naming_file(data, code, words):
    response = upload(APIClient(), data)
    assert response.status_code in (400, 422)
    body = response.json()
    assert body["type"] == code and words in body["errors"]["file"][0]


def test_missing_and_oversized_files_are_400(settings):
    response = APIClient().post(API, {})
    assert response.status_code == 400 and "file" in response.json()["errors"]
    settings.MOTCUA_UPLOAD_MAX_FILE_BYTES = 1024
    response = upload(APIClient(), b"%PDF-1.7\n" + b"0" * 2048)
    assert response.status_code == 400
    assert response.json()["type"] == "too_large" and "file" in response.json()["errors"]


def test_lookup_by_code_on_the_api(issued, users):
    e_result, _ = issued
    shown = results.display_code(e_result.verification_code)
    typed = shown.lower().replace("-", " ")
    response = APIClient().get(f"{API}{typed}/")
    assert response.status_code == 200
    body = response.json()
    assert body["verification_code"] == shown and body["dossier_code"] == e_result.dossier.code
    assert body["agency"] == "Phòng Giáo dục và Đào tạo Quận 11"
    assert body["status"]["verdict"] == "valid" and body["status"]["intact"]
    assert body["download_url"] == f"http://testserver{API}{shown}/file/"
    text = response.content.decode()
    for private in (users["congdan"].citizen_id, users["congdan"].phone, "applicant_id_number"):
        assert private not in text

    unknown = APIClient().get(f"{API}0000-0000-0000/")
    assert unknown.status_code == 404 and "verification_code" in unknown.json()["errors"]
    assert APIClient().get(f"{API}khong-phai-ma/").status_code == 404


def test_code_holder_downloads_and_is_logged(issued, client):
    e_result, data = issued
    shown = results.display_code(e_result.verification_code)
    response = APIClient().get(f"{API}{shown}/file/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == data
    response = client.get(f"/xac-thuc/{shown}/tai-ve/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    accesses = FileAccess.objects.filter(kind=AccessKind.E_RESULT, object_id=e_result.pk)
    assert accesses.count() == 2
    assert set(accesses.values_list("ground", "user")) == {(AccessGround.VERIFICATION_CODE, None)}
    assert client.get("/xac-thuc/0000-0000-0000/tai-ve/").status_code == 404


def test_verify_page_reports_each_case(client, issued, tmp_path):
    e_result, data = issued
    page = client.get("/xac-thuc/")
    assert page.status_code == 200 and 'name="file"' in page.content.decode()

    def post(payload: bytes):
        return client.post("/xac-thuc/", {"file": SimpleUploadedFile("kq.pdf", payload)})

    response = post(data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hợp lệ" in html and e_result.dossier.code in html
    assert "Phòng Giáo dục và Đào tạo Quận 11" in html

    html = post(flip_signed_byte(data)).content.decode()
    assert "Đã bị thay đổi" in html and "khác với bản cơ quan đã phát hành" in html

    other = signing.create_local_certificates(tmp_path)
    forged = signing.sign_pdf(
        blank_pdf(), signer=signing.load_signer(other.p12, ""), signing_time=AT
    )
    html = post(forged).content.decode()
    assert "Không được tin cậy" in html and "Không thuộc kết quả điện tử nào" in html

    response = post(blank_pdf())
    assert response.status_code == 422 and "không có chữ ký số" in response.content.decode()
    response = post(b"not a pdf")
    assert response.status_code == 422 and "không phải tài liệu PDF" in response.content.decode()
    assert 'id="id_file_error"' in response.content.decode()  # the message sits at the field


def test_code_pages(client, issued, users):
    e_result, _ = issued
    shown = results.display_code(e_result.verification_code)
    response = client.get("/xac-thuc/", {"ma": shown.lower()})
    assert response.status_code == 302 and response["Location"] == f"/xac-thuc/{shown}/"
    assert client.get("/xac-thuc/", {"ma": "123"}).status_code == 422

    response = client.get(f"/xac-thuc/{shown}/")
    html = response.content.decode()
    assert response.status_code == 200 and response["X-Robots-Tag"] == "noindex"
    assert e_result.dossier.code in html and "Chuyển trường đối với học sinh" in html
    assert "Hợp lệ" in html and f"/xac-thuc/{shown}/tai-ve/" in html
    assert users["congdan"].citizen_id not in html
    assert client.get("/xac-thuc/0000-0000-0000/").status_code == 404


def test_record_page_rechecks_the_stored_file(client, issued):
    e_result, data = issued
    Path(e_result.file.path).write_bytes(flip_signed_byte(data))
    html = client.get(f"/xac-thuc/{results.display_code(e_result.verification_code)}/")
    text = html.content.decode()
    assert "Đã bị thay đổi" in text and "không khớp mã kiểm tra" in text


def test_public_verification_is_throttled(client, issued):
    e_result, data = issued
    for _ in range(verification_budget()):
        assert APIClient().get(f"{API}0000-0000-0000/").status_code == 404
    assert APIClient().get(f"{API}0000-0000-0000/").status_code == 429
    assert upload(APIClient(), data).status_code == 429
    assert client.get(f"/xac-thuc/{e_result.verification_code}/").status_code == 429
    assert (
        client.post("/xac-thuc/", {"file": SimpleUploadedFile("kq.pdf", data)}).status_code == 429
    )


def verification_budget() -> int:
    from motcua.documents.api.results import PublicVerifyThrottle

    return int(re.match(r"\d+", PublicVerifyThrottle.rate).group())


def test_verify_endpoints_are_in_the_schema(client):
    schema = client.get("/api/schema/").content.decode()
    assert "/api/v1/public/verify/:" in schema
    assert "/api/v1/public/verify/{verification_code}/:" in schema
    assert "/api/v1/dossiers/{code}/e-result/:" in schema
    assert "multipart/form-data" in schema
