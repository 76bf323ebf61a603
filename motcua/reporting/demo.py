"""Demo data for reporting: the seed's three report types (the school's implementation plan,
the quarterly and the annual report on Resolution 131), unit categories, a few more school
accounts, reports in every state for the last two quarters, and Plan 306's 25 tasks with
progress. Idempotent: what exists is found and kept.

`load_demo` runs in many tests, so the reports and tasks are written in bulk rather than
through the services; their values pass the same rules (`values.check_values`), on time or
late is judged the same way, and every instant lies before `now()`.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.urls import reverse

from motcua.accounts.models import Role, User
from motcua.core.clock import VIETNAM_TZ, local, now
from motcua.notifications.models import Notification
from motcua.organization.models import Unit
from motcua.organization.services import unit_create
from motcua.reporting import selectors, services
from motcua.reporting.models import (
    Aggregate,
    ConsolidatedReport,
    DataField,
    DataTable,
    DossierMetric,
    OutlineSection,
    Plan,
    PlanTask,
    Report,
    ReportEvent,
    ReportingUnit,
    ReportPeriod,
    ReportSectionText,
    ReportType,
    ReportValue,
    TaskStatus,
    TaskUpdate,
    UnitCategory,
)
from motcua.reporting.periods import DeadlineRule, Frequency
from motcua.reporting.plan_import import UnitMatcher, time_range
from motcua.reporting.plan_sample import TASKS, sample_cell
from motcua.reporting.values import check_sections, check_values
from motcua.reporting.workflow import Action, ConsolidatedStatus, ReportStatus

PRIVATE_KINDERGARTEN = "Trường Mầm non tư thục Hoa Mai"

CATEGORIES = [
    ("mn_cl", "Mầm non công lập", 1),
    ("mn_ncl", "Mầm non ngoài công lập", 2),
    ("th_cl", "Tiểu học công lập", 3),
    ("thcs_cl", "Trung học cơ sở công lập", 4),
]


def _category_for(name: str) -> str:
    if "tư thục" in name:
        return "mn_ncl"
    if "Mầm non" in name:
        return "mn_cl"
    if "Tiểu học" in name:
        return "th_cl"
    return "thcs_cl"


@dataclass(frozen=True)
class SchoolAccount:
    username: str
    school: str
    full_name: str


SCHOOL_ACCOUNTS = [
    SchoolAccount("truong2", "Trường THCS Nguyễn Văn Phú", "Trần Thị Mai"),
    SchoolAccount("truong3", "Trường Tiểu học Phú Thọ", "Lê Văn Hùng"),
    SchoolAccount("truong4", PRIVATE_KINDERGARTEN, "Nguyễn Thị Hoa"),
    SchoolAccount("truong5", "Trường Mầm non Quận 11", "Đỗ Thị Thu"),
]

# field: code, label, kind, unit, extra
NUMBERS_TABLES: list[tuple[str, list[tuple[str, str, str, str, dict[str, Any]]]]] = [
    (
        "Biểu 1. Công khai thủ tục hành chính",
        [
            (
                "tthc_tong",
                "Số thủ tục hành chính đơn vị thực hiện",
                "integer",
                "thủ tục",
                {"min_value": 0},
            ),
            (
                "tthc_cong_khai",
                "Số thủ tục được niêm yết, công khai đầy đủ",
                "integer",
                "thủ tục",
                {"min_value": 0},
            ),
            (
                "ty_le_cong_khai",
                "Tỷ lệ thủ tục được công khai đầy đủ, đúng hạn",
                "percent",
                "%",
                {"aggregate": Aggregate.AVERAGE},
            ),
        ],
    ),
    (
        "Biểu 2. Tiếp nhận, giải quyết hồ sơ tại đơn vị",
        [
            (
                "hs_tiep_nhan",
                "Tổng số hồ sơ tiếp nhận trong kỳ",
                "integer",
                "hồ sơ",
                {
                    "min_value": 0,
                    "sum_of": "hs_truc_tuyen + hs_truc_tiep",
                    "help_text": "Bằng số hồ sơ trực tuyến cộng số hồ sơ trực tiếp, bưu chính.",
                },
            ),
            (
                "hs_truc_tuyen",
                "Trong đó: tiếp nhận trực tuyến",
                "integer",
                "hồ sơ",
                {"min_value": 0},
            ),
            (
                "hs_truc_tiep",
                "Trong đó: tiếp nhận trực tiếp, qua bưu chính",
                "integer",
                "hồ sơ",
                {"min_value": 0},
            ),
            (
                "hs_dung_han",
                "Số hồ sơ giải quyết trước hạn và đúng hạn",
                "integer",
                "hồ sơ",
                {"min_value": 0},
            ),
            ("hs_tre_han", "Số hồ sơ giải quyết quá hạn", "integer", "hồ sơ", {"min_value": 0}),
            (
                "ty_le_so_hoa",
                "Tỷ lệ hồ sơ, kết quả được số hóa",
                "percent",
                "%",
                {"aggregate": Aggregate.AVERAGE},
            ),
        ],
    ),
    (
        "Biểu 3. Tiếp nhận, xử lý phản ánh, kiến nghị",
        [
            ("pakn_nhan", "Số phản ánh, kiến nghị tiếp nhận", "integer", "lượt", {"min_value": 0}),
            (
                "pakn_tra_loi",
                "Số phản ánh, kiến nghị đã trả lời đúng hạn",
                "integer",
                "lượt",
                {"min_value": 0},
            ),
        ],
    ),
    (
        "Biểu 4. Tự đánh giá",
        [
            (
                "muc_do",
                "Mức độ hoàn thành nhiệm vụ cải cách thủ tục hành chính",
                "choice",
                "",
                {
                    "choices": ["Hoàn thành tốt", "Hoàn thành", "Chưa hoàn thành"],
                    "aggregate": Aggregate.NONE,
                },
            ),
            (
                "ngay_quan_triet",
                "Ngày tổ chức quán triệt kế hoạch tại đơn vị",
                "date",
                "",
                {"required": False, "aggregate": Aggregate.NONE},
            ),
        ],
    ),
    (
        "Biểu 5. Kết quả giải quyết thủ tục hành chính của Phòng (từ hệ thống một cửa)",
        [
            (
                "pgd_hs_tiep_nhan",
                "Hồ sơ tiếp nhận tại Phòng",
                "integer",
                "hồ sơ",
                {"dossier_metric": DossierMetric.RECEIVED},
            ),
            (
                "pgd_hs_truc_tuyen",
                "Trong đó: trực tuyến",
                "integer",
                "hồ sơ",
                {"dossier_metric": DossierMetric.RECEIVED_ONLINE},
            ),
            (
                "pgd_hs_da_giai_quyet",
                "Hồ sơ đã giải quyết",
                "integer",
                "hồ sơ",
                {"dossier_metric": DossierMetric.RESOLVED},
            ),
            (
                "pgd_hs_dung_han",
                "Hồ sơ giải quyết trước hạn và đúng hạn",
                "integer",
                "hồ sơ",
                {"dossier_metric": DossierMetric.RESOLVED_ON_TIME},
            ),
            (
                "pgd_ty_le_dung_han",
                "Tỷ lệ giải quyết đúng hạn",
                "percent",
                "%",
                {"dossier_metric": DossierMetric.ON_TIME_RATE, "aggregate": Aggregate.NONE},
            ),
            (
                "pgd_ty_le_truc_tuyen",
                "Tỷ lệ hồ sơ trực tuyến",
                "percent",
                "%",
                {"dossier_metric": DossierMetric.ONLINE_RATE, "aggregate": Aggregate.NONE},
            ),
        ],
    ),
]

PERIODIC_SECTIONS = [
    (
        "ket_qua",
        "Kết quả đạt được",
        "Các nhiệm vụ đã triển khai, kết quả nổi bật, mô hình, sáng kiến.",
        True,
    ),
    ("ton_tai", "Tồn tại, hạn chế và nguyên nhân", "", True),
    ("de_xuat", "Đề xuất, kiến nghị", "", False),
]

LEGAL_BASIS = (
    "Nghị quyết số 131/NQ-CP ngày 06/10/2022 của Chính phủ; Kế hoạch số 306/KH-GDĐT ngày "
    "27/3/2024; Nghị định số 09/2019/NĐ-CP về chế độ báo cáo của cơ quan hành chính nhà nước"
)


def _type_specs(department: Unit, district: Unit) -> list[dict[str, Any]]:
    return [
        {
            "code": "ke-hoach-nq131",
            "name": "Kế hoạch triển khai thực hiện Nghị quyết số 131/NQ-CP của đơn vị",
            "content": "Mỗi trường xây dựng kế hoạch của đơn vị theo Kế hoạch số 306/KH-GDĐT.",
            "frequency": Frequency.ONCE,
            "deadline_rule": DeadlineRule.FIXED_DATE,
            "deadline_day": 5,
            "deadline_month": 4,
            "tables": [
                (
                    "Thông tin kế hoạch",
                    [
                        (
                            "so_nhiem_vu",
                            "Số nhiệm vụ đơn vị đề ra",
                            "integer",
                            "nhiệm vụ",
                            {"min_value": 1},
                        ),
                        (
                            "ngay_ban_hanh",
                            "Ngày ban hành kế hoạch",
                            "date",
                            "",
                            {"aggregate": Aggregate.NONE},
                        ),
                    ],
                )
            ],
            "sections": [
                ("muc_dich", "Mục đích, yêu cầu", "", True),
                ("nhiem_vu", "Nhiệm vụ, giải pháp", "", True),
                ("to_chuc", "Tổ chức thực hiện", "", True),
            ],
        },
        {
            "code": "bao-cao-quy-nq131",
            "name": "Báo cáo quý kết quả thực hiện Nghị quyết số 131/NQ-CP",
            "content": (
                "Kết quả cải cách thủ tục hành chính trong quý: công khai thủ tục, tiếp nhận và "
                "giải quyết hồ sơ, số hóa, phản ánh kiến nghị; tồn tại và đề xuất."
            ),
            "frequency": Frequency.QUARTERLY,
            "deadline_rule": DeadlineRule.DAY_OF_LAST_MONTH,
            "deadline_day": 5,
            "upward_receiver": district,
            "upward_deadline_rule": DeadlineRule.DAY_OF_LAST_MONTH,
            "upward_deadline_day": 10,
            "tables": NUMBERS_TABLES,
            "sections": PERIODIC_SECTIONS,
        },
        {
            "code": "bao-cao-nam-nq131",
            "name": "Báo cáo năm kết quả thực hiện Nghị quyết số 131/NQ-CP",
            "content": "Kết quả cả năm và phương hướng năm sau.",
            "frequency": Frequency.YEARLY,
            "deadline_rule": DeadlineRule.FIXED_DATE,
            "deadline_day": 30,
            "deadline_month": 11,
            "upward_receiver": district,
            "upward_deadline_rule": DeadlineRule.FIXED_DATE,
            "upward_deadline_day": 5,
            "upward_deadline_month": 12,
            "tables": NUMBERS_TABLES,
            "sections": [
                *PERIODIC_SECTIONS,
                ("phuong_huong", "Phương hướng, nhiệm vụ năm sau", "", True),
            ],
        },
    ]


def _report_type(
    spec: dict[str, Any], *, department: Unit, categories: list[UnitCategory]
) -> ReportType:
    existing = ReportType.objects.filter(code=spec["code"]).first()
    if existing:
        return existing
    fields = {k: v for k, v in spec.items() if k not in ("tables", "sections")}
    report_type = ReportType(
        receiver=department, legal_basis=LEGAL_BASIS, remind_days_before=3, **fields
    )
    report_type.clean()
    report_type.save()
    report_type.reporter_categories.set(categories)
    tables = DataTable.objects.bulk_create(
        DataTable(report_type=report_type, title=title, order=order)
        for order, (title, _rows) in enumerate(spec["tables"], start=1)
    )
    rows = []
    for table, (_title, specs) in zip(tables, spec["tables"], strict=True):
        for position, (code, label, kind, unit_label, extra) in enumerate(specs, start=1):
            values = {
                "aggregate": Aggregate.SUM
                if kind in ("integer", "decimal", "percent")
                else Aggregate.NONE,
                **extra,
            }
            field = DataField(
                table=table,
                code=code,
                label=label,
                kind=kind,
                unit_label=unit_label,
                order=position,
                **values,
            )
            field.clean()  # the row's own rules; the whole definition is checked below
            rows.append(field)
    DataField.objects.bulk_create(rows)
    OutlineSection.objects.bulk_create(
        OutlineSection(
            report_type=report_type,
            code=code,
            title=title,
            guidance=guidance,
            required=required,
            order=order,
        )
        for order, (code, title, guidance, required) in enumerate(spec["sections"], start=1)
    )
    problems = services.definition_errors(report_type)
    if problems:
        raise ValueError(problems)
    return report_type


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=VIETNAM_TZ)


def _values(index: int) -> tuple[dict[str, Any], dict[str, str]]:
    online, direct = 4 + index * 3, 2 + index
    values = {
        "tthc_tong": 6 + index,
        "tthc_cong_khai": 6 + index,
        "ty_le_cong_khai": "100",
        "hs_tiep_nhan": online + direct,
        "hs_truc_tuyen": online,
        "hs_truc_tiep": direct,
        "hs_dung_han": online + direct - (index % 2),
        "hs_tre_han": index % 2,
        "ty_le_so_hoa": str(Decimal(80) + index * Decimal("3.5")),
        "pakn_nhan": index % 3,
        "pakn_tra_loi": index % 3,
        "muc_do": "Hoàn thành tốt" if index % 2 == 0 else "Hoàn thành",
    }
    texts = {
        "ket_qua": (
            "Niêm yết đầy đủ thủ tục hành chính tại đơn vị; 100% hồ sơ được cập nhật trạng thái "
            "trên hệ thống; tổ chức quán triệt Kế hoạch 306/KH-GDĐT đến toàn thể viên chức."
        ),
        "ton_tai": "Tỷ lệ hồ sơ trực tuyến còn thấp do phụ huynh chưa quen thao tác.",
        "de_xuat": "Đề nghị Phòng tổ chức tập huấn số hóa hồ sơ cho nhân viên văn thư.",
    }
    return values, texts


_DEFINITIONS: dict[int, tuple[list[DataField], list[OutlineSection]]] = {}


def _definition(report_type: ReportType) -> tuple[list[DataField], list[OutlineSection]]:
    """A type's asked fields and sections, read once per seeding (see `seed_demo_reporting`)."""
    if report_type.pk not in _DEFINITIONS:
        _DEFINITIONS[report_type.pk] = (
            list(selectors.asked_fields(report_type)),
            list(selectors.sections_of(report_type)),
        )
    return _DEFINITIONS[report_type.pk]


