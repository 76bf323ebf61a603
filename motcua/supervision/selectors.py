"""Reads of the control room and the procedure review, limited to what the person may see.

Every number is counted by the database: one aggregate query with a `Count(filter=...)` per
number. A number and the list it opens are the same condition (`flag_condition`) on the same
dossiers (`control_room_scope`), so they always agree. Conditions on dates follow
`dossiers.statistics` (arrived, resolved, on time) and `dossiers.rules.is_overdue` (past the
date shown to the citizen: the extended one when there is one).
"""

import operator
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cached_property, reduce

from django.db import models
from django.db.models import Count, F, Max, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.accounts.models import Role, User
from motcua.catalog.models import Procedure, ProcedureStatus, ProcessStep
from motcua.catalog.selectors import published_procedures
from motcua.core.clock import VIETNAM_TZ, local
from motcua.core.exceptions import NotAllowed
from motcua.core.periods import Period
from motcua.dossiers import statistics
from motcua.dossiers.models import Dossier, Outcome, Pause, PauseKind
from motcua.dossiers.selectors import dossiers_visible_to
from motcua.dossiers.workflow import CLOCK_RUNNING, OPEN, Status
from motcua.feedback.models import Feedback
from motcua.feedback.selectors import feedback_visible_to, overdue_filter
from motcua.feedback.selectors import proposals as feedback_proposals
from motcua.organization.selectors import member_subtree_ids
from motcua.supervision.models import StepDuration
from motcua.workdays.clock import WorkCalendar
from motcua.workdays.selectors import get_work_calendar

_OPEN = sorted(OPEN)
_RUNNING = sorted(CLOCK_RUNNING)


# --- who sees what ----------------------------------------------------------------------


class ScopeKind(models.TextChoices):
    UNITS = "units", gettext_lazy("Hồ sơ của các đơn vị")
    ASSIGNED = "assigned", gettext_lazy("Hồ sơ đang giao cho tôi")


# The head (and the administrator) controls their units; the one-stop officer already sees
# every dossier of their units in the queue, so sees the same numbers. A specialist sees the
# dossiers assigned to them now.
UNIT_ROLES = frozenset({Role.HEAD, Role.ADMIN, Role.OFFICER})
REVIEW_ROLES = frozenset({Role.HEAD, Role.ADMIN, Role.SPECIALIST})


@dataclass(frozen=True)
class Scope:
    kind: str
    dossiers: QuerySet[Dossier]
    feedback: QuerySet[Feedback]

    @property
    def label(self) -> str:
        return str(ScopeKind(self.kind).label)


def control_room_scope(user: User) -> Scope:
    """The dossiers and feedback whose numbers the person sees; 403 for anyone else."""
    if user.is_authenticated and user.role in UNIT_ROLES:
        return Scope(ScopeKind.UNITS, dossiers_visible_to(user), feedback_visible_to(user))
    if user.is_authenticated and user.role == Role.SPECIALIST:
        return Scope(
            ScopeKind.ASSIGNED,
            dossiers_visible_to(user).filter(assignee=user),
            feedback_visible_to(user).filter(assignee=user),
        )
    raise NotAllowed(_("Trang điều hành dành cho lãnh đạo, chuyên viên và cán bộ một cửa."))


def require_review_access(user: User) -> None:
    if not (user.is_authenticated and user.role in REVIEW_ROLES):
        raise NotAllowed(_("Trang rà soát thủ tục dành cho lãnh đạo, chuyên viên và quản trị."))


# --- the conditions ---------------------------------------------------------------------


class Flag(models.TextChoices):
    OVERDUE = "overdue", gettext_lazy("Quá hạn")
    DUE_TODAY = "due_today", gettext_lazy("Đến hạn hôm nay")
    AT_RISK = "at_risk", gettext_lazy("Có nguy cơ trễ hạn")
    SUPPLEMENT = "supplement", gettext_lazy("Chờ bổ sung")
    VIOLATIONS = "violations", gettext_lazy("Bổ sung nhiều lần (vi phạm)")
    EXTENDED = "extended", gettext_lazy("Đã gia hạn")
    STOPPED = "stopped", gettext_lazy("Dừng xử lý trong kỳ")


