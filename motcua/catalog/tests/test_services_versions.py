"""Versions: a published procedure is read-only; a new version is an editable copy, and
publishing it retires the version it replaces."""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from motcua.accounts.models import Role
from motcua.catalog.models import Procedure, ProcedureStatus
from motcua.catalog.selectors import procedure_get
from motcua.catalog.services import (
    ProcessStepData,
    procedure_create,
    procedure_new_version,
    procedure_publish,
    procedure_retire,
    procedure_update,
)
from motcua.core.api.exception_handler import api_exception_handler
from motcua.core.clock import VIETNAM_TZ
from motcua.core.exceptions import Conflict, InvalidInput, NotFound

pytestmark = pytest.mark.django_db

JULY = datetime(2025, 7, 1, 8, 0, tzinfo=VIETNAM_TZ)


def test_a_published_procedure_cannot_be_edited(publish, make_data):
    procedure = publish()
    with pytest.raises(Conflict) as exc:
        procedure_update(procedure=procedure, data=make_data(name="Tên mới"))
    assert exc.value.status == 409
    assert "đã công bố" in exc.value.message
    assert api_exception_handler(exc.value, {}).status_code == 409
    procedure.refresh_from_db()
    assert procedure.name == "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc"


def test_a_new_version_is_an_editable_copy_with_every_part(publish, make_data, specialist):
    published = publish()
    draft = procedure_new_version(procedure=published)
    assert (draft.code, draft.version, draft.status) == (published.code, 2, ProcedureStatus.DRAFT)
    assert draft.valid_from is None
    assert [c.name for c in draft.components.all()] == ["Đơn đề nghị", "Căn cước công dân"]
    assert list(draft.fees.values_list("amount", "online_amount")) == [(10_000, 8_000)]
    assert list(draft.process_steps.values_list("hours", flat=True)) == [4, 32, 4]
    assert list(draft.assigned_officers.all()) == [specialist]

    updated = procedure_update(procedure=draft, data=make_data(name="Tên sửa đổi", fees=()))
    assert updated.name == "Tên sửa đổi" and not updated.fees.exists()
    published.refresh_from_db()
    assert published.name == "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc"
    assert published.fees.count() == 1


def test_publishing_a_new_version_retires_the_previous_one(make_data):
    first = procedure_publish(
        procedure=procedure_create(data=make_data()), at=JULY - timedelta(days=30)
    )
    second = procedure_publish(procedure=procedure_new_version(procedure=first), at=JULY)
    first.refresh_from_db()
    assert first.status == ProcedureStatus.RETIRED and first.valid_until == JULY
    assert second.status == ProcedureStatus.PUBLISHED
    assert second.valid_from == JULY and second.valid_until is None
    assert procedure_get(code=second.code).pk == second.pk
    assert Procedure.objects.filter(code=second.code, status=ProcedureStatus.PUBLISHED).count() == 1


def test_only_a_draft_can_be_published(publish):
    with pytest.raises(Conflict):
        procedure_publish(procedure=publish())


def test_one_draft_version_at_a_time(publish):
    published = publish()
    procedure_new_version(procedure=published)
    with pytest.raises(Conflict) as exc:
        procedure_new_version(procedure=published)
    assert "phiên bản 2" in exc.value.message


def test_the_database_allows_one_published_version_per_code(publish):
    published = publish()
    draft = procedure_new_version(procedure=published)
    with pytest.raises(IntegrityError), transaction.atomic():
        Procedure.objects.filter(pk=draft.pk).update(
            status=ProcedureStatus.PUBLISHED, valid_from=JULY
        )


def test_a_code_is_created_once(make_data):
    procedure_create(data=make_data())
    with pytest.raises(Conflict):
        procedure_create(data=make_data())


def test_process_hours_must_add_up_to_the_time_limit(make_data):
    steps = (
        ProcessStepData(name="Tiếp nhận", role=Role.OFFICER, hours=Decimal("4")),
        ProcessStepData(name="Xử lý", role=Role.SPECIALIST, hours=Decimal("30")),
    )
    with pytest.raises(InvalidInput) as exc:
        procedure_create(data=make_data(process_steps=steps))
    assert exc.value.errors == {
        "process_steps": [
            "Tổng thời gian các bước là 34 giờ, phải bằng thời hạn giải quyết × 8 = 40 giờ."
        ]
    }
    assert not Procedure.objects.exists()


def test_a_same_day_procedure_may_use_up_to_eight_hours(make_data):
    def steps(*hours):
        return tuple(
            ProcessStepData(name=f"Bước {i}", role=Role.SPECIALIST, hours=Decimal(h))
            for i, h in enumerate(hours)
        )

    zero = Decimal("0")
    procedure_create(data=make_data(time_limit_days=zero, process_steps=steps("1", "4", "2")))
    with pytest.raises(InvalidInput):
        procedure_create(
            data=make_data(code="1.000007", time_limit_days=zero, process_steps=steps("6", "3"))
        )


def test_a_procedure_without_a_time_limit_cannot_be_published(make_data):
    draft = procedure_create(data=make_data(time_limit_days=None, process_steps=()))
    with pytest.raises(InvalidInput):
        procedure_publish(procedure=draft)


def test_a_database_component_must_name_its_database(make_data):
    from motcua.catalog.services import ComponentData

    with pytest.raises(InvalidInput) as exc:
        procedure_create(
            data=make_data(components=(ComponentData(name="CCCD", source="database"),))
        )
    assert "components[0].non_field_errors" in exc.value.errors


def test_an_online_fee_cannot_exceed_the_fee(make_data):
    from motcua.catalog.services import FeeData

    with pytest.raises(InvalidInput):
        procedure_create(data=make_data(fees=(FeeData(name="Phí", amount=10, online_amount=20),)))


def test_retiring_without_successor_leaves_no_published_version(publish):
    procedure = procedure_retire(procedure=publish())
    assert procedure.status == ProcedureStatus.RETIRED and procedure.valid_until
    with pytest.raises(NotFound):
        procedure_get(code=procedure.code)


def test_search_text_follows_a_field_rename(publish, field, client):
    publish()
    field.name = "Hệ thống văn bằng"
    field.save()
    rows = client.get("/api/v1/procedures/", {"search": "he thong"}).json()["results"]
    assert len(rows) == 1
