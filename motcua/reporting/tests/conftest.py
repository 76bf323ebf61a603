"""Reporting fixtures: a department with two schools in two categories, one person per side,
and a quarterly report type with every kind of field and rule."""

import io
import zipfile
from datetime import datetime

import pytest
from django.core.files.base import ContentFile
from rest_framework.test import APIClient

from motcua.accounts.models import Role
from motcua.core.clock import VIETNAM_TZ
from motcua.documents.tests.samples import pdf_bytes
from motcua.organization.services import unit_create
from motcua.reporting import services
from motcua.reporting.models import (
    Aggregate,
    DataField,
    DataTable,
    DossierMetric,
    OutlineSection,
    ReportingUnit,
    ReportType,
    UnitCategory,
)
from motcua.reporting.periods import DeadlineRule, Frequency


def vn(*args: int) -> datetime:
    return datetime(*args, tzinfo=VIETNAM_TZ)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def org(units, levels, make_staff):
    department = units["department"]
    school_a = units["school"]
    school_b = unit_create(name="Trường Tiểu học B", level=levels["school"], parent=department)
    thcs = UnitCategory.objects.create(code="thcs", name="THCS công lập", order=2)
    th = UnitCategory.objects.create(code="th", name="Tiểu học công lập", order=1)
    ReportingUnit.objects.create(unit=school_a, category=thcs)
    ReportingUnit.objects.create(unit=school_b, category=th)
    return {
        "department": department,
        "district": units["district"],
        "other": units["other"],
        "school_a": school_a,
        "school_b": school_b,
        "categories": [th, thcs],
        "principal_a": make_staff(Role.SCHOOL, "hieutruong_a", school_a),
        "principal_b": make_staff(Role.SCHOOL, "hieutruong_b", school_b),
        "head": make_staff(Role.HEAD, "truongphong", department),
        "specialist": make_staff(Role.SPECIALIST, "chuyenvien", department),
        "district_user": make_staff(Role.SPECIALIST, "vanphong", units["district"]),
    }


FIELDS = [
    # code, kind, extra
    ("a", "integer", {"label": "Tổng hồ sơ", "sum_of": "b + c", "min_value": 0}),
    ("b", "integer", {"label": "Hồ sơ trực tuyến", "min_value": 0}),
    ("c", "integer", {"label": "Hồ sơ trực tiếp", "min_value": 0}),
    ("rate", "percent", {"label": "Tỷ lệ số hóa", "aggregate": Aggregate.AVERAGE}),
    (
        "amount",
        "decimal",
        {"label": "Kinh phí", "min_value": 0, "max_value": 1000, "required": False},
    ),
    ("note", "text", {"label": "Ghi chú", "required": False, "aggregate": Aggregate.NONE}),
    (
        "grade",
        "choice",
        {
            "label": "Mức độ",
            "choices": ["Tốt", "Khá", "Trung bình"],
            "aggregate": Aggregate.NONE,
        },
    ),
    ("held_on", "date", {"label": "Ngày quán triệt", "required": False, "aggregate": "none"}),
    (
        "received",
        "integer",
        {"label": "Hồ sơ tiếp nhận tại Phòng", "dossier_metric": DossierMetric.RECEIVED},
    ),
]


@pytest.fixture
def make_type(org):
    def make(**overrides) -> ReportType:
        values = dict(
            code="quy",
            name="Báo cáo quý thực hiện Nghị quyết 131",
            receiver=org["department"],
            frequency=Frequency.QUARTERLY,
            deadline_rule=DeadlineRule.DAY_OF_LAST_MONTH,
            deadline_day=5,
            upward_receiver=org["district"],
            upward_deadline_rule=DeadlineRule.DAY_OF_LAST_MONTH,
            upward_deadline_day=10,
            remind_days_before=2,
        )
        values.update(overrides)
        report_type = ReportType(**values)
        report_type.full_clean()
        report_type.save()
        report_type.reporter_categories.set(org["categories"])
        table = DataTable.objects.create(report_type=report_type, title="Biểu 1", order=1)
        for order, (code, kind, extra) in enumerate(FIELDS):
            field = DataField(table=table, code=code, kind=kind, order=order, **extra)
            field.full_clean()
            field.save()
        OutlineSection.objects.create(
            report_type=report_type, code="ket_qua", title="Kết quả đạt được", order=1
        )
        OutlineSection.objects.create(
            report_type=report_type, code="de_xuat", title="Đề xuất", required=False, order=2
        )
        return report_type

    return make


@pytest.fixture
def quarterly(make_type):
    return make_type()


@pytest.fixture
def q3(quarterly):
    """Quarter III of 2026: data 15/6–14/9; the 5th of September is a Saturday, so the
    schools' deadline is Friday 4/9; the department's (10/9) is a Thursday."""
    periods = services.periods_generate(report_type_id=quarterly.pk, year=2026)
    return periods[2]


VALID = {"a": 12, "b": 7, "c": 5, "rate": "95,5", "grade": "Tốt"}
TEXTS = {"ket_qua": "Niêm yết đủ thủ tục.", "de_xuat": ""}


@pytest.fixture
def submit(org, q3):
    """Open, fill and submit a school's report at an instant."""

    def make(principal: str = "principal_a", at: datetime | None = None, values=None, texts=None):
        user = org[principal]
        at = at or vn(2026, 9, 2, 9, 0)
        report = services.report_open(period_id=q3.pk, actor=user, at=at)
        return services.report_submit(
            report_id=report.pk,
            actor=user,
            values=VALID if values is None else values,
            sections=TEXTS if texts is None else texts,
            at=at,
        )

    return make


def api_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def pdf(name: str = "bien-ban.pdf") -> ContentFile:
    return ContentFile(pdf_bytes(), name=name)


def office_file(kind: str = "docx", *, macro: bool = False) -> bytes:
    """A minimal Word or Excel package (what the content check looks at)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        main = "word/document.xml" if kind == "docx" else "xl/workbook.xml"
        package.writestr(main, "<document/>")
        if macro:
            package.writestr("word/vbaProject.bin", b"\x00macro")
    return out.getvalue()
