"""The implementation plan: the appendix imported from xlsx, progress by the lead unit,
overdue tasks, the overview per unit."""

import io
from datetime import date

import pytest
from django.core.files.base import ContentFile
from openpyxl import Workbook

from motcua.core.exceptions import Conflict, InvalidInput, NotAllowed, NotFound
from motcua.organization.services import unit_create
from motcua.reporting import selectors, services
from motcua.reporting.models import PlanTask
from motcua.reporting.plan_import import time_range
from motcua.reporting.plan_sample import TASKS, sample_plan_xlsx
from motcua.reporting.tests.conftest import pdf, vn

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_org(org, levels):
    """Units named as in the seed, so the sample's names match."""
    department = org["department"]
    type(department).objects.filter(pk=department.pk).update(
        name="Phòng Giáo dục và Đào tạo Quận 11"
    )
    department.refresh_from_db()
    lu_gia = unit_create(
        name="Trường THCS Lữ Gia", level=levels["school"], parent=org["department"]
    )
    phu_tho = unit_create(
        name="Trường Tiểu học Phú Thọ", level=levels["school"], parent=org["department"]
    )
    return {**org, "lu_gia": lu_gia, "phu_tho": phu_tho}


@pytest.fixture
def plan(plan_org):
    return services.plan_import(
        actor=plan_org["head"],
        number="306/KH-GDĐT",
        title="Triển khai Nghị quyết 131/NQ-CP năm 2024",
        year=2024,
        issued_on=date(2024, 3, 27),
        file=io.BytesIO(sample_plan_xlsx(2024)),
        at=vn(2024, 3, 27, 9),
    )


def xlsx(rows: list[list]) -> ContentFile:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return ContentFile(out.getvalue(), name="phu-luc.xlsx")


HEADER = [
    "STT",
    "Nội dung công việc",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Thời gian thực hiện",
    "Dự kiến sản phẩm",
]


def test_the_sample_appendix_imports_its_25_tasks(plan_org, plan):
    tasks = list(plan.tasks.order_by("order"))
    assert len(tasks) == len(TASKS) == 25
    assert [t.number for t in tasks] == [str(n) for n in range(1, 26)]
    first = tasks[0]
    assert first.lead_unit == plan_org["department"]
    assert (first.starts_on, first.ends_on) == (
        date(2024, 1, 1),
        date(2024, 12, 31),
    )  # thường xuyên
    third = tasks[2]
    assert (third.starts_on, third.ends_on) == (date(2024, 4, 1), date(2024, 6, 30))  # Quý II
    schools_plan = tasks[21]
    assert schools_plan.lead_unit is None and schools_plan.lead_unit_name.startswith("Các trường")
    assert schools_plan.ends_on == date(2024, 4, 5)  # "Trước 05/4/2024"
    digitization = tasks[6]
    assert set(digitization.coordinating_units.all()) == {plan_org["lu_gia"], plan_org["phu_tho"]}
    assert "Bộ phận tiếp nhận" in digitization.coordinating_text


def test_time_cells_as_departments_write_them():
    assert time_range("Tháng 4/2024", year=2024) == (date(2024, 4, 1), date(2024, 4, 30))
    assert time_range("Quý IV/2024", year=2024) == (date(2024, 10, 1), date(2024, 12, 31))
    assert time_range("Từ 01/4/2024 đến 30/6/2024", year=2024) == (
        date(2024, 4, 1),
        date(2024, 6, 30),
    )
    assert time_range("Năm 2025", year=2024) == (date(2025, 1, 1), date(2025, 12, 31))
    with pytest.raises(ValueError):
        time_range("sớm nhất có thể", year=2024)


def test_a_bad_appendix_is_refused_whole_naming_row_and_cell(plan_org):
    rows = [
        HEADER,
        [1, "Niêm yết thủ tục", "Phòng Giáo dục và Đào tạo", "", "Thường xuyên", "Danh mục"],
        [2, "Tập huấn số hóa", "", "", "Tháng 5/2024", ""],
        [3, "Rà soát thủ tục", "Phòng Giáo dục và Đào tạo", "", "khi nào rảnh", ""],
    ]
    with pytest.raises(InvalidInput) as caught:
        services.plan_import(
            actor=plan_org["head"], number="1/KH", title="Thử", year=2024, file=xlsx(rows)
        )
    problems = caught.value.errors["file"]
    assert problems[0] == "Dòng 3: ô C3: thiếu đơn vị chủ trì."
    assert problems[1].startswith("Dòng 4: ô E4: không hiểu thời gian thực hiện")
    assert not PlanTask.objects.exists()
    with pytest.raises(InvalidInput) as caught:
        services.plan_import(
            actor=plan_org["head"],
            number="1/KH",
            title="Thử",
            year=2024,
            file=xlsx([["Nội dung", "Chủ trì"], ["x", "y"]]),
        )
    assert "STT" in caught.value.message
    with pytest.raises(InvalidInput):
        services.plan_import(
            actor=plan_org["head"],
            number="1/KH",
            title="Thử",
            year=2024,
            file=ContentFile(b"not a workbook"),
        )


