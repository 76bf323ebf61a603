"""What the supervision pages share: a refused request shown as a page with its status."""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from motcua.core.exceptions import DomainError, NotAllowed
from motcua.core.web import message_page


def error_page(request: HttpRequest, error: DomainError) -> HttpResponse:
    """A bad parameter is a 400 naming it; a role without access a 403."""
    if isinstance(error, NotAllowed):
        title = _("Không có quyền truy cập")
    else:
        title = _("Yêu cầu không hợp lệ")
    return message_page(
        request, title=title, message=error.message, status=error.status, errors=error.errors
    )
