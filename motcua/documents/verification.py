"""Checking a signed result: is the signature valid, from a trusted agency, over an unchanged
document, and which dossier does the file belong to.

pyHanko's validator does the checking (`validate_pdf_signature` with a `ValidationContext` whose
trust roots come from settings; no network: revocation is not fetched unless
`MOTCUA_SIGNING_FETCH_REVOCATION`). A file that cannot be a signed PDF is an `InvalidInput` or
`Unprocessable` naming the field `file`, never a server error.
"""

import hashlib
import io
import logging
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from motcua.core.exceptions import InvalidInput, Unprocessable
from motcua.documents import signing
from motcua.documents.models import EResult
from motcua.documents.results import KEYWORD_PREFIX, normalize_code

logger = logging.getLogger(__name__)

FIELD = "file"
PDF_HEADER = b"%PDF-"


class NoSignature(Unprocessable):
    code = "no_signature"


class Verdict:
    VALID = "valid"
    ALTERED = "altered"
    INVALID = "invalid"
    UNTRUSTED = "untrusted"


VERDICT_TEXT = {
    Verdict.VALID: gettext_lazy(
        "Chữ ký số hợp lệ, của cơ quan được tin cậy; tài liệu không bị thay đổi sau khi ký."
    ),
    Verdict.ALTERED: gettext_lazy(
        "Tài liệu đã bị thay đổi sau khi ký: nội dung không còn đúng với bản đã ký số."
    ),
    Verdict.INVALID: gettext_lazy("Chữ ký số không hợp lệ."),
    Verdict.UNTRUSTED: gettext_lazy(
        "Chữ ký số đúng về kỹ thuật nhưng chứng thư số không thuộc cơ quan được tin cậy."
    ),
}


@dataclass(frozen=True)
class VerificationReport:
    """What the verification page says of one file (its first signature: the agency's)."""

    valid: bool  # the signature's cryptography checks out
    intact: bool  # the signed bytes are unchanged and nothing but archival data was added
    trusted: bool  # the signer's certificate chains to a configured root
    modified_after_signing: bool  # content added in an update after the signature
    signer_name: str
    signer_organization: str
    certificate_serial: str
    signed_at: datetime | None
    signature_count: int
    sha256: str
    e_result: EResult | None  # the issued result the file is, or claims to be
    matches_issued: bool  # byte for byte the file the agency issued

    @property
    def verdict(self) -> str:
        if not self.intact:
            return Verdict.ALTERED
        if not self.valid:
            return Verdict.INVALID
        if not self.trusted:
            return Verdict.UNTRUSTED
        return Verdict.VALID

    @property
    def ok(self) -> bool:
        return self.verdict == Verdict.VALID

    @property
    def verdict_text(self) -> str:
        return str(VERDICT_TEXT[self.verdict])

    @property
    def serial_display(self) -> str:
        return group_serial(self.certificate_serial)


def group_serial(serial: str) -> str:
    """A certificate's serial in groups of four, as viewers show it (and so it wraps)."""
    return " ".join(serial[i : i + 4] for i in range(0, len(serial), 4))


def max_bytes() -> int:
    return int(getattr(settings, "MOTCUA_UPLOAD_MAX_FILE_BYTES", 20 * 1024 * 1024))


def validation_context() -> ValidationContext:
    return ValidationContext(
        trust_roots=signing.trust_roots(),
        allow_fetching=bool(getattr(settings, "MOTCUA_SIGNING_FETCH_REVOCATION", False)),
    )


