"""The layout of form II.06a (Circular 01/2020/TT-VPCP), written once for the page, the xlsx
and the docx: the grouped column headings with their spans, the column numbers, the rows of
the two tables (by field, by unit) and the texts around them. Pure: no database.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from motcua.core.periods import Period
from motcua.dossiers.documents.printing import format_instant
from motcua.stats.selectors import COLUMNS, Counts, Report

FORM_CODE = _("Biểu số II.06a/VPCP/KSTT")
TITLE = _("TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI %(unit)s")
UNIT_OF_COUNT = _("Đơn vị tính: Số hồ sơ TTHC.")
TOTAL_LABEL = _("Tổng số")
FIELD_HEADING = _("Lĩnh vực giải quyết")
UNIT_HEADING = _("Đơn vị, lĩnh vực giải quyết")
BY_UNIT_TITLE = _("CHI TIẾT THEO ĐƠN VỊ")
NOTE = _(
    "Cột (14) ghi thêm để đối chiếu: hồ sơ không được tiếp nhận, rút hoặc dừng giải quyết "
    "trong kỳ. (3) = (4) + (5) + (6) = (7) + (11) + (14); (7) = (8) + (9) + (10); "
    "(11) = (12) + (13)."
)
PREPARER = _("NGƯỜI LẬP BIỂU")
PREPARER_HINT = _("(Ký, ghi rõ họ tên)")
SIGNER = _("THỦ TRƯỞNG ĐƠN VỊ")
SIGNER_HINT = _("(Ký, ghi rõ họ tên, đóng dấu)")

COLUMN_COUNT = 2 + len(COLUMNS)  # STT, the label, then the twelve counts
HEADER_ROWS = 3


@dataclass(frozen=True)
class HeaderCell:
    row: int  # 0 to HEADER_ROWS - 1
    column: int  # 0-based
    text: str | Promise
    rowspan: int = 1
    colspan: int = 1

    @property
    def scope(self) -> str:
        return "colgroup" if self.colspan > 1 else "col"


def header(label: str | Promise = FIELD_HEADING) -> list[list[HeaderCell]]:
    """The three heading rows, each a list of the cells that start in it."""
    cells = [
        HeaderCell(0, 0, _("STT"), rowspan=3),
        HeaderCell(0, 1, label, rowspan=3),
        HeaderCell(0, 2, _("Số hồ sơ nhận giải quyết"), colspan=4),
        HeaderCell(0, 6, _("Kết quả giải quyết"), colspan=7),
        HeaderCell(0, 13, _("Từ chối, rút, dừng giải quyết trong kỳ"), rowspan=3),
        HeaderCell(1, 2, _("Tổng số"), rowspan=2),
        HeaderCell(1, 3, _("Số mới tiếp nhận trong kỳ"), colspan=2),
        HeaderCell(1, 5, _("Từ kỳ trước chuyển qua"), rowspan=2),
        HeaderCell(1, 6, _("Số hồ sơ đã giải quyết"), colspan=4),
        HeaderCell(1, 10, _("Số hồ sơ đang giải quyết"), colspan=3),
        HeaderCell(2, 3, _("Trực tuyến")),
        HeaderCell(2, 4, _("Trực tiếp, dịch vụ bưu chính")),
        HeaderCell(2, 6, _("Tổng số")),
        HeaderCell(2, 7, _("Trước hạn")),
        HeaderCell(2, 8, _("Đúng hạn")),
        HeaderCell(2, 9, _("Quá hạn")),
        HeaderCell(2, 10, _("Tổng số")),
        HeaderCell(2, 11, _("Trong hạn")),
        HeaderCell(2, 12, _("Quá hạn")),
    ]
    return [[cell for cell in cells if cell.row == row] for row in range(HEADER_ROWS)]


COLUMN_NUMBERS = tuple(f"({number})" for number in range(1, COLUMN_COUNT + 1))


@dataclass(frozen=True)
class TableRow:
    number: str  # "1", "I", or empty for the total
    label: str
    values: list[int]
    kind: str  # "item" (a field), "group" (a unit's subtotal) or "total"


def roman(number: int) -> str:
    numerals = (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    )  # fmt: skip
    out = []
    for value, letters in numerals:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def _total(counts: Counts) -> TableRow:
    return TableRow("", str(TOTAL_LABEL), counts.values(), "total")


def field_rows(report: Report) -> list[TableRow]:
    """The official table: one row per field, then the total."""
    rows = [
        TableRow(str(index), line.field_name, line.counts.values(), "item")
        for index, line in enumerate(report.by_field, start=1)
    ]
    return [*rows, _total(report.total)]


def unit_rows(report: Report) -> list[TableRow]:
    """Unit by unit (I, II, ...) with their fields (1, 2, ...) below, then the total."""
    rows = []
    for index, block in enumerate(report.by_unit, start=1):
        rows.append(TableRow(roman(index), block.unit_name, block.counts.values(), "group"))
        rows.extend(
            TableRow(str(number), line.field_name, line.counts.values(), "item")
            for number, line in enumerate(block.fields, start=1)
        )
    return [*rows, _total(report.total)]


def shows_units(report: Report) -> bool:
    """The table by unit is worth its place when the report covers sub-units."""
    return report.unit_count > 1


def title(report: Report) -> str:
    return str(TITLE) % {"unit": report.unit.name.upper()}


def period_line(period: Period) -> str:
    return str(_("Kỳ báo cáo: %(label)s")) % {"label": period.label}


def range_line(period: Period) -> str:
    return str(_("(Từ ngày %(start)s đến ngày %(end)s)")) % {
        "start": f"{period.start:%d/%m/%Y}",
        "end": f"{period.end:%d/%m/%Y}",
    }


def until_line(report: Report) -> str:
    """For a period not over yet: up to when the numbers go. Empty once it is over."""
    if report.complete:
        return ""
    return str(_("(Số liệu tính đến %(instant)s; kỳ báo cáo chưa kết thúc.)")) % {
        "instant": format_instant(report.until)
    }


def reporting_line(name: str) -> str:
    return str(_("Đơn vị báo cáo: %(name)s")) % {"name": name}


def receiving_line(name: str) -> str:
    return str(_("Đơn vị nhận báo cáo: %(name)s")) % {"name": name or "…"}


def filename(report: Report, fmt: str) -> str:
    unit = report.unit.code or report.unit.pk
    period = report.period
    return f"ii06a-{unit}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.{fmt}"
