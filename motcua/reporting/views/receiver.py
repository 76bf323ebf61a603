"""The receiving office's side: the board per period, reminders, returns for correction,
the consolidation with its exports and the upward submission."""

from datetime import datetime

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.accounts.models import Role
from motcua.core.exceptions import DomainError
from motcua.core.web import put_errors
from motcua.reporting import selectors, services
from motcua.reporting.api.views import export_response
from motcua.reporting.exports import shown
from motcua.reporting.forms import ConsolidatedForm, ReturnForm
from motcua.reporting.models import Reminder
from motcua.reporting.views.common import staff_required
from motcua.reporting.views.reports import _report_context
from motcua.reporting.workflow import ConsolidatedStatus


@staff_required
def board(request: HttpRequest, pk: int) -> HttpResponse:
    period = selectors.period_get(pk=pk, user=request.user)
    result = selectors.period_board(period, request.user)
    last_reminder = Reminder.objects.filter(period=period).order_by("-sent_at").first()
    return render(
        request,
        "reporting/board.html",
        {"period": period, "board": result, "last_reminder": last_reminder},
    )


@require_POST
@staff_required
def remind_missing(request: HttpRequest, pk: int) -> HttpResponse:
    count = services.reminders_send_missing(period_id=pk, actor=request.user)
    if count:
        messages.success(request, _("Đã nhắc %(n)s đơn vị chưa nộp báo cáo.") % {"n": count})
    else:
        messages.success(request, _("Mọi đơn vị đã nộp báo cáo; không có ai cần nhắc."))
    return redirect("reporting:board", pk=pk)


@require_POST
@staff_required
def report_return(request: HttpRequest, pk: int) -> HttpResponse:
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.report_return(
                report_id=pk, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            if exc.status != 400:
                raise
            put_errors(form, exc)
        else:
            messages.success(request, _("Đã trả lại báo cáo để đơn vị chỉnh sửa."))
            return redirect("reporting:report", pk=pk)
    report = selectors.report_detail_get(pk=pk, user=request.user)
    context = _report_context(request, report, return_form=form)
    return render(request, "reporting/report.html", context, status=422)


@staff_required
def consolidated(request: HttpRequest, pk: int) -> HttpResponse:
    period = selectors.period_get(pk=pk, user=request.user)
    selectors.require_receiver_staff(request.user, period.report_type)
    status = 200
    form = None
    if request.method == "POST":
        form = ConsolidatedForm(request.POST)
        if form.is_valid():
            send = request.POST.get("action") == "submit"
            service = services.consolidated_submit if send else services.consolidated_save
            try:
                service(period_id=pk, actor=request.user, document=form.cleaned_data)
            except DomainError as exc:
                if exc.status not in (400,):
                    raise
                put_errors(form, exc)
                status = 422
            else:
                messages.success(
                    request,
                    _("Đã gửi báo cáo tổng hợp lên cấp trên.") if send else _("Đã lưu."),
                )
                return redirect("reporting:consolidated", pk=pk)
        else:
            status = 422
    data = selectors.consolidated_data(period, request.user)
    if form is None:
        document = data["document"]
        form = ConsolidatedForm(
            initial={
                "document_number": document["number"],
                "place": document["place"] or services.default_place(period.report_type.receiver),
                "signer_title": document["signer_title"] or _("TRƯỞNG PHÒNG"),
                "signer_name": document["signer_name"],
                "summary": document["summary"],
            }
        )
    categories = data["categories"]
    rows = [
        {
            **row,
            "shown": shown(row["value"]),
            "by_category_shown": [shown(row["by_category"].get(c["code"])) for c in categories],
        }
        for row in data["fields"]
        if row["kind"] in ("integer", "decimal", "percent")
    ]
    return render(
        request,
        "reporting/consolidated.html",
        {
            "period": period,
            "data": data,
            "rows": rows,
            "form": form,
            "submitted": data["status"] == ConsolidatedStatus.SUBMITTED,
            "submitted_at": datetime.fromisoformat(data["submitted_at"])
            if data.get("submitted_at")
            else None,
            "can_submit": request.user.role == Role.HEAD or selectors.is_superadmin(request.user),
        },
        status=status,
    )


@staff_required
def consolidated_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    return export_response(request, pk, fmt)
