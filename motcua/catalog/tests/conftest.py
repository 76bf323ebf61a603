"""Catalog fixtures: a handling unit, a specialist, and a factory of complete drafts."""

from decimal import Decimal

import pytest

from motcua.accounts.models import Role
from motcua.catalog.demo import seed_demo_catalog
from motcua.catalog.models import Procedure
from motcua.catalog.services import (
    ComponentData,
    FeeData,
    ProcedureData,
    ProcessStepData,
    field_get_or_create,
    procedure_create,
    procedure_publish,
)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def department(units):
    return units["department"]


@pytest.fixture
def specialist(make_staff):
    return make_staff(role=Role.SPECIALIST, username="chuyenvien")


@pytest.fixture
def field(db):
    return field_get_or_create(code="van-bang-chung-chi", name="Văn bằng, chứng chỉ")


@pytest.fixture
def make_data(department, field, specialist):
    """A complete procedure's data; keyword arguments replace any attribute."""

    def make(**overrides) -> ProcedureData:
        values = dict(
            code="1.005092.000.00.00.H29",
            name="Cấp bản sao văn bằng, chứng chỉ từ sổ gốc",
            field=field,
            level=department.level,
            handling_unit=department,
            legal_basis="Thông tư số 21/2019/TT-BGDĐT",
            steps_text="Nộp hồ sơ\nĐối chiếu sổ gốc\nTrả bản sao",
            accepts_direct=True,
            accepts_postal=True,
            time_limit_days=Decimal("5"),
            time_limit_text="05 ngày làm việc",
            applicants="Người được cấp văn bằng, chứng chỉ",
            result_name="Bản sao văn bằng, chứng chỉ từ sổ gốc",
            components=(
                ComponentData(name="Đơn đề nghị", copies_original=1),
                ComponentData(
                    name="Căn cước công dân",
                    source="database",
                    database_name="CSDL quốc gia về dân cư",
                    database_agency="Bộ Công an",
                    database_legal_basis="Nghị quyết 66.7/2025/NQ-CP",
                ),
            ),
            fees=(FeeData(name="Phí cấp bản sao", amount=10_000, online_amount=8_000),),
            process_steps=(
                ProcessStepData(name="Tiếp nhận", role=Role.OFFICER, hours=Decimal("4")),
                ProcessStepData(
                    name="Xử lý", role=Role.SPECIALIST, hours=Decimal("32"), unit=department
                ),
                ProcessStepData(name="Ký", role=Role.HEAD, hours=Decimal("4")),
            ),
            assigned_officers=(specialist,),
            sources=("https://dichvucong.gov.vn/",),
        )
        values.update(overrides)
        return ProcedureData(**values)

    return make


@pytest.fixture
def publish(make_data):
    """Creates and publishes a procedure; keyword arguments go to `make_data`."""

    def make(**overrides) -> Procedure:
        return procedure_publish(procedure=procedure_create(data=make_data(**overrides)))

    return make


@pytest.fixture
def demo_catalog(department, specialist):
    return seed_demo_catalog(handling_unit=department, specialists=[specialist])
