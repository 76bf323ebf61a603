"""What each criterion of the Decision 766 index counts, as query conditions (ADR 0012).

For a scope (the units of a subtree, a period `[start, end)` and the instant `as_of` at which
dossiers still open are judged: the period's end, or now for the current period) each criterion
with data is a `Rule`: the rows it counts (`base`, the denominator), those that earn the points
(`good`, the numerator) and, for the others, why they lost them (`reasons`, each a condition the
drill-down annotates). Every condition is a `Q` on one model, so the index is one aggregate
query per model and each drill-down one filtered, paginated list.

Dossier periods follow `motcua.dossiers.statistics`: "received in the period" for what happens
at reception (synchronization, channel, fees, re-use), "resolved in the period" for results,
and for progress the dossiers resolved in the period plus those still open at its end.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import accumulate
from typing import Any

from django.db.models import (
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Trim
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from motcua.catalog.completeness import PARTS
from motcua.catalog.models import (
    ComponentSource,
    OnlineLevel,
    Procedure,
    ProcedureComponent,
    ProcedureFee,
    ProcedureStatus,
)
from motcua.core.clock import VIETNAM_TZ, local
from motcua.documents.models import EResult
from motcua.dossiers import statistics
from motcua.dossiers.models import Channel, Dossier, DossierFile, Outcome, Pause
from motcua.feedback.models import AnswerRating, DossierRating, Feedback, Level
from motcua.feedback.workflow import CLOSED
from motcua.payments.models import Method, OrderStatus, PaymentOrder
from motcua.sync.models import EventState, OutboxEvent
from motcua.workdays.clock import WorkCalendar
from motcua.workdays.selectors import get_work_calendar

DOSSIER, PROCEDURE, FEEDBACK, ANSWER_RATING = "dossier", "procedure", "feedback", "answer_rating"

# Why a row lost points: the code the API returns and the label the pages show.
REASONS: dict[str, str] = {
    "no_events": _("Chưa có sự kiện đồng bộ nào"),
    "unsent": _("Còn sự kiện chưa gửi được lên Cổng"),
    "dead": _("Có sự kiện đã ngừng gửi"),
    "supplemented_twice": _("Yêu cầu bổ sung hồ sơ quá một lần"),
    "resolved_late": _("Giải quyết quá hạn"),
    "overdue_at_end": _("Đang xử lý, đã quá hạn tại cuối kỳ"),
    "direct": _("Nộp trực tiếp"),
    "postal": _("Nộp qua bưu chính"),
    "paid_at_desk": _("Nộp phí tại quầy hoặc chuyển khoản"),
    "not_paid": _("Chưa thanh toán"),
    "no_e_result": _("Không có kết quả điện tử"),
    "not_digitized": _("Thành phần hồ sơ chưa được số hóa đầy đủ"),
    "no_reuse": _("Không dùng lại dữ liệu đã số hóa"),
    "not_linked": _("Không kết nối với kho dữ liệu của người nộp"),
    "no_online_payment": _("Chưa cho phép thanh toán trực tuyến"),
    "no_payment_in_period": _("Không có hồ sơ thanh toán trực tuyến trong kỳ"),
    "late": _("Có bước xử lý quá hạn"),
    "dissatisfied": _("Người đánh giá không hài lòng"),
    **{
        f"missing_{code}": format_lazy("{}{}", _("Thiếu: "), label) for code, label in PARTS.items()
    },
}


@dataclass(frozen=True)
class Scope:
    unit_ids: Sequence[int]
    start: datetime
    end: datetime
    as_of: datetime  # open dossiers are judged here: min(end, now)


@dataclass(frozen=True)
class Facts:
    """Procedure versions by what the dossier criteria need (a few hundred rows at most)."""

    full_online: Sequence[int] = ()
    fee_bearing: Sequence[int] = ()
    database_component: Sequence[int] = ()


@dataclass(frozen=True)
class Rule:
    kind: str
    base_key: str  # rules with the same base share its count
    base: Q
    good: Q
    reasons: dict[str, Q] = field(default_factory=dict)


def among(name: str, ids: Sequence[int]) -> Q:
    """`name IN ids`, or a condition no row meets when there are none (an empty IN is not
    something every database and every Django aggregate compiles)."""
    return Q(**{f"{name}__in": list(ids)}) if ids else Q(pk__isnull=True)


def procedure_facts() -> Facts:
    fee = Exists(ProcedureFee.objects.filter(procedure=OuterRef("pk"), amount__gt=0))
    database = Exists(
        ProcedureComponent.objects.filter(procedure=OuterRef("pk"), source=ComponentSource.DATABASE)
    )
    rows = list(
        Procedure.objects.annotate(has_fee=fee, has_database=database)
        .filter(Q(online_level=OnlineLevel.FULL) | Q(has_fee=True) | Q(has_database=True))
        .order_by("pk")
        .values_list("pk", "online_level", "has_fee", "has_database")
    )
    return Facts(
        full_online=[pk for pk, level, _f, _d in rows if level == OnlineLevel.FULL],
        fee_bearing=[pk for pk, _l, has_fee, _d in rows if has_fee],
        database_component=[pk for pk, _l, _f, has_database in rows if has_database],
    )


# --- dossiers ------------------------------------------------------------------------------


def dossiers(scope: Scope) -> QuerySet[Dossier]:
    return Dossier.objects.filter(agency_id__in=list(scope.unit_ids))


def received(scope: Scope) -> Q:
    return Q(received_at__gte=scope.start, received_at__lt=scope.end)


def resolved(scope: Scope) -> Q:
    return statistics.resolved_in(scope.start, scope.end)


def open_at_end(scope: Scope) -> Q:
    return statistics.open_at(scope.as_of)


def _waiting_since_in_time(instant: datetime) -> Exists:
    """Waiting for the citizen (supplement or fee, the clock stopped) at `instant`, the wait
    having begun no later than the due date: the dossier is judged when the wait began."""
    return Exists(
        Pause.objects.filter(
            dossier=OuterRef("pk"),
            clock_stopped=True,
            started_at__lt=instant,
            started_at__lte=OuterRef("due_at"),
        ).filter(Q(ended_at__isnull=True) | Q(ended_at__gte=instant))
    )


def within_time_at(instant: datetime) -> Q:
    """For a dossier open at `instant`: not supplemented twice, and not yet due then (the due
    date already moved by every finished supplement wait) or waiting since before it was due."""
    return Q(multiple_supplements=False) & (
        Q(due_at__isnull=True) | Q(due_at__gte=instant) | _waiting_since_in_time(instant)
    )


def overdue_at(instant: datetime) -> Q:
    """The complement of `within_time_at` among dossiers supplemented at most once."""
    return Q(multiple_supplements=False, due_at__lt=instant) & ~_waiting_since_in_time(instant)


def _events() -> QuerySet[OutboxEvent]:
    return OutboxEvent.objects.filter(dossier=OuterRef("pk"))


def _paid(**extra: object) -> QuerySet[PaymentOrder]:
    return PaymentOrder.objects.filter(dossier=OuterRef("pk"), status=OrderStatus.PAID, **extra)


def _from_store() -> Exists:
    return Exists(DossierFile.objects.filter(dossier=OuterRef("pk"), stored_document__isnull=False))


def _e_result(**extra: object) -> Exists:
    return Exists(EResult.objects.filter(dossier=OuterRef("pk"), **extra))


def dossier_rules(scope: Scope, facts: Facts) -> dict[str, Rule]:
    """The definitions the drill-downs filter with (`count_dossiers` counts the same sets)."""
    got = received(scope)
    done = resolved(scope)
    still_open = open_at_end(scope)
    granted = done & Q(granted=True)
    has_events = Exists(_events())
    paid_online = Exists(_paid(method=Method.ONLINE))
    e_result = _e_result()
    reused = among("procedure_id", facts.database_component) | _from_store()
    linked = _from_store() | _e_result(stored_document__isnull=False)
    return {
        "1.4": Rule(
            DOSSIER,
            "received",
            got,
            has_events & ~Exists(_events().exclude(state=EventState.DELIVERED)),
            {
                "no_events": ~has_events,
                "unsent": Exists(_events().filter(state=EventState.PENDING)),
                "dead": Exists(_events().filter(state=EventState.DEAD)),
            },
        ),
        "2.1": Rule(
            DOSSIER,
            "progress",
            done | still_open,
            (done & statistics.resolved_on_time()) | (still_open & within_time_at(scope.as_of)),
            {
                "supplemented_twice": Q(multiple_supplements=True),
                "resolved_late": done & Q(outcome=Outcome.LATE, multiple_supplements=False),
                "overdue_at_end": still_open & overdue_at(scope.as_of),
            },
        ),
        "3.1": Rule(
            DOSSIER,
            "received_full_online",
            got & among("procedure_id", facts.full_online),
            Q(channel=Channel.ONLINE),
            {"direct": Q(channel=Channel.DIRECT), "postal": Q(channel=Channel.POSTAL)},
        ),
        "4.3": Rule(
            DOSSIER,
            "received_fee",
            got & among("procedure_id", facts.fee_bearing),
            paid_online,
            {
                "paid_at_desk": ~paid_online & Exists(_paid()),
                "not_paid": ~Exists(_paid()),
            },
        ),
        "5.1": Rule(DOSSIER, "granted", granted, e_result, {"no_e_result": ~e_result}),
        "5.2": Rule(
            DOSSIER,
            "granted",
            granted,
            Q(has_digitized_components=True) & e_result,
            {"not_digitized": Q(has_digitized_components=False), "no_e_result": ~e_result},
        ),
        "5.4": Rule(DOSSIER, "received", got, reused, {"no_reuse": ~reused}),
        "5.5": Rule(DOSSIER, "received", got, linked, {"not_linked": ~linked}),
    }


# --- counting a million dossiers -----------------------------------------------------------


class LocalDay(Func):
    """The Vietnam-time day of a timestamp as a day number from Monday 5 January 1970 (so
    weeks start on multiples of 7), by arithmetic on the epoch: Vietnam keeps UTC+7 all year,
    and a time zone conversion per row would cost more than the rest of the query."""

    arity = 1
    output_field = IntegerField()
    OFFSET = int(datetime(2000, 1, 1, tzinfo=VIETNAM_TZ).utcoffset().total_seconds())  # type: ignore[union-attr]
    MONDAY = 4  # 5/1/1970 is the fourth day after 1/1/1970

    def as_sql(self, compiler, connection, **extra):  # type: ignore[no-untyped-def]
        sql, params = compiler.compile(self.source_expressions[0])
        return (
            f"((FLOOR(DATE_PART('epoch', {sql}))::bigint + {self.OFFSET}) / 86400 - {self.MONDAY})",
            params,
        )

    def as_sqlite(self, compiler, connection, **extra):  # type: ignore[no-untyped-def]
        sql, params = compiler.compile(self.source_expressions[0])
        return (
            f"((CAST(strftime('%%s', {sql}) AS INTEGER) + {self.OFFSET}) / 86400 - {self.MONDAY})",
            params,
        )


class PatternDays(Func):
    """The working days of a weekly pattern (Monday first) from day 0 up to a day number:
    whole weeks times the week's working days, plus the days of the last week up to it, the
    day number computed once for each (a searched CASE would compute it for every branch)."""

    arity = 1
    output_field = IntegerField()

    def __init__(self, day: LocalDay, weekly: Sequence[bool]) -> None:
        super().__init__(day)
        self.weekly = [bool(w) for w in weekly]

    def as_sql(self, compiler, connection, **extra):  # type: ignore[no-untyped-def]
        sql, params = compiler.compile(self.source_expressions[0])
        so_far = list(accumulate(int(w) for w in self.weekly))
        branches = " ".join(f"WHEN {i} THEN {so_far[i]}" for i in range(7))
        return (
            f"(({sql}) / 7 * {sum(self.weekly)} + CASE ({sql}) %% 7 {branches} ELSE 0 END)",
            [*params, *params],
        )


def working_day_rank(field: str, weekly: Sequence[bool], exceptions: Sequence[tuple]) -> Any:
    """The working days from 5/1/1970 up to the (Vietnam) day of `field`, as SQL: the weekly
    pattern's days by arithmetic on the day number, plus one per day in `exceptions` on or
    before it: (midnight of the day, +1 for a working day off the pattern, −1 for a day off
    in it). Only differences of ranks mean something."""
    pattern = PatternDays(LocalDay(field), weekly)
    if not exceptions:
        return pattern
    # Latest first, so a recent day stops at the first comparison.
    ordered = sorted(exceptions, reverse=True)
    whens = []
    total = sum(sign for _midnight, sign in ordered)
    for midnight, sign in ordered:
        whens.append(When(**{f"{field}__gte": midnight}, then=Value(total)))
        total -= sign
    return pattern + Case(*whens, default=Value(0), output_field=IntegerField())


def calendar_exceptions(calendar: WorkCalendar, first: date, last: date) -> list[tuple]:
    """The days in [first, last] that break the weekly pattern: holidays on working weekdays
    (−1), working Saturdays and local working days (+1), as (Vietnam midnight, sign)."""
    weekly = [bool(calendar.office_hours[weekday]) for weekday in range(7)]
    found = []
    day = first
    while day <= last:
        working = calendar.is_working_day(day)
        if working != weekly[day.weekday()]:
            midnight = datetime.combine(day, time(), tzinfo=VIETNAM_TZ)
            found.append((midnight, 1 if working else -1))
        day += timedelta(days=1)
    return found


def _working_day_span(scope: Scope, done: Q, calendar: WorkCalendar) -> Sum:
    """The working days the dossiers resolved in the period took, summed: from the day after
    receipt up to the day of resolution (0 = the same day). The calendar's exceptions are read
    from two years before the period, so the span of a dossier received even earlier misses
    the holidays before that."""
    weekly = [bool(calendar.office_hours[weekday]) for weekday in range(7)]
    exceptions = calendar_exceptions(
        calendar, local(scope.start).date() - timedelta(days=2 * 366), local(scope.end).date()
    )
    return Sum(
        working_day_rank("resolved_at", weekly, exceptions)
        - working_day_rank("received_at", weekly, exceptions),
        filter=done,
    )


@dataclass(frozen=True)
class DossierCounts:
    counts: dict[str, tuple[int, int]]  # code → (numerator, denominator)
    resolved: int  # dossiers resolved in the period
    working_days: int  # their working days from receipt to resolution, summed


# The criteria whose numerator reads other tables than the dossier's own row (and e-results,
# joined one to one).
RELATED_CODES = frozenset({"1.4", "4.3", "5.4", "5.5"})


def count_dossiers(
    scope: Scope, facts: Facts, codes: set[str], calendar: WorkCalendar | None = None
) -> DossierCounts:
    """The dossier criteria `codes` (the same sets as `dossier_rules`) and the working days
    the resolved dossiers took, in a few aggregate queries shaped for a million rows:

    1. the dossier's columns and its e-result (one to one, a join): every denominator,
       progress, channel, e-results, and the working-day span. No correlated subquery, so
       PostgreSQL scans in parallel;
    2. whether any outbox event, file from a data store, online payment exists at all;
    3. for those that do, the dossiers received in the period by combination of facts
       (`_count_related`);
    4. the dossiers open at the end past their due date but then waiting for the citizen
       since before it (judged when the wait began), read from the waits: a small table.
    """
    got = received(scope)
    done = resolved(scope)
    still_open = open_at_end(scope)
    granted = done & Q(granted=True)
    full = got & among("procedure_id", facts.full_online)
    fee = got & among("procedure_id", facts.fee_bearing)
    on_time = (done & statistics.resolved_on_time()) | (
        still_open
        & Q(multiple_supplements=False)
        & (Q(due_at__isnull=True) | Q(due_at__gte=scope.as_of))
    )
    overdue = still_open & Q(multiple_supplements=False, due_at__lt=scope.as_of)
    e_result = Q(e_result__isnull=False)
    aggregates: dict[str, Any] = {
        "n_received": Count("pk", filter=got),
        "n_progress": Count("pk", filter=done | still_open),
        "n_on_time": Count("pk", filter=on_time),
        "n_overdue": Count("pk", filter=overdue),
        "n_resolved": Count("pk", filter=done),
        "n_granted": Count("pk", filter=granted),
        "n_full": Count("pk", filter=full),
        "n_full_online": Count("pk", filter=full & Q(channel=Channel.ONLINE)),
        "n_fee": Count("pk", filter=fee),
        "n_e_result": Count("pk", filter=granted & e_result),
        "n_digitized": Count("pk", filter=granted & Q(has_digitized_components=True) & e_result),
        "n_result_in_store": Count("pk", filter=got & Q(e_result__stored_document__isnull=False)),
        "n_database": Count("pk", filter=got & among("procedure_id", facts.database_component)),
        "n_low": Min("pk", filter=got),
        "n_high": Max("pk", filter=got),
    }
    if "2.1" in codes:
        aggregates["span"] = _working_day_span(scope, done, calendar or get_work_calendar())
    first = dossiers(scope).filter(got | done | still_open).aggregate(**aggregates)
    counts = {
        "2.1": (first["n_on_time"], first["n_progress"]),
        "3.1": (first["n_full_online"], first["n_full"]),
        "5.1": (first["n_e_result"], first["n_granted"]),
        "5.2": (first["n_digitized"], first["n_granted"]),
    }

    related = codes & RELATED_CODES
    if related:
        present = _facts_present()
        if any(present.values()):
            second = _count_related(scope, facts, got, first["n_low"], first["n_high"], present)
        else:
            # Nothing anywhere to look up (no event, no file from a store, no online
            # payment): what is left is on the dossier's row and its e-result.
            second = {
                "synchronized": 0,
                "paid_online": 0,
                "reused": first["n_database"],
                "linked": first["n_result_in_store"],
            }
        counts["1.4"] = (second["synchronized"], first["n_received"])
        counts["4.3"] = (second["paid_online"], first["n_fee"])
        counts["5.4"] = (second["reused"], first["n_received"])
        counts["5.5"] = (second["linked"], first["n_received"])

    if "2.1" in codes and first["n_overdue"]:
        counts["2.1"] = (first["n_on_time"] + _waiting_overdue(scope), first["n_progress"])
    span = first.get("span") or 0
    return DossierCounts(
        counts={code: counts[code] for code in codes},
        resolved=first["n_resolved"],
        working_days=span,
    )


SYNCHRONIZED, FROM_STORE, RESULT_IN_STORE, PAID_ONLINE, DATABASE = 1, 2, 4, 8, 16


def _facts_present() -> dict[str, bool]:
    """Whether each looked-up fact exists at all (three probes of one row): a fact that
    exists nowhere is not looked up dossier by dossier."""
    return {
        "events": OutboxEvent.objects.exists(),
        "store": DossierFile.objects.filter(stored_document__isnull=False).exists(),
        "online": PaymentOrder.objects.filter(
            status=OrderStatus.PAID, method=Method.ONLINE
        ).exists(),
    }


def _count_related(
    scope: Scope,
    facts: Facts,
    got: Q,
    low: int | None,
    high: int | None,
    present: dict[str, bool],
) -> dict[str, int]:
    """What other tables say of the dossiers received in the period (found by the agency and
    receipt index, within the id range the first query saw): every portal event delivered
    (and at least one), a file from the data store, the e-result kept in the store (a
    one-to-one join), paid online (looked up only under a fee-bearing procedure), a component
    replaced by a database look-up.

    Each fact is a correlated EXISTS probing an index once per dossier: single-threaded, but
    its cost grows with the dossiers counted, never with the size of the other tables (a join
    to the outbox grouped by dossier read all of it, 2.5 s at two million events). Counted by
    combination of facts (at most 32 groups), so that each is computed once per dossier where
    PostgreSQL would repeat a subquery in every FILTER that names it."""
    found = dict.fromkeys(("synchronized", "paid_online", "reused", "linked"), 0)
    if low is None:
        return found

    def bit(condition: Any, value: int) -> Case:
        return Case(
            When(condition, then=Value(value)), default=Value(0), output_field=IntegerField()
        )

    undelivered = Exists(_events().exclude(state=EventState.DELIVERED))
    fee = among("procedure_id", facts.fee_bearing)
    key = bit(Q(e_result__stored_document__isnull=False), RESULT_IN_STORE) + bit(
        among("procedure_id", facts.database_component), DATABASE
    )
    if present["events"]:
        key += bit(Exists(_events()) & ~undelivered, SYNCHRONIZED)
    if present["store"]:
        key += bit(_from_store(), FROM_STORE)
    if present["online"]:
        key += bit(fee & Exists(_paid(method=Method.ONLINE)), PAID_ONLINE)
    groups = (
        dossiers(scope)
        .filter(got, pk__gte=low, pk__lte=high)
        .annotate(facts=ExpressionWrapper(key, output_field=IntegerField()))
        .order_by()
        .values("facts")
        .annotate(n=Count("pk"))
        .values_list("facts", "n")
    )
    for facts_of, n in groups:
        found["synchronized"] += n if facts_of & SYNCHRONIZED else 0
        found["paid_online"] += n if facts_of & PAID_ONLINE else 0
        found["reused"] += n if facts_of & (FROM_STORE | DATABASE) else 0
        found["linked"] += n if facts_of & (FROM_STORE | RESULT_IN_STORE) else 0
    return found


def _prefixed(condition: Q, prefix: str) -> Q:
    """The same condition on a model that reaches the dossier through `prefix`."""
    clone = Q()
    clone.connector = condition.connector
    clone.negated = condition.negated
    clone.children = [
        _prefixed(child, prefix) if isinstance(child, Q) else (f"{prefix}__{child[0]}", child[1])
        for child in condition.children
    ]
    return clone


def _waiting_overdue(scope: Scope) -> int:
    """Dossiers open at the end past their due date that were then waiting for the citizen
    since before it: counted from the waits open at that instant (a few rows), joined to
    their dossier."""
    instant = scope.as_of
    overdue = open_at_end(scope) & Q(multiple_supplements=False, due_at__lt=instant)
    return (
        Pause.objects.filter(
            clock_stopped=True,
            started_at__lt=instant,
            started_at__lte=F("dossier__due_at"),
            dossier__agency_id__in=list(scope.unit_ids),
        )
        .filter(Q(ended_at__isnull=True) | Q(ended_at__gte=instant))
        .filter(_prefixed(overdue, "dossier"))
        .values("dossier_id")
        .distinct()
        .count()
    )


def dissatisfied_rating(scope: Scope) -> Exists:
    return Exists(
        DossierRating.objects.filter(
            dossier=OuterRef("pk"),
            rated_at__gte=scope.start,
            rated_at__lt=scope.end,
            level__lte=Level.DISSATISFIED,
        )
    )


# --- procedures ----------------------------------------------------------------------------


def procedures(scope: Scope) -> QuerySet[Procedure]:
    """The published procedures the subtree handles (the catalog as it is now), with the
    trimmed texts the seven-part check needs."""
    return Procedure.objects.filter(
        status=ProcedureStatus.PUBLISHED, handling_unit_id__in=list(scope.unit_ids)
    ).annotate(
        trimmed_name=Trim("name"),
        trimmed_steps=Trim("steps_text"),
        trimmed_applicants=Trim("applicants"),
    )


def missing_part_conditions() -> dict[str, Q]:
    """`completeness.missing_parts` as conditions on `procedures()`, part by part."""
    components = ProcedureComponent.objects.filter(procedure=OuterRef("pk"))
    return {
        "name": Q(trimmed_name=""),
        "steps": Q(trimmed_steps=""),
        "methods": Q(accepts_direct=False, accepts_postal=False, accepts_online=False),
        "components": ~Exists(components)
        | Exists(
            components.filter(source=ComponentSource.UPLOAD, copies_original=0, copies_copy=0)
        ),
        "time_limit": Q(time_limit_days__isnull=True),
        "applicants": Q(trimmed_applicants=""),
        "agency": Q(handling_unit__isnull=True),
    }


def procedure_rules(scope: Scope) -> dict[str, Rule]:
    missing = missing_part_conditions()
    incomplete = Q(pk__isnull=True)
    for condition in missing.values():
        incomplete |= condition
    fee = Exists(ProcedureFee.objects.filter(procedure=OuterRef("pk"), amount__gt=0))
    paid_in_period = Exists(
        PaymentOrder.objects.filter(
            status=OrderStatus.PAID,
            method=Method.ONLINE,
            paid_at__gte=scope.start,
            paid_at__lt=scope.end,
            dossier__procedure__code=OuterRef("code"),
            dossier__agency_id__in=list(scope.unit_ids),
        )
    )
    return {
        "1.3": Rule(
            PROCEDURE,
            "published",
            Q(pk__isnull=False),
            ~incomplete,
            {f"missing_{code}": condition for code, condition in missing.items()},
        ),
        "4.1": Rule(
            PROCEDURE,
            "fee",
            fee,
            Q(online_payment=True),
            {"no_online_payment": Q(online_payment=False)},
        ),
        "4.2": Rule(
            PROCEDURE, "fee", fee, paid_in_period, {"no_payment_in_period": ~paid_in_period}
        ),
    }


# --- feedback ------------------------------------------------------------------------------


def closed_feedback(scope: Scope) -> QuerySet[Feedback]:
    """As `feedback.selectors.feedback_timeliness` counts them."""
    return Feedback.objects.filter(
        status__in=sorted(CLOSED),
        closed_at__gte=scope.start,
        closed_at__lt=scope.end,
        unit_id__in=list(scope.unit_ids),
    )


def answer_ratings(scope: Scope) -> QuerySet[AnswerRating]:
    """As `feedback.selectors.answer_satisfaction` counts them."""
    return AnswerRating.objects.filter(
        rated_at__gte=scope.start,
        rated_at__lt=scope.end,
        feedback__unit_id__in=list(scope.unit_ids),
    )


FEEDBACK_RULES: dict[str, Rule] = {
    "6.1": Rule(
        FEEDBACK, "closed", Q(pk__isnull=False), Q(was_late=False), {"late": Q(was_late=True)}
    ),
    "6.2": Rule(
        ANSWER_RATING,
        "rated",
        Q(pk__isnull=False),
        Q(satisfied=True),
        {"dissatisfied": Q(satisfied=False)},
    ),
}

# Codes computed from data; any other configured criterion is shown as not applicable.
DOSSIER_CODES = frozenset({"1.4", "2.1", "3.1", "4.3", "5.1", "5.2", "5.4", "5.5"})
PROCEDURE_CODES = frozenset({"1.3", "4.1", "4.2"})
FEEDBACK_CODES = frozenset({"6.1", "6.2"})
SATISFACTION_CODE = "6.3"
MEASURED = DOSSIER_CODES | PROCEDURE_CODES | FEEDBACK_CODES | {SATISFACTION_CODE}
