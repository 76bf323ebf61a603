"""Every change in periodic reporting and the implementation plan.

Each service runs in one transaction, locks the row it changes, checks who may act (403) and
in which state (409), validates (400 with messages naming the field and the rule), saves and
appends a history row (`ReportEvent`, `Reminder`, `TaskUpdate`). Notifications are written
through `motcua.notifications.services.notify`; their e-mails leave after the commit.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import IO, Any

from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from motcua.accounts.models import STAFF_ROLES, Role, User
from motcua.core.clock import local, now
from motcua.core.exceptions import Conflict, InvalidInput, NotAllowed, NotFound
from motcua.documents.uploads import delete_files_on_error, save_file
from motcua.notifications.services import notify
from motcua.organization.models import Unit
from motcua.reporting import periods as rules
from motcua.reporting import selectors
from motcua.reporting.attachments import inspect_attachment
from motcua.reporting.models import (
    NUMERIC_KINDS,
    ConsolidatedReport,
    DataField,
    FieldKind,
    Plan,
    PlanTask,
    Reminder,
    ReminderKind,
    Report,
    ReportAttachment,
    ReportEvent,
    ReportPeriod,
    ReportSectionText,
    ReportType,
    ReportValue,
    TaskEvidence,
    TaskStatus,
    TaskUpdate,
    sum_parts,
)
from motcua.reporting.values import (
    check_sections,
    check_values,
    number_text,
)
from motcua.reporting.workflow import Action, ConsolidatedStatus, ReportStatus, allowed
from motcua.workdays.selectors import get_work_calendar

MAX_ATTACHMENTS = 10
# Overdue reminders go out for periods whose deadline passed at most this many days ago, so
# that installing motcua (or adding a type) does not remind anyone of last year's reports.
OVERDUE_WINDOW_DAYS = 30


@dataclass(frozen=True)
class Upload:
    file: File | IO[bytes]
    name: str


# --- report types and periods ------------------------------------------------------------


def definition_errors(report_type: ReportType) -> list[str]:
    """What is wrong with a type's definition as a whole (each row's own rules are in
    `Model.clean`): codes unique across its tables, sums over numeric asked fields."""
    errors: list[str] = []
    fields = list(DataField.objects.filter(table__report_type=report_type))
    by_code: dict[str, DataField] = {}
    for f in fields:
        if f.code in by_code:
            errors.append(_("Mã chỉ tiêu «%(code)s» bị trùng.") % {"code": f.code})
        by_code[f.code] = f
    for f in fields:
        try:
            parts = sum_parts(f.sum_of)
        except ValueError:
            errors.append(
                _("Chỉ tiêu «%(code)s»: quy tắc tổng «%(rule)s» không đúng dạng «B + C».")
                % {"code": f.code, "rule": f.sum_of}
            )
            continue
        for part in parts:
            other = by_code.get(part)
            if other is None:
                errors.append(
                    _("Chỉ tiêu «%(code)s»: quy tắc tổng nhắc đến mã «%(part)s» không có.")
                    % {"code": f.code, "part": part}
                )
            elif other.kind not in NUMERIC_KINDS or other.dossier_metric or f.dossier_metric:
                errors.append(
                    _(
                        "Chỉ tiêu «%(code)s»: quy tắc tổng chỉ cộng các chỉ tiêu kiểu số do "
                        "đơn vị nhập («%(part)s» không phải)."
                    )
                    % {"code": f.code, "part": part}
                )
    codes = [s.code for s in report_type.sections.all()]
    if len(codes) != len(set(codes)):
        errors.append(_("Mã mục đề cương bị trùng."))
    return errors


def _period_dates(
    report_type: ReportType, cut: rules.Cutoff, calendar: rules.WorkingDays
) -> tuple[date, date | None]:
    deadline = rules.deadline(
        cut,
        report_type.deadline_rule,
        day=report_type.deadline_day,
        month=report_type.deadline_month,
        shift=report_type.day_off_shift,
        calendar=calendar,
    )
    upward = None
    if report_type.upward_deadline_rule and report_type.upward_deadline_day is not None:
        upward = rules.deadline(
            cut,
            report_type.upward_deadline_rule,
            day=report_type.upward_deadline_day,
            month=report_type.upward_deadline_month,
            shift=report_type.day_off_shift,
            calendar=calendar,
        )
    return deadline, upward


@transaction.atomic
def periods_generate(
    *, report_type_id: int, year: int, actor: User | None = None
) -> list[ReportPeriod]:
    """The type's periods of `year` (cut-offs and deadlines from its rules). Idempotent:
    existing periods are kept as they are, the missing ones are created."""
    report_type = ReportType.objects.select_for_update().filter(pk=report_type_id).first()
    if report_type is None:
        raise NotFound(_("Không tìm thấy loại báo cáo."))
    if actor is not None and not (actor.role == Role.ADMIN or actor.role == Role.HEAD):
        raise NotAllowed(_("Chỉ quản trị hoặc lãnh đạo mới tạo kỳ báo cáo."))
    if not 2000 <= year <= 2100:
        raise InvalidInput(_("Năm phải trong khoảng 2000–2100."), field="year")
    problems = definition_errors(report_type)
    if problems:
        raise InvalidInput(problems[0], errors={"report_type": problems})
    existing = {
        p.number: p for p in ReportPeriod.objects.filter(report_type=report_type, year=year)
    }
    missing = []
    calendar = get_work_calendar()
    for cut in rules.cutoffs(report_type.frequency, year):
        if cut.number in existing:
            continue
        deadline, upward = _period_dates(report_type, cut, calendar)
        missing.append(
            ReportPeriod(
                report_type=report_type,
                year=cut.year,
                number=cut.number,
                starts_on=cut.starts_on,
                ends_on=cut.ends_on,
                deadline=deadline,
                upward_deadline=upward,
            )
        )
    # The type's row lock serializes generators: no two create the same period.
    ReportPeriod.objects.bulk_create(missing)
    return list(
        ReportPeriod.objects.filter(report_type=report_type, year=year)
        .select_related("report_type")
        .order_by("number")
    )


# --- a unit's report -------------------------------------------------------------------


def _record(
    *,
    report: Report | None = None,
    consolidated: ConsolidatedReport | None = None,
    action: str,
    actor: User | None,
    at: datetime,
    from_status: str = "",
    to_status: str = "",
    note: str = "",
    data: dict[str, Any] | None = None,
) -> ReportEvent:
    return ReportEvent.objects.create(
        report=report,
        consolidated=consolidated,
        action=action,
        at=at,
        actor=actor,
        actor_name=actor.display_name if actor else "",
        from_status=from_status,
        to_status=to_status,
        note=note,
        data=data or {},
    )


def _require_reporter(actor: User, report: Report) -> None:
    """Only the people of the reporting unit itself fill and submit its report."""
    if actor.role not in STAFF_ROLES or not actor.units.filter(pk=report.unit_id).exists():
        raise NotAllowed(_("Chỉ người của đơn vị báo cáo mới lập và nộp báo cáo này."))


def _locked_report(report_id: int, actor: User) -> Report:
    # Visibility first (404 for someone else's report), then the row lock.
    selectors.report_get(pk=report_id, user=actor)
    return (
        Report.objects.select_for_update()
        .select_related("period", "period__report_type", "unit")
        .get(pk=report_id)
    )


def _require_state(report: Report, action: str) -> None:
    if not allowed(action, report.status):
        if report.status == ReportStatus.SUBMITTED:
            raise Conflict(
                _(
                    "Báo cáo đã nộp và đã khóa; chỉ chỉnh sửa được khi cơ quan nhận trả lại "
                    "để chỉnh sửa."
                )
            )
        raise Conflict(
            _("Không thực hiện được thao tác này khi báo cáo «%(status)s».")
            % {"status": ReportStatus(report.status).label}
        )


@transaction.atomic
def report_open(
    *, period_id: int, actor: User, unit_id: int | None = None, at: datetime | None = None
) -> Report:
    """The unit's report for the period, created as a draft the first time."""
    at = at or now()
    period = selectors.period_get(pk=period_id, user=actor)
    own = list(actor.units.filter(is_active=True).values_list("pk", flat=True))
    candidates = list(
        selectors.reporter_units(period.report_type).filter(pk__in=own).values_list("pk", flat=True)
    )
    if unit_id is not None:
        if unit_id not in candidates:
            raise NotAllowed(
                _("Đơn vị này không thuộc đối tượng báo cáo hoặc bạn không thuộc đơn vị này."),
                field="unit",
            )
        candidates = [unit_id]
    if actor.role not in STAFF_ROLES or not candidates:
        raise NotAllowed(_("Đơn vị của bạn không thuộc đối tượng thực hiện báo cáo này."))
    if len(candidates) > 1:
        raise InvalidInput(_("Bạn thuộc nhiều đơn vị báo cáo: hãy chọn đơn vị."), field="unit")
    report = Report.objects.filter(period=period, unit_id=candidates[0]).first()
    if report is not None:
        return report
    try:
        with transaction.atomic():
            report = Report.objects.create(
                period=period, unit_id=candidates[0], created_at=at, updated_at=at
            )
    except IntegrityError:
        # Someone of the same unit opened it at the same moment.
        return Report.objects.get(period=period, unit_id=candidates[0])
    _record(report=report, action=Action.CREATE, actor=actor, at=at, to_status=report.status)
    return report


