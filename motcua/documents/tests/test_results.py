"""Electronic results: issued when a dossier is approved and granted, signed, in the applicant's
data store, on the dossier (API and page), downloadable by the applicant and staff only, every
download logged; nothing left behind when the approval fails."""
# ruff: noqa: F811 - the dossier tests' fixtures are imported by name

import io
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from rest_framework.test import APIClient

from motcua.accounts.models import ApplicantKind, Role, User
from motcua.catalog.models import DocumentType, Procedure
from motcua.core.exceptions import Conflict
from motcua.documents import results, signing
from motcua.documents.models import (
    AccessGround,
    AccessKind,
    EResult,
    FileAccess,
    StoredDocument,
    StoredOrigin,
)
from motcua.documents.tests.test_signing import stamp_texts, validate
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import ActionInput, Applicant, dossier_act, dossier_register
from motcua.dossiers.tests.conftest import (  # noqa: F401 - fixtures
    DIPLOMA_COPY,
    TRANSFER,
    demo,
    submit,
    users,
    vn,
)
from motcua.dossiers.workflow import Status

pytestmark = pytest.mark.django_db

START = vn(2026, 3, 2, 8, 0)
HOUR = timedelta(hours=1)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Each test writes its files to a folder of its own, so leftovers can be counted."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def files_under(root: Path) -> list[Path]:
    return sorted(p for p in Path(root).rglob("*") if p.is_file())


def walk_to_approval(code: str, users, *, proposal: str = "grant", start=START) -> Dossier:
    """Officer receives (unless received) and hands over, specialist proposes, head approves."""
    officer, specialist, head = users["motcua"], users["chuyenvien"], users["lanhdao"]
    if Dossier.objects.get(code=code).status == Status.SUBMITTED:
        dossier_act(code=code, actor=officer, action="receive", at=start)
    dossier_act(code=code, actor=officer, action="handover", at=start + HOUR)
    dossier_act(
        code=code,
        actor=specialist,
        action="propose",
        data=ActionInput(proposal=proposal, note="Đủ điều kiện."),
        at=start + 2 * HOUR,
    )
    return dossier_act(code=code, actor=head, action="approve", at=start + 3 * HOUR)


def approved_transfer(submit, users) -> Dossier:
    dossier = submit()
    return walk_to_approval(dossier.code, users)


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_approving_a_granted_dossier_issues_a_signed_result(submit, users):
    dossier = approved_transfer(submit, users)
    e_result = EResult.objects.get(dossier=dossier)
    data = e_result.file.read()
    assert (
        e_result.size == len(data) and results.hashlib.sha256(data).hexdigest() == e_result.sha256
    )
    assert e_result.signed_at == START + 3 * HOUR == dossier.resolved_at
    assert e_result.signer_name == "Phòng Giáo dục và Đào tạo Quận 11"
    assert e_result.certificate_serial == signing.load_signer().serial
    assert len(e_result.verification_code) == 12
    assert set(e_result.verification_code) <= set(results.ALPHABET)
    assert e_result.title == "Giấy giới thiệu chuyển trường"

    status = validate(data, signing.trust_roots())
    assert status.intact and status.valid and status.trusted and status.bottom_line

    text = pdf_text(data)
    assert "GIẤY GIỚI THIỆU CHUYỂN TRƯỜNG" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert dossier.code in text and "Võ Minh Tuấn" in text
    assert "Số: 001/GGT-PGDĐT" in text and "Quận 11, ngày 02 tháng 3 năm 2026" in text
    assert results.display_code(e_result.verification_code) in text
    # The URL may wrap at a hyphen of the code when the text is extracted.
    assert results.verify_url(e_result.verification_code) in "".join(text.split())
    assert "Nguyễn Thị Hồng" in text and "TRƯỞNG PHÒNG" in text  # the approver signs
    assert dossier.applicant_id_number not in text  # no ID number on a paper shown by code
    stamp = " ".join(stamp_texts(data).split())
    assert stamp == "Ký bởi: Phòng Giáo dục và Đào tạo Quận 11 Thời gian ký: 11:00 02/03/2026"


