"""The II.06a statistics report (Circular 01/2020/TT-VPCP): for a unit and its sub-units over a
period, how many dossiers were received, resolved, still in progress, per field and per unit.

Every count comes from one aggregate query grouped by (agency, field), with one
`Count(filter=...)` per column built from the period rules of `motcua.dossiers.statistics`;
the per-field and per-unit subtotals and the total are sums of those counts. No dossier row is
loaded into Python. By construction of those rules the columns reconcile:
received = online + direct or postal + carried over = resolved + in progress + ended unresolved.
A period not over yet is counted up to now (the data cut-off): what is still open is judged
within time or overdue now, not at the period's future end.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date, datetime

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from motcua.accounts.models import Role, User
from motcua.core import clock
from motcua.core.exceptions import InvalidInput, NotAllowed
from motcua.core.periods import Period, period_from_params
from motcua.dossiers import statistics as rules
from motcua.dossiers.models import Channel, Dossier, Outcome
from motcua.organization.models import Unit
from motcua.organization.selectors import member_subtree_ids, subtree_filter

# Who may read the statistics: the people who handle dossiers and the administrator. Schools
# report through the periodic reports, citizens see the published aggregates.
STATISTICS_ROLES = frozenset({Role.OFFICER, Role.SPECIALIST, Role.HEAD, Role.ADMIN})


@dataclass
class Counts:
    """One row of II.06a; the numbers of the form's columns (3) to (13), then the dossiers
    that ended without a result in the period (refused, withdrawn, stopped)."""

    received_total: int = 0  # (3) = (4) + (5) + (6)
    received_online: int = 0  # (4)
    received_direct_postal: int = 0  # (5)
    carried_over: int = 0  # (6)
    resolved_total: int = 0  # (7) = (8) + (9) + (10)
    resolved_early: int = 0  # (8)
    resolved_on_time: int = 0  # (9)
    resolved_late: int = 0  # (10)
    in_progress_total: int = 0  # (11) = (12) + (13)
    in_progress_within: int = 0  # (12)
    in_progress_overdue: int = 0  # (13)
    ended_unresolved: int = 0  # (14); (3) = (7) + (11) + (14)

    def add(self, other: Counts) -> None:
        for name in COLUMNS:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def values(self) -> list[int]:
        return [getattr(self, name) for name in COLUMNS]

    @property
    def reconciles(self) -> bool:
        """The identities of the form hold for this row."""
        return (
            self.received_total
            == self.received_online + self.received_direct_postal + self.carried_over
            == self.resolved_total + self.in_progress_total + self.ended_unresolved
            and self.resolved_total
            == self.resolved_early + self.resolved_on_time + self.resolved_late
            and self.in_progress_total == self.in_progress_within + self.in_progress_overdue
        )


COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(Counts))


@dataclass
class Line:
    """A field of one unit, or of the whole report."""

    field_id: int
    field_name: str
    counts: Counts = field(default_factory=Counts)


@dataclass
class UnitBlock:
    """A unit that dealt with dossiers in the period: its subtotal and its fields."""

    unit_id: int
    unit_name: str
    counts: Counts = field(default_factory=Counts)
    fields: list[Line] = field(default_factory=list)


@dataclass
class Report:
    unit: Unit
    period: Period
    by_field: list[Line]  # the official form: one row per field, the whole subtree together
    by_unit: list[UnitBlock]  # the same counts unit by unit (units without dossiers left out)
    total: Counts
    unit_count: int  # units covered: the unit and every unit below it
    until: datetime  # the data cut-off: the period's end, or the instant asked when earlier

    @property
    def complete(self) -> bool:
        """The period is over: the numbers are final."""
        return self.until >= self.period.end_at

    @property
    def reconciles(self) -> bool:
        """Every row of both tables, and the total, satisfy the form's identities."""
        rows = [self.total, *(line.counts for line in self.by_field)]
        for block in self.by_unit:
            rows += [block.counts, *(line.counts for line in block.fields)]
        return all(counts.reconciles for counts in rows)


# --- who may see what ------------------------------------------------------------------


def require_may_view_statistics(user: User) -> None:
    if not user.is_authenticated or user.role not in STATISTICS_ROLES:
        raise NotAllowed(
            _("Thống kê kết quả giải quyết thủ tục hành chính chỉ dành cho cán bộ xử lý hồ sơ.")
        )


def statistics_units(user: User) -> QuerySet[Unit]:
    """The units whose statistics the person may read: their own and every unit below (the
    system's administrator: every unit), in tree order."""
    require_may_view_statistics(user)
    if user.role == Role.ADMIN and user.is_superuser:
        return Unit.objects.order_by("path")
    return Unit.objects.filter(pk__in=member_subtree_ids(user.pk)).order_by("path")


@dataclass(frozen=True)
class ReportRequest:
    unit: Unit
    period: Period


