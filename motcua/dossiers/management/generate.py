"""Synthetic dossiers in bulk, for load tests and demonstrations (`manage.py generate_dossiers`).

Each dossier is simulated from its submission to the given instant on the agency's real
`WorkCalendar`, so its status, timestamps, due date, current step and outcome agree the way
the services would have left them. One transaction per batch: codes and tracking-book lines
are reserved from the `Sequence` counters by one upsert, so they stay gap-free and later real
submissions continue after them; rows go in by COPY on PostgreSQL (forked workers share the
days, one per core) and by `bulk_create` elsewhere. See docs/decisions/0004-dossier-scale.md.
"""

from __future__ import annotations

import multiprocessing
import queue
import random
import time
import traceback
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from decimal import Decimal
from typing import Any

from django.db import connection, connections, transaction
from django.db.models import Model
from psycopg.types.json import Jsonb

from motcua.accounts.identifiers import PROVINCE_CODES
from motcua.accounts.models import Role, User
from motcua.catalog.models import Procedure, ProcedureStatus
from motcua.core.clock import VIETNAM_TZ, local
from motcua.dossiers.models import (
    Channel,
    Dossier,
    DossierEvent,
    Pause,
    ProposalKind,
    ReturnMethod,
)
from motcua.dossiers.models import Sequence as SequenceRow
from motcua.dossiers.rules import dossier_code, judge
from motcua.dossiers.services import agency_code
from motcua.dossiers.workflow import Action, Status
from motcua.workdays.clock import WorkCalendar

ZERO = timedelta(0)

# Shares of each fate among received dossiers; the rest are resolved.
WITHDRAWN_SHARE = 0.010
STOPPED_SHARE = 0.007
STUCK_SHARE = 0.003  # never resolved: the long tail of overdue dossiers every agency has
REFUSED_SHARE = 0.03  # of online submissions, refused at reception
SUPPLEMENT_SHARE = 0.07
SECOND_SUPPLEMENT_SHARE = 0.05  # of those with a first request
GRANTED_SHARE = 0.97
CITIZEN_ACCOUNT_SHARE = 0.002  # online dossiers linked to an existing citizen account
CHANNEL_WEIGHTS = {Channel.ONLINE: 0.55, Channel.DIRECT: 0.40, Channel.POSTAL: 0.05}
YEARLY_GROWTH = 1.15  # more dossiers each year (more procedures move online)
# Education procedures peak before the school year (transfers, diploma copies).
MONTH_WEIGHTS = [0.9, 0.8, 1.0, 1.0, 1.1, 1.3, 1.5, 1.6, 1.2, 0.9, 0.9, 0.8]

SURNAMES = (
    ["Nguyễn"] * 38
    + ["Trần"] * 11
    + ["Lê"] * 9
    + ["Phạm"] * 7
    + ["Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"] * 2
)
MIDDLE = {0: ["Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh"], 1: ["Thị", "Ngọc", "Thu", "Kim"]}
GIVEN = {
    0: ["Anh", "Bảo", "Cường", "Dũng", "Hải", "Hùng", "Khoa", "Long", "Nam", "Phúc", "Quân",
        "Sơn", "Thắng", "Toàn", "Trung", "Tuấn", "Việt", "Vinh"],
    1: ["Anh", "Chi", "Dung", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Ngân",
        "Nhung", "Phương", "Quỳnh", "Thảo", "Trang", "Vân", "Yến"],
}  # fmt: skip
STREETS = [
    "Lạc Long Quân", "Lê Đại Hành", "Lãnh Binh Thăng", "Bình Thới", "Minh Phụng",
    "Tôn Thất Hiệp", "Hàn Hải Nguyên", "Ông Ích Khiêm", "Hòa Bình", "Âu Cơ", "Lũy Bán Bích",
]  # fmt: skip
PHONE_PREFIXES = ["090", "091", "093", "094", "096", "097", "098", "032", "033", "035", "070",
                  "077", "078", "081", "083", "085", "086", "088", "089"]  # fmt: skip
PROVINCES = sorted(PROVINCE_CODES)
RETURN_METHODS = {Channel.DIRECT: ReturnMethod.DESK, Channel.POSTAL: ReturnMethod.POSTAL}
SUPPLEMENT_ITEMS = [
    "Bản sao giấy khai sinh có chứng thực",
    "Học bạ bản chính",
    "Giấy ủy quyền hợp lệ",
    "Văn bản đồng ý của cơ sở giáo dục nơi chuyển đến",
]


