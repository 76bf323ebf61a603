"""The printed papers of a dossier: each kind reads its facts from the dossier's rows, a template
lays them out in the official style, WeasyPrint makes the PDF without touching the network.

A paper that does not apply yet (a receipt before receipt, a refusal of a dossier never refused)
is a `Conflict`. The tracking book (BM.06) is one agency's register over a date range.
"""

import io
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urljoin

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from motcua.accounts.models import Role, User
from motcua.catalog.models import ComponentSource
from motcua.core.clock import VIETNAM_TZ, local, now
from motcua.core.exceptions import Conflict, InvalidInput, NotFound
from motcua.dossiers.models import Channel, Dossier, DossierEvent, Extension
from motcua.dossiers.workflow import Action, Status
from motcua.organization.models import Unit

ASSETS_DIR = Path(__file__).resolve().parent / "static" / "documents"
STATUS_PAGE_PATH = "/tra-cuu/"
MAX_BOOK_DAYS = 366
FONT_NAME = "Times New Roman"
BOOK_FORMATS = ("pdf", "xlsx")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
SIGN_HINT = "(Ký và ghi rõ họ tên)"


# --- how dates, places and people are written ------------------------------------------


def format_instant(instant: datetime | None) -> str:
    """`14:30 ngày 02/03/2026`, in Vietnam time; empty when there is no instant."""
    if instant is None:
        return ""
    moment = local(instant)
    return f"{moment:%H:%M} ngày {moment:%d/%m/%Y}"


def format_day(instant: datetime | None) -> str:
    return f"{local(instant):%d/%m/%Y}" if instant else ""


def dated_line(place: str, day: date) -> str:
    """`Quận 11, ngày 02 tháng 3 năm 2026`. Days below 10 and the months 1 and 2 take a
    leading zero, as Decree 30/2020/NĐ-CP writes dates (nothing can be added in front)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


_COMMITTEE_PREFIXES = ("ủy ban nhân dân ", "uỷ ban nhân dân ", "ubnd ")


def place_of(unit: Unit) -> str:
    """Where a paper is issued: the `MOTCUA_DOCUMENT_PLACE` setting, else the territory of the
    nearest people's committee above the unit ("Ủy ban nhân dân Quận 11" → "Quận 11")."""
    configured = getattr(settings, "MOTCUA_DOCUMENT_PLACE", "")
    if configured:
        return str(configured)
    for candidate in [unit, *reversed(list(Unit.objects.get_ancestors(unit)))]:
        lowered = candidate.name.lower()
        for prefix in _COMMITTEE_PREFIXES:
            if lowered.startswith(prefix):
                return candidate.name[len(prefix) :].strip()
    return unit.name


@dataclass(frozen=True)
class Letterhead:
    parent: str  # the governing body, upper case; empty for a top unit
    name: str  # the issuing unit, upper case
    place: str


def letterhead(unit: Unit) -> Letterhead:
    parent = Unit.objects.get_parent(unit)
    return Letterhead(
        parent=parent.name.upper() if parent else "",
        name=unit.name.upper(),
        place=place_of(unit),
    )


def _address_of(unit: Unit) -> str:
    if unit.address:
        return unit.address
    for ancestor in reversed(list(Unit.objects.get_ancestors(unit))):
        if ancestor.address:
            return ancestor.address
    return ""


@dataclass(frozen=True)
class Signer:
    title: str  # upper case: "NGƯỜI TIẾP NHẬN HỒ SƠ"
    name: str
    hint: str = SIGN_HINT


def _title_of(user: User | None, default: str) -> str:
    if user is None:
        return default
    if user.position:
        return user.position.upper()
    return str(Role(user.role).label).upper() if user.role else default


def _name(user: User | None) -> str:
    return user.display_name if user else ""


def status_url(code: str, base_url: str) -> str:
    """The public status page of a dossier, absolute when `base_url` is ("https://host/")."""
    return urljoin(base_url, STATUS_PAGE_PATH) + "?" + urlencode({"code": code})


