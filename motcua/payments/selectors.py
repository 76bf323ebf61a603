"""Reads of fees and payments that the pages, the API and the services share."""

from django.db.models import QuerySet

from motcua.catalog.models import FeeStage
from motcua.catalog.selectors import fees_due
from motcua.dossiers.models import Dossier
from motcua.dossiers.workflow import Status
from motcua.payments.models import OrderStatus, PaymentOrder


def payment_stage(dossier: Dossier) -> str:
    """What a dossier waiting for payment waits for: the fees due on receipt, or, once the
    result is ready, those due on the result."""
    return FeeStage.RESULT if dossier.resolved_at else FeeStage.SUBMISSION


def fee_lines(dossier: Dossier, stage: str, *, online: bool) -> list[dict]:
    """The procedure's fee lines due at `stage`: name and amount in đồng, the online amount
    where the procedure grants a discount for paying online."""
    return [
        {
            "name": fee.name,
            "amount": int(
                fee.online_amount if online and fee.online_amount is not None else fee.amount
            ),
            "full_amount": int(fee.amount),
        }
        for fee in fees_due(dossier.procedure, stage)
    ]


def orders_of(dossier: Dossier) -> QuerySet[PaymentOrder]:
    return PaymentOrder.objects.filter(dossier=dossier).order_by("created_at", "pk")


def paid_online(dossier: Dossier) -> bool:
    """DuocThanhToanTrucTuyen: the dossier's fees were paid through the gateway."""
    return PaymentOrder.objects.filter(
        dossier=dossier, status=OrderStatus.PAID, method="online"
    ).exists()


def payment_summary(dossier: Dossier) -> dict:
    """What the dossier owes now (online and at the desk) and its orders, for the page and
    the API alike."""
    waiting = dossier.status == Status.WAITING_PAYMENT
    stage = payment_stage(dossier) if waiting else None
    lines = fee_lines(dossier, stage, online=True) if stage else []
    return {
        "waiting_for_payment": waiting,
        "stage": stage,
        "lines": lines,
        "amount_online": sum(line["amount"] for line in lines),
        "amount_at_desk": sum(line["full_amount"] for line in lines),
        "orders": list(orders_of(dossier)),
    }


def payment_panel(dossier: Dossier, user) -> dict | None:  # type: ignore[no-untyped-def]
    """The summary with what this person may do; None when the dossier never owed anything."""
    from motcua.accounts.models import Role

    summary = payment_summary(dossier)
    waiting = summary["waiting_for_payment"]
    if not waiting and not summary["orders"]:
        return None
    return {
        **summary,
        "can_pay_online": waiting and user.pk == dossier.applicant_id,
        "can_record_at_desk": waiting and user.role == Role.OFFICER,
    }


def receipt_response(request, *, code: str, txn_ref: str):  # type: ignore[no-untyped-def]
    """The receipt of one of the dossier's orders, to the applicant and the staff of its units
    (checksum checked, download logged)."""
    from django.utils.translation import gettext as _

    from motcua.core.exceptions import NotFound
    from motcua.documents.access import serve_checked
    from motcua.documents.models import AccessGround, AccessKind
    from motcua.dossiers.selectors import dossier_get

    dossier = dossier_get(code=code, user=request.user)
    order = (
        PaymentOrder.objects.select_related("receipt")
        .filter(dossier=dossier, txn_ref=txn_ref, receipt__isnull=False)
        .first()
    )
    if order is None:
        raise NotFound(_("Không tìm thấy biên lai của giao dịch %(ref)s.") % {"ref": txn_ref})
    receipt = order.receipt
    applicant = dossier.applicant_id == request.user.pk
    return serve_checked(
        request,
        receipt.file,
        sha256=receipt.sha256,
        filename=receipt.original_name,
        kind=AccessKind.STORED,
        object_id=receipt.pk,
        ground=AccessGround.APPLICANT if applicant else AccessGround.STAFF,
        dossier_id=dossier.pk,
        content_type="application/pdf",
    )
