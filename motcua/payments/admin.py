"""Orders and gateway messages in the admin: read-only (only the services change them)."""

from django.contrib import admin

from motcua.core.admin import ReadOnlyAdmin
from motcua.payments.models import GatewayMessage, PaymentOrder


@admin.register(PaymentOrder)
class PaymentOrderAdmin(ReadOnlyAdmin):
    list_display = ["txn_ref", "dossier", "stage", "method", "status", "amount", "paid_at"]
    list_filter = ["status", "method", "stage"]
    search_fields = ["txn_ref", "dossier__code", "gateway_transaction_no", "receipt_number"]
    date_hierarchy = "created_at"


@admin.register(GatewayMessage)
class GatewayMessageAdmin(ReadOnlyAdmin):
    list_display = ["received_at", "kind", "txn_ref", "answer_code", "discrepancy", "resolved"]
    list_filter = ["kind", "discrepancy", "resolved", "signature_valid"]
    search_fields = ["txn_ref"]
    date_hierarchy = "received_at"
