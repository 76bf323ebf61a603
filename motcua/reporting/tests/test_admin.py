"""The administrator defines report types in the admin; a broken definition is reported."""

import pytest

from motcua.reporting.models import DataField

pytestmark = pytest.mark.django_db


def test_admin_pages_open(admin_client, quarterly, q3):
    for url in (
        "/admin/reporting/reporttype/",
        "/admin/reporting/reporttype/add/",
        f"/admin/reporting/reporttype/{quarterly.pk}/change/",
        f"/admin/reporting/datatable/{quarterly.tables.get().pk}/change/",
        "/admin/reporting/unitcategory/add/",
        "/admin/reporting/reportperiod/",
        "/admin/reporting/report/",
        "/admin/reporting/plan/add/",
        "/admin/notifications/notification/",
    ):
        assert admin_client.get(url).status_code == 200, url


def test_generate_periods_action_reports_a_broken_definition(admin_client, quarterly):
    DataField.objects.filter(table__report_type=quarterly, code="a").update(sum_of="b + nope")
    response = admin_client.post(
        "/admin/reporting/reporttype/",
        {"action": "generate_periods", "_selected_action": [quarterly.pk]},
        follow=True,
    )
    assert "nope" in response.content.decode()
    assert not quarterly.periods.exists()
