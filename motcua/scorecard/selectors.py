"""Reads of the Decision 766 index: which units a person may look at, the index of a unit (and
every unit below it) for a period, computed live by the database, and the rows that lost
points. What each criterion counts lives in `measures`, the arithmetic in `scoring`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import connection, transaction
from django.db.models import BooleanField, Case, Count, Max, Q, QuerySet, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.accounts.models import STAFF_ROLES, Role, User
from motcua.core.clock import now
from motcua.core.exceptions import InvalidInput, NotAllowed, NotFound
from motcua.core.periods import Period
from motcua.feedback import selectors as feedback_selectors
from motcua.organization.models import Unit
from motcua.organization.selectors import member_subtree_ids
from motcua.scorecard import measures, scoring
from motcua.scorecard.models import Criterion

# --- who sees which unit -------------------------------------------------------------------


def is_index_staff(user: Any) -> bool:
    return bool(user.is_authenticated and user.role in STAFF_ROLES)


def visible_units(user: User) -> QuerySet[Unit]:
    """Staff see the index of their units and every unit below; a superuser administrator
    sees every unit. Anyone else: 403 (the public page has its own entry)."""
    if not is_index_staff(user):
        raise NotAllowed(_("Chỉ cán bộ, công chức xem được trang này."))
    units = Unit.objects.order_by("path")
    if user.role == Role.ADMIN and user.is_superuser:
        return units
    return units.filter(pk__in=member_subtree_ids(user.pk))


def unit_param(raw: str | None, name: str = "unit") -> int | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError as exc:
        raise InvalidInput(
            _("%(name)s phải là mã số đơn vị.") % {"name": name}, field=name
        ) from exc


def unit_for(user: User, unit_id: int | None) -> Unit:
    """The unit asked for, if the person may see its index; by default their highest unit."""
    units = visible_units(user)
    if unit_id is None:
        unit = units.order_by("depth", "path").first()
        if unit is None:
            raise NotFound(_("Tài khoản chưa thuộc đơn vị nào."))
        return unit
    unit = units.filter(pk=unit_id).first()
    if unit is None:
        if Unit.objects.filter(pk=unit_id).exists():
            raise NotAllowed(_("Bạn không có quyền xem chỉ số của đơn vị này."))
        raise NotFound(_("Không tìm thấy đơn vị."), field="unit")
    return unit


def public_units() -> QuerySet[Unit]:
    return Unit.objects.filter(is_active=True).order_by("path")


def public_unit(unit_id: int | None) -> Unit:
    """The public page: any active unit; by default the top of the tree."""
    units = public_units()
    unit = units.filter(pk=unit_id).first() if unit_id is not None else units.first()
    if unit is None:
        raise NotFound(_("Không tìm thấy đơn vị."), field="unit")
    return unit


def subtree_ids(unit: Unit) -> list[int]:
    return list(
        Unit.objects.filter(path__startswith=unit.path).order_by().values_list("pk", flat=True)
    )


# --- the index -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """One share a composite ratio is made of (6.3: late dossiers, dissatisfied ratings)."""

    label: Any  # a lazy translation: the public index is cached across languages
    numerator: int
    denominator: int
    ratio: Decimal | None


NOT_CONFIGURED = gettext_lazy("Tiêu chí không áp dụng cho đơn vị.")
NO_MEASURE = gettext_lazy("Hệ thống chưa có số liệu cho tiêu chí này.")
NO_DENOMINATOR = gettext_lazy("Không có số liệu trong kỳ (mẫu số bằng 0).")
NOTHING_TO_RATE = gettext_lazy("Không có hồ sơ, đánh giá trong kỳ.")
LATE_PART = gettext_lazy("Hồ sơ quá hạn (tiêu chí 2.1)")
UNHAPPY_PART = gettext_lazy("Đánh giá không hài lòng")


@dataclass(frozen=True)
class CriterionResult:
    code: str
    group: int
    group_name: str
    name: str
    description: str
    numerator: int | None
    denominator: int | None
    ratio: Decimal | None  # per cent, 2 decimals
    threshold: Decimal
    points: Decimal | None
    max_points: Decimal
    applicable: bool  # applies and has something to count
    reason: Any  # why not, when it does not apply (text, or a lazy translation)
    is_assumption: bool
    parts: tuple[Part, ...] = ()  # the shares of a ratio that is not one fraction
    has_losses: bool = False  # a drill-down lists the rows that lost points


@dataclass(frozen=True)
class GroupResult:
    number: int
    name: str
    criteria: list[CriterionResult]
    points: Decimal  # applicable criteria only
    max_points: Decimal  # applicable criteria only
    configured_max: Decimal


@dataclass(frozen=True)
class AverageTime:
    dossiers: int
    working_days: Decimal | None  # mean working days from the day of receipt to resolution


@dataclass(frozen=True)
class Index:
    unit: Unit
    period: Period
    as_of: datetime  # dossiers still open are judged at this instant
    groups: list[GroupResult]
    total: scoring.Total
    average: AverageTime
    criteria: list[CriterionResult] = field(default_factory=list)

    @property
    def is_partial(self) -> bool:
        """The period is not over: the numbers are as of now."""
        return self.as_of < self.period.end_at

    def criterion(self, code: str) -> CriterionResult:
        return next(c for c in self.criteria if c.code == code)


@contextmanager
def reporting_reads() -> Iterator[None]:
    """One read transaction, on PostgreSQL without JIT compilation: these aggregates scan a
    large share of a big table, so their estimated cost passes `jit_above_cost`, and compiling
    the expressions takes longer (≈ 0.5 s at a million dossiers) than it saves."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
        yield