def _shown(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return number_text(value)
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return str(value)


def _write_values(
    report: Report,
    raw_values: Mapping[str, Any],
    raw_sections: Mapping[str, Any],
    *,
    final: bool,
) -> dict[str, Any]:
    """Merge the given values into the stored ones, check them all, write what changed and
    return the change set for the history (raises `InvalidInput` with every error)."""
    report_type = report.period.report_type
    fields = list(selectors.asked_fields(report_type))
    sections = list(selectors.sections_of(report_type))
    stored_values, stored_texts = selectors.report_raw_values(report)
    stored_values = {k: v for k, v in stored_values.items() if k in {f.code for f in fields}}
    merged_values = {**stored_values, **dict(raw_values)}
    merged_texts = {**stored_texts, **dict(raw_sections)}
    checked = check_values(fields, merged_values, final=final)
    checked_texts = check_sections(sections, merged_texts, final=final)
    errors = {**checked.errors, **checked_texts.errors}
    if errors:
        first = next(iter(errors.values()))[0]
        raise InvalidInput(first, errors=errors)

    changes: dict[str, Any] = {}
    existing = {row.field_id: row for row in report.values.all()}
    for f in fields:
        new = checked.values.get(f.code)
        old = stored_values.get(f.code)
        if new == old and (new is None) == (old is None):
            continue
        changes.setdefault("fields", {})[f.code] = [_shown(old), _shown(new)]
        row = existing.get(f.pk)
        if new is None:
            if row is not None:
                row.delete()
            continue
        if row is None:
            row = ReportValue(report=report, field=f)
        row.number = new if f.kind in NUMERIC_KINDS else None
        row.date = new if f.kind == FieldKind.DATE else None
        row.text = new if f.kind in (FieldKind.TEXT, FieldKind.CHOICE) else ""
        row.save()
    texts = {row.section_id: row for row in report.texts.all()}
    for s in sections:
        new_text = checked_texts.values.get(s.code, "")
        if new_text == (stored_texts.get(s.code) or ""):
            continue
        changes.setdefault("sections", []).append(s.code)
        row = texts.get(s.pk)
        if row is None:
            ReportSectionText.objects.create(report=report, section=s, text=new_text)
        else:
            row.text = new_text
            row.save(update_fields=["text"])
    return changes


@transaction.atomic
def report_save(
    *,
    report_id: int,
    actor: User,
    values: Mapping[str, Any] | None = None,
    sections: Mapping[str, Any] | None = None,
    at: datetime | None = None,
) -> Report:
    """Save a draft (types and bounds checked; required fields and sums wait for submission).
    Only the given codes change; the others keep their stored values."""
    at = at or now()
    report = _locked_report(report_id, actor)
    _require_reporter(actor, report)
    _require_state(report, Action.SAVE)
    changes = _write_values(report, values or {}, sections or {}, final=False)
    report.updated_at = at
    report.save(update_fields=["updated_at"])
    if changes:
        _record(
            report=report,
            action=Action.SAVE,
            actor=actor,
            at=at,
            from_status=report.status,
            to_status=report.status,
            data=changes,
        )
    return report


@transaction.atomic
def report_submit(
    *,
    report_id: int,
    actor: User,
    values: Mapping[str, Any] | None = None,
    sections: Mapping[str, Any] | None = None,
    at: datetime | None = None,
) -> Report:
    """Submit (or resubmit after a return): every rule checked, then the report is locked.
    On time or late is judged once, by the first submission against the period's deadline."""
    at = at or now()
    report = _locked_report(report_id, actor)
    _require_reporter(actor, report)
    _require_state(report, Action.SUBMIT)
    changes = _write_values(report, values or {}, sections or {}, final=True)
    before = report.status
    report.status = ReportStatus.SUBMITTED
    report.submitted_at = at
    report.submitted_by = actor
    if report.first_submitted_at is None:
        report.first_submitted_at = at
        report.late = local(at).date() > report.period.deadline
    report.updated_at = at
    report.save(
        update_fields=[
            "status",
            "submitted_at",
            "submitted_by",
            "first_submitted_at",
            "late",
            "updated_at",
        ]
    )
    _record(
        report=report,
        action=Action.SUBMIT,
        actor=actor,
        at=at,
        from_status=before,
        to_status=report.status,
        data={**changes, "late": bool(report.late)},
    )
    return report


@transaction.atomic
def report_return(
    *, report_id: int, actor: User, reason: str, at: datetime | None = None
) -> Report:
    """The receiving office returns a submitted report for correction, with a reason; the
    unit's people are told."""
    at = at or now()
    report = _locked_report(report_id, actor)
    selectors.require_receiver_staff(actor, report.period.report_type)
    _require_state(report, Action.RETURN)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("Vui lòng nêu lý do trả lại để đơn vị chỉnh sửa."), field="reason")
    before = report.status
    report.status = ReportStatus.RETURNED
    report.returned_at = at
    report.return_reason = reason
    report.updated_at = at
    report.save(update_fields=["status", "returned_at", "return_reason", "updated_at"])
    _record(
        report=report,
        action=Action.RETURN,
        actor=actor,
        at=at,
        from_status=before,
        to_status=report.status,
        note=reason,
    )
    for user in _unit_people(report.unit_id):
        notify(
            user,
            title=_("Báo cáo bị trả lại để chỉnh sửa: %(type)s — %(period)s")
            % {"type": report.period.report_type.name, "period": report.period.label},
            body=_("Lý do: %(reason)s") % {"reason": reason},
            url=reverse("reporting:report", args=[report.pk]),
            kind="report-returned",
            email=report.period.report_type.remind_by_email,
        )
    return report


