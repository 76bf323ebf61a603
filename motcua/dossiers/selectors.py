"""Reads of dossiers, already limited to what the person may see.

Citizens see their own dossiers; staff see the dossiers of their units and every unit below.
No view filters by hand.
"""

from datetime import datetime

from django.db.models import F, Prefetch, Q, QuerySet, prefetch_related_objects
from django.utils.translation import gettext as _

from motcua.accounts.models import STAFF_ROLES, Role, User
from motcua.catalog.models import Procedure, ProcessStep
from motcua.core.exceptions import NotFound
from motcua.dossiers import rules
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.workflow import OPEN, Status
from motcua.organization.selectors import member_subtree_ids


def dossiers_visible_to(user: User) -> QuerySet[Dossier]:
    queryset = Dossier.objects.all()
    if not user.is_authenticated:
        return queryset.none()
    if user.role == Role.CITIZEN:
        return queryset.filter(applicant=user)
    if user.role in STAFF_ROLES:
        if user.role == Role.ADMIN and user.is_superuser:
            return queryset
        # A list of ids, not a subquery: with the ids known the planner reads the queue's
        # partial index in due-date order (docs/decisions/0004-dossier-scale.md).
        return queryset.filter(agency_id__in=member_subtree_ids(user.pk))
    return queryset.none()


def dossier_list(
    *,
    user: User,
    status: list[int] | None = None,
    procedure: str = "",
    overdue: bool = False,
    assignee_me: bool = False,
    now: datetime | None = None,
) -> QuerySet[Dossier]:
    """The staff queue and the citizen's list, sorted by due date (no due date last)."""
    queryset = dossiers_visible_to(user)
    # One status condition, so the planner can read the open-dossiers index in order.
    statuses = set(status or Status.values)
    if overdue or assignee_me:
        statuses &= OPEN
    if statuses != set(Status.values):
        queryset = queryset.filter(status__in=sorted(statuses))
    # Subqueries rather than joins: a join per filter costs the planner more than the scan.
    if procedure:
        queryset = queryset.filter(
            procedure_id__in=Procedure.objects.filter(code=procedure).values("pk")
        )
    if overdue:
        assert now is not None
        # Past the appointment: the extended date when there is one (always after due_at),
        # so the due-date index still drives the scan.
        queryset = queryset.filter(due_at__lt=now).filter(
            Q(extended_due_at__isnull=True) | Q(extended_due_at__lt=now)
        )
    if assignee_me:
        own_steps = ProcessStep.objects.filter(role=user.role).values("pk")
        queryset = queryset.filter(
            Q(assignee=user) | Q(assignee__isnull=True, current_step_id__in=own_steps)
        )
    # No due date (not yet received) last on every database; SQLite sorts NULL first.
    return queryset.select_related("procedure", "current_step", "assignee").order_by(
        F("due_at").asc(nulls_last=True), "pk"
    )


def dossier_get(*, code: str, user: User) -> Dossier:
    dossier = (
        dossiers_visible_to(user)
        .select_related("procedure", "agency", "current_step", "assignee", "applicant")
        .filter(code=code)
        .first()
    )
    if dossier is None:
        raise NotFound(_("Không tìm thấy hồ sơ %(code)s.") % {"code": code})
    return dossier


def dossier_detail_get(*, code: str, user: User) -> Dossier:
    """A dossier with its history, pauses and files loaded (a fixed number of queries)."""
    dossier = dossier_get(code=code, user=user)
    prefetch_related_objects(
        [dossier],
        "pauses",
        "files",
        Prefetch(
            "events",
            queryset=DossierEvent.objects.select_related(
                "from_step", "to_step", "to_user"
            ).order_by("at", "pk"),
        ),
    )
    return dossier


def dossier_public_get(*, code: str, id_number: str) -> Dossier:
    """The public status page: code plus the applicant's ID number or phone. A wrong pair
    looks exactly like an unknown code."""
    id_number = (id_number or "").strip()
    dossier = None
    if code and id_number:
        dossier = (
            Dossier.objects.select_related("procedure")
            .filter(code=code)
            .filter(Q(applicant_id_number=id_number) | Q(applicant_phone=id_number))
            .first()
        )
    if dossier is None:
        raise NotFound(_("Không tìm thấy hồ sơ với mã và số giấy tờ đã nhập."))
    return dossier


def is_overdue(dossier: Dossier, now: datetime) -> bool:
    return rules.is_overdue(dossier.status, dossier.appointment_at, now)


def history(dossier: Dossier):  # type: ignore[no-untyped-def]
    return dossier.events.select_related("from_step", "to_step", "to_user").order_by("at", "pk")


__all__ = ["Status", "dossier_get", "dossier_list", "dossier_public_get", "dossiers_visible_to"]
