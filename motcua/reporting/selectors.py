"""Reads of reports and plans that the pages and the API share, limited to what the person
may see: a school sees its own unit's reports; department staff see their units and every
unit below (`organization.selectors.member_subtree_ids`); the receiving office's staff see the
board and the consolidation of the periods they receive.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import (
    Avg,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.accounts.models import STAFF_ROLES, Role, User
from motcua.core.clock import VIETNAM_TZ, local
from motcua.core.exceptions import NotAllowed, NotFound
from motcua.organization.models import Unit
from motcua.organization.selectors import member_subtree_ids
from motcua.reporting.models import (
    Aggregate,
    ConsolidatedReport,
    DataField,
    DossierMetric,
    OutlineSection,
    Plan,
    PlanTask,
    Report,
    ReportAttachment,
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
from motcua.reporting.workflow import ConsolidatedStatus, ReportStatus

RECEIVER_ROLES = frozenset({Role.HEAD, Role.SPECIALIST})
UNCATEGORIZED = "_"


# --- who may see what ------------------------------------------------------------------


def is_superadmin(user: User) -> bool:
    return user.role == Role.ADMIN and user.is_superuser


def visible_unit_ids(user: User) -> list[int] | None:
    """The units whose reports the person may see; None means every unit."""
    if not user.is_authenticated or user.role not in STAFF_ROLES:
        return []
    if is_superadmin(user):
        return None
    return member_subtree_ids(user.pk)


def _in_units(queryset: QuerySet, ids: list[int] | None, field_name: str) -> QuerySet:
    return queryset if ids is None else queryset.filter(**{f"{field_name}__in": ids})


def is_receiver_staff(user: User, report_type: ReportType) -> bool:
    """Head or specialist of the receiving office (or above it): board, returns, exports."""
    if not user.is_authenticated:
        return False
    if is_superadmin(user):
        return True
    return user.role in RECEIVER_ROLES and report_type.receiver_id in member_subtree_ids(user.pk)


def require_receiver_staff(user: User, report_type: ReportType) -> None:
    if not is_receiver_staff(user, report_type):
        raise NotAllowed(
            _("Chỉ lãnh đạo, chuyên viên của cơ quan nhận báo cáo mới thực hiện được thao tác này.")
        )


# --- report types, reporting units, periods ------------------------------------------------


def asked_fields(report_type: ReportType) -> QuerySet[DataField]:
    """The fields the reporting units fill in, in form order."""
    return all_fields(report_type).filter(dossier_metric="")


def all_fields(report_type: ReportType) -> QuerySet[DataField]:
    return (
        DataField.objects.filter(table__report_type=report_type)
        .select_related("table")
        .order_by("table__order", "table_id", "order", "pk")
    )


def sections_of(report_type: ReportType) -> QuerySet[OutlineSection]:
    return report_type.sections.order_by("order", "pk")


def reporter_units(report_type: ReportType) -> QuerySet[Unit]:
    """Active units that must report: the type's units and every unit of its categories."""
    listed = ReportType.reporter_units.through.objects.filter(reporttype_id=report_type.pk).values(
        "unit_id"
    )
    categories = ReportType.reporter_categories.through.objects.filter(
        reporttype_id=report_type.pk
    ).values("unitcategory_id")
    return Unit.objects.filter(
        Q(pk__in=listed) | Q(reporting_profile__category_id__in=categories), is_active=True
    ).order_by("name")


def is_reporter(report_type: ReportType, unit_id: int) -> bool:
    return reporter_units(report_type).filter(pk=unit_id).exists()


def report_types_visible_to(user: User) -> QuerySet[ReportType]:
    """Types the person receives (their units and above) or reports for."""
    ids = visible_unit_ids(user)
    types = ReportType.objects.filter(is_active=True).select_related("receiver")
    if ids is None:
        return types
    own = list(user.units.values_list("pk", flat=True))
    return types.filter(
        Q(receiver_id__in=ids)
        | Q(reporter_units__in=own)
        | Q(reporter_categories__members__unit_id__in=own)
    ).distinct()


