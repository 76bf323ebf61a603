"""The consolidated report as files: docx in the official layout (Decree 30/2020/NĐ-CP:
the agency and national motto header, number and place/date line, title, recipient, body,
"Nơi nhận" and signature block; Times New Roman) and xlsx (summary, per unit, texts, board).

Both are built from the consolidation's JSON (`selectors.consolidated_data`), so the files,
the page and the API always show the same numbers.
"""

import io
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from motcua.core.docx import FONT
from motcua.core.docx import paragraph as docx_paragraph
from motcua.core.docx import set_up as docx_set_up
from motcua.reporting.models import Aggregate
from motcua.reporting.values import number_text

AGGREGATE_LABELS = dict(Aggregate.choices) | {Aggregate.NONE: ""}


def shown(value: str | None) -> str:
    """A JSON number string in Vietnamese notation ("1234.5" → "1.234,5"); "—" for none."""
    if value is None or value == "":
        return "—"
    try:
        return number_text(Decimal(value))
    except ArithmeticError:
        return str(value)


def _issue_date(data: dict[str, Any]) -> date:
    submitted = data.get("submitted_at")
    if submitted:
        return datetime.fromisoformat(submitted).date()
    from motcua.core.clock import local, now

    return local(now()).date()


def consolidated_docx(data: dict[str, Any]) -> bytes:
    document = Document()
    docx_set_up(document)
    center = WD_ALIGN_PARAGRAPH.CENTER
    doc_info = data.get("document") or {}
    unit = data["reporting_unit"]["name"]
    parent = data["reporting_unit"].get("parent") or ""
    issued = _issue_date(data)

    header = document.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = header.rows[0].cells
    if parent:
        docx_paragraph(left, parent.upper(), size=12, align=center)
    docx_paragraph(left, unit.upper(), bold=True, size=12, align=center)
    number = doc_info.get("number") or "      /BC"
    docx_paragraph(left, _("Số: %(number)s") % {"number": number}, size=13, align=center)
    docx_paragraph(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12, align=center)
    docx_paragraph(
        right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=13, align=center, underline=True
    )
    place = doc_info.get("place") or ""
    docx_paragraph(
        right,
        _("%(place)s, ngày %(d)s tháng %(m)s năm %(y)s")
        % {"place": place, "d": f"{issued.day:02d}", "m": f"{issued.month:02d}", "y": issued.year},
        italic=True,
        align=center,
    )

    period = data["period"]
    docx_paragraph(document, "")
    docx_paragraph(document, _("BÁO CÁO"), bold=True, size=14, align=center)
    docx_paragraph(document, period["report_type"], bold=True, align=center)
    docx_paragraph(document, period["label"], bold=True, align=center)
    docx_paragraph(
        document,
        _("(Số liệu tính từ ngày %(start)s đến ngày %(end)s)")
        % {
            "start": date.fromisoformat(period["starts_on"]).strftime("%d/%m/%Y"),
            "end": date.fromisoformat(period["ends_on"]).strftime("%d/%m/%Y"),
        },
        italic=True,
        align=center,
    )
    if data.get("receiver"):
        docx_paragraph(
            document,
            _("Kính gửi: %(name)s") % {"name": data["receiver"]["name"]},
            align=center,
        )
    docx_paragraph(document, "")
    units = data["units"]
    docx_paragraph(
        document,
        _(
            "%(unit)s tổng hợp báo cáo của %(submitted)s/%(expected)s đơn vị (đúng hạn: "
            "%(on_time)s, trễ hạn: %(late)s, chưa nộp: %(missing)s) như sau:"
        )
        % {"unit": unit, **units},
    )

    docx_paragraph(document, _("I. SỐ LIỆU TỔNG HỢP"), bold=True)
    categories = data.get("categories") or []
    table = document.add_table(rows=1, cols=4 + len(categories))
    table.style = "Table Grid"
    titles = [_("STT"), _("Chỉ tiêu"), _("Đơn vị tính"), _("Tổng hợp")] + [
        c["name"] for c in categories
    ]
    for cell, title in zip(table.rows[0].cells, titles, strict=True):
        docx_paragraph(cell, str(title), bold=True, size=11, align=center)
    for index, row in enumerate(data["fields"], start=1):
        if row["kind"] not in ("integer", "decimal", "percent"):
            continue
        cells = table.add_row().cells
        note = _(" (từ dữ liệu hồ sơ)") if row["source"] == "dossiers" else ""
        texts = [str(index), f"{row['label']}{note}", row["unit"], shown(row["value"])] + [
            shown(row["by_category"].get(c["code"])) for c in categories
        ]
        for cell, text in zip(cells, texts, strict=True):
            docx_paragraph(cell, text, size=11)

    if doc_info.get("summary"):
        docx_paragraph(document, "")
        docx_paragraph(document, _("II. ĐÁNH GIÁ CHUNG"), bold=True)
        for line in doc_info["summary"].splitlines():
            docx_paragraph(document, line)

    for number, section in enumerate(data.get("sections") or [], start=1):
        docx_paragraph(document, "")
        docx_paragraph(document, f"III.{number}. {section['title'].upper()}", bold=True)
        if not section["entries"]:
            docx_paragraph(document, _("(Chưa có đơn vị nào báo cáo nội dung này.)"), italic=True)
        for entry in section["entries"]:
            docx_paragraph(document, f"- {entry['unit']}:", bold=True)
            for line in entry["text"].splitlines():
                docx_paragraph(document, line)

    docx_paragraph(document, "")
    footer = document.add_table(rows=1, cols=2)
    recipients, signer = footer.rows[0].cells
    docx_paragraph(recipients, _("Nơi nhận:"), bold=True, italic=True, size=12)
    if data.get("receiver"):
        docx_paragraph(recipients, f"- {data['receiver']['name']};", size=11)
    docx_paragraph(recipients, _("- Lưu: VT."), size=11)
    docx_paragraph(signer, (doc_info.get("signer_title") or "").upper(), bold=True, align=center)
    docx_paragraph(signer, _("(Ký, ghi rõ họ tên, đóng dấu)"), italic=True, size=11, align=center)
    for _i in range(3):
        docx_paragraph(signer, "")
    docx_paragraph(signer, doc_info.get("signer_name") or "", bold=True, align=center)

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _xlsx_number(value: str | None) -> Any:
    if value is None:
        return None
    try:
        number = Decimal(value)
    except ArithmeticError:
        return value
    return int(number) if number == number.to_integral_value() else float(number)


