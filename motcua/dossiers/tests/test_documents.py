"""The printed papers (BM.01–BM.06, the stop notice): what each shows, when it applies, who may
print it, and the tracking book's parameters."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from motcua.core.exceptions import Conflict, InvalidInput
from motcua.dossiers.documents import printing
from motcua.dossiers.documents.pdf import LocalFetcher
from motcua.dossiers.documents.printing import (
    BOOK_COLUMNS,
    dated_line,
    hand_overs,
    render_html,
    render_pdf,
    tracking_book,
)
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import (
    ActionInput,
    Applicant,
    Upload,
    dossier_act,
    dossier_register,
)
from motcua.dossiers.tests.conftest import DIPLOMA_COPY, pdf, vn

pytestmark = pytest.mark.django_db

BASE = "https://motcua.example.vn/"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def act(dossier, user, action, at, **data) -> Dossier:
    dossier_act(code=dossier.code, actor=user, action=action, data=ActionInput(**data), at=at)
    return Dossier.objects.select_related("procedure", "agency").get(pk=dossier.pk)


def is_pdf(content: bytes) -> bool:
    return content.startswith(b"%PDF-") and content.rstrip().endswith(b"%%EOF")


def web(client, user):
    client.force_login(user, backend=MODEL_BACKEND)
    return client


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def received(submit, users):
    """Submitted Monday 2/3/2026 07:00, received 08:00: due Thursday 5/3 08:00, line 1."""
    dossier = submit(at=vn(2026, 3, 2, 7, 0))
    return act(dossier, users["motcua"], "receive", vn(2026, 3, 2, 8, 0))


@pytest.fixture
def other_citizen(db):
    from motcua.accounts.services import citizen_register

    return citizen_register(
        full_name="Lê Văn C", citizen_id="001099001111", password="x-an-toan-99", phone="0988000111"
    )


# --- what each paper shows ------------------------------------------------------------


def test_dates_are_written_as_decree_30_writes_them():
    assert dated_line("Quận 11", date(2026, 3, 2)) == "Quận 11, ngày 02 tháng 3 năm 2026"
    assert dated_line("Quận 11", date(2026, 1, 15)) == "Quận 11, ngày 15 tháng 01 năm 2026"
    assert printing.format_instant(vn(2026, 3, 5, 8, 0)) == "08:00 ngày 05/03/2026"


def test_receipt_shows_code_applicant_appointment_book_line_and_qr(received):
    html = render_html("receipt", received, base_url=BASE)
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in html
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html and "Độc lập - Tự do - Hạnh phúc" in html
    assert "ỦY BAN NHÂN DÂN QUẬN 11" in html and "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO QUẬN 11" in html
    assert "Quận 11, ngày 02 tháng 3 năm 2026" in html
    assert received.code in html
    assert "Võ Minh Tuấn" in html and "079090001234" in html
    assert "Xin chuyển trường cho con" in html
    assert "08:00 ngày 02/03/2026" in html  # received at
    assert "08:00 ngày 05/03/2026" in html  # appointment
    assert "3 ngày làm việc" in html
    assert "Sổ theo dõi hồ sơ năm 2026" in html and "<strong>1</strong>" in html
    assert "270 Bình Thới" in html  # where to collect
    assert "Lê Thị Lan" in html  # the receiving officer
    assert 'src="data:image/svg+xml' in html
    assert f"{BASE}tra-cuu/?code={received.code}" in html
    for component in received.procedure.components.filter(source="upload", is_required=True):
        assert component.name in html


def test_desk_receipt_lists_paper_components_and_database_lookups(users):
    dossier = dossier_register(
        officer=users["motcua"],
        procedure_code=DIPLOMA_COPY,
        channel=1,
        applicant=Applicant(name="Trần Thị Bình", id_number="079190004321", phone="0909000111"),
        request="Cấp 02 bản sao bằng tốt nghiệp THCS năm 2010.",
        at=vn(2026, 3, 4, 9, 15),
    )
    lines = printing.received_components(dossier)
    components = dossier.procedure.components.all()
    required = [c for c in components if c.source == "upload" and c.is_required]
    lookups = [c for c in components if c.source == "database"]
    assert lookups, "the demo procedure replaces a paper by a database look-up"
    assert [line.name for line in lines if line.form == "Bản giấy"] == [c.name for c in required]
    looked_up = [line for line in lines if line.form.startswith("Khai thác từ")]
    assert [line.name for line in looked_up] == [c.name for c in lookups]
    html = render_html("receipt", dossier, base_url=BASE)
    assert "NGƯỜI NỘP HỒ SƠ" in html and "Trần Thị Bình" in html  # signs at the desk
    assert "Trong ngày làm việc" in html and "17:00 ngày 04/03/2026" in html


def test_receipt_shows_the_extended_appointment_after_an_apology(received, users):
    dossier = act(received, users["motcua"], "handover", vn(2026, 3, 2, 8, 30))
    dossier = act(
        dossier,
        users["chuyenvien"],
        "propose",
        vn(2026, 3, 2, 9, 0),
        proposal="grant",
        note="Đủ điều kiện.",
    )
    dossier = act(
        dossier,
        users["lanhdao"],
        "extend",
        vn(2026, 3, 3, 8, 0),
        note="Chờ trường nơi đi xác minh học bạ.",
        new_due_at=vn(2026, 3, 10, 9, 0),
    )
    assert "09:00 ngày 10/03/2026" in render_html("receipt", dossier, base_url=BASE)
    html = render_html("extension", dossier, base_url=BASE)
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in html
    assert "Chờ trường nơi đi xác minh học bạ." in html
    assert "08:00 ngày 05/03/2026" in html and "09:00 ngày 10/03/2026" in html
    assert "Nguyễn Thị Hồng" in html and "TRƯỞNG PHÒNG" in html
    assert is_pdf(render_pdf("extension", dossier, base_url=BASE))


def test_supplement_request_lists_items_reason_contact_and_officer(received, users):
    dossier = act(
        received,
        users["motcua"],
        "request-supplement",
        vn(2026, 3, 2, 9, 0),
        items=["Học bạ bản chính", "Giấy khai sinh"],
        note="Học bạ nộp là bản chụp.",
        contact="Lê Thị Lan, 02838655101",
    )
    html = render_html("supplement-request", dossier, base_url=BASE)
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in html
    assert "<li>Học bạ bản chính</li>" in html and "<li>Giấy khai sinh</li>" in html
    assert "Học bạ nộp là bản chụp." in html
    assert "Lê Thị Lan, 02838655101" in html
    assert "09:00 ngày 02/03/2026" in html
    assert is_pdf(render_pdf("supplement-request", dossier, base_url=BASE))


def test_refusal_lists_the_reasons_of_the_refuse_event(submit, users):
    dossier = act(
        submit(),
        users["motcua"],
        "refuse",
        vn(2026, 3, 2, 10, 0),
        reasons=["Không thuộc thẩm quyền của Phòng.", "Thiếu đơn đề nghị."],
    )
    html = render_html("refusal", dossier, base_url=BASE)
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in html
    assert "<li>Không thuộc thẩm quyền của Phòng.</li>" in html
    assert "<li>Thiếu đơn đề nghị.</li>" in html
    assert is_pdf(render_pdf("refusal", dossier, base_url=BASE))


def test_stop_notice_from_the_stop_event(received, users):
    dossier = act(
        received, users["motcua"], "stop", vn(2026, 3, 2, 15, 0), note="Công dân đề nghị dừng."
    )
    html = render_html("stop-notice", dossier, base_url=BASE)
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in html
    assert "Công dân đề nghị dừng." in html and "15:00 ngày 02/03/2026" in html
    assert is_pdf(render_pdf("stop-notice", dossier, base_url=BASE))


def test_stop_notice_after_withdrawal(submit, users):
    dossier = act(submit(), users["congdan"], "withdraw", vn(2026, 3, 2, 9, 0))
    html = render_html("stop-notice", dossier, base_url=BASE)
    assert "đề nghị rút hồ sơ" in html


def test_control_slip_has_one_row_per_hand_over_with_its_verdict(received, users):
    # Officer step due Mon 10:00; specialist's due Wed 08:30; head's due Mon 16:30.
    dossier = act(received, users["motcua"], "handover", vn(2026, 3, 2, 8, 30))
    dossier = act(
        dossier,
        users["chuyenvien"],
        "propose",
        vn(2026, 3, 2, 11, 0),
        proposal="grant",
        note="Đủ điều kiện.",
    )
    dossier = act(
        dossier, users["lanhdao"], "reject-proposal", vn(2026, 3, 3, 9, 0), note="Bổ sung ý kiến."
    )
    rows = hand_overs(dossier)
    assert [row.result for row in rows] == ["Đúng hạn", "Trước hạn", "Quá hạn"]
    assert [row.giver for row in rows] == ["Lê Thị Lan", "Trần Văn Minh", "Nguyễn Thị Hồng"]
    assert rows[0].receiver == "Trần Văn Minh"  # the specialist the procedure assigns
    assert rows[2].receiver == "Trần Văn Minh" and "Bổ sung ý kiến." in rows[2].note
    html = render_html("control-slip", dossier, base_url=BASE)
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in html
    assert html.count('<tr class="handover">') == 3
    for label in ("Đúng hạn", "Trước hạn", "Quá hạn"):
        assert f'<td class="result">{label}</td>' in html
    assert is_pdf(render_pdf("control-slip", dossier, base_url=BASE))


def test_receipt_renders_a_pdf(received):
    content = render_pdf("receipt", received, base_url=BASE)
    assert is_pdf(content)
    assert len(content) > 10_000  # text, fonts and the QR code, not an empty page


@pytest.mark.parametrize(
    "kind", ["receipt", "supplement-request", "refusal", "extension", "stop-notice", "control-slip"]
)
def test_a_paper_that_does_not_apply_is_a_conflict(submit, kind):
    with pytest.raises(Conflict) as exc:
        render_pdf(kind, submit(), base_url=BASE)
    assert exc.value.status == 409 and "Hồ sơ" in exc.value.message


def test_printing_reads_nothing_from_the_network(tmp_path):
    fetcher = LocalFetcher(printing.ASSETS_DIR)
    for url in ("https://example.org/font.woff", "http://127.0.0.1/x.css", "file:///etc/passwd"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert fetcher.fetch((printing.ASSETS_DIR / "print.css").as_uri()).read()
    html = '<img src="https://example.org/a.png"><link rel="stylesheet" href="http://x/y.css">'
    assert is_pdf(printing.html_to_pdf(html))


# --- the web pages and the API ---------------------------------------------------------


def test_staff_print_the_pdf_inline(client, received, users):
    response = web(client, users["motcua"]).get(f"/ho-so/{received.code}/in/receipt/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="{received.code}-receipt.pdf"'
    assert is_pdf(response.content)


def test_citizen_prints_own_receipt_but_not_the_internal_control_slip(client, received, users):
    client = web(client, users["congdan"])
    assert client.get(f"/ho-so/{received.code}/in/receipt/").status_code == 200
    response = client.get(f"/ho-so/{received.code}/in/control-slip/")
    assert response.status_code == 403
    assert (
        api(users["congdan"])
        .get(f"/api/v1/dossiers/{received.code}/documents/control-slip/")
        .status_code
        == 403
    )


def test_citizen_cannot_print_another_citizens_dossier(client, received, other_citizen):
    response = web(client, other_citizen).get(f"/ho-so/{received.code}/in/receipt/")
    assert response.status_code == 404
    response = api(other_citizen).get(f"/api/v1/dossiers/{received.code}/documents/receipt/")
    assert response.status_code == 404 and response.json()["type"] == "not_found"


def test_staff_of_another_unit_cannot_print_the_dossier(received, users):
    # The school's account sees its school only, not the department's dossiers.
    url = f"/api/v1/dossiers/{received.code}/documents/control-slip/"
    assert api(users["truong"]).get(url).status_code == 404


def test_refusal_of_a_dossier_never_refused_is_409(client, received, users):
    response = web(client, users["motcua"]).get(f"/ho-so/{received.code}/in/refusal/")
    assert response.status_code == 409
    assert "không bị từ chối" in response.content.decode()
    response = api(users["motcua"]).get(f"/api/v1/dossiers/{received.code}/documents/refusal/")
    assert response.status_code == 409 and response.json()["type"] == "conflict"


def test_api_answers_a_pdf_even_when_asked_for_json_errors(received, users):
    client = api(users["motcua"])
    url = f"/api/v1/dossiers/{received.code}/documents/receipt/"
    response = client.get(url, HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert is_pdf(response.content)
    response = client.get(url.replace("receipt", "no-such-form"), HTTP_ACCEPT="application/pdf")
    assert response.status_code == 404 and response["Content-Type"] == "application/json"


def test_login_is_required(client, received):
    response = client.get(f"/ho-so/{received.code}/in/receipt/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


# --- the tracking book (BM.06) ---------------------------------------------------------


@pytest.fixture
def book(submit, users, received):
    """Three dossiers received 2/3, 3/3 and 10/3/2026; the first one also returned."""
    second = act(submit(at=vn(2026, 3, 3, 7, 0)), users["motcua"], "receive", vn(2026, 3, 3, 8))
    third = act(submit(at=vn(2026, 3, 10, 7, 0)), users["motcua"], "receive", vn(2026, 3, 10, 8))
    return [received, second, third]


def test_tracking_book_lines_are_the_dossiers_received_in_the_range(book, demo):
    lines = printing.tracking_book_lines(demo["department"], date(2026, 3, 2), date(2026, 3, 3))
    assert [line.code for line in lines] == [book[0].code, book[1].code]
    assert [line.line for line in lines] == [1, 2]


def test_tracking_book_xlsx_has_the_header_and_one_row_per_dossier(book, demo):
    file = tracking_book(demo["department"], date(2026, 3, 1), date(2026, 3, 5), fmt="xlsx")
    sheet = load_workbook(file).active
    rows = list(sheet.iter_rows(values_only=True))
    header = next(i for i, row in enumerate(rows) if row[0] == BOOK_COLUMNS[0])
    assert rows[header] == BOOK_COLUMNS
    body = [row for row in rows[header + 1 :] if any(row)]
    assert [row[1] for row in body] == [book[0].code, book[1].code]
    assert body[0][2] == "Võ Minh Tuấn"
    assert body[0][4].strftime("%H:%M %d/%m/%Y") == "08:00 02/03/2026"  # Vietnam wall-clock
    assert sheet.cell(row=header + 1, column=1).font.name == "Times New Roman"
    assert sheet.cell(row=header + 1, column=1).font.bold
    assert sheet["E1"].value == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert sheet["E2"].value == "Độc lập - Tự do - Hạnh phúc"
    assert sheet["E2"].font.name == "Times New Roman" and sheet["E2"].font.underline
    assert sheet["A2"].value == "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO QUẬN 11"


def test_tracking_book_pdf_through_the_web_and_xlsx_through_the_api(client, book, demo, users):
    unit = demo["department"].pk
    response = web(client, users["motcua"]).get(
        "/ho-so/so-theo-doi/", {"unit": unit, "from": "01/03/2026", "to": "2026-03-31"}
    )
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/pdf" and is_pdf(response.getvalue())
    response = api(users["lanhdao"]).get(
        "/api/v1/reports/tracking-book/",
        {"unit": unit, "from": "2026-03-01", "to": "2026-03-31", "format": "xlsx"},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == printing.CONTENT_TYPES["xlsx"]
    assert response["Content-Disposition"].startswith("attachment;")
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    codes = {row[1] for row in sheet.iter_rows(values_only=True)}
    assert {d.code for d in book} <= codes


def test_tracking_book_form_without_parameters(client, users):
    response = web(client, users["motcua"]).get("/ho-so/so-theo-doi/")
    assert response.status_code == 200
    assert "Phòng Giáo dục và Đào tạo Quận 11" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "2026-03-01", "to": "2026-03-31"}, "unit"),
        ({"unit": "abc", "from": "2026-03-01", "to": "2026-03-31"}, "unit"),
        ({"unit": "{unit}", "from": "31/02/2026", "to": "2026-03-31"}, "from"),
        ({"unit": "{unit}", "from": "2026-03-01"}, "to"),
        ({"unit": "{unit}", "from": "2026-03-31", "to": "2026-03-01"}, "to"),
        ({"unit": "{unit}", "from": "2025-01-01", "to": "2026-03-01"}, "to"),
        ({"unit": "{unit}", "from": "2026-03-01", "to": "2026-03-31", "format": "csv"}, "format"),
    ],
)
def test_bad_tracking_book_parameters_are_400_naming_the_field(client, demo, users, params, field):
    params = {k: v.format(unit=demo["department"].pk) for k, v in params.items()}
    response = api(users["motcua"]).get("/api/v1/reports/tracking-book/", params)
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert field in response.json()["detail"]
    page = web(client, users["motcua"]).get("/ho-so/so-theo-doi/", params)
    assert page.status_code == 400
    assert f"<strong>{field}</strong>" in page.content.decode()


def test_tracking_book_of_a_unit_outside_ones_own_is_refused(client, demo, users):
    params = {"unit": demo["department"].pk, "from": "2026-03-01", "to": "2026-03-31"}
    response = api(users["truong"]).get("/api/v1/reports/tracking-book/", params)
    assert response.status_code == 400 and "unit" in response.json()["errors"]
    assert api(users["congdan"]).get("/api/v1/reports/tracking-book/", params).status_code == 403
    assert web(client, users["congdan"]).get("/ho-so/so-theo-doi/", params).status_code == 403


def test_tracking_book_rejects_ranges_directly():
    with pytest.raises(InvalidInput) as exc:
        printing.check_book_range(date(2026, 1, 1), date(2027, 1, 2))
    assert "to" in exc.value.errors
    printing.check_book_range(date(2026, 1, 1), date(2027, 1, 2), "xlsx")
    with pytest.raises(InvalidInput) as exc:
        printing.check_book_range(date(2021, 1, 1), date(2026, 1, 31), "xlsx")
    assert "to" in exc.value.errors


def test_xlsx_covers_years_where_the_pdf_stops_at_366_days(client, book, demo, users):
    params = {"unit": demo["department"].pk, "from": "2025-01-01", "to": "2026-03-31"}
    pdf_answer = api(users["motcua"]).get("/api/v1/reports/tracking-book/", params)
    assert pdf_answer.status_code == 400 and "to" in pdf_answer.json()["errors"]
    response = web(client, users["motcua"]).get("/ho-so/so-theo-doi/", {**params, "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="so-theo-doi-000.00.21.H29-20250101-20260331.xlsx"'
    )
    assert response["Cache-Control"] == "private, no-store"
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    codes = [row[1] for row in sheet.iter_rows(min_row=9, values_only=True)]
    assert codes == [d.code for d in book]
    too_long = {**params, "from": "2020-01-01", "format": "xlsx"}
    response = api(users["motcua"]).get("/api/v1/reports/tracking-book/", too_long)
    assert response.status_code == 400 and "to" in response.json()["errors"]


def test_xlsx_rows_say_what_the_pdf_lines_say(book, demo, users):
    """The streamed rows (values read in chunks) and the PDF's lines (model instances) agree."""
    dossier = act(book[0], users["motcua"], "handover", vn(2026, 3, 2, 8, 30))
    dossier = act(
        dossier,
        users["lanhdao"],
        "extend",
        vn(2026, 3, 3, 8, 0),
        note="Chờ trường nơi đi xác minh học bạ.",
        new_due_at=vn(2026, 3, 10, 9, 0),
    )
    assert dossier.extended_due_at is not None
    unit, start, end = demo["department"], date(2026, 3, 1), date(2026, 3, 31)
    lines = printing.tracking_book_lines(unit, start, end)
    rows = list(printing.tracking_book_rows(unit, start, end))
    assert len(rows) == len(lines) == 3
    for row, line in zip(rows, lines, strict=True):
        assert row[:4] == (line.line, line.code, line.applicant, line.procedure)
        assert row[4] == printing._naive_local(line.received_at)
        assert row[5] == printing._naive_local(line.appointment_at)
        assert row[8:] == (line.outcome, line.note)
    assert "Gia hạn đến" in rows[0][9]


