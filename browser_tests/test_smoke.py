"""A short smoke test on a phone-sized screen: find a procedure, read it, sign in."""

import pytest

pytestmark = pytest.mark.browser


def test_citizen_finds_a_procedure_without_diacritics(page, live_server, demo):
    page.goto(live_server.url + "/")
    page.get_by_role("searchbox").fill("cap ban sao")
    page.keyboard.press("Enter")
    link = page.get_by_role("link", name="Cấp bản sao văn bằng, chứng chỉ từ sổ gốc")
    link.first.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Cấp bản sao văn bằng")
    assert "15:00" in page.content()


def test_staff_signs_in_and_sees_the_calendar(page, live_server, demo):
    page.goto(live_server.url + "/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("chuyenvien")
    page.get_by_label("Mật khẩu").fill("motcua-demo")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    page.goto(live_server.url + "/lich/?year=2026")
    assert page.get_by_role("heading", level=1).is_visible()
    assert "Tết" in page.content() or "Lunar" in page.content()
