"""What the dossier pages share: access checks, domain errors put back on forms, messages."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from motcua.accounts.models import Role, User
from motcua.catalog.models import Procedure
from motcua.catalog.selectors import published_procedures
from motcua.organization.selectors import subtree_filter

View = Callable[..., HttpResponse]


def message_page(request: HttpRequest, *, title: str, message: str, status: int) -> HttpResponse:
    return render(
        request, "dossiers/message.html", {"title": title, "message": message}, status=status
    )


def not_found(request: HttpRequest, message: str) -> HttpResponse:
    return message_page(request, title=_("Không tìm thấy hồ sơ"), message=message, status=404)


def forbidden(request: HttpRequest, message: str = "") -> HttpResponse:
    return message_page(
        request,
        title=_("Không có quyền truy cập"),
        message=message or _("Trang này chỉ dành cho cán bộ giải quyết hồ sơ."),
        status=403,
    )


def staff_required(view: View) -> View:
    """Signed-in staff only; anonymous people go to the login page."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_staff_member:
            return forbidden(request)
        return view(request, *args, **kwargs)

    return wrapped


def role_required(*roles: Role) -> Callable[[View], View]:
    def decorate(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.user.role not in roles:
                labels = ", ".join(str(Role(r).label) for r in roles)
                return forbidden(request, _("Trang này dành cho: %(roles)s.") % {"roles": labels})
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def unit_procedures(user: User) -> QuerySet[Procedure]:
    """Published procedures handled by the person's units or any unit below them."""
    procedures = published_procedures().select_related("handling_unit").order_by("code")
    if user.role == Role.ADMIN and user.is_superuser:
        return procedures
    return procedures.filter(subtree_filter(list(user.units.all()), field="handling_unit"))
