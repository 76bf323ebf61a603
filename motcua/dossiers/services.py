"""Every change to a dossier: submission, desk registration and the actions of `workflow.RULES`.

Each service runs in one transaction, locks the dossier row, checks who may act and in which
state (403 / 409), applies the rule, saves with a version check (so two people acting at once
cannot both succeed, on PostgreSQL and SQLite alike) and appends the history row.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.files.base import File
from django.db import connection, transaction
from django.db.models import F, Sum
from django.utils.translation import gettext as _

from motcua.accounts.identifiers import normalize_phone
from motcua.accounts.models import ApplicantKind, Role, User
from motcua.catalog.models import (
    ComponentSource,
    FeeStage,
    Procedure,
    ProcedureComponent,
    ProcessStep,
)
from motcua.catalog.selectors import fees_due, procedure_get
from motcua.core.clock import local, now
from motcua.core.exceptions import (
    Conflict,
    InvalidInput,
    NotAllowed,
    NotFound,
    PayloadTooLarge,
)
from motcua.documents.models import StoredDocument
from motcua.documents.selectors import owner_id_number
from motcua.documents.services import store_dossier_files, stored_document_for_reuse
from motcua.documents.uploads import (
    CheckedFile,
    delete_files_on_error,
    inspect_upload,
    megabytes,
    save_file,
)
from motcua.dossiers.models import (
    Channel,
    Dossier,
    DossierEvent,
    DossierFile,
    Extension,
    Outcome,
    Pause,
    PauseKind,
    ProposalKind,
    ReturnMethod,
    ShownComponent,
)
from motcua.dossiers.models import (
    Sequence as Counter,
)
from motcua.dossiers.rules import dossier_code, judge
from motcua.dossiers.selectors import dossiers_visible_to
from motcua.dossiers.workflow import CLOCK_RUNNING, OPEN, RULES, Action, Status
from motcua.organization.models import Unit
from motcua.organization.selectors import member_subtree
from motcua.sync.hooks import dossier_event_recorded
from motcua.workdays.clock import WorkCalendar
from motcua.workdays.selectors import get_work_calendar


@dataclass(frozen=True)
class Upload:
    """A file given with a dossier: the component it answers (None: other papers)."""

    component_id: int | None
    file: File
    name: str


@dataclass(frozen=True)
class Reuse:
    """A component answered by a paper already in the applicant's data store (by reference)."""

    component_id: int
    stored_document_id: int


@dataclass(frozen=True)
class Applicant:
    name: str
    id_number: str
    phone: str = ""
    email: str = ""
    address: str = ""
    organization: str = ""


@dataclass
class ActionInput:
    """What an action may carry; each action reads the fields it needs."""

    note: str = ""
    reasons: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    contact: str = ""
    second_request_reason: str = ""
    to_user: User | None = None
    proposal: str = ""
    new_due_at: datetime | None = None
    return_method: str = ""
    files: Sequence[Upload] = ()


# --- numbering -------------------------------------------------------------------------


def next_counter_value(key: str) -> int:
    """The next number of a gap-free counter (dossier codes, book lines, receipts, e-results),
    in the caller's transaction: one upsert, safe under concurrency."""
    table = connection.ops.quote_name(Counter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (key, value) VALUES (%s, 1) "  # noqa: S608 - table name only
            f"ON CONFLICT (key) DO UPDATE SET value = {table}.value + 1 RETURNING value",
            [key],
        )
        return cursor.fetchone()[0]


def agency_code(unit: Unit) -> str:
    """The electronic identifier used in dossier codes: the unit's, or its nearest ancestor's."""
    if unit.code:
        return unit.code
    for ancestor in reversed(list(Unit.objects.get_ancestors(unit))):
        if ancestor.code:
            return ancestor.code
    raise InvalidInput(
        _("Đơn vị %(unit)s chưa có mã định danh điện tử.") % {"unit": unit.name}, field="agency"
    )


# --- helpers -------------------------------------------------------------------------


def _steps(procedure: Procedure) -> list[ProcessStep]:
    return list(procedure.process_steps.order_by("order", "pk"))


def _time_limit(procedure: Procedure, channel: int) -> Decimal:
    if channel == Channel.ONLINE and procedure.online_time_limit_days is not None:
        return procedure.online_time_limit_days
    if procedure.time_limit_days is None:
        raise InvalidInput(_("Thủ tục chưa có thời hạn giải quyết."), field="procedure")
    return procedure.time_limit_days


def _step_outcome(at: datetime, due: datetime | None) -> str:
    return judge(at, due) if due else ""


def _record(
    dossier: Dossier,
    *,
    action: str,
    actor: User | None,
    at: datetime,
    from_status: int | None,
    note: str = "",
    from_step: ProcessStep | None = None,
    to_user: User | None = None,
    step_outcome: str = "",
    data: dict[str, Any] | None = None,
) -> DossierEvent:
    event = DossierEvent.objects.create(
        dossier=dossier,
        action=action,
        at=at,
        actor=actor,
        actor_name=actor.display_name if actor else "",
        from_status=from_status,
        to_status=dossier.status,
        from_step=from_step,
        to_step=dossier.current_step,
        to_user=to_user,
        step_due_at=dossier.step_due_at,
        step_outcome=step_outcome,
        note=note,
        data=data or {},
    )
    dossier_event_recorded(event)  # the portal's outbox and the notifications, same transaction
    return event


def _save(dossier: Dossier, fields: list[str]) -> None:
    """Write the changed fields if nobody else changed the dossier since it was read."""
    values = {name: getattr(dossier, name) for name in fields}
    updated = Dossier.objects.filter(pk=dossier.pk, version=dossier.version).update(
        **values, version=F("version") + 1, updated_at=now()
    )
    if updated != 1:
        raise Conflict(_("Hồ sơ vừa được người khác cập nhật. Vui lòng tải lại và thử lại."))
    dossier.version += 1


