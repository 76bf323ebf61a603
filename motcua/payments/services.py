"""Every write of payments: starting an online payment, the gateway's IPN, a payment at the
desk, expiry, and the discrepancies found on the way.

Rules:
- an order's state changes only here: on a valid IPN (never on the browser's return) or on a
  payment the officer records at the desk;
- the IPN checks, in this order, the signature (97), the order (01), the amount (04) and
  whether the order was already settled (02); a repeated IPN changes nothing and answers 02;
- every IPN and return is kept (`GatewayMessage`), and what does not match is flagged for
  reconciliation, never dropped: an IPN for no order, a different amount, a success for an
  expired order, a second payment of the same fee.
"""

import logging
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from motcua.accounts.models import Role, User
from motcua.core.clock import now
from motcua.core.exceptions import Conflict, InvalidInput, NotAllowed, NotFound
from motcua.documents.uploads import delete_files_on_error
from motcua.dossiers.models import Dossier
from motcua.dossiers.workflow import Status
from motcua.payments import vnpay
from motcua.payments.gateway import Callback, get_provider
from motcua.payments.models import (
    Discrepancy,
    GatewayMessage,
    MessageKind,
    Method,
    OrderStatus,
    PaymentOrder,
)
from motcua.payments.selectors import fee_lines, payment_stage

logger = logging.getLogger(__name__)


def _timeout() -> timedelta:
    return timedelta(minutes=int(settings.MOTCUA_PAYMENT.get("ORDER_TIMEOUT_MINUTES", 15)))


def _new_txn_ref(at: datetime) -> str:
    # Unique and unguessable; VNPay takes up to 100 characters, letters and digits.
    return f"{vnpay.format_date(at)[2:8]}{secrets.token_hex(6).upper()}"


def _lock_owing(code: str) -> Dossier:
    dossier = Dossier.objects.select_for_update().select_related("procedure").filter(code=code)
    dossier = dossier.first()
    if dossier is None:
        raise NotFound(_("Không tìm thấy hồ sơ %(code)s.") % {"code": code})
    if dossier.status != Status.WAITING_PAYMENT:
        raise Conflict(
            _("Hồ sơ %(code)s không ở trạng thái chờ thực hiện nghĩa vụ tài chính.")
            % {"code": code}
        )
    return dossier


@dataclass(frozen=True)
class Started:
    order: PaymentOrder
    redirect_url: str


def online_payment_start(
    *, code: str, citizen: User, return_url: str, client_ip: str, at: datetime | None = None
) -> Started:
    """A new order for what the dossier owes now, and the gateway URL to send the browser to.
    Orders still pending for the dossier are expired first: one live order at a time."""
    at = at or now()
    with transaction.atomic():
        dossier = _lock_owing(code)
        if dossier.applicant_id != citizen.pk:
            raise NotFound(_("Không tìm thấy hồ sơ %(code)s.") % {"code": code})
        stage = payment_stage(dossier)
        lines = fee_lines(dossier, stage, online=True)
        amount = sum(line["amount"] for line in lines)
        if amount <= 0:
            raise Conflict(_("Hồ sơ không có khoản phí, lệ phí nào phải nộp."))
        PaymentOrder.objects.filter(dossier=dossier, status=OrderStatus.PENDING).update(
            status=OrderStatus.EXPIRED
        )
        order = PaymentOrder.objects.create(
            dossier=dossier,
            stage=stage,
            method=Method.ONLINE,
            txn_ref=_new_txn_ref(at),
            amount=amount,
            lines=lines,
            created_at=at,
            created_by=citizen,
            expires_at=at + _timeout(),
        )
    url = get_provider().payment_url(order, return_url=return_url, client_ip=client_ip, at=at)
    return Started(order=order, redirect_url=url)


def _record(kind: str, callback: Callback, at: datetime, **values: object) -> GatewayMessage:
    return GatewayMessage.objects.create(
        kind=kind,
        received_at=at,
        txn_ref=callback.txn_ref,
        params=callback.params,
        signature_valid=callback.signature_valid,
        amount=callback.amount,
        **values,
    )


