"""The index pages: the staff page of their units with each criterion's drill-down, and the
public transparency page (any unit, numbers only, no login)."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from motcua.core.clock import local, now
from motcua.core.exceptions import DomainError, InvalidInput
from motcua.core.periods import KINDS, Period, period_from_params
from motcua.core.web import http_status, message_page
from motcua.organization.models import Unit
from motcua.scorecard import measures, selectors

FILTER_FIELDS = ("unit", "period", "year", "number", "from", "to")


def _filters(
    request: HttpRequest,
    units: list[Unit],
    errors: dict[str, list[str]],
    selected: Unit | None = None,
) -> dict:
    """What the filter form shows: the units to choose from (indented by depth), the values
    asked, the errors on the fields they name (the others above the form)."""
    top = min((u.depth for u in units), default=1)
    named = {name: errors.get(name, []) for name in FILTER_FIELDS}
    other = [m for name, messages in errors.items() if name not in FILTER_FIELDS for m in messages]
    values = {name: request.GET.get(name, "") for name in FILTER_FIELDS}
    return {
        "unit_choices": [(str(u.pk), "— " * (u.depth - top) + u.name) for u in units],
        "selected": str(selected.pk) if selected else values["unit"],
        "kinds": list(KINDS.items()),
        "chosen_kind": values["period"] or "year",
        "values": values,
        "errors": named,
        "other_errors": other,
    }


def _query(unit: Unit, period: Period) -> str:
    return urlencode({"unit": unit.pk, **period.as_params()})


def _period(request: HttpRequest) -> Period:
    return period_from_params(request.GET, today=local(now()).date())


def _refused(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return message_page(
        request, title=_("Không xem được chỉ số"), message=exc.message, status=exc.status
    )


@login_required
@require_GET
def index_page(request: HttpRequest) -> HttpResponse:
    """The index of one of the person's units (and its sub-units) for a period."""
    try:
        units = list(selectors.visible_units(request.user))
    except DomainError as exc:
        return _refused(request, exc)
    try:
        unit_id = selectors.unit_param(request.GET.get("unit"))
        period = _period(request)
    except InvalidInput as exc:
        return _form_error(request, units, exc)
    try:
        unit = selectors.unit_for(request.user, unit_id)
    except DomainError as exc:
        return _refused(request, exc)
    index = selectors.index_for(unit, period)
    context = {
        **_filters(request, units, {}, unit),
        "index": index,
        "query": _query(unit, period),
        "public": False,
    }
    return render(request, "scorecard/index.html", context)


def _form_error(request: HttpRequest, units: list[Unit], exc: DomainError) -> HttpResponse:
    context: dict[str, Any] = {**_filters(request, units, exc.errors), "index": None}
    context["public"] = False
    return render(request, "scorecard/index.html", context, status=http_status(exc))


@login_required
@require_GET
def losses_page(request: HttpRequest, code: str) -> HttpResponse:
    """The rows that cost criterion `code` its points, with why, 50 a page."""
    try:
        unit = selectors.unit_for(request.user, selectors.unit_param(request.GET.get("unit")))
        period = _period(request)
        losses = selectors.criterion_losses(unit, period, code)
    except DomainError as exc:
        return _refused(request, exc)
    page = selectors.losses_page(losses, request.GET.get("page"))
    context = {
        "criterion": losses.criterion,
        "kind": losses.kind,
        "unit": unit,
        "period": period,
        "page": page.page,
        "rows": page.rows,
        "query": _query(unit, period),
        "kinds": {
            "dossier": measures.DOSSIER,
            "procedure": measures.PROCEDURE,
            "feedback": measures.FEEDBACK,
        },
    }
    return render(request, "scorecard/losses.html", context)


@require_GET
def public_page(request: HttpRequest) -> HttpResponse:
    """The published index: any unit, any period, numbers only."""
    units = list(selectors.public_units())
    try:
        unit = selectors.public_unit(selectors.unit_param(request.GET.get("unit")))
        period = _period(request)
    except DomainError as exc:
        context = {**_filters(request, units, exc.errors), "index": None, "public": True}
        return render(request, "scorecard/public.html", context, status=http_status(exc))
    index = selectors.public_index(unit, period)
    context = {
        **_filters(request, units, {}, unit),
        "index": index,
        "public": True,
    }
    return render(request, "scorecard/public.html", context)