def _components(procedure: Procedure) -> dict[int, ProcedureComponent]:
    return {c.pk: c for c in procedure.components.select_related("document_type")}


def _component_for(
    components: dict[int, ProcedureComponent], component_id: int | None, where: str
) -> ProcedureComponent | None:
    if component_id is None:
        return None
    component = components.get(component_id)
    if component is None:
        raise InvalidInput(
            _("Thành phần hồ sơ %(id)s không thuộc thủ tục này.") % {"id": component_id},
            field=where,
        )
    if component.source == ComponentSource.DATABASE:
        raise InvalidInput(
            _("«%(name)s» được khai thác từ cơ sở dữ liệu, không cần nộp tệp.")
            % {"name": component.name},
            field=where,
        )
    return component


@dataclass(frozen=True)
class _Checked:
    upload: Upload
    component: ProcedureComponent | None
    file: CheckedFile


def _check_uploads(
    components: dict[int, ProcedureComponent],
    uploads: Sequence[Upload],
    *,
    existing_bytes: int,
    field: str | None = None,
) -> list[_Checked]:
    """Every file of the request checked from its content, and the dossier's total, before
    any is written: one bad file and nothing is stored."""
    limit = settings.MOTCUA_UPLOAD_MAX_DOSSIER_BYTES
    total = existing_bytes
    checked = []
    for index, upload in enumerate(uploads):
        where = field or f"components[{index}]"
        component = _component_for(components, upload.component_id, where)
        result = inspect_upload(
            upload.file,
            name=upload.name,
            field=where,
            accepted=component.accepted_kinds if component else None,
        )
        total += result.size
        if total > limit:
            raise PayloadTooLarge(
                _("Tổng dung lượng các tệp của hồ sơ vượt quá %(limit)s khi thêm tệp «%(name)s».")
                % {"limit": megabytes(limit), "name": upload.name},
                field=where,
            )
        checked.append(_Checked(upload, component, result))
    return checked


def _write_files(
    dossier: Dossier,
    checked: Sequence[_Checked],
    *,
    actor: User | None,
    at: datetime,
    round: int,
    digitized: bool,
) -> list[DossierFile]:
    """Store checked files under generated names (the user's name is metadata only)."""
    stored = []
    for item in checked:
        row = DossierFile(
            dossier=dossier,
            component=item.component,
            original_name=item.file.name,
            size=item.file.size,
            round=round,
            uploaded_by=actor,
            uploaded_at=at,
            content_type=item.file.content_type,
            sha256=item.file.sha256,
            page_count=item.file.page_count,
            digitized=digitized,
        )
        save_file(row.file, "tep" + item.file.extension, item.upload.file)
        row.save()
        stored.append(row)
    return stored


def _dossier_bytes(dossier: Dossier) -> int:
    """What the dossier's own files weigh (papers reused from the store are not copied)."""
    files = dossier.files.filter(stored_document__isnull=True)
    return files.aggregate(total=Sum("size"))["total"] or 0


def _is_desk_scan(actor: User | None) -> bool:
    """Files the one-stop officer attaches are scans of paper brought to the desk."""
    return actor is not None and actor.role == Role.OFFICER


def _store_files(
    dossier: Dossier, uploads: Sequence[Upload], *, actor: User | None, at: datetime, round: int
) -> list[DossierFile]:
    checked = _check_uploads(
        _components(dossier.procedure), uploads, existing_bytes=_dossier_bytes(dossier)
    )
    return _write_files(
        dossier, checked, actor=actor, at=at, round=round, digitized=_is_desk_scan(actor)
    )


def _check_reuses(
    components: dict[int, ProcedureComponent], reuses: Sequence[Reuse], *, owner: str
) -> list[tuple[ProcedureComponent, StoredDocument]]:
    pairs = []
    for index, reuse in enumerate(reuses):
        where = f"stored_documents[{index}]"
        component = _component_for(components, reuse.component_id, where)
        assert component is not None
        document = stored_document_for_reuse(
            stored_document_id=reuse.stored_document_id,
            owner=owner,
            component=component,
            field=where,
        )
        pairs.append((component, document))
    return pairs


def _attach_reused(
    dossier: Dossier,
    pairs: Sequence[tuple[ProcedureComponent, StoredDocument]],
    *,
    actor: User | None,
    at: datetime,
    round: int,
) -> list[DossierFile]:
    """A dossier file that points at a paper of the store: no upload, no copy."""
    rows = []
    for component, document in pairs:
        row = DossierFile.objects.create(
            dossier=dossier,
            component=component,
            original_name=document.original_name,
            size=document.size,
            round=round,
            uploaded_by=actor,
            uploaded_at=at,
            content_type=document.content_type,
            sha256=document.sha256,
            stored_document=document,
        )
        _record(
            dossier,
            action=Action.REUSE_DOCUMENT,
            actor=actor,
            at=at,
            from_status=dossier.status,
            from_step=dossier.current_step,
            note=f"{component.name}: {document.title}",
            data={"component": component.pk, "stored_document": document.pk, "file": row.pk},
        )
        rows.append(row)
    return rows


def _digitized(dossier: Dossier) -> bool:
    """HoSoCoThanhPhanSoHoa: every component the applicant must give exists electronically
    (uploaded, scanned at the desk or reused from the store); papers only shown at the desk
    and database look-ups are not given."""
    given = set(dossier.files.exclude(component=None).values_list("component_id", flat=True))
    given |= set(dossier.shown_components.values_list("component_id", flat=True))
    return all(
        c.pk in given
        for c in dossier.procedure.components.all()
        if c.source == ComponentSource.UPLOAD and c.is_required
    )


def _refresh_digitized(dossier: Dossier) -> list[str]:
    dossier.has_digitized_components = _digitized(dossier)
    return ["has_digitized_components"]