def qr_data_uri(text: str) -> str:
    return segno.make(text, error="m").svg_data_uri(scale=4, border=0, dark="#000")


def time_limit_text(dossier: Dossier) -> str:
    procedure = dossier.procedure
    days: Decimal | None = procedure.time_limit_days
    if dossier.channel == Channel.ONLINE and procedure.online_time_limit_days is not None:
        days = procedure.online_time_limit_days
    if days is None:
        return procedure.time_limit_text or "Theo quy định của thủ tục"
    if days == 0:
        return "Trong ngày làm việc"
    return f"{days.normalize():f}".replace(".", ",") + " ngày làm việc"


# --- what each paper says -------------------------------------------------------------


@dataclass(frozen=True)
class ComponentLine:
    name: str
    copies: str
    form: str  # how it was received: the files, on paper, or a database look-up


def _copies(original: int, copy: int) -> str:
    parts = []
    if original:
        parts.append(f"{original:02d} bản chính")
    if copy:
        parts.append(f"{copy:02d} bản sao")
    return ", ".join(parts)


def received_components(dossier: Dossier) -> list[ComponentLine]:
    """What was received: the procedure's components answered by files at or before receipt,
    the ones the agency looks up in a database instead, then any other papers. A desk or
    postal dossier registered without scans was received on paper."""
    cutoff = dossier.received_at
    files = [f for f in dossier.files.all() if cutoff is None or f.uploaded_at <= cutoff]
    by_component: dict[int | None, list[str]] = {}
    for row in files:
        by_component.setdefault(row.component_id, []).append(row.original_name)
    on_paper = dossier.channel != Channel.ONLINE and not files
    lines = []
    for component in dossier.procedure.components.all():
        copies = _copies(component.copies_original, component.copies_copy)
        if component.source == ComponentSource.DATABASE:
            lines.append(
                ComponentLine(component.name, "", f"Khai thác từ {component.database_name}")
            )
        elif component.pk in by_component:
            names = ", ".join(by_component[component.pk])
            lines.append(ComponentLine(component.name, copies, f"Bản điện tử: {names}"))
        elif on_paper and component.is_required:
            lines.append(ComponentLine(component.name, copies, "Bản giấy"))
    for name in by_component.get(None, []):
        lines.append(ComponentLine(name, "", "Giấy tờ khác, bản điện tử"))
    return lines


def _last_event(dossier: Dossier, *actions: Action) -> DossierEvent | None:
    return (
        dossier.events.filter(action__in=actions)
        .select_related("actor")
        .order_by("-at", "-pk")
        .first()
    )


Context = dict[str, Any]


def _receipt(dossier: Dossier, base_url: str) -> Context:
    if dossier.received_at is None:
        raise Conflict(
            _("Hồ sơ %(code)s chưa được tiếp nhận nên chưa có giấy tiếp nhận và hẹn trả kết quả.")
            % {"code": dossier.code}
        )
    received = local(dossier.received_at)
    url = status_url(dossier.code, base_url)
    agency = dossier.agency
    address = _address_of(agency)
    applicant = (
        Signer("NGƯỜI NỘP HỒ SƠ", dossier.applicant_name)
        if dossier.channel == Channel.DIRECT
        else None
    )
    return {
        "issued_on": received.date(),
        "channel": Channel(dossier.channel).label,
        "components": received_components(dossier),
        "time_limit": time_limit_text(dossier),
        "received_at": format_instant(dossier.received_at),
        "appointment_at": format_instant(dossier.appointment_at),
        "collect_at": f"Bộ phận tiếp nhận và trả kết quả, {agency.name}"
        + (f", {address}" if address else ""),
        "book": f"Sổ theo dõi hồ sơ năm {received.year}",
        "book_line": dossier.book_line,
        "status_url": url,
        "qr": qr_data_uri(url),
        "signers": [applicant, Signer("NGƯỜI TIẾP NHẬN HỒ SƠ", _name(dossier.received_by))],
    }


