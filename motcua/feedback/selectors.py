"""Reads of feedback and ratings, already limited to what the person may see.

Staff see the feedback of their units and every unit below, and what is assigned to them; a
filer reaches their item by its tracking code; the public sees only published answers (their
scrubbed texts) and rating aggregates. The last functions give the numbers the Decision 766
index needs (DOMAIN.md §8, group 6).
"""

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from motcua.accounts.models import STAFF_ROLES, Role, User
from motcua.core.clock import VIETNAM_TZ
from motcua.core.exceptions import InvalidInput, NotAllowed, NotFound
from motcua.core.text import fold
from motcua.dossiers.models import Dossier
from motcua.dossiers.workflow import Status as DossierStatus
from motcua.feedback import codes
from motcua.feedback.models import (
    CRITERIA,
    LEVELS,
    AnswerRating,
    DossierRating,
    Feedback,
    FeedbackAttachment,
    FeedbackEvent,
    FeedbackKind,
    FeedbackSettings,
    Level,
)
from motcua.feedback.workflow import CLOSED, OPEN, Status
from motcua.organization.models import Unit
from motcua.organization.selectors import member_subtree_ids


def feedback_settings() -> FeedbackSettings:
    """The configured limits (the seeded row; the model's defaults if it was deleted)."""
    return FeedbackSettings.objects.select_related("default_unit").filter(pk=1).first() or (
        FeedbackSettings(pk=1)
    )


# --- staff -------------------------------------------------------------------------------


def feedback_visible_to(user: User) -> QuerySet[Feedback]:
    queryset = Feedback.objects.all()
    if not user.is_authenticated or user.role not in STAFF_ROLES:
        return queryset.none()
    if user.role == Role.ADMIN and user.is_superuser:
        return queryset
    return queryset.filter(Q(unit_id__in=member_subtree_ids(user.pk)) | Q(assignee=user))


def overdue_filter(now: datetime) -> Q:
    """Open items past the due date of the step they wait for (none while the filer is asked)."""
    return Q(status__in=sorted(OPEN), due_at__lt=now)


def feedback_list(
    *,
    user: User,
    status: str = "",
    kind: str = "",
    overdue: bool = False,
    mine: bool = False,
    now: datetime | None = None,
) -> QuerySet[Feedback]:
    """The staff list: open items first by due date, then the closed ones newest first."""
    queryset = feedback_visible_to(user)
    if status:
        if status not in Status.values:
            raise InvalidInput(_("Trạng thái không hợp lệ."), field="status")
        queryset = queryset.filter(status=status)
    if kind:
        if kind not in FeedbackKind.values:
            raise InvalidInput(_("Loại phản ánh không hợp lệ."), field="kind")
        queryset = queryset.filter(kind=kind)
    if overdue:
        assert now is not None
        queryset = queryset.filter(overdue_filter(now))
    if mine:
        queryset = queryset.filter(assignee=user)
    return queryset.select_related("unit", "assignee", "category").order_by(
        F("due_at").asc(nulls_last=True), "-filed_at", "-pk"
    )


def feedback_get(*, code: str, user: User) -> Feedback:
    """One item for staff, with its history and attachments (a fixed number of queries)."""
    normalized = codes.normalize(code) or ""
    feedback = (
        feedback_visible_to(user)
        .select_related(
            "unit", "assignee", "category", "procedure", "dossier", "filer", "answered_by"
        )
        .prefetch_related(
            Prefetch(
                "events",
                queryset=FeedbackEvent.objects.select_related("to_unit", "to_user").order_by(
                    "at", "pk"
                ),
            ),
            "attachments",
        )
        .filter(tracking_code=normalized)
        .first()
    )
    if feedback is None:
        raise NotFound(_("Không tìm thấy phản ánh, kiến nghị có mã %(code)s.") % {"code": code})
    return feedback


def is_overdue(feedback: Feedback, now: datetime) -> bool:
    return feedback.status in OPEN and feedback.due_at is not None and feedback.due_at < now


def proposals(*, user: User) -> QuerySet[Feedback]:
    """Proposals to simplify a procedure, for the head beside the catalog: by procedure."""
    return (
        feedback_visible_to(user)
        .filter(kind=FeedbackKind.PROPOSAL)
        .select_related("procedure", "unit")
        .order_by("procedure_code", "-filed_at", "-pk")
    )


