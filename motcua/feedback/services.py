"""Every write of feedback and ratings: filing, each staff step, the filer's reply and rating,
the rating of a returned dossier.

Each service is atomic, locks the row it changes, validates, saves with `update_fields` and
appends a `FeedbackEvent`; side effects (notifications, e-mails) run once the transaction
commits. Due dates come from the working-day clock (`workdays.selectors.get_work_calendar`).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.accounts.identifiers import normalize_phone, validate_phone
from motcua.accounts.models import Role, User
from motcua.catalog.models import Procedure, ProcedureStatus
from motcua.core.clock import now
from motcua.core.exceptions import Conflict, InvalidInput, NotAllowed, NotFound, PayloadTooLarge
from motcua.core.text import fold
from motcua.documents.uploads import (
    CheckedFile,
    delete_files_on_error,
    inspect_upload,
    megabytes,
    save_file,
)
from motcua.dossiers.models import Dossier
from motcua.dossiers.workflow import Status as DossierStatus
from motcua.feedback import codes
from motcua.feedback.anonymize import scrub
from motcua.feedback.models import (
    CRITERIA,
    AnswerRating,
    ConductIssue,
    DossierRating,
    Feedback,
    FeedbackAttachment,
    FeedbackCategory,
    FeedbackEvent,
    FeedbackKind,
    Level,
    RatingChannel,
)
from motcua.feedback.selectors import feedback_settings, feedback_visible_to
from motcua.feedback.workflow import RULES, Action, Status
from motcua.organization.models import Unit
from motcua.organization.selectors import member_subtree_ids
from motcua.workdays.clock import WorkCalendar
from motcua.workdays.selectors import get_work_calendar

MAX_ATTACHMENTS = 5
MAX_TEXT = 10_000


@dataclass(frozen=True)
class Attachment:
    """A file sent with a feedback item or a reply: its content and the filer's name for it."""

    file: File | IO[bytes]
    name: str


@dataclass(frozen=True)
class Contact:
    name: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""


@dataclass
class ActionInput:
    """What a staff action may carry; each action reads the fields it needs."""

    note: str = ""
    category: str = ""
    unit_id: int | None = None
    assignee_id: int | None = None
    public_title: str = ""
    public_question: str = ""
    public_answer: str = ""


# --- attachments -------------------------------------------------------------------------


def check_attachment(attachment: Attachment, *, field: str) -> CheckedFile:
    """One attachment checked from its content with the project's upload rules
    (`documents.uploads.inspect_upload`: PDF, JPEG or PNG, size and safety checks)."""
    return inspect_upload(attachment.file, name=attachment.name, field=field)


def _check_attachments(attachments: Sequence[Attachment]) -> list[tuple[Attachment, CheckedFile]]:
    """Every file checked before any is written: one bad file and nothing is stored."""
    if len(attachments) > MAX_ATTACHMENTS:
        raise InvalidInput(
            _("Chỉ gửi kèm tối đa %(n)s tệp.") % {"n": MAX_ATTACHMENTS}, field="attachments"
        )
    limit = settings.MOTCUA_UPLOAD_MAX_DOSSIER_BYTES
    total = 0
    checked = []
    for index, attachment in enumerate(attachments):
        where = f"attachments[{index}]"
        result = check_attachment(attachment, field=where)
        total += result.size
        if total > limit:
            raise PayloadTooLarge(
                _("Tổng dung lượng các tệp gửi kèm vượt quá %(limit)s.")
                % {"limit": megabytes(limit)},
                field=where,
            )
        checked.append((attachment, result))
    return checked


def _store_attachments(
    feedback: Feedback,
    checked: Sequence[tuple[Attachment, CheckedFile]],
    *,
    event: FeedbackEvent,
    at: datetime,
) -> None:
    for attachment, result in checked:
        row = FeedbackAttachment(
            feedback=feedback,
            event=event,
            original_name=result.name,
            size=result.size,
            content_type=result.content_type,
            sha256=result.sha256,
            page_count=result.page_count,
            uploaded_at=at,
        )
        save_file(row.file, "tep" + result.extension, attachment.file)
        row.save()


# --- helpers -----------------------------------------------------------------------------


