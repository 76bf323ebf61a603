"""Who is told what when a dossier changes (called from the dossier's history write, in its
transaction) and the morning reminder of dossiers due tomorrow. Messages name the dossier's
code, procedure and dates only: no names, ID numbers or addresses."""

from datetime import datetime, timedelta

from django.db.models import Q
from django.urls import reverse

from motcua.accounts.models import Role, User
from motcua.core.clock import local
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.workflow import Action, Status
from motcua.notifications.models import Notification, TemplateKey
from motcua.notifications.services import message_send


def _when(value: datetime | None) -> str:
    return local(value).strftime("%H:%M %d/%m/%Y") if value else ""


def _context(dossier: Dossier) -> dict[str, str]:
    return {
        "code": dossier.code,
        "procedure": dossier.procedure.name,
        "status": dossier.get_status_display(),
        "due": _when(dossier.extended_due_at or dossier.due_at),
    }


def _applicant_keys(event: DossierEvent) -> list[str]:
    keys = []
    if event.action in (Action.RECEIVE, Action.REGISTER):
        keys.append(TemplateKey.DOSSIER_RECEIVED)
    changed = event.from_status != event.to_status
    if changed and event.to_status == Status.WAITING_SUPPLEMENT:
        keys.append(TemplateKey.DOSSIER_SUPPLEMENT)
    if changed and event.to_status == Status.WAITING_PAYMENT:
        keys.append(TemplateKey.DOSSIER_PAYMENT)
    if event.action == Action.EXTEND:
        keys.append(TemplateKey.DOSSIER_EXTENDED)
    if changed and event.to_status == Status.RESOLVED:
        keys.append(TemplateKey.DOSSIER_RESOLVED)
    if event.action == Action.RETURN_RESULT:
        keys.append(TemplateKey.DOSSIER_RETURNED)
    return keys


def _staff_at_step(dossier: Dossier, exclude: User | None) -> list[User]:
    """The assignee, or, when nobody is assigned, the staff of the step's role and unit."""
    if dossier.assignee_id:
        people = [dossier.assignee]
    else:
        step = dossier.current_step
        role = step.role if step is not None and step.role else Role.OFFICER
        unit_id = step.unit_id if step is not None and step.unit_id else dossier.agency_id
        people = list(User.objects.filter(is_active=True, role=role, units=unit_id).distinct())
    return [p for p in people if exclude is None or p.pk != exclude.pk]


def dossier_event_notify(event: DossierEvent) -> None:
    dossier = event.dossier
    keys = _applicant_keys(event)
    context = _context(dossier)
    if keys:
        applicant = dossier.applicant
        url = reverse("dossiers:detail", args=[dossier.code]) if applicant else ""
        for key in keys:
            message_send(
                key,
                context=context,
                user=applicant,
                email="" if applicant else dossier.applicant_email,
                phone="" if applicant else dossier.applicant_phone,
                url=url,
            )
    step_changed = (
        event.action == Action.SUBMIT
        or (event.to_step_id is not None and event.to_step_id != event.from_step_id)
        or (event.to_user_id is not None)
    )
    if step_changed and dossier.status not in (Status.RETURNED, Status.REFUSED):
        url = reverse("dossiers:detail", args=[dossier.code])
        for person in _staff_at_step(dossier, exclude=event.actor):
            message_send(TemplateKey.STAFF_NEW_DOSSIER, context=context, user=person, url=url)


def dossiers_due_tomorrow_notify(*, at: datetime) -> int:
    """Tell the staff holding each open dossier due by the end of the next working day
    (Vietnam days: on a Friday, Monday's too); once a day per person and dossier however often
    it runs, and only on working days. Returns the messages written."""
    from motcua.workdays.selectors import get_work_calendar

    calendar = get_work_calendar()
    today = local(at).replace(hour=0, minute=0, second=0, microsecond=0)
    if not calendar.is_working_day(today.date()):
        return 0
    next_day = today + timedelta(days=1)
    while not calendar.is_working_day(next_day.date()):
        next_day += timedelta(days=1)
    start, end = today + timedelta(days=1), next_day + timedelta(days=1)
    due = Q(extended_due_at__gte=start, extended_due_at__lt=end) | Q(
        extended_due_at__isnull=True, due_at__gte=start, due_at__lt=end
    )
    dossiers = Dossier.objects.filter(
        due, status__in=[Status.RECEIVED, Status.PROCESSING]
    ).select_related("procedure", "assignee", "current_step")
    sent = 0
    for dossier in dossiers:
        url = reverse("dossiers:detail", args=[dossier.code])
        for person in _staff_at_step(dossier, exclude=None):
            already = Notification.objects.filter(
                user=person,
                kind=TemplateKey.STAFF_DUE_TOMORROW,
                url=url,
                created_at__gte=today,
            ).exists()
            if not already:
                message_send(
                    TemplateKey.STAFF_DUE_TOMORROW, context=_context(dossier), user=person, url=url
                )
                sent += 1
    return sent