def assignable_specialists(feedback: Feedback) -> QuerySet[User]:
    unit = feedback.unit
    units = [unit.pk, *(u.pk for u in Unit.objects.get_ancestors(unit))]
    return (
        User.objects.filter(role=Role.SPECIALIST, is_active=True, units__in=units)
        .distinct()
        .order_by("full_name", "username")
    )


# --- the filer ---------------------------------------------------------------------------


def feedback_track(*, code: str) -> Feedback:
    """An item by its tracking code, for its filer. An unknown or malformed code: 404."""
    normalized = codes.normalize(code)
    feedback = None
    if normalized:
        feedback = (
            Feedback.objects.select_related("procedure", "unit", "category")
            .prefetch_related(
                Prefetch("events", queryset=FeedbackEvent.objects.order_by("at", "pk")),
                "attachments",
            )
            .filter(tracking_code=normalized)
            .first()
        )
    if feedback is None:
        raise NotFound(_("Không tìm thấy phản ánh, kiến nghị với mã theo dõi đã nhập."))
    return feedback


def rating_of(feedback: Feedback) -> AnswerRating | None:
    try:
        return feedback.rating
    except AnswerRating.DoesNotExist:
        return None


def feedback_of_filer(user: User) -> QuerySet[Feedback]:
    if not user.is_authenticated:
        return Feedback.objects.none()
    return Feedback.objects.filter(filer=user).select_related("unit").order_by("-filed_at", "-pk")


def attachment_get(*, code: str, attachment_id: int, user: User) -> tuple[FeedbackAttachment, bool]:
    """The attachment and whether the person is staff of it, if they may fetch its attachment
    `attachment_id`: staff who see the item; the filer's account; for an item filed without an
    account, whoever holds its tracking code (its only key). Staff of other units: 404."""
    normalized = codes.normalize(code) or ""
    not_found = NotFound(_("Không tìm thấy tệp đính kèm."))
    if user.is_authenticated and user.role in STAFF_ROLES:
        feedback = feedback_visible_to(user).filter(tracking_code=normalized).first()
        if feedback is None:
            raise not_found
        is_staff = True
    else:
        feedback = Feedback.objects.filter(tracking_code=normalized).first()
        if feedback is None:
            raise not_found
        if feedback.filer_id and feedback.filer_id != getattr(user, "pk", None):
            raise NotAllowed(
                _("Tệp này chỉ tải được khi đăng nhập bằng tài khoản đã gửi phản ánh.")
            )
        is_staff = False
    row = FeedbackAttachment.objects.filter(feedback=feedback, pk=attachment_id).first()
    if row is None:
        raise not_found
    return row, is_staff


# --- public ------------------------------------------------------------------------------


def published_answers(*, search: str = "", procedure: str = "") -> QuerySet[Feedback]:
    """Published answers, newest first; `search` folded (no diacritics), every word must
    appear. Only the scrubbed `public_*` texts are meant to be shown."""
    queryset = (
        Feedback.objects.filter(status=Status.PUBLISHED)
        .select_related("procedure", "category", "unit")
        .only(
            "kind",
            "procedure_code",
            "procedure__name",
            "procedure__code",
            "category__name",
            "unit__name",
            "public_title",
            "public_question",
            "public_answer",
            "published_at",
            "filed_at",
        )
        .order_by("-published_at", "-pk")
    )
    if procedure:
        queryset = queryset.filter(procedure_code=procedure)
    for word in fold(search).split():
        queryset = queryset.filter(search_text__contains=word)
    return queryset


def returned_unrated_dossiers(user: User) -> QuerySet[Dossier]:
    """The applicant's returned dossiers they have not rated yet."""
    if not user.is_authenticated:
        return Dossier.objects.none()
    return (
        Dossier.objects.filter(applicant=user, status=DossierStatus.RETURNED, rating__isnull=True)
        .select_related("procedure")
        .order_by("-returned_at", "-pk")
    )