def test_the_same_plan_cannot_be_imported_twice(plan_org, plan):
    with pytest.raises(Conflict):
        services.plan_import(
            actor=plan_org["head"],
            number="306/KH-GDĐT",
            title="Lần hai",
            year=2024,
            file=io.BytesIO(sample_plan_xlsx(2024)),
        )
    with pytest.raises(NotAllowed):
        services.plan_import(
            actor=plan_org["principal_a"],
            number="9/KH",
            title="x",
            year=2024,
            file=io.BytesIO(sample_plan_xlsx(2024)),
        )


def test_progress_updates_by_the_lead_unit_with_evidence(plan_org, plan):
    task = plan.tasks.get(number="8")
    with pytest.raises(InvalidInput) as caught:
        services.task_update(
            task_id=task.pk, actor=plan_org["specialist"], status="done", percent=90
        )
    assert caught.value.errors["percent"] == ["Nhiệm vụ hoàn thành thì tiến độ phải là 100%."]
    with pytest.raises(InvalidInput):
        services.task_update(
            task_id=task.pk, actor=plan_org["specialist"], status="not_started", percent=10
        )
    services.task_update(
        task_id=task.pk,
        actor=plan_org["specialist"],
        status="in_progress",
        percent=40,
        note="Đã mở lớp 1.",
        at=vn(2024, 5, 20, 9),
    )
    update = services.task_update(
        task_id=task.pk,
        actor=plan_org["head"],
        status="done",
        percent=100,
        note="Hoàn thành 02 lớp.",
        uploads=[services.Upload(pdf(), "danh-sach-hoc-vien.pdf")],
        at=vn(2024, 6, 28, 16),
    )
    task.refresh_from_db()
    assert (task.status, task.percent) == ("done", 100)
    assert update.evidence.get().original_name == "danh-sach-hoc-vien.pdf"
    assert [u.percent for u in selectors.task_updates(task)] == [100, 40]


def test_a_school_cannot_update_a_task_the_department_leads(plan_org, plan, make_staff):
    task = plan.tasks.get(number="7")  # led by the department, Lữ Gia coordinates
    lu_gia_user = make_staff("school", "lugia", plan_org["lu_gia"])
    with pytest.raises(NotAllowed):
        services.task_update(task_id=task.pk, actor=lu_gia_user, status="done", percent=100)
    with pytest.raises(NotFound):  # a school with no part in the plan does not see it
        services.task_update(
            task_id=task.pk, actor=plan_org["principal_a"], status="done", percent=100
        )


def test_overdue_tasks_and_the_overview_per_lead_unit(plan_org, plan):
    done = plan.tasks.get(number="4")  # ends 30/4/2024
    services.task_update(task_id=done.pk, actor=plan_org["head"], status="done", percent=100)
    today = date(2024, 7, 1)
    tasks = {t.number: t for t in selectors.plan_tasks(plan, today=today)}
    assert tasks["4"].overdue is False  # done
    assert tasks["3"].overdue is True  # Quý II, ended 30/6, not done
    assert tasks["1"].overdue is False  # runs all year
    overview = {row["lead_unit"]: row for row in selectors.plan_overview(plan, today=today)}
    department = overview["Phòng Giáo dục và Đào tạo"]
    assert department["total"] == 24 and department["done"] == 1
    expected_overdue = sum(
        1 for t in tasks.values() if t.lead_unit_name == "Phòng Giáo dục và Đào tạo" and t.overdue
    )
    assert department["overdue"] == expected_overdue > 0
    assert overview[TASKS[21].lead]["total"] == 1


def test_who_sees_a_plan(plan_org, plan, levels, make_staff):
    # The department's staff, and a school that coordinates one of its tasks.
    assert selectors.plan_get(pk=plan.pk, user=plan_org["specialist"]) == plan
    lu_gia_user = make_staff("school", "lugia", plan_org["lu_gia"])
    assert selectors.plan_get(pk=plan.pk, user=lu_gia_user) == plan
    with pytest.raises(NotFound):
        selectors.plan_get(pk=plan.pk, user=plan_org["principal_b"])
