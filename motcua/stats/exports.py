"""Form II.06a as files in the official layout of Circular 01/2020/TT-VPCP: the reporting unit
(its parent above it) on the left, the national motto on the right, the title with the
period, the reporting and receiving units, the grouped table with its numbered columns and
total row, the signature block; Times New Roman everywhere, A4 landscape.

Both files are built from one `Paper` (the report's texts and rows, always in Vietnamese),
so the xlsx, the docx and the page show the same numbers.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import translation
from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from motcua.core.docx import FONT
from motcua.core.docx import paragraph as docx_paragraph
from motcua.core.docx import set_up as docx_set_up
from motcua.dossiers.documents.printing import MOTTO, NATION, Letterhead, dated_line, letterhead
from motcua.stats import layout
from motcua.stats.layout import HeaderCell, TableRow
from motcua.stats.selectors import Report, receiving_unit_name

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
FORMATS = tuple(CONTENT_TYPES)


def number(value: int) -> str:
    """1234567 → "1.234.567" (Vietnamese grouping)."""
    return f"{value:,}".replace(",", ".")


@dataclass(frozen=True)
class Paper:
    head: Letterhead
    form_code: str
    title: str
    period: str
    range: str
    until: str  # empty once the period is over
    reporting: str
    receiving: str
    unit_of_count: str
    field_header: list[list[HeaderCell]]
    field_rows: list[TableRow]
    unit_header: list[list[HeaderCell]]
    unit_rows: list[TableRow]  # empty when the report covers one unit only
    by_unit_title: str
    note: str
    dated: str
    preparer: str
    preparer_hint: str
    signer: str
    signer_hint: str


def _resolved(rows: list[list[HeaderCell]]) -> list[list[HeaderCell]]:
    return [
        [HeaderCell(c.row, c.column, str(c.text), c.rowspan, c.colspan) for c in row]
        for row in rows
    ]


def paper(report: Report, *, today: date) -> Paper:
    """Everything the files show, as plain Vietnamese text and numbers."""
    with translation.override("vi"):
        head = letterhead(report.unit)
        return Paper(
            head=head,
            form_code=str(layout.FORM_CODE),
            title=layout.title(report),
            period=layout.period_line(report.period),
            range=layout.range_line(report.period),
            until=layout.until_line(report),
            reporting=layout.reporting_line(report.unit.name),
            receiving=layout.receiving_line(receiving_unit_name(report.unit)),
            unit_of_count=str(layout.UNIT_OF_COUNT),
            field_header=_resolved(layout.header(layout.FIELD_HEADING)),
            field_rows=layout.field_rows(report),
            unit_header=_resolved(layout.header(layout.UNIT_HEADING)),
            unit_rows=layout.unit_rows(report) if layout.shows_units(report) else [],
            by_unit_title=str(layout.BY_UNIT_TITLE),
            note=str(layout.NOTE),
            dated=dated_line(head.place, today),
            preparer=str(layout.PREPARER),
            preparer_hint=str(layout.PREPARER_HINT),
            signer=str(layout.SIGNER),
            signer_hint=str(layout.SIGNER_HINT),
        )


# --- xlsx ---------------------------------------------------------------------------------

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_LAST = layout.COLUMN_COUNT
_LEFT_END = 5  # the letterhead over columns A–E, the motto and the signature over H–N
_RIGHT_START = 8
_WIDTHS = (6, 40) + (12,) * (_LAST - 3) + (16,)


def _put(
    sheet: Worksheet,
    row: int,
    first: int,
    last: int,
    value: Any,
    *,
    horizontal: str = "center",
    **font: Any,
) -> None:
    if last > first:
        sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    cell = sheet.cell(row=row, column=first, value=value)
    cell.font = Font(name=FONT, size=font.pop("size", 13), **font)
    cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)


def _xlsx_table(
    sheet: Worksheet, top: int, header: list[list[HeaderCell]], rows: list[TableRow]
) -> int:
    """The grouped heading at row `top`, the column numbers, the rows; the next free row."""
    heading_font = Font(name=FONT, size=11, bold=True)
    centered = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for heading_row in header:
        for item in heading_row:
            row, column = top + item.row, item.column + 1
            last_row, last_column = row + item.rowspan - 1, column + item.colspan - 1
            if (last_row, last_column) != (row, column):
                sheet.merge_cells(
                    start_row=row, start_column=column, end_row=last_row, end_column=last_column
                )
            for r in range(row, last_row + 1):
                for c in range(column, last_column + 1):
                    sheet.cell(row=r, column=c).border = _BORDER
            cell = sheet.cell(row=row, column=column, value=item.text)
            cell.font, cell.alignment = heading_font, centered
    for offset, height in enumerate((30, 45, 45)):
        sheet.row_dimensions[top + offset].height = height
    numbers_row = top + layout.HEADER_ROWS
    for column, text in enumerate(layout.COLUMN_NUMBERS, start=1):
        cell = sheet.cell(row=numbers_row, column=column, value=text)
        cell.font = Font(name=FONT, size=10, italic=True)
        cell.alignment, cell.border = centered, _BORDER
    row = numbers_row + 1
    for line in rows:
        bold = line.kind != "item"
        values = [line.number, line.label, *line.values]
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=column, value=value)
            cell.font = Font(name=FONT, size=12, bold=bold)
            cell.border = _BORDER
            if column == 2:
                cell.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
            elif column == 1:
                cell.alignment = centered
            else:
                cell.alignment = Alignment(horizontal="right", vertical="center")
                cell.number_format = "#,##0"
        row += 1
    return row


def _xlsx_page(sheet: Worksheet, header_top: int) -> None:
    for column, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    header_end = header_top + layout.HEADER_ROWS
    sheet.print_title_rows = f"{header_top}:{header_end}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def ii06a_xlsx(report: Report, *, today: date) -> bytes:
    p = paper(report, today=today)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "II.06a"
    _put(sheet, 1, 1, _LEFT_END, p.head.parent, size=12)
    _put(sheet, 1, _RIGHT_START, _LAST, NATION, size=12, bold=True)
    _put(sheet, 2, 1, _LEFT_END, p.head.name, size=12, bold=True)
    _put(sheet, 2, _RIGHT_START, _LAST, MOTTO, bold=True, underline="single")
    _put(sheet, 3, 1, _LEFT_END, p.form_code, size=11, italic=True)
    _put(sheet, 5, 1, _LAST, p.title, size=14, bold=True)
    _put(sheet, 6, 1, _LAST, p.period, bold=True)
    _put(sheet, 7, 1, _LAST, f"{p.range} {p.until}".strip(), italic=True)
    _put(sheet, 8, 1, _LAST, p.reporting)
    _put(sheet, 9, 1, _LAST, p.receiving)
    _put(sheet, 10, _RIGHT_START + 3, _LAST, p.unit_of_count, size=12, italic=True)
    header_top = 11
    row = _xlsx_table(sheet, header_top, p.field_header, p.field_rows)
    _put(sheet, row, 1, _LAST, p.note, size=11, italic=True, horizontal="left")
    sheet.row_dimensions[row].height = 32
    row += 2
    _put(sheet, row, _RIGHT_START, _LAST, p.dated, italic=True)
    _put(sheet, row + 1, 1, _LEFT_END, p.preparer, bold=True)
    _put(sheet, row + 1, _RIGHT_START, _LAST, p.signer, bold=True)
    _put(sheet, row + 2, 1, _LEFT_END, p.preparer_hint, size=12, italic=True)
    _put(sheet, row + 2, _RIGHT_START, _LAST, p.signer_hint, size=12, italic=True)
    _xlsx_page(sheet, header_top)

    if p.unit_rows:
        units = workbook.create_sheet("Theo đơn vị")
        _put(units, 1, 1, _LAST, p.title, size=14, bold=True)
        _put(units, 2, 1, _LAST, p.by_unit_title, bold=True)
        _put(units, 3, 1, _LAST, f"{p.period} {p.range} {p.until}".strip(), italic=True)
        _put(units, 4, _RIGHT_START + 3, _LAST, p.unit_of_count, size=12, italic=True)
        _xlsx_table(units, 5, p.unit_header, p.unit_rows)
        _xlsx_page(units, 5)

    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- docx ---------------------------------------------------------------------------------

# Column widths (cm) on A4 landscape with 2.5 cm left and 1.5 cm right margins.
_DOCX_WIDTHS = (1.0, 5.0) + (1.5,) * (layout.COLUMN_COUNT - 3) + (2.0,)


def _text(target: Any, text: str, *, align: Any = WD_ALIGN_PARAGRAPH.CENTER, **run: Any) -> Any:
    """A centred paragraph unless told otherwise (`core.docx.paragraph`)."""
    return docx_paragraph(target, text, align=align, **run)


def _docx_table(document: Any, header: list[list[HeaderCell]], rows: list[TableRow]) -> Any:
    table = document.add_table(rows=layout.HEADER_ROWS + 1 + len(rows), cols=layout.COLUMN_COUNT)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, _DOCX_WIDTHS, strict=True):
            cell.width = Cm(width)
    for heading_row in header:
        for item in heading_row:
            cell = table.cell(item.row, item.column)
            if item.rowspan > 1 or item.colspan > 1:
                cell = cell.merge(
                    table.cell(item.row + item.rowspan - 1, item.column + item.colspan - 1)
                )
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            _text(cell, item.text, bold=True, size=11)
    numbers = table.rows[layout.HEADER_ROWS].cells
    for cell, text in zip(numbers, layout.COLUMN_NUMBERS, strict=True):
        _text(cell, text, italic=True, size=10)
    for line, row in zip(rows, table.rows[layout.HEADER_ROWS + 1 :], strict=True):
        bold = line.kind != "item"
        cells = row.cells
        _text(cells[0], line.number, bold=bold, size=11)
        _text(cells[1], line.label, bold=bold, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
        for cell, value in zip(cells[2:], line.values, strict=True):
            _text(cell, number(value), bold=bold, size=11, align=WD_ALIGN_PARAGRAPH.RIGHT)
    return table


def ii06a_docx(report: Report, *, today: date) -> bytes:
    p = paper(report, today=today)
    document = Document()
    docx_set_up(document, landscape=True, left_margin_cm=2.5, compact=True)

    heading = document.add_table(rows=1, cols=2)
    heading.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = heading.rows[0].cells
    if p.head.parent:
        _text(left, p.head.parent, size=12)
    _text(left, p.head.name, bold=True, size=12)
    _text(left, p.form_code, italic=True, size=11)
    _text(right, NATION, bold=True, size=12)
    _text(right, MOTTO, bold=True, underline=True)

    _text(document, "")
    _text(document, p.title, bold=True, size=14)
    _text(document, p.period, bold=True)
    _text(document, p.range, italic=True)
    if p.until:
        _text(document, p.until, italic=True, size=12)
    _text(document, p.reporting, align=WD_ALIGN_PARAGRAPH.LEFT)
    _text(document, p.receiving, align=WD_ALIGN_PARAGRAPH.LEFT)
    _text(document, p.unit_of_count, italic=True, size=12, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _docx_table(document, p.field_header, p.field_rows)
    _text(document, p.note, italic=True, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    if p.unit_rows:
        _text(document, "")
        _text(document, p.by_unit_title, bold=True)
        _docx_table(document, p.unit_header, p.unit_rows)

    _text(document, "")
    signatures = document.add_table(rows=1, cols=2)
    preparer, signer = signatures.rows[0].cells
    _text(preparer, "")
    _text(preparer, p.preparer, bold=True)
    _text(preparer, p.preparer_hint, italic=True, size=12)
    _text(signer, p.dated, italic=True)
    _text(signer, p.signer, bold=True)
    _text(signer, p.signer_hint, italic=True, size=12)

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


EXPORTS = {"xlsx": ii06a_xlsx, "docx": ii06a_docx}


def ii06a_file(report: Report, fmt: str, *, today: date) -> bytes:
    return EXPORTS[fmt](report, today=today)
