"""The agency's signer and the local CA: certificates made as the command says, the signer read
from settings with Vietnamese errors, a PAdES signature pyHanko's own validator accepts, and a
visible stamp naming the agency and the time."""

import io
from datetime import UTC, datetime

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier
from django.core.management import call_command
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import NameObject

from motcua.core.clock import VIETNAM_TZ
from motcua.documents import signing

AT = datetime(2026, 11, 30, 14, 5, tzinfo=VIETNAM_TZ)


def blank_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def stamp_texts(data: bytes) -> str:
    """The text drawn in the signature fields' appearances (pypdf reads page contents only, so
    each appearance stream is read as the content of a page of its own)."""
    texts = []
    for page in PdfReader(io.BytesIO(data)).pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/FT") != "/Sig" or "/AP" not in annotation:
                continue
            appearance = annotation["/AP"]["/N"].get_object()
            sheet = PageObject.create_blank_page(width=600, height=200)
            sheet[NameObject("/Resources")] = appearance["/Resources"]
            sheet.replace_contents(appearance)
            texts.append(sheet.extract_text())
    return "\n".join(texts)


def validate(data: bytes, roots: list) -> object:
    reader = PdfFileReader(io.BytesIO(data))
    (signature,) = reader.embedded_signatures
    return validate_pdf_signature(
        signature, ValidationContext(trust_roots=roots, allow_fetching=False)
    )


def test_local_certificates_are_a_ca_and_an_agency_certificate(tmp_path):
    made = signing.create_local_certificates(
        tmp_path, agency="Phòng Giáo dục và Đào tạo Quận 11", password="mat-khau"
    )
    assert made.created
    ca = x509.load_pem_x509_certificate(made.ca.read_bytes())
    key, agency, extra = pkcs12.load_key_and_certificates(made.p12.read_bytes(), b"mat-khau")
    assert key is not None and extra == [ca]
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert ca.extensions.get_extension_for_class(x509.KeyUsage).value.key_cert_sign
    subject = agency.subject
    assert subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == (
        "Phòng Giáo dục và Đào tạo Quận 11"
    )
    assert subject.get_attributes_for_oid(NameOID.COUNTRY_NAME)[0].value == "VN"
    assert agency.issuer == ca.subject
    usage = agency.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment and not usage.key_cert_sign
    eku = agency.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert ObjectIdentifier(signing.DOCUMENT_SIGNING_EKU) in eku
    assert ExtendedKeyUsageOID.SERVER_AUTH not in eku
    assert made.p12.stat().st_mode & 0o077 == 0  # the key is readable by its owner only


def test_command_is_idempotent_unless_forced(tmp_path, settings):
    settings.MOTCUA_SIGNING_PASSWORD = ""
    out = io.StringIO()
    call_command("make_signing_certificate", "--dir", str(tmp_path), stdout=out)
    first = (tmp_path / "agency.p12").read_bytes()
    assert "Đã tạo" in out.getvalue()
    out = io.StringIO()
    call_command("make_signing_certificate", "--dir", str(tmp_path), stdout=out)
    assert "không tạo lại" in out.getvalue()
    assert (tmp_path / "agency.p12").read_bytes() == first
    call_command("make_signing_certificate", "--dir", str(tmp_path), "--force", stdout=out)
    assert (tmp_path / "agency.p12").read_bytes() != first
    # No password in settings: the file opens without one.
    assert signing.load_signer(tmp_path / "agency.p12", "").name == signing.DEMO_AGENCY


def test_signer_from_settings_and_clear_errors(tmp_path, settings, signing_certificate):
    agency = signing.load_signer()
    assert agency.name == signing.DEMO_AGENCY
    assert agency.organization == signing.DEMO_ORGANIZATION
    assert agency.serial == format(agency.certificate.serial_number, "X")

    settings.MOTCUA_SIGNING_PASSWORD = "sai-mat-khau"
    with pytest.raises(signing.SigningUnavailable) as wrong:
        signing.load_signer()
    assert "sai mật khẩu" in wrong.value.message and wrong.value.status == 503

    settings.MOTCUA_SIGNING_P12 = tmp_path / "khong-co.p12"
    with pytest.raises(signing.SigningUnavailable) as missing:
        signing.load_signer()
    assert "make_signing_certificate" in missing.value.message


def test_expired_certificate_does_not_sign(tmp_path):
    made = signing.create_local_certificates(
        tmp_path, valid_from=datetime(2020, 1, 1, tzinfo=UTC), days=30
    )
    agency = signing.load_signer(made.p12, "")
    with pytest.raises(signing.SigningUnavailable) as expired:
        signing.require_valid_at(agency, AT)
    assert "hết hạn" in expired.value.message or "hiệu lực" in expired.value.message


def test_signature_validates_with_pyhanko_and_shows_the_stamp(signing_certificate):
    agency = signing.load_signer()
    signed = signing.sign_pdf(
        blank_pdf(),
        signer=agency,
        signing_time=AT,
        box=signing.StampBox(page=0, x1=300, y1=100, x2=500, y2=145),
        reason="Kiểm thử",
    )
    status = validate(signed, signing.trust_roots())
    assert status.intact and status.valid and status.trusted and status.bottom_line
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert status.signer_reported_dt == AT
    assert status.md_algorithm == "sha256"
    (embedded,) = PdfFileReader(io.BytesIO(signed)).embedded_signatures
    assert embedded.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES
    assert embedded.field_name == signing.SIGNATURE_FIELD

    text = " ".join(stamp_texts(signed).split())
    assert "Ký bởi: Phòng Giáo dục và Đào tạo Quận 11" in text
    assert "Thời gian ký: 14:05 30/11/2026" in text
    assert signing.stamp_text(agency.name, AT).split("\n")[1] == "Thời gian ký: 14:05 30/11/2026"


def test_signature_from_another_ca_is_not_trusted(tmp_path, signing_certificate):
    other = signing.create_local_certificates(tmp_path, agency="Cơ quan giả mạo")
    signed = signing.sign_pdf(
        blank_pdf(), signer=signing.load_signer(other.p12, ""), signing_time=AT
    )
    status = validate(signed, signing.trust_roots())
    assert status.intact and status.valid and not status.trusted
    assert validate(signed, signing.trust_roots([other.ca])).trusted
