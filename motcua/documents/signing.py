"""The agency's digital signature on electronic results (PAdES, pyHanko).

The signer is read from settings (`MOTCUA_SIGNING_P12` and `MOTCUA_SIGNING_PASSWORD`) when a
result is signed, never at import: a missing file or a wrong password is a `SigningUnavailable`
with a Vietnamese message, not a crash. The local CA made by `make_signing_certificate` and a
real agency certificate go through the same code. `MOTCUA_SIGNING_TRUST_ROOTS` lists the CA
certificates a signature must chain to for the verification page to call it trusted.
"""

import asyncio
import functools
import io
import logging
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from asn1crypto import x509 as asn1_x509
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pyhanko.keys import load_certs_from_pemder
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.layout import AxisAlignment, Margins, SimpleBoxLayoutRule
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import signers
from pyhanko.sign.fields import SigFieldSpec, SigSeedSubFilter
from pyhanko.stamp import TextStampStyle

from motcua.core.clock import local
from motcua.core.exceptions import DomainError

logger = logging.getLogger(__name__)
# fontTools reports every font table it leaves out of the stamp's subset.
logging.getLogger("fontTools.subset").setLevel(logging.ERROR)

T = TypeVar("T")

SIGNATURE_FIELD = "KetQuaDienTu"
STAMP_TIME_FORMAT = "%H:%M %d/%m/%Y"
STAMP_TEXT = "Ký bởi: %(agency)s\nThời gian ký: %(ts)s"
STAMP_FONT_SIZE = 10
# A serif with Vietnamese letters (Liberation Serif 2.x, as the printed papers use), then
# DejaVu Serif; `MOTCUA_SIGNING_FONT` names another TrueType file.
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
)