def _require_components(
    procedure: Procedure, uploads: Sequence[Upload], reuses: Sequence[Reuse] = ()
) -> None:
    given = {u.component_id for u in uploads} | {r.component_id for r in reuses}
    for component in procedure.components.all():
        if (
            component.source == ComponentSource.UPLOAD
            and component.is_required
            and component.pk not in given
        ):
            raise InvalidInput(
                _("Thiếu thành phần hồ sơ bắt buộc: %(name)s.") % {"name": component.name},
                field="components",
            )


def _applicant_from(user: User | None, applicant: Applicant | None) -> Applicant:
    if applicant is None and user is not None:
        applicant = Applicant(
            name=user.display_name,
            id_number=user.tax_code
            if user.applicant_kind == ApplicantKind.BUSINESS
            else user.citizen_id,
            phone=user.phone,
            email=user.email,
            organization=user.organization_name,
        )
    if applicant is None or not applicant.name.strip():
        raise InvalidInput(_("Vui lòng nhập họ tên người nộp."), field="applicant.name")
    if not applicant.id_number.strip():
        raise InvalidInput(
            _("Vui lòng nhập số định danh cá nhân hoặc mã số thuế."), field="applicant.id_number"
        )
    return applicant


def _new_dossier(
    *,
    procedure: Procedure,
    channel: int,
    applicant: Applicant,
    user: User | None,
    request: str,
    at: datetime,
) -> Dossier:
    if not request.strip():
        raise InvalidInput(_("Vui lòng nhập nội dung yêu cầu."), field="request")
    unit = procedure.handling_unit
    prefix = agency_code(unit)
    day = local(at).date()
    sequence = next_counter_value(f"code:{prefix}:{day:%Y%m%d}")
    return Dossier.objects.create(
        code=dossier_code(prefix, day, sequence),
        procedure=procedure,
        agency=unit,
        channel=channel,
        status=Status.SUBMITTED,
        applicant=user,
        applicant_name=applicant.name.strip(),
        applicant_id_number=applicant.id_number.strip(),
        applicant_phone=normalize_phone(applicant.phone),
        applicant_email=applicant.email.strip(),
        applicant_address=applicant.address.strip(),
        applicant_organization=applicant.organization.strip(),
        request=request.strip(),
        submitted_at=at,
    )


def _start_clock(dossier: Dossier, *, officer: User, at: datetime, calendar: WorkCalendar) -> None:
    """Receipt: the appointment from the procedure's limit and cut-off, the first step."""
    procedure = dossier.procedure
    due = calendar.due_for_procedure(
        at, _time_limit(procedure, dossier.channel), procedure.cutoff_time
    )
    dossier.status = Status.RECEIVED
    dossier.received_at = at
    dossier.received_by = officer
    dossier.original_due_at = dossier.due_at = due
    dossier.book_line = next_counter_value(f"book:{dossier.agency_id}:{local(at).year}")
    steps = _steps(procedure)
    if steps:
        _enter_step(dossier, steps[0], at=at, calendar=calendar, assignee=officer)


def _enter_step(
    dossier: Dossier,
    step: ProcessStep,
    *,
    at: datetime,
    calendar: WorkCalendar,
    assignee: User | None,
) -> None:
    dossier.current_step = step
    dossier.step_started_at = at
    dossier.step_due_at = calendar.add_working_hours(at, step.hours)
    if dossier.due_at and dossier.step_due_at > dossier.due_at:
        dossier.step_due_at = dossier.due_at
    dossier.assignee = assignee


_CLOCK_FIELDS = [
    "status",
    "received_at",
    "received_by",
    "original_due_at",
    "due_at",
    "book_line",
    "current_step",
    "step_started_at",
    "step_due_at",
    "assignee",
]


# --- intake --------------------------------------------------------------------------


@delete_files_on_error()
@transaction.atomic
def dossier_submit(
    *,
    citizen: User,
    procedure_code: str,
    request: str,
    uploads: Sequence[Upload] = (),
    applicant: Applicant | None = None,
    reuses: Sequence[Reuse] = (),
    at: datetime | None = None,
) -> Dossier:
    """Online submission (channel 2) by a citizen or business: status 1, code at once.
    `reuses` answers components with papers of the citizen's own data store."""
    at = at or now()
    if citizen.role != Role.CITIZEN:
        raise NotAllowed(_("Chỉ người dân, doanh nghiệp nộp hồ sơ trực tuyến."))
    procedure = procedure_get(code=procedure_code)
    if not procedure.accepts_online:
        raise InvalidInput(
            _("Thủ tục này không nhận hồ sơ trực tuyến; vui lòng nộp tại Bộ phận Một cửa."),
            field="procedure",
        )
    _require_components(procedure, uploads, reuses)
    components = _components(procedure)
    checked = _check_uploads(components, uploads, existing_bytes=0)
    person = _applicant_from(citizen, applicant)
    pairs = []
    if reuses:
        own = owner_id_number(citizen)
        if person.id_number.strip() != own:
            raise InvalidInput(
                _("Chỉ dùng lại được giấy tờ trong kho dữ liệu của chính người nộp hồ sơ."),
                field="stored_documents",
            )
        pairs = _check_reuses(components, reuses, owner=own)
    dossier = _new_dossier(
        procedure=procedure,
        channel=Channel.ONLINE,
        applicant=person,
        user=citizen,
        request=request,
        at=at,
    )
    _write_files(dossier, checked, actor=citizen, at=at, round=0, digitized=False)
    _record(dossier, action=Action.SUBMIT, actor=citizen, at=at, from_status=None)
    _attach_reused(dossier, pairs, actor=citizen, at=at, round=0)
    dossier.save(update_fields=_refresh_digitized(dossier))
    return dossier


