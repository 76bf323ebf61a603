"""Consolidation (sums, averages, by category, texts per unit, dossier numbers), the docx
and xlsx exports read back, and the department's own report sent up to the district."""

import io

import pytest
from docx import Document
from openpyxl import load_workbook

from motcua.catalog.models import Field, Procedure
from motcua.core.exceptions import Conflict, InvalidInput, NotAllowed
from motcua.dossiers.models import Dossier
from motcua.notifications.models import Notification
from motcua.reporting import selectors, services
from motcua.reporting.exports import consolidated_docx, consolidated_xlsx
from motcua.reporting.tests.conftest import vn

pytestmark = pytest.mark.django_db

A = {"a": 12, "b": 7, "c": 5, "rate": "90", "grade": "Tốt", "amount": "100,5"}
B = {"a": 30, "b": 20, "c": 10, "rate": "80", "grade": "Khá"}


@pytest.fixture
def both(org, q3, submit):
    a = submit("principal_a", values=A, texts={"ket_qua": "Trường A: niêm yết đủ."})
    b = submit(
        "principal_b",
        at=vn(2026, 9, 8, 9),
        values=B,
        texts={"ket_qua": "Trường B: 100% hồ sơ đúng hạn.", "de_xuat": "Tập huấn số hóa."},
    )
    return a, b


def field(data: dict, code: str) -> dict:
    return next(f for f in data["fields"] if f["code"] == code)


def test_sums_and_averages_across_units_and_by_category(q3, both):
    data = selectors.consolidation(q3)
    assert field(data, "a")["value"] == "42"
    assert field(data, "b")["value"] == "27"
    assert field(data, "rate")["value"] == "85"  # average of 90 and 80
    assert field(data, "amount")["value"] == "100.5" and field(data, "amount")["count"] == 1
    assert field(data, "a")["by_category"] == {"th": "30", "thcs": "12"}
    assert field(data, "rate")["by_category"] == {"th": "80", "thcs": "90"}
    assert [c["code"] for c in data["categories"]] == ["th", "thcs"]
    assert data["units"]["submitted"] == 2 and data["units"]["late"] == 1
    sections = {s["code"]: s["entries"] for s in data["sections"]}
    assert sections["ket_qua"] == [
        {"unit": "Trường THCS A", "text": "Trường A: niêm yết đủ."},
        {"unit": "Trường Tiểu học B", "text": "Trường B: 100% hồ sơ đúng hạn."},
    ]
    assert sections["de_xuat"] == [{"unit": "Trường Tiểu học B", "text": "Tập huấn số hóa."}]
    per_unit = {u["unit"]: u for u in data["per_unit"]}
    assert per_unit["Trường THCS A"]["values"]["grade"] == "Tốt"


def test_a_returned_report_leaves_the_consolidation_until_resubmitted(org, q3, both):
    services.report_return(report_id=both[1].pk, actor=org["head"], reason="Sai biểu 1.")
    assert field(selectors.consolidation(q3), "a")["value"] == "12"
    services.report_submit(
        report_id=both[1].pk, actor=org["principal_b"], values={"a": 31, "c": 11}
    )
    assert field(selectors.consolidation(q3), "a")["value"] == "43"


def test_dossier_fields_are_prefilled_from_the_departments_dossiers(org, q3, both):
    procedure = Procedure.objects.create(
        code="1.000001.H29",
        name="Chuyển trường",
        field=Field.objects.create(code="gd", name="Giáo dục"),
        level=org["department"].level,
        handling_unit=org["department"],
    )
    common = dict(
        procedure=procedure,
        agency=org["department"],
        channel=1,
        applicant_name="Nguyễn Văn A",
        applicant_id_number="079090001234",
        request="Chuyển trường",
        submitted_at=vn(2026, 7, 1, 8),
    )
    inside = [vn(2026, 6, 15, 0, 0), vn(2026, 8, 1, 9), vn(2026, 9, 14, 23, 59)]
    for number, received in enumerate(inside):
        Dossier.objects.create(code=f"D-{number}", received_at=received, **common)
    Dossier.objects.create(code="D-before", received_at=vn(2026, 6, 14, 23, 59), **common)
    Dossier.objects.create(code="D-after", received_at=vn(2026, 9, 15, 0, 0), **common)
    other = org["other"]
    Dossier.objects.create(
        code="D-elsewhere", received_at=vn(2026, 8, 1, 9), **{**common, "agency": other}
    )
    data = selectors.consolidation(q3)
    received = field(data, "received")
    assert (received["source"], received["value"]) == ("dossiers", "3")


