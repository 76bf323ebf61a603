"""The printed papers of a dossier: each kind reads its facts from the dossier's rows, a template
lays them out in the official style, WeasyPrint makes the PDF without touching the network.

A paper that does not apply yet (a receipt before receipt, a refusal of a dossier never refused)
is a `Conflict`. The tracking book (BM.06) is one agency's register over a date range: as PDF
for at most 366 days, as xlsx for up to five years, streamed from the database in chunks into
an openpyxl write-only workbook on a temporary file, so memory stays flat however many rows
(a million rows: see benchmarks/bench_statistics.py).
"""

import io
import logging
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlencode, urljoin

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from motcua.accounts.models import Role, User
from motcua.catalog.models import ComponentSource
from motcua.core.clock import VIETNAM_TZ, local, now
from motcua.core.exceptions import Conflict, InvalidInput, NotFound
from motcua.dossiers.models import Channel, Dossier, DossierEvent, Extension, Outcome
from motcua.dossiers.workflow import Action, Status
from motcua.organization.models import Unit

ASSETS_DIR = Path(__file__).resolve().parent / "static" / "documents"
STATUS_PAGE_PATH = "/tra-cuu/"
MAX_BOOK_DAYS = 366  # PDF: a year's register at most, laid out in memory
MAX_BOOK_XLSX_DAYS = 5 * 366  # xlsx: streamed, so several years of a big agency
BOOK_CHUNK_ROWS = 2_000  # dossiers read from the database at a time
XLSX_MAX_ROWS = 1_048_576  # Excel's rows per sheet; a longer book goes on to a new sheet
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


def _book_note_text(
    status: int, extended_due_at: datetime | None, multiple_supplements: bool, supplements: int
) -> str:
    notes = []
    if status != Status.RETURNED:
        notes.append(str(Status(status).label))
    if extended_due_at:
        notes.append(f"Gia hạn đến {format_day(extended_due_at)}")
    if multiple_supplements:
        notes.append("Yêu cầu bổ sung nhiều lần")
    elif supplements:
        notes.append("Có yêu cầu bổ sung")
    return "; ".join(notes)


def _book_note(dossier: Dossier) -> str:
    return _book_note_text(
        dossier.status,
        dossier.extended_due_at,
        dossier.multiple_supplements,
        dossier.supplement_count,
    )


def max_book_days(fmt: str) -> int:
    return MAX_BOOK_XLSX_DAYS if fmt == "xlsx" else MAX_BOOK_DAYS


def check_book_range(start: date, end: date, fmt: str = "pdf") -> None:
    if end < start:
        raise InvalidInput(_("Ngày kết thúc (to) phải từ ngày bắt đầu (from) trở đi."), field="to")
    if (end - start).days + 1 > max_book_days(fmt):
        if fmt == "xlsx":
            message = _(
                "Mỗi lần xuất sổ ra Excel tối đa %(days)s ngày; hãy thu hẹp khoảng from – to."
            )
        else:
            message = _(
                "Mỗi lần in sổ (PDF) tối đa %(days)s ngày; hãy thu hẹp khoảng from – to "
                "hoặc xuất ra Excel (xlsx, tối đa %(xlsx_days)s ngày)."
            )
        raise InvalidInput(
            message % {"days": max_book_days(fmt), "xlsx_days": MAX_BOOK_XLSX_DAYS}, field="to"
        )


def _book_range(start: date, end: date) -> tuple[datetime, datetime]:
    since = datetime.combine(start, time.min, tzinfo=VIETNAM_TZ)
    until = datetime.combine(end + timedelta(days=1), time.min, tzinfo=VIETNAM_TZ)
    return since, until


def book_dossiers(unit: Unit, start: date, end: date) -> Any:
    """The agency's dossiers received between `start` and `end` (Vietnam days, inclusive), in
    the book's order."""
    since, until = _book_range(start, end)
    return Dossier.objects.filter(
        agency=unit, received_at__gte=since, received_at__lt=until
    ).order_by("received_at", "pk")


