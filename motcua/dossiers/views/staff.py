"""The staff pages: the queue of a unit's dossiers and the desk registration form."""

from datetime import datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from motcua.accounts.models import Role
from motcua.core import clock
from motcua.core.exceptions import DomainError
from motcua.core.web import http_status, put_errors
from motcua.dossiers.forms import QueueFilterForm, RegisterForm
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import dossier_list, is_overdue
from motcua.dossiers.services import Applicant, dossier_register
from motcua.dossiers.views.common import role_required, staff_required, unit_procedures
from motcua.dossiers.workflow import OPEN, Status

PAGE_SIZE = 50


def mark_deadlines(dossiers: list[Dossier], now: datetime) -> None:
    """Set `overdue` and `due_today` on each dossier for the badges (text, not colour only)."""
    today = clock.local(now).date()
    for dossier in dossiers:
        dossier.overdue = is_overdue(dossier, now)
        dossier.due_today = (
            not dossier.overdue
            and dossier.status in OPEN
            and dossier.due_at is not None
            and clock.local(dossier.due_at).date() == today
        )


@staff_required
def queue(request: HttpRequest) -> HttpResponse:
    user = request.user
    now = clock.now()
    procedures = unit_procedures(user)
    form = QueueFilterForm(request.GET or None, procedures=procedures)
    dossiers = dossier_list(user=user, now=now, **form.filters())
    page = Paginator(dossiers, PAGE_SIZE).get_page(request.GET.get("page"))
    mark_deadlines(page.object_list, now)
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "querystring": params.urlencode(),
        "is_officer": user.role == Role.OFFICER,
    }
    if user.role == Role.OFFICER:
        context["to_receive"] = dossier_list(user=user, status=[Status.SUBMITTED]).count()
    # htmx refreshes only the table; the whole page is the fallback without JavaScript.
    partial = request.htmx and not request.htmx.history_restore_request
    template = "dossiers/_queue_results.html" if partial else "dossiers/queue.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


@role_required(Role.OFFICER)
def register(request: HttpRequest) -> HttpResponse:
    officer = request.user
    procedures = unit_procedures(officer).filter(Q(accepts_direct=True) | Q(accepts_postal=True))
    form = RegisterForm(request.POST or None, request.FILES or None, procedures=procedures)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            data = form.cleaned_data
            try:
                dossier = dossier_register(
                    officer=officer,
                    procedure_code=data["procedure"].code,
                    channel=data["channel"],
                    applicant=Applicant(
                        name=data["applicant_name"],
                        id_number=data["applicant_id_number"],
                        phone=data["applicant_phone"],
                        address=data["applicant_address"],
                    ),
                    request=data["request"],
                    uploads=form.uploads(),
                )
            except DomainError as exc:
                put_errors(form, exc, form.field_for_error)
                status = http_status(exc)
            else:
                messages.success(
                    request,
                    _("Đã tiếp nhận hồ sơ %(code)s. Hẹn trả kết quả: %(due)s.")
                    % {
                        "code": dossier.code,
                        "due": f"{clock.local(dossier.appointment_at):%H:%M %d/%m/%Y}",
                    },
                )
                return redirect("dossiers:detail", code=dossier.code)
    return render(request, "dossiers/register.html", {"form": form}, status=status)