def _write_report(
    period: ReportPeriod,
    unit: Unit,
    user: User,
    index: int,
    *,
    created_at: datetime,
    submitted_at: datetime | None = None,
    returned_at: datetime | None = None,
    return_reason: str = "",
    returned_by: User | None = None,
    only: tuple[str, ...] | None = None,
) -> Report:
    """A report as the services would leave it (the same rules check the values), written in
    a few bulk statements: the demo runs in every test that loads it."""
    fields, sections = _definition(period.report_type)
    values, texts = _values(index)
    if only is not None:
        values, texts = {k: v for k, v in values.items() if k in only}, {}
    final = submitted_at is not None
    checked = check_values(fields, values, final=final)
    checked_texts = check_sections(sections, texts, final=final)
    if checked.errors or checked_texts.errors:
        raise ValueError({**checked.errors, **checked_texts.errors})
    status = ReportStatus.DRAFT
    if returned_at is not None:
        status = ReportStatus.RETURNED
    elif submitted_at is not None:
        status = ReportStatus.SUBMITTED
    late = None if submitted_at is None else local(submitted_at).date() > period.deadline
    report = Report.objects.create(
        period=period,
        unit=unit,
        status=status,
        first_submitted_at=submitted_at,
        submitted_at=submitted_at,
        submitted_by=user if submitted_at else None,
        late=late,
        returned_at=returned_at,
        return_reason=return_reason,
        created_at=created_at,
        updated_at=returned_at or submitted_at or created_at,
    )
    by_code = {f.code: f for f in fields}
    ReportValue.objects.bulk_create(
        ReportValue(
            report=report,
            field=by_code[code],
            number=value if isinstance(value, Decimal) else None,
            date=value if isinstance(value, date) else None,
            text=value if isinstance(value, str) else "",
        )
        for code, value in checked.values.items()
        if value is not None
    )
    ReportSectionText.objects.bulk_create(
        ReportSectionText(report=report, section=s, text=checked_texts.values[s.code])
        for s in sections
        if checked_texts.values.get(s.code)
    )
    name = user.display_name
    events = [
        ReportEvent(
            report=report,
            action=Action.CREATE,
            at=created_at,
            actor=user,
            actor_name=name,
            to_status=ReportStatus.DRAFT,
        ),
        ReportEvent(
            report=report,
            action=Action.SAVE,
            at=created_at + timedelta(minutes=30),
            actor=user,
            actor_name=name,
            from_status=ReportStatus.DRAFT,
            to_status=ReportStatus.DRAFT,
            data={"fields": {c: [None, str(v)] for c, v in values.items()}},
        ),
    ]
    if submitted_at is not None:
        events.append(
            ReportEvent(
                report=report,
                action=Action.SUBMIT,
                at=submitted_at,
                actor=user,
                actor_name=name,
                from_status=ReportStatus.DRAFT,
                to_status=ReportStatus.SUBMITTED,
                data={"late": late},
            )
        )
    if returned_at is not None:
        head = returned_by
        events.append(
            ReportEvent(
                report=report,
                action=Action.RETURN,
                at=returned_at,
                actor=head,
                actor_name=head.display_name if head else "",
                from_status=ReportStatus.SUBMITTED,
                to_status=ReportStatus.RETURNED,
                note=return_reason,
            )
        )
        Notification.objects.create(
            user=user,
            kind="report-returned",
            title=f"Báo cáo bị trả lại để chỉnh sửa: {period.report_type.name} — {period.label}",
            body=f"Lý do: {return_reason}",
            url=reverse("reporting:report", args=[report.pk]),
            created_at=returned_at,
        )
    ReportEvent.objects.bulk_create(events)
    return report