def test_result_goes_into_the_applicants_data_store(submit, users):
    transfer = Procedure.objects.get(code=TRANSFER, status="published")
    kind = DocumentType.objects.get_or_create(
        code="giay-gioi-thieu-chuyen-truong-test",
        defaults={"name": "Giấy giới thiệu chuyển trường", "validity_months": 6},
    )[0]
    Procedure.objects.filter(pk=transfer.pk).update(result_document_type=kind)
    dossier = approved_transfer(submit, users)
    e_result = dossier.e_result
    stored = StoredDocument.objects.get(origin=StoredOrigin.E_RESULT, source_dossier=dossier)
    assert e_result.stored_document == stored
    assert stored.owner_id_number == users["congdan"].citizen_id == dossier.applicant_id_number
    assert stored.owner_name == "Võ Minh Tuấn" and stored.owner_kind == "person"
    assert stored.document_type == kind
    assert stored.issuer == "Phòng Giáo dục và Đào tạo Quận 11"
    assert str(stored.issued_on) == "2026-03-02" and str(stored.valid_until) == "2026-09-02"
    assert stored.sha256 == e_result.sha256 and stored.file.read() == e_result.file.read()
    assert stored.content_type == "application/pdf" and stored.title == e_result.title


def test_issuing_twice_returns_the_first_result(submit, users):
    dossier = approved_transfer(submit, users)
    first = dossier.e_result
    again = results.e_result_issue(dossier, at=START + 5 * HOUR)
    assert again.pk == first.pk and again.verification_code == first.verification_code
    assert EResult.objects.count() == 1
    assert StoredDocument.objects.filter(origin=StoredOrigin.E_RESULT).count() == 1


def test_a_denied_dossier_has_no_e_result(submit, users):
    dossier = submit()
    dossier = walk_to_approval(dossier.code, users, proposal="deny")
    assert dossier.status == Status.RESOLVED and not dossier.granted
    assert not EResult.objects.exists()


def test_each_procedure_has_its_paper(users):
    def register(code: str, request: str) -> Dossier:
        return dossier_register(
            officer=users["motcua"],
            procedure_code=code,
            channel=1,
            applicant=Applicant(name="Trần Thị Bình", id_number="079190004321"),
            request=request,
            at=START,
        )

    copy = walk_to_approval(
        register(DIPLOMA_COPY, "Cấp 01 bản sao bằng tốt nghiệp THCS năm 2010.").code, users
    )
    text = pdf_text(copy.e_result.file.read())
    assert "BẢN SAO VĂN BẰNG, CHỨNG CHỈ TỪ SỔ GỐC" in text
    assert "Số vào sổ cấp bản sao: 001/2026" in text
    assert "bằng tốt nghiệp THCS năm 2010" in text
    assert "Nghị định số 23/2015/NĐ-CP" in text

    correction = walk_to_approval(
        register("2.001914.000.00.00.H50", "Chỉnh sửa ngày sinh trên bằng tốt nghiệp.").code,
        users,
    )
    assert results.result_kind(correction.procedure) == "decision"
    text = pdf_text(correction.e_result.file.read())
    assert "QUYẾT ĐỊNH Về việc chỉnh sửa nội dung văn bằng, chứng chỉ" in text
    assert "TRƯỞNG PHÒNG GIÁO DỤC VÀ ĐÀO TẠO QUẬN 11" in text
    assert "Điều 1." in text and "Số: 002/QĐ-PGDĐT" in text  # numbers run per agency and year
    assert "Chỉnh sửa ngày sinh" in text


def test_template_choice_most_specific_first(demo):
    transfer = Procedure.objects.get(code=TRANSFER, status="published")
    names = results.template_names(transfer)
    assert names[0] == f"documents/results/{TRANSFER}.html"
    assert names[-1] == "documents/results/generic.html"
    assert results.heading_of("Quyết định cho phép hoạt động giáo dục") == (
        "QUYẾT ĐỊNH",
        "Về việc cho phép hoạt động giáo dục",
    )