def report_type_get(*, pk: int, user: User) -> ReportType:
    report_type = report_types_visible_to(user).filter(pk=pk).first()
    if report_type is None:
        raise NotFound(_("Không tìm thấy loại báo cáo."))
    return report_type


def report_type_detail(report_type: ReportType) -> ReportType:
    from django.db.models import prefetch_related_objects

    prefetch_related_objects(
        [report_type],
        Prefetch("tables__fields", queryset=DataField.objects.order_by("order", "pk")),
        "sections",
        "reporter_categories",
        "reporter_units",
    )
    return report_type


def period_get(*, pk: int, user: User) -> ReportPeriod:
    period = (
        ReportPeriod.objects.select_related(
            "report_type", "report_type__receiver", "report_type__upward_receiver"
        )
        .filter(pk=pk, report_type__in=report_types_visible_to(user))
        .first()
    )
    if period is None:
        raise NotFound(_("Không tìm thấy kỳ báo cáo."))
    return period


@dataclass
class OwnPeriod:
    """A period as one of the person's own units sees it."""

    period: ReportPeriod
    unit: Unit
    report: Report | None
    today: date

    @property
    def status(self) -> str:
        return self.report.status if self.report else ""

    @property
    def overdue(self) -> bool:
        return self.today > self.period.deadline and self.status != ReportStatus.SUBMITTED


def own_periods(user: User, *, today: date, history_days: int = 400) -> list[OwnPeriod]:
    """The periods the person's own units report for, from the start of their cut-off, with
    the unit's report if any; the most urgent first. Older than `history_days` drop off."""
    units = list(user.units.filter(is_active=True).order_by("name"))
    if not units or user.role not in STAFF_ROLES:
        return []
    result: list[OwnPeriod] = []
    periods = list(
        ReportPeriod.objects.filter(
            report_type__is_active=True,
            starts_on__lte=today,
            deadline__gte=today - timedelta(days=history_days),
        )
        .select_related("report_type", "report_type__receiver")
        .order_by("deadline", "report_type__name")
    )
    reports = {
        (r.period_id, r.unit_id): r
        for r in Report.objects.filter(
            period__in=[p.pk for p in periods], unit__in=[u.pk for u in units]
        )
    }
    type_units: dict[int, set[int]] = {}
    for period in periods:
        if period.report_type_id not in type_units:
            type_units[period.report_type_id] = set(
                reporter_units(period.report_type)
                .filter(pk__in=[u.pk for u in units])
                .values_list("pk", flat=True)
            )
        for unit in units:
            if unit.pk in type_units[period.report_type_id]:
                result.append(OwnPeriod(period, unit, reports.get((period.pk, unit.pk)), today))
    # Still to do first (by deadline), then what was submitted, newest first.
    todo = [p for p in result if p.status != ReportStatus.SUBMITTED]
    done = [p for p in result if p.status == ReportStatus.SUBMITTED]
    done.sort(key=lambda p: p.period.deadline, reverse=True)
    return todo + done


def received_periods(user: User, *, today: date) -> QuerySet[ReportPeriod]:
    """Periods of the types the person's office receives, whose cut-off has started."""
    ids = visible_unit_ids(user)
    if not is_superadmin(user) and user.role not in RECEIVER_ROLES:
        return ReportPeriod.objects.none()
    periods = ReportPeriod.objects.filter(report_type__is_active=True, starts_on__lte=today)
    periods = _in_units(periods, ids, "report_type__receiver_id")
    submitted = Report.objects.filter(period=OuterRef("pk"), status=ReportStatus.SUBMITTED)
    return (
        periods.select_related("report_type")
        .annotate(
            submitted_count=Subquery(
                submitted.order_by().values("period").annotate(n=Count("pk")).values("n")[:1]
            )
        )
        .order_by("-deadline", "report_type__name")
    )