def _settle(order: PaymentOrder, at: datetime, *, actor: User | None) -> None:
    """The dossier continues and the receipt is issued (same transaction)."""
    from motcua.dossiers.services import dossier_fee_paid
    from motcua.payments.receipts import receipt_issue

    receipt_issue(order, at=at)
    dossier_fee_paid(order.dossier, actor=actor, at=at, note=order.receipt_number)


def ipn_handle(params: Mapping[str, str], at: datetime | None = None) -> tuple[str, str]:
    """VNPay's server-to-server confirmation: (RspCode, Message) to answer with."""
    at = at or now()
    callback = get_provider().read_callback(params)
    try:
        with delete_files_on_error(), transaction.atomic():
            answer, order, discrepancy = _ipn(callback, at)
            _record(
                MessageKind.IPN,
                callback,
                at,
                order=order,
                answer_code=answer[0],
                discrepancy=discrepancy,
            )
            return answer
    except Exception:  # the answer must still be VNPay's: 99, and the message kept
        logger.exception("IPN for %s failed", callback.txn_ref)
        _record(MessageKind.IPN, callback, at, answer_code=vnpay.UNKNOWN_ERROR[0])
        return vnpay.UNKNOWN_ERROR


def _ipn(callback: Callback, at: datetime) -> tuple[tuple[str, str], PaymentOrder | None, str]:
    """The answer to give, the order the IPN names, and any discrepancy to reconcile."""
    if not callback.signature_valid:
        return vnpay.INVALID_SIGNATURE, None, Discrepancy.INVALID_SIGNATURE
    # Locks the order and, joined, its dossier (PostgreSQL locks every table of the join).
    order = (
        PaymentOrder.objects.select_for_update()
        .select_related("dossier")
        .filter(txn_ref=callback.txn_ref, method=Method.ONLINE)
        .first()
        if callback.txn_ref
        else None
    )
    if order is None:
        return vnpay.ORDER_NOT_FOUND, None, Discrepancy.UNKNOWN_ORDER
    if callback.amount != order.amount:
        return vnpay.INVALID_AMOUNT, order, Discrepancy.AMOUNT_MISMATCH
    if order.status in (OrderStatus.PAID, OrderStatus.FAILED):
        return vnpay.ORDER_ALREADY_CONFIRMED, order, ""
    if order.status == OrderStatus.EXPIRED:
        # Money may have been taken for an order we no longer wait for: keep it, flag it.
        late = Discrepancy.LATE_AFTER_EXPIRY if callback.success else ""
        return vnpay.ORDER_ALREADY_CONFIRMED, order, late
    _apply_gateway_result(order, callback, at)
    if order.status != OrderStatus.PAID:
        return vnpay.CONFIRM_SUCCESS, order, ""
    already = (
        PaymentOrder.objects.filter(
            dossier=order.dossier, stage=order.stage, status=OrderStatus.PAID
        )
        .exclude(pk=order.pk)
        .exists()
    )
    if already or order.dossier.status != Status.WAITING_PAYMENT:
        # Paid again, or the dossier moved on (withdrawn, stopped): the money must go back.
        return vnpay.CONFIRM_SUCCESS, order, Discrepancy.PAID_TWICE
    _settle(order, at, actor=None)
    return vnpay.CONFIRM_SUCCESS, order, ""


def _apply_gateway_result(order: PaymentOrder, callback: Callback, at: datetime) -> None:
    order.status = OrderStatus.PAID if callback.success else OrderStatus.FAILED
    order.paid_at = (callback.paid_at or at) if callback.success else None
    order.gateway_transaction_no = callback.transaction_no
    order.bank_code = callback.bank_code
    order.bank_transaction_no = callback.bank_transaction_no
    order.card_type = callback.card_type
    order.response_code = callback.response_code
    order.save(
        update_fields=[
            "status",
            "paid_at",
            "gateway_transaction_no",
            "bank_code",
            "bank_transaction_no",
            "card_type",
            "response_code",
        ]
    )


