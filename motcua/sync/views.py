"""The staff page of the portal sync (queue, failures, last error; retry and dead-letter) and
the local stand-in of the portal (demo and tests only)."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from motcua.core.exceptions import DomainError
from motcua.core.web import http_status
from motcua.dossiers.views.common import message_page
from motcua.sync import selectors, services, standin
from motcua.sync.models import EventState


def _error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return message_page(
        request, title=_("Không thực hiện được"), message=exc.message, status=http_status(exc)
    )


@login_required
@require_GET
def outbox_page(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    failing = request.GET.get("failing") == "1"
    try:
        events = selectors.outbox_events(
            user=request.user, state=state if state in EventState.values else "", failing=failing
        )
        counts = selectors.outbox_counts(user=request.user)
    except DomainError as exc:
        return _error(request, exc)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "sync/outbox.html",
        {
            "page": page,
            "counts": counts,
            "state": state,
            "failing": failing,
            "states": EventState.choices,
        },
    )


@login_required
@require_POST
def outbox_event_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    try:
        selectors.require_sync_operator(request.user)
        if action == "retry":
            services.outbox_event_retry(event_id=pk, actor=request.user)
            messages.success(request, _("Đã đưa sự kiện vào hàng đợi gửi lại."))
        elif action == "dead-letter":
            services.outbox_event_dead_letter(event_id=pk, actor=request.user)
            messages.success(request, _("Đã ngừng gửi sự kiện."))
        else:
            raise Http404
    except DomainError as exc:
        return _error(request, exc)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "sync:outbox"  # never off the site
    return redirect(target)


@csrf_exempt
@require_POST
def standin_receive(request: HttpRequest, endpoint: str) -> JsonResponse:
    """The stand-in portal's endpoints (hoso/tao, hoso/capnhat, hoso/tiendo)."""
    if not getattr(settings, "MOTCUA_PORTAL_STANDIN", False):
        raise Http404
    try:
        body = json.loads(request.body.decode())
    except ValueError:
        return JsonResponse({"error_code": "2", "message": "JSON không hợp lệ"}, status=400)
    status, answer = standin.receive(endpoint, request.headers.get("Idempotency-Key", ""), body)
    return JsonResponse(answer, status=status)