def _supplement_request(dossier: Dossier, base_url: str) -> Context:
    pause = (
        dossier.pauses.filter(kind="supplement")
        .select_related("requested_by")
        .order_by("-number")
        .first()
    )
    if pause is None:
        raise Conflict(
            _("Hồ sơ %(code)s chưa có yêu cầu bổ sung, hoàn thiện nào.") % {"code": dossier.code}
        )
    contact = pause.contact or _name(pause.requested_by)
    phone = dossier.agency.phone
    return {
        "issued_on": local(pause.started_at).date(),
        "pause": pause,
        "items": [str(item) for item in pause.items],
        "requested_at": format_instant(pause.started_at),
        "received_on": format_day(dossier.received_at),
        "submitted_on": format_day(dossier.submitted_at),
        "contact": contact,
        "contact_phone": phone if phone and phone not in contact else "",
        "signers": [None, Signer("NGƯỜI HƯỚNG DẪN", _name(pause.requested_by))],
    }


def _refusal(dossier: Dossier, base_url: str) -> Context:
    event = _last_event(dossier, Action.REFUSE)
    if event is None:
        raise Conflict(
            _("Hồ sơ %(code)s không bị từ chối tiếp nhận nên không có phiếu từ chối.")
            % {"code": dossier.code}
        )
    reasons = [str(reason) for reason in event.data.get("reasons", []) if str(reason).strip()]
    return {
        "issued_on": local(event.at).date(),
        "refused_at": format_instant(event.at),
        "submitted_on": format_day(dossier.submitted_at),
        "reasons": reasons or [event.note],
        "signers": [None, Signer("NGƯỜI TIẾP NHẬN HỒ SƠ", event.actor_name or _name(event.actor))],
    }


def _extension(dossier: Dossier, base_url: str) -> Context:
    try:
        extension = Extension.objects.select_related("issued_by").get(dossier=dossier)
    except Extension.DoesNotExist:
        raise Conflict(
            _("Hồ sơ %(code)s chưa có phiếu xin lỗi và hẹn lại ngày trả kết quả.")
            % {"code": dossier.code}
        ) from None
    return {
        "issued_on": local(extension.issued_at).date(),
        "extension": extension,
        "received_on": format_day(dossier.received_at),
        "previous_due_at": format_instant(extension.previous_due_at),
        "new_due_at": format_instant(extension.new_due_at),
        "signers": [
            None,
            Signer(_title_of(extension.issued_by, "THỦ TRƯỞNG ĐƠN VỊ"), _name(extension.issued_by)),
        ],
    }


def _stop_notice(dossier: Dossier, base_url: str) -> Context:
    event = _last_event(dossier, Action.STOP, Action.WITHDRAW)
    if event is None:
        raise Conflict(
            _("Hồ sơ %(code)s không bị dừng giải quyết nên không có thông báo dừng.")
            % {"code": dossier.code}
        )
    withdrawn = event.action == Action.WITHDRAW
    if event.actor is not None and event.actor.is_staff_member:
        signer = Signer(_title_of(event.actor, "CÁN BỘ MỘT CỬA"), event.actor_name)
    else:
        signer = Signer("BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ", _name(dossier.received_by))
    reason = event.note or ("Người nộp đề nghị rút hồ sơ." if withdrawn else "")
    return {
        "issued_on": local(event.at).date(),
        "withdrawn": withdrawn,
        "stopped_at": format_instant(event.at),
        "received_on": format_day(dossier.received_at),
        "submitted_on": format_day(dossier.submitted_at),
        "reason": reason,
        "signers": [None, signer],
    }


@dataclass(frozen=True)
class HandOver:
    """One row of the process control slip (BM.05)."""

    number: int
    giver: str
    giver_step: str
    receiver: str
    receiver_step: str
    at: str
    result: str
    note: str


