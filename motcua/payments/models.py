"""Fees owed by dossiers, the orders that pay them, and every message from the gateway.

An order's state changes only on the gateway's IPN (or on a payment recorded at the desk),
never on the browser's return. Every IPN and return is kept as received (`GatewayMessage`),
whatever it said, so reconciliation can list what did not match: an IPN for no order, an
amount that differs, a second payment, a confirmation after the order expired.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class FeeStage(models.TextChoices):
    SUBMISSION = "submission", _("Khi tiếp nhận hồ sơ")
    RESULT = "result", _("Khi nhận kết quả")


class Method(models.TextChoices):
    ONLINE = "online", _("Trực tuyến (cổng thanh toán)")
    CASH = "cash", _("Tiền mặt tại quầy")
    TRANSFER = "transfer", _("Chuyển khoản")


class OrderStatus(models.TextChoices):
    PENDING = "pending", _("Đang chờ thanh toán")
    PAID = "paid", _("Đã thanh toán")
    FAILED = "failed", _("Không thành công")
    EXPIRED = "expired", _("Hết hạn")


class PaymentOrder(models.Model):
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.PROTECT,
        related_name="payment_orders",
        verbose_name=_("hồ sơ"),
    )
    stage = models.CharField(_("thời điểm thu"), max_length=16, choices=FeeStage.choices)
    method = models.CharField(_("hình thức"), max_length=16, choices=Method.choices)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=OrderStatus.choices, default=OrderStatus.PENDING
    )
    txn_ref = models.CharField(_("mã giao dịch của hệ thống"), max_length=64, unique=True)
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    lines = models.JSONField(_("các khoản thu"), default=list)
    created_at = models.DateTimeField(_("tạo lúc"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người tạo"),
    )
    expires_at = models.DateTimeField(_("hết hạn lúc"), null=True, blank=True)
    paid_at = models.DateTimeField(_("thanh toán lúc"), null=True, blank=True)
    # What the gateway reported (online) or the officer recorded (desk).
    gateway_transaction_no = models.CharField(_("mã giao dịch cổng"), max_length=64, blank=True)
    bank_code = models.CharField(_("ngân hàng"), max_length=32, blank=True)
    bank_transaction_no = models.CharField(_("mã giao dịch ngân hàng"), max_length=64, blank=True)
    card_type = models.CharField(_("loại thẻ"), max_length=32, blank=True)
    response_code = models.CharField(_("mã phản hồi"), max_length=8, blank=True)
    reference = models.CharField(_("số chứng từ"), max_length=100, blank=True)
    receipt_number = models.CharField(_("số biên lai"), max_length=32, blank=True)
    receipt = models.ForeignKey(
        "documents.StoredDocument",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("biên lai điện tử"),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("lệnh thanh toán")
        verbose_name_plural = _("lệnh thanh toán")
        indexes = [
            models.Index(fields=["status", "expires_at"], name="payments_order_expiry"),
            models.Index(fields=["paid_at"], name="payments_order_paid_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=OrderStatus.PAID) | Q(paid_at__isnull=False),
                name="payments_paid_has_time",
            )
        ]

    def __str__(self) -> str:
        return self.txn_ref


class MessageKind(models.TextChoices):
    IPN = "ipn", _("IPN (máy chủ cổng thanh toán gọi)")
    RETURN = "return", _("Trình duyệt quay về")


class Discrepancy(models.TextChoices):
    NONE = "", _("Không")
    INVALID_SIGNATURE = "invalid_signature", _("Sai chữ ký")
    UNKNOWN_ORDER = "unknown_order", _("IPN không có lệnh thanh toán tương ứng")
    AMOUNT_MISMATCH = "amount_mismatch", _("Số tiền không khớp")
    LATE_AFTER_EXPIRY = "late_after_expiry", _("Xác nhận đến sau khi lệnh đã hết hạn")
    PAID_TWICE = "paid_twice", _("Hồ sơ đã được thanh toán trước đó")


class GatewayMessage(models.Model):
    """One IPN or return as received: the `vnp_*` parameters (the hash is not a secret),
    whether the signature held, what was answered, and any discrepancy to reconcile."""

    kind = models.CharField(_("loại"), max_length=8, choices=MessageKind.choices)
    received_at = models.DateTimeField(_("nhận lúc"))
    txn_ref = models.CharField(_("mã giao dịch của hệ thống"), max_length=100, blank=True)
    params = models.JSONField(_("tham số"), default=dict)
    signature_valid = models.BooleanField(_("chữ ký hợp lệ"))
    order = models.ForeignKey(
        PaymentOrder,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("lệnh thanh toán"),
    )
    amount = models.PositiveBigIntegerField(_("số tiền báo về (đồng)"), null=True, blank=True)
    answer_code = models.CharField(_("mã trả lời"), max_length=4, blank=True)
    discrepancy = models.CharField(
        _("sai lệch"), max_length=24, choices=Discrepancy.choices, blank=True, default=""
    )
    resolved = models.BooleanField(_("đã đối soát xong"), default=False)
    resolution_note = models.TextField(_("ghi chú đối soát"), blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("thông điệp cổng thanh toán")
        verbose_name_plural = _("thông điệp cổng thanh toán")
        indexes = [
            models.Index(fields=["txn_ref"], name="payments_message_txn"),
            models.Index(fields=["discrepancy", "resolved"], name="payments_message_discrepancy"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.txn_ref} {self.answer_code}"
