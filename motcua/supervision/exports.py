"""The procedure review's lists as spreadsheets (xlsx), one list per file, for the proposal of
cuts and simplifications the department sends upward (plan 306, item 2.2)."""

import io
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from motcua.core.clock import local
from motcua.supervision.selectors import ProcedureReview

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _fit(sheet: Worksheet, first_row: int) -> None:
    for index, column in enumerate(sheet.iter_cols(min_row=first_row), start=1):
        width = max(len(str(cell.value or "")) for cell in column)
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 10), 60)


def _sheet(title: str, heading: str, header: list[str], rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    bold = Font(bold=True)
    sheet.append([heading])
    sheet["A1"].font = bold
    sheet.append(header)
    for cell in sheet[2]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A3"
    _fit(sheet, first_row=2)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _day(value) -> str:  # type: ignore[no-untyped-def]
    return f"{local(value):%d/%m/%Y}" if value else ""


def idle_xlsx(review: ProcedureReview) -> bytes:
    heading = _("THỦ TỤC HÀNH CHÍNH KHÔNG PHÁT SINH HỒ SƠ TỪ NGÀY %(since)s (%(years)s NĂM)") % {
        "since": _day(review.since),
        "years": review.years,
    }
    header = [
        _("STT"),
        _("Mã thủ tục"),
        _("Tên thủ tục"),
        _("Lĩnh vực"),
        _("Cơ quan thực hiện"),
        _("Hồ sơ gần nhất nộp ngày"),
        _("Tổng số hồ sơ đã có"),
    ]
    rows = [
        [
            number,
            p.code,
            p.name,
            p.field,
            p.unit,
            _day(p.last_submitted_at) or _("Chưa có hồ sơ"),
            p.dossiers,
        ]
        for number, p in enumerate(review.idle, start=1)
    ]
    return _sheet(_("Không phát sinh hồ sơ"), heading, header, rows)


def rates_xlsx(review: ProcedureReview) -> bytes:
    t = review.thresholds
    heading = _(
        "THỦ TỤC CÓ HỒ SƠ THƯỜNG TRỄ HẠN HOẶC PHẢI BỔ SUNG — %(period)s "
        "(trễ hạn từ %(late)s%%, bổ sung từ %(supplement)s%%, tối thiểu %(min)s hồ sơ)"
    ) % {
        "period": review.period.label.upper(),
        "late": t.late_percent,
        "supplement": t.supplement_percent,
        "min": t.min_dossiers,
    }
    header = [
        _("STT"),
        _("Mã thủ tục"),
        _("Tên thủ tục"),
        _("Hồ sơ giải quyết xong trong kỳ"),
        _("Trễ hạn"),
        _("Tỉ lệ trễ hạn (%)"),
        _("Phải bổ sung"),
        _("Tỉ lệ phải bổ sung (%)"),
        _("Bổ sung từ hai lần"),
    ]
    rows = [
        [
            number,
            r.code,
            r.name,
            r.resolved,
            r.late,
            float(r.late_rate),
            r.supplemented,
            float(r.supplement_rate),
            r.violations,
        ]
        for number, r in enumerate(review.rates, start=1)
    ]
    return _sheet(_("Trễ hạn, bổ sung"), heading, header, rows)


def proposals_xlsx(review: ProcedureReview) -> bytes:
    heading = _("KIẾN NGHỊ ĐƠN GIẢN HÓA THỦ TỤC HÀNH CHÍNH CỦA NGƯỜI DÂN, DOANH NGHIỆP")
    header = [
        _("STT"),
        _("Mã thủ tục"),
        _("Tên thủ tục"),
        _("Mã theo dõi"),
        _("Tiêu đề"),
        _("Nội dung kiến nghị"),
        _("Ngày gửi"),
        _("Trạng thái"),
        _("Đơn vị xử lý"),
    ]
    rows = [
        [
            number,
            f.procedure_code,
            f.procedure.name if f.procedure else "",
            f.tracking_code,
            f.title,
            f.content,
            _day(f.filed_at),
            f.status_name,
            f.unit.name,
        ]
        for number, f in enumerate(review.proposals, start=1)
    ]
    return _sheet(_("Kiến nghị đơn giản hóa"), heading, header, rows)


@dataclass(frozen=True)
class Export:
    slug: str  # in the URL, also the start of the file name
    build: Callable[[ProcedureReview], bytes]
    suffix: Callable[[ProcedureReview], str]

    def filename(self, review: ProcedureReview) -> str:
        return f"ra-soat-{self.slug}{self.suffix(review)}.xlsx"


EXPORTS: dict[str, Export] = {
    "idle": Export("khong-phat-sinh", idle_xlsx, lambda r: f"-{r.years}-nam"),
    "rates": Export(
        "tre-han-bo-sung",
        rates_xlsx,
        lambda r: f"-{r.period.start:%Y%m%d}-{r.period.end:%Y%m%d}",
    ),
    "proposals": Export("kien-nghi-don-gian-hoa", proposals_xlsx, lambda r: ""),
}


def export_for(slug: str) -> Export | None:
    return next((e for e in EXPORTS.values() if e.slug == slug), None)
