"""The payment provider interface and its VNPay adapter.

A provider turns an order into the URL the citizen's browser is sent to, and reads the
gateway's callbacks (the browser's return and the server-to-server IPN) into a `Callback`.
Settings (`MOTCUA_PAYMENT`): the merchant code, the secret, the gateway's URL and the return
URL; the secret is read here and nowhere else, and never logged or shown.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from django.conf import settings

from motcua.payments import vnpay
from motcua.payments.models import PaymentOrder


@dataclass(frozen=True)
class Callback:
    signature_valid: bool
    txn_ref: str
    amount: int | None
    success: bool
    response_code: str
    transaction_no: str
    bank_code: str
    bank_transaction_no: str
    card_type: str
    paid_at: datetime | None
    params: dict[str, str]


class PaymentProvider(Protocol):
    code: str

    def payment_url(
        self, order: PaymentOrder, *, return_url: str, client_ip: str, at: datetime
    ) -> str: ...

    def read_callback(self, params: Mapping[str, str]) -> Callback: ...


class VNPayProvider:
    """VNPay, protocol 2.1.0 (`vnpay.py`)."""

    code = "vnpay"

    def __init__(self, config: Mapping[str, str]) -> None:
        self.tmn_code = config["VNPAY_TMN_CODE"]
        self._secret = config["VNPAY_HASH_SECRET"]
        self.gateway_url = config["VNPAY_PAYMENT_URL"]
        self.order_type = config.get("VNPAY_ORDER_TYPE", "billpayment")

    def __repr__(self) -> str:  # never the secret
        return f"VNPayProvider(tmn_code={self.tmn_code!r}, gateway_url={self.gateway_url!r})"

    def payment_url(
        self, order: PaymentOrder, *, return_url: str, client_ip: str, at: datetime
    ) -> str:
        params = {
            "vnp_Version": vnpay.VERSION,
            "vnp_Command": "pay",
            "vnp_TmnCode": self.tmn_code,
            "vnp_Amount": vnpay.to_vnp_amount(order.amount),
            "vnp_CurrCode": "VND",
            "vnp_TxnRef": order.txn_ref,
            # Plain ASCII, as VNPay asks of vnp_OrderInfo.
            "vnp_OrderInfo": f"Thanh toan phi le phi ho so {order.dossier.code}",
            "vnp_OrderType": self.order_type,
            "vnp_Locale": "vn",
            "vnp_ReturnUrl": return_url,
            "vnp_IpAddr": client_ip or "127.0.0.1",
            "vnp_CreateDate": vnpay.format_date(at),
            "vnp_ExpireDate": vnpay.format_date(order.expires_at or at),
        }
        separator = "&" if "?" in self.gateway_url else "?"
        return f"{self.gateway_url}{separator}{vnpay.signed_query(params, self._secret)}"

    def read_callback(self, params: Mapping[str, str]) -> Callback:
        values = {key: str(value) for key, value in params.items() if key.startswith("vnp_")}
        paid_at = None
        if values.get("vnp_PayDate"):
            try:
                paid_at = vnpay.parse_date(values["vnp_PayDate"])
            except ValueError:
                paid_at = None
        response = values.get("vnp_ResponseCode", "")
        status = values.get("vnp_TransactionStatus", response)
        return Callback(
            signature_valid=vnpay.verify(values, self._secret),
            txn_ref=values.get("vnp_TxnRef", "")[:100],
            amount=vnpay.from_vnp_amount(values.get("vnp_Amount", "")),
            success=response == vnpay.SUCCESS and status == vnpay.SUCCESS,
            response_code=response[:8],
            transaction_no=values.get("vnp_TransactionNo", "")[:64],
            bank_code=values.get("vnp_BankCode", "")[:32],
            bank_transaction_no=values.get("vnp_BankTranNo", "")[:64],
            card_type=values.get("vnp_CardType", "")[:32],
            paid_at=paid_at,
            params=values,
        )


def get_provider() -> PaymentProvider:
    return VNPayProvider(settings.MOTCUA_PAYMENT)