def consolidated_xlsx(data: dict[str, Any]) -> bytes:
    workbook = Workbook()
    bold = Font(name=FONT, bold=True)
    plain = Font(name=FONT)
    period = data["period"]
    categories = data.get("categories") or []
    fields = data["fields"]

    summary = workbook.active
    summary.title = str(_("Tổng hợp"))
    summary.append([f"{period['report_type']} — {period['label']}"])
    summary.append([data["reporting_unit"]["name"]])
    summary.append([])
    summary.append(
        [
            _("STT"),
            _("Mã"),
            _("Chỉ tiêu"),
            _("Đơn vị tính"),
            _("Cách tổng hợp"),
            _("Nguồn"),
            _("Tổng hợp"),
        ]
        + [c["name"] for c in categories]
    )
    for index, row in enumerate(fields, start=1):
        if row["kind"] not in ("integer", "decimal", "percent"):
            continue
        source = _("Dữ liệu hồ sơ") if row["source"] == "dossiers" else _("Đơn vị báo cáo")
        summary.append(
            [
                index,
                row["code"],
                row["label"],
                row["unit"],
                str(AGGREGATE_LABELS.get(row["aggregate"], "")),
                str(source),
                _xlsx_number(row["value"]),
            ]
            + [_xlsx_number(row["by_category"].get(c["code"])) for c in categories]
        )

    per_unit = workbook.create_sheet(str(_("Theo đơn vị")))
    asked = [f for f in fields if f["source"] == "units"]
    per_unit.append(
        [_("Đơn vị"), _("Nhóm"), _("Nộp lúc"), _("Trễ hạn")] + [f["label"] for f in asked]
    )
    for unit in data.get("per_unit") or []:
        per_unit.append(
            [
                unit["unit"],
                unit["category"],
                unit["submitted_at"] or "",
                _("Có") if unit["late"] else _("Không"),
            ]
            + [
                _xlsx_number(unit["values"].get(f["code"]))
                if f["kind"] in ("integer", "decimal", "percent")
                else unit["values"].get(f["code"])
                for f in asked
            ]
        )

    texts = workbook.create_sheet(str(_("Nội dung")))
    texts.append([_("Mục"), _("Đơn vị"), _("Nội dung")])
    for section in data.get("sections") or []:
        for entry in section["entries"]:
            texts.append([section["title"], entry["unit"], entry["text"]])

    board = workbook.create_sheet(str(_("Tình hình nộp")))
    labels = {
        "expected": _("Số đơn vị phải báo cáo"),
        "submitted": _("Đã nộp"),
        "on_time": _("Đúng hạn"),
        "late": _("Trễ hạn"),
        "returned": _("Trả lại để chỉnh sửa"),
        "missing": _("Chưa nộp"),
    }
    for key, label in labels.items():
        board.append([str(label), data["units"].get(key, 0)])

    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                cell.font = plain
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        header_row = 4 if sheet is summary else 1
        for cell in sheet[header_row]:
            cell.font = bold
    summary["A1"].font = Font(name=FONT, bold=True, size=13)
    for letter, width in zip("ABCDEFG", (6, 18, 50, 12, 14, 16, 14), strict=True):
        summary.column_dimensions[letter].width = width
    per_unit.column_dimensions["A"].width = 36
    texts.column_dimensions["C"].width = 80
    board.column_dimensions["A"].width = 30
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
