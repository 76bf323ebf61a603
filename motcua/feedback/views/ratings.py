"""Satisfaction with dossier handling: the kiosk page at the desk (dossier code plus the
applicant's ID number, no login, throttled), the signed-in applicant's rating of their returned
dossier, and the public page of results per unit, per procedure and period."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from motcua.core.clock import local, now
from motcua.core.exceptions import DomainError
from motcua.core.web import http_status, put_errors
from motcua.feedback import selectors, services
from motcua.feedback.forms import DossierRatingForm, SummaryForm
from motcua.feedback.throttles import KioskRatingThrottle, allowed
from motcua.feedback.views.common import message_page


def kiosk(request: HttpRequest) -> HttpResponse:
    """The kiosk: one form, the dossier's code and the applicant's ID number with the rating.
    After a rating the blank form comes back for the next person."""
    form = DossierRatingForm(request.POST or None, kiosk=True)
    status = 200
    if request.method == "POST":
        if not allowed(KioskRatingThrottle, request):
            return message_page(
                request,
                title=_("Quá nhiều yêu cầu"),
                message=_("Bạn đã thử quá nhiều lần. Vui lòng thử lại sau ít phút."),
                status=429,
            )
        status = 422
        if form.is_valid():
            try:
                services.dossier_rate(
                    code=form.cleaned_data["code"],
                    id_number=form.cleaned_data["id_number"],
                    rating=form.to_input(),
                )
            except DomainError as exc:
                put_errors(form, exc, form.field_for_error)
                status = http_status(exc)
            else:
                messages.success(
                    request, _("Cảm ơn bạn đã đánh giá. Ý kiến của bạn đã được ghi nhận.")
                )
                return redirect("feedback:kiosk")
    user = request.user
    context = {
        "form": form,
        "kiosk": True,
        "to_rate": list(selectors.returned_unrated_dossiers(user)[:20]),
    }
    return render(request, "feedback/rate_dossier.html", context, status=status)


@login_required
def rate_dossier(request: HttpRequest, code: str) -> HttpResponse:
    """The signed-in applicant rates their returned dossier (once)."""
    try:
        dossier = selectors.dossier_for_rating(code=code, user=request.user)
    except DomainError as exc:
        return message_page(
            request, title=_("Không đánh giá được"), message=exc.message, status=exc.status
        )
    form = DossierRatingForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                services.dossier_rate(code=code, rating=form.to_input(), user=request.user)
            except DomainError as exc:
                put_errors(form, exc, form.field_for_error)
                status = http_status(exc)
            else:
                messages.success(request, _("Cảm ơn bạn đã đánh giá việc giải quyết hồ sơ."))
                return redirect("feedback:kiosk")
    context = {"form": form, "kiosk": False, "dossier": dossier}
    return render(request, "feedback/rate_dossier.html", context, status=status)


def summary(request: HttpRequest) -> HttpResponse:
    """Ratings of dossier handling per unit and per procedure in a period, with a chart."""
    form = SummaryForm(request.GET or None)
    today = local(now()).date()
    valid = form.is_valid()
    data = form.cleaned_data if valid else {}
    start, end = selectors.summary_period("", "", today=today)
    start = data.get("start") or start
    end = data.get("end") or end
    context: dict = {"form": form, "summary": None}
    status = 200 if valid or not form.is_bound else 422
    try:
        context["summary"] = selectors.rating_summary(
            start=start,
            end=end,
            unit_id=data.get("unit"),
            procedure=data.get("procedure", ""),
        )
    except DomainError as exc:
        form.add_error("end", exc.message)
        status = 422
    return render(request, "feedback/rating_summary.html", context, status=status)