@delete_files_on_error()
@transaction.atomic
def dossier_register(
    *,
    officer: User,
    procedure_code: str,
    channel: int,
    applicant: Applicant,
    request: str,
    uploads: Sequence[Upload] = (),
    reuses: Sequence[Reuse] = (),
    citizen: User | None = None,
    at: datetime | None = None,
) -> Dossier:
    """A dossier brought to the desk (1) or by post (3), registered and received at once.
    The officer's files are scans of the paper (digitized); `reuses` answers components with
    papers of the applicant's data store."""
    at = at or now()
    if officer.role != Role.OFFICER:
        raise NotAllowed(_("Chỉ cán bộ một cửa tiếp nhận hồ sơ tại quầy."))
    if channel not in (Channel.DIRECT, Channel.POSTAL):
        raise InvalidInput(
            _("Kênh tiếp nhận tại quầy là trực tiếp (1) hoặc bưu chính (3)."), field="channel"
        )
    procedure = procedure_get(code=procedure_code)
    if not member_subtree(officer.pk).filter(pk=procedure.handling_unit_id).exists():
        raise NotAllowed(_("Thủ tục này không thuộc đơn vị của bạn."))
    accepted = procedure.accepts_direct if channel == Channel.DIRECT else procedure.accepts_postal
    if not accepted:
        raise InvalidInput(_("Thủ tục này không nhận hồ sơ qua kênh đã chọn."), field="channel")
    components = _components(procedure)
    checked = _check_uploads(components, uploads, existing_bytes=0)
    person = _applicant_from(None, applicant)
    pairs = _check_reuses(components, reuses, owner=person.id_number.strip())
    dossier = _new_dossier(
        procedure=procedure,
        channel=channel,
        applicant=person,
        user=citizen,
        request=request,
        at=at,
    )
    _write_files(dossier, checked, actor=officer, at=at, round=0, digitized=True)
    _start_clock(dossier, officer=officer, at=at, calendar=get_work_calendar())
    if _await_payment(dossier, FeeStage.SUBMISSION, actor=officer, at=at):
        dossier.status = Status.WAITING_PAYMENT
    _record(dossier, action=Action.REGISTER, actor=officer, at=at, from_status=None)
    _attach_reused(dossier, pairs, actor=officer, at=at, round=0)
    dossier.save(update_fields=[*_CLOCK_FIELDS, *_refresh_digitized(dossier)])
    store_dossier_files(dossier=dossier, at=at)
    return dossier


# --- fees: the wait for payment (status 6) -------------------------------------------------


def _await_payment(dossier: Dossier, stage: str, *, actor: User, at: datetime) -> bool:
    """If the procedure charges at `stage`, open a payment wait and say so. On receipt the
    clock stops until the fee is paid (as for a supplement); once the result is ready there
    is no clock left to stop."""
    fees = fees_due(dossier.procedure, stage)
    if not fees:
        return False
    Pause.objects.create(
        dossier=dossier,
        kind=PauseKind.PAYMENT,
        number=dossier.pauses.filter(kind=PauseKind.PAYMENT).count() + 1,
        started_at=at,
        clock_stopped=stage == FeeStage.SUBMISSION,
        resume_status=Status.RECEIVED if stage == FeeStage.SUBMISSION else Status.RESOLVED,
        items=[f"{fee.name}: {fee.amount:,} đồng".replace(",", ".") for fee in fees],
        reason=_("Chờ nộp phí, lệ phí theo quy định của thủ tục."),
        requested_by=actor,
    )
    return True


def dossier_fee_paid(
    dossier: Dossier, *, actor: User | None, at: datetime, note: str = ""
) -> Dossier:
    """The fee the dossier waited for is paid (online on the gateway's IPN, or at the desk):
    the wait ends, the due dates move by the paused working time, and the dossier goes back
    to where it was. Called by `payments.services` in its transaction, the row locked."""
    if dossier.status != Status.WAITING_PAYMENT:
        raise Conflict(
            _("Hồ sơ %(code)s không chờ nộp phí, lệ phí.") % {"code": dossier.code},
            extra={"status": dossier.status},
        )
    pause = dossier.pauses.select_for_update().get(kind=PauseKind.PAYMENT, ended_at__isnull=True)
    from_status, from_step = dossier.status, dossier.current_step
    paused = _close_pause(dossier, pause, at=at, calendar=get_work_calendar())
    dossier.status = pause.resume_status
    _save(dossier, ["status", "due_at", "step_due_at", "paused_seconds"])
    if dossier.status == Status.RESOLVED and dossier.granted:
        from motcua.documents.results import e_result_issue

        e_result_issue(dossier, at=at)
    _record(
        dossier,
        action=Action.PAY,
        actor=actor,
        at=at,
        from_status=from_status,
        from_step=from_step,
        note=note,
        data={"paused_seconds": paused},
    )
    return dossier


# --- actions -------------------------------------------------------------------------

Handler = Callable[[Dossier, User, ActionInput, datetime, WorkCalendar], dict[str, Any]]
_HANDLERS: dict[str, Handler] = {}


def _handler(action: Action) -> Callable[[Handler], Handler]:
    def register(function: Handler) -> Handler:
        _HANDLERS[action] = function
        return function

    return register