def test_verification_codes_are_typed_forgivingly():
    code = results.new_verification_code()
    assert len(code) == 12 and results.normalize_code(code) == code
    shown = results.display_code("7KQ2M9XD4HTR")
    assert shown == "7KQ2-M9XD-4HTR"
    assert results.normalize_code(" 7kq2-m9xd 4htr ") == "7KQ2M9XD4HTR"
    assert results.normalize_code("7KQ2-M9XD-4HTO") == "7KQ2M9XD4HT0"  # O read as zero
    assert results.normalize_code("7KQ2-M9XD-4HT") == ""
    assert results.normalize_code("7KQ2-M9XD-4HTU") == ""  # U is not in the alphabet
    assert len({results.new_verification_code() for _ in range(200)}) == 200


def test_dossier_api_shows_the_e_result(submit, users):
    dossier = submit()
    citizen = client_for(users["congdan"])
    assert citizen.get(f"/api/v1/dossiers/{dossier.code}/").json()["e_result"] is None
    walk_to_approval(dossier.code, users)
    body = citizen.get(f"/api/v1/dossiers/{dossier.code}/").json()["e_result"]
    e_result = EResult.objects.get()
    shown = results.display_code(e_result.verification_code)
    assert body["verification_code"] == shown
    assert body["title"] == "Giấy giới thiệu chuyển trường"
    assert body["signer_name"] == "Phòng Giáo dục và Đào tạo Quận 11"
    assert body["signed_at"].startswith("2026-03-02T11:00:00")
    assert body["download_url"] == f"http://testserver/api/v1/dossiers/{dossier.code}/e-result/"
    assert body["verify_url"] == f"http://testserver/xac-thuc/{shown}/"


@pytest.fixture
def other_citizen(db):
    user = User(
        username="nguoikhac",
        full_name="Người Khác",
        role=Role.CITIZEN,
        applicant_kind=ApplicantKind.INDIVIDUAL,
        citizen_id="079090009999",
    )
    user.set_password("motcua-test-pw")
    user.save()
    return user


def test_download_rules_and_log(submit, users, other_citizen):
    dossier = approved_transfer(submit, users)
    e_result = dossier.e_result
    url = f"/api/v1/dossiers/{dossier.code}/e-result/"

    response = client_for(users["congdan"]).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    body = b"".join(response.streaming_content)
    assert body == e_result.file.read() and body.startswith(b"%PDF-")
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"

    response = client_for(users["chuyenvien"]).get(url + "?inline=true")
    assert response.status_code == 200 and "inline" in response["Content-Disposition"]

    response = client_for(other_citizen).get(url)
    assert response.status_code == 404 and response.json()["type"] == "not_found"
    assert APIClient().get(url).status_code in (401, 403)

    log = list(FileAccess.objects.order_by("at", "pk").values_list("user__username", "ground"))
    assert log == [("congdan", AccessGround.APPLICANT), ("chuyenvien", AccessGround.STAFF)]
    access = FileAccess.objects.first()
    assert access.kind == AccessKind.E_RESULT and access.object_id == e_result.pk
    assert access.dossier_id == dossier.pk


def test_no_e_result_yet_is_404(submit, users):
    dossier = submit()
    response = client_for(users["congdan"]).get(f"/api/v1/dossiers/{dossier.code}/e-result/")
    assert response.status_code == 404 and "chưa có kết quả điện tử" in response.json()["detail"]


def test_web_download_print_and_dossier_page(client, submit, users, other_citizen):
    dossier = approved_transfer(submit, users)
    e_result = dossier.e_result
    shown = results.display_code(e_result.verification_code)

    client.force_login(users["congdan"])
    page = client.get(f"/ho-so/{dossier.code}/").content.decode()
    assert "Kết quả điện tử" in page and shown in page
    assert f"/ket-qua/{dossier.code}/" in page and f"/ket-qua/{dossier.code}/in/" not in page
    response = client.get(f"/ket-qua/{dossier.code}/")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]

    client.force_login(users["motcua"])
    page = client.get(f"/ho-so/{dossier.code}/").content.decode()
    assert f"/ket-qua/{dossier.code}/in/" in page  # the officer prints a paper copy
    response = client.get(f"/ket-qua/{dossier.code}/in/")
    assert response.status_code == 200 and "inline" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == e_result.file.read()

    client.force_login(other_citizen)
    assert client.get(f"/ket-qua/{dossier.code}/").status_code == 404
    client.logout()
    assert client.get(f"/ket-qua/{dossier.code}/").status_code == 302  # to the login page
    grounds = list(FileAccess.objects.order_by("pk").values_list("ground", flat=True))
    assert grounds == [AccessGround.APPLICANT, AccessGround.STAFF]