def dossier_for_rating(*, code: str, user: User) -> Dossier:
    """The dossier a signed-in applicant is about to rate (the service checks again)."""
    dossier = (
        Dossier.objects.select_related("procedure", "agency").filter(code=code.strip()).first()
    )
    if dossier is None:
        raise NotFound(_("Không tìm thấy hồ sơ %(code)s.") % {"code": code})
    if dossier.applicant_id != user.pk:
        raise NotAllowed(_("Chỉ người nộp hồ sơ được đánh giá việc giải quyết hồ sơ này."))
    return dossier


# --- rating aggregates -------------------------------------------------------------------


@dataclass
class LevelShare:
    level: Level
    count: int
    percent: Decimal

    @property
    def label(self) -> str:
        return str(self.level.label)


@dataclass
class RatingRow:
    key: str
    label: str
    total: int
    shares: list[LevelShare] = field(default_factory=list)
    criteria: dict[str, Decimal | None] = field(default_factory=dict)

    @property
    def segments(self) -> list[dict]:
        """The stacked bar of the chart: each level's x and width in per cent of the bar."""
        x = Decimal("0")
        parts = []
        for share in self.shares:
            if share.count:
                parts.append({"share": share, "x": x, "width": share.percent})
                x += share.percent
        return parts

    @property
    def satisfied_percent(self) -> Decimal:
        """Satisfied or very satisfied."""
        satisfied = sum(s.count for s in self.shares if s.level >= Level.SATISFIED)
        return _percent(satisfied, self.total)


@dataclass
class RatingSummary:
    start: date
    end: date
    overall: RatingRow
    by_unit: list[RatingRow]
    by_procedure: list[RatingRow]


def _percent(part: int, total: int) -> Decimal:
    if not total:
        return Decimal("0")
    return (Decimal(part) * 100 / Decimal(total)).quantize(Decimal("0.1"))


def _level_counts() -> dict[str, Count]:
    counts = {f"l{level.value}": Count("pk", filter=Q(level=level.value)) for level in LEVELS}
    for name in CRITERIA:
        counts[f"{name}_yes"] = Count("pk", filter=Q(**{name: True}))
        counts[f"{name}_answered"] = Count("pk", filter=Q(**{f"{name}__isnull": False}))
    return counts


def _row(key: str, label: str, values: dict) -> RatingRow:
    total = values["total"]
    shares = [
        LevelShare(level, values[f"l{level.value}"], _percent(values[f"l{level.value}"], total))
        for level in LEVELS
    ]
    criteria = {
        name: (
            _percent(values[f"{name}_yes"], values[f"{name}_answered"])
            if values[f"{name}_answered"]
            else None
        )
        for name in CRITERIA
    }
    return RatingRow(key=key, label=label, total=total, shares=shares, criteria=criteria)


def summary_period(raw_from: str, raw_to: str, *, today: date) -> tuple[date, date]:
    """The period asked for (YYYY-MM-DD), by default from 1 January to today."""
    values = []
    for name, raw, default in (
        ("from", raw_from, date(today.year, 1, 1)),
        ("to", raw_to, today),
    ):
        if not raw:
            values.append(default)
            continue
        try:
            values.append(date.fromisoformat(raw))
        except ValueError as exc:
            raise InvalidInput(
                _("Ngày không hợp lệ (dạng YYYY-MM-DD): %(value)s.") % {"value": raw},
                field=name,
            ) from exc
    start, end = values
    if end < start:
        raise InvalidInput(_("Ngày kết thúc phải sau ngày bắt đầu."), field="to")
    return start, end


def period_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """[start 00:00, day after end 00:00) in Vietnam time."""
    if end < start:
        raise InvalidInput(_("Ngày kết thúc phải sau ngày bắt đầu."), field="to")
    return (
        datetime.combine(start, time(), tzinfo=VIETNAM_TZ),
        datetime.combine(end + timedelta(days=1), time(), tzinfo=VIETNAM_TZ),
    )