@delete_files_on_error()
@transaction.atomic
def dossier_act(
    *,
    code: str,
    actor: User,
    action: str,
    data: ActionInput | None = None,
    at: datetime | None = None,
) -> Dossier:
    """Apply one action of the workflow table to the dossier `code`."""
    at = at or now()
    data = data or ActionInput()
    try:
        action = Action(action)
    except ValueError as exc:
        raise InvalidInput(
            _("Thao tác không hợp lệ: %(a)s.") % {"a": action}, field="action"
        ) from exc
    rule = RULES.get(action)
    if rule is None:
        raise InvalidInput(_("Thao tác không hợp lệ: %(a)s.") % {"a": action}, field="action")
    dossier = (
        dossiers_visible_to(actor)
        .select_for_update(of=("self",))
        .select_related("procedure", "current_step")
        .filter(code=code)
        .first()
    )
    if dossier is None:
        raise NotFound(_("Không tìm thấy hồ sơ %(code)s.") % {"code": code})
    if actor.role not in rule.roles:
        raise NotAllowed(
            _("Thao tác «%(action)s» không thuộc quyền của %(role)s.")
            % {"action": action.label, "role": Role(actor.role).label}
        )
    if dossier.status not in rule.sources:
        raise Conflict(
            _("Không thể «%(action)s» khi hồ sơ đang ở trạng thái «%(status)s».")
            % {"action": action.label, "status": dossier.status_name},
            extra={"status": dossier.status},
        )
    from_status, from_step = dossier.status, dossier.current_step
    calendar = get_work_calendar()
    event = _HANDLERS[action](dossier, actor, data, at, calendar)
    # A handler may end elsewhere than the table's target: receipt or approval of a dossier
    # that owes a fee waits for payment (status 6) instead.
    target = event.pop("status", None) or rule.target
    if target is not None:
        dossier.status = target
    fields = event.pop("fields")
    _save(dossier, sorted({"status", *fields}))
    _record(
        dossier,
        action=action,
        actor=actor,
        at=at,
        from_status=from_status,
        from_step=from_step,
        **event,
    )
    return dossier


def _require_step_role(dossier: Dossier, actor: User) -> ProcessStep:
    step = dossier.current_step
    if step is None:
        raise Conflict(_("Hồ sơ không ở bước xử lý nào."))
    if step.role and step.role != actor.role:
        raise NotAllowed(
            _("Bước «%(step)s» do %(role)s thực hiện.")
            % {"step": step.name, "role": Role(step.role).label}
        )
    if dossier.assignee_id and dossier.assignee_id != actor.pk and actor.role != Role.HEAD:
        raise NotAllowed(_("Hồ sơ đang được giao cho %(name)s.") % {"name": dossier.assignee})
    return step


def _require_text(value: str, field_name: str, message: str) -> str:
    if not (value or "").strip():
        raise InvalidInput(message, field=field_name)
    return value.strip()


def _step_after(dossier: Dossier, step: ProcessStep, offset: int) -> ProcessStep | None:
    steps = _steps(dossier.procedure)
    index = [s.pk for s in steps].index(step.pk) + offset
    return steps[index] if 0 <= index < len(steps) else None


def _check_assignee(target: User | None, step: ProcessStep, dossier: Dossier) -> None:
    if target is None:
        return
    if step.role and target.role != step.role:
        raise InvalidInput(
            _("%(name)s không có vai trò %(role)s của bước tiếp theo.")
            % {"name": target, "role": Role(step.role).label},
            field="to_user",
        )
    if not dossiers_visible_to(target).filter(pk=dossier.pk).exists():
        raise InvalidInput(
            _("%(name)s không thuộc đơn vị giải quyết hồ sơ.") % {"name": target}, field="to_user"
        )


def _default_assignee(dossier: Dossier, step: ProcessStep) -> User | None:
    if step.role == Role.SPECIALIST:
        return dossier.procedure.assigned_officers.filter(is_active=True).order_by("pk").first()
    return None


def _move(
    dossier: Dossier,
    actor: User,
    data: ActionInput,
    at: datetime,
    calendar: WorkCalendar,
    *,
    target: ProcessStep,
    assignee: User | None,
) -> dict[str, Any]:
    outcome = _step_outcome(at, dossier.step_due_at)
    _check_assignee(assignee, target, dossier)
    _enter_step(dossier, target, at=at, calendar=calendar, assignee=assignee)
    return {
        "fields": ["current_step", "step_started_at", "step_due_at", "assignee"],
        "to_user": assignee,
        "step_outcome": outcome,
        "note": data.note.strip(),
    }


@_handler(Action.RECEIVE)
def _receive(dossier, actor, data, at, calendar):  # type: ignore[no-untyped-def]
    _start_clock(dossier, officer=actor, at=at, calendar=calendar)
    stored = store_dossier_files(dossier=dossier, at=at)
    event = {"fields": _CLOCK_FIELDS, "note": data.note.strip()}
    if _await_payment(dossier, FeeStage.SUBMISSION, actor=actor, at=at):
        event["status"] = Status.WAITING_PAYMENT
    if stored:
        event["data"] = {"stored_documents": [d.pk for d in stored]}
    return event


@_handler(Action.REFUSE)
def _refuse(dossier, actor, data, at, calendar):  # type: ignore[no-untyped-def]
    reasons = [r.strip() for r in data.reasons if r and r.strip()]
    if not reasons:
        raise InvalidInput(_("Phải nêu rõ lý do từ chối tiếp nhận."), field="reasons")
    dossier.closed_at = at
    dossier.current_step = dossier.assignee = None
    return {
        "fields": ["closed_at", "current_step", "assignee"],
        "note": "; ".join(reasons),
        "data": {"reasons": reasons},
    }


