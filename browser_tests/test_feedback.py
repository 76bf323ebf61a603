"""A visitor files a feedback item on a phone-sized screen, without an account, and gets a
tracking code that finds it again. SCREENSHOT_DIR=/tmp saves the pages."""

import os
import re

import pytest

pytestmark = pytest.mark.browser

TRANSFER = "2.002481"


def shot(page, name):
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


def test_a_visitor_files_a_feedback_and_gets_a_tracking_code(page, live_server, demo):
    base = live_server.url
    page.goto(base + "/phan-anh/")
    form = page.get_by_role("form", name="Gửi phản ánh, kiến nghị")
    form.get_by_label("Phản ánh về thủ tục hành chính").check()
    form.get_by_label("Thủ tục hành chính", exact=True).select_option(TRANSFER)
    form.get_by_label(re.compile(r"^Tiêu đề")).fill("Thời hạn chuyển trường")
    form.get_by_label(re.compile(r"^Nội dung")).fill("Hồ sơ chuyển trường bao lâu thì có kết quả?")
    form.get_by_label("Họ và tên").fill("Lê Văn Hùng")
    form.get_by_label("Số điện thoại").fill("0912 888 777")
    shot(page, "feedback-form")
    form.get_by_role("button", name="Gửi phản ánh, kiến nghị").click()
    page.wait_for_load_state()

    status = page.get_by_role("status").inner_text()
    assert "Mã theo dõi của bạn" in status
    code = page.locator("h2 .tracking-code").inner_text().strip()
    assert re.fullmatch(r"PA-[0-9A-Z]{5}-[0-9A-Z]{5}", code) and code in status
    assert page.get_by_text("Chờ tiếp nhận").first.is_visible()
    shot(page, "feedback-tracking")

    # Later, the code typed in lower case finds the same item.
    page.goto(base + "/phan-anh/tra-cuu/")
    page.get_by_role("textbox", name="Mã theo dõi").fill(code.lower())
    page.get_by_role("button", name="Tra cứu").click()
    page.wait_for_load_state()
    assert page.locator("h2 .tracking-code").inner_text().strip() == code
    assert page.get_by_text("Thời hạn chuyển trường").first.is_visible()