# --- reports -----------------------------------------------------------------------------


def reports_visible_to(user: User) -> QuerySet[Report]:
    return _in_units(Report.objects.all(), visible_unit_ids(user), "unit_id")


def report_get(*, pk: int, user: User) -> Report:
    report = (
        reports_visible_to(user)
        .select_related(
            "period",
            "period__report_type",
            "period__report_type__receiver",
            "unit",
            "submitted_by",
        )
        .filter(pk=pk)
        .first()
    )
    if report is None:
        raise NotFound(_("Không tìm thấy báo cáo."))
    return report


def report_detail_get(*, pk: int, user: User) -> Report:
    """A report with its values, texts, files and history loaded."""
    from django.db.models import prefetch_related_objects

    report = report_get(pk=pk, user=user)
    prefetch_related_objects(
        [report],
        Prefetch("values", queryset=ReportValue.objects.select_related("field")),
        Prefetch("texts", queryset=ReportSectionText.objects.select_related("section")),
        Prefetch(
            "attachments",
            queryset=ReportAttachment.objects.filter(removed_at__isnull=True).order_by("pk"),
        ),
        Prefetch("events", queryset=ReportEvent.objects.order_by("at", "pk")),
    )
    return report


def report_raw_values(report: Report) -> tuple[dict[str, Any], dict[str, str]]:
    """The stored values by field code (Decimal, date or text) and texts by section code."""
    values: dict[str, Any] = {}
    for row in report.values.all():
        values[row.field.code] = stored_value(row)
    texts = {row.section.code: row.text for row in report.texts.all()}
    return values, texts


def stored_value(row: ReportValue) -> Any:
    if row.number is not None:
        return row.number
    if row.date is not None:
        return row.date
    return row.text or None


def attachment_get(*, report_id: int, attachment_id: int, user: User) -> ReportAttachment:
    report = report_get(pk=report_id, user=user)
    attachment = report.attachments.filter(pk=attachment_id, removed_at__isnull=True).first()
    if attachment is None:
        raise NotFound(_("Không tìm thấy tệp đính kèm."))
    return attachment


# --- the board ---------------------------------------------------------------------------


class BoardState:
    ON_TIME = "on_time"
    LATE = "late"
    RETURNED = "returned"
    DRAFT = "draft"
    MISSING = "missing"


BOARD_LABELS = {
    BoardState.ON_TIME: gettext_lazy("Đã nộp đúng hạn"),
    BoardState.LATE: gettext_lazy("Đã nộp trễ hạn"),
    BoardState.RETURNED: gettext_lazy("Trả lại để chỉnh sửa"),
    BoardState.DRAFT: gettext_lazy("Đang soạn, chưa nộp"),
    BoardState.MISSING: gettext_lazy("Chưa nộp"),
}


@dataclass
class BoardRow:
    unit_id: int
    unit_name: str
    category: str
    report_id: int | None
    status: str
    state: str
    first_submitted_at: datetime | None
    submitted_at: datetime | None
    returned_at: datetime | None
    return_reason: str

    @property
    def state_label(self) -> str:
        return str(BOARD_LABELS[self.state])


@dataclass
class Board:
    period: ReportPeriod
    rows: list[BoardRow]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def missing_units(self) -> list[BoardRow]:
        """Units without a submitted report (missing, draft or returned): the ones reminded."""
        waiting = (BoardState.MISSING, BoardState.DRAFT, BoardState.RETURNED)
        return [r for r in self.rows if r.state in waiting]


def _state(status: str | None, late: bool | None) -> str:
    if status == ReportStatus.SUBMITTED:
        return BoardState.LATE if late else BoardState.ON_TIME
    if status == ReportStatus.RETURNED:
        return BoardState.RETURNED
    if status == ReportStatus.DRAFT:
        return BoardState.DRAFT
    return BoardState.MISSING