class GenerationError(Exception):
    """The database lacks what generation needs (published procedures, handling units)."""


class Row:
    """A row's values by column (`procedure_id`, not `procedure`) while it is simulated:
    model instances built through their descriptors cost more than the simulation itself."""

    model: type[Model]
    columns: list[str]
    defaults: dict[str, Any]

    def __init_subclass__(cls, model: type[Model]) -> None:
        fields = model._meta.concrete_fields
        cls.model = model
        cls.columns = [f.attname for f in fields]
        cls.defaults = {f.attname: None if f.primary_key else f.get_default() for f in fields}

    def __init__(self, **values: Any) -> None:
        self.__dict__.update(self.defaults)
        self.__dict__.update(values)

    def instance(self) -> Any:
        # Positional arguments are Django's fast path: straight to the attributes.
        values = self.__dict__
        return self.model(*[values[name] for name in self.columns])


class DossierRow(Row, model=Dossier):
    pass


class EventRow(Row, model=DossierEvent):
    pass


class PauseRow(Row, model=Pause):
    pass


@dataclass(frozen=True)
class Person:
    pk: int
    name: str


@dataclass(frozen=True)
class StepPlan:
    pk: int
    role: str
    hours: timedelta
    heads: tuple[Person, ...]


@dataclass
class ProcedurePlan:
    """What the simulation needs of one published procedure, read once."""

    pk: int
    agency_id: int
    prefix: str  # the agency's electronic identifier, the first part of the code
    cutoff: clock_time | None
    channels: tuple[int, ...]
    channel_weights: tuple[float, ...]
    limits: dict[int, Decimal]
    steps: list[StepPlan]
    work_steps: list[StepPlan]  # the steps before the decision (the last hand-back excluded)
    return_step: StepPlan | None  # the officer's last step, entered at approval
    officers: tuple[Person, ...]
    specialists: tuple[Person, ...]
    request: str


@dataclass
class Generated:
    dossier: DossierRow
    prefix: str
    event: EventRow | None = None
    pauses: list[PauseRow] = field(default_factory=list)


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.done / self.seconds if self.seconds > 0 else 0.0


def parse_years(text: str) -> tuple[int, int]:
    """`2023-2026` or `2025` as an inclusive range of years."""
    first, _sep, last = text.partition("-")
    try:
        start, end = int(first), int(last or first)
    except ValueError as exc:
        raise ValueError(f"years must look like 2023-2026, not {text!r}") from exc
    if not 1900 < start <= end < 2200:
        raise ValueError(f"bad range of years: {text!r}")
    return start, end


# --- planning -----------------------------------------------------------------------------


def _units_staff(unit_ids: set[int]) -> dict[tuple[int, str], tuple[Person, ...]]:
    """Active staff by (unit, role): who receives, handles and signs in each unit."""
    staff: dict[tuple[int, str], list[Person]] = defaultdict(list)
    memberships = User.units.through.objects.filter(
        unit_id__in=unit_ids, user__is_active=True
    ).select_related("user")
    for row in memberships.order_by("user_id"):
        staff[(row.unit_id, row.user.role)].append(Person(row.user.pk, row.user.display_name))
    return {key: tuple(people) for key, people in staff.items()}