def scope_for(unit: Unit, period: Period, at: datetime | None = None) -> measures.Scope:
    instant = at or now()
    return measures.Scope(
        unit_ids=subtree_ids(unit),
        start=period.start_at,
        end=period.end_at,
        as_of=max(min(period.end_at, instant), period.start_at),
    )


def _alias(code: str) -> str:
    return code.replace(".", "_")


def _counts(queryset: QuerySet, rules: dict[str, measures.Rule]) -> dict[str, tuple[int, int]]:
    """(numerator, denominator) of each rule in one aggregate query; the rows none of the
    bases wants are filtered out first."""
    if not rules:
        return {}
    aggregates: dict[str, Count] = {}
    bases: dict[str, Q] = {}
    for code, rule in rules.items():
        bases.setdefault(rule.base_key, rule.base)
        aggregates[f"good_{_alias(code)}"] = Count("pk", filter=rule.base & rule.good)
    for key, base in bases.items():
        aggregates[f"base_{key}"] = Count("pk", filter=base)
    wanted = Q(pk__isnull=True)
    for base in bases.values():
        wanted |= base
    row = queryset.filter(wanted).aggregate(**aggregates)
    return {
        code: (row[f"good_{_alias(code)}"], row[f"base_{rule.base_key}"])
        for code, rule in rules.items()
    }


def _satisfaction(
    late: int, progress: int, dissatisfied: int, rated: int
) -> tuple[Fraction | None, tuple[Part, ...]]:
    """6.3: 100% − (share of dossiers late in 2.1 + share of dissatisfied ratings)."""
    if not progress and not rated:
        return None, ()
    overdue = scoring.ratio(late, progress)
    unhappy = scoring.ratio(dissatisfied, rated)
    parts = (
        Part(LATE_PART, late, progress, scoring.percent(overdue) if overdue is not None else None),
        Part(
            UNHAPPY_PART,
            dissatisfied,
            rated,
            scoring.percent(unhappy) if unhappy is not None else None,
        ),
    )
    return 1 - (overdue or 0) - (unhappy or 0), parts


def criteria_config() -> list[Criterion]:
    return list(Criterion.objects.all())


def index_for(unit: Unit, period: Period, *, at: datetime | None = None) -> Index:
    """The index of `unit` and every unit below it for `period`: each criterion's numerator,
    denominator, ratio, points; the groups' subtotals and the total out of 100. A handful of
    aggregate queries whatever the number of dossiers."""
    with reporting_reads():
        return _index_for(unit, period, at)


def _index_for(unit: Unit, period: Period, at: datetime | None) -> Index:
    scope = scope_for(unit, period, at)
    criteria = criteria_config()
    wanted = {c.code for c in criteria if c.applicable and c.code in measures.MEASURED}
    counts: dict[str, tuple[int, int]] = {}

    dossier_codes = wanted & measures.DOSSIER_CODES
    if measures.SATISFACTION_CODE in wanted:
        dossier_codes |= {"2.1"}
    average = AverageTime(dossiers=0, working_days=None)
    if dossier_codes:
        found = measures.count_dossiers(scope, measures.procedure_facts(), dossier_codes)
        counts.update(found.counts)
        if "2.1" in wanted and found.resolved:
            days = scoring.rounded(Fraction(found.working_days, found.resolved))
            average = AverageTime(dossiers=found.resolved, working_days=days)
    procedure_codes = wanted & measures.PROCEDURE_CODES
    if procedure_codes:
        rules = measures.procedure_rules(scope)
        counts.update(_counts(measures.procedures(scope), {c: rules[c] for c in procedure_codes}))
    window = {"start": scope.start, "end": scope.end, "unit_ids": scope.unit_ids}
    if "6.1" in wanted:
        timely = feedback_selectors.feedback_timeliness(**window)
        counts["6.1"] = (timely.on_time, timely.closed)
    if "6.2" in wanted:
        answers = feedback_selectors.answer_satisfaction(**window)
        counts["6.2"] = (answers.satisfied, answers.rated)
    satisfaction: tuple[Fraction | None, tuple[Part, ...]] = (None, ())
    if measures.SATISFACTION_CODE in wanted:
        rated = feedback_selectors.dossier_satisfaction(**window)
        on_time, progress = counts["2.1"]
        satisfaction = _satisfaction(progress - on_time, progress, rated.dissatisfied, rated.rated)

    results = [_result(c, wanted, counts, satisfaction) for c in criteria]
    groups = _groups(results)
    total = scoring.total((r.points, r.max_points) for r in results)
    return Index(
        unit=unit,
        period=period,
        as_of=scope.as_of,
        groups=groups,
        total=total,
        average=average,
        criteria=results,
    )