# A stopped dossier keeps no assignee: the specialist's page has no such number.
SCOPE_FLAGS = {
    ScopeKind.UNITS: list(Flag),
    ScopeKind.ASSIGNED: [flag for flag in Flag if flag != Flag.STOPPED],
}
FLAG_TONES = {
    Flag.OVERDUE: "bad",
    Flag.VIOLATIONS: "bad",
    Flag.AT_RISK: "warn",
    Flag.DUE_TODAY: "warn",
}
FLAG_HELP = {
    Flag.OVERDUE: gettext_lazy("Chưa xong và đã qua ngày hẹn trả (ngày gia hạn nếu có)."),
    Flag.DUE_TODAY: gettext_lazy("Chưa xong, hẹn trả trong hôm nay và chưa quá giờ hẹn."),
    Flag.AT_RISK: gettext_lazy(
        "Đang xử lý, thời gian làm việc còn lại ít hơn thời gian các bước còn lại thường mất "
        "(trung vị)."
    ),
    Flag.SUPPLEMENT: gettext_lazy("Đang chờ người nộp bổ sung, hoàn thiện hồ sơ."),
    Flag.VIOLATIONS: gettext_lazy(
        "Bị yêu cầu bổ sung từ hai lần: hồ sơ chưa xong, và hồ sơ có lần yêu cầu thứ hai trong kỳ."
    ),
    Flag.EXTENDED: gettext_lazy("Chưa xong, đã có phiếu xin lỗi và gia hạn."),
    Flag.STOPPED: gettext_lazy("Dừng xử lý theo đề nghị của người nộp trong kỳ."),
}


def appointment_before(instant: datetime) -> Q:
    """The date shown to the citizen (the extended one, else the due date) is before."""
    return Q(extended_due_at__isnull=True, due_at__lt=instant) | Q(extended_due_at__lt=instant)


def appointment_from(instant: datetime) -> Q:
    """The date shown to the citizen is at or after `instant`."""
    return Q(extended_due_at__isnull=True, due_at__gte=instant) | Q(extended_due_at__gte=instant)


def _never() -> Q:
    return Q(pk__isnull=True)


def _working_steps(steps: list[tuple]) -> list[tuple]:
    """The steps that count against the appointment: when the process ends with an officer's
    step after the approval (handing the result back), that step runs once the dossier is
    resolved, as `dossiers.services._approve` does."""
    if len(steps) > 1 and steps[-1][2] == Role.OFFICER:
        return steps[:-1]
    return steps


def remaining_seconds_by_step() -> dict[int, int]:
    """`{step id: office seconds the steps from it to the approval usually take}`: the sum of
    each remaining step's median (`StepDuration`, by procedure code and order), or its
    configured hours when there is no history. Two small queries (the internal processes)."""
    medians = {
        (code, order): seconds
        for code, order, seconds in StepDuration.objects.values_list(
            "procedure_code", "step_order", "median_seconds"
        )
    }
    by_procedure: dict[int, list[tuple]] = defaultdict(list)
    for pk, procedure_id, code, order, role, hours in ProcessStep.objects.order_by(
        "procedure_id", "order", "pk"
    ).values_list("pk", "procedure_id", "procedure__code", "order", "role", "hours"):
        by_procedure[procedure_id].append((pk, (code, order), role, hours))
    remaining: dict[int, int] = {}
    for steps in by_procedure.values():
        total = 0
        for pk, key, _role, hours in reversed(_working_steps(steps)):
            total += medians.get(key, int(hours * 3600))
            remaining[pk] = total
    return remaining


def at_risk_condition(
    now: datetime, calendar: WorkCalendar, remaining: dict[int, int] | None = None
) -> Q:
    """Being worked on (the clock runs), not yet overdue, and the appointment comes before
    `now` plus the office time the remaining steps usually take. The instant is computed per
    step here (a few hundred at most, grouped when equal); the comparison is the database's."""
    remaining = remaining_seconds_by_step() if remaining is None else remaining
    by_deadline: dict[datetime, list[int]] = defaultdict(list)
    for step_id, seconds in remaining.items():
        by_deadline[calendar.add_working_hours(now, timedelta(seconds=seconds))].append(step_id)
    branches = [
        Q(current_step_id__in=sorted(ids)) & appointment_before(deadline)
        for deadline, ids in sorted(by_deadline.items())
    ]
    return (
        Q(status__in=_RUNNING)
        & appointment_from(now)
        & (reduce(operator.or_, branches) if branches else _never())
    )