def period_board(period: ReportPeriod, user: User) -> Board:
    """Each reporting unit with its report's state, and the counts, in two queries: the units
    with their report joined by subqueries, and one aggregate over the period's reports."""
    require_receiver_staff(user, period.report_type)
    units = _in_units(reporter_units(period.report_type), visible_unit_ids(user), "pk")
    report = Report.objects.filter(period=period, unit=OuterRef("pk"))
    rows = units.annotate(
        report_id=Subquery(report.values("pk")[:1]),
        report_status=Subquery(report.values("status")[:1]),
        report_late=Subquery(report.values("late")[:1]),
        report_first=Subquery(report.values("first_submitted_at")[:1]),
        report_submitted=Subquery(report.values("submitted_at")[:1]),
        report_returned=Subquery(report.values("returned_at")[:1]),
        report_reason=Subquery(report.values("return_reason")[:1]),
        category_name=F("reporting_profile__category__name"),
    ).values(
        "pk",
        "name",
        "category_name",
        "report_id",
        "report_status",
        "report_late",
        "report_first",
        "report_submitted",
        "report_returned",
        "report_reason",
    )
    board_rows = [
        BoardRow(
            unit_id=row["pk"],
            unit_name=row["name"],
            category=row["category_name"] or "",
            report_id=row["report_id"],
            status=row["report_status"] or "",
            state=_state(row["report_status"], row["report_late"]),
            first_submitted_at=row["report_first"],
            submitted_at=row["report_submitted"],
            returned_at=row["report_returned"],
            return_reason=row["report_reason"] or "",
        )
        for row in rows
    ]
    unit_ids = [row.unit_id for row in board_rows]
    counts = Report.objects.filter(period=period, unit_id__in=unit_ids).aggregate(
        on_time=Count("pk", filter=Q(status=ReportStatus.SUBMITTED, late=False)),
        late=Count("pk", filter=Q(status=ReportStatus.SUBMITTED, late=True)),
        returned=Count("pk", filter=Q(status=ReportStatus.RETURNED)),
        draft=Count("pk", filter=Q(status=ReportStatus.DRAFT)),
    )
    counts["expected"] = len(unit_ids)
    counts["submitted"] = counts["on_time"] + counts["late"]
    counts["missing"] = counts["expected"] - counts["submitted"] - counts["returned"]
    return Board(period=period, rows=board_rows, counts=counts)


# --- consolidation -----------------------------------------------------------------------

TWO_PLACES = Decimal("0.01")


def _plain(value: Decimal | None) -> str | None:
    """A decimal as JSON-safe text without trailing zeros ("12.5", "3")."""
    if value is None:
        return None
    value = Decimal(value).quantize(TWO_PLACES, rounding=ROUND_HALF_UP).normalize()
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    return f"{value:f}"


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=VIETNAM_TZ)


def dossier_metrics(unit: Unit, starts_on: date, ends_on: date) -> dict[str, Decimal | None]:
    """The dossier numbers of `unit` and every unit below it for the cut-off dates (both
    inclusive, Vietnam days), in one aggregate query (read-only use of `dossiers`)."""
    from motcua.dossiers.models import Channel, Dossier, Outcome

    start, end = _day_start(starts_on), _day_start(ends_on + timedelta(days=1))
    agencies = Unit.objects.filter(path__startswith=unit.path).values("pk")
    received = Q(received_at__gte=start, received_at__lt=end)
    resolved = Q(resolved_at__gte=start, resolved_at__lt=end)
    row = Dossier.objects.filter(agency_id__in=agencies).aggregate(
        received=Count("pk", filter=received),
        received_online=Count("pk", filter=received & Q(channel=Channel.ONLINE)),
        resolved=Count("pk", filter=resolved),
        resolved_on_time=Count(
            "pk", filter=resolved & Q(outcome__in=[Outcome.EARLY, Outcome.ON_TIME])
        ),
        resolved_late=Count("pk", filter=resolved & Q(outcome=Outcome.LATE)),
    )
    metrics: dict[str, Decimal | None] = {key: Decimal(value) for key, value in row.items()}
    metrics[DossierMetric.ON_TIME_RATE] = (
        metrics["resolved_on_time"] * 100 / metrics["resolved"] if row["resolved"] else None
    )
    metrics[DossierMetric.ONLINE_RATE] = (
        metrics["received_online"] * 100 / metrics["received"] if row["received"] else None
    )
    return metrics