RETURN_REASON = (
    "Biểu 2: số hồ sơ trực tuyến chưa khớp số liệu trên hệ thống một cửa của Thành phố; "
    "đề nghị rà soát, nộp lại."
)


def _fill_quarter(
    period: ReportPeriod, accounts: list[tuple[User, Unit]], head: User, *, scenario: str
) -> None:
    """Reports of one past quarter: `full` all on time and the consolidation sent up;
    `mixed` on time, late, returned for correction, a draft and the rest missing."""
    deadline = period.deadline
    done = set(Report.objects.filter(period=period).values_list("unit_id", flat=True))
    for index, (user, unit) in enumerate(accounts):
        if unit.pk in done:
            continue
        opened = _at(deadline - timedelta(days=3), 8 + index)
        if scenario == "full" or index == 0:
            _write_report(
                period,
                unit,
                user,
                index,
                created_at=opened,
                submitted_at=_at(deadline - timedelta(days=2), 9, 15 + index),
            )
        elif index == 1:
            _write_report(
                period,
                unit,
                user,
                index,
                created_at=opened,
                submitted_at=_at(deadline + timedelta(days=4), 14, 30),
            )
        elif index == 2:
            _write_report(
                period,
                unit,
                user,
                index,
                created_at=opened,
                submitted_at=_at(deadline - timedelta(days=2), 10),
                returned_at=_at(deadline + timedelta(days=1), 10),
                return_reason=RETURN_REASON,
                returned_by=head,
            )
        elif index == 3:
            _write_report(period, unit, user, index, created_at=opened, only=("tthc_tong",))
    sent = ConsolidatedReport.objects.filter(period=period).exists()
    if scenario == "full" and period.report_type.upward_receiver_id and not sent:
        at = _at(period.upward_deadline - timedelta(days=1), 15)
        data = selectors.consolidation(period)
        document = {
            "number": f"{40 + period.number}/BC-GDĐT",
            "place": "Quận 11",
            "signer_title": "TRƯỞNG PHÒNG",
            "signer_name": head.full_name,
            "summary": "Các đơn vị thực hiện nghiêm túc Kế hoạch 306/KH-GDĐT.",
        }
        data.update(
            status=ConsolidatedStatus.SUBMITTED,
            submitted_at=local(at).isoformat(),
            late=False,
            document=document,
        )
        consolidated = ConsolidatedReport.objects.create(
            period=period,
            status=ConsolidatedStatus.SUBMITTED,
            document_number=document["number"],
            place=document["place"],
            signer_title=document["signer_title"],
            signer_name=document["signer_name"],
            summary=document["summary"],
            data=data,
            submitted_at=at,
            submitted_by=head,
            late=False,
            created_at=at - timedelta(hours=2),
            updated_at=at,
        )
        ReportEvent.objects.create(
            consolidated=consolidated,
            action=Action.SUBMIT_UPWARD,
            at=at,
            actor=head,
            actor_name=head.display_name,
            from_status=ConsolidatedStatus.DRAFT,
            to_status=ConsolidatedStatus.SUBMITTED,
            data={"late": False},
        )