class FlagContext:
    """The instants a set of conditions is judged at: `now`, the end of today (Vietnam time),
    the selected period. The at-risk condition is built on first use (it reads the processes,
    the step durations and the calendar)."""

    def __init__(
        self, *, now: datetime, period: Period, calendar: WorkCalendar | None = None
    ) -> None:
        self.now = now
        self.period = period
        self._calendar = calendar
        today = local(now).date()
        self.day_end = datetime.combine(today + timedelta(days=1), time(), tzinfo=VIETNAM_TZ)

    @cached_property
    def at_risk(self) -> Q:
        return at_risk_condition(self.now, self._calendar or get_work_calendar())

    def violations(self) -> Q:
        """Supplemented more than once: the second (or a later) request made in the period, or
        the dossier still open. Read from the pauses (a few per cent of the dossiers have one;
        the services number the requests and set `multiple_supplements` together): as an OR
        on the dossiers, PostgreSQL read the whole table."""
        requests = Pause.objects.filter(kind=PauseKind.SUPPLEMENT, number__gte=2).filter(
            Q(started_at__gte=self.period.start_at, started_at__lt=self.period.end_at)
            | Q(dossier__status__in=_OPEN)
        )
        return Q(multiple_supplements=True, pk__in=requests.values("dossier_id"))

    def stopped_in_period(self) -> Q:
        return Q(
            status=Status.STOPPED,
            closed_at__gte=self.period.start_at,
            closed_at__lt=self.period.end_at,
        )


def flag_condition(flag: str, context: FlagContext) -> Q:
    """The condition of one number of the control room, on `Dossier`."""
    now = context.now
    if flag == Flag.OVERDUE:
        return Q(status__in=_OPEN) & appointment_before(now)
    if flag == Flag.DUE_TODAY:
        return Q(status__in=_OPEN) & appointment_from(now) & appointment_before(context.day_end)
    if flag == Flag.AT_RISK:
        return context.at_risk
    if flag == Flag.SUPPLEMENT:
        return Q(status=Status.WAITING_SUPPLEMENT)
    if flag == Flag.VIOLATIONS:
        return context.violations()
    if flag == Flag.EXTENDED:
        return Q(status__in=_OPEN, extended_due_at__isnull=False)
    if flag == Flag.STOPPED:
        return context.stopped_in_period()
    raise ValueError(flag)


# --- the numbers ------------------------------------------------------------------------


@dataclass(frozen=True)
class FlagCount:
    flag: Flag
    count: int

    @property
    def label(self) -> str:
        return str(self.flag.label)

    @property
    def help(self) -> str:
        return str(FLAG_HELP[self.flag])

    @property
    def tone(self) -> str:
        return FLAG_TONES.get(self.flag, "") if self.count else ""


def flag_counts(scope: Scope, context: FlagContext) -> list[FlagCount]:
    """Every number of the scope: one aggregate query over the open dossiers (a few per cent
    of the table, read through the open-status index) for the numbers about open dossiers,
    then one count each for the violations (through the pauses) and the stopped ones (through
    the status index)."""
    flags = SCOPE_FLAGS[ScopeKind(scope.kind)]
    apart = [flag for flag in flags if flag in (Flag.VIOLATIONS, Flag.STOPPED)]
    counts = scope.dossiers.filter(status__in=_OPEN).aggregate(
        **{
            flag.value: Count("pk", filter=flag_condition(flag, context))
            for flag in flags
            if flag not in apart
        }
    )
    for flag in apart:
        counts[flag.value] = scope.dossiers.filter(flag_condition(flag, context)).count()
    return [FlagCount(flag, counts[flag.value]) for flag in flags]


def flagged_dossiers(scope: Scope, flag: str, context: FlagContext) -> QuerySet[Dossier]:
    """The list behind a number, in the queue's order (earliest due date first)."""
    return (
        scope.dossiers.filter(flag_condition(flag, context))
        .select_related("procedure", "current_step", "assignee")
        .order_by(F("due_at").asc(nulls_last=True), "pk")
    )


def feedback_overdue_count(scope: Scope, now: datetime) -> int:
    return scope.feedback.filter(overdue_filter(now)).count()


# --- the charts -------------------------------------------------------------------------


@dataclass(frozen=True)
class WeekFlow:
    start: date  # Monday
    received: int
    resolved: int

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=VIETNAM_TZ)


def _percent(part: int, total: int) -> Decimal:
    """`part` of `total` in per cent to one decimal; 0.0 when there is no total."""
    if not total:
        return Decimal("0.0")
    return (Decimal(part) * 100 / Decimal(total)).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class ProcedureVersions:
    """Procedure versions by id, with each code's name (the published version's, else the
    newest's): dossiers point at a version, the control room speaks of codes."""

    codes: dict[int, str]
    names: dict[str, str]

    @classmethod
    def load(cls, ids: set[int]) -> "ProcedureVersions":
        codes: dict[int, str] = {}
        names: dict[str, str] = {}
        rows = Procedure.objects.filter(
            code__in=Procedure.objects.filter(pk__in=ids).values("code")
        )
        for pk, code, status, name in rows.order_by("code", "-version").values_list(
            "pk", "code", "status", "name"
        ):
            codes[pk] = code
            if code not in names or status == ProcedureStatus.PUBLISHED:
                names[code] = name
        return cls(codes, names)