def _category_of(unit_id: int, categories: dict[int, str]) -> str:
    return categories.get(unit_id, UNCATEGORIZED)


def consolidation(period: ReportPeriod) -> dict[str, Any]:
    """The period's consolidated data as JSON-safe values: totals or averages of each field
    over the submitted reports (by aggregate queries, across units and by unit category),
    dossier numbers for the fields that take them, the texts per unit and the table per unit.

    Returned reports (being corrected) and drafts are left out until they are submitted.
    """
    report_type = period.report_type
    fields = list(all_fields(report_type))
    submitted = Report.objects.filter(period=period, status=ReportStatus.SUBMITTED)
    numeric_ids = [f.pk for f in fields if f.is_numeric and f.asked]
    values = ReportValue.objects.filter(
        report__in=submitted, field_id__in=numeric_ids, number__isnull=False
    )
    overall = {
        row["field_id"]: row
        for row in values.values("field_id").annotate(
            total=Sum("number"), average=Avg("number"), count=Count("pk")
        )
    }
    by_category: dict[int, dict[str, dict]] = {}
    for row in values.values(
        "field_id", "report__unit__reporting_profile__category__code"
    ).annotate(total=Sum("number"), average=Avg("number"), count=Count("pk")):
        code = row["report__unit__reporting_profile__category__code"] or UNCATEGORIZED
        by_category.setdefault(row["field_id"], {})[code] = row

    units = list(
        submitted.select_related("unit", "unit__reporting_profile__category").order_by("unit__name")
    )
    category_names = {c.code: c.name for c in UnitCategory.objects.all()}
    category_names[UNCATEGORIZED] = str(_("Chưa phân nhóm"))
    unit_category = {
        r.unit_id: (
            r.unit.reporting_profile.category.code
            if hasattr(r.unit, "reporting_profile")
            else UNCATEGORIZED
        )
        for r in units
    }
    present = sorted(
        set(unit_category.values()),
        key=lambda code: (code == UNCATEGORIZED, list(category_names).index(code)),
    )
    metrics = None
    if any(f.dossier_metric for f in fields):
        metrics = dossier_metrics(report_type.receiver, period.starts_on, period.ends_on)

    def pick(row: dict | None, aggregate: str) -> str | None:
        if row is None or aggregate == Aggregate.NONE:
            return None
        return _plain(row["total"] if aggregate == Aggregate.SUM else row["average"])

    field_rows = []
    for f in fields:
        entry: dict[str, Any] = {
            "code": f.code,
            "label": f.label,
            "table": f.table.title,
            "unit": f.unit_label,
            "kind": f.kind,
            "aggregate": f.aggregate,
            "source": "dossiers" if f.dossier_metric else "units",
            "value": None,
            "count": 0,
            "by_category": {},
        }
        if f.dossier_metric:
            entry["value"] = _plain(metrics[f.dossier_metric]) if metrics else None
        elif f.is_numeric:
            row = overall.get(f.pk)
            entry["value"] = pick(row, f.aggregate)
            entry["count"] = row["count"] if row else 0
            entry["by_category"] = {
                code: pick(cat_row, f.aggregate)
                for code, cat_row in by_category.get(f.pk, {}).items()
            }
        field_rows.append(entry)

    per_unit_values: dict[int, dict[str, Any]] = {r.pk: {} for r in units}
    for row in ReportValue.objects.filter(report__in=submitted).select_related("field"):
        stored = stored_value(row)
        if isinstance(stored, Decimal):
            stored = _plain(stored)
        elif isinstance(stored, date):
            stored = stored.isoformat()
        per_unit_values[row.report_id][row.field.code] = stored

    texts: dict[tuple[int, int], str] = {
        (row.report_id, row.section_id): row.text
        for row in ReportSectionText.objects.filter(report__in=submitted)
    }
    sections = [
        {
            "code": s.code,
            "title": s.title,
            "entries": [
                {"unit": r.unit.name, "text": texts.get((r.pk, s.pk), "")}
                for r in units
                if texts.get((r.pk, s.pk), "").strip()
            ],
        }
        for s in sections_of(report_type)
    ]
    board_counts = Report.objects.filter(period=period).aggregate(
        on_time=Count("pk", filter=Q(status=ReportStatus.SUBMITTED, late=False)),
        late=Count("pk", filter=Q(status=ReportStatus.SUBMITTED, late=True)),
        returned=Count("pk", filter=Q(status=ReportStatus.RETURNED)),
    )
    expected = reporter_units(report_type).count()
    board_counts["expected"] = expected
    board_counts["submitted"] = board_counts["on_time"] + board_counts["late"]
    board_counts["missing"] = expected - board_counts["submitted"] - board_counts["returned"]
    upward = report_type.upward_receiver
    parent = Unit.objects.get_parent(report_type.receiver)
    return {
        "period": {
            "id": period.pk,
            "report_type": report_type.name,
            "report_type_code": report_type.code,
            "label": period.label,
            "year": period.year,
            "number": period.number,
            "starts_on": period.starts_on.isoformat(),
            "ends_on": period.ends_on.isoformat(),
            "deadline": period.deadline.isoformat(),
            "upward_deadline": period.upward_deadline.isoformat()
            if period.upward_deadline
            else None,
        },
        "reporting_unit": {
            "id": report_type.receiver_id,
            "name": report_type.receiver.name,
            "parent": parent.name if parent else "",
        },
        "receiver": {"id": upward.pk, "name": upward.name} if upward else None,
        "units": board_counts,
        "categories": [
            {
                "code": code,
                "name": category_names.get(code, code),
                "units": sum(1 for c in unit_category.values() if c == code),
            }
            for code in present
        ],
        "fields": field_rows,
        "sections": sections,
        "per_unit": [
            {
                "unit": r.unit.name,
                "category": category_names.get(unit_category[r.unit_id], ""),
                "submitted_at": local(r.first_submitted_at).isoformat()
                if r.first_submitted_at
                else None,
                "late": bool(r.late),
                "values": per_unit_values[r.pk],
            }
            for r in units
        ],
    }


