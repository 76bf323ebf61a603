"""What every app's pages share when a service refuses a form."""

from collections.abc import Callable

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from motcua.core.exceptions import DomainError


def http_status(error: DomainError) -> int:
    """A form the service refused is a 422 for htmx and browsers; 403, 404, 409, 413 stay."""
    return 422 if error.status == 400 else error.status


def put_errors(
    form: forms.Form,
    error: DomainError,
    field_for: Callable[[str], str | None] | None = None,
) -> None:
    """Show the service's errors on the fields they name, the rest above the form.
    `field_for` maps a service's field name to the form's (default: the form's own
    `field_for_error`, else above the form)."""
    field_for = field_for or getattr(form, "field_for_error", lambda key: None)
    placed = False
    for key, messages in error.errors.items():
        name = field_for(key)
        for message in messages:
            form.add_error(name, message)
            placed = True
    if not placed:
        form.add_error(None, error.message)


def message_page(
    request: HttpRequest,
    *,
    title: str,
    message: str,
    status: int,
    errors: dict[str, list[str]] | None = None,
) -> HttpResponse:
    """A refused request as a page of its own: the message, each named parameter's error,
    links back; the status says what went wrong (400, 403, 404, ...)."""
    context = {"title": title, "message": message, "errors": errors or {}}
    return render(request, "core/message.html", context, status=status)
