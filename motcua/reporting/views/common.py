"""What the reporting pages share: staff only, domain errors shown with their status."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from motcua.core.exceptions import DomainError

View = Callable[..., HttpResponse]


def message_page(request: HttpRequest, *, title: str, message: str, status: int) -> HttpResponse:
    return render(
        request, "reporting/message.html", {"title": title, "message": message}, status=status
    )


def error_page(request: HttpRequest, error: DomainError) -> HttpResponse:
    titles = {
        403: _("Không có quyền thực hiện"),
        404: _("Không tìm thấy"),
        409: _("Không thực hiện được lúc này"),
    }
    title = titles.get(error.status, _("Dữ liệu chưa hợp lệ"))
    status = 422 if error.status == 400 else error.status
    return message_page(request, title=str(title), message=error.message, status=status)


def staff_required(view: View) -> View:
    """Signed-in staff only (schools, departments); a domain error becomes its page."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_staff_member:
            return message_page(
                request,
                title=_("Không có quyền truy cập"),
                message=_("Trang này dành cho cán bộ và các trường."),
                status=403,
            )
        try:
            return view(request, *args, **kwargs)
        except DomainError as exc:
            return error_page(request, exc)

    return wrapped