def test_xlsx_reads_the_dossiers_in_one_query_whatever_their_number(
    book, demo, submit, users, django_assert_max_num_queries
):
    unit, start, end = demo["department"], date(2026, 3, 1), date(2026, 3, 31)
    with django_assert_max_num_queries(4) as few:
        tracking_book(unit, start, end, fmt="xlsx").close()
    for day in (11, 12, 13):
        act(submit(at=vn(2026, 3, day, 7)), users["motcua"], "receive", vn(2026, 3, day, 8))
    with django_assert_max_num_queries(len(few.captured_queries)):
        tracking_book(unit, start, end, fmt="xlsx").close()


def test_a_book_longer_than_a_sheet_goes_on_to_the_next(book, demo, monkeypatch):
    monkeypatch.setattr(printing, "XLSX_MAX_ROWS", 10)  # the heading's 8 rows and 2 dossiers
    file = tracking_book(demo["department"], date(2026, 3, 1), date(2026, 3, 31), fmt="xlsx")
    workbook = load_workbook(file)
    assert workbook.sheetnames == ["Sổ theo dõi hồ sơ", "Sổ theo dõi hồ sơ (2)"]
    first, second = (list(sheet.iter_rows(values_only=True)) for sheet in workbook)
    assert first[7] == second[7] == BOOK_COLUMNS
    assert [row[1] for row in first[8:]] == [book[0].code, book[1].code]
    assert [row[1] for row in second[8:]] == [book[2].code]
    assert second[5][0].endswith("(tiếp theo)")


def test_supplement_files_after_receipt_are_not_on_the_receipt(received, users):
    dossier = act(
        received,
        users["motcua"],
        "request-supplement",
        vn(2026, 3, 2, 9, 0),
        items=["Học bạ"],
        note="Thiếu học bạ.",
    )
    dossier = act(
        dossier,
        users["congdan"],
        "supplement",
        vn(2026, 3, 2, 10, 0),
        files=[Upload(component_id=None, file=pdf(), name="hoc-ba-bo-sung.pdf")],
    )
    html = render_html("receipt", dossier, base_url=BASE)
    assert "hoc-ba-bo-sung.pdf" not in html
