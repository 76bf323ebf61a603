"""The sandbox gateway's pages: the payment page, and the choice that ends it."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from motcua.core.clock import now
from motcua.payments.sandbox.gateway import (
    Outcome,
    deliver_ipn,
    query_of,
    read_request,
    result_params,
)

BANKS = [("NCB", "Ngân hàng NCB"), ("VCB", "Vietcombank"), ("BIDV", "BIDV"), ("VTB", "VietinBank")]


def _enabled() -> None:
    if not settings.MOTCUA_PAYMENT.get("SANDBOX"):
        raise Http404


def _ipn_url(request: HttpRequest) -> str:
    return settings.MOTCUA_PAYMENT.get("SANDBOX_IPN_URL") or request.build_absolute_uri(
        reverse("payments-vnpay-ipn")
    )


# The gateway is another site: the merchant's CSRF token does not travel with its form.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def sandbox_pay(request: HttpRequest) -> HttpResponse:
    _enabled()
    at = now()
    source = request.GET if request.method == "GET" else request.POST
    payment = read_request(source, at)
    if payment.error:
        return render(request, "payments/sandbox_error.html", {"error": payment.error}, status=400)
    if request.method == "GET":
        return render(
            request,
            "payments/sandbox_pay.html",
            {
                "payment": payment,
                "hidden": sorted(payment.params.items())
                + [("vnp_SecureHash", source.get("vnp_SecureHash", ""))],
                "banks": BANKS,
                "outcomes": Outcome.ALL,
            },
        )
    outcome = request.POST.get("outcome", Outcome.PAY)
    if outcome not in Outcome.ALL:
        outcome = Outcome.PAY
    bank = request.POST.get("bank", "NCB")
    if bank not in dict(BANKS):
        bank = "NCB"
    params = result_params(payment, outcome, at, bank=bank)
    if outcome != Outcome.TIMEOUT:
        deliver_ipn(_ipn_url(request), params)
        if outcome == Outcome.PAY_TWICE_IPN:
            deliver_ipn(_ipn_url(request), params)
    return_url = payment.params["vnp_ReturnUrl"]
    separator = "&" if "?" in return_url else "?"
    return HttpResponseRedirect(f"{return_url}{separator}{query_of(params)}")