def hand_overs(dossier: Dossier) -> list[HandOver]:
    """Each event that moved the dossier out of a step: to the next step, back to an earlier
    one, or out of the process (approved, returned, stopped), with the step's verdict."""
    events = dossier.events.select_related(
        "from_step", "to_step", "to_step__unit", "to_user"
    ).order_by("at", "pk")
    rows = []
    for event in events:
        if event.from_step_id is None or event.from_step_id == event.to_step_id:
            continue
        if event.to_user is not None:
            receiver = event.to_user.display_name
        elif event.to_step is not None:
            step = event.to_step
            receiver = str(Role(step.role).label) if step.role else ""
            if step.unit is not None:
                receiver = f"{receiver} — {step.unit.name}" if receiver else step.unit.name
        elif event.action == Action.RETURN_RESULT:
            receiver = f"{dossier.applicant_name} (người nộp)"
        else:
            receiver = ""
        rows.append(
            HandOver(
                number=len(rows) + 1,
                giver=event.actor_name,
                giver_step=event.from_step.name,
                receiver=receiver,
                receiver_step=event.to_step.name if event.to_step else "",
                at=format_instant(event.at),
                result=event.get_step_outcome_display() if event.step_outcome else "",
                note=": ".join(part for part in (event.get_action_display(), event.note) if part),
            )
        )
    return rows


def _control_slip(dossier: Dossier, base_url: str) -> Context:
    if dossier.received_at is None:
        raise Conflict(
            _("Hồ sơ %(code)s chưa được tiếp nhận nên chưa có phiếu kiểm soát quá trình.")
            % {"code": dossier.code}
        )
    return {
        "issued_on": local(dossier.received_at).date(),
        "received_at": format_instant(dossier.received_at),
        "appointment_at": format_instant(dossier.appointment_at),
        "rows": hand_overs(dossier),
        "signers": [],
    }


@dataclass(frozen=True)
class DocumentKind:
    slug: str
    title: str
    form: str  # the form's number in the official set, empty when it has none
    template: str
    build: Callable[[Dossier, str], Context]
    for_citizen: bool  # the applicant may print it for their own dossier


KINDS: dict[str, DocumentKind] = {
    kind.slug: kind
    for kind in (
        DocumentKind(
            "receipt",
            "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
            "Mẫu số 01",
            "receipt.html",
            _receipt,
            True,
        ),
        DocumentKind(
            "supplement-request",
            "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
            "Mẫu số 02",
            "supplement_request.html",
            _supplement_request,
            True,
        ),
        DocumentKind(
            "refusal",
            "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
            "Mẫu số 03",
            "refusal.html",
            _refusal,
            True,
        ),
        DocumentKind(
            "extension",
            "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
            "Mẫu số 04",
            "extension.html",
            _extension,
            True,
        ),
        DocumentKind(
            "stop-notice",
            "Thông báo dừng giải quyết hồ sơ",
            "",
            "stop_notice.html",
            _stop_notice,
            True,
        ),
        DocumentKind(
            "control-slip",
            "Phiếu kiểm soát quá trình giải quyết hồ sơ",
            "Mẫu số 05",
            "control_slip.html",
            _control_slip,
            False,
        ),
    )
}


def document_kind(kind: str) -> DocumentKind:
    try:
        return KINDS[kind]
    except KeyError:
        raise NotFound(_("Không có mẫu in «%(kind)s».") % {"kind": kind}) from None


def document_context(kind: str, dossier: Dossier, *, base_url: str) -> Context:
    """Everything a paper shows, as plain values; raises `Conflict` when it does not apply."""
    document = document_kind(kind)
    with translation.override("vi"):
        context = document.build(dossier, base_url)
        head = letterhead(dossier.agency)
        issued_on = context.pop("issued_on")
        return {
            "kind": document.slug,
            "title": document.title.upper(),
            "form": document.form,
            "letterhead": head,
            "nation": NATION,
            "motto": MOTTO,
            "dated": dated_line(head.place, issued_on),
            "dossier": dossier,
            "procedure": dossier.procedure,
            "agency": dossier.agency,
            "status_label": Status(dossier.status).label,
            **context,
        }


