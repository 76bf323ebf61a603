"""Electronic results (kết quả điện tử): when a dossier is approved and granted, its result is
written as a PDF from the procedure's template in the official layout, signed by the agency
(`signing.py`) and kept twice: as the dossier's `EResult`, with a public verification code, and
in the applicant's data store (`StoredDocument`, origin e_result).

Everything happens in the caller's transaction; the files are written with the uploads' `save_file`
so that a failed approval removes them (`delete_files_on_error`).
"""

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import urljoin

from django.conf import settings
from django.core.files.base import ContentFile
from django.http import FileResponse, HttpRequest
from django.template.loader import select_template
from django.utils import translation
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.catalog.models import Procedure
from motcua.core.clock import local
from motcua.core.exceptions import NotFound
from motcua.documents import signing
from motcua.documents.access import serve_checked
from motcua.documents.models import (
    AccessGround,
    AccessKind,
    EResult,
    OwnerKind,
    StoredDocument,
    StoredOrigin,
)
from motcua.documents.uploads import delete_files_on_error, save_file
from motcua.dossiers.documents import printing
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.workflow import Action
from motcua.organization.models import Unit

PDF = "application/pdf"

# --- the verification code -------------------------------------------------------------

# Crockford's base 32: digits and capitals without I, L, O and U, so nothing reads as
# something else. 12 characters carry 60 random bits: unguessable at the verification
# pages' rate limits, short enough to type from paper in three groups of four.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12
GROUP = 4
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
KEYWORD_PREFIX = "motcua-ma-xac-thuc:"
VERIFY_PATH = "/xac-thuc/"
DEFAULT_PUBLIC_URL = "http://127.0.0.1:8000/"


def new_verification_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(raw: str) -> str:
    """The stored form of a code as a person typed it (any case, spaces or dashes, O for 0,
    I or L for 1); empty when it cannot be a code."""
    text = re.sub(r"[\s\-.]", "", (raw or "").upper()).translate(_LOOKALIKES)
    if len(text) != CODE_LENGTH or any(char not in ALPHABET for char in text):
        return ""
    return text


