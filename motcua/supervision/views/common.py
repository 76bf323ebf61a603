"""What the supervision pages share: a refused request shown as a page with its status."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from motcua.core.exceptions import DomainError, NotAllowed


def error_page(request: HttpRequest, error: DomainError) -> HttpResponse:
    """A bad parameter is a 400 naming it; a role without access a 403."""
    if isinstance(error, NotAllowed):
        title = _("Không có quyền truy cập")
    else:
        title = _("Yêu cầu không hợp lệ")
    context = {"title": title, "message": error.message, "errors": error.errors}
    return render(request, "supervision/message.html", context, status=error.status)
