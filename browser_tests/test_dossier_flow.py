"""One dossier from online submission to the returned result, on a phone-sized screen, each
role signing in through the login form. SCREENSHOT_DIR=/tmp saves the main pages."""

import os
import re

import pytest

from browser_tests.conftest import sign_in
from motcua.documents.tests.samples import pdf_bytes

pytestmark = pytest.mark.browser

TRANSFER = "2.002481"
PDF = pdf_bytes()  # a real one-page PDF: the upload checks parse what they receive


def shot(page, name):
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


def sign_out(page):
    page.get_by_role("button", name=re.compile("^Đăng xuất")).click()
    page.wait_for_load_state()


def act(page, form_name, button, **fields):
    form = page.get_by_role("form", name=form_name, exact=True)
    for label, value in fields.items():
        form.get_by_label(label).fill(value)
    form.get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state()


def open_from_queue(page, base, code):
    page.goto(base + "/ho-so/")
    page.get_by_role("link", name=code).click()
    page.wait_for_load_state()


def test_one_dossier_from_online_submission_to_returned_result(page, live_server, demo):
    from motcua.catalog.selectors import procedure_get

    base = live_server.url
    components = [c.name for c in procedure_get(code=TRANSFER).components.all()]

    # The citizen finds the procedure and submits online with one file per component.
    sign_in(page, base, "congdan")
    page.goto(f"{base}/thu-tuc/{TRANSFER}/")
    page.get_by_role("link", name="Nộp hồ sơ trực tuyến").click()
    page.wait_for_load_state()
    page.get_by_label("Nội dung yêu cầu").fill("Xin chuyển trường cho con từ Quận 5 về Quận 11.")
    page.get_by_label("Địa chỉ liên hệ").fill("12 Lạc Long Quân, Quận 11")
    for index, name in enumerate(components):
        page.get_by_label(name).set_input_files(
            {"name": f"tp{index}.pdf", "mimeType": "application/pdf", "buffer": PDF}
        )
    page.get_by_role("button", name="Nộp hồ sơ").click()
    page.wait_for_load_state()
    status = page.get_by_role("status")
    assert "Mã hồ sơ của bạn" in status.inner_text()
    code = page.locator("h1 .code").inner_text().strip()
    assert re.fullmatch(r"000\.00\.21\.H29-\d{6}-\d{4}", code)
    assert page.get_by_text("Mới đăng ký").first.is_visible()
    shot(page, "citizen-dossier")
    sign_out(page)

    # The officer receives it from the queue and hands it to the specialist.
    sign_in(page, base, "motcua")
    page.goto(base + "/ho-so/")
    shot(page, "staff-queue")
    page.get_by_role("link", name=code).click()
    page.wait_for_load_state()
    act(page, "Tiếp nhận", "Tiếp nhận hồ sơ")
    assert "Hẹn trả kết quả" in page.get_by_role("status").inner_text()
    act(page, "Chuyển bước xử lý", "Chuyển bước xử lý")
    shot(page, "officer-dossier")
    sign_out(page)

    # The specialist proposes to grant it; the head approves.
    sign_in(page, base, "chuyenvien")
    open_from_queue(page, base, code)
    form = page.get_by_role("form", name="Trình kết quả", exact=True)
    form.get_by_label("Đề nghị giải quyết", exact=True).check()
    act(page, "Trình kết quả", "Trình kết quả", **{"Nội dung đề xuất": "Đủ điều kiện."})
    sign_out(page)

    sign_in(page, base, "lanhdao")
    open_from_queue(page, base, code)
    act(page, "Phê duyệt", "Phê duyệt")
    assert page.get_by_text("Đã xử lý xong").first.is_visible()
    sign_out(page)

    # The officer returns the result at the desk.
    sign_in(page, base, "motcua")
    open_from_queue(page, base, code)
    page.get_by_role("form", name="Trả kết quả", exact=True).get_by_label(
        "Hình thức trả kết quả"
    ).select_option("desk")
    act(page, "Trả kết quả", "Trả kết quả")
    sign_out(page)

    # The citizen sees the result returned.
    sign_in(page, base, "congdan")
    page.get_by_role("link", name="Hồ sơ của tôi").click()
    page.get_by_role("link", name=code).click()
    page.wait_for_load_state()
    facts = page.get_by_role("region", name="Thông tin hồ sơ")
    assert "Đã trả kết quả" in facts.inner_text()
    shot(page, "citizen-dossier-done")