def display_code(code: str) -> str:
    """`7KQ2-M9XD-4HTR`: the code as printed and typed."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def public_base_url() -> str:
    """Where the public pages live (`MOTCUA_PUBLIC_URL`, e.g. https://motcua.example.gov.vn/):
    results are made outside any request, and their QR code must point at the public site."""
    return getattr(settings, "MOTCUA_PUBLIC_URL", "") or DEFAULT_PUBLIC_URL


def verify_url(code: str, base_url: str | None = None) -> str:
    return urljoin(base_url or public_base_url(), f"{VERIFY_PATH}{display_code(code)}/")


# --- which template, what title ----------------------------------------------------------

TEMPLATE_DIR = "documents/results"
# The name of the paper for procedures whose published "result" is not one (2.002481 says
# "Học sinh được tiếp nhận, xếp vào lớp"); otherwise the result's document type or name.
RESULT_TITLES = {
    "3.000467.H18": "Bản sao văn bằng, chứng chỉ từ sổ gốc",
    "2.002481": "Giấy giới thiệu chuyển trường",
}


def result_kind(procedure: Procedure) -> str:
    """`decision` for results that are decisions (quyết định), `copy` for copies from an
    original register, else `generic`."""
    name = (procedure.result_name or "").strip(" -").lower()
    if procedure.result_document_type_id is not None:
        type_name = procedure.result_document_type.name.lower()
        name = f"{type_name} {name}"
    if name.startswith("quyết định"):
        return "decision"
    if "bản sao" in name:
        return "copy"
    return "generic"


def template_names(procedure: Procedure) -> list[str]:
    """Most specific first: the procedure's own template, its result type's, its kind's, the
    generic one."""
    names = [f"{TEMPLATE_DIR}/{procedure.code}.html"]
    if procedure.result_document_type_id is not None:
        names.append(f"{TEMPLATE_DIR}/type_{procedure.result_document_type.code}.html")
    names += [f"{TEMPLATE_DIR}/kind_{result_kind(procedure)}.html", f"{TEMPLATE_DIR}/generic.html"]
    return names


def _first_sentence(text: str) -> str:
    text = re.sub(r"\s+", " ", (text or "").strip(" -\n\t"))
    text = re.split(r"(?<=[.;])\s|\s-\s", text, maxsplit=1)[0].rstrip(".;")
    return text[:1].upper() + text[1:]


def result_title(procedure: Procedure) -> str:
    if procedure.code in RESULT_TITLES:
        return RESULT_TITLES[procedure.code]
    if procedure.result_document_type_id is not None:
        return procedure.result_document_type.name
    if procedure.result_name:
        return _first_sentence(procedure.result_name)[:400]
    return f"Kết quả giải quyết thủ tục {procedure.name}"[:400]


# --- the paper ---------------------------------------------------------------------------

# The box left blank in the signature block for the agency's signature stamp.
STAMP_ANCHOR = "chu-ky-so"
STAMP_WIDTH_MM = 70
STAMP_HEIGHT_MM = 15
_PT_PER_MM = 72 / 25.4
_PT_PER_PX = 0.75  # WeasyPrint lays out in CSS pixels (96 per inch); PDF counts 72 points

_PLACE_WORDS = ("quận", "huyện", "thị", "thành", "tỉnh", "xã", "phường", "đặc")
_SKIP_WORDS = ("và",)


def agency_symbol(unit: Unit) -> str:
    """The issuer's abbreviation in a paper's number (`MOTCUA_DOCUMENT_SYMBOL`, else the
    initials of the unit's name before its territory: "Phòng Giáo dục và Đào tạo Quận 11" →
    "PGDĐT")."""
    configured = getattr(settings, "MOTCUA_DOCUMENT_SYMBOL", "")
    if configured:
        return str(configured)
    initials = []
    for word in unit.name.split():
        lowered = word.lower()
        if lowered in _PLACE_WORDS or not word[:1].isalpha():
            break
        if lowered not in _SKIP_WORDS:
            initials.append(word[0].upper())
    return "".join(initials) or (unit.code or "")


def _signer_block(approver: User | None) -> tuple[str, str]:
    if approver is None:
        return "THỦ TRƯỞNG CƠ QUAN", ""
    return (approver.position or "Thủ trưởng cơ quan").upper(), approver.display_name


def _approver_of(dossier: Dossier) -> User | None:
    event = (
        DossierEvent.objects.filter(dossier=dossier, action=Action.APPROVE)
        .select_related("actor")
        .order_by("-at", "-pk")
        .first()
    )
    return event.actor if event else None


def _next_number(dossier: Dossier, year: int) -> int:
    # The dossiers' gap-free counter (one upsert in this transaction), per agency and year.
    from motcua.dossiers.services import next_counter_value

    return next_counter_value(f"e-result:{dossier.agency_id}:{year}")


def heading_of(title: str) -> tuple[str, str]:
    """The heading and the subject line: a decision reads "QUYẾT ĐỊNH" then "Về việc …"."""
    prefix = "quyết định"
    if title.lower().startswith(prefix):
        rest = title[len(prefix) :].strip()
        return "QUYẾT ĐỊNH", f"Về việc {rest[:1].lower()}{rest[1:]}" if rest else ""
    return title.upper(), ""


def authority_of(unit: Unit) -> str:
    """Who decides, as a decision names it: "TRƯỞNG PHÒNG GIÁO DỤC VÀ ĐÀO TẠO QUẬN 11"."""
    name = unit.name
    if name.lower().startswith("phòng "):
        return f"Trưởng {name}".upper()
    return f"Thủ trưởng {name}".upper()


def result_context(
    dossier: Dossier,
    *,
    at: datetime,
    code: str,
    number: int,
    title: str,
    approver: User | None,
) -> dict[str, Any]:
    procedure = dossier.procedure
    head = printing.letterhead(dossier.agency)
    issued_on: date = local(at).date()
    url = verify_url(code)
    signer_title, signer_name = _signer_block(approver)
    heading, subject = heading_of(title)
    return {
        "kind": "e-result",
        "title": heading,
        "subject": subject,
        "document_title": title,
        "authority": authority_of(dossier.agency),
        "form": "",
        "letterhead": head,
        "nation": printing.NATION,
        "motto": printing.MOTTO,
        "dated": printing.dated_line(head.place, issued_on),
        "issued_on": issued_on,
        "year": issued_on.year,
        "number": f"{number:03d}",
        "symbol": agency_symbol(dossier.agency),
        "dossier": dossier,
        "procedure": procedure,
        "agency": dossier.agency,
        "received_at": printing.format_instant(dossier.received_at),
        "submitted_at": printing.format_instant(dossier.submitted_at),
        "resolved_at": printing.format_instant(at),
        "legal_basis": [
            line.strip() for line in procedure.legal_basis.splitlines() if line.strip()
        ],
        "result_name": _first_sentence(procedure.result_name),
        "signer_title": signer_title,
        "signer_name": signer_name,
        "signers": [],  # the page's own signature table is replaced by the one with the stamp
        "stamp_anchor": STAMP_ANCHOR,
        "stamp_width_mm": STAMP_WIDTH_MM,
        "stamp_height_mm": STAMP_HEIGHT_MM,
        "verification_code": display_code(code),
        "keywords": f"{KEYWORD_PREFIX}{code}",
        "verify_url": url,
        "qr": printing.qr_data_uri(url),
    }


def render_html(context: dict[str, Any], procedure: Procedure) -> str:
    template = select_template(template_names(procedure))
    with translation.override("vi"):
        return template.render(context)


def html_to_signable_pdf(
    html: str, *, keywords: list[str], author: str
) -> tuple[bytes, signing.StampBox | None]:
    """The PDF and where its stamp box landed (page and rectangle in points), read from
    WeasyPrint's layout of the element whose id is `STAMP_ANCHOR`. The verification code goes
    in the PDF's keywords, so an uploaded copy names its record even when altered."""
    from weasyprint import HTML

    from motcua.dossiers.documents.pdf import LocalFetcher

    assets = printing.ASSETS_DIR
    document = HTML(
        string=html, base_url=assets.resolve().as_uri() + "/", url_fetcher=LocalFetcher(assets)
    ).render()
    document.metadata.keywords = keywords
    document.metadata.authors = [author]
    box = None
    for index, page in enumerate(document.pages):
        if STAMP_ANCHOR in page.anchors:
            x, y = page.anchors[STAMP_ANCHOR][:2]
            left = x * _PT_PER_PX
            top = (page.height - y) * _PT_PER_PX
            box = signing.StampBox(
                page=index,
                x1=left,
                y1=top - STAMP_HEIGHT_MM * _PT_PER_MM,
                x2=left + STAMP_WIDTH_MM * _PT_PER_MM,
                y2=top,
            )
    return document.write_pdf(), box


@dataclass(frozen=True)
class RenderedResult:
    pdf: bytes
    box: signing.StampBox | None
    title: str


def render_result(
    dossier: Dossier, *, at: datetime, code: str, number: int, approver: User | None
) -> RenderedResult:
    """The unsigned result of `dossier` as PDF."""
    title = result_title(dossier.procedure)
    context = result_context(
        dossier, at=at, code=code, number=number, title=title, approver=approver
    )
    pdf, box = html_to_signable_pdf(
        render_html(context, dossier.procedure),
        keywords=[context["keywords"]],
        author=dossier.agency.name,
    )
    return RenderedResult(pdf=pdf, box=box, title=title)


# --- issuing -------------------------------------------------------------------------------


def _owner_kind(id_number: str) -> str:
    return OwnerKind.PERSON if len(id_number) == 12 else OwnerKind.BUSINESS


def _valid_until(procedure: Procedure, issued_on: date) -> date | None:
    document_type = procedure.result_document_type
    if document_type is None or not document_type.validity_months:
        return None
    months = issued_on.month - 1 + document_type.validity_months
    year, month = issued_on.year + months // 12, months % 12 + 1
    day = min(issued_on.day, 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)
    return date(year, month, day)


def _unique_code() -> str:
    while True:
        code = new_verification_code()
        if not EResult.objects.filter(verification_code=code).exists():
            return code


def e_result_issue(dossier: Dossier, *, at: datetime, approver: User | None = None) -> EResult:
    """The signed electronic result of an approved, granted dossier: made, signed by the
    agency, stored with its verification code and put in the applicant's data store. A second
    call returns the first result. Runs in the caller's transaction (the dossier row is locked
    by `dossier_act`); raises `SigningUnavailable` when the agency cannot sign."""
    existing = EResult.objects.filter(dossier=dossier).first()
    if existing is not None:
        return existing
    agency = signing.load_signer()
    signing.require_valid_at(agency, at)
    if approver is None:
        approver = _approver_of(dossier)
    code = _unique_code()
    issued_on = local(at).date()
    rendered = render_result(
        dossier,
        at=at,
        code=code,
        number=_next_number(dossier, issued_on.year),
        approver=approver,
    )
    signed = signing.sign_pdf(
        rendered.pdf,
        signer=agency,
        signing_time=at,
        box=rendered.box,
        reason=f"Kết quả giải quyết hồ sơ {dossier.code}; mã xác thực {display_code(code)}",
        location=printing.place_of(dossier.agency),
    )
    digest = hashlib.sha256(signed).hexdigest()
    procedure = dossier.procedure
    filename = f"ket-qua-{dossier.code}.pdf"
    # Files written here are removed if this block or the caller's `delete_files_on_error`
    # block (around `dossier_act`) fails, so a rolled-back approval leaves no signed PDF.
    with delete_files_on_error():
        stored = StoredDocument(
            owner_id_number=dossier.applicant_id_number,
            owner_kind=_owner_kind(dossier.applicant_id_number),
            owner_name=dossier.applicant_organization or dossier.applicant_name,
            document_type=procedure.result_document_type,
            title=rendered.title,
            issuer=agency.name or dossier.agency.name,
            issued_on=issued_on,
            valid_until=_valid_until(procedure, issued_on),
            original_name=filename,
            content_type=PDF,
            size=len(signed),
            sha256=digest,
            origin=StoredOrigin.E_RESULT,
            source_dossier=dossier,
            created_at=at,
        )
        save_file(stored.file, filename, ContentFile(signed))
        stored.save()
        e_result = EResult(
            dossier=dossier,
            verification_code=code,
            title=rendered.title,
            size=len(signed),
            sha256=digest,
            signer_name=agency.name,
            certificate_serial=agency.serial,
            signed_at=at,
            stored_document=stored,
        )
        save_file(e_result.file, filename, ContentFile(signed))
        e_result.save()
    return e_result


# --- reading and serving --------------------------------------------------------------------


def e_result_of_dossier(dossier: Dossier) -> EResult:
    e_result = EResult.objects.filter(dossier=dossier).first()
    if e_result is None:
        raise NotFound(
            _("Hồ sơ %(code)s chưa có kết quả điện tử.") % {"code": dossier.code},
        )
    return e_result


def e_result_by_code(raw: str) -> EResult:
    """The result a verification code names, for anyone holding the code."""
    code = normalize_code(raw)
    e_result = (
        EResult.objects.select_related("dossier", "dossier__procedure", "dossier__agency")
        .filter(verification_code=code)
        .first()
        if code
        else None
    )
    if e_result is None:
        raise NotFound(
            _("Không tìm thấy kết quả điện tử với mã xác thực «%(code)s».")
            % {"code": (raw or "")[:40]},
            field="verification_code",
        )
    return e_result


def serve_e_result(
    request: HttpRequest | None, e_result: EResult, *, ground: AccessGround, inline: bool = False
) -> FileResponse:
    """The signed PDF, after its checksum matched; the download is logged."""
    response = serve_checked(
        request,
        e_result.file,
        sha256=e_result.sha256,
        filename=f"ket-qua-{e_result.dossier.code}.pdf",
        kind=AccessKind.E_RESULT,
        object_id=e_result.pk,
        ground=ground,
        dossier_id=e_result.dossier_id,
        content_type=PDF,
        as_attachment=not inline,
    )
    response["Cache-Control"] = "private, no-store"
    return response


def ground_for(user: User) -> AccessGround:
    return AccessGround.STAFF if user.is_staff_member else AccessGround.APPLICANT