def report_attach(
    *, report_id: int, actor: User, uploads: Sequence[Upload], at: datetime | None = None
) -> list[ReportAttachment]:
    """Attach files (PDF, JPEG, PNG, DOCX, XLSX checked by content) to an editable report.
    A file written before the transaction fails is deleted again."""
    with delete_files_on_error():
        return _report_attach(report_id=report_id, actor=actor, uploads=uploads, at=at)


@transaction.atomic
def _report_attach(
    *, report_id: int, actor: User, uploads: Sequence[Upload], at: datetime | None
) -> list[ReportAttachment]:
    at = at or now()
    report = _locked_report(report_id, actor)
    _require_reporter(actor, report)
    _require_state(report, Action.ATTACH)
    current = report.attachments.filter(removed_at__isnull=True).count()
    if current + len(uploads) > MAX_ATTACHMENTS:
        raise InvalidInput(
            _("Mỗi báo cáo đính kèm tối đa %(n)s tệp.") % {"n": MAX_ATTACHMENTS}, field="files"
        )
    checked = [inspect_attachment(u.file, name=u.name, field="files") for u in uploads]
    rows = []
    for upload, info in zip(uploads, checked, strict=True):
        row = ReportAttachment(
            report=report,
            original_name=info.name,
            size=info.size,
            sha256=info.sha256,
            content_type=info.content_type,
            uploaded_by=actor,
            uploaded_at=at,
        )
        save_file(row.file, info.name, upload.file)
        row.save()
        rows.append(row)
    if rows:
        _record(
            report=report,
            action=Action.ATTACH,
            actor=actor,
            at=at,
            from_status=report.status,
            to_status=report.status,
            data={"files": [r.original_name for r in rows]},
        )
    return rows


