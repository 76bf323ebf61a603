"""The dossier page's paper forms: the officer scans a component brought on paper, records a
paper shown but not kept, or attaches a paper of the applicant's data store (the applicant may
too while the dossier waits for their supplement). The services decide; a refusal comes back
on the dossier page with its own status."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.accounts.models import Role
from motcua.core.exceptions import DomainError, NotFound
from motcua.core.web import http_status, put_errors
from motcua.dossiers.forms import ScanForm, ShownForm, StoredChoiceForm
from motcua.dossiers.selectors import dossier_get
from motcua.dossiers.services import (
    dossier_component_reuse,
    dossier_component_show,
    dossier_file_upload,
)
from motcua.dossiers.views.common import not_found
from motcua.dossiers.views.detail import _render


def _back(code: str, component_id: int) -> HttpResponse:
    return redirect(f"{reverse('dossiers:detail', args=[code])}#component-{component_id}")


def _refused(
    request: HttpRequest, code: str, kind: str, component_id: int, form: Any, exc: DomainError
) -> HttpResponse:
    put_errors(form, exc, lambda key: key if key in form.fields else None)
    dossier = dossier_get(code=code, user=request.user)
    return _render(
        request,
        dossier,
        failed_paper=(kind, component_id, form),
        error=exc.message,
        status=http_status(exc),
    )


def _invalid(request: HttpRequest, code: str, kind: str, component_id: int, form: Any):  # type: ignore[no-untyped-def]
    dossier = dossier_get(code=code, user=request.user)
    return _render(
        request,
        dossier,
        failed_paper=(kind, component_id, form),
        error=_("Vui lòng kiểm tra lại thông tin của thành phần hồ sơ."),
        status=422,
    )


def _visible(request: HttpRequest, code: str) -> HttpResponse | None:
    try:
        dossier_get(code=code, user=request.user)
    except NotFound:
        return not_found(request, _("Không tìm thấy hồ sơ %(code)s.") % {"code": code})
    return None


@login_required
@require_POST
def component_scan(request: HttpRequest, code: str, component_id: int) -> HttpResponse:
    if (missing := _visible(request, code)) is not None:
        return missing
    form = ScanForm(request.POST, request.FILES, prefix=f"scan-{component_id}")
    if not form.is_valid():
        return _invalid(request, code, "scan", component_id, form)
    try:
        row = dossier_file_upload(
            code=code,
            actor=request.user,
            component_id=component_id,
            upload=form.upload(component_id),
            digitized=request.user.role == Role.OFFICER,
        )
    except DomainError as exc:
        return _refused(request, code, "scan", component_id, form, exc)
    message = (
        _("Đã số hóa «%(name)s» (%(pages)s trang).")
        if row.digitized
        else _("Đã đính kèm «%(name)s».")
    )
    messages.success(request, message % {"name": row.original_name, "pages": row.page_count})
    return _back(code, component_id)


@login_required
@require_POST
def component_shown(request: HttpRequest, code: str, component_id: int) -> HttpResponse:
    if (missing := _visible(request, code)) is not None:
        return missing
    form = ShownForm(request.POST, prefix=f"shown-{component_id}")
    if not form.is_valid():
        return _invalid(request, code, "shown", component_id, form)
    try:
        shown = dossier_component_show(
            code=code,
            actor=request.user,
            component_id=component_id,
            note=form.cleaned_data["note"],
        )
    except DomainError as exc:
        return _refused(request, code, "shown", component_id, form, exc)
    messages.success(
        request,
        _("Đã ghi nhận «%(name)s» xuất trình tại quầy, không lưu.")
        % {"name": shown.component.name},
    )
    return _back(code, component_id)


@login_required
@require_POST
def component_reuse(request: HttpRequest, code: str, component_id: int) -> HttpResponse:
    if (missing := _visible(request, code)) is not None:
        return missing
    form = StoredChoiceForm(request.POST)
    if not form.is_valid():
        return _invalid(request, code, "reuse", component_id, form)
    try:
        row = dossier_component_reuse(
            code=code,
            actor=request.user,
            component_id=component_id,
            stored_document_id=form.cleaned_data["stored_document"],
        )
    except DomainError as exc:
        return _refused(request, code, "reuse", component_id, form, exc)
    messages.success(
        request,
        _("Đã dùng lại «%(title)s» từ kho dữ liệu.") % {"title": row.stored_document.title},
    )
    return _back(code, component_id)