def return_record(params: Mapping[str, str], at: datetime | None = None) -> PaymentOrder | None:
    """The browser came back from the gateway: kept, checked, and nothing else. The order
    it names (if the signature holds) is returned for the page to show its state."""
    at = at or now()
    callback = get_provider().read_callback(params)
    order = None
    if callback.signature_valid and callback.txn_ref:
        order = (
            PaymentOrder.objects.select_related("dossier").filter(txn_ref=callback.txn_ref).first()
        )
    _record(MessageKind.RETURN, callback, at, order=order)
    return order


def desk_payment_record(
    *,
    code: str,
    officer: User,
    method: str,
    reference: str = "",
    at: datetime | None = None,
) -> PaymentOrder:
    """The officer takes the fee at the desk (cash) or confirms a bank transfer."""
    from motcua.dossiers.selectors import dossiers_visible_to

    at = at or now()
    if officer.role != Role.OFFICER:
        raise NotAllowed(_("Chỉ cán bộ một cửa ghi nhận thu phí tại quầy."))
    if method not in (Method.CASH, Method.TRANSFER):
        raise InvalidInput(_("Hình thức thu phải là tiền mặt hoặc chuyển khoản."), field="method")
    if method == Method.TRANSFER and not reference.strip():
        raise InvalidInput(_("Vui lòng nhập số chứng từ chuyển khoản."), field="reference")
    with delete_files_on_error(), transaction.atomic():
        if not dossiers_visible_to(officer).filter(code=code).exists():
            raise NotFound(_("Không tìm thấy hồ sơ %(code)s.") % {"code": code})
        dossier = _lock_owing(code)
        stage = payment_stage(dossier)
        lines = fee_lines(dossier, stage, online=False)
        order = PaymentOrder.objects.create(
            dossier=dossier,
            stage=stage,
            method=method,
            status=OrderStatus.PAID,
            txn_ref=_new_txn_ref(at),
            amount=sum(line["amount"] for line in lines),
            lines=lines,
            created_at=at,
            created_by=officer,
            paid_at=at,
            reference=reference.strip()[:100],
        )
        # A pending online order can no longer be paid: a late IPN for it gets flagged.
        PaymentOrder.objects.filter(dossier=dossier, status=OrderStatus.PENDING).update(
            status=OrderStatus.EXPIRED
        )
        _settle(order, at, actor=officer)
    return order


def orders_expire(at: datetime | None = None) -> int:
    """Pending orders past their time expire (run by the worker on a schedule)."""
    at = at or now()
    return PaymentOrder.objects.filter(status=OrderStatus.PENDING, expires_at__lt=at).update(
        status=OrderStatus.EXPIRED
    )


def message_resolve(*, message_id: int, user: User, note: str) -> GatewayMessage:
    """An accountant closes a discrepancy with a note (refunded, matched by hand, ...)."""
    if user.role not in (Role.HEAD, Role.OFFICER, Role.ADMIN):
        raise NotAllowed()
    if not note.strip():
        raise InvalidInput(_("Vui lòng ghi nội dung xử lý sai lệch."), field="note")
    with transaction.atomic():
        from motcua.dossiers.selectors import dossiers_visible_to

        visible = dossiers_visible_to(user).values("pk")
        message = (
            GatewayMessage.objects.select_for_update(of=("self",))
            .filter(pk=message_id)
            .filter(Q(order__isnull=True) | Q(order__dossier__in=visible))
            .first()
        )
        if message is None or not message.discrepancy:
            raise NotFound(_("Không tìm thấy sai lệch cần đối soát."))
        message.resolved = True
        message.resolution_note = note.strip()
        message.save(update_fields=["resolved", "resolution_note"])
    return message