def _text(value: str, field_name: str, message: str, *, max_length: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if not value:
        raise InvalidInput(message, field=field_name)
    if len(value) > max_length:
        raise InvalidInput(
            _("Nội dung quá dài (tối đa %(n)s ký tự).") % {"n": max_length}, field=field_name
        )
    return value


def _due(calendar: WorkCalendar, start: datetime, days: Decimal) -> datetime:
    # No afternoon cut-off: feedback counts from the instant it arrived, on office time.
    return calendar.due_for_procedure(start, days)


def _record(
    feedback: Feedback,
    *,
    action: Action,
    actor: User | None,
    at: datetime,
    from_status: str,
    note: str = "",
    due_at: datetime | None = None,
    to_unit: Unit | None = None,
    to_user: User | None = None,
    data: dict | None = None,
    actor_name: str = "",
) -> FeedbackEvent:
    on_time = None if due_at is None else at <= due_at
    if on_time is False and not feedback.was_late:
        feedback.was_late = True
        feedback.save(update_fields=["was_late", "updated_at"])
    return FeedbackEvent.objects.create(
        feedback=feedback,
        action=action,
        at=at,
        actor=actor,
        actor_name=actor_name or (actor.display_name if actor else ""),
        from_status=from_status,
        to_status=feedback.status,
        to_unit=to_unit,
        to_user=to_user,
        note=note,
        due_at=due_at,
        on_time=on_time,
        data=data or {},
    )


def _procedure(code: str) -> Procedure:
    procedure = (
        Procedure.objects.select_related("handling_unit")
        .filter(code=code.strip(), status=ProcedureStatus.PUBLISHED)
        .first()
    )
    if procedure is None:
        raise InvalidInput(
            _("Không tìm thấy thủ tục hành chính đang áp dụng có mã %(code)s.") % {"code": code},
            field="procedure",
        )
    return procedure


def _contact(contact: Contact, filer: User | None) -> Contact:
    """The filer's contact, completed from their account; required unless anonymous."""
    name = (contact.name or (filer.display_name if filer else "")).strip()
    phone = normalize_phone(contact.phone or (filer.phone if filer else ""))
    email = (contact.email or (filer.email if filer else "")).strip()
    if not name:
        raise InvalidInput(
            _("Vui lòng nhập họ tên người gửi, hoặc chọn gửi ẩn danh."), field="name"
        )
    if not phone and not email:
        raise InvalidInput(
            _(
                "Vui lòng nhập số điện thoại hoặc thư điện tử để nhận trả lời, "
                "hoặc chọn gửi ẩn danh."
            ),
            field="phone",
        )
    if phone:
        try:
            validate_phone(phone)
        except ValidationError as exc:
            raise InvalidInput(exc.messages[0], field="phone") from exc
    if email:
        try:
            validate_email(email)
        except ValidationError as exc:
            raise InvalidInput(_("Thư điện tử không hợp lệ."), field="email") from exc
    if len(name) > 255:
        raise InvalidInput(_("Họ tên quá dài."), field="name")
    return Contact(name=name, phone=phone, email=email, address=contact.address.strip()[:500])


def _unit_for(*, dossier: Dossier | None, procedure: Procedure | None, unit_id: int | None) -> Unit:
    if dossier is not None:
        return dossier.agency
    if procedure is not None:
        return procedure.handling_unit
    if unit_id is not None:
        unit = Unit.objects.filter(pk=unit_id, is_active=True).first()
        if unit is None:
            raise InvalidInput(_("Không tìm thấy cơ quan đã chọn."), field="unit")
        return unit
    default = feedback_settings().default_unit
    if default is None:
        raise InvalidInput(_("Vui lòng chọn cơ quan nhận phản ánh, kiến nghị."), field="unit")
    return default


def _new_code() -> str:
    for _attempt in range(10):
        code = codes.new_code()
        if not Feedback.objects.filter(tracking_code=code).exists():
            return code
    raise Conflict(_("Không tạo được mã theo dõi; vui lòng gửi lại."))  # pragma: no cover


# --- filing ------------------------------------------------------------------------------


@delete_files_on_error()
@transaction.atomic
def feedback_file(
    *,
    kind: str,
    title: str,
    content: str,
    procedure_code: str = "",
    dossier_code: str = "",
    conduct_issue: str = "",
    officer_name: str = "",
    unit_id: int | None = None,
    anonymous: bool = False,
    contact: Contact | None = None,
    attachments: Sequence[Attachment] = (),
    filer: User | None = None,
    at: datetime | None = None,
) -> Feedback:
    """File a feedback item or petition, with or without an account. Contact details are
    required unless anonymous; anonymous feedback keeps neither contact nor account."""
    at = at or now()
    if kind not in FeedbackKind.values:
        raise InvalidInput(_("Vui lòng chọn loại phản ánh, kiến nghị."), field="kind")
    title = _text(title, "title", _("Vui lòng nhập tiêu đề."), max_length=255)
    content = _text(content, "content", _("Vui lòng nhập nội dung phản ánh, kiến nghị."))
    if conduct_issue and conduct_issue not in ConductIssue.values:
        raise InvalidInput(_("Hành vi bị phản ánh không hợp lệ."), field="conduct_issue")
    if kind != FeedbackKind.CONDUCT:
        conduct_issue = ""
    elif not conduct_issue:
        raise InvalidInput(
            _("Vui lòng chọn hành vi của cán bộ bị phản ánh."), field="conduct_issue"
        )
    procedure = _procedure(procedure_code) if procedure_code.strip() else None
    if kind in (FeedbackKind.PROCEDURE, FeedbackKind.PROPOSAL) and procedure is None:
        raise InvalidInput(_("Vui lòng chọn thủ tục hành chính."), field="procedure")
    dossier = None
    if dossier_code.strip():
        dossier = (
            Dossier.objects.select_related("agency", "procedure")
            .filter(code=dossier_code.strip())
            .first()
        )
        if dossier is None:
            raise InvalidInput(
                _("Không tìm thấy hồ sơ có mã %(code)s.") % {"code": dossier_code.strip()},
                field="dossier",
            )
        procedure = procedure or dossier.procedure
    elif kind == FeedbackKind.DOSSIER:
        raise InvalidInput(_("Vui lòng nhập mã hồ sơ được phản ánh."), field="dossier")
    if filer is not None and not filer.is_authenticated:
        filer = None
    person = Contact() if anonymous else _contact(contact or Contact(), filer)
    checked = _check_attachments(attachments)
    unit = _unit_for(dossier=dossier, procedure=procedure, unit_id=unit_id)

    limits = feedback_settings()
    calendar = get_work_calendar()
    decide_due = _due(calendar, at, limits.refuse_days)
    feedback = Feedback.objects.create(
        tracking_code=_new_code(),
        kind=kind,
        conduct_issue=conduct_issue,
        title=title,
        content=content,
        procedure=procedure,
        procedure_code=procedure.code if procedure else "",
        dossier=dossier,
        officer_name=officer_name.strip()[:255],
        anonymous=anonymous,
        filer=None if anonymous else filer,
        filer_name=person.name,
        filer_phone=person.phone,
        filer_email=person.email,
        filer_address=person.address,
        unit=unit,
        status=Status.NEW,
        filed_at=at,
        decide_due_at=decide_due,
        info_due_at=_due(calendar, at, limits.info_days),
        answer_due_at=_due(calendar, at, limits.answer_days),
        due_at=decide_due,
    )
    event = _record(
        feedback,
        action=Action.FILE,
        actor=None if anonymous else filer,
        actor_name=_("Người gửi ẩn danh") if anonymous else person.name,
        at=at,
        from_status="",
        to_unit=unit,
    )
    _store_attachments(feedback, checked, event=event, at=at)
    return feedback


# --- staff actions -----------------------------------------------------------------------

Handler = Callable[[Feedback, User, ActionInput, datetime, WorkCalendar], dict[str, Any]]
_HANDLERS: dict[Action, Handler] = {}


def _handler(action: Action) -> Callable[[Handler], Handler]:
    def register(function: Handler) -> Handler:
        _HANDLERS[action] = function
        return function

    return register


def _lock(code: str, queryset: Any) -> Feedback:
    normalized = codes.normalize(code)
    feedback = (
        queryset.select_for_update(of=("self",))
        .select_related("unit", "procedure")
        .filter(tracking_code=normalized or "")
        .first()
    )
    if feedback is None:
        raise NotFound(_("Không tìm thấy phản ánh, kiến nghị có mã %(code)s.") % {"code": code})
    return feedback


@transaction.atomic
def feedback_act(
    *,
    code: str,
    actor: User,
    action: str,
    data: ActionInput | None = None,
    at: datetime | None = None,
) -> Feedback:
    """Apply one staff action of `workflow.RULES` to the feedback item `code`: 404 outside
    the actor's units, 403 for a role (or a specialist) the action is not for, 409 when the
    state does not allow it."""
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
    feedback = _lock(code, feedback_visible_to(actor))
    if actor.role not in rule.roles:
        raise NotAllowed(
            _("Thao tác «%(action)s» không thuộc quyền của %(role)s.")
            % {"action": action.label, "role": Role(actor.role).label}
        )
    if actor.role == Role.SPECIALIST and feedback.assignee_id != actor.pk:
        raise NotAllowed(_("Chuyên viên chỉ xử lý phản ánh, kiến nghị được giao cho mình."))
    if feedback.status not in rule.sources:
        raise Conflict(
            _("Không thể «%(action)s» khi phản ánh đang ở trạng thái «%(status)s».")
            % {"action": action.label, "status": feedback.status_name},
            extra={"status": feedback.status},
        )
    from_status = feedback.status
    calendar = get_work_calendar()
    event = _HANDLERS[action](feedback, actor, data, at, calendar)
    if rule.target is not None:
        feedback.status = rule.target
    fields = set(event.pop("fields"))
    feedback.due_at = _current_due(feedback)
    feedback.save(update_fields=sorted({"status", "due_at", "updated_at", *fields}))
    after = event.pop("after", None)
    _record(feedback, action=action, actor=actor, at=at, from_status=from_status, **event)
    if after is not None:
        transaction.on_commit(after)
    return feedback


def _current_due(feedback: Feedback) -> datetime | None:
    """The due date of the step the item now waits for (none while the filer is asked)."""
    return {
        Status.NEW: feedback.decide_due_at,
        Status.RECEIVED: feedback.answer_due_at,
        Status.PROCESSING: feedback.answer_due_at,
        Status.ANSWERED: feedback.publish_due_at,
    }.get(Status(feedback.status))


def _category(value: str) -> FeedbackCategory:
    category = FeedbackCategory.objects.filter(code=value, is_active=True).first()
    if category is None:
        raise InvalidInput(_("Nhóm phản ánh không hợp lệ."), field="category")
    return category


def _close_wait(feedback: Feedback, at: datetime, calendar: WorkCalendar) -> list[str]:
    """End the wait for the filer: the answer's due date moves by the working time waited."""
    if feedback.paused_at is None:
        return []
    waited = calendar.working_time_between(feedback.paused_at, at)
    if waited > timedelta(0):
        left = calendar.working_time_between(feedback.paused_at, feedback.answer_due_at)
        feedback.answer_due_at = calendar.add_working_hours(at, max(left, timedelta(0)))
        feedback.paused_seconds += int(waited.total_seconds())
    feedback.paused_at = None
    feedback.resume_status = ""
    return ["answer_due_at", "paused_seconds", "paused_at", "resume_status"]


@_handler(Action.RECEIVE)
def _receive(feedback, actor, data, at, calendar):  # type: ignore[no-untyped-def]
    fields = ["received_at"]
    feedback.received_at = at
    if data.category:
        feedback.category = _category(data.category)
        fields.append("category")
    return {"fields": fields, "due_at": feedback.decide_due_at, "note": data.note.strip()}


@_handler(Action.CLASSIFY)
def _classify(feedback, actor, data, at, calendar):  # type: ignore[no-untyped-def]
    if not data.category:
        raise InvalidInput(_("Vui lòng chọn nhóm phản ánh."), field="category")
    previous = feedback.category.code if feedback.category_id else ""
    feedback.category = _category(data.category)
    return {
        "fields": ["category"],
        "note": data.note.strip(),
        "data": {"from": previous, "to": feedback.category.code},
    }


@_handler(Action.ASSIGN)
def _assign(feedback, actor, data, at, calendar):  # type: ignore[no-untyped-def]
    if data.unit_id is None and data.assignee_id is None:
        raise InvalidInput(_("Vui lòng chọn đơn vị hoặc chuyên viên được giao."), field="unit")
    mine = set(member_subtree_ids(actor.pk))
    unit = feedback.unit
    if data.unit_id is not None:
        unit = Unit.objects.filter(pk=data.unit_id, is_active=True).first()
        if unit is None or unit.pk not in mine:
            raise InvalidInput(
                _("Chỉ giao cho đơn vị của bạn hoặc đơn vị trực thuộc."), field="unit"
            )
    assignee = None
    if data.assignee_id is not None:
        assignee = (
            User.objects.filter(
                pk=data.assignee_id,
                role=Role.SPECIALIST,
                is_active=True,
                units__in=[unit.pk, *(u.pk for u in Unit.objects.get_ancestors(unit))],
            )
            .distinct()
            .first()
        )
        if assignee is None:
            raise InvalidInput(
                _("Người được giao phải là chuyên viên của đơn vị xử lý hoặc đơn vị cấp trên."),
                field="assignee",
            )
    feedback.unit = unit
    feedback.assignee = assignee
    return {
        "fields": ["unit", "assignee"],
        "to_unit": unit,
        "to_user": assignee,
        "note": data.note.strip(),
    }


@_handler(Action.REFUSE)
def _refuse(feedback, actor, data, at, calendar):  # type: ignore[no-untyped-def]
    reason = _text(data.note, "note", _("Vui lòng nêu lý do từ chối."))
    feedback.refusal_reason = reason
    feedback.closed_at = at
    fields = ["refusal_reason", "closed_at", *_close_wait(feedback, at, calendar)]
    return {
        "fields": fields,
        "due_at": feedback.decide_due_at,
        "note": reason,
        "after": _notify_after(feedback, "refused"),
    }


@_handler(Action.REQUEST_INFO)
def _request_info(feedback, actor, data, at, calendar):  # type: ignore[no-untyped-def]
    question = _text(data.note, "note", _("Vui lòng nêu thông tin cần người gửi bổ sung."))
    feedback.info_request = question
    feedback.resume_status = feedback.status
    feedback.paused_at = at
    return {
        "fields": ["info_request", "resume_status", "paused_at"],
        "due_at": feedback.info_due_at,
        "note": question,
        "after": _notify_after(feedback, "info"),
    }


@_handler(Action.ANSWER)
def _answer(feedback, actor, data, at, calendar):  # type: ignore[no-untyped-def]
    answer = _text(data.note, "note", _("Vui lòng nhập nội dung trả lời."))
    fields = _close_wait(feedback, at, calendar)
    feedback.answer = answer
    feedback.answered_at = at
    feedback.answered_by = actor
    feedback.publish_due_at = _due(calendar, at, feedback_settings().publish_days)
    return {
        "fields": [*fields, "answer", "answered_at", "answered_by", "publish_due_at"],
        "due_at": feedback.answer_due_at,
        "note": answer,
    }


@_handler(Action.RETURN_ANSWER)
def _return_answer(feedback, actor, data, at, calendar):  # type: ignore[no-untyped-def]
    note = _text(data.note, "note", _("Vui lòng nêu điều cần sửa trong dự thảo trả lời."))
    feedback.publish_due_at = None
    return {"fields": ["publish_due_at"], "note": note, "to_user": feedback.answered_by}


@_handler(Action.PUBLISH)
def _publish(feedback, actor, data, at, calendar):  # type: ignore[no-untyped-def]
    known = [feedback.filer_name, feedback.filer_phone, feedback.filer_email]
    if feedback.filer_id:
        known += [feedback.filer.citizen_id, feedback.filer.tax_code, feedback.filer.phone]
    if feedback.dossier_id:
        dossier = feedback.dossier
        known += [dossier.applicant_name, dossier.applicant_id_number, dossier.applicant_phone]
    title = (data.public_title or feedback.title).strip()
    question = (data.public_question or feedback.content).strip()
    answer = (data.public_answer or feedback.answer).strip()
    feedback.public_title = scrub(title, known=known)[:255]
    feedback.public_question = scrub(question, known=known)
    feedback.public_answer = scrub(answer, known=known)
    feedback.published_at = at
    feedback.closed_at = at
    parts = [feedback.public_title, feedback.public_question, feedback.public_answer]
    if feedback.procedure_id:
        parts.append(feedback.procedure.name)
    if feedback.category_id:
        parts.append(feedback.category.name)
    feedback.search_text = fold(" ".join(parts))
    return {
        "fields": [
            "public_title",
            "public_question",
            "public_answer",
            "published_at",
            "closed_at",
            "search_text",
        ],
        "due_at": feedback.publish_due_at,
        "note": data.note.strip(),
        "after": _notify_after(feedback, "answer"),
    }


# --- notifying the filer -----------------------------------------------------------------

_MESSAGES = {
    "answer": (
        "feedback-answered",
        gettext_lazy("Phản ánh, kiến nghị %(code)s đã có trả lời"),
        gettext_lazy(
            "Cơ quan đã trả lời phản ánh, kiến nghị «%(title)s» của bạn. "
            "Xem trả lời và đánh giá mức độ hài lòng tại trang theo dõi."
        ),
    ),
    "info": (
        "feedback-info-requested",
        gettext_lazy("Phản ánh, kiến nghị %(code)s cần bổ sung thông tin"),
        gettext_lazy(
            "Cơ quan đề nghị bạn bổ sung thông tin cho phản ánh, kiến nghị «%(title)s»: "
            "%(question)s"
        ),
    ),
    "refused": (
        "feedback-refused",
        gettext_lazy("Phản ánh, kiến nghị %(code)s không được xử lý"),
        gettext_lazy("Phản ánh, kiến nghị «%(title)s» không được xử lý. Lý do: %(reason)s"),
    ),
}


def tracking_url(code: str) -> str:
    return f"{reverse('feedback:track')}?ma={code}"


def feedback_message(feedback: Feedback, kind: str) -> tuple[str, str, str]:
    """(notification kind, title, body) of a message to the filer, in the active language."""
    notification_kind, title, body = _MESSAGES[kind]
    values = {
        "code": feedback.tracking_code,
        "title": feedback.title,
        "question": feedback.info_request,
        "reason": feedback.refusal_reason,
    }
    return notification_kind, str(title) % values, str(body) % values


def _notify_after(feedback: Feedback, kind: str) -> Callable[[], None] | None:
    """What to run once the step is committed: an in-app notification (and its e-mail) for a
    filer with an account, an e-mail for one who gave only an address; nothing when
    anonymous (anonymous feedback is not answered personally)."""
    if feedback.anonymous:
        return None
    if feedback.filer_id:
        from motcua.notifications.services import notify

        filer, pk = feedback.filer, feedback.pk

        def notify_filer() -> None:
            row = Feedback.objects.get(pk=pk)
            notification_kind, title, body = feedback_message(row, kind)
            url = tracking_url(row.tracking_code)
            notify(filer, title=title, body=body, url=url, kind=notification_kind, email=True)

        return notify_filer
    if feedback.filer_email:
        from motcua.feedback.tasks import send_feedback_email

        pk = feedback.pk
        return lambda: send_feedback_email.enqueue(pk, kind)
    return None


# --- the filer's own steps ---------------------------------------------------------------


def _lock_for_filer(code: str, user: User | None) -> Feedback:
    """The item the tracking code names. A filer with an account acts signed in as themselves;
    the code alone is the filer's key only when no account filed the item."""
    feedback = _lock(code, Feedback.objects.all())
    if feedback.filer_id and (user is None or feedback.filer_id != user.pk):
        raise NotAllowed(
            _("Phản ánh này được gửi bằng tài khoản; vui lòng đăng nhập bằng tài khoản đó.")
        )
    return feedback


@delete_files_on_error()
@transaction.atomic
def feedback_reply(
    *,
    code: str,
    text: str,
    attachments: Sequence[Attachment] = (),
    user: User | None = None,
    at: datetime | None = None,
) -> Feedback:
    """The filer gives the information asked for; the answer's clock runs again."""
    at = at or now()
    user = user if user is not None and user.is_authenticated else None
    feedback = _lock_for_filer(code, user)
    if feedback.status != Status.WAITING_INFO:
        raise Conflict(
            _("Phản ánh không chờ bổ sung thông tin (trạng thái «%(status)s»).")
            % {"status": feedback.status_name}
        )
    text = _text(text, "text", _("Vui lòng nhập thông tin bổ sung."))
    checked = _check_attachments(attachments)
    from_status = feedback.status
    feedback.status = feedback.resume_status or Status.RECEIVED
    fields = _close_wait(feedback, at, get_work_calendar())
    feedback.due_at = _current_due(feedback)
    feedback.save(update_fields=sorted({"status", "due_at", "updated_at", *fields}))
    event = _record(
        feedback,
        action=Action.REPLY,
        actor=user,
        actor_name=_("Người gửi ẩn danh") if feedback.anonymous else feedback.filer_name,
        at=at,
        from_status=from_status,
        note=text,
    )
    _store_attachments(feedback, checked, event=event, at=at)
    return feedback


@transaction.atomic
def answer_rate(
    *,
    code: str,
    satisfied: bool,
    reason: str = "",
    user: User | None = None,
    at: datetime | None = None,
) -> AnswerRating:
    """The filer rates the published answer, once: satisfied, or not with a reason."""
    at = at or now()
    user = user if user is not None and user.is_authenticated else None
    feedback = _lock_for_filer(code, user)
    if feedback.status != Status.PUBLISHED:
        raise Conflict(_("Chỉ đánh giá được khi phản ánh đã có trả lời được công khai."))
    reason = (reason or "").strip()
    if not satisfied and not reason:
        raise InvalidInput(_("Vui lòng cho biết lý do chưa hài lòng."), field="reason")
    if AnswerRating.objects.filter(feedback=feedback).exists():
        raise Conflict(_("Trả lời này đã được đánh giá; mỗi phản ánh chỉ đánh giá một lần."))
    rating = AnswerRating.objects.create(
        feedback=feedback, satisfied=satisfied, reason=reason[:MAX_TEXT], rated_at=at
    )
    _record(
        feedback,
        action=Action.RATE,
        actor=user,
        actor_name=_("Người gửi ẩn danh") if feedback.anonymous else feedback.filer_name,
        at=at,
        from_status=feedback.status,
        note=reason,
        data={"satisfied": satisfied},
    )
    return rating


# --- rating a returned dossier -------------------------------------------------------------


@dataclass(frozen=True)
class DossierRatingInput:
    level: int
    criteria: dict[str, bool | None] = field(default_factory=dict)
    comment: str = ""


@transaction.atomic
def dossier_rate(
    *,
    code: str,
    rating: DossierRatingInput,
    user: User | None = None,
    id_number: str = "",
    at: datetime | None = None,
) -> DossierRating:
    """The applicant rates how a returned dossier was handled, once. Signed in, the account
    must be the dossier's applicant (403); at the kiosk, the code and the applicant's ID number
    must match (404 otherwise, as the public status page). Not yet returned: 409; rated
    already: 409."""
    at = at or now()
    user = user if user is not None and user.is_authenticated else None
    dossier = Dossier.objects.select_for_update(of=("self",)).filter(code=code.strip()).first()
    if user is not None:
        if dossier is None:
            raise NotFound(_("Không tìm thấy hồ sơ %(code)s.") % {"code": code})
        if dossier.applicant_id != user.pk:
            raise NotAllowed(_("Chỉ người nộp hồ sơ được đánh giá việc giải quyết hồ sơ này."))
        channel = RatingChannel.ONLINE
    else:
        secret = (id_number or "").strip()
        if not secret:
            raise InvalidInput(
                _("Vui lòng nhập số định danh cá nhân (hoặc mã số thuế) của người nộp."),
                field="id_number",
            )
        if dossier is None or dossier.applicant_id_number != secret:
            raise NotFound(_("Không tìm thấy hồ sơ với mã và số giấy tờ đã nhập."))
        channel = RatingChannel.KIOSK
    if dossier.status != DossierStatus.RETURNED:
        raise Conflict(
            _("Chỉ đánh giá được khi hồ sơ đã trả kết quả (hồ sơ đang «%(status)s»).")
            % {"status": dossier.status_name},
            extra={"status": dossier.status},
        )
    if rating.level not in Level.values:
        raise InvalidInput(_("Vui lòng chọn mức độ hài lòng."), field="level")
    unknown = set(rating.criteria) - set(CRITERIA)
    if unknown:
        raise InvalidInput(
            _("Tiêu chí không hợp lệ: %(names)s.") % {"names": ", ".join(sorted(unknown))},
            field="criteria",
        )
    comment = (rating.comment or "").strip()
    if len(comment) > MAX_TEXT:
        raise InvalidInput(_("Ý kiến quá dài."), field="comment")
    if DossierRating.objects.filter(dossier=dossier).exists():
        raise _already_rated()
    try:
        with transaction.atomic():
            return DossierRating.objects.create(
                dossier=dossier,
                level=rating.level,
                comment=comment,
                channel=channel,
                rated_by=user,
                rated_at=at,
                **{name: rating.criteria.get(name) for name in CRITERIA},
            )
    except IntegrityError as exc:  # a concurrent rating won the race (unique dossier)
        raise _already_rated() from exc


def _already_rated() -> Conflict:
    return Conflict(
        _("Hồ sơ này đã được đánh giá; mỗi hồ sơ chỉ đánh giá một lần."), code="already_rated"
    )