def consolidated_get(period: ReportPeriod) -> ConsolidatedReport | None:
    return ConsolidatedReport.objects.filter(period=period).select_related("submitted_by").first()


def consolidated_data(period: ReportPeriod, user: User) -> dict[str, Any]:
    """What the receiving office gets: the frozen data once the consolidated report was sent,
    the live consolidation (marked draft) before."""
    require_receiver_staff(user, period.report_type)
    report = consolidated_get(period)
    if report is not None and report.status == ConsolidatedStatus.SUBMITTED and report.data:
        data = dict(report.data)
    else:
        data = consolidation(period)
        data["status"] = ConsolidatedStatus.DRAFT
        data["submitted_at"] = None
        data["late"] = None
        if report is not None:
            data["document"] = _document_fields(report)
        else:
            data["document"] = {
                "number": "",
                "place": "",
                "signer_title": "",
                "signer_name": "",
                "summary": "",
            }
    return data


def _document_fields(report: ConsolidatedReport) -> dict[str, str]:
    return {
        "number": report.document_number,
        "place": report.place,
        "signer_title": report.signer_title,
        "signer_name": report.signer_name,
        "summary": report.summary,
    }


# --- plans -------------------------------------------------------------------------------


def plans_visible_to(user: User) -> QuerySet[Plan]:
    """Plans of the person's units and above them that concern them: issued by a unit they
    see, or with a task led or coordinated by one of their units."""
    ids = visible_unit_ids(user)
    plans = Plan.objects.select_related("unit")
    if ids is None:
        return plans
    involved = PlanTask.objects.filter(plan=OuterRef("pk")).filter(
        Q(lead_unit_id__in=ids) | Q(coordinating_units__in=ids)
    )
    return plans.filter(Q(unit_id__in=ids) | Exists(involved)).distinct()


