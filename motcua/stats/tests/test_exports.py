"""Form II.06a as xlsx and docx in the official layout: opened with openpyxl and python-docx and
read back (texts, numbers, merged headings, Times New Roman, landscape)."""

import io
from datetime import date

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from openpyxl import load_workbook

from motcua.stats import layout
from motcua.stats.exports import ii06a_docx, ii06a_xlsx, number
from motcua.stats.selectors import ii06a
from motcua.stats.tests.conftest import AFTER, QUARTER, vn
from motcua.stats.tests.test_selectors import EXPECTED_DIPLOMAS, EXPECTED_SECONDARY, EXPECTED_TOTAL

pytestmark = pytest.mark.django_db

TODAY = date(2026, 4, 6)
FONT = "Times New Roman"


@pytest.fixture
def report(quarter_data, units):
    return ii06a(units["department"], QUARTER, at=AFTER)


def rows_of(sheet) -> list[tuple]:  # type: ignore[no-untyped-def]
    return list(sheet.iter_rows(values_only=True))


def test_xlsx_has_the_official_heading_table_and_signature(report):
    book = load_workbook(io.BytesIO(ii06a_xlsx(report, today=TODAY)))
    sheet = book["II.06a"]
    assert sheet["A1"].value == "UBND QUẬN 11"
    assert sheet["A2"].value == "PHÒNG GD&ĐT" and sheet["A2"].font.bold
    assert sheet["H1"].value == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert sheet["H2"].value == "Độc lập - Tự do - Hạnh phúc" and sheet["H2"].font.underline
    assert sheet["A5"].value == "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI PHÒNG GD&ĐT"
    assert sheet["A6"].value == "Kỳ báo cáo: Quý 1 năm 2026"
    assert sheet["A7"].value == "(Từ ngày 01/01/2026 đến ngày 31/03/2026)"
    assert sheet["A8"].value == "Đơn vị báo cáo: Phòng GD&ĐT"
    assert sheet["A9"].value == "Đơn vị nhận báo cáo: UBND Quận 11"

    rows = rows_of(sheet)
    top = next(i for i, row in enumerate(rows) if row[0] == "STT")
    assert rows[top][1] == "Lĩnh vực giải quyết"
    assert rows[top][2] == "Số hồ sơ nhận giải quyết" and rows[top][6] == "Kết quả giải quyết"
    assert rows[top + 1][3] == "Số mới tiếp nhận trong kỳ"
    assert rows[top + 1][5] == "Từ kỳ trước chuyển qua"
    assert rows[top + 2][3:5] == ("Trực tuyến", "Trực tiếp, dịch vụ bưu chính")
    assert rows[top + 2][6:13] == (
        "Tổng số", "Trước hạn", "Đúng hạn", "Quá hạn", "Tổng số", "Trong hạn", "Quá hạn",
    )  # fmt: skip
    assert rows[top + 3] == tuple(f"({n})" for n in range(1, 15))
    assert "C11:F11" in {str(r) for r in sheet.merged_cells.ranges}  # "nhận giải quyết" over 4
    body = rows[top + 4 : top + 7]
    assert body[0] == ("1", "Giáo dục trung học", *EXPECTED_SECONDARY.values())
    assert body[1] == ("2", "Văn bằng, chứng chỉ", *EXPECTED_DIPLOMAS.values())
    assert body[2] == (None, "Tổng số", *EXPECTED_TOTAL.values())
    assert rows[top + 7][0].startswith("Cột (14)")

    texts = [cell for row in rows for cell in row if isinstance(cell, str)]
    assert "Quận 11, ngày 06 tháng 4 năm 2026" in texts
    assert "THỦ TRƯỞNG ĐƠN VỊ" in texts and "NGƯỜI LẬP BIỂU" in texts
    fonts = {cell.font.name for row in sheet.iter_rows() for cell in row if cell.value is not None}
    assert fonts == {FONT}
    total_row = sheet[top + 7]  # 1-based: the total is the third body row
    assert total_row[1].value == "Tổng số" and total_row[1].font.bold
    assert sheet.page_setup.orientation == "landscape"