def test_docx_export_has_the_official_layout_and_the_numbers(org, q3, both):
    services.consolidated_save(
        period_id=q3.pk,
        actor=org["head"],
        document={"document_number": "88/BC-GDĐT", "signer_name": "Nguyễn Thị Hồng"},
    )
    data = selectors.consolidated_data(q3, org["head"])
    document = Document(io.BytesIO(consolidated_docx(data)))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    everything = text + "\n" + "\n".join(cells)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "BÁO CÁO",
        "Báo cáo quý thực hiện Nghị quyết 131",
        "Quý III năm 2026",
        "PHÒNG GD&ĐT",  # the reporting unit
        "UBND QUẬN 11",  # its parent
        "Kính gửi: UBND Quận 11",
        "Số: 88/BC-GDĐT",
        "Nguyễn Thị Hồng",
        "TRƯỞNG PHÒNG",
        "Trường B: 100% hồ sơ đúng hạn.",
    ):
        assert expected in everything, expected
    table = document.tables[1]
    rows = {row.cells[1].text: [c.text for c in row.cells] for row in table.rows}
    assert rows["Tổng hồ sơ"][3:] == ["42", "30", "12"]
    assert rows["Tỷ lệ số hóa"][3] == "85"
    assert rows["Kinh phí"][3] == "100,5"
    assert document.styles["Normal"].font.name == "Times New Roman"


def test_xlsx_export_reads_back(org, q3, both):
    data = selectors.consolidated_data(q3, org["head"])
    workbook = load_workbook(io.BytesIO(consolidated_xlsx(data)))
    summary = workbook["Tổng hợp"]
    rows = {r[1]: r for r in summary.iter_rows(min_row=5, values_only=True)}
    assert rows["a"][6] == 42 and rows["a"][7:] == (30, 12)
    assert rows["rate"][6] == 85
    assert rows["amount"][6] == 100.5
    per_unit = list(workbook["Theo đơn vị"].iter_rows(values_only=True))
    assert per_unit[1][0] == "Trường THCS A" and 12 in per_unit[1]
    texts = list(workbook["Nội dung"].iter_rows(values_only=True))
    assert ("Kết quả đạt được", "Trường THCS A", "Trường A: niêm yết đủ.") in texts
    board = dict(workbook["Tình hình nộp"].iter_rows(values_only=True))
    assert board["Đúng hạn"] == 1 and board["Trễ hạn"] == 1


def test_the_department_sends_its_report_up_once_and_the_data_is_frozen(org, q3, submit):
    submit("principal_a", values=A)
    head, specialist = org["head"], org["specialist"]
    with pytest.raises(NotAllowed):
        services.consolidated_submit(period_id=q3.pk, actor=specialist)
    with pytest.raises(NotAllowed):
        services.consolidated_submit(period_id=q3.pk, actor=org["principal_a"])
    with pytest.raises(InvalidInput) as caught:
        services.consolidated_submit(period_id=q3.pk, actor=head)
    assert "số văn bản" in caught.value.message
    assert "document_number" in caught.value.errors

    report = services.consolidated_submit(
        period_id=q3.pk,
        actor=head,
        document={"document_number": "88/BC-GDĐT", "signer_name": "Nguyễn Thị Hồng"},
        at=vn(2026, 9, 11, 9),  # the upward deadline was Thursday 10/9
    )
    assert report.status == "submitted" and report.late is True
    assert report.events.filter(action="submit-upward").count() == 1
    notice = Notification.objects.get(user=org["district_user"])
    assert notice.kind == "report-consolidated"

    # A school submitting afterwards does not change what was sent.
    submit("principal_b", at=vn(2026, 9, 12, 9), values=B)
    pulled = selectors.consolidated_data(q3, org["district_user"])
    assert pulled["status"] == "submitted" and pulled["late"] is True
    assert field(pulled, "a")["value"] == "12"
    assert field(selectors.consolidation(q3), "a")["value"] == "42"
    with pytest.raises(Conflict):
        services.consolidated_submit(period_id=q3.pk, actor=head)
    with pytest.raises(Conflict):
        services.consolidated_save(period_id=q3.pk, actor=head, document={"summary": "x"})


def test_on_time_upward_submission(org, q3, submit):
    submit("principal_a", values=A)
    report = services.consolidated_submit(
        period_id=q3.pk,
        actor=org["head"],
        document={"document_number": "1/BC", "signer_name": "A"},
        at=vn(2026, 9, 10, 16),
    )
    assert report.late is False
