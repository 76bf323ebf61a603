"""Maps every API error to one JSON shape (problem+json style) with a Vietnamese message.

{"type": "invalid", "status": 400, "detail": "...", "errors": {"field": ["..."]}}
"""

from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from motcua.core.exceptions import DomainError


def _flatten(detail: Any) -> Any:
    if isinstance(detail, dict):
        return {key: _flatten(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [_flatten(item) for item in detail]
    return str(detail)


def problem(status_code: int, code: str, detail: str, errors: dict | None = None) -> dict:
    body: dict[str, Any] = {"type": code, "status": status_code, "detail": detail}
    if errors:
        body["errors"] = errors
    return body


def api_exception_handler(exc: Exception, context: dict) -> Response | None:
    if isinstance(exc, DomainError):
        body = problem(exc.status, exc.code, exc.message, exc.errors)
        body.update(exc.extra)
        return Response(body, status=exc.status)
    if isinstance(exc, RequestDataTooBig):
        message = _("Dữ liệu gửi lên vượt quá dung lượng cho phép.")
        return Response(problem(413, "too_large", message), status=413)
    if isinstance(exc, DjangoValidationError):
        errors = (
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
        exc = exceptions.ValidationError(errors)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Không tìm thấy."))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()

    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail)
        if not isinstance(errors, dict):
            errors = {"non_field_errors": errors}
        first = next(iter(errors.items()), None)
        detail = _("Dữ liệu không hợp lệ.")
        if first:
            messages = first[1] if isinstance(first[1], list) else [first[1]]
            text = messages[0] if messages and isinstance(messages[0], str) else ""
            detail = f"{first[0]}: {text}" if first[0] != "non_field_errors" else text
        response.data = problem(status.HTTP_400_BAD_REQUEST, "invalid", detail, errors)
    else:
        code = getattr(exc, "default_code", "error")
        detail = _flatten(getattr(exc, "detail", str(exc)))
        response.data = problem(
            response.status_code, code, detail if isinstance(detail, str) else str(detail)
        )
    return response
