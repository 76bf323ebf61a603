"""Payments over the API: what a dossier owes and its orders, paying online, paying at the
desk, VNPay's IPN, and the reconciliation of a period."""

from django.http import JsonResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.accounts.models import STAFF_ROLES, Role
from motcua.core.clock import local
from motcua.core.exceptions import NotAllowed
from motcua.dossiers.selectors import dossier_get
from motcua.payments import reconciliation, services
from motcua.payments.models import Method, PaymentOrder
from motcua.payments.selectors import payment_summary, receipt_response
from motcua.payments.views import period_of, return_url


def _iso(value):  # type: ignore[no-untyped-def]
    return None if value is None else local(value).isoformat()


class OrderOutputSerializer(serializers.Serializer):
    txn_ref = serializers.CharField()
    stage = serializers.CharField()
    method = serializers.CharField()
    status = serializers.CharField()
    amount = serializers.IntegerField()
    lines = serializers.ListField(child=serializers.DictField())
    created_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField(allow_null=True)
    paid_at = serializers.DateTimeField(allow_null=True)
    gateway_transaction_no = serializers.CharField()
    bank_code = serializers.CharField()
    receipt_number = serializers.CharField()


class DossierPaymentsOutputSerializer(serializers.Serializer):
    waiting_for_payment = serializers.BooleanField()
    stage = serializers.CharField(allow_null=True)
    amount_online = serializers.IntegerField()
    amount_at_desk = serializers.IntegerField()
    lines = serializers.ListField(child=serializers.DictField())
    orders = OrderOutputSerializer(many=True)


class DossierPaymentsApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        responses={200: DossierPaymentsOutputSerializer}, operation_id="dossier_payments"
    )
    def get(self, request, code: str):  # type: ignore[no-untyped-def]
        dossier = dossier_get(code=code, user=request.user)
        body = DossierPaymentsOutputSerializer(payment_summary(dossier))
        return Response(body.data)


class OnlinePaymentOutputSerializer(serializers.Serializer):
    txn_ref = serializers.CharField()
    amount = serializers.IntegerField()
    expires_at = serializers.DateTimeField()
    redirect_url = serializers.URLField()


class OnlinePaymentApi(APIView):
    """Start paying online: send the citizen's browser to `redirect_url`."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={201: OnlinePaymentOutputSerializer})
    def post(self, request, code: str):  # type: ignore[no-untyped-def]
        if request.user.role != Role.CITIZEN:
            raise NotAllowed(_not_citizen())
        started = services.online_payment_start(
            code=code,
            citizen=request.user,
            return_url=return_url(request),
            client_ip=request.META.get("REMOTE_ADDR", ""),
        )
        body = OnlinePaymentOutputSerializer(
            {
                "txn_ref": started.order.txn_ref,
                "amount": started.order.amount,
                "expires_at": started.order.expires_at,
                "redirect_url": request.build_absolute_uri(started.redirect_url),
            }
        )
        return Response(body.data, status=201)


def _not_citizen() -> str:
    from django.utils.translation import gettext as _

    return _("Chỉ người nộp hồ sơ thanh toán trực tuyến.")


class DeskPaymentInputSerializer(serializers.Serializer):
    method = serializers.ChoiceField(choices=[Method.CASH, Method.TRANSFER])
    reference = serializers.CharField(required=False, allow_blank=True, max_length=100)


class DeskPaymentApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=DeskPaymentInputSerializer, responses={201: OrderOutputSerializer})
    def post(self, request, code: str):  # type: ignore[no-untyped-def]
        data = DeskPaymentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        order = services.desk_payment_record(
            code=code,
            officer=request.user,
            method=data.validated_data["method"],
            reference=data.validated_data.get("reference", ""),
        )
        return Response(OrderOutputSerializer(order).data, status=201)


class IpnApi(APIView):
    """VNPay's IPN: a GET with the signed `vnp_*` parameters, answered with
    `{"RspCode": "00", "Message": "Confirm Success"}` or the code of what went wrong."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        parameters=[OpenApiParameter("vnp_TxnRef", str), OpenApiParameter("vnp_SecureHash", str)],
        responses={
            200: inline_serializer(
                "IpnAnswer",
                {"RspCode": serializers.CharField(), "Message": serializers.CharField()},
            )
        },
        operation_id="payments_vnpay_ipn",
    )
    def get(self, request):  # type: ignore[no-untyped-def]
        code, message = services.ipn_handle(request.query_params)
        # VNPay reads this exact body; no problem-JSON wrapping.
        return JsonResponse({"RspCode": code, "Message": message})


class ReconciliationApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[
            OpenApiParameter("start", OpenApiTypes.DATE),
            OpenApiParameter("end", OpenApiTypes.DATE),
        ],
        responses={
            200: inline_serializer(
                "Reconciliation",
                {
                    "total_amount": serializers.IntegerField(),
                    "online_amount": serializers.IntegerField(),
                    "payments": serializers.ListField(child=serializers.DictField()),
                    "totals": serializers.ListField(child=serializers.DictField()),
                    "discrepancies": serializers.ListField(child=serializers.DictField()),
                },
            )
        },
    )
    def get(self, request):  # type: ignore[no-untyped-def]
        if request.user.role not in STAFF_ROLES or request.user.role == Role.SPECIALIST:
            raise NotAllowed()
        _start, _end, since, until = period_of(request.query_params)
        report = reconciliation.build(request.user, since, until)
        return Response(
            {
                "total_amount": report.total_amount,
                "online_amount": report.online_amount,
                "payments": [_payment_row(order) for order in report.payments],
                "totals": report.totals,
                "discrepancies": [
                    {
                        "id": message.pk,
                        "received_at": _iso(message.received_at),
                        "kind": message.discrepancy,
                        "txn_ref": message.txn_ref,
                        "dossier": message.order.dossier.code if message.order else None,
                        "amount": message.amount,
                        "resolved": message.resolved,
                    }
                    for message in report.discrepancies
                ],
            }
        )


def _payment_row(order: PaymentOrder) -> dict:
    return {
        "dossier": order.dossier.code,
        "procedure": order.dossier.procedure.code,
        "amount": order.amount,
        "method": order.method,
        "txn_ref": order.txn_ref,
        "gateway_transaction_no": order.gateway_transaction_no,
        "bank_code": order.bank_code,
        "paid_at": _iso(order.paid_at),
        "status": order.status,
        "receipt_number": order.receipt_number,
    }


class ResolveInputSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000)


class DiscrepancyResolveApi(APIView):
    """Close a discrepancy with what was done (refunded, matched by hand, ...)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=ResolveInputSerializer,
        responses={
            200: inline_serializer(
                "ResolvedDiscrepancy",
                {"id": serializers.IntegerField(), "resolved": serializers.BooleanField()},
            )
        },
    )
    def post(self, request, message_id: int):  # type: ignore[no-untyped-def]
        data = ResolveInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        message = services.message_resolve(
            message_id=message_id, user=request.user, note=data.validated_data["note"]
        )
        return Response({"id": message.pk, "resolved": message.resolved})


class ReceiptApi(APIView):
    """The PDF receipt of a paid order (applicant, staff of the dossier's units)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    def get(self, request, code: str, txn_ref: str):  # type: ignore[no-untyped-def]
        return receipt_response(request, code=code, txn_ref=txn_ref)
