"""The "Thông báo" page: a person's notifications, newest first, with mark-as-read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.core.exceptions import NotFound
from motcua.notifications import selectors, services


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.notifications_for(request.user), 30).get_page(
        request.GET.get("page")
    )
    return render(request, "notifications/list.html", {"page": page})


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        notification = services.notification_mark_read(user=request.user, notification_id=pk)
    except NotFound:
        return render(request, "notifications/list.html", {"page": None}, status=404)
    target = notification.url if request.POST.get("open") else ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    services.notifications_mark_all_read(user=request.user)
    return redirect("notifications:list")


@login_required
def preferences_page(request: HttpRequest) -> HttpResponse:
    """The profile's channel choices: in-app, e-mail, SMS."""
    if request.method == "POST":
        services.preference_update(
            user=request.user,
            in_app=bool(request.POST.get("in_app")),
            email=bool(request.POST.get("email")),
            sms=bool(request.POST.get("sms")),
        )
        messages.success(request, _("Đã lưu các kênh nhận thông báo."))
        return redirect("notifications:preferences")
    return render(
        request,
        "notifications/preferences.html",
        {"preference": services.preference_of(request.user)},
    )