def test_xlsx_has_a_sheet_by_unit_when_the_unit_has_sub_units(report, units):
    book = load_workbook(io.BytesIO(ii06a_xlsx(report, today=TODAY)))
    rows = rows_of(book["Theo đơn vị"])
    top = next(i for i, row in enumerate(rows) if row[0] == "STT")
    assert rows[top][1] == "Đơn vị, lĩnh vực giải quyết"
    assert [row[:3] for row in rows[top + 4 :]] == [
        ("I", "Phòng GD&ĐT", 12),
        ("1", "Giáo dục trung học", 12),
        ("II", "Trường THCS A", 1),
        ("1", "Văn bằng, chứng chỉ", 1),
        (None, "Tổng số", 13),
    ]
    single = ii06a(units["school"], QUARTER, at=AFTER)
    assert load_workbook(io.BytesIO(ii06a_xlsx(single, today=TODAY))).sheetnames == ["II.06a"]


def test_docx_has_the_official_layout_in_times_new_roman(report):
    document = Document(io.BytesIO(ii06a_docx(report, today=TODAY)))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height
    assert document.styles["Normal"].font.name == FONT
    heading, table, by_unit, signatures = document.tables
    left, right = (cell.text for cell in heading.rows[0].cells)
    assert "UBND QUẬN 11" in left and "PHÒNG GD&ĐT" in left and "II.06a/VPCP/KSTT" in left
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right and "Độc lập - Tự do - Hạnh phúc" in right
    text = "\n".join(p.text for p in document.paragraphs)
    assert "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI PHÒNG GD&ĐT" in text
    assert "Kỳ báo cáo: Quý 1 năm 2026" in text
    assert "(Từ ngày 01/01/2026 đến ngày 31/03/2026)" in text
    assert "Đơn vị báo cáo: Phòng GD&ĐT" in text and "Đơn vị nhận báo cáo: UBND Quận 11" in text
    assert "Đơn vị tính: Số hồ sơ TTHC." in text

    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert cells[0][0] == "STT" and cells[0][2] == "Số hồ sơ nhận giải quyết"
    assert cells[0][5] == "Số hồ sơ nhận giải quyết"  # merged over four columns
    assert cells[2][3] == "Trực tuyến" and cells[2][12] == "Quá hạn"
    assert cells[3] == [f"({n})" for n in range(1, 15)]
    assert cells[4] == ["1", "Giáo dục trung học", *map(number, EXPECTED_SECONDARY.values())]
    assert cells[-1] == ["", "Tổng số", *map(number, EXPECTED_TOTAL.values())]
    assert [row.cells[1].text for row in by_unit.rows[4:]] == [
        "Phòng GD&ĐT", "Giáo dục trung học", "Trường THCS A", "Văn bằng, chứng chỉ", "Tổng số",
    ]  # fmt: skip
    signature = " ".join(cell.text for cell in signatures.rows[0].cells)
    assert "Quận 11, ngày 06 tháng 4 năm 2026" in signature and "THỦ TRƯỞNG ĐƠN VỊ" in signature
    fonts = {
        run.font.name
        for t in document.tables
        for row in t.rows
        for cell in row.cells
        for p in cell.paragraphs
        for run in p.runs
    } | {run.font.name for p in document.paragraphs for run in p.runs}
    assert fonts == {FONT}


def test_a_period_not_over_says_up_to_when(quarter_data, units):
    report = ii06a(units["department"], QUARTER, at=vn(2026, 3, 3, 12))
    sheet = load_workbook(io.BytesIO(ii06a_xlsx(report, today=TODAY)))["II.06a"]
    assert "Số liệu tính đến 12:00 ngày 03/03/2026" in sheet["A7"].value
    text = "\n".join(
        p.text for p in Document(io.BytesIO(ii06a_docx(report, today=TODAY))).paragraphs
    )
    assert "Số liệu tính đến 12:00 ngày 03/03/2026" in text


def test_big_numbers_are_grouped_the_vietnamese_way():
    assert number(1234567) == "1.234.567" and number(0) == "0"
    assert layout.roman(14) == "XIV"