def plan_procedures(rng: random.Random) -> list[tuple[ProcedurePlan, float]]:
    """The published procedures with a time limit, each with a share of the volume: short
    citizen procedures (transfers, diploma copies) far outnumber founding a school."""
    procedures = list(
        Procedure.objects.filter(status=ProcedureStatus.PUBLISHED, time_limit_days__isnull=False)
        .select_related("handling_unit")
        .prefetch_related("process_steps", "assigned_officers")
        .order_by("code", "version")
    )
    if not procedures:
        raise GenerationError(
            "Chưa có thủ tục nào đang áp dụng có thời hạn giải quyết; "
            "hãy chạy `manage.py load_demo` hoặc nhập danh mục thủ tục trước."
        )
    unit_ids = {p.handling_unit_id for p in procedures}
    unit_ids |= {s.unit_id for p in procedures for s in p.process_steps.all() if s.unit_id}
    staff = _units_staff(unit_ids)
    plans = []
    for procedure in procedures:
        agency = procedure.handling_unit
        accepted = {
            Channel.ONLINE: procedure.accepts_online,
            Channel.DIRECT: procedure.accepts_direct,
            Channel.POSTAL: procedure.accepts_postal,
        }
        channels = tuple(c for c, ok in accepted.items() if ok) or (Channel.DIRECT,)
        limit = procedure.time_limit_days
        assert limit is not None
        steps = [
            StepPlan(
                pk=step.pk,
                role=step.role,
                hours=timedelta(hours=float(step.hours)),
                heads=staff.get((step.unit_id or agency.pk, Role.HEAD), ()),
            )
            for step in sorted(procedure.process_steps.all(), key=lambda s: (s.order, s.pk))
        ]
        return_step = None
        work_steps = steps
        if len(steps) > 1 and steps[-1].role == Role.OFFICER:
            return_step, work_steps = steps[-1], steps[:-1]
        specialists = tuple(
            Person(u.pk, u.display_name)
            for u in sorted(procedure.assigned_officers.all(), key=lambda u: u.pk)
            if u.is_active
        )
        plan = ProcedurePlan(
            pk=procedure.pk,
            agency_id=agency.pk,
            prefix=agency_code(agency),  # InvalidInput when no unit up the tree has a code
            cutoff=procedure.cutoff_time,
            channels=channels,
            channel_weights=tuple(CHANNEL_WEIGHTS[c] for c in channels),
            limits={
                c: procedure.online_time_limit_days
                if c == Channel.ONLINE and procedure.online_time_limit_days is not None
                else limit
                for c in channels
            },
            steps=steps,
            work_steps=work_steps,
            return_step=return_step,
            officers=staff.get((agency.pk, Role.OFFICER), ()),
            specialists=specialists or staff.get((agency.pk, Role.SPECIALIST), ()),
            request=f"Đề nghị giải quyết thủ tục: {procedure.name}",
        )
        plans.append((plan, rng.uniform(0.5, 1.5) / (1 + float(limit))))
    return plans


def _office_segments(
    calendar: WorkCalendar, day: date, until: datetime
) -> list[tuple[datetime, float]]:
    """The office periods of `day` before `until`, as (start, length in seconds)."""
    segments = []
    for start, end in calendar.periods_on(day):
        begin = datetime.combine(day, start, tzinfo=VIETNAM_TZ)
        finish = min(datetime.combine(day, end, tzinfo=VIETNAM_TZ), until)
        if finish > begin:
            segments.append((begin, (finish - begin).total_seconds()))
    return segments


def plan_days(
    calendar: WorkCalendar, years: tuple[int, int], *, now: datetime, count: int, rng: random.Random
) -> list[tuple[date, int]]:
    """How many dossiers each working day of the years receives (days after `now` get none)."""
    first, last = date(years[0], 1, 1), min(date(years[1], 12, 31), local(now).date())
    days, weights = [], []
    day = first
    while day <= last:
        if calendar.is_working_day(day):
            segments = _office_segments(calendar, day, now)
            open_seconds = sum(length for _start, length in segments)
            if open_seconds > 0:
                days.append(day)
                weights.append(
                    YEARLY_GROWTH ** (day.year - years[0])
                    * MONTH_WEIGHTS[day.month - 1]
                    * open_seconds
                    * rng.uniform(0.8, 1.2)
                )
        day += timedelta(days=1)
    if not days:
        raise GenerationError("Không có ngày làm việc nào trong khoảng năm đã chọn (tính đến nay).")
    counts = Counter(rng.choices(range(len(days)), weights=weights, k=count))
    return [(days[index], counts[index]) for index in sorted(counts)]


# --- simulation ---------------------------------------------------------------------------


