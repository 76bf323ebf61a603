"""The head's control room and the list behind each of its numbers."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from motcua.core import clock
from motcua.core.exceptions import DomainError
from motcua.dossiers.views.staff import mark_deadlines
from motcua.supervision import selectors
from motcua.supervision.charts import weekly_chart
from motcua.supervision.forms import ControlRoomFilterForm
from motcua.supervision.params import flag_param, period_param, weeks_param
from motcua.supervision.views.common import error_page

PAGE_SIZE = 50


def flag_url(flag: str, period_params: dict[str, str]) -> str:
    return f"{reverse('supervision:dossiers')}?{urlencode({'flag': flag, **period_params})}"


@login_required
@require_GET
def control_room(request: HttpRequest) -> HttpResponse:
    at = clock.now()
    try:
        scope = selectors.control_room_scope(request.user)
        period = period_param(request.GET, now=at)
        weeks = weeks_param(request.GET)
    except DomainError as exc:
        return error_page(request, exc)
    room = selectors.control_room(scope, now=at, period=period, weeks=weeks)
    period_params = period.as_params()
    feedback_query = {"overdue": "on"}
    if room.scope.kind == selectors.ScopeKind.ASSIGNED:
        feedback_query["mine"] = "on"
    context = {
        "room": room,
        "form": ControlRoomFilterForm(period=period, weeks=weeks),
        "counts": [(count, flag_url(count.flag, period_params)) for count in room.counts],
        "feedback_url": f"{reverse('feedback:staff-list')}?{urlencode(feedback_query)}",
        "chart": weekly_chart(room.weekly) if room.has_charts else None,
    }
    return render(request, "supervision/control_room.html", context)


@login_required
@require_GET
def flagged_dossiers(request: HttpRequest) -> HttpResponse:
    """The dossiers behind one number, as the staff queue shows them."""
    at = clock.now()
    try:
        scope = selectors.control_room_scope(request.user)
        flag = flag_param(request.GET)
        period = period_param(request.GET, now=at)
    except DomainError as exc:
        return error_page(request, exc)
    context_at = selectors.FlagContext(now=at, period=period)
    dossiers = selectors.flagged_dossiers(scope, flag, context_at)
    page = Paginator(dossiers, PAGE_SIZE).get_page(request.GET.get("page"))
    mark_deadlines(page.object_list, at)
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "flag": flag,
        "help": selectors.FLAG_HELP[flag],
        "scope": scope,
        "period": period,
        "page": page,
        "querystring": params.urlencode(),
        "back": f"{reverse('supervision:control-room')}?{urlencode(period.as_params())}",
    }
    partial = request.htmx and not request.htmx.history_restore_request
    template = "dossiers/_queue_results.html" if partial else "supervision/dossiers.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response
