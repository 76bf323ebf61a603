"""What a locked-out client sees: JSON for the API, a Vietnamese page for the web."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    message = _("Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau.")
    if request.path.startswith("/api/"):
        return JsonResponse({"type": "locked_out", "status": 429, "detail": message}, status=429)
    return render(request, "accounts/locked_out.html", {"message": message}, status=429)
