"""Reads of dossiers, already limited to what the person may see.

Citizens see their own dossiers; staff see the dossiers of their units and every unit below.
No view filters by hand.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import models
from django.db.models import F, Prefetch, Q, QuerySet, prefetch_related_objects
from django.utils.translation import gettext as _

from motcua.accounts.models import STAFF_ROLES, Role, User
from motcua.catalog.models import Procedure, ProcedureComponent, ProcessStep
from motcua.core.exceptions import NotFound
from motcua.documents.models import StoredDocument
from motcua.documents.selectors import owner_id_number, store_offers
from motcua.dossiers import rules
from motcua.dossiers.models import Dossier, DossierEvent, DossierFile, ShownComponent
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


# --- the dossier's papers, component by component ---------------------------------------


class PaperState(models.TextChoices):
    """Where a component of the dossier stands."""

    UPLOADED = "uploaded", _("Nộp bản điện tử")
    DIGITIZED = "digitized", _("Số hóa tại bộ phận một cửa")
    REUSED = "reused", _("Dùng lại từ kho dữ liệu")
    SHOWN = "shown", _("Xuất trình tại quầy, không lưu")
    DATABASE = "database", _("Khai thác từ cơ sở dữ liệu")
    MISSING = "missing", _("Chưa có")


def file_origin(row: DossierFile) -> PaperState:
    if row.stored_document_id:
        return PaperState.REUSED
    return PaperState.DIGITIZED if row.digitized else PaperState.UPLOADED


@dataclass
class ComponentPapers:
    component: ProcedureComponent
    state: PaperState
    files: list[DossierFile] = field(default_factory=list)
    shown: ShownComponent | None = None
    # A paper of the applicant's store that would answer the component (when the viewer may
    # attach it now and the component has no file yet).
    offer: StoredDocument | None = None

    @property
    def state_name(self) -> str:
        return str(self.state.label)


@dataclass
class DossierPapers:
    components: list[ComponentPapers]
    other_files: list[DossierFile]


def may_add_papers(dossier: Dossier, user: User) -> bool:
    """Mirrors the services: the officer while the dossier is open, the applicant while it
    waits for their supplement."""
    if user.role == Role.OFFICER:
        return dossier.status in OPEN
    return user.role == Role.CITIZEN and dossier.status == Status.WAITING_SUPPLEMENT


def dossier_papers(dossier: Dossier, user: User) -> DossierPapers:
    """Each component of the dossier's procedure with its files, whether it was shown at the
    desk, and what the applicant's store offers for it. A fixed number of queries."""
    files = list(
        dossier.files.select_related("stored_document", "uploaded_by").order_by("round", "pk")
    )
    shown = {s.component_id: s for s in dossier.shown_components.select_related("shown_by")}
    components = list(dossier.procedure.components.select_related("document_type"))
    by_component: dict[int | None, list[DossierFile]] = {}
    for row in files:
        by_component.setdefault(row.component_id, []).append(row)
    offers: dict[int, StoredDocument] = {}
    if may_add_papers(dossier, user):
        owner = dossier.applicant_id_number
        if user.role == Role.CITIZEN and owner_id_number(user) != owner:
            owner = ""
        offers = store_offers(
            owner=owner, components=[c for c in components if c.pk not in by_component]
        )
    rows = []
    for component in components:
        own = by_component.get(component.pk, [])
        if own:
            state = file_origin(own[-1])
        elif component.pk in shown:
            state = PaperState.SHOWN
        elif component.is_database:
            state = PaperState.DATABASE
        else:
            state = PaperState.MISSING
        rows.append(
            ComponentPapers(
                component=component,
                state=state,
                files=own,
                shown=shown.get(component.pk),
                offer=offers.get(component.pk),
            )
        )
    return DossierPapers(components=rows, other_files=by_component.get(None, []))


def dossier_file_get(*, code: str, file_id: int, user: User) -> tuple[Dossier, DossierFile]:
    """A file of a dossier the person may see (the applicant, staff of its units)."""
    dossier = dossier_get(code=code, user=user)
    row = dossier.files.select_related("stored_document").filter(pk=file_id).first()
    if row is None:
        raise NotFound(_("Không tìm thấy tệp của hồ sơ %(code)s.") % {"code": code})
    return dossier, row


__all__ = [
    "ComponentPapers",
    "PaperState",
    "Status",
    "dossier_file_get",
    "dossier_get",
    "dossier_list",
    "dossier_papers",
    "dossier_public_get",
    "dossiers_visible_to",
]