@_handler(Action.REQUEST_SUPPLEMENT)
def _request_supplement(dossier, actor, data, at, calendar):  # type: ignore[no-untyped-def]
    items = [i.strip() for i in data.items if i and i.strip()]
    if not items:
        raise InvalidInput(_("Phải liệt kê nội dung cần bổ sung, hoàn thiện."), field="items")
    reason = _require_text(data.note, "note", _("Phải nêu lý do yêu cầu bổ sung."))
    second_reason = ""
    if dossier.supplement_count >= 1:
        second_reason = _require_text(
            data.second_request_reason,
            "second_request_reason",
            _(
                "Hồ sơ đã được yêu cầu bổ sung một lần; yêu cầu lần nữa phải ghi rõ lý do "
                "và sẽ bị ghi nhận vi phạm (bổ sung nhiều lần)."
            ),
        )
        dossier.multiple_supplements = True
    dossier.supplement_count += 1
    Pause.objects.create(
        dossier=dossier,
        kind=PauseKind.SUPPLEMENT,
        number=dossier.supplement_count,
        started_at=at,
        clock_stopped=dossier.status in CLOCK_RUNNING,
        resume_status=dossier.status,
        items=items,
        reason=reason,
        second_request_reason=second_reason,
        contact=data.contact.strip()
        or f"{actor.display_name} — {dossier.agency.phone}".strip(" —"),
        requested_by=actor,
    )
    return {
        "fields": ["supplement_count", "multiple_supplements"],
        "note": reason,
        "data": {"items": items, "second_request_reason": second_reason},
    }


@_handler(Action.SUPPLEMENT)
def _supplement(dossier, actor, data, at, calendar):  # type: ignore[no-untyped-def]
    pause = dossier.pauses.select_for_update().get(kind=PauseKind.SUPPLEMENT, ended_at__isnull=True)
    # Papers may already have been attached to this round one by one (component uploads).
    if (
        actor.role == Role.CITIZEN
        and not data.files
        and not dossier.files.filter(round=pause.number).exists()
    ):
        raise InvalidInput(_("Vui lòng đính kèm giấy tờ bổ sung."), field="components")
    stored = _store_files(dossier, data.files, actor=actor, at=at, round=pause.number)
    paused = _close_pause(dossier, pause, at=at, calendar=calendar)
    dossier.status = pause.resume_status
    if dossier.received_at is not None:
        store_dossier_files(dossier=dossier, at=at)
    return {
        "fields": ["due_at", "step_due_at", "paused_seconds", *_refresh_digitized(dossier)],
        "note": data.note.strip(),
        "data": {"paused_seconds": paused, "files": [f.original_name for f in stored]},
    }


def _close_pause(dossier: Dossier, pause: Pause, *, at: datetime, calendar: WorkCalendar) -> int:
    """End a wait: the due dates move forward by the working time it lasted."""
    paused = timedelta(0)
    if pause.clock_stopped:
        paused = max(calendar.working_time_between(pause.started_at, at), timedelta(0))
        if dossier.due_at:
            dossier.due_at = calendar.add_working_hours(dossier.due_at, paused)
        if dossier.step_due_at:
            dossier.step_due_at = calendar.add_working_hours(dossier.step_due_at, paused)
        dossier.paused_seconds += int(paused.total_seconds())
    pause.ended_at = at
    pause.working_seconds = int(paused.total_seconds())
    pause.save(update_fields=["ended_at", "working_seconds"])
    return pause.working_seconds


@_handler(Action.HANDOVER)
def _handover(dossier, actor, data, at, calendar):  # type: ignore[no-untyped-def]
    step = _require_step_role(dossier, actor)
    target = _step_after(dossier, step, +1)
    if target is None:
        raise Conflict(_("Đây là bước cuối của quy trình; hãy trình hoặc phê duyệt kết quả."))
    assignee = data.to_user or _default_assignee(dossier, target)
    return _move(dossier, actor, data, at, calendar, target=target, assignee=assignee)


@_handler(Action.RETURN_TO_PREVIOUS)
def _return_to_previous(dossier, actor, data, at, calendar):  # type: ignore[no-untyped-def]
    step = _require_step_role(dossier, actor)
    _require_text(data.note, "note", _("Phải nêu lý do trả lại bước trước."))
    target = _step_after(dossier, step, -1)
    if target is None:
        raise Conflict(_("Hồ sơ đang ở bước đầu tiên, không có bước trước."))
    return _move(
        dossier, actor, data, at, calendar, target=target, assignee=_last_actor_at(dossier, target)
    )


def _last_actor_at(dossier: Dossier, step: ProcessStep) -> User | None:
    event = (
        dossier.events.filter(from_step=step, actor__isnull=False)
        .select_related("actor")
        .order_by("-at", "-pk")
        .first()
    )
    return event.actor if event else None


@_handler(Action.PROPOSE)
def _propose(dossier, actor, data, at, calendar):  # type: ignore[no-untyped-def]
    step = _require_step_role(dossier, actor)
    if data.proposal not in ProposalKind.values:
        raise InvalidInput(_("Chọn đề xuất: giải quyết hoặc không giải quyết."), field="proposal")
    note = _require_text(data.note, "note", _("Phải ghi nội dung đề xuất."))
    target = _step_after(dossier, step, +1)
    while target is not None and target.role not in ("", Role.HEAD):
        target = _step_after(dossier, target, +1)
    if target is None:
        raise Conflict(_("Quy trình không có bước lãnh đạo phê duyệt sau bước này."))
    dossier.proposal, dossier.proposal_note = data.proposal, note
    event = _move(dossier, actor, data, at, calendar, target=target, assignee=data.to_user)
    event["fields"] += ["proposal", "proposal_note"]
    event["data"] = {"proposal": data.proposal}
    return event