def check_size(size: int, limit: int | None = None) -> None:
    """Refuse a file larger than `limit` (the uploads' per-file limit) before reading it."""
    limit = max_bytes() if limit is None else limit
    if size > limit:
        raise InvalidInput(
            _("Tệp lớn hơn %(mb)s MB, không thể là kết quả điện tử cần kiểm tra.")
            % {"mb": max(limit // (1024 * 1024), 1)},
            code="too_large",
            field=FIELD,
        )


def _check_input(data: bytes, limit: int | None) -> None:
    if not data:
        raise InvalidInput(
            _("Tệp tải lên rỗng; hãy chọn tệp PDF kết quả cần kiểm tra."), field=FIELD
        )
    check_size(len(data), limit)
    if PDF_HEADER not in data[:1024]:
        raise InvalidInput(_("Tệp không phải tài liệu PDF."), code="not_pdf", field=FIELD)


def _unreadable() -> Unprocessable:
    return Unprocessable(
        _("Không đọc được tệp PDF (tệp hỏng hoặc được mã hóa)."), code="unreadable", field=FIELD
    )


def _claimed_code(reader: PdfFileReader) -> str:
    try:
        keywords = reader.document_meta_view.keywords or []
    except Exception:  # noqa: BLE001 - metadata of a hostile file: any failure means none
        return ""
    for keyword in keywords:
        if str(keyword).startswith(KEYWORD_PREFIX):
            return normalize_code(str(keyword)[len(KEYWORD_PREFIX) :])
    return ""


def _is_modified(coverage: SignatureCoverageLevel | None, level: ModificationLevel | None) -> bool:
    """Anything added after the signature but archival data (LTV, timestamps) counts."""
    if coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return False
    if coverage == SignatureCoverageLevel.ENTIRE_REVISION:
        return level not in (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES)
    return True


def verify_pdf(data: bytes, *, limit: int | None = None) -> VerificationReport:
    """The report on `data`, a PDF carrying the agency's signature."""
    _check_input(data, limit)
    digest = hashlib.sha256(data).hexdigest()
    # A hostile file can make a PDF parser fail in any way; each failure here is the answer
    # "this file cannot be read", logged for the developers, never a server error.
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        if reader.encrypted:
            raise _unreadable()
        signatures = list(reader.embedded_signatures)
    except Unprocessable:
        raise
    except Exception:  # noqa: BLE001
        logger.info("verification: unreadable PDF", exc_info=True)
        raise _unreadable() from None
    if not signatures:
        raise NoSignature(_("Tệp PDF không có chữ ký số nên không xác thực được."), field=FIELD)
    signature = signatures[0]
    try:
        status = signing.outside_event_loop(validate_pdf_signature, signature, validation_context())
    except Exception:  # noqa: BLE001
        logger.info("verification: signature not validated", exc_info=True)
        raise Unprocessable(
            _("Không kiểm tra được chữ ký số trong tệp (cấu trúc chữ ký không hợp lệ)."),
            code="bad_signature",
            field=FIELD,
        ) from None
    modified = _is_modified(status.coverage, status.modification_level)
    name, organization = signing.subject_names(status.signing_cert)
    issued = EResult.objects.select_related(
        "dossier", "dossier__procedure", "dossier__agency"
    ).filter(sha256=digest)
    e_result = issued.first()
    if e_result is None:
        code = _claimed_code(reader)
        if code:
            e_result = (
                EResult.objects.select_related("dossier", "dossier__procedure", "dossier__agency")
                .filter(verification_code=code)
                .first()
            )
    return VerificationReport(
        valid=bool(status.valid),
        intact=bool(status.intact) and not modified,
        trusted=bool(status.trusted),
        modified_after_signing=modified,
        signer_name=name,
        signer_organization=organization,
        certificate_serial=signing.serial_hex(status.signing_cert),
        signed_at=status.signer_reported_dt,
        signature_count=len(signatures),
        sha256=digest,
        e_result=e_result,
        matches_issued=e_result is not None and e_result.sha256 == digest,
    )


def recheck(e_result: EResult) -> VerificationReport | None:
    """The stored signed file checked again, as the public record page shows it; None when
    the stored file cannot be read or checked (logged: the record page says so)."""
    try:
        with e_result.file.open("rb") as handle:
            data = handle.read()
        return verify_pdf(data, limit=max(len(data), 1))
    except (OSError, InvalidInput, Unprocessable) as exc:
        logger.error("e-result %s: stored file not verifiable: %s", e_result.pk, exc)
        return None