def render_html(kind: str, dossier: Dossier, *, base_url: str) -> str:
    context = document_context(kind, dossier, base_url=base_url)
    with translation.override("vi"):
        return render_to_string(f"dossiers/documents/{KINDS[kind].template}", context)


def render_pdf(kind: str, dossier: Dossier, *, base_url: str) -> bytes:
    """The paper `kind` for the dossier as PDF; `base_url` makes the QR link absolute."""
    return html_to_pdf(render_html(kind, dossier, base_url=base_url))


def pdf_filename(dossier: Dossier, kind: str) -> str:
    return f"{dossier.code}-{kind}.pdf"


# --- PDF without the network ----------------------------------------------------------

# WeasyPrint reports each rendering step at INFO; the project's console shows INFO.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def html_to_pdf(html: str) -> bytes:
    from motcua.dossiers.documents.pdf import write_pdf

    return write_pdf(html, ASSETS_DIR)


# --- the tracking book (BM.06) --------------------------------------------------------

BOOK_TITLE = "SỔ THEO DÕI HỒ SƠ"
BOOK_COLUMNS = (
    "Số thứ tự",
    "Mã hồ sơ",
    "Người nộp",
    "Thủ tục hành chính",
    "Ngày nhận hồ sơ",
    "Ngày hẹn trả kết quả",
    "Ngày có kết quả",
    "Ngày trả kết quả",
    "Kết quả (trước hạn, đúng hạn, quá hạn)",
    "Ghi chú",
)

# Shares of the landscape page: the names and the procedure need room, the number little.
BOOK_PDF_WIDTHS = ("5%", "13%", "11%", "17%", "9%", "9%", "9%", "9%", "8%", "10%")


@dataclass(frozen=True)
class BookLine:
    line: int | None
    code: str
    applicant: str
    procedure: str
    received_at: datetime
    appointment_at: datetime | None
    resolved_at: datetime | None
    returned_at: datetime | None
    outcome: str
    note: str


def _book_note(dossier: Dossier) -> str:
    notes = []
    if dossier.status != Status.RETURNED:
        notes.append(str(Status(dossier.status).label))
    if dossier.extended_due_at:
        notes.append(f"Gia hạn đến {format_day(dossier.extended_due_at)}")
    if dossier.multiple_supplements:
        notes.append("Yêu cầu bổ sung nhiều lần")
    elif dossier.supplement_count:
        notes.append("Có yêu cầu bổ sung")
    return "; ".join(notes)


def check_book_range(start: date, end: date) -> None:
    if end < start:
        raise InvalidInput(_("Ngày kết thúc (to) phải từ ngày bắt đầu (from) trở đi."), field="to")
    if (end - start).days + 1 > MAX_BOOK_DAYS:
        raise InvalidInput(
            _("Mỗi lần in sổ tối đa %(days)s ngày; hãy thu hẹp khoảng from – to.")
            % {"days": MAX_BOOK_DAYS},
            field="to",
        )


def tracking_book_lines(unit: Unit, start: date, end: date) -> list[BookLine]:
    """The agency's dossiers received between `start` and `end` (Vietnam days, inclusive)."""
    check_book_range(start, end)
    since = datetime.combine(start, time.min, tzinfo=VIETNAM_TZ)
    until = datetime.combine(end + timedelta(days=1), time.min, tzinfo=VIETNAM_TZ)
    dossiers = (
        Dossier.objects.filter(agency=unit, received_at__gte=since, received_at__lt=until)
        .select_related("procedure")
        .order_by("received_at", "pk")
    )
    with translation.override("vi"):
        return [
            BookLine(
                line=dossier.book_line,
                code=dossier.code,
                applicant=dossier.applicant_name,
                procedure=dossier.procedure.name,
                received_at=dossier.received_at,
                appointment_at=dossier.appointment_at,
                resolved_at=dossier.resolved_at,
                returned_at=dossier.returned_at,
                outcome=str(dossier.get_outcome_display()) if dossier.outcome else "",
                note=_book_note(dossier),
            )
            for dossier in dossiers
        ]