@dataclass(frozen=True)
class OnTimeShare:
    code: str
    name: str
    resolved: int
    on_time: int  # early or on time
    late: int

    @property
    def share(self) -> Decimal:
        return _percent(self.on_time, self.resolved)


@dataclass(frozen=True)
class Charts:
    weekly: list[WeekFlow]
    on_time: list[OnTimeShare]


def charts(dossiers: QuerySet[Dossier], *, now: datetime, weeks: int, period: Period) -> Charts:
    """The control room's two charts, from one aggregate query grouped by procedure version
    (one pass over the table however many weeks):

    - received (arrived: received, or refused at reception) and resolved in each of the last
      `weeks` weeks, Monday to Sunday in Vietnam time, the current week so far, oldest first;
    - per procedure code, the dossiers resolved in the period and how many early or on time
      (`statistics.resolved_on_time`: two supplement requests are late whatever the dates),
      lowest share first.

    The database counts per version; the few version rows are added up by week and by code."""
    today = local(now).date()
    monday = today - timedelta(days=today.weekday())
    starts = [monday - timedelta(weeks=back) for back in range(weeks - 1, -1, -1)]
    bounds = [_midnight(day) for day in [*starts, monday + timedelta(weeks=1)]]
    first, end = bounds[0], bounds[-1]
    in_period = statistics.resolved_in(period.start_at, period.end_at)
    counts = {
        "resolved": Count("pk", filter=in_period),
        "on_time": Count("pk", filter=in_period & statistics.resolved_on_time()),
        "late": Count("pk", filter=in_period & statistics.resolved_with(Outcome.LATE)),
    }
    for index in range(weeks):
        low, high = bounds[index], bounds[index + 1]
        counts[f"r{index}"] = Count("pk", filter=statistics.arrived_in(low, high))
        counts[f"s{index}"] = Count("pk", filter=statistics.resolved_in(low, high))
    rows = list(
        dossiers.filter(
            statistics.arrived_in(first, end) | statistics.resolved_in(first, end) | in_period
        )
        .values("procedure_id")
        .annotate(**counts)
        .order_by()
    )
    weekly = [
        WeekFlow(
            start=starts[index],
            received=sum(row[f"r{index}"] for row in rows),
            resolved=sum(row[f"s{index}"] for row in rows),
        )
        for index in range(weeks)
    ]
    versions = ProcedureVersions.load({row["procedure_id"] for row in rows})
    by_code: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for row in rows:
        if row["resolved"]:
            total = by_code[versions.codes[row["procedure_id"]]]
            total[0] += row["resolved"]
            total[1] += row["on_time"]
            total[2] += row["late"]
    on_time = [
        OnTimeShare(code, versions.names[code], resolved, timely, late)
        for code, (resolved, timely, late) in by_code.items()
    ]
    return Charts(weekly=weekly, on_time=sorted(on_time, key=lambda s: (s.share, s.code)))


@dataclass
class ControlRoom:
    scope: Scope
    at: datetime
    period: Period
    weeks: int
    counts: list[FlagCount]
    feedback_overdue: int
    weekly: list[WeekFlow] = field(default_factory=list)
    on_time: list[OnTimeShare] = field(default_factory=list)

    @property
    def has_charts(self) -> bool:
        return self.scope.kind == ScopeKind.UNITS


def control_room(
    scope: Scope,
    *,
    now: datetime,
    period: Period,
    weeks: int,
    calendar: WorkCalendar | None = None,
) -> ControlRoom:
    """The head's page (or the specialist's narrower one) for a `control_room_scope`: the
    numbers, feedback overdue and, for units, the two charts. Dossiers assigned to a
    specialist lose their assignee when resolved, so the specialist's page has no charts."""
    context = FlagContext(now=now, period=period, calendar=calendar)
    room = ControlRoom(
        scope=scope,
        at=now,
        period=period,
        weeks=weeks,
        counts=flag_counts(scope, context),
        feedback_overdue=feedback_overdue_count(scope, now),
    )
    if room.has_charts:
        drawn = charts(scope.dossiers, now=now, weeks=weeks, period=period)
        room.weekly, room.on_time = drawn.weekly, drawn.on_time
    return room


# --- the procedure review (plan 306, item 2.2) --------------------------------------------


def review_procedures(user: User) -> QuerySet[Procedure]:
    """Published procedures handled by the person's units or any unit below them."""
    require_review_access(user)
    procedures = published_procedures()
    if user.role == Role.ADMIN and user.is_superuser:
        return procedures
    return procedures.filter(handling_unit_id__in=member_subtree_ids(user.pk))