def _result(
    criterion: Criterion,
    wanted: set[str],
    counts: dict[str, tuple[int, int]],
    satisfaction: tuple[Fraction | None, tuple[Part, ...]],
) -> CriterionResult:
    code = criterion.code
    common = {
        "code": code,
        "group": criterion.group,
        "group_name": criterion.group_name,
        "name": criterion.name,
        "description": criterion.description,
        "threshold": criterion.threshold,
        "max_points": criterion.max_points,
        "is_assumption": criterion.is_assumption,
        "has_losses": code in measures.MEASURED,
    }
    not_applicable = {
        "numerator": None,
        "denominator": None,
        "ratio": None,
        "points": None,
        "applicable": False,
    }
    if not criterion.applicable:
        reason = criterion.reason or NOT_CONFIGURED
        return CriterionResult(**{**common, "has_losses": False}, **not_applicable, reason=reason)
    if code not in wanted:
        return CriterionResult(
            **{**common, "has_losses": False},
            **not_applicable,
            reason=NO_MEASURE,
        )
    if code == measures.SATISFACTION_CODE:
        share, parts = satisfaction
        if share is None:
            return CriterionResult(**common, **not_applicable, reason=NOTHING_TO_RATE)
        return CriterionResult(
            **common,
            numerator=None,
            denominator=None,
            ratio=scoring.percent(share),
            points=scoring.points(
                share, threshold=criterion.threshold, max_points=criterion.max_points
            ),
            applicable=True,
            reason="",
            parts=parts,
        )
    numerator, denominator = counts[code]
    share = scoring.ratio(numerator, denominator)
    if share is None:
        return CriterionResult(
            **common,
            numerator=numerator,
            denominator=denominator,
            ratio=None,
            points=None,
            applicable=False,
            reason=NO_DENOMINATOR,
        )
    return CriterionResult(
        **common,
        numerator=numerator,
        denominator=denominator,
        ratio=scoring.percent(share),
        points=scoring.points(
            share, threshold=criterion.threshold, max_points=criterion.max_points
        ),
        applicable=True,
        reason="",
    )


def _groups(results: list[CriterionResult]) -> list[GroupResult]:
    groups: dict[int, list[CriterionResult]] = {}
    for result in results:
        groups.setdefault(result.group, []).append(result)
    out = []
    for number in sorted(groups):
        members = groups[number]
        subtotal = scoring.total((r.points, r.max_points) for r in members)
        out.append(
            GroupResult(
                number=number,
                name=members[0].group_name,
                criteria=members,
                points=subtotal.points,
                max_points=subtotal.max_points,
                configured_max=sum((r.max_points for r in members), Decimal("0")),
            )
        )
    return out


PUBLIC_CACHE_SECONDS = 300


def public_index(unit: Unit, period: Period) -> Index:
    """The index for the public page and API: the same numbers, kept five minutes per unit,
    period and configuration (a year at a million dossiers costs about a second of database
    time, and anyone may ask)."""
    version = Criterion.objects.aggregate(changed=Max("updated_at"), rows=Count("pk"))
    changed = version["changed"].timestamp() if version["changed"] else 0
    key = (
        f"scorecard:public:{unit.pk}:{period.start.isoformat()}:{period.end.isoformat()}:"
        f"{changed}:{version['rows']}"
    )
    index = cache.get(key)
    if index is None:
        index = index_for(unit, period)
        cache.set(key, index, PUBLIC_CACHE_SECONDS)
    return index


# --- the rows that lost points -------------------------------------------------------------


@dataclass(frozen=True)
class Losses:
    criterion: Criterion
    kind: str
    rows: QuerySet  # annotated with one boolean `why_<reason>` per reason
    reasons: list[str]


