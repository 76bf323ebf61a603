"""The head on a phone: the control room, a number's list, the 766 index and its drill-down,
the II.06a statistics downloaded as xlsx; anyone: the public index page."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from browser_tests.conftest import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def history(demo):
    """The demo and a few hundred dossiers over this year and the last, as `make demo` has."""
    call_command("generate_dossiers", "--count", "400", "--workers", "1", stdout=StringIO())
    return demo


def open_menu_item(page, name):
    page.get_by_text("Điều hành, thống kê", exact=True).click()
    page.get_by_role("link", name=name, exact=True).click()
    page.wait_for_load_state()


def test_head_follows_the_numbers_from_the_control_room(page, live_server, history, tmp_path):
    base = live_server.url
    sign_in(page, base, "lanhdao")

    open_menu_item(page, "Điều hành")
    assert page.get_by_role("heading", level=1).inner_text() == "Điều hành giải quyết hồ sơ"
    counts = page.locator(".control-counts li a")
    assert counts.count() >= 8  # seven dossier numbers and the feedback
    first = counts.first
    number = int(first.locator(".count").inner_text())
    first.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Hồ sơ:")
    if number:
        assert page.locator("table tbody tr").count() == min(number, 50)

    open_menu_item(page, "Chỉ số 766")
    heading = page.get_by_role("heading", level=1)
    assert "Quyết định 766" in heading.inner_text()
    assert re.search(r"Tổng điểm: \d+([.,]\d+)?/100", page.locator("main").inner_text())
    drill = page.get_by_role("link", name=re.compile("Xem các trường hợp mất điểm")).first
    drill.click()
    page.wait_for_load_state()
    assert page.locator("table tbody tr").count() >= 1

    open_menu_item(page, "Thống kê II.06a")
    page.get_by_role("button", name="Xem thống kê").click()
    page.wait_for_load_state()
    with page.expect_download() as caught:
        page.get_by_role("link", name="Tải bảng tính (xlsx)").click()
    path = tmp_path / "ii06a.xlsx"
    caught.value.save_as(path)
    sheet = load_workbook(path).active
    texts = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts


def test_anyone_reads_the_published_index(page, live_server, history):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Chỉ số phục vụ").click()
    page.wait_for_load_state()
    assert "Công khai chỉ số" in page.get_by_role("heading", level=1).inner_text()
    content = page.locator("main").inner_text()
    assert re.search(r"Tổng điểm: \d+([.,]\d+)?/100", content), content[:300]
    assert "Võ Minh Tuấn" not in content  # no applicant's name on the public page