def years_before(instant: datetime, years: int) -> datetime:
    """The same day and time `years` earlier, Vietnam time (29 February → 28 February)."""
    moment = local(instant)
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:
        return moment.replace(year=moment.year - years, day=28)


@dataclass(frozen=True)
class IdleProcedure:
    code: str
    name: str
    field: str
    unit: str
    last_submitted_at: datetime | None
    dossiers: int


@dataclass(frozen=True)
class Thresholds:
    late_percent: Decimal
    supplement_percent: Decimal
    min_dossiers: int


@dataclass(frozen=True)
class ProcedureRates:
    code: str
    name: str
    resolved: int
    late: int
    supplemented: int  # at least one supplement request
    violations: int  # two or more

    @property
    def late_rate(self) -> Decimal:
        return _percent(self.late, self.resolved)

    @property
    def supplement_rate(self) -> Decimal:
        return _percent(self.supplemented, self.resolved)

    def over(self, thresholds: Thresholds) -> bool:
        return self.resolved >= thresholds.min_dossiers and (
            self.late_rate >= thresholds.late_percent
            or self.supplement_rate >= thresholds.supplement_percent
        )


@dataclass
class ProcedureReview:
    years: int
    since: datetime
    period: Period
    thresholds: Thresholds
    idle: list[IdleProcedure]
    rates: list[ProcedureRates]
    proposals: list[Feedback]


_RATE_COLUMNS = ("resolved", "late", "supplemented", "violations")


def procedure_review(
    user: User, *, years: int, period: Period, thresholds: Thresholds, now: datetime
) -> ProcedureReview:
    """The three lists of the review, for the procedures of the person's units:

    - idle: published procedures with no dossier submitted (online, at the desk or by post,
      whatever became of it) since `years` ago, by code across versions, with the last
      dossier ever and how many there were; never-used ones first, then the longest idle;
    - often late or supplemented: per code, the dossiers resolved in `period`, how many were
      late and how many asked for a supplement (once or more; twice or more apart), only
      where at least `min_dossiers` were resolved and a rate reaches its threshold; the most
      often late first;
    - the citizens' proposals to simplify a procedure (feedback of that kind).

    The numbers come from one aggregate query over the person's dossiers grouped by
    procedure version (a single pass over the table whatever `years` and `period` are); the
    few version rows are added up by code."""
    procedures = list(review_procedures(user).select_related("field", "handling_unit"))
    since = years_before(now, years)
    in_period = statistics.resolved_in(period.start_at, period.end_at)
    per_version = list(
        dossiers_visible_to(user)
        .values("procedure_id")
        .annotate(
            last=Max("submitted_at"),
            count=Count("pk"),
            resolved=Count("pk", filter=in_period),
            late=Count("pk", filter=in_period & statistics.resolved_with(Outcome.LATE)),
            supplemented=Count("pk", filter=in_period & Q(supplement_count__gte=1)),
            violations=Count("pk", filter=in_period & Q(multiple_supplements=True)),
        )
        .order_by()
    )
    versions = ProcedureVersions.load({row["procedure_id"] for row in per_version})
    last: dict[str, datetime] = {}
    totals: dict[str, list[int]] = defaultdict(lambda: [0] * (len(_RATE_COLUMNS) + 1))
    for row in per_version:
        code = versions.codes[row["procedure_id"]]
        total = totals[code]
        total[0] += row["count"]
        for index, name in enumerate(_RATE_COLUMNS, start=1):
            total[index] += row[name]
        if code not in last or row["last"] > last[code]:
            last[code] = row["last"]
    idle = [
        IdleProcedure(
            code=p.code,
            name=p.name,
            field=p.field.name,
            unit=p.handling_unit.name,
            last_submitted_at=last.get(p.code),
            dossiers=totals[p.code][0] if p.code in totals else 0,
        )
        for p in procedures
        if p.code not in last or last[p.code] < since
    ]
    never = datetime.min.replace(tzinfo=VIETNAM_TZ)
    rates = [
        ProcedureRates(p.code, p.name, *totals[p.code][1:]) for p in procedures if p.code in totals
    ]
    flagged = [r for r in rates if r.over(thresholds)]
    return ProcedureReview(
        years=years,
        since=since,
        period=period,
        thresholds=thresholds,
        idle=sorted(idle, key=lambda p: (p.last_submitted_at or never, p.code)),
        rates=sorted(flagged, key=lambda r: (-r.late_rate, -r.supplement_rate, r.code)),
        proposals=list(feedback_proposals(user=user)),
    )
