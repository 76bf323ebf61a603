"""Reconciliation of a period: every payment confirmed, totals per procedure, and the
discrepancies listed apart (an IPN for no order, a different amount, a payment after the
order expired, a fee paid twice, a forged signature). Limited to the staff's units; an
IPN that names no order belongs to no unit and is shown to every reconciler."""

import io
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Q, Sum
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from motcua.accounts.models import User
from motcua.core.clock import local
from motcua.dossiers.selectors import dossiers_visible_to
from motcua.payments.models import Discrepancy, GatewayMessage, Method, OrderStatus, PaymentOrder


@dataclass
class Report:
    payments: list[PaymentOrder]
    totals: list[dict]
    discrepancies: list[GatewayMessage]
    total_amount: int
    online_amount: int


def build(user: User, since: datetime, until: datetime) -> Report:
    visible = dossiers_visible_to(user).values("pk")
    paid = PaymentOrder.objects.filter(
        status=OrderStatus.PAID, paid_at__gte=since, paid_at__lt=until, dossier__in=visible
    )
    payments = list(paid.select_related("dossier", "dossier__procedure").order_by("paid_at", "pk"))
    totals = list(
        paid.values("dossier__procedure__code", "dossier__procedure__name")
        .annotate(
            count=Count("pk"),
            total=Sum("amount"),
            online=Sum("amount", filter=Q(method=Method.ONLINE)),
        )
        .order_by("dossier__procedure__code")
    )
    sums = paid.aggregate(total=Sum("amount"), online=Sum("amount", filter=Q(method=Method.ONLINE)))
    discrepancies = list(
        GatewayMessage.objects.exclude(discrepancy="")
        .filter(received_at__gte=since, received_at__lt=until)
        .filter(Q(order__isnull=True) | Q(order__dossier__in=visible))
        .select_related("order", "order__dossier")
        .order_by("received_at", "pk")
    )
    return Report(
        payments=payments,
        totals=totals,
        discrepancies=discrepancies,
        total_amount=sums["total"] or 0,
        online_amount=sums["online"] or 0,
    )


def _fit(sheet) -> None:  # type: ignore[no-untyped-def]
    for index, column in enumerate(sheet.columns, start=1):
        width = max(len(str(cell.value or "")) for cell in column)
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 10), 60)


def to_xlsx(report: Report, start: date, end: date) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Thanh toán"
    bold = Font(bold=True)
    sheet.append([f"ĐỐI SOÁT THANH TOÁN PHÍ, LỆ PHÍ TỪ {start:%d/%m/%Y} ĐẾN {end:%d/%m/%Y}"])
    sheet["A1"].font = bold
    header = [
        "Mã hồ sơ",
        "Thủ tục",
        "Số tiền (đồng)",
        "Hình thức",
        "Mã giao dịch hệ thống",
        "Mã giao dịch cổng",
        "Ngân hàng",
        "Mã giao dịch ngân hàng",
        "Thời điểm",
        "Trạng thái",
        "Số biên lai",
    ]
    sheet.append(header)
    for cell in sheet[2]:
        cell.font = bold
    for order in report.payments:
        sheet.append(
            [
                order.dossier.code,
                order.dossier.procedure.code,
                order.amount,
                str(Method(order.method).label),
                order.txn_ref,
                order.gateway_transaction_no,
                order.bank_code,
                order.bank_transaction_no,
                f"{local(order.paid_at):%d/%m/%Y %H:%M:%S}",
                str(OrderStatus(order.status).label),
                order.receipt_number,
            ]
        )
    sheet.append([])
    sheet.append(["Tổng cộng", "", report.total_amount])
    sheet.append(["Trong đó trực tuyến", "", report.online_amount])
    _fit(sheet)

    totals = book.create_sheet("Theo thủ tục")
    totals.append(["Mã thủ tục", "Tên thủ tục", "Số giao dịch", "Tổng (đồng)", "Trực tuyến"])
    for cell in totals[1]:
        cell.font = bold
    for row in report.totals:
        totals.append(
            [
                row["dossier__procedure__code"],
                row["dossier__procedure__name"],
                row["count"],
                row["total"],
                row["online"] or 0,
            ]
        )
    _fit(totals)

    issues = book.create_sheet("Sai lệch")
    issues.append(
        [
            "Thời điểm",
            "Loại sai lệch",
            "Mã giao dịch",
            "Mã hồ sơ",
            "Số tiền báo về",
            "Đã xử lý",
            "Ghi chú",
        ]
    )
    for cell in issues[1]:
        cell.font = bold
    for message in report.discrepancies:
        issues.append(
            [
                f"{local(message.received_at):%d/%m/%Y %H:%M:%S}",
                str(Discrepancy(message.discrepancy).label),
                message.txn_ref,
                message.order.dossier.code if message.order else "",
                message.amount,
                "Có" if message.resolved else "Chưa",
                message.resolution_note,
            ]
        )
    _fit(issues)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