@transaction.atomic
def report_detach(
    *, report_id: int, attachment_id: int, actor: User, at: datetime | None = None
) -> None:
    """Take a file off an editable report (the file is kept; history only grows)."""
    at = at or now()
    report = _locked_report(report_id, actor)
    _require_reporter(actor, report)
    _require_state(report, Action.DETACH)
    row = report.attachments.filter(pk=attachment_id, removed_at__isnull=True).first()
    if row is None:
        raise NotFound(_("Không tìm thấy tệp đính kèm."))
    row.removed_at = at
    row.save(update_fields=["removed_at"])
    _record(
        report=report,
        action=Action.DETACH,
        actor=actor,
        at=at,
        from_status=report.status,
        to_status=report.status,
        data={"files": [row.original_name]},
    )


# --- reminders ---------------------------------------------------------------------------


def _unit_people(unit_id: int) -> list[User]:
    return list(
        User.objects.filter(units=unit_id, is_active=True, role__in=STAFF_ROLES).order_by("pk")
    )


def _missing_unit_ids(period: ReportPeriod) -> list[int]:
    submitted = Report.objects.filter(period=period, status=ReportStatus.SUBMITTED).values(
        "unit_id"
    )
    return list(
        selectors.reporter_units(period.report_type)
        .exclude(pk__in=submitted)
        .values_list("pk", flat=True)
    )