def plan_get(*, pk: int, user: User) -> Plan:
    plan = plans_visible_to(user).filter(pk=pk).first()
    if plan is None:
        raise NotFound(_("Không tìm thấy kế hoạch."))
    return plan


def task_overdue(task: PlanTask, today: date) -> bool:
    """Past its end date and not done."""
    return task.ends_on < today and task.status != TaskStatus.DONE


def plan_tasks(plan: Plan, *, today: date) -> list[PlanTask]:
    tasks = list(
        plan.tasks.select_related("lead_unit")
        .prefetch_related("coordinating_units")
        .order_by("order", "pk")
    )
    for task in tasks:
        task.overdue = task_overdue(task, today)
    return tasks


def plan_overview(plan: Plan, *, today: date) -> list[dict[str, Any]]:
    """Progress per lead unit, by one aggregate query."""
    done = Q(status=TaskStatus.DONE)
    rows = (
        plan.tasks.values("lead_unit_id", "lead_unit_name")
        .annotate(
            total=Count("pk"),
            done=Count("pk", filter=done),
            in_progress=Count("pk", filter=Q(status=TaskStatus.IN_PROGRESS)),
            overdue=Count("pk", filter=Q(ends_on__lt=today) & ~done),
            average=Avg("percent"),
        )
        .order_by("lead_unit_name")
    )
    return [
        {
            "lead_unit_id": row["lead_unit_id"],
            "lead_unit": row["lead_unit_name"],
            "total": row["total"],
            "done": row["done"],
            "in_progress": row["in_progress"],
            "overdue": row["overdue"],
            "average_percent": round(float(row["average"] or 0), 1),
        }
        for row in rows
    ]


def task_get(*, pk: int, user: User) -> PlanTask:
    task = (
        PlanTask.objects.select_related("plan", "plan__unit", "lead_unit")
        .filter(pk=pk, plan__in=plans_visible_to(user))
        .first()
    )
    if task is None:
        raise NotFound(_("Không tìm thấy nhiệm vụ."))
    return task


def task_updates(task: PlanTask) -> QuerySet[TaskUpdate]:
    return task.updates.prefetch_related("evidence").order_by("-at", "-pk")


def can_update_task(user: User, task: PlanTask) -> bool:
    """The lead unit's people (or those above it); the plan's unit when no lead unit matched."""
    if not user.is_authenticated or user.role not in STAFF_ROLES:
        return False
    if is_superadmin(user):
        return True
    unit_id = task.lead_unit_id or task.plan.unit_id
    return unit_id in member_subtree_ids(user.pk)


def evidence_get(*, task_id: int, evidence_id: int, user: User):  # type: ignore[no-untyped-def]
    from motcua.reporting.models import TaskEvidence

    task = task_get(pk=task_id, user=user)
    evidence = TaskEvidence.objects.filter(pk=evidence_id, update__task=task).first()
    if evidence is None:
        raise NotFound(_("Không tìm thấy tệp minh chứng."))
    return evidence


def reporting_units_categories() -> QuerySet[ReportingUnit]:
    return ReportingUnit.objects.select_related("unit", "category")
