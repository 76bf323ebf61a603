"""A unit's side: its periods, the report form (draft, files, submit) and the report page."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.core.clock import local, now
from motcua.core.exceptions import DomainError
from motcua.core.web import put_errors
from motcua.reporting import selectors, services
from motcua.reporting.downloads import serve_file
from motcua.reporting.forms import ReportForm, ReturnForm
from motcua.reporting.views.common import staff_required
from motcua.reporting.workflow import ReportStatus


@staff_required
def index(request: HttpRequest) -> HttpResponse:
    today = local(now()).date()
    user = request.user
    return render(
        request,
        "reporting/index.html",
        {
            "own": selectors.own_periods(user, today=today),
            "multi_unit": user.units.count() > 1,
            "received": list(selectors.received_periods(user, today=today)[:40]),
            "today": today,
        },
    )


@staff_required
def period_open(request: HttpRequest, pk: int) -> HttpResponse:
    """The way into a unit's report for a period (from the list or a reminder): straight to
    it when it exists, otherwise a button that creates the draft."""
    period = selectors.period_get(pk=pk, user=request.user)
    if request.method == "POST":
        report = services.report_open(period_id=period.pk, actor=request.user)
        return redirect("reporting:report", pk=report.pk)
    own = [
        p
        for p in selectors.own_periods(request.user, today=local(now()).date())
        if p.period.pk == period.pk
    ]
    if own and own[0].report is not None:
        return redirect("reporting:report", pk=own[0].report.pk)
    if not own and selectors.is_receiver_staff(request.user, period.report_type):
        return redirect("reporting:board", pk=period.pk)
    return render(request, "reporting/period_open.html", {"period": period, "own": own})


def _report_context(request: HttpRequest, report, form=None, return_form=None) -> dict:  # type: ignore[no-untyped-def]
    report_type = report.period.report_type
    user = request.user
    is_reporter = user.units.filter(pk=report.unit_id).exists()
    editable = is_reporter and report.is_editable
    data_fields = list(selectors.asked_fields(report_type))
    sections = list(selectors.sections_of(report_type))
    values, texts = selectors.report_raw_values(report)
    if editable and form is None:
        form = ReportForm(data_fields=data_fields, sections=sections, values=values, texts=texts)
    receiver = selectors.is_receiver_staff(user, report_type)
    rows = [{"field": f, "value": values.get(f.code)} for f in data_fields]
    return {
        "report": report,
        "period": report.period,
        "report_type": report_type,
        "form": form if editable else None,
        "rows": rows,
        "sections": [{"section": s, "text": texts.get(s.code, "")} for s in sections],
        "attachments": list(report.attachments.all()),
        "events": _history(report, data_fields, sections),
        "editable": editable,
        "can_return": receiver and report.status == ReportStatus.SUBMITTED,
        "return_form": return_form or ReturnForm(),
        "is_receiver": receiver,
        "overdue": report.status != ReportStatus.SUBMITTED
        and local(now()).date() > report.period.deadline,
    }


def _history(report, data_fields, sections) -> list:  # type: ignore[no-untyped-def]
    """History lines with the fields' and sections' names instead of their codes."""
    labels = {f.code: f.label for f in data_fields}
    titles = {s.code: s.title for s in sections}
    events = list(report.events.all())
    for event in events:
        fields = event.data.get("fields") or {}
        event.changes = [
            (labels.get(code, code), change[0], change[1]) for code, change in fields.items()
        ]
        event.section_titles = [titles.get(c, c) for c in event.data.get("sections") or []]
    return events


@staff_required
def report_page(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_detail_get(pk=pk, user=request.user)
    if request.method != "POST":
        return render(request, "reporting/report.html", _report_context(request, report))
    report_type = report.period.report_type
    form = ReportForm(
        request.POST,
        data_fields=list(selectors.asked_fields(report_type)),
        sections=list(selectors.sections_of(report_type)),
        values={},
        texts={},
    )
    form.is_valid()
    submit = request.POST.get("action") == "submit"
    try:
        services.report_save(
            report_id=report.pk, actor=request.user, values=form.values(), sections=form.texts()
        )
        uploads = [services.Upload(f, f.name) for f in request.FILES.getlist("files")]
        if uploads:
            services.report_attach(report_id=report.pk, actor=request.user, uploads=uploads)
        if submit:
            services.report_submit(report_id=report.pk, actor=request.user)
    except DomainError as exc:
        if exc.status in (403, 404, 409):
            raise
        put_errors(form, exc)
        report = selectors.report_detail_get(pk=pk, user=request.user)
        context = _report_context(request, report, form=form)
        context["error"] = exc.message
        context["submit_failed"] = submit
        return render(request, "reporting/report.html", context, status=422)
    if submit:
        messages.success(request, _("Đã nộp báo cáo. Báo cáo đã khóa, không sửa được nữa."))
    else:
        messages.success(request, _("Đã lưu nháp. Bạn có thể quay lại hoàn thiện sau."))
    return redirect("reporting:report", pk=report.pk)


@staff_required
def attachment_download(request: HttpRequest, pk: int, attachment_id: int) -> HttpResponse:
    row = selectors.attachment_get(report_id=pk, attachment_id=attachment_id, user=request.user)
    return serve_file(
        row.file, sha256=row.sha256, filename=row.original_name, content_type=row.content_type
    )


@require_POST
@staff_required
def attachment_detach(request: HttpRequest, pk: int, attachment_id: int) -> HttpResponse:
    services.report_detach(report_id=pk, attachment_id=attachment_id, actor=request.user)
    messages.success(request, _("Đã gỡ tệp đính kèm."))
    return redirect("reporting:report", pk=pk)
