"""The public calendar API: due dates and a year's special days, and every invalid input."""

from datetime import date, time
from decimal import Decimal
from types import SimpleNamespace

import pytest

from motcua.catalog import selectors as catalog_selectors
from motcua.core.exceptions import NotFound
from motcua.workdays.models import OverrideKind
from motcua.workdays.services import calendar_override_set

pytestmark = pytest.mark.django_db
DUE_URL = "/api/v1/calendar/due/"


def due(client, **params):
    return client.get(DUE_URL, params)


def assert_invalid(response, field: str, words: str) -> None:
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["type"] == "invalid"
    assert field in body["errors"]
    assert words in body["detail"]
    assert body["errors"][field][0] == body["detail"]


def test_due_adds_working_days_over_lunar_new_year(client):
    response = due(client, start="2024-02-07T16:00:00+07:00", working_days="1")
    assert response.status_code == 200
    assert response.json() == {"due": "2024-02-15T16:00:00+07:00"}


def test_due_is_public_and_answers_in_vietnam_time(client):
    response = due(client, start="2025-03-03T02:00:00Z", working_days="0.5")  # 09:00 in Vietnam
    assert response.status_code == 200
    assert response.json()["due"] == "2025-03-03T14:30:00+07:00"


def test_due_accepts_an_unescaped_plus_in_the_offset(client):
    response = client.get(f"{DUE_URL}?start=2024-02-07T16:00:00+07:00&working_days=1")
    assert response.status_code == 200
    assert response.json()["due"] == "2024-02-15T16:00:00+07:00"


def test_due_uses_the_database_overrides(client):
    calendar_override_set(day=date(2025, 3, 4), kind=OverrideKind.DAY_OFF, reason="Bão")
    response = due(client, start="2025-03-03T09:00:00+07:00", working_days="2")
    assert response.json()["due"] == "2025-03-06T09:00:00+07:00"


def test_due_for_a_procedure_applies_its_limit_and_cutoff(client, monkeypatch):
    diploma_copy = SimpleNamespace(time_limit_days=Decimal("0"), cutoff_time=time(15))
    seen = {}

    def fake_procedure_get(*, code):
        seen["code"] = code
        return diploma_copy

    monkeypatch.setattr(catalog_selectors, "procedure_get", fake_procedure_get)
    before = due(client, start="2025-03-04T14:59:00+07:00", procedure="1.000123")
    after = due(client, start="2025-03-04T15:01:00+07:00", procedure="1.000123")
    friday = due(client, start="2025-03-07T15:30:00+07:00", procedure="1.000123")
    assert seen["code"] == "1.000123"
    assert before.json()["due"] == "2025-03-04T17:00:00+07:00"
    assert after.json()["due"] == "2025-03-05T17:00:00+07:00"
    assert friday.json()["due"] == "2025-03-10T17:00:00+07:00"


def test_due_for_an_unknown_procedure_is_404(client, monkeypatch):
    def missing(*, code):
        raise NotFound("Không tìm thấy thủ tục.")

    monkeypatch.setattr(catalog_selectors, "procedure_get", missing)
    response = due(client, start="2025-03-04T09:00:00+07:00", procedure="9.999999")
    assert response.status_code == 404
    assert response.json()["type"] == "not_found"


def test_due_for_a_procedure_without_a_limit_is_422(client, monkeypatch):
    undefined = SimpleNamespace(time_limit_days=None, cutoff_time=None)
    monkeypatch.setattr(catalog_selectors, "procedure_get", lambda *, code: undefined)
    response = due(client, start="2025-03-04T09:00:00+07:00", procedure="1.000123")
    assert response.status_code == 422
    assert "procedure" in response.json()["errors"]


def test_due_without_start_is_refused(client):
    assert_invalid(due(client, working_days="1"), "start", "Thiếu thời điểm bắt đầu")


def test_due_with_an_empty_start_is_refused(client):
    assert_invalid(due(client, start="", working_days="1"), "start", "Thiếu thời điểm bắt đầu")


def test_due_with_a_start_without_offset_is_refused(client):
    response = due(client, start="2025-03-04T09:00:00", working_days="1")
    assert_invalid(response, "start", "múi giờ")


def test_due_with_an_unparsable_start_is_refused(client):
    assert_invalid(due(client, start="hôm qua", working_days="1"), "start", "ISO 8601")


def test_due_with_a_start_in_an_absurd_year_is_refused(client):
    response = due(client, start="9999-12-31T23:00:00-05:00", working_days="1")
    assert_invalid(response, "start", "1990")


def test_due_with_negative_working_days_is_refused(client):
    response = due(client, start="2025-03-04T09:00:00+07:00", working_days="-1")
    assert_invalid(response, "working_days", "không được âm")


def test_due_with_absurd_working_days_is_refused(client):
    response = due(client, start="2025-03-04T09:00:00+07:00", working_days="3651")
    assert_invalid(response, "working_days", "3650")


@pytest.mark.parametrize("value", ["abc", "NaN", "Infinity", "1" * 30])
def test_due_with_non_numeric_working_days_is_refused(client, value):
    response = due(client, start="2025-03-04T09:00:00+07:00", working_days=value)
    assert_invalid(response, "working_days", "phải là một số")


def test_due_with_an_empty_working_days_counts_as_missing(client):
    response = due(client, start="2025-03-04T09:00:00+07:00", working_days="")
    assert_invalid(response, "working_days", "Cần số ngày làm việc")


def test_due_with_both_working_days_and_procedure_is_refused(client):
    response = due(
        client, start="2025-03-04T09:00:00+07:00", working_days="1", procedure="1.000123"
    )
    assert_invalid(response, "working_days", "Chỉ dùng một trong hai")


def test_due_with_neither_working_days_nor_procedure_is_refused(client):
    response = due(client, start="2025-03-04T09:00:00+07:00")
    assert_invalid(response, "working_days", "mã thủ tục")


def test_year_lists_holidays_swaps_and_overrides_but_not_ordinary_days(client):
    calendar_override_set(day=date(2024, 3, 4), kind="day_off", reason="Bão")
    response = client.get("/api/v1/calendar/2024/")
    assert response.status_code == 200
    body = response.json()
    assert body["year"] == 2024
    by_date = {day["date"]: day for day in body["days"]}
    assert by_date["2024-02-10"]["kind"] == "public_holiday"
    assert by_date["2024-02-10"]["name"] == "Tết Nguyên Đán"
    assert by_date["2024-05-04"] == {
        "date": "2024-05-04",
        "weekday": 5,
        "kind": "swapped_working",
        "kind_label": "Làm việc bù",
        "is_working": True,
        "name": "Làm bù cho ngày nghỉ 29/04/2024",
    }
    assert by_date["2024-03-04"]["kind"] == "override_day_off"
    assert "2024-06-10" not in by_date  # an ordinary Monday
    assert "2024-06-08" not in by_date  # an ordinary Saturday
    assert body["working_days"] == 250  # 251 by the national calendar, minus the override


def test_year_out_of_range_is_refused(client):
    response = client.get("/api/v1/calendar/1800/")
    assert_invalid(response, "year", "Năm phải trong khoảng")
