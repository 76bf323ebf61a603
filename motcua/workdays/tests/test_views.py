"""The staff calendar page and the admin of the calendar."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from motcua.accounts.models import Role, User
from motcua.core import clock
from motcua.workdays.models import CalendarOverride, OverrideKind
from motcua.workdays.services import calendar_override_set

pytestmark = pytest.mark.django_db
URL = reverse("workdays:calendar")


@pytest.fixture
def staff_client(client, make_staff):
    client.force_login(make_staff(role=Role.OFFICER, username="motcua"))
    return client


def test_calendar_page_needs_a_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_calendar_page_is_refused_to_citizens(client):
    citizen = User.objects.create_user(username="dan", password="x", role=Role.CITIZEN)
    client.force_login(citizen)
    assert client.get(URL).status_code == 403


def test_calendar_page_lists_holidays_swaps_and_overrides_with_text_labels(staff_client):
    calendar_override_set(day=date(2024, 6, 3), kind=OverrideKind.DAY_OFF, reason="Nghỉ bão")
    response = staff_client.get(URL, {"year": "2024"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lịch làm việc năm 2024" in html
    assert "Tết Nguyên Đán" in html
    assert "Làm bù cho ngày nghỉ 29/04/2024" in html
    assert "Nghỉ bão" in html
    assert "Nghỉ theo quyết định địa phương" in html
    assert "?year=2023" in html and "?year=2025" in html
    assert html.count('<table class="month">') == 12
    assert "07:30–11:30" in html


def test_calendar_page_defaults_to_the_current_year(staff_client, monkeypatch):
    fixed = datetime(2026, 12, 31, 20, 0, tzinfo=ZoneInfo("UTC"))  # 1 Jan 2027 in Vietnam
    monkeypatch.setattr(clock, "now", lambda: fixed)
    response = staff_client.get(URL)
    assert response.context["year"] == 2027


def test_calendar_page_falls_back_on_an_invalid_year(staff_client):
    response = staff_client.get(URL, {"year": "abc"})
    assert response.status_code == 200
    assert "không hợp lệ" in response.content.decode()


def test_admin_adds_an_override_through_the_service(admin_client):
    add_url = reverse("admin:workdays_calendaroverride_add")
    page = admin_client.get(add_url)
    assert "ngày nghỉ, làm việc điều chỉnh" in page.content.decode().lower()
    response = admin_client.post(
        add_url, {"day": "2025-03-04", "kind": "day_off", "reason": "  Nghỉ bão  "}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    override = CalendarOverride.objects.get()
    assert override.day == date(2025, 3, 4) and override.reason == "Nghỉ bão"


def test_admin_lists_office_hours_in_vietnamese(admin_client):
    response = admin_client.get(reverse("admin:workdays_officehours_changelist"))
    assert response.status_code == 200
    assert "Thứ Hai" in response.content.decode()