def _remind(
    period: ReportPeriod, unit_id: int, kind: str, *, at: datetime, actor: User | None
) -> int:
    report_type = period.report_type
    people = _unit_people(unit_id)
    deadline = f"{period.deadline:%d/%m/%Y}"
    if kind == ReminderKind.OVERDUE:
        title = _("Quá hạn nộp báo cáo: %(type)s — %(period)s")
        body = _("Hạn nộp là %(deadline)s. Đơn vị chưa nộp báo cáo; vui lòng nộp ngay.")
    else:
        title = _("Nhắc nộp báo cáo: %(type)s — %(period)s")
        body = _("Hạn nộp là %(deadline)s. Đơn vị chưa nộp báo cáo.")
    for user in people:
        notify(
            user,
            title=title % {"type": report_type.name, "period": period.label},
            body=body % {"deadline": deadline},
            url=reverse("reporting:period-open", args=[period.pk]),
            kind=f"report-reminder-{kind}",
            email=report_type.remind_by_email,
        )
    return len(people)


def _reminder_due(period: ReportPeriod, today: date, calendar: Any) -> str | None:
    report_type = period.report_type
    if today > period.deadline:
        if report_type.remind_overdue and (today - period.deadline).days <= OVERDUE_WINDOW_DAYS:
            return ReminderKind.OVERDUE
        return None
    if report_type.remind_days_before <= 0:
        return None
    start = rules.working_days_before(period.deadline, report_type.remind_days_before, calendar)
    return ReminderKind.BEFORE if today >= start else None


def reminders_send(at: datetime | None = None) -> int:
    """Send the reminders due at `at`: a configurable number of working days before the
    deadline, and once overdue, to every unit that has not submitted. Idempotent: each
    (period, unit, kind) is sent once (a unique row, written with the notifications in one
    transaction), however often or concurrently this runs. Returns the units reminded."""
    at = at or now()
    today = local(at).date()
    calendar = get_work_calendar()
    sent = 0
    periods = ReportPeriod.objects.filter(
        report_type__is_active=True, starts_on__lte=today
    ).select_related("report_type")
    for period in periods.filter(deadline__gte=today - timedelta(days=OVERDUE_WINDOW_DAYS)):
        kind = _reminder_due(period, today, calendar)
        if kind is None:
            continue
        already = set(
            Reminder.objects.filter(period=period, kind=kind).values_list("unit_id", flat=True)
        )
        for unit_id in _missing_unit_ids(period):
            if unit_id in already:
                continue
            try:
                with transaction.atomic():
                    reminder = Reminder.objects.create(
                        period=period, unit_id=unit_id, kind=kind, sent_at=at
                    )
                    reminder.recipients = _remind(period, unit_id, kind, at=at, actor=None)
                    reminder.save(update_fields=["recipients"])
            except IntegrityError:
                continue  # another run sent it first
            sent += 1
    return sent


