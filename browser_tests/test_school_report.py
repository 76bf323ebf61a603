"""A school principal fills and submits the quarterly report on a phone-sized screen: a sum
that does not add up is refused with a message naming the field and the rule, then the
corrected report is submitted and locked. SCREENSHOT_DIR=/tmp saves the pages."""

import os
import re

import pytest

from browser_tests.conftest import sign_in

pytestmark = pytest.mark.browser


def shot(page, name):
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


@pytest.fixture
def open_quarter(demo):
    """The demo school's quarterly period that is open and not yet started."""
    from motcua.core.clock import local, now
    from motcua.reporting.selectors import own_periods

    principal = demo["users"]["truong"]
    items = own_periods(principal, today=local(now()).date())
    return next(
        i.period
        for i in items
        if i.period.report_type.code == "bao-cao-quy-nq131" and i.report is None and not i.overdue
    )


def test_a_school_fills_and_submits_its_quarterly_report(page, live_server, open_quarter):
    base = live_server.url
    sign_in(page, base, "truong")

    page.get_by_role("link", name="Báo cáo", exact=True).click()
    page.wait_for_load_state()
    shot(page, "school-reports")
    row = page.get_by_role("row", name=re.compile(re.escape(open_quarter.label)))
    row.get_by_role("link", name=re.compile("Báo cáo quý")).click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Bắt đầu lập báo cáo").click()
    page.wait_for_load_state()

    fields = {
        "Số thủ tục hành chính đơn vị thực hiện": "8",
        "Số thủ tục được niêm yết, công khai đầy đủ": "8",
        "Tỷ lệ thủ tục được công khai": "100",
        "Tổng số hồ sơ tiếp nhận trong kỳ": "10",  # 7 + 5 = 12: refused
        "Trong đó: tiếp nhận trực tuyến": "7",
        "Trong đó: tiếp nhận trực tiếp": "5",
        "Số hồ sơ giải quyết trước hạn và đúng hạn": "12",
        "Số hồ sơ giải quyết quá hạn": "0",
        "Tỷ lệ hồ sơ, kết quả được số hóa": "87,5",
        "Số phản ánh, kiến nghị tiếp nhận": "1",
        "Số phản ánh, kiến nghị đã trả lời": "1",
        "Kết quả đạt được": "Niêm yết đủ 8 thủ tục; 100% hồ sơ cập nhật trạng thái.",
        "Tồn tại, hạn chế": "Hồ sơ trực tuyến còn ít.",
    }
    for label, value in fields.items():
        page.get_by_label(label).fill(value)
    page.get_by_label("Mức độ hoàn thành nhiệm vụ").select_option("Hoàn thành tốt")
    page.get_by_role("button", name="Nộp báo cáo").click()
    page.wait_for_load_state()

    alert = page.locator("#form-errors")
    assert "«Tổng số hồ sơ tiếp nhận trong kỳ» (hs_tiep_nhan) phải bằng" in alert.inner_text()
    assert "= 12, đang là 10" in alert.inner_text()
    shot(page, "school-report-error")

    page.get_by_label("Tổng số hồ sơ tiếp nhận trong kỳ").fill("12")
    page.get_by_role("button", name="Nộp báo cáo").click()
    page.wait_for_load_state()
    assert "Đã nộp báo cáo" in page.get_by_role("status").inner_text()
    assert page.get_by_text("Nộp đúng hạn").is_visible()
    assert page.get_by_role("button", name="Nộp báo cáo").count() == 0  # locked
    shot(page, "school-report-submitted")
