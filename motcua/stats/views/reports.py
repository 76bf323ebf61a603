"""The II.06a page: a unit and a period chosen in a form (GET), the official table on screen,
and the same report as xlsx or docx with `format=`. Bad parameters come back as the form with
the errors named by parameter and their fields marked (400); people who may not read
statistics get 403."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from motcua.core import clock
from motcua.core.clock import local
from motcua.core.exceptions import InvalidInput, NotAllowed
from motcua.core.periods import KINDS
from motcua.core.web import message_page
from motcua.stats import exports, layout, selectors


def _message(request: HttpRequest, error: NotAllowed) -> HttpResponse:
    title = _("Không có quyền truy cập")
    return message_page(request, title=title, message=error.message, status=error.status)


def file_response(content: bytes, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=exports.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def ii06a(request: HttpRequest) -> HttpResponse:
    user = request.user
    try:
        units = list(selectors.statistics_units(user).values("pk", "name", "depth"))
    except NotAllowed as error:
        return _message(request, error)
    top = min((unit["depth"] for unit in units), default=0)
    for unit in units:  # the tree shown by indentation in the list
        unit["label"] = "— " * (unit["depth"] - top) + unit["name"]
    at = clock.now()
    today = local(at).date()
    params = request.GET
    errors: dict[str, list[str]] = {}
    fmt = (params.get("format") or "").strip().lower()
    if fmt and fmt not in exports.FORMATS:
        errors["format"] = [_("Tham số format chỉ nhận xlsx hoặc docx.")]
    wanted = None
    try:
        wanted = selectors.ii06a_request(user, params, today=today)
    except InvalidInput as error:
        errors.update(error.errors)
    values = {
        "unit": params.get("unit", ""),
        "period": params.get("period", "year"),
        "year": params.get("year", str(today.year)),
        "number": params.get("number", ""),
        "from": params.get("from", ""),
        "to": params.get("to", ""),
    }
    context = {
        "units": units,
        "kinds": KINDS.items(),
        "values": values,
        "errors": errors,
        "current_year": today.year,
    }
    if errors or wanted is None:
        return render(request, "stats/ii06a.html", context, status=400)

    report = selectors.ii06a(wanted.unit, wanted.period, at=at)
    if fmt:
        content = exports.ii06a_file(report, fmt, today=today)
        return file_response(content, fmt, layout.filename(report, fmt))

    params_out = {"unit": str(wanted.unit.pk), **wanted.period.as_params()}
    values.update(params_out)
    shows_units = layout.shows_units(report)
    context.update(
        report=report,
        title=layout.title(report),
        period_line=layout.period_line(report.period),
        range_line=layout.range_line(report.period),
        until_line=layout.until_line(report),
        receiving=selectors.receiving_unit_name(report.unit),
        field_header=layout.header(layout.FIELD_HEADING),
        field_rows=layout.field_rows(report),
        unit_header=layout.header(layout.UNIT_HEADING) if shows_units else [],
        unit_rows=layout.unit_rows(report) if shows_units else [],
        column_numbers=layout.COLUMN_NUMBERS,
        note=layout.NOTE,
        unit_of_count=layout.UNIT_OF_COUNT,
        query=urlencode(params_out),
    )
    return render(request, "stats/ii06a.html", context)
