"""The payment pages: pay online, come back from the gateway, pay at the desk, reconcile."""

from datetime import date, datetime, time, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from motcua.accounts.models import STAFF_ROLES, Role
from motcua.core.clock import VIETNAM_TZ
from motcua.core.exceptions import DomainError, InvalidInput
from motcua.core.web import http_status
from motcua.dossiers.views.common import forbidden, message_page
from motcua.payments import reconciliation, services
from motcua.payments.models import OrderStatus, PaymentOrder
from motcua.payments.selectors import receipt_response


def _client_ip(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "") or "127.0.0.1"


def return_url(request: HttpRequest) -> str:
    from django.conf import settings

    return settings.MOTCUA_PAYMENT.get("VNPAY_RETURN_URL") or request.build_absolute_uri(
        reverse("payments:return")
    )


def _error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return message_page(
        request, title=_("Không thực hiện được"), message=exc.message, status=http_status(exc)
    )


@login_required
@require_POST
def pay_online(request: HttpRequest, code: str) -> HttpResponse:
    """The citizen's "Pay online" button: a new order, then off to the gateway."""
    try:
        started = services.online_payment_start(
            code=code,
            citizen=request.user,
            return_url=return_url(request),
            client_ip=_client_ip(request),
        )
    except DomainError as exc:
        return _error(request, exc)
    return redirect(started.redirect_url)


@login_required
@require_POST
def pay_at_desk(request: HttpRequest, code: str) -> HttpResponse:
    try:
        order = services.desk_payment_record(
            code=code,
            officer=request.user,
            method=request.POST.get("method", ""),
            reference=request.POST.get("reference", ""),
        )
    except DomainError as exc:
        return _error(request, exc)
    messages.success(
        request,
        _("Đã thu %(amount)s đồng, biên lai số %(number)s.")
        % {"amount": f"{order.amount:,}".replace(",", "."), "number": order.receipt_number},
    )
    return redirect("dossiers:detail", code=code)


@require_GET
def gateway_return(request: HttpRequest) -> HttpResponse:
    """Where the gateway sends the browser back. Nothing changes here: the page shows the
    order as the IPN left it, and asks again every few seconds while it is still pending."""
    order = services.return_record(request.GET)
    if order is None:
        return message_page(
            request,
            title=_("Không xác nhận được giao dịch"),
            message=_("Thông tin trả về từ cổng thanh toán không hợp lệ (sai chữ ký)."),
            status=400,
        )
    return render(request, "payments/return.html", _order_context(request, order))


def _order_context(request: HttpRequest, order: PaymentOrder) -> dict:
    return {
        "order": order,
        "dossier": order.dossier,
        "pending": order.status == OrderStatus.PENDING,
        "paid": order.status == OrderStatus.PAID,
        "gateway_message": _gateway_words(order),
    }


def _gateway_words(order: PaymentOrder) -> str:
    from motcua.payments.vnpay import RESPONSE_MESSAGES

    return RESPONSE_MESSAGES.get(order.response_code, "") if order.response_code else ""


@require_GET
def order_state(request: HttpRequest, txn_ref: str) -> HttpResponse:
    """The order's state as a fragment (htmx polls it from the return page). It shows no
    more than the return page already did to whoever held the gateway's signed answer."""
    order = PaymentOrder.objects.select_related("dossier").filter(txn_ref=txn_ref).first()
    if order is None:
        return HttpResponse(status=404)
    return render(request, "payments/_order_state.html", _order_context(request, order))


def _day(raw: str | None, default: date, field: str) -> date:
    if not raw:
        return default
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise InvalidInput(_("Ngày phải có dạng YYYY-MM-DD."), field=field) from None


def period_of(params) -> tuple[date, date, datetime, datetime]:  # type: ignore[no-untyped-def]
    today = datetime.now(VIETNAM_TZ).date()
    start = _day(params.get("start"), today.replace(day=1), "start")
    end = _day(params.get("end"), today, "end")
    if end < start:
        raise InvalidInput(_("Ngày kết thúc phải sau ngày bắt đầu."), field="end")
    if (end - start).days > 366:
        raise InvalidInput(_("Khoảng thời gian tối đa một năm."), field="end")
    return (
        start,
        end,
        datetime.combine(start, time.min, tzinfo=VIETNAM_TZ),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=VIETNAM_TZ),
    )


@login_required
@require_GET
def reconciliation_page(request: HttpRequest) -> HttpResponse:
    if request.user.role not in STAFF_ROLES or request.user.role == Role.SPECIALIST:
        return forbidden(request, _("Trang đối soát dành cho bộ phận một cửa và lãnh đạo."))
    try:
        start, end, since, until = period_of(request.GET)
    except DomainError as exc:
        return _error(request, exc)
    report = reconciliation.build(request.user, since, until)
    if request.GET.get("format") == "xlsx":
        content = reconciliation.to_xlsx(report, start, end)
        response = HttpResponse(
            content,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="doi-soat-thanh-toan-{start:%Y%m%d}-{end:%Y%m%d}.xlsx"'
        )
        return response
    return render(
        request,
        "payments/reconciliation.html",
        {"report": report, "start": start, "end": end},
    )


@login_required
@require_GET
def receipt(request: HttpRequest, code: str, txn_ref: str) -> HttpResponse:
    try:
        return receipt_response(request, code=code, txn_ref=txn_ref)
    except DomainError as exc:
        return _error(request, exc)
