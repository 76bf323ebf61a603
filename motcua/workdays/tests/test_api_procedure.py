"""The due-date API against a real published procedure of the catalog."""

from datetime import time
from decimal import Decimal

import pytest

from motcua.catalog.models import Field
from motcua.catalog.services import ProcedureData, procedure_create, procedure_publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def diploma_copy(units):
    field = Field.objects.create(code="van-bang", name="Văn bằng, chứng chỉ")
    draft = procedure_create(
        data=ProcedureData(
            code="1.005092",
            name="Cấp bản sao văn bằng, chứng chỉ từ sổ gốc",
            field=field,
            level=units["department"].level,
            handling_unit=units["department"],
            time_limit_days=Decimal("0"),
            cutoff_time=time(15),
        )
    )
    return procedure_publish(procedure=draft)


def test_diploma_copy_received_after_the_cutoff_on_friday_is_due_monday(client, diploma_copy):
    response = client.get(
        "/api/v1/calendar/due/", {"start": "2025-03-07T15:30:00+07:00", "procedure": "1.005092"}
    )
    assert response.status_code == 200, response.content
    assert response.json() == {"due": "2025-03-10T17:00:00+07:00"}


def test_diploma_copy_received_before_the_cutoff_is_due_the_same_day(client, diploma_copy):
    response = client.get(
        "/api/v1/calendar/due/", {"start": "2025-03-04T14:59:00+07:00", "procedure": "1.005092"}
    )
    assert response.json() == {"due": "2025-03-04T17:00:00+07:00"}


def test_an_unpublished_or_unknown_procedure_is_404(client, units):
    response = client.get(
        "/api/v1/calendar/due/", {"start": "2025-03-04T09:00:00+07:00", "procedure": "1.000001"}
    )
    assert response.status_code == 404
