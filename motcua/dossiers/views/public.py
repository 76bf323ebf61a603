"""The public status page (/tra-cuu/): no login, the dossier code plus the applicant's ID
number or phone. The QR code on every printed slip points here with ?code=."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from motcua.accounts.identifiers import normalize_phone
from motcua.core.exceptions import NotFound
from motcua.dossiers.api.views import PublicLookupThrottle
from motcua.dossiers.forms import LookupForm
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import dossier_public_get


def _lookup(code: str, secret: str) -> Dossier:
    try:
        return dossier_public_get(code=code, id_number=secret)
    except NotFound:
        phone = normalize_phone(secret)
        if phone == secret:
            raise
        return dossier_public_get(code=code, id_number=phone)


def public_status(request: HttpRequest) -> HttpResponse:
    submitted = "id_number" in request.GET
    if submitted and not PublicLookupThrottle().allow_request(request, None):
        # Codes are predictable: limit guesses of ID numbers (same rule as the API).
        message = _("Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau ít phút.")
        return render(request, "dossiers/message.html", {"message": message}, status=429)
    form = LookupForm(request.GET if submitted else None, initial={"code": request.GET.get("code")})
    context = {"form": form, "dossier": None, "not_found": ""}
    status = 200
    if submitted:
        if form.is_valid():
            try:
                context["dossier"] = _lookup(
                    form.cleaned_data["code"], form.cleaned_data["id_number"]
                )
            except NotFound:
                # An unknown code and a wrong pair give the same answer.
                context["not_found"] = _("Không tìm thấy hồ sơ với mã và số giấy tờ đã nhập.")
                status = 404
        else:
            status = 422
    response = render(request, "dossiers/public_status.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response
