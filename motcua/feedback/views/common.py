"""What the feedback pages share: access checks, domain errors put back on forms, messages."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

View = Callable[..., HttpResponse]


def message_page(
    request: HttpRequest, *, title: str, message: str, status: int, link: tuple | None = None
) -> HttpResponse:
    context = {"title": title, "message": message, "link": link}
    return render(request, "feedback/message.html", context, status=status)


def staff_required(view: View) -> View:
    """Signed-in staff only; anonymous people go to the login page."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_staff_member:
            return message_page(
                request,
                title=_("Không có quyền truy cập"),
                message=_("Trang này chỉ dành cho cán bộ xử lý phản ánh, kiến nghị."),
                status=403,
            )
        return view(request, *args, **kwargs)

    return wrapped
