"""The demo catalog: real published entries, nulls filled and marked, idempotent."""

import json
from datetime import time
from decimal import Decimal

import pytest

from motcua.catalog.demo import DATA_FILE, seed_demo_catalog
from motcua.catalog.models import (
    Field,
    Procedure,
    ProcedureComponent,
    ProcedureFee,
    ProcedureStatus,
    ProcessStep,
)

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Field, Procedure, ProcedureComponent, ProcedureFee, ProcessStep)
    } | {"officers": Procedure.assigned_officers.through.objects.count()}


def _by_name(procedures, start: str) -> Procedure:
    return next(p for p in procedures if p.name.startswith(start))


def test_seeding_twice_changes_nothing(department, specialist):
    first = seed_demo_catalog(handling_unit=department, specialists=[specialist])
    counts = _counts()
    second = seed_demo_catalog(handling_unit=department, specialists=[specialist])
    assert _counts() == counts
    assert [p.pk for p in second] == [p.pk for p in first]
    assert counts["Procedure"] >= 8


def test_seeded_procedures_are_published_complete_assigned_and_marked(
    demo_catalog, department, specialist
):
    for procedure in demo_catalog:
        procedure.refresh_from_db()
        assert procedure.status == ProcedureStatus.PUBLISHED
        assert procedure.is_complete, (procedure.code, procedure.missing_parts)
        assert procedure.handling_unit == department
        assert procedure.level == department.level
        assert list(procedure.assigned_officers.all()) == [specialist]
        assert procedure.is_demo_filled and "Điền để minh họa" in procedure.demo_notes
        assert procedure.sources
        hours = sum(procedure.process_steps.values_list("hours", flat=True))
        if procedure.time_limit_days:
            assert hours == procedure.time_limit_days * 8
        else:
            assert 0 < hours <= 8


def test_the_diploma_copy_is_same_day_with_a_15h_cutoff_no_fee_and_an_id_lookup(demo_catalog):
    copy = _by_name(demo_catalog, "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc")
    assert copy.time_limit_days == 0 and copy.cutoff_time == time(15, 0)
    assert not copy.fees.exists()
    components = list(copy.components.all())
    assert components[0].name.startswith("Đơn đề nghị") and components[0].form_template
    lookup = components[1]
    assert lookup.is_database and lookup.name == "Căn cước công dân"
    assert "66.7/2025/NQ-CP" in lookup.database_legal_basis
    assert "ủy quyền" in components[2].name


def test_the_correction_takes_five_days_and_results_in_a_decision(demo_catalog):
    correction = _by_name(demo_catalog, "Chỉnh sửa nội dung văn bằng, chứng chỉ")
    assert correction.time_limit_days == 5
    assert correction.result_name.startswith("Quyết định chỉnh sửa")
    assert correction.components.filter(source="database").exists()


def test_school_procedures_have_multi_step_processes(demo_catalog):
    names = ("Thành lập hoặc cho phép thành lập trường", "Giải thể trường")
    schools = [p for p in demo_catalog if p.name.startswith(names)]
    assert len(schools) >= 4
    for procedure in schools:
        roles = list(procedure.process_steps.values_list("role", flat=True))
        assert len(roles) >= 4 and {"officer", "specialist", "head"} <= set(roles)
    assert any(p.name.startswith("Chuyển trường") for p in demo_catalog)


def test_one_fee_has_an_online_discount_for_the_payment_demo(demo_catalog):
    fee = ProcedureFee.objects.get(online_amount__isnull=False)
    assert fee.online_amount < fee.amount
    assert fee.procedure.online_payment and fee.procedure.accepts_online
    assert "thanh toán" in fee.procedure.demo_notes


def test_published_values_are_kept(demo_catalog):
    entries = {e["ma_thu_tuc"]: e for e in json.loads(DATA_FILE.read_text(encoding="utf-8"))}
    establish = Procedure.objects.get(code="1.012964")
    entry = entries["1.012964"]
    assert establish.name == entry["ten_thu_tuc"]
    assert establish.time_limit_days == Decimal(entry["thoi_han_giai_quyet"]["ngay_lam_viec"])
    assert establish.time_limit_text == entry["thoi_han_giai_quyet"]["nguyen_van"]
    assert establish.legal_basis == "\n".join(entry["can_cu_phap_ly"])
    assert establish.steps == entry["trinh_tu_thuc_hien"]
    assert establish.sources == entry["nguon"]
    filled = establish.demo_notes.splitlines()[0]
    assert "thành phần hồ sơ" in filled and "thời hạn" not in filled


def test_demo_covers_the_procedures_domain_md_names(demo_catalog):
    names = [p.name for p in demo_catalog]
    for start in (
        "Cấp bản sao văn bằng",
        "Chỉnh sửa nội dung văn bằng",
        "Chuyển trường",
        "Thành lập",
        "Sáp nhập, chia, tách",
        "Giải thể",
    ):
        assert any(name.startswith(start) for name in names), start
    merge = next(p for p in demo_catalog if p.name.startswith("Sáp nhập"))
    assert merge.process_steps.count() >= 4
