"""One dossier's page for the citizen and for staff, and the POST of each workflow action.

Which actions are offered comes from `workflow.allowed_actions`; the actions bound to a step
are offered only to the person at that step. The service decides in the end: its refusal is
shown on the page with its own status (403, 409, 422), never a 500.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from motcua.accounts.models import Role, User
from motcua.core import clock
from motcua.core.exceptions import DomainError, NotFound
from motcua.core.web import http_status, put_errors
from motcua.documents.downloads import dossier_file_response
from motcua.dossiers.forms import ACTION_FORMS, ActionForm, ScanForm, ShownForm, SupplementForm
from motcua.dossiers.models import Dossier, Extension
from motcua.dossiers.selectors import (
    DossierPapers,
    dossier_get,
    dossier_papers,
    history,
    may_add_papers,
)
from motcua.dossiers.services import dossier_act
from motcua.dossiers.views.common import message_page, not_found
from motcua.dossiers.views.staff import mark_deadlines
from motcua.dossiers.workflow import Action, Status, allowed_actions
from motcua.organization.models import Unit
from motcua.payments.selectors import payment_panel

# Actions that the person at the current step takes (the service checks it again).
STEP_ACTIONS = frozenset(
    {
        Action.HANDOVER,
        Action.RETURN_TO_PREVIOUS,
        Action.PROPOSE,
        Action.APPROVE,
        Action.REJECT_PROPOSAL,
    }
)
# The forward path of each role is shown open; the other actions sit in a disclosure.
MAIN_ACTIONS = {
    Role.CITIZEN: {Action.SUPPLEMENT},
    Role.OFFICER: {Action.RECEIVE, Action.HANDOVER, Action.SUPPLEMENT, Action.RETURN_RESULT},
    Role.SPECIALIST: {Action.PROPOSE},
    Role.HEAD: {Action.APPROVE},
}
# What the citizen may read of each history line's note: internal notes stay internal.
PUBLIC_NOTES = frozenset(
    {
        Action.REFUSE,
        Action.REQUEST_SUPPLEMENT,
        Action.SUPPLEMENT,
        Action.EXTEND,
        Action.STOP,
        Action.WITHDRAW,
        Action.RETURN_RESULT,
        Action.ATTACH_FILE,
        Action.DIGITIZE,
        Action.REUSE_DOCUMENT,
        Action.SHOW_PAPER,
    }
)
DOCUMENTS = [
    ("receipt", gettext_lazy("Giấy tiếp nhận hồ sơ và hẹn trả kết quả")),
    ("supplement-request", gettext_lazy("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ")),
    ("refusal", gettext_lazy("Phiếu từ chối tiếp nhận")),
    ("extension", gettext_lazy("Phiếu xin lỗi và hẹn lại ngày trả kết quả")),
    ("stop-notice", gettext_lazy("Thông báo dừng giải quyết hồ sơ")),
    ("control-slip", gettext_lazy("Phiếu kiểm soát quá trình giải quyết hồ sơ")),
]
DONE = {
    Action.RECEIVE: gettext_lazy("Đã tiếp nhận hồ sơ %(code)s. Hẹn trả kết quả: %(due)s."),
    Action.SUPPLEMENT: gettext_lazy("Đã gửi giấy tờ bổ sung cho hồ sơ %(code)s."),
    Action.WITHDRAW: gettext_lazy("Đã rút hồ sơ %(code)s."),
}


def _extension(dossier: Dossier) -> Extension | None:
    try:
        return dossier.extension
    except Extension.DoesNotExist:
        return None


def _documents(dossier: Dossier, user: User) -> list[tuple[str, Any]]:
    kinds = {
        "receipt": dossier.received_at is not None,
        "supplement-request": dossier.supplement_count > 0,
        "refusal": dossier.status == Status.REFUSED,
        "extension": _extension(dossier) is not None,
        "stop-notice": dossier.status == Status.STOPPED,
        "control-slip": user.is_staff_member and dossier.received_at is not None,
    }
    return [(kind, label) for kind, label in DOCUMENTS if kinds[kind]]


def _at_my_step(dossier: Dossier, user: User) -> bool:
    step = dossier.current_step
    if step is None or (step.role and step.role != user.role):
        return False
    return not (dossier.assignee_id and dossier.assignee_id != user.pk and user.role != Role.HEAD)


def offered_actions(dossier: Dossier, user: User) -> list[Action]:
    try:
        role = Role(user.role)
    except ValueError:
        return []
    actions = []
    for action in allowed_actions(Status(dossier.status), role):
        if action not in ACTION_FORMS:
            continue
        if action in STEP_ACTIONS and not _at_my_step(dossier, user):
            continue
        if action in (Action.APPROVE, Action.REJECT_PROPOSAL) and not dossier.proposal:
            continue
        if action == Action.EXTEND and _extension(dossier) is not None:
            continue
        actions.append(action)
    return actions


def _next_step(dossier: Dossier):  # type: ignore[no-untyped-def]
    if dossier.current_step is None:
        return None
    steps = list(dossier.procedure.process_steps.order_by("order", "pk"))
    ids = [s.pk for s in steps]
    index = ids.index(dossier.current_step_id) + 1 if dossier.current_step_id in ids else None
    return steps[index] if index is not None and index < len(steps) else None


def _handover_candidates(dossier: Dossier):  # type: ignore[no-untyped-def]
    """The active people with the next step's role in the dossier's unit or above it."""
    step = _next_step(dossier)
    if step is None or not step.role:
        return None
    agency = dossier.agency
    units = [*Unit.objects.get_ancestors(agency), agency]
    return (
        User.objects.filter(role=step.role, is_active=True, units__in=units)
        .distinct()
        .order_by("full_name", "username")
    )


def build_form(
    action: Action, dossier: Dossier, user: User, data: Any = None, files: Any = None
) -> ActionForm:
    form_class = ACTION_FORMS[action]
    kwargs: dict[str, Any] = {"dossier": dossier}
    if action == Action.HANDOVER:
        kwargs["candidates"] = _handover_candidates(dossier)
    if form_class is SupplementForm:
        kwargs["files_required"] = user.role == Role.CITIZEN
    return form_class(data, files, **kwargs)


def _papers(dossier: Dossier, user: User, failed: tuple[str, int, Any] | None) -> DossierPapers:
    """The components with their state, and for the officer the forms to scan a paper or
    record it as shown; a refused form comes back bound, with its errors."""
    papers = dossier_papers(dossier, user)
    officer = user.role == Role.OFFICER and may_add_papers(dossier, user)
    for row in papers.components:
        component = row.component
        row.scan_form = row.shown_form = None
        if not officer or component.is_database:
            continue
        row.scan_form = ScanForm(prefix=f"scan-{component.pk}")
        if row.shown is None:
            row.shown_form = ShownForm(prefix=f"shown-{component.pk}")
    if failed is not None:
        kind, component_id, form = failed
        for row in papers.components:
            if row.component.pk == component_id:
                setattr(row, f"{kind}_form", form)
    return papers


def _render(
    request: HttpRequest,
    dossier: Dossier,
    *,
    failed: ActionForm | None = None,
    failed_paper: tuple[str, int, Any] | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    user = request.user
    is_staff = user.is_staff_member
    now = clock.now()
    mark_deadlines([dossier], now)
    main = MAIN_ACTIONS.get(user.role, set())
    forms = []
    for action in offered_actions(dossier, user):
        form = failed if failed is not None and failed.action == action else None
        form = form or build_form(action, dossier, user)
        form.is_main = action in main
        forms.append(form)
    events = list(history(dossier))
    if not is_staff:
        for event in events:
            if event.action not in PUBLIC_NOTES:
                event.note = ""
    context = {
        "dossier": dossier,
        "is_staff": is_staff,
        "events": events,
        "papers": _papers(dossier, user, failed_paper),
        "open_pause": dossier.pauses.filter(kind="supplement", ended_at__isnull=True).first(),
        "extension": _extension(dossier),
        "main_forms": [f for f in forms if f.is_main],
        "other_forms": [f for f in forms if not f.is_main],
        "failed": failed,
        "error": error,
        "documents": _documents(dossier, user),
        "payment": payment_panel(dossier, user),
    }
    return render(request, "dossiers/detail.html", context, status=status)


@login_required
def dossier_detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        dossier = dossier_get(code=code, user=request.user)
    except NotFound:
        return not_found(request, _("Không tìm thấy hồ sơ %(code)s.") % {"code": code})
    return _render(request, dossier)


@login_required
@require_POST
def dossier_action(request: HttpRequest, code: str, action: str) -> HttpResponse:
    try:
        action = Action(action)
    except ValueError as exc:
        raise Http404 from exc
    if action not in ACTION_FORMS:
        raise Http404
    user = request.user
    try:
        dossier = dossier_get(code=code, user=user)
    except NotFound:
        return not_found(request, _("Không tìm thấy hồ sơ %(code)s.") % {"code": code})
    form = build_form(action, dossier, user, request.POST, request.FILES)
    if not form.is_valid():
        return _render(
            request,
            dossier,
            failed=form,
            error=_("Vui lòng kiểm tra lại các thông tin của thao tác «%(action)s».")
            % {"action": action.label},
            status=422,
        )
    try:
        dossier = dossier_act(code=code, actor=user, action=action, data=form.to_input())
    except DomainError as exc:
        put_errors(form, exc, form.field_for_error)
        dossier = dossier_get(code=code, user=user)
        return _render(request, dossier, failed=form, error=exc.message, status=http_status(exc))
    done = DONE.get(action, gettext_lazy("Đã thực hiện «%(action)s» với hồ sơ %(code)s."))
    due = dossier.appointment_at
    messages.success(
        request,
        str(done)
        % {
            "code": dossier.code,
            "action": action.label,
            "due": f"{clock.local(due):%H:%M %d/%m/%Y}" if due else "",
        },
    )
    return redirect("dossiers:detail", code=dossier.code)


@login_required
def dossier_file(request: HttpRequest, code: str, file_id: int) -> HttpResponse:
    """A file of the dossier, to whoever may see the dossier; always as a download, after its
    checksum matched (409 otherwise), and logged."""
    try:
        return dossier_file_response(request, code=code, file_id=file_id)
    except DomainError as exc:
        title = _("Không tải được tệp") if exc.status == 409 else _("Không tìm thấy tệp")
        return message_page(request, title=title, message=exc.message, status=exc.status)
