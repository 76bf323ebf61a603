"""The procedure review (plan 306, item 2.2) and its spreadsheet exports."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from motcua.core import clock
from motcua.core.exceptions import DomainError
from motcua.supervision import selectors
from motcua.supervision.exports import EXPORTS, XLSX, export_for
from motcua.supervision.forms import ReviewFilterForm
from motcua.supervision.params import review_params
from motcua.supervision.views.common import error_page


def _review(request: HttpRequest) -> selectors.ProcedureReview:
    at = clock.now()
    selectors.require_review_access(request.user)
    params = review_params(request.GET, now=at)
    return selectors.procedure_review(
        request.user,
        years=params.years,
        period=params.period,
        thresholds=params.thresholds,
        now=at,
    )


@login_required
@require_GET
def procedure_review(request: HttpRequest) -> HttpResponse:
    try:
        review = _review(request)
    except DomainError as exc:
        return error_page(request, exc)
    query = f"?{request.GET.urlencode()}" if request.GET else ""
    exports = {
        name: reverse("supervision:review-export", args=[export.slug]) + query
        for name, export in EXPORTS.items()
    }
    context = {"review": review, "form": ReviewFilterForm(review=review), "exports": exports}
    return render(request, "supervision/review.html", context)


@login_required
@require_GET
def procedure_review_export(request: HttpRequest, kind: str) -> HttpResponse:
    export = export_for(kind)
    if export is None:
        raise Http404
    try:
        review = _review(request)
    except DomainError as exc:
        return error_page(request, exc)
    response = HttpResponse(export.build(review), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{export.filename(review)}"'
    return response