def outside_event_loop(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call one of pyHanko's synchronous functions, which run their own event loop
    (`asyncio.run`): in a worker thread when this thread already runs one (an async caller,
    Playwright's sync API in the browser tests), directly otherwise."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()


class SigningUnavailable(DomainError):
    """The agency cannot sign now: no certificate, a wrong password, an expired certificate."""

    code = "signing_unavailable"
    status = 503
    default_message = gettext_lazy("Chưa ký số được kết quả điện tử.")


@dataclass(frozen=True)
class AgencySigner:
    """The key and certificate the agency signs with, and what the stamp says of it."""

    signer: signers.SimpleSigner
    name: str  # the certificate's common name: the agency
    organization: str
    serial: str  # hexadecimal, as certificate viewers show it

    @property
    def certificate(self) -> asn1_x509.Certificate:
        return self.signer.signing_cert


@dataclass(frozen=True)
class StampBox:
    """Where the visible signature goes: a page (0-based) and a rectangle in PDF points."""

    page: int
    x1: float
    y1: float
    x2: float
    y2: float


def subject_names(certificate: asn1_x509.Certificate) -> tuple[str, str]:
    """(common name, organization) of a certificate's subject."""
    subject = certificate.subject.native
    return str(subject.get("common_name", "")), str(subject.get("organization_name", ""))


def serial_hex(certificate: asn1_x509.Certificate) -> str:
    return format(certificate.serial_number, "X")


def require_valid_at(agency: AgencySigner, instant: datetime) -> None:
    """A certificate signs only within its validity period."""
    validity = agency.certificate["tbs_certificate"]["validity"]
    start = validity["not_before"].native
    end = validity["not_after"].native
    if not start <= instant <= end:
        raise SigningUnavailable(
            _(
                "Chứng thư số «%(name)s» chỉ có hiệu lực từ %(start)s đến %(end)s; không ký được "
                "kết quả lúc %(at)s. Quản trị viên cần gia hạn chứng thư số."
            )
            % {
                "name": agency.name,
                "start": local(start).strftime(STAMP_TIME_FORMAT),
                "end": local(end).strftime(STAMP_TIME_FORMAT),
                "at": local(instant).strftime(STAMP_TIME_FORMAT),
            }
        )


def signer_from_pkcs12(data: bytes, password: str | None) -> AgencySigner:
    """The signer in PKCS#12 bytes; `ValueError` when the password or the file is wrong."""
    passphrase = password.encode("utf-8") if password else None
    signer = signers.SimpleSigner.load_pkcs12_data(data, other_certs=[], passphrase=passphrase)
    name, organization = subject_names(signer.signing_cert)
    return AgencySigner(
        signer=signer, name=name, organization=organization, serial=serial_hex(signer.signing_cert)
    )


def load_signer(path: Path | str | None = None, password: str | None = None) -> AgencySigner:
    """The agency's signer from settings (or the given file and password)."""
    path = Path(path or settings.MOTCUA_SIGNING_P12)
    if password is None:
        password = settings.MOTCUA_SIGNING_PASSWORD
    try:
        data = path.read_bytes()
    except OSError:
        raise SigningUnavailable(
            _(
                "Chưa có chứng thư số của cơ quan để ký kết quả điện tử (không đọc được tệp "
                "%(path)s). Quản trị viên cần cấu hình SIGNING_P12 hoặc chạy "
                "«manage.py make_signing_certificate»."
            )
            % {"path": path}
        ) from None
    try:
        return signer_from_pkcs12(data, password)
    except ValueError:
        raise SigningUnavailable(
            _(
                "Không mở được chứng thư số %(path)s: sai mật khẩu (SIGNING_PASSWORD) hoặc tệp "
                "không phải PKCS#12."
            )
            % {"path": path}
        ) from None


def trust_roots(paths: Iterable[Path | str] | None = None) -> list[asn1_x509.Certificate]:
    """The CA certificates (PEM or DER) a trusted signature chains to; unreadable files are
    logged and left out, so a wrong path makes signatures untrusted rather than the page fail."""
    roots = []
    for path in paths if paths is not None else settings.MOTCUA_SIGNING_TRUST_ROOTS:
        try:
            roots.extend(load_certs_from_pemder([str(path)]))
        except (OSError, ValueError) as exc:
            logger.warning("signing trust root %s not loaded: %s", path, exc)
    return roots


def stamp_font() -> str:
    configured = getattr(settings, "MOTCUA_SIGNING_FONT", "")
    for candidate in (configured, *FONT_CANDIDATES) if configured else FONT_CANDIDATES:
        if Path(candidate).is_file():
            return str(candidate)
    raise SigningUnavailable(
        _(
            "Không tìm thấy phông chữ tiếng Việt cho dấu chữ ký số (cài fonts-liberation2 "
            "hoặc cấu hình MOTCUA_SIGNING_FONT)."
        )
    )


@functools.cache
def _font_at_1000_units(path: str) -> bytes:
    """The font rescaled to 1000 units per em. pyHanko writes glyph widths in the font's own
    units where PDF expects thousandths of an em, so a TrueType font at 2048 units (Liberation,
    DejaVu) would be drawn with its letters twice as far apart."""
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    font = TTFont(path)
    if font["head"].unitsPerEm != 1000:
        scale_upem(font, 1000)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


@dataclass(frozen=True)
class _StampFontFactory(GlyphAccumulatorFactory):
    """`GlyphAccumulatorFactory` reading the rescaled font from memory (and leaving no file
    handle open)."""

    def create_font_engine(self, writer, obj_stream=None):  # type: ignore[no-untyped-def]
        if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
            obj_stream = writer.prepare_object_stream()
        return GlyphAccumulator(
            writer=writer,
            font_handle=io.BytesIO(_font_at_1000_units(self.font_file)),
            font_size=self.font_size,
            obj_stream=obj_stream,
        )


def stamp_style() -> TextStampStyle:
    return TextStampStyle(
        stamp_text=STAMP_TEXT,
        timestamp_format=STAMP_TIME_FORMAT,
        text_box_style=TextBoxStyle(
            font=_StampFontFactory(stamp_font(), font_size=STAMP_FONT_SIZE),
            font_size=STAMP_FONT_SIZE,
            leading=STAMP_FONT_SIZE + 3,
        ),
        inner_content_layout=SimpleBoxLayoutRule(
            x_align=AxisAlignment.ALIGN_MID,
            y_align=AxisAlignment.ALIGN_MID,
            margins=Margins.uniform(4),
        ),
        border_width=1,
    )


class _TimedPdfSigner(signers.PdfSigner):
    """A `PdfSigner` whose signing time is given: pyHanko otherwise reads the machine's clock in
    the machine's time zone, and the stamp must show the same instant as the record, in
    Vietnam time."""

    def __init__(self, *args: object, signing_time: datetime, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._signing_time = local(signing_time)

    def init_signing_session(self, pdf_out, existing_fields_only=False):  # type: ignore[no-untyped-def]
        session = super().init_signing_session(pdf_out, existing_fields_only=existing_fields_only)
        session.system_time = self._signing_time
        return session


def stamp_text(agency: str, signing_time: datetime) -> str:
    """What the visible stamp says (the test reads it back from the PDF)."""
    return STAMP_TEXT % {"agency": agency, "ts": local(signing_time).strftime(STAMP_TIME_FORMAT)}


def sign_pdf(
    data: bytes,
    *,
    signer: AgencySigner,
    signing_time: datetime,
    box: StampBox | None = None,
    reason: str = "",
    location: str = "",
) -> bytes:
    """`data` signed with a PAdES baseline signature (SHA-256) in the field `KetQuaDienTu`,
    with a visible stamp in `box` naming the signer and the time (no stamp without a box)."""
    meta = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        subfilter=SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason or None,
        location=location or None,
        name=signer.name or None,
    )
    field_spec = None
    if box is not None:
        field_spec = SigFieldSpec(
            SIGNATURE_FIELD, on_page=box.page, box=(box.x1, box.y1, box.x2, box.y2)
        )
    pdf_signer = _TimedPdfSigner(
        meta,
        signer.signer,
        stamp_style=stamp_style(),
        new_field_spec=field_spec,
        signing_time=signing_time,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    output = outside_event_loop(
        pdf_signer.sign_pdf, writer, appearance_text_params={"agency": signer.name}
    )
    return output.getvalue()


# --- a local CA and an agency certificate (demo, tests, a pilot without a real certificate) --

DEMO_AGENCY = "Phòng Giáo dục và Đào tạo Quận 11"
DEMO_ORGANIZATION = "Ủy ban nhân dân Quận 11"
CA_FILE = "ca.pem"
P12_FILE = "agency.p12"
# RFC 9336 id-kp-documentSigning: the certificate is meant for signing documents.
DOCUMENT_SIGNING_EKU = "1.3.6.1.5.5.7.3.36"


@dataclass(frozen=True)
class LocalCertificates:
    ca: Path
    p12: Path
    created: bool


def create_local_certificates(
    directory: Path | str,
    *,
    agency: str = DEMO_AGENCY,
    organization: str = DEMO_ORGANIZATION,
    password: str = "",
    valid_from: datetime | None = None,
    days: int = 3 * 365,
    force: bool = False,
) -> LocalCertificates:
    """A self-signed CA (`ca.pem`) and an agency certificate it issues, with the key, in
    `agency.p12` (encrypted with `password`, or not when it is empty). Nothing is written when
    both files exist, unless `force`. The CA's private key is not kept: it signs the agency
    certificate once and is gone, so nobody can issue another certificate from it."""
    from datetime import timedelta

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID, ObjectIdentifier

    from motcua.core.clock import now

    directory = Path(directory)
    ca_path, p12_path = directory / CA_FILE, directory / P12_FILE
    if ca_path.exists() and p12_path.exists() and not force:
        return LocalCertificates(ca=ca_path, p12=p12_path, created=False)

    start = (valid_from or now()) - timedelta(days=1)

    def name(common_name: str) -> x509.Name:
        return x509.Name(
            [
                x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
                x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            ]
        )

    def usage(*, signing: bool) -> x509.KeyUsage:
        return x509.KeyUsage(
            digital_signature=signing,
            content_commitment=signing,  # non-repudiation
            key_encipherment=False,
            data_encipherment=False,
            key_agreement=False,
            key_cert_sign=not signing,
            crl_sign=not signing,
            encipher_only=False,
            decipher_only=False,
        )

    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    ca_name = name(f"CA thử nghiệm motcua — {organization}")
    ca_key_id = x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key())
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=days + 365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(usage(signing=False), critical=True)
        .add_extension(ca_key_id, critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    agency_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    agency_cert = (
        x509.CertificateBuilder()
        .subject_name(name(agency))
        .issuer_name(ca_name)
        .public_key(agency_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage(signing=True), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage([ObjectIdentifier(DOCUMENT_SIGNING_EKU)]), critical=False
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(agency_key.public_key()), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_key_id),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(password.encode("utf-8"))
        if password
        else serialization.NoEncryption()
    )
    p12 = pkcs12.serialize_key_and_certificates(
        b"agency", agency_key, agency_cert, [ca_cert], encryption
    )
    directory.mkdir(parents=True, exist_ok=True)
    ca_path.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    p12_path.touch(mode=0o600)
    p12_path.chmod(0o600)
    p12_path.write_bytes(p12)
    return LocalCertificates(ca=ca_path, p12=p12_path, created=True)