@_handler(Action.APPROVE)
def _approve(dossier, actor, data, at, calendar):  # type: ignore[no-untyped-def]
    step = _require_step_role(dossier, actor)
    if not dossier.proposal:
        raise Conflict(_("Chưa có đề xuất của chuyên viên để phê duyệt."))
    outcome = judge(at, dossier.due_at, multiple_supplements=dossier.multiple_supplements)
    dossier.resolved_at = at
    dossier.outcome = outcome
    dossier.granted = dossier.proposal == ProposalKind.GRANT
    step_outcome = _step_outcome(at, dossier.step_due_at)
    last = _steps(dossier.procedure)[-1]
    if last.role == Role.OFFICER and last.pk != step.pk:
        _enter_step(dossier, last, at=at, calendar=calendar, assignee=None)
    else:
        dossier.current_step = dossier.assignee = None
    status = None
    if dossier.granted and _await_payment(dossier, FeeStage.RESULT, actor=actor, at=at):
        # The result is ready; it is signed and handed over once the fee is paid.
        status = Status.WAITING_PAYMENT
    elif dossier.granted:
        from motcua.documents.results import e_result_issue

        e_result_issue(dossier, at=at, approver=actor)
    return {
        "status": status,
        "fields": [
            "resolved_at",
            "outcome",
            "granted",
            "current_step",
            "step_started_at",
            "step_due_at",
            "assignee",
        ],
        "note": data.note.strip(),
        "step_outcome": step_outcome,
        "data": {"outcome": outcome, "granted": dossier.granted},
    }


@_handler(Action.REJECT_PROPOSAL)
def _reject_proposal(dossier, actor, data, at, calendar):  # type: ignore[no-untyped-def]
    step = _require_step_role(dossier, actor)
    _require_text(data.note, "note", _("Phải nêu lý do không phê duyệt."))
    if not dossier.proposal:
        raise Conflict(_("Chưa có đề xuất nào để trả lại."))
    target = _step_after(dossier, step, -1)
    while target is not None and target.role != Role.SPECIALIST:
        target = _step_after(dossier, target, -1)
    if target is None:
        raise Conflict(_("Quy trình không có bước chuyên viên trước bước này."))
    dossier.proposal, dossier.proposal_note = "", ""
    event = _move(
        dossier, actor, data, at, calendar, target=target, assignee=_last_actor_at(dossier, target)
    )
    event["fields"] += ["proposal", "proposal_note"]
    return event


@_handler(Action.EXTEND)
def _extend(dossier, actor, data, at, calendar):  # type: ignore[no-untyped-def]
    if Extension.objects.filter(dossier=dossier).exists():
        raise Conflict(_("Hồ sơ đã được gia hạn một lần; không gia hạn lần thứ hai."))
    reason = _require_text(data.note, "note", _("Phải nêu lý do chậm trễ."))
    new_due = data.new_due_at
    if new_due is None:
        raise InvalidInput(_("Phải nhập ngày hẹn trả mới."), field="new_due_at")
    current = dossier.appointment_at
    if calendar.working_time_between(at, current) < timedelta(hours=calendar.hours_per_day):
        raise Conflict(
            _(
                "Phiếu xin lỗi và gia hạn phải lập chậm nhất 01 ngày làm việc trước ngày hẹn trả "
                "(%(due)s)."
            )
            % {"due": f"{local(current):%H:%M %d/%m/%Y}"}
        )
    if new_due <= current:
        raise InvalidInput(_("Ngày hẹn trả mới phải sau ngày hẹn hiện tại."), field="new_due_at")
    if calendar.next_working_instant(new_due) != new_due:
        raise InvalidInput(
            _("Ngày hẹn trả mới phải là ngày làm việc, trong giờ hành chính."), field="new_due_at"
        )
    Extension.objects.create(
        dossier=dossier,
        issued_at=at,
        issued_by=actor,
        reason=reason,
        previous_due_at=current,
        new_due_at=new_due,
    )
    dossier.extended_due_at = new_due
    return {
        "fields": ["extended_due_at"],
        "note": reason,
        "data": {"previous_due_at": current.isoformat(), "new_due_at": new_due.isoformat()},
    }


def _close(dossier: Dossier, at: datetime, calendar: WorkCalendar) -> list[str]:
    open_pause = dossier.pauses.filter(ended_at__isnull=True).first()
    if open_pause:
        _close_pause(dossier, open_pause, at=at, calendar=calendar)
    dossier.closed_at = at
    dossier.current_step = dossier.assignee = None
    return ["closed_at", "current_step", "assignee", "due_at", "step_due_at", "paused_seconds"]


@_handler(Action.STOP)
def _stop(dossier, actor, data, at, calendar):  # type: ignore[no-untyped-def]
    reason = _require_text(data.note, "note", _("Phải nêu lý do dừng xử lý."))
    return {"fields": _close(dossier, at, calendar), "note": reason}


@_handler(Action.WITHDRAW)
def _withdraw(dossier, actor, data, at, calendar):  # type: ignore[no-untyped-def]
    return {"fields": _close(dossier, at, calendar), "note": data.note.strip()}


@_handler(Action.RETURN_RESULT)
def _return_result(dossier, actor, data, at, calendar):  # type: ignore[no-untyped-def]
    if data.return_method not in ReturnMethod.values:
        raise InvalidInput(
            _("Chọn hình thức trả kết quả: tại quầy, bưu chính hoặc trực tuyến."),
            field="return_method",
        )
    step_outcome = _step_outcome(at, dossier.step_due_at) if dossier.current_step else ""
    dossier.returned_at = at
    dossier.return_method = data.return_method
    dossier.closed_at = at
    dossier.current_step = dossier.assignee = None
    return {
        "fields": ["returned_at", "return_method", "closed_at", "current_step", "assignee"],
        "note": data.note.strip(),
        "step_outcome": step_outcome,
    }


# --- the dossier's papers after intake: desk scans, reuse from the store, shown papers ------


def _lock_component(
    code: str, actor: User, component_id: int
) -> tuple[Dossier, ProcedureComponent]:
    dossier = (
        dossiers_visible_to(actor)
        .select_for_update(of=("self",))
        .select_related("procedure", "current_step")
        .filter(code=code)
        .first()
    )
    if dossier is None:
        raise NotFound(_("Không tìm thấy hồ sơ %(code)s.") % {"code": code})
    component = _components(dossier.procedure).get(component_id)
    if component is None:
        raise NotFound(
            _("Thủ tục của hồ sơ %(code)s không có thành phần %(id)s.")
            % {"code": code, "id": component_id}
        )
    return dossier, component