def test_changed_stored_file_is_not_served(submit, users):
    dossier = approved_transfer(submit, users)
    path = Path(dossier.e_result.file.path)
    path.write_bytes(path.read_bytes().replace(b"%PDF-", b"%PDF-", 1) + b"\n% added\n")
    response = client_for(users["congdan"]).get(f"/api/v1/dossiers/{dossier.code}/e-result/")
    assert response.status_code == 409 and response.json()["type"] == "checksum_mismatch"
    assert not FileAccess.objects.exists()


def test_failed_approval_leaves_no_result_and_no_file(submit, users, media, monkeypatch):
    dossier = submit()
    code = dossier.code
    officer, specialist = users["motcua"], users["chuyenvien"]
    dossier_act(code=code, actor=officer, action="receive", at=START)
    dossier_act(code=code, actor=officer, action="handover", at=START + HOUR)
    dossier_act(
        code=code,
        actor=specialist,
        action="propose",
        data=ActionInput(proposal="grant", note="Đủ điều kiện."),
        at=START + 2 * HOUR,
    )
    before = files_under(media)
    real_save = services._save

    def conflicting_save(dossier, fields):  # someone else acted first
        if "granted" in fields:
            raise Conflict("Hồ sơ vừa được người khác cập nhật.")
        return real_save(dossier, fields)

    monkeypatch.setattr(services, "_save", conflicting_save)
    with pytest.raises(Conflict):
        dossier_act(code=code, actor=users["lanhdao"], action="approve", at=START + 3 * HOUR)
    assert not EResult.objects.exists()
    assert not StoredDocument.objects.filter(origin=StoredOrigin.E_RESULT).exists()
    assert files_under(media) == before

    monkeypatch.setattr(services, "_save", real_save)
    dossier_act(code=code, actor=users["lanhdao"], action="approve", at=START + 3 * HOUR)
    assert len(files_under(media)) == len(before) + 2  # the result and its data-store copy


def test_no_certificate_means_no_approval(submit, users, settings, tmp_path):
    dossier = submit()
    settings.MOTCUA_SIGNING_P12 = tmp_path / "khong-co.p12"
    with pytest.raises(signing.SigningUnavailable):
        walk_to_approval(dossier.code, users)
    dossier.refresh_from_db()
    assert dossier.status == Status.PROCESSING and dossier.resolved_at is None

    head = client_for(users["lanhdao"])
    response = head.post(f"/api/v1/dossiers/{dossier.code}/actions/approve/", {}, format="json")
    assert response.status_code == 503
    assert response.json()["type"] == "signing_unavailable"
    assert "chứng thư số" in response.json()["detail"]


def test_command_issues_missing_results_signed_now(submit, users, monkeypatch):
    from django.core.management import call_command

    dossier = approved_transfer(submit, users)
    first = dossier.e_result
    EResult.objects.all().delete()
    StoredDocument.objects.all().delete()
    out = io.StringIO()
    call_command("issue_e_results", "--dry-run", stdout=out)
    assert out.getvalue().split() == [dossier.code] and not EResult.objects.exists()

    later = START + timedelta(days=30)
    monkeypatch.setattr(results_command_module(), "now", lambda: later)
    call_command("issue_e_results", stdout=out)
    e_result = EResult.objects.get(dossier=dossier)
    assert e_result.verification_code != first.verification_code
    assert e_result.signed_at == later  # signed when issued, never back-dated
    assert "Nguyễn Thị Hồng" in pdf_text(e_result.file.read())  # the approver, from history
    out = io.StringIO()
    call_command("issue_e_results", stdout=out)
    assert "Đã ký 0" in out.getvalue()


def results_command_module():
    from motcua.documents.management.commands import issue_e_results

    return issue_e_results