def ii06a_request(user: User, params: Mapping[str, str], *, today: date) -> ReportRequest:
    """`unit` (id; default: the person's first unit) and the period (`period`, `year`,
    `number`, `from`, `to`); every bad parameter is reported by its name."""
    units = statistics_units(user)
    errors: dict[str, list[str]] = {}
    unit = None
    raw = (params.get("unit") or "").strip()
    if not raw:
        unit = units.filter(pk__in=user.units.values("pk")).first() or units.first()
        if unit is None:
            errors["unit"] = [_("Tài khoản chưa thuộc đơn vị nào; hãy chọn đơn vị (unit).")]
    elif not raw.isdigit():
        errors["unit"] = [_("Tham số unit phải là mã số của đơn vị.")]
    else:
        unit = units.filter(pk=int(raw)).first()
        if unit is None:
            errors["unit"] = [_("Tham số unit: đơn vị không tồn tại hoặc ngoài phạm vi của bạn.")]
    period = None
    try:
        period = period_from_params(params, today=today)
    except InvalidInput as exc:
        errors.update(exc.errors)
    if errors:
        first = next(iter(errors.values()))[0]
        raise InvalidInput(first, errors=errors)
    assert unit is not None and period is not None
    return ReportRequest(unit=unit, period=period)


# --- the numbers ------------------------------------------------------------------------


def cutoff(period: Period, at: datetime) -> datetime:
    """Where counting stops: the end of the period, or `at` when the period is not over (never
    before the period's start)."""
    return max(period.start_at, min(period.end_at, at))


def _aggregates(start: datetime, end: datetime) -> dict[str, Count]:
    arrived = rules.arrived_in(start, end)
    resolved = rules.resolved_in(start, end)
    online = Q(channel=Channel.ONLINE)
    return {
        # Every row the query keeps is in scope (see `ii06a`): (3) counts them all, so the
        # identities are a real check on the other columns, each counted on its own.
        "received_total": Count("pk"),
        "received_online": Count("pk", filter=arrived & online),
        "received_direct_postal": Count(
            "pk", filter=arrived & Q(channel__in=[Channel.DIRECT, Channel.POSTAL])
        ),
        "carried_over": Count("pk", filter=rules.carried_over(start)),
        "resolved_total": Count("pk", filter=resolved),
        "resolved_early": Count("pk", filter=resolved & rules.resolved_with(Outcome.EARLY)),
        "resolved_on_time": Count("pk", filter=resolved & rules.resolved_with(Outcome.ON_TIME)),
        "resolved_late": Count("pk", filter=resolved & rules.resolved_with(Outcome.LATE)),
        "in_progress_total": Count("pk", filter=rules.open_at(end)),
        "in_progress_within": Count("pk", filter=rules.open_within_time_at(end)),
        "in_progress_overdue": Count("pk", filter=rules.open_late_at(end)),
        "ended_unresolved": Count("pk", filter=rules.ended_unresolved_in(start, end)),
    }


def ii06a_counts(unit_ids: list[int], start: datetime, end: datetime) -> list[dict]:
    """One row per (agency, field) that dealt with dossiers in `[start, end)`: the ids, the
    field's name and the twelve counts. One query."""
    return list(
        Dossier.objects.filter(agency_id__in=unit_ids)
        .filter(rules.in_scope(start, end))
        .values("agency_id", "procedure__field_id", "procedure__field__name")
        .annotate(**_aggregates(start, end))
        .order_by()
    )


def ii06a(unit: Unit, period: Period, *, at: datetime | None = None) -> Report:
    """Form II.06a for `unit` and every unit below it over `period`, counted up to `at`
    (default: now) when the period is not over. Two queries: the units of the subtree, then
    the counts."""
    until = cutoff(period, at or clock.now())
    units = list(
        Unit.objects.filter(subtree_filter([unit])).order_by("path").values_list("pk", "name")
    )
    order = {pk: index for index, (pk, _name) in enumerate(units)}
    names = dict(units)
    groups = ii06a_counts(list(order), period.start_at, until)

    total = Counts()
    by_field: dict[int, Line] = {}
    by_unit: dict[int, UnitBlock] = {}
    for group in groups:
        counts = Counts(**{name: group[name] for name in COLUMNS})
        field_id, field_name = group["procedure__field_id"], group["procedure__field__name"]
        agency_id = group["agency_id"]
        total.add(counts)
        by_field.setdefault(field_id, Line(field_id, field_name)).counts.add(counts)
        block = by_unit.setdefault(agency_id, UnitBlock(agency_id, names[agency_id]))
        block.counts.add(counts)
        block.fields.append(Line(field_id, field_name, counts))
    for block in by_unit.values():
        block.fields.sort(key=lambda line: (line.field_name, line.field_id))
    return Report(
        unit=unit,
        period=period,
        by_field=sorted(by_field.values(), key=lambda line: (line.field_name, line.field_id)),
        by_unit=sorted(by_unit.values(), key=lambda block: order[block.unit_id]),
        total=total,
        unit_count=len(units),
        until=until,
    )


# --- the paper's heading ----------------------------------------------------------------


def receiving_unit_name(unit: Unit) -> str:
    """Who the report goes to: `MOTCUA_STATISTICS_RECEIVER` when set (e.g. "Văn phòng Ủy ban
    nhân dân Quận 11"), else the unit's parent; empty for a top unit."""
    configured = getattr(settings, "MOTCUA_STATISTICS_RECEIVER", "")
    if configured:
        return str(configured)
    parent = Unit.objects.get_parent(unit)
    return parent.name if parent else ""