def _flags(reasons: dict[str, Q]) -> dict[str, Case]:
    return {
        f"why_{code}": Case(
            When(condition, then=Value(True)), default=Value(False), output_field=BooleanField()
        )
        for code, condition in reasons.items()
    }


def criterion_losses(
    unit: Unit, period: Period, code: str, *, at: datetime | None = None
) -> Losses:
    """The rows that cost `code` its points, each annotated (in the database) with why: the
    dossiers (by receipt), procedures (by code) or feedback items of the unit's subtree."""
    criterion = Criterion.objects.filter(code=code).first()
    if criterion is None or code not in measures.MEASURED:
        raise NotFound(_("Không có danh sách mất điểm cho tiêu chí %(code)s.") % {"code": code})
    scope = scope_for(unit, period, at)
    if code in measures.DOSSIER_CODES or code == measures.SATISFACTION_CODE:
        rule = measures.dossier_rules(scope, measures.procedure_facts())[
            "2.1" if code == measures.SATISFACTION_CODE else code
        ]
        reasons = dict(rule.reasons)
        losing = rule.base & ~rule.good
        if code == measures.SATISFACTION_CODE:
            unhappy = measures.dissatisfied_rating(scope)
            losing = losing | unhappy
            reasons["dissatisfied"] = unhappy
        rows = (
            measures.dossiers(scope)
            .filter(losing)
            .select_related("procedure", "agency")
            .annotate(**_flags(reasons))
            .order_by("received_at", "pk")
        )
        return Losses(criterion, measures.DOSSIER, rows, list(reasons))
    if code in measures.PROCEDURE_CODES:
        rule = measures.procedure_rules(scope)[code]
        rows = (
            measures.procedures(scope)
            .filter(rule.base & ~rule.good)
            .select_related("handling_unit")
            .annotate(**_flags(rule.reasons))
            .order_by("code", "version")
        )
        return Losses(criterion, measures.PROCEDURE, rows, list(rule.reasons))
    rule = measures.FEEDBACK_RULES[code]
    if rule.kind == measures.FEEDBACK:
        rows = (
            measures.closed_feedback(scope)
            .filter(rule.base & ~rule.good)
            .select_related("unit")
            .annotate(**_flags(rule.reasons))
            .order_by("closed_at", "pk")
        )
    else:
        rows = (
            measures.answer_ratings(scope)
            .filter(rule.base & ~rule.good)
            .select_related("feedback", "feedback__unit")
            .annotate(**_flags(rule.reasons))
            .order_by("rated_at", "pk")
        )
    return Losses(criterion, rule.kind, rows, list(rule.reasons))


@dataclass(frozen=True)
class LossRow:
    kind: str
    id: int
    reference: str  # dossier code, procedure code, feedback tracking code
    title: str
    unit: str
    at: datetime | None  # received, closed or rated
    due_at: datetime | None
    reasons: list[tuple[str, str]]  # (code, label)


def loss_rows(losses: Losses, objects: Any) -> list[LossRow]:
    """The page's rows as plain values, with the reasons the database flagged."""
    rows = []
    for obj in objects:
        why = [
            (code, str(measures.REASONS[code]))
            for code in losses.reasons
            if getattr(obj, f"why_{code}")
        ]
        if losses.kind == measures.DOSSIER:
            rows.append(
                LossRow(
                    losses.kind,
                    obj.pk,
                    obj.code,
                    obj.procedure.name,
                    obj.agency.name,
                    obj.received_at,
                    obj.appointment_at,
                    why,
                )
            )
        elif losses.kind == measures.PROCEDURE:
            rows.append(
                LossRow(
                    losses.kind,
                    obj.pk,
                    obj.code,
                    obj.name,
                    obj.handling_unit.name,
                    None,
                    None,
                    why,
                )
            )
        elif losses.kind == measures.FEEDBACK:
            rows.append(
                LossRow(
                    losses.kind,
                    obj.pk,
                    obj.tracking_code,
                    obj.title,
                    obj.unit.name,
                    obj.closed_at,
                    None,
                    why,
                )
            )
        else:
            item = obj.feedback
            rows.append(
                LossRow(
                    losses.kind,
                    obj.pk,
                    item.tracking_code,
                    item.title,
                    item.unit.name,
                    obj.rated_at,
                    None,
                    why,
                )
            )
    return rows


@dataclass(frozen=True)
class LossPage:
    page: Page
    rows: list[LossRow]


def losses_page(losses: Losses, number: Any, *, per_page: int = 50) -> LossPage:
    """One page of the losses (the count and the rows read in one reporting transaction)."""
    with reporting_reads():
        page = Paginator(losses.rows, per_page).get_page(number)
        return LossPage(page=page, rows=loss_rows(losses, page.object_list))