def tracking_book_lines(unit: Unit, start: date, end: date) -> list[BookLine]:
    """The agency's dossiers received between `start` and `end` (Vietnam days, inclusive), for
    the PDF (at most `MAX_BOOK_DAYS`)."""
    check_book_range(start, end)
    dossiers = book_dossiers(unit, start, end).select_related("procedure")
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


# The columns the xlsx reads, in one query, a chunk at a time (no model instances).
_BOOK_VALUES = (
    "book_line",
    "code",
    "applicant_name",
    "procedure__name",
    "received_at",
    "due_at",
    "extended_due_at",
    "resolved_at",
    "returned_at",
    "outcome",
    "status",
    "multiple_supplements",
    "supplement_count",
)


def tracking_book_rows(unit: Unit, start: date, end: date) -> Iterator[tuple[Any, ...]]:
    """The xlsx's rows (the values of `BOOK_COLUMNS`, times in Vietnam wall-clock), read from
    the database `BOOK_CHUNK_ROWS` at a time (a server-side cursor on PostgreSQL)."""
    rows = (
        book_dossiers(unit, start, end)
        .values_list(*_BOOK_VALUES)
        .iterator(chunk_size=BOOK_CHUNK_ROWS)
    )
    with translation.override("vi"):
        outcomes = {value: str(label) for value, label in Outcome.choices}
    notes: dict[tuple[int, bool, bool], str] = {}
    for (
        line,
        code,
        applicant,
        procedure,
        received_at,
        due_at,
        extended_due_at,
        resolved_at,
        returned_at,
        outcome,
        status,
        multiple,
        supplements,
    ) in rows:
        if extended_due_at:
            with translation.override("vi"):
                note = _book_note_text(status, extended_due_at, multiple, supplements)
        else:  # the common case: a handful of distinct notes, written once each
            key = (status, multiple, supplements > 0)
            note = notes.get(key)
            if note is None:
                with translation.override("vi"):
                    note = notes[key] = _book_note_text(status, None, multiple, supplements)
        yield (
            line,
            code,
            applicant,
            procedure,
            _naive_local(received_at),
            _naive_local(extended_due_at or due_at),
            _naive_local(resolved_at),
            _naive_local(returned_at),
            outcomes.get(outcome, ""),
            note,
        )


def tracking_book(unit: Unit, start: date, end: date, *, fmt: str) -> IO[bytes]:
    """BM.06 for one agency and a range of days, as PDF (A4 landscape) or xlsx: an open binary
    file at its start, for a `FileResponse` (the xlsx a temporary file, gone once closed)."""
    if fmt not in BOOK_FORMATS:
        raise InvalidInput(_("format chỉ nhận pdf hoặc xlsx."), field="format")
    check_book_range(start, end, fmt)
    head = letterhead(unit)
    dated = dated_line(head.place, local(now()).date())
    period = f"Từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"
    if fmt == "xlsx":
        return _book_xlsx(head, dated, period, tracking_book_rows(unit, start, end))
    lines = tracking_book_lines(unit, start, end)
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
    return io.BytesIO(html_to_pdf(html))


def book_filename(unit: Unit, start: date, end: date, fmt: str) -> str:
    return f"so-theo-doi-{unit.code or unit.pk}-{start:%Y%m%d}-{end:%Y%m%d}.{fmt}"


_WIDTHS = (8, 26, 22, 40, 17, 17, 17, 17, 14, 24)
_BOOK_HEADER_ROW = 8
_BOOK_SPLIT = 4  # the letterhead over columns A–D, the motto over E to the end


def _naive_local(instant: datetime | None) -> datetime | None:
    # Excel has no time zones: the cell holds the Vietnam wall-clock time.
    return local(instant).replace(tzinfo=None) if instant else None