def tracking_book(unit: Unit, start: date, end: date, *, fmt: str) -> bytes:
    """BM.06 for one agency and a range of days, as PDF (A4 landscape) or xlsx."""
    if fmt not in BOOK_FORMATS:
        raise InvalidInput(_("format chỉ nhận pdf hoặc xlsx."), field="format")
    lines = tracking_book_lines(unit, start, end)
    head = letterhead(unit)
    dated = dated_line(head.place, local(now()).date())
    period = f"Từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"
    if fmt == "xlsx":
        return _book_xlsx(head, dated, period, lines)
    rows = [
        {
            "line": line.line or "",
            "code": line.code,
            "applicant": line.applicant,
            "procedure": line.procedure,
            "received_at": format_instant(line.received_at),
            "appointment_at": format_instant(line.appointment_at),
            "resolved_at": format_instant(line.resolved_at),
            "returned_at": format_instant(line.returned_at),
            "outcome": line.outcome,
            "note": line.note,
        }
        for line in lines
    ]
    context = {
        "title": BOOK_TITLE,
        "form": "Mẫu số 06",
        "letterhead": head,
        "nation": NATION,
        "motto": MOTTO,
        "dated": dated,
        "period": period,
        "columns": BOOK_COLUMNS,
        "widths": BOOK_PDF_WIDTHS,
        "rows": rows,
        "signers": [],
    }
    with translation.override("vi"):
        html = render_to_string("dossiers/documents/tracking_book.html", context)
    return html_to_pdf(html)


def book_filename(unit: Unit, start: date, end: date, fmt: str) -> str:
    return f"so-theo-doi-{unit.code or unit.pk}-{start:%Y%m%d}-{end:%Y%m%d}.{fmt}"


_WIDTHS = (8, 26, 22, 40, 17, 17, 17, 17, 14, 24)


def _naive_local(instant: datetime | None) -> datetime | None:
    # Excel has no time zones: the cell holds the Vietnam wall-clock time.
    return local(instant).replace(tzinfo=None) if instant else None


def _book_xlsx(head: Letterhead, dated: str, period: str, lines: list[BookLine]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sổ theo dõi hồ sơ"
    last = len(BOOK_COLUMNS)
    split = 4  # the letterhead over columns A–D, the motto over E to the end

    def put(row: int, first: int, end: int, value: str, **font: Any) -> None:
        if end > first:
            sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=end)
        cell = sheet.cell(row=row, column=first, value=value)
        cell.font = Font(name=FONT_NAME, size=font.pop("size", 13), **font)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)

    put(1, 1, split, head.parent, size=12)
    put(1, split + 1, last, NATION, size=12, bold=True)
    put(2, 1, split, head.name, size=12, bold=True)
    put(2, split + 1, last, MOTTO, bold=True, underline="single")
    put(3, split + 1, last, dated, italic=True)
    put(5, 1, last, BOOK_TITLE, size=14, bold=True)
    put(6, 1, last, period, italic=True)

    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_row = 8
    for column, title in enumerate(BOOK_COLUMNS, start=1):
        cell = sheet.cell(row=header_row, column=column, value=title)
        cell.font = Font(name=FONT_NAME, size=12, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
        sheet.column_dimensions[get_column_letter(column)].width = _WIDTHS[column - 1]
    for offset, line in enumerate(lines, start=1):
        values = (
            line.line,
            line.code,
            line.applicant,
            line.procedure,
            _naive_local(line.received_at),
            _naive_local(line.appointment_at),
            _naive_local(line.resolved_at),
            _naive_local(line.returned_at),
            line.outcome,
            line.note,
        )
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=header_row + offset, column=column, value=value)
            cell.font = Font(name=FONT_NAME, size=12)
            cell.border = border
            cell.alignment = Alignment(
                horizontal="center" if column == 1 else "left", vertical="top", wrap_text=True
            )
            if isinstance(value, datetime):
                cell.number_format = "hh:mm dd/mm/yyyy"
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