def _require_may_add_papers(dossier: Dossier, actor: User, *, officer_only: bool) -> None:
    """The officer adds papers while the dossier is open; the citizen only while it waits for
    their supplement (the supplement action then resumes it)."""
    if actor.role == Role.OFFICER:
        if dossier.status not in OPEN:
            raise Conflict(
                _("Hồ sơ đang ở trạng thái «%(status)s»; không bổ sung giấy tờ được nữa.")
                % {"status": dossier.status_name},
                extra={"status": dossier.status},
            )
        return
    if actor.role == Role.CITIZEN and not officer_only:
        if dossier.status != Status.WAITING_SUPPLEMENT:
            raise Conflict(
                _("Bạn chỉ gửi thêm giấy tờ khi cơ quan yêu cầu bổ sung hồ sơ."),
                extra={"status": dossier.status},
            )
        return
    raise NotAllowed(_("Chỉ cán bộ một cửa số hóa, ghi nhận giấy tờ của hồ sơ."))


def _current_round(dossier: Dossier) -> int:
    pause = dossier.pauses.filter(kind=PauseKind.SUPPLEMENT, ended_at__isnull=True).first()
    return pause.number if pause else dossier.supplement_count


def _after_papers_changed(dossier: Dossier, at: datetime) -> None:
    _save(dossier, _refresh_digitized(dossier))
    if dossier.received_at is not None:
        store_dossier_files(dossier=dossier, at=at)


@delete_files_on_error()
@transaction.atomic
def dossier_file_upload(
    *,
    code: str,
    actor: User,
    component_id: int,
    upload: Upload,
    digitized: bool = False,
    at: datetime | None = None,
) -> DossierFile:
    """Attach one file to a component of an open dossier. `digitized`: the officer's scan of
    the paper brought to the desk (its page count read from the PDF), recorded as such."""
    at = at or now()
    dossier, component = _lock_component(code, actor, component_id)
    _require_may_add_papers(dossier, actor, officer_only=digitized)
    upload = Upload(component_id=component.pk, file=upload.file, name=upload.name)
    checked = _check_uploads(
        {component.pk: component}, [upload], existing_bytes=_dossier_bytes(dossier), field="file"
    )
    (row,) = _write_files(
        dossier,
        checked,
        actor=actor,
        at=at,
        round=_current_round(dossier),
        digitized=digitized,
    )
    pages = _("%(n)s trang") % {"n": row.page_count} if row.page_count else ""
    _record(
        dossier,
        action=Action.DIGITIZE if digitized else Action.ATTACH_FILE,
        actor=actor,
        at=at,
        from_status=dossier.status,
        from_step=dossier.current_step,
        note=", ".join(p for p in (f"{component.name}: {row.original_name}", pages) if p),
        data={"component": component.pk, "file": row.pk, "page_count": row.page_count},
    )
    _after_papers_changed(dossier, at)
    return row


@transaction.atomic
def dossier_component_reuse(
    *,
    code: str,
    actor: User,
    component_id: int,
    stored_document_id: int,
    at: datetime | None = None,
) -> DossierFile:
    """Answer a component with a paper of the applicant's data store, by reference."""
    at = at or now()
    dossier, component = _lock_component(code, actor, component_id)
    _require_may_add_papers(dossier, actor, officer_only=False)
    _component_for({component.pk: component}, component.pk, "component")
    owner = dossier.applicant_id_number
    if actor.role == Role.CITIZEN and owner_id_number(actor) != owner:
        raise NotAllowed(
            _("Chỉ dùng lại được giấy tờ trong kho dữ liệu của chính người nộp hồ sơ.")
        )
    document = stored_document_for_reuse(
        stored_document_id=stored_document_id,
        owner=owner,
        component=component,
        field="stored_document",
    )
    if dossier.files.filter(component=component, stored_document=document).exists():
        raise Conflict(
            _("Giấy tờ «%(title)s» đã được dùng cho thành phần này.") % {"title": document.title}
        )
    (row,) = _attach_reused(
        dossier, [(component, document)], actor=actor, at=at, round=_current_round(dossier)
    )
    _after_papers_changed(dossier, at)
    return row


@transaction.atomic
def dossier_component_show(
    *,
    code: str,
    actor: User,
    component_id: int,
    note: str = "",
    at: datetime | None = None,
) -> ShownComponent:
    """Record that a paper was shown at the desk and checked, but not kept (Circular
    03/2025/TT-VPCP Art. 5): the component needs no file."""
    at = at or now()
    dossier, component = _lock_component(code, actor, component_id)
    _require_may_add_papers(dossier, actor, officer_only=True)
    if component.source == ComponentSource.DATABASE:
        raise InvalidInput(
            _("«%(name)s» được khai thác từ cơ sở dữ liệu, không cần xuất trình.")
            % {"name": component.name},
            field="component",
        )
    if dossier.shown_components.filter(component=component).exists():
        raise Conflict(_("Đã ghi nhận «%(name)s» xuất trình tại quầy.") % {"name": component.name})
    note = (note or "").strip()[:500]
    shown = ShownComponent.objects.create(
        dossier=dossier, component=component, shown_by=actor, shown_at=at, note=note
    )
    _record(
        dossier,
        action=Action.SHOW_PAPER,
        actor=actor,
        at=at,
        from_status=dossier.status,
        from_step=dossier.current_step,
        note=": ".join(p for p in (component.name, note) if p),
        data={"component": component.pk},
    )
    _after_papers_changed(dossier, at)
    return shown


__all__ = [
    "ActionInput",
    "Applicant",
    "Outcome",
    "Reuse",
    "Upload",
    "dossier_act",
    "dossier_component_reuse",
    "dossier_component_show",
    "dossier_file_upload",
    "dossier_register",
    "dossier_submit",
]