PLAN_PROGRESS = {
    # task number: (status, percent, note)
    "3": (TaskStatus.DONE, 100, "Đã ban hành quyết định kiện toàn Bộ phận Một cửa."),
    "4": (TaskStatus.DONE, 100, "Đã ban hành văn bản quán triệt."),
    "22": (TaskStatus.DONE, 100, "Các trường đã gửi kế hoạch về Phòng."),
    "25": (TaskStatus.DONE, 100, "Đã phân công công chức phụ trách từng nhóm thủ tục."),
    "8": (TaskStatus.DONE, 100, "Đã tổ chức 02 lớp tập huấn số hóa."),
    "2": (TaskStatus.IN_PROGRESS, 75, "Đồng bộ đầy đủ hồ sơ quý I–III."),
    "7": (TaskStatus.IN_PROGRESS, 60, "Đã số hóa 60% hồ sơ lưu trữ."),
    "11": (TaskStatus.IN_PROGRESS, 50, "Tỷ lệ hồ sơ trực tuyến đạt 52%."),
    "14": (TaskStatus.IN_PROGRESS, 40, "Đang tổng hợp ý kiến các trường."),
    "21": (TaskStatus.IN_PROGRESS, 80, "Đã có dự thảo bộ biểu mẫu."),
}


def _plan(department: Unit, head: User, year: int) -> Plan:
    """Plan 306 with the sample appendix's 25 tasks (read by the importer's own rules for
    dates and unit names; the xlsx import itself has its tests) and some progress."""
    plan = Plan.objects.filter(unit=department, number="306/KH-GDĐT", year=year).first()
    if plan is not None:
        return plan
    current = now()
    plan = Plan.objects.create(
        number="306/KH-GDĐT",
        title=(
            "Triển khai thực hiện Nghị quyết số 131/NQ-CP về đẩy mạnh cải cách thủ tục hành "
            f"chính và hiện đại hóa phương thức chỉ đạo, điều hành năm {year}"
        ),
        year=year,
        unit=department,
        issued_on=date(year, 3, 27),
        created_at=min(_at(date(year, 3, 27), 9), current),
        created_by=head,
    )
    matcher = UnitMatcher(Unit.objects.filter(path__startswith=department.path))
    tasks, coordinating = [], []
    for order, sample in enumerate(TASKS, start=1):
        start = time_range(sample_cell(sample.start, year), year=year)[0]
        end = time_range(sample_cell(sample.end, year), year=year)[1]
        number = str(order)
        status, percent, note = PLAN_PROGRESS.get(number, (TaskStatus.NOT_STARTED, 0, ""))
        updated = min(_at(min(end, date(year, 10, 31)), 16), current) if note else None
        tasks.append(
            PlanTask(
                plan=plan,
                number=number,
                order=order,
                content=sample.content,
                lead_unit=matcher.find(sample.lead),
                lead_unit_name=sample.lead,
                coordinating_text=sample.coordinating,
                starts_on=start,
                ends_on=end,
                expected_product=sample.product,
                status=status,
                percent=percent,
                updated_at=updated,
            )
        )
        coordinating.append(matcher.split(sample.coordinating))
    tasks = PlanTask.objects.bulk_create(tasks)
    through = PlanTask.coordinating_units.through
    through.objects.bulk_create(
        through(plantask_id=task.pk, unit_id=unit.pk)
        for task, units in zip(tasks, coordinating, strict=True)
        for unit in units
    )
    TaskUpdate.objects.bulk_create(
        TaskUpdate(
            task=task,
            at=task.updated_at,
            by=head,
            by_name=head.display_name,
            status=task.status,
            percent=task.percent,
            note=PLAN_PROGRESS[task.number][2],
        )
        for task in tasks
        if task.number in PLAN_PROGRESS
    )
    return plan