def rating_summary(
    *, start: date, end: date, unit_id: int | None = None, procedure: str = ""
) -> RatingSummary:
    """Per unit and per procedure, in the period [start, end] (rating dates, Vietnam time):
    the number of ratings and the share at each level; three aggregate queries."""
    low, high = period_bounds(start, end)
    ratings = DossierRating.objects.filter(rated_at__gte=low, rated_at__lt=high)
    if unit_id:
        ratings = ratings.filter(dossier__agency_id=unit_id)
    if procedure:
        ratings = ratings.filter(dossier__procedure__code=procedure)
    counts = _level_counts()
    overall = ratings.aggregate(total=Count("pk"), **counts)
    by_unit = (
        ratings.values("dossier__agency_id", "dossier__agency__name")
        .annotate(total=Count("pk"), **counts)
        .order_by("dossier__agency__name")
    )
    by_procedure = (
        ratings.values("dossier__procedure__code")
        .annotate(total=Count("pk"), **counts)
        .order_by("dossier__procedure__code")
    )
    names = dict(
        Dossier.objects.filter(
            procedure__code__in=[r["dossier__procedure__code"] for r in by_procedure]
        )
        .values_list("procedure__code", "procedure__name")
        .distinct()
    )
    return RatingSummary(
        start=start,
        end=end,
        overall=_row("all", _("Tất cả"), overall),
        by_unit=[
            _row(str(r["dossier__agency_id"]), r["dossier__agency__name"], r) for r in by_unit
        ],
        by_procedure=[
            _row(
                r["dossier__procedure__code"],
                names.get(r["dossier__procedure__code"], r["dossier__procedure__code"]),
                r,
            )
            for r in by_procedure
        ],
    )


# --- for the Decision 766 index (group 6) ------------------------------------------------


@dataclass(frozen=True)
class Timeliness:
    """Feedback closed in the period (refused or published) and how many had no late step."""

    closed: int
    on_time: int


def feedback_timeliness(
    *, start: datetime, end: datetime, unit_ids: Collection[int] | None = None
) -> Timeliness:
    """`unit_ids`: only the feedback of these units (None: every unit)."""
    items = Feedback.objects.filter(
        status__in=sorted(CLOSED), closed_at__gte=start, closed_at__lt=end
    )
    if unit_ids is not None:
        items = items.filter(unit_id__in=unit_ids)
    row = items.aggregate(closed=Count("pk"), on_time=Count("pk", filter=Q(was_late=False)))
    return Timeliness(closed=row["closed"], on_time=row["on_time"])


@dataclass(frozen=True)
class Satisfaction:
    rated: int
    satisfied: int
    dissatisfied: int


def answer_satisfaction(
    *, start: datetime, end: datetime, unit_ids: Collection[int] | None = None
) -> Satisfaction:
    """Ratings of answers given in the period: how many, how many satisfied."""
    ratings = AnswerRating.objects.filter(rated_at__gte=start, rated_at__lt=end)
    if unit_ids is not None:
        ratings = ratings.filter(feedback__unit_id__in=unit_ids)
    row = ratings.aggregate(rated=Count("pk"), satisfied=Count("pk", filter=Q(satisfied=True)))
    return Satisfaction(
        rated=row["rated"],
        satisfied=row["satisfied"],
        dissatisfied=row["rated"] - row["satisfied"],
    )


def dossier_satisfaction(
    *, start: datetime, end: datetime, unit_ids: Collection[int] | None = None
) -> Satisfaction:
    """Dossier ratings in the period: satisfied = satisfied or very satisfied, dissatisfied =
    dissatisfied or very dissatisfied (neutral is neither). `unit_ids`: dossiers of these
    agencies only."""
    ratings = DossierRating.objects.filter(rated_at__gte=start, rated_at__lt=end)
    if unit_ids is not None:
        ratings = ratings.filter(dossier__agency_id__in=unit_ids)
    row = ratings.aggregate(
        rated=Count("pk"),
        satisfied=Count("pk", filter=Q(level__gte=Level.SATISFIED)),
        dissatisfied=Count("pk", filter=Q(level__lte=Level.DISSATISFIED)),
    )
    return Satisfaction(
        rated=row["rated"], satisfied=row["satisfied"], dissatisfied=row["dissatisfied"]
    )


def int_param(raw: str, name: str) -> int | None:
    """An optional id from a query string; anything else names the parameter."""
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError as exc:
        raise InvalidInput(_("%(name)s phải là một số.") % {"name": name}, field=name) from exc