def _book_sheet(workbook: Workbook, title: str, head: Letterhead, dated: str, period: str) -> Any:
    """A write-only sheet with the letterhead, the title and the column heads (row 8) written;
    the dossiers follow from row 9. Widths, panes and page set-up come before any row."""
    sheet = workbook.create_sheet(title)
    for column, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = f"A{_BOOK_HEADER_ROW + 1}"
    sheet.print_title_rows = f"{_BOOK_HEADER_ROW}:{_BOOK_HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True

    last = len(BOOK_COLUMNS)
    centered = Alignment(horizontal="center", vertical="center", wrap_text=True)

    def text(value: str, row: int, first: int, end: int, **font: Any) -> WriteOnlyCell:
        if end > first:
            sheet.merged_cells.add(f"{get_column_letter(first)}{row}:{get_column_letter(end)}{row}")
        cell = WriteOnlyCell(sheet, value=value)
        cell.font = Font(name=FONT_NAME, size=font.pop("size", 13), **font)
        cell.alignment = centered
        return cell

    gap = [None] * (_BOOK_SPLIT - 1)
    right = _BOOK_SPLIT + 1
    sheet.append(
        [
            text(head.parent, 1, 1, _BOOK_SPLIT, size=12),
            *gap,
            text(NATION, 1, right, last, size=12, bold=True),
        ]
    )
    sheet.append(
        [
            text(head.name, 2, 1, _BOOK_SPLIT, size=12, bold=True),
            *gap,
            text(MOTTO, 2, right, last, bold=True, underline="single"),
        ]
    )
    sheet.append([None, *gap, text(dated, 3, right, last, italic=True)])
    sheet.append([])
    sheet.append([text(BOOK_TITLE, 5, 1, last, size=14, bold=True)])
    sheet.append([text(period, 6, 1, last, italic=True)])
    sheet.append([])
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    heads = []
    for title_text in BOOK_COLUMNS:
        cell = WriteOnlyCell(sheet, value=title_text)
        cell.font = Font(name=FONT_NAME, size=12, bold=True)
        cell.alignment, cell.border = centered, border
        heads.append(cell)
    sheet.append(heads)
    return sheet


def _book_cells(sheet: Any) -> list[WriteOnlyCell]:
    """One styled cell per column, reused for every row: the style is looked up once, and
    write-only rows are written out as soon as they are appended."""
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    font = Font(name=FONT_NAME, size=12)
    cells = []
    for column in range(1, len(BOOK_COLUMNS) + 1):
        cell = WriteOnlyCell(sheet)
        cell.font, cell.border = font, border
        cell.alignment = Alignment(
            horizontal="center" if column == 1 else "left", vertical="top", wrap_text=True
        )
        if 5 <= column <= 8:
            cell.number_format = "hh:mm dd/mm/yyyy"
        cells.append(cell)
    return cells


def _book_xlsx(
    head: Letterhead, dated: str, period: str, rows: Iterator[tuple[Any, ...]]
) -> IO[bytes]:
    """The book as xlsx on a temporary file, one row at a time: neither the rows nor the sheet
    are ever whole in memory (openpyxl write-only keeps the sheet on disk until it zips it)."""
    workbook = Workbook(write_only=True)
    per_sheet = XLSX_MAX_ROWS - _BOOK_HEADER_ROW
    title = "Sổ theo dõi hồ sơ"
    sheets = 1
    sheet = _book_sheet(workbook, title, head, dated, period)
    cells = _book_cells(sheet)
    written = 0
    for values in rows:
        if written == per_sheet:
            sheets += 1
            sheet = _book_sheet(
                workbook, f"{title} ({sheets})", head, dated, f"{period} (tiếp theo)"
            )
            cells = _book_cells(sheet)
            written = 0
        for cell, value in zip(cells, values, strict=True):
            cell.value = value
        sheet.append(cells)
        written += 1
    # Returned open: the response streams it and closes it, which deletes it.
    out = tempfile.TemporaryFile(prefix="motcua-book-", suffix=".xlsx")  # noqa: SIM115
    try:
        workbook.save(out)
        out.seek(0)
    except BaseException:
        out.close()
        raise
    return out