def seed_demo_reporting(
    *, department: Unit, schools: list[Unit], users: dict[str, User]
) -> dict[str, Any]:
    level = schools[0].level
    kindergarten = Unit.objects.filter(
        name=PRIVATE_KINDERGARTEN, path__startswith=department.path
    ).first() or unit_create(name=PRIVATE_KINDERGARTEN, level=level, parent=department)
    schools = [*schools, kindergarten] if kindergarten not in schools else schools
    district = Unit.objects.get_parent(department)

    categories = {}
    for code, name, order in CATEGORIES:
        categories[code], _created = UnitCategory.objects.get_or_create(
            code=code, defaults={"name": name, "order": order}
        )
    for school in schools:
        ReportingUnit.objects.get_or_create(
            unit=school, defaults={"category": categories[_category_for(school.name)]}
        )

    # One password hash for every extra account (hashing is the slow part of a user).
    password = make_password(settings.MOTCUA_DEMO_PASSWORD)
    by_name = {s.name: s for s in schools}
    wanted = [
        (a.username, a.full_name, Role.SCHOOL, "Hiệu trưởng", by_name[a.school])
        for a in SCHOOL_ACCOUNTS
    ] + [
        ("vanphong", "Phan Minh Khoa", Role.SPECIALIST, "Chuyên viên Văn phòng UBND quận", district)
    ]
    known = set(
        User.objects.filter(username__in=[w[0] for w in wanted]).values_list("username", flat=True)
    )
    new_users = User.objects.bulk_create(
        User(
            username=username, full_name=full_name, role=role, position=position, password=password
        )
        for username, full_name, role, position, _unit in wanted
        if username not in known
    )
    units_of = {w[0]: w[4] for w in wanted}
    User.units.through.objects.bulk_create(
        User.units.through(user_id=user.pk, unit_id=units_of[user.username].pk)
        for user in new_users
    )
    by_username = {u.username: u for u in User.objects.filter(username__in=units_of)}
    accounts: list[tuple[User, Unit]] = [(users["truong"], users["truong"].units.get())]
    accounts += [(by_username[a.username], by_name[a.school]) for a in SCHOOL_ACCOUNTS]

    _DEFINITIONS.clear()
    types = [
        _report_type(spec, department=department, categories=list(categories.values()))
        for spec in _type_specs(department, district)
    ]
    today = local(now()).date()
    for report_type in types:
        # Last year's periods too while this year has fewer than two past quarters.
        for year in (today.year - 1, today.year) if today.month < 7 else (today.year,):
            services.periods_generate(report_type_id=report_type.pk, year=year)

    head = users["lanhdao"]
    quarterly = types[1]
    past = list(
        ReportPeriod.objects.filter(
            report_type=quarterly, deadline__lte=today - timedelta(days=10)
        ).order_by("-deadline")[:2]
    )
    if len(past) == 2:
        _fill_quarter(past[1], accounts, head, scenario="full")
        _fill_quarter(past[0], accounts, head, scenario="mixed")

    plan_period = ReportPeriod.objects.filter(report_type=types[0], year=today.year).first()
    if plan_period and plan_period.deadline < today:
        user, unit = accounts[0]
        if not Report.objects.filter(period=plan_period, unit=unit).exists():
            report = Report.objects.create(
                period=plan_period,
                unit=unit,
                status=ReportStatus.SUBMITTED,
                first_submitted_at=_at(plan_period.deadline - timedelta(days=3), 10),
                submitted_at=_at(plan_period.deadline - timedelta(days=3), 10),
                submitted_by=user,
                late=False,
                created_at=_at(plan_period.deadline - timedelta(days=3), 9),
                updated_at=_at(plan_period.deadline - timedelta(days=3), 10),
            )
            fields = {f.code: f for f in selectors.asked_fields(types[0])}
            ReportValue.objects.bulk_create(
                [
                    ReportValue(report=report, field=fields["so_nhiem_vu"], number=Decimal(12)),
                    ReportValue(
                        report=report,
                        field=fields["ngay_ban_hanh"],
                        date=plan_period.deadline - timedelta(days=6),
                    ),
                ]
            )
            ReportSectionText.objects.bulk_create(
                ReportSectionText(report=report, section=section, text=text)
                for section, text in zip(
                    selectors.sections_of(types[0]),
                    [
                        "Triển khai Nghị quyết 131/NQ-CP tại trường.",
                        "12 nhiệm vụ theo phụ lục đính kèm.",
                        "Hiệu trưởng chỉ đạo; tổ văn phòng theo dõi, báo cáo hằng quý.",
                    ],
                    strict=True,
                )
            )
            ReportEvent.objects.create(
                report=report,
                action=Action.SUBMIT,
                at=report.submitted_at,
                actor=user,
                actor_name=user.display_name,
                from_status=ReportStatus.DRAFT,
                to_status=ReportStatus.SUBMITTED,
                data={"late": False},
            )
    plan = _plan(department, head, today.year)
    return {"report_types": types, "plan": plan, "schools": schools}