@transaction.atomic
def reminders_send_missing(*, period_id: int, actor: User, at: datetime | None = None) -> int:
    """ "Remind the missing ones": the receiving office reminds every unit that has not
    submitted (a draft or a returned report counts as not submitted). Returns the units."""
    at = at or now()
    period = selectors.period_get(pk=period_id, user=actor)
    selectors.require_receiver_staff(actor, period.report_type)
    units = _missing_unit_ids(period)
    for unit_id in units:
        reminder = Reminder.objects.create(
            period=period, unit_id=unit_id, kind=ReminderKind.MANUAL, sent_at=at, sent_by=actor
        )
        reminder.recipients = _remind(period, unit_id, ReminderKind.MANUAL, at=at, actor=actor)
        reminder.save(update_fields=["recipients"])
    return len(units)


# --- the department's consolidated report --------------------------------------------------


def default_place(unit: Unit) -> str:
    """The place line of a document: the parent authority's area ("Quận 11")."""
    parent = Unit.objects.get_parent(unit)
    name = parent.name if parent else unit.name
    for prefix in ("Ủy ban nhân dân ", "UBND "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _locked_consolidated(period: ReportPeriod, at: datetime) -> ConsolidatedReport:
    report = ConsolidatedReport.objects.select_for_update().filter(period=period).first()
    if report is not None:
        return report
    try:
        with transaction.atomic():
            return ConsolidatedReport.objects.create(
                period=period,
                place=default_place(period.report_type.receiver),
                signer_title=_("TRƯỞNG PHÒNG"),
                created_at=at,
                updated_at=at,
            )
    except IntegrityError:
        return ConsolidatedReport.objects.select_for_update().get(period=period)


DOCUMENT_FIELDS = ("document_number", "place", "signer_title", "signer_name", "summary")


@transaction.atomic
def consolidated_save(
    *,
    period_id: int,
    actor: User,
    document: Mapping[str, str] | None = None,
    at: datetime | None = None,
) -> ConsolidatedReport:
    """Save the consolidated report's document details (number, place, signer, the office's
    own assessment) before it is sent."""
    at = at or now()
    period = selectors.period_get(pk=period_id, user=actor)
    selectors.require_receiver_staff(actor, period.report_type)
    report = _locked_consolidated(period, at)
    if report.status == ConsolidatedStatus.SUBMITTED:
        raise Conflict(_("Báo cáo tổng hợp đã gửi cấp trên, không sửa được nữa."))
    changed = []
    for name in DOCUMENT_FIELDS:
        if document and name in document:
            value = (document[name] or "").strip()
            limit = ConsolidatedReport._meta.get_field(name).max_length
            if limit and len(value) > limit:
                raise InvalidInput(_("Tối đa %(n)s ký tự.") % {"n": limit}, field=name)
            if getattr(report, name) != value:
                setattr(report, name, value)
                changed.append(name)
    if changed:
        report.updated_at = at
        report.save(update_fields=[*changed, "updated_at"])
        _record(
            consolidated=report,
            action=Action.CONSOLIDATE,
            actor=actor,
            at=at,
            from_status=report.status,
            to_status=report.status,
            data={"document": changed},
        )
    return report


@transaction.atomic
def consolidated_submit(
    *,
    period_id: int,
    actor: User,
    document: Mapping[str, str] | None = None,
    at: datetime | None = None,
) -> ConsolidatedReport:
    """Send the consolidated report up (the head only): the data is frozen as sent, and on
    time or late is judged against the period's own upward deadline."""
    at = at or now()
    period = selectors.period_get(pk=period_id, user=actor)
    selectors.require_receiver_staff(actor, period.report_type)
    if actor.role != Role.HEAD and not selectors.is_superadmin(actor):
        raise NotAllowed(_("Chỉ lãnh đạo mới gửi báo cáo tổng hợp lên cấp trên."))
    if period.report_type.upward_receiver_id is None:
        raise Conflict(_("Loại báo cáo này không có cơ quan nhận báo cáo tổng hợp."))
    report = consolidated_save(period_id=period_id, actor=actor, document=document, at=at)
    report = ConsolidatedReport.objects.select_for_update().get(pk=report.pk)
    if report.status == ConsolidatedStatus.SUBMITTED:
        raise Conflict(_("Báo cáo tổng hợp đã gửi cấp trên."))
    missing = [
        label
        for name, label in (
            ("document_number", _("số văn bản")),
            ("signer_name", _("người ký")),
        )
        if not getattr(report, name)
    ]
    if missing:
        raise InvalidInput(
            _("Vui lòng nhập %(what)s trước khi gửi.") % {"what": ", ".join(missing)},
            errors={
                "document_number" if not report.document_number else "signer_name": [
                    _("Bắt buộc nhập trước khi gửi.")
                ]
            },
        )
    with translation.override("vi"):  # the data as sent is an official Vietnamese record
        data = selectors.consolidation(period)
    late = (
        local(at).date() > period.upward_deadline if period.upward_deadline is not None else False
    )
    data.update(
        {
            "status": ConsolidatedStatus.SUBMITTED,
            "submitted_at": local(at).isoformat(),
            "late": late,
            "document": {
                "number": report.document_number,
                "place": report.place,
                "signer_title": report.signer_title,
                "signer_name": report.signer_name,
                "summary": report.summary,
            },
        }
    )
    before = report.status
    report.status = ConsolidatedStatus.SUBMITTED
    report.data = data
    report.submitted_at = at
    report.submitted_by = actor
    report.late = late
    report.updated_at = at
    report.save(
        update_fields=["status", "data", "submitted_at", "submitted_by", "late", "updated_at"]
    )
    _record(
        consolidated=report,
        action=Action.SUBMIT_UPWARD,
        actor=actor,
        at=at,
        from_status=before,
        to_status=report.status,
        data={"late": late},
    )
    receiver = period.report_type.upward_receiver
    for user in _unit_people(receiver.pk):
        notify(
            user,
            title=_("Báo cáo tổng hợp mới: %(type)s — %(period)s")
            % {"type": period.report_type.name, "period": period.label},
            body=_("%(unit)s đã gửi báo cáo tổng hợp.") % {"unit": period.report_type.receiver},
            url=reverse("reporting:consolidated", args=[period.pk]),
            kind="report-consolidated",
            email=period.report_type.remind_by_email,
        )
    return report


# --- the implementation plan -----------------------------------------------------------------


@transaction.atomic
def plan_import(
    *,
    actor: User,
    number: str,
    title: str,
    year: int,
    file: File | IO[bytes],
    unit_id: int | None = None,
    issued_on: date | None = None,
    at: datetime | None = None,
) -> Plan:
    """Create a plan from its appendix in xlsx (one task a row; see `plan_import.parse`).
    All or nothing: any bad row refuses the whole file with the row and column named."""
    from motcua.reporting.plan_import import parse_plan_xlsx

    at = at or now()
    if actor.role not in (Role.HEAD, Role.SPECIALIST, Role.ADMIN):
        raise NotAllowed(_("Chỉ lãnh đạo, chuyên viên mới nhập kế hoạch."))
    own = list(actor.units.values_list("pk", flat=True))
    if unit_id is None:
        if not own:
            raise InvalidInput(_("Bạn chưa thuộc đơn vị nào."), field="unit")
        unit_id = own[0]
    if unit_id not in own and not selectors.is_superadmin(actor):
        raise NotAllowed(_("Chỉ nhập kế hoạch cho đơn vị của mình."), field="unit")
    unit = Unit.objects.get(pk=unit_id)
    number, title = (number or "").strip(), (title or "").strip()
    errors: dict[str, list[str]] = {}
    if not number:
        errors["number"] = [_("Vui lòng nhập số kế hoạch.")]
    if not title:
        errors["title"] = [_("Vui lòng nhập tên kế hoạch.")]
    if not 2000 <= int(year or 0) <= 2100:
        errors["year"] = [_("Năm phải trong khoảng 2000–2100.")]
    if errors:
        raise InvalidInput(next(iter(errors.values()))[0], errors=errors)
    if Plan.objects.filter(unit=unit, number=number, year=year).exists():
        raise Conflict(
            _("Kế hoạch số %(number)s năm %(year)s đã có.") % {"number": number, "year": year},
            field="number",
        )
    candidates = list(
        Unit.objects.filter(path__startswith=Unit.objects.get_root(unit).path, is_active=True)
    )
    rows = parse_plan_xlsx(file, year=int(year), units=candidates)
    plan = Plan.objects.create(
        number=number,
        title=title,
        year=year,
        unit=unit,
        issued_on=issued_on,
        created_at=at,
        created_by=actor,
    )
    for order, row in enumerate(rows, start=1):
        task = PlanTask.objects.create(
            plan=plan,
            number=row.number,
            order=order,
            content=row.content,
            lead_unit=row.lead_unit,
            lead_unit_name=row.lead_unit_name,
            coordinating_text=row.coordinating_text,
            starts_on=row.starts_on,
            ends_on=row.ends_on,
            expected_product=row.expected_product,
        )
        if row.coordinating_units:
            task.coordinating_units.set(row.coordinating_units)
    return plan


def task_update(
    *,
    task_id: int,
    actor: User,
    status: str,
    percent: int | str,
    note: str = "",
    uploads: Sequence[Upload] = (),
    at: datetime | None = None,
) -> TaskUpdate:
    """A progress update by the lead unit: status, percent, note and evidence files."""
    with delete_files_on_error():
        return _task_update(
            task_id=task_id,
            actor=actor,
            status=status,
            percent=percent,
            note=note,
            uploads=uploads,
            at=at,
        )


@transaction.atomic
def _task_update(
    *,
    task_id: int,
    actor: User,
    status: str,
    percent: int | str,
    note: str,
    uploads: Sequence[Upload],
    at: datetime | None,
) -> TaskUpdate:
    at = at or now()
    selectors.task_get(pk=task_id, user=actor)
    task = PlanTask.objects.select_for_update().select_related("plan").get(pk=task_id)
    if not selectors.can_update_task(actor, task):
        raise NotAllowed(_("Chỉ đơn vị chủ trì mới cập nhật tiến độ nhiệm vụ này."))
    errors: dict[str, list[str]] = {}
    if status not in TaskStatus.values:
        errors["status"] = [_("Tình trạng không hợp lệ.")]
    try:
        percent = int(percent)
    except (TypeError, ValueError):
        errors["percent"] = [_("Tiến độ phải là số nguyên từ 0 đến 100.")]
    else:
        if not 0 <= percent <= 100:
            errors["percent"] = [_("Tiến độ phải là số nguyên từ 0 đến 100.")]
        elif status == TaskStatus.DONE and percent != 100:
            errors["percent"] = [_("Nhiệm vụ hoàn thành thì tiến độ phải là 100%.")]
        elif status == TaskStatus.NOT_STARTED and percent != 0:
            errors["percent"] = [_("Nhiệm vụ chưa thực hiện thì tiến độ phải là 0%.")]
    if len(uploads) > MAX_ATTACHMENTS:
        errors["files"] = [_("Tối đa %(n)s tệp minh chứng mỗi lần.") % {"n": MAX_ATTACHMENTS}]
    if errors:
        raise InvalidInput(next(iter(errors.values()))[0], errors=errors)
    checked = [inspect_attachment(u.file, name=u.name, field="files") for u in uploads]
    update = TaskUpdate.objects.create(
        task=task,
        at=at,
        by=actor,
        by_name=actor.display_name,
        status=status,
        percent=percent,
        note=(note or "").strip(),
    )
    for upload, info in zip(uploads, checked, strict=True):
        evidence = TaskEvidence(
            update=update,
            original_name=info.name,
            size=info.size,
            sha256=info.sha256,
            content_type=info.content_type,
        )
        save_file(evidence.file, info.name, upload.file)
        evidence.save()
    task.status = status
    task.percent = percent
    task.updated_at = at
    task.save(update_fields=["status", "percent", "updated_at"])
    return update
