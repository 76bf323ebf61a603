"""The staff pages: the list of feedback of one's units (the head also sees the overdue ones
first), one item with its actions and history, and the proposals to simplify procedures.

Which actions are offered comes from `workflow.allowed_actions`; the service decides in the
end, and its refusal is shown on the page with its own status (403, 404, 409, 422)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.accounts.models import Role, User
from motcua.core import clock
from motcua.core.exceptions import DomainError, NotFound
from motcua.core.web import http_status, put_errors
from motcua.feedback import selectors, services
from motcua.feedback.forms import ActionForm, StaffFilterForm
from motcua.feedback.models import Feedback
from motcua.feedback.views.common import message_page, staff_required
from motcua.feedback.workflow import RULES, Action, Status, Step, allowed_actions

PAGE_SIZE = 50
# The forward path of each role is shown open; the other actions sit in a disclosure.
MAIN_ACTIONS = {
    Role.OFFICER: {Action.RECEIVE, Action.ASSIGN},
    Role.SPECIALIST: {Action.ANSWER},
    Role.HEAD: {Action.PUBLISH, Action.RECEIVE},
}


def mark_overdue(rows: list[Feedback], now) -> list[Feedback]:  # type: ignore[no-untyped-def]
    for row in rows:
        row.overdue = selectors.is_overdue(row, now)
    return rows


@staff_required
def staff_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    now = clock.now()
    form = StaffFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    queryset = selectors.feedback_list(
        user=user,
        status=filters.get("status", ""),
        kind=filters.get("kind", ""),
        overdue=filters.get("overdue", False),
        mine=filters.get("mine", False),
        now=now,
    )
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    mark_overdue(list(page.object_list), now)
    context = {"form": form, "page": page, "is_head": user.role == Role.HEAD}
    if user.role == Role.HEAD:
        overdue = list(selectors.feedback_list(user=user, overdue=True, now=now)[:PAGE_SIZE])
        context["overdue"] = mark_overdue(overdue, now)
    if request.htmx:
        return render(request, "feedback/_staff_results.html", context)
    return render(request, "feedback/staff_list.html", context)


def _offered(feedback: Feedback, user: User) -> list[Action]:
    actions = allowed_actions(Status(feedback.status), user.role)
    if user.role == Role.SPECIALIST and feedback.assignee_id != user.pk:
        return []
    return actions


def _render(
    request: HttpRequest,
    feedback: Feedback,
    *,
    failed: ActionForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    user = request.user
    now = clock.now()
    main = MAIN_ACTIONS.get(user.role, set())
    forms = []
    for action in _offered(feedback, user):
        form = failed if failed is not None and failed.action == action else None
        form = form or ActionForm(action=action, feedback=feedback, user=user)
        form.is_main = action in main
        forms.append(form)
    context = {
        "feedback": feedback,
        "overdue": selectors.is_overdue(feedback, now),
        "steps": _steps(feedback, now),
        "rating": selectors.rating_of(feedback),
        "main_forms": [f for f in forms if f.is_main],
        "other_forms": [f for f in forms if not f.is_main],
        "error": error,
        "now": now,
    }
    return render(request, "feedback/staff_detail.html", context, status=status)


STEPS = [
    (Step.DECIDE, "decide_due_at", {Action.RECEIVE, Action.REFUSE}),
    (Step.REQUEST_INFO, "info_due_at", {Action.REQUEST_INFO}),
    (Step.ANSWER, "answer_due_at", {Action.ANSWER}),
    (Step.PUBLISH, "publish_due_at", {Action.PUBLISH}),
]


CURRENT_STEP = {
    Status.NEW: Step.DECIDE,
    Status.RECEIVED: Step.ANSWER,
    Status.PROCESSING: Step.ANSWER,
    Status.ANSWERED: Step.PUBLISH,
}


def _steps(feedback: Feedback, now) -> list[dict]:  # type: ignore[no-untyped-def]
    """Each step's due date and when it was last done (on time or not); the step the item
    waits for is marked, and flagged when overdue (none while the filer is asked)."""
    done = {event.action: event for event in feedback.events.all() if event.due_at}
    current = CURRENT_STEP.get(Status(feedback.status))
    rows = []
    for step, due_field, actions in STEPS:
        due = getattr(feedback, due_field)
        events = [done[a] for a in actions if a in done]
        rows.append(
            {
                "label": step.label,
                "due": due,
                "event": max(events, key=lambda e: (e.at, e.pk)) if events else None,
                "current": step == current,
                "overdue": step == current and due is not None and due < now,
            }
        )
    return rows


def _not_found(request: HttpRequest, code: str) -> HttpResponse:
    return message_page(
        request,
        title=_("Không tìm thấy phản ánh"),
        message=_("Không tìm thấy phản ánh, kiến nghị có mã %(code)s.") % {"code": code},
        status=404,
    )


@staff_required
def staff_detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        feedback = selectors.feedback_get(code=code, user=request.user)
    except NotFound:
        return _not_found(request, code)
    return _render(request, feedback)


@staff_required
@require_POST
def staff_action(request: HttpRequest, code: str, action: str) -> HttpResponse:
    try:
        action = Action(action)
    except ValueError as exc:
        raise Http404 from exc
    if action not in RULES:
        raise Http404
    user = request.user
    try:
        feedback = selectors.feedback_get(code=code, user=user)
    except NotFound:
        return _not_found(request, code)
    form = ActionForm(request.POST, action=action, feedback=feedback, user=user)
    if not form.is_valid():
        return _render(
            request,
            feedback,
            failed=form,
            error=_("Vui lòng kiểm tra lại các thông tin của thao tác «%(action)s».")
            % {"action": action.label},
            status=422,
        )
    try:
        services.feedback_act(code=code, actor=user, action=action, data=form.to_input())
    except DomainError as exc:
        put_errors(form, exc, form.field_for_error)
        feedback = selectors.feedback_get(code=code, user=user)
        return _render(request, feedback, failed=form, error=exc.message, status=http_status(exc))
    messages.success(
        request,
        _("Đã thực hiện «%(action)s» với phản ánh %(code)s.")
        % {"action": action.label, "code": feedback.tracking_code},
    )
    return redirect("feedback:staff-detail", code=feedback.tracking_code)


@staff_required
def proposals(request: HttpRequest) -> HttpResponse:
    """Proposals to simplify a procedure, grouped by procedure, each with a link to it in
    the catalog."""
    groups: dict[str, dict] = {}
    for item in selectors.proposals(user=request.user):
        group = groups.setdefault(
            item.procedure_code,
            {"code": item.procedure_code, "procedure": item.procedure, "items": []},
        )
        group["items"].append(item)
    return render(request, "feedback/proposals.html", {"groups": list(groups.values())})