@dataclass
class Simulator:
    calendar: WorkCalendar
    now: datetime
    rng: random.Random
    citizens: tuple[User, ...] = ()
    applicants: list[dict[str, str]] = field(default_factory=list)

    def instants(self, day: date, n: int) -> list[datetime]:
        """`n` sorted instants inside the office hours of `day` (before `now`)."""
        segments = _office_segments(self.calendar, day, self.now)
        total = sum(length for _start, length in segments)
        offsets = sorted(int(self.rng.random() * total) for _ in range(n))
        result = []
        for offset in offsets:
            for start, length in segments:
                if offset < length:
                    result.append(start + timedelta(seconds=offset))
                    break
                offset -= length
        return result

    def hours(self, low: float, high: float) -> timedelta:
        """A random amount of office time, in whole minutes."""
        return timedelta(minutes=int(self.rng.uniform(low, high) * 60))

    def prepare_applicants(self, count: int) -> None:
        """A pool of people, about one for every three dossiers: people come back (and
        drawing from a pool is far cheaper than composing a person per dossier)."""
        rng = self.rng
        self.applicants = []
        for _ in range(min(max(count // 3, 100), 300_000)):
            female = rng.random() < 0.52
            born = rng.randint(1950, 2008)
            century_digit = (0 if born < 2000 else 2) + int(female)
            self.applicants.append(
                {
                    "applicant_name": " ".join(
                        (
                            rng.choice(SURNAMES),
                            rng.choice(MIDDLE[female]),
                            rng.choice(GIVEN[female]),
                        )
                    ),
                    "applicant_id_number": f"{rng.choice(PROVINCES)}{century_digit}"
                    f"{born % 100:02d}{rng.randrange(10**6):06d}",
                    "applicant_phone": f"{rng.choice(PHONE_PREFIXES)}{rng.randrange(10**7):07d}",
                    "applicant_email": f"nguoidan{rng.randrange(10**6)}@example.vn"
                    if rng.random() < 0.3
                    else "",
                    "applicant_address": f"{rng.randint(1, 450)} {rng.choice(STREETS)}, "
                    f"Phường {rng.randint(1, 16)}, Quận 11, TP. Hồ Chí Minh",
                }
            )

    def dossier(self, plan: ProcedurePlan, submitted_at: datetime) -> Generated:
        rng, calendar, now = self.rng, self.calendar, self.now
        channel = rng.choices(plan.channels, weights=plan.channel_weights)[0]
        dossier = DossierRow(
            procedure_id=plan.pk,
            agency_id=plan.agency_id,
            channel=channel,
            status=Status.SUBMITTED,
            request=plan.request,
            submitted_at=submitted_at,
            updated_at=now,  # COPY does not apply `auto_now`
        )
        generated = Generated(dossier, plan.prefix)
        dossier.__dict__.update(self.applicants[int(rng.random() * len(self.applicants))])
        if channel == Channel.ONLINE and self.citizens and rng.random() < CITIZEN_ACCOUNT_SHARE:
            citizen = rng.choice(self.citizens)
            dossier.applicant_id = citizen.pk
            dossier.applicant_name = citizen.display_name
            dossier.applicant_id_number = citizen.citizen_id or citizen.tax_code
        officer = rng.choice(plan.officers) if plan.officers else None
        if channel == Channel.ONLINE:
            generated.event = EventRow(
                action=Action.SUBMIT,
                at=submitted_at,
                actor_id=dossier.applicant_id,
                actor_name=dossier.applicant_name,
                to_status=Status.SUBMITTED,
            )
            received_at = calendar.add_working_hours(submitted_at, self.hours(0.25, 8))
            if received_at > now:
                return generated
            if rng.random() < REFUSED_SHARE:
                dossier.status = Status.REFUSED
                dossier.closed_at = received_at
                return generated
        else:
            received_at = submitted_at
        limit = plan.limits[channel]
        original_due = calendar.due_for_procedure(received_at, limit, plan.cutoff)
        dossier.received_at = received_at
        dossier.received_by_id = officer.pk if officer else None
        dossier.original_due_at = dossier.due_at = original_due
        if channel != Channel.ONLINE:
            first = plan.steps[0] if plan.steps else None
            generated.event = EventRow(
                action=Action.REGISTER,
                at=submitted_at,
                actor_id=officer.pk if officer else None,
                actor_name=officer.name if officer else "",
                to_status=Status.RECEIVED,
                to_step_id=first.pk if first else None,
                step_due_at=min(calendar.add_working_hours(received_at, first.hours), original_due)
                if first
                else None,
            )
        self._process(generated, plan, limit, officer)
        return generated

    def _process(
        self, generated: Generated, plan: ProcedurePlan, limit: Decimal, officer: Person | None
    ) -> None:
        """From receipt on: supplements, the steps, the decision and the return, as far as
        `now` reaches. Time is office time since receipt; the waits for a supplement sit at
        points of the work and push everything after them."""
        rng, calendar, now = self.rng, self.calendar, self.now
        dossier = generated.dossier
        received_at: datetime = dossier.received_at
        original_due: datetime = dossier.due_at
        # Work needed, as a share of the limit: most finish early, a few per cent late.
        base = timedelta(hours=max(float(limit), 0.5) * float(calendar.hours_per_day))
        work = base * (rng.betavariate(2.2, 2.8) * 1.25)
        fate = rng.random()
        stuck = fate < STUCK_SHARE
        closing: int | None = None  # the status a citizen's withdrawal or a stop leads to
        if fate < STUCK_SHARE + WITHDRAWN_SHARE:
            closing = None if stuck else Status.WITHDRAWN
        elif fate < STUCK_SHARE + WITHDRAWN_SHARE + STOPPED_SHARE:
            closing = Status.STOPPED
        if closing is not None:
            work = work * rng.uniform(0.1, 0.9)

        # Supplement requests: (work done when asked, office time waited for the citizen).
        pauses: list[tuple[timedelta, timedelta]] = []
        requester = rng.choice(plan.specialists or plan.officers or (officer,))
        if requester is not None and closing is None and rng.random() < SUPPLEMENT_SHARE:
            pauses.append((work * rng.uniform(0.05, 0.5), self.hours(4, 40)))
            if rng.random() < SECOND_SUPPLEMENT_SHARE:
                pauses.append((work * rng.uniform(0.55, 0.95), self.hours(4, 40)))

        # Where `now` falls: the work done so far and the wait under way, if any.
        elapsed = calendar.working_time_between(received_at, now)
        waited = ZERO
        done, open_pause = None, None
        for number, (at_work, length) in enumerate(pauses, start=1):
            if elapsed < at_work + waited:
                done = elapsed - waited
                break
            if elapsed < at_work + waited + length:
                done, open_pause = at_work, number
                break
            waited += length
        if done is None:
            done = elapsed - waited

        def office_at(work_done: timedelta) -> datetime:
            """The instant at which `work_done` of work was reached (waits included)."""
            paused = sum((length for at_work, length in pauses if at_work < work_done), ZERO)
            return calendar.add_working_hours(received_at, work_done + paused)

        # Pause rows and counters; the closed waits move the due date.
        closed_wait = ZERO
        for number, (at_work, length) in enumerate(pauses, start=1):
            if number != open_pause and at_work > done:
                break
            started = office_at(at_work)
            is_open = number == open_pause
            generated.pauses.append(
                PauseRow(
                    number=number,
                    started_at=started,
                    ended_at=None if is_open else calendar.add_working_hours(started, length),
                    working_seconds=None if is_open else int(length.total_seconds()),
                    resume_status=Status.RECEIVED
                    if self._step_index(plan, at_work, work) == 0
                    else Status.PROCESSING,
                    items=[rng.choice(SUPPLEMENT_ITEMS)],
                    reason="Hồ sơ chưa đầy đủ thành phần theo quy định.",
                    second_request_reason="Giấy tờ bổ sung lần đầu chưa hợp lệ."
                    if number > 1
                    else "",
                    contact=requester.name,
                    requested_by_id=requester.pk,
                )
            )
            dossier.supplement_count = number
            dossier.multiple_supplements = number > 1
            if is_open:
                break
            closed_wait += length
        if closed_wait:
            dossier.paused_seconds = int(closed_wait.total_seconds())
            dossier.due_at = calendar.add_working_hours(original_due, closed_wait)
        due_at: datetime = dossier.due_at

        if open_pause is not None:
            dossier.status = Status.WAITING_SUPPLEMENT
            self._enter(dossier, plan, self._step_index(plan, done, work), work, office_at, officer)
            return
        if closing is not None and done >= work:
            dossier.status = closing
            dossier.closed_at = office_at(work)
            return
        if stuck or done < work or closing is not None:
            index = self._step_index(plan, done, work)
            if stuck and len(plan.work_steps) > 1:
                # Held at one step forever (waiting for another agency, say): overdue.
                index = min(index, rng.randrange(1, len(plan.work_steps)))
            dossier.status = Status.RECEIVED if index == 0 else Status.PROCESSING
            self._enter(dossier, plan, index, work, office_at, officer)
            return

        # Decided: the head approved the specialist's proposal.
        resolved_at = office_at(work)
        dossier.granted = rng.random() < GRANTED_SHARE
        dossier.proposal = ProposalKind.GRANT if dossier.granted else ProposalKind.DENY
        dossier.proposal_note = (
            "Hồ sơ đủ điều kiện." if dossier.granted else "Hồ sơ không đủ điều kiện theo quy định."
        )
        dossier.resolved_at = resolved_at
        dossier.outcome = judge(
            resolved_at, due_at, multiple_supplements=dossier.multiple_supplements
        )
        returned_at = calendar.add_working_hours(resolved_at, self.hours(0.5, 24))
        if returned_at <= now:
            dossier.status = Status.RETURNED
            dossier.returned_at = dossier.closed_at = returned_at
            if dossier.channel == Channel.ONLINE:
                dossier.return_method = (
                    ReturnMethod.ONLINE if rng.random() < 0.6 else ReturnMethod.DESK
                )
            else:
                dossier.return_method = RETURN_METHODS[dossier.channel]
            return
        dossier.status = Status.RESOLVED
        if plan.return_step is not None:
            step = plan.return_step
            dossier.current_step_id = step.pk
            dossier.step_started_at = resolved_at
            dossier.step_due_at = min(calendar.add_working_hours(resolved_at, step.hours), due_at)

    @staticmethod
    def _step_index(plan: ProcedurePlan, done: timedelta, work: timedelta) -> int:
        """The work step under way once `done` of `work` is done (steps scaled to `work`)."""
        steps = plan.work_steps
        total = sum((s.hours for s in steps), ZERO)
        if not steps or total <= ZERO or work <= ZERO:
            return 0
        reached = ZERO
        for index, step in enumerate(steps):
            reached += step.hours * (work / total)
            if done < reached:
                return index
        return len(steps) - 1

    def _enter(
        self,
        dossier: DossierRow,
        plan: ProcedurePlan,
        index: int,
        work: timedelta,
        office_at: Callable[[timedelta], datetime],
        officer: Person | None,
    ) -> None:
        """The dossier stands at work step `index`: its start, its due time, its assignee."""
        steps = plan.work_steps
        if not steps:
            return
        step = steps[index]
        if index == 0:
            started = dossier.received_at
        else:
            total = sum((s.hours for s in steps), ZERO)
            before = sum((s.hours for s in steps[:index]), ZERO)
            started = office_at(before * (work / total))
        dossier.current_step_id = step.pk
        dossier.step_started_at = started
        dossier.step_due_at = min(
            self.calendar.add_working_hours(started, step.hours), dossier.due_at
        )
        rng = self.rng
        assignee = None
        if index == 0:
            assignee = officer  # the officer who received it, as `dossier_receive` does
        elif step.role == Role.SPECIALIST and plan.specialists and rng.random() < 0.8:
            assignee = rng.choice(plan.specialists)
        elif step.role == Role.HEAD and step.heads and rng.random() < 0.5:
            assignee = rng.choice(step.heads)
        dossier.assignee_id = assignee.pk if assignee else None
        if step.role == Role.HEAD:
            dossier.proposal = ProposalKind.GRANT
            dossier.proposal_note = "Hồ sơ đủ điều kiện, đề nghị giải quyết."


# --- writing ------------------------------------------------------------------------------


def _reserve(increments: dict[str, int]) -> dict[str, int]:
    """Add each increment to its counter in one upsert; the new values (last number taken).

    The same upsert as `services.next_counter_value`, by more than one: safe against concurrent
    submissions, and a rolled-back batch gives its numbers back."""
    if not increments:
        return {}
    table = connection.ops.quote_name(SequenceRow._meta.db_table)
    keys = sorted(increments)  # one lock order for every writer
    values = ", ".join(["(%s, %s)"] * len(keys))
    params: list[object] = []
    for key in keys:
        params += [key, increments[key]]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (key, value) VALUES {values} "  # noqa: S608 - table name only
            f"ON CONFLICT (key) DO UPDATE SET value = {table}.value + excluded.value "
            "RETURNING key, value",
            params,
        )
        return dict(cursor.fetchall())


def _number(batch: list[Generated]) -> None:
    """Dossier codes per agency and day, tracking-book lines per agency and year, in order."""
    code_keys: dict[str, list[DossierRow]] = defaultdict(list)
    book_keys: dict[str, list[DossierRow]] = defaultdict(list)
    for item in batch:
        d = item.dossier
        code_keys[f"code:{item.prefix}:{local(d.submitted_at):%Y%m%d}"].append(d)
        if d.received_at is not None:
            book_keys[f"book:{d.agency_id}:{local(d.received_at).year}"].append(d)
    taken = _reserve(
        {key: len(rows) for key, rows in code_keys.items()}
        | {key: len(rows) for key, rows in book_keys.items()}
    )
    for key, rows in code_keys.items():
        _code, prefix, day = key.split(":")
        first = taken[key] - len(rows) + 1
        when = date(int(day[:4]), int(day[4:6]), int(day[6:]))
        rows.sort(key=lambda d: d.submitted_at)  # stable: ties keep the generated order
        for offset, d in enumerate(rows):
            d.code = dossier_code(prefix, when, first + offset)
    for key, rows in book_keys.items():
        first = taken[key] - len(rows) + 1
        rows.sort(key=lambda d: d.received_at)
        for offset, d in enumerate(rows):
            d.book_line = first + offset


def _children(batch: list[Generated], ids: list[int]) -> tuple[list[EventRow], list[PauseRow]]:
    events, pauses = [], []
    for item, pk in zip(batch, ids, strict=True):
        if item.event is not None:
            item.event.dossier_id = pk
            events.append(item.event)
        for pause in item.pauses:
            pause.dossier_id = pk
            pauses.append(pause)
    return events, pauses


def _write_orm(batch: list[Generated], insert_size: int) -> None:
    dossiers = Dossier.objects.bulk_create(
        [item.dossier.instance() for item in batch], batch_size=insert_size
    )
    events, pauses = _children(batch, [d.pk for d in dossiers])
    DossierEvent.objects.bulk_create([e.instance() for e in events], batch_size=insert_size)
    Pause.objects.bulk_create([p.instance() for p in pauses], batch_size=insert_size)


def _copy(cursor: Any, row_type: type[Row], rows: list[Row], *, with_id: bool) -> None:
    meta = row_type.model._meta
    columns = [c for c in row_type.columns if with_id or c != meta.pk.attname]
    json_columns = {f.attname for f in meta.concrete_fields if f.get_internal_type() == "JSONField"}
    quote = connection.ops.quote_name
    sql = f"COPY {quote(meta.db_table)} ({', '.join(map(quote, columns))}) FROM STDIN"
    with cursor.copy(sql) as copy:
        for row in rows:
            values = row.__dict__
            copy.write_row([Jsonb(values[c]) if c in json_columns else values[c] for c in columns])


def _write_copy(batch: list[Generated]) -> None:
    """PostgreSQL: COPY, several times faster than `bulk_create` here, whose per-value
    preparation and array dumping cost more Python time than the whole simulation."""
    with connection.cursor() as wrapper:
        wrapper.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [Dossier._meta.db_table, len(batch)],
        )
        ids = [pk for (pk,) in wrapper.fetchall()]
        for item, pk in zip(batch, ids, strict=True):
            item.dossier.id = pk
        events, pauses = _children(batch, ids)
        cursor = wrapper.cursor  # the driver's own cursor, for COPY
        _copy(cursor, DossierRow, [item.dossier for item in batch], with_id=True)
        _copy(cursor, EventRow, events, with_id=False)
        _copy(cursor, PauseRow, pauses, with_id=False)


def write_batch(batch: list[Generated], *, insert_size: int = 2_000) -> None:
    """Numbers, then the rows, in one transaction."""
    with transaction.atomic():
        _number(batch)
        if connection.vendor == "postgresql":
            _write_copy(batch)
        else:
            _write_orm(batch, insert_size)


def _run(
    simulator: Simulator,
    days: list[tuple[date, int]],
    procedures: list[ProcedurePlan],
    weights: list[float],
    *,
    batch_size: int,
    report: Callable[[int], None],
) -> Counter[int]:
    """Simulate and write `days` in batches, in this process; `report` gets each batch size."""
    statuses: Counter[int] = Counter()
    batch: list[Generated] = []
    for item in _dossiers(simulator, days, procedures, weights):
        batch.append(item)
        if len(batch) >= batch_size:
            write_batch(batch)
            statuses.update(g.dossier.status for g in batch)
            report(len(batch))
            batch = []
    if batch:
        write_batch(batch)
        statuses.update(g.dossier.status for g in batch)
        report(len(batch))
    return statuses


def _split(days: list[tuple[date, int]], parts: int) -> list[list[tuple[date, int]]]:
    """Contiguous runs of days with about the same number of dossiers each: a day is never
    split, so each day's codes follow the order of submission."""
    total = sum(n for _day, n in days)
    runs: list[list[tuple[date, int]]] = [[] for _ in range(parts)]
    seen = 0
    for day, n in days:
        runs[min(parts - 1, seen * parts // max(total, 1))].append((day, n))
        seen += n
    return [run for run in runs if run]


def _worker(
    index: int,
    simulator: Simulator,
    days: list[tuple[date, int]],
    procedures: list[ProcedurePlan],
    weights: list[float],
    batch_size: int,
    seed: int,
    messages: Any,
) -> None:
    """A forked process: its own connection, its own random stream, its own run of days."""
    try:
        simulator.rng = random.Random(f"{seed}:{index}")
        statuses = _run(
            simulator,
            days,
            procedures,
            weights,
            batch_size=batch_size,
            report=lambda n: messages.put(("progress", n)),
        )
        messages.put(("done", dict(statuses)))
    except BaseException:
        messages.put(("error", traceback.format_exc()))
    finally:
        connections.close_all()


def generate(
    *,
    count: int,
    calendar: WorkCalendar,
    now: datetime,
    years: tuple[int, int],
    seed: int = 1,
    batch_size: int = 10_000,
    workers: int = 1,
    on_progress: Callable[[Progress], None] | None = None,
) -> Counter[int]:
    """Generate `count` dossiers submitted on the working days of `years` up to `now`.

    With `workers` > 1 the days are shared among that many forked processes, each with its
    own connection, so that Python and PostgreSQL keep every core busy. Inside a transaction
    (tests) everything runs in the caller's connection. Returns the counts by status.
    """
    rng = random.Random(seed)
    plans = plan_procedures(rng)
    days = plan_days(calendar, years, now=now, count=count, rng=rng)
    citizens = tuple(User.objects.filter(role=Role.CITIZEN, is_active=True).order_by("pk")[:100])
    simulator = Simulator(calendar=calendar, now=now, rng=rng, citizens=citizens)
    simulator.prepare_applicants(count)
    procedures = [plan for plan, _weight in plans]
    weights = [weight for _plan, weight in plans]
    started = time.perf_counter()
    done = 0

    def report(n: int) -> None:
        nonlocal done
        done += n
        if on_progress:
            on_progress(Progress(done, count, time.perf_counter() - started))

    runs = _split(days, workers)
    # Forking pays on PostgreSQL only (SQLite has one writer), and never inside a transaction,
    # whose uncommitted rows other connections could not see.
    if connection.vendor != "postgresql" or connection.in_atomic_block or len(runs) < 2:
        return _run(simulator, days, procedures, weights, batch_size=batch_size, report=report)

    connections.close_all()  # never share a connection with a forked child
    context = multiprocessing.get_context("fork")
    messages = context.Queue()
    processes = [
        context.Process(
            target=_worker,
            args=(index, simulator, run, procedures, weights, batch_size, seed, messages),
            name=f"generate-dossiers-{index}",
        )
        for index, run in enumerate(runs)
    ]
    for process in processes:
        process.start()
    statuses: Counter[int] = Counter()
    finished = 0
    try:
        while finished < len(processes):
            try:
                kind, value = messages.get(timeout=1)
            except queue.Empty:
                if any(p.exitcode not in (None, 0) for p in processes):
                    raise GenerationError("Một tiến trình sinh hồ sơ đã dừng bất thường.") from None
                continue
            if kind == "progress":
                report(value)
            elif kind == "done":
                statuses.update(value)
                finished += 1
            else:
                raise GenerationError(f"Lỗi khi sinh hồ sơ:\n{value}")
    finally:
        for process in processes:
            if process.is_alive() and finished < len(processes):
                process.terminate()
            process.join()
    return statuses


def _dossiers(
    simulator: Simulator,
    days: list[tuple[date, int]],
    procedures: list[ProcedurePlan],
    weights: list[float],
) -> Iterator[Generated]:
    """Day after day, each day's dossiers in the order they were submitted."""
    rng = simulator.rng
    for day, n in days:
        chosen = rng.choices(procedures, weights=weights, k=n)
        for plan, submitted_at in zip(chosen, simulator.instants(day, n), strict=True):
            yield simulator.dossier(plan, submitted_at)


__all__ = ["GenerationError", "Progress", "generate", "parse_years", "write_batch"]
