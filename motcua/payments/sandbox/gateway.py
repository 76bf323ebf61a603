"""A local stand-in for VNPay's payment gateway, for the demo and the tests.

It speaks the merchant-facing half of the protocol exactly as `vnpay.py` describes it: it
checks the signed payment URL, shows a payment page, then sends the signed IPN to the
merchant's IPN URL (an HTTP GET, server to server) and sends the browser back to
`vnp_ReturnUrl` with the same signed parameters. It can be told to decline the payment,
to let it time out (no IPN at all), or to send the IPN twice. Enabled in development, the
demo and the tests (`MOTCUA_PAYMENT["SANDBOX"]`); never in production.
"""

import logging
import secrets
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils.translation import gettext as _

from motcua.payments import vnpay

logger = logging.getLogger(__name__)

REQUIRED = (
    "vnp_Version",
    "vnp_Command",
    "vnp_TmnCode",
    "vnp_Amount",
    "vnp_CurrCode",
    "vnp_TxnRef",
    "vnp_OrderInfo",
    "vnp_ReturnUrl",
    "vnp_IpAddr",
    "vnp_CreateDate",
)


class Outcome:
    PAY = "pay"
    DECLINE = "decline"  # insufficient balance (51)
    CANCEL = "cancel"  # the customer cancels (24)
    TIMEOUT = "timeout"  # nothing is confirmed: no IPN; the browser comes back with 11
    PAY_TWICE_IPN = "pay-double-ipn"  # paid, and the IPN is sent twice

    ALL = (PAY, DECLINE, CANCEL, TIMEOUT, PAY_TWICE_IPN)


_RESPONSE = {
    Outcome.PAY: "00",
    Outcome.PAY_TWICE_IPN: "00",
    Outcome.DECLINE: "51",
    Outcome.CANCEL: "24",
    Outcome.TIMEOUT: "11",
}


def _secret() -> str:
    return settings.MOTCUA_PAYMENT["VNPAY_HASH_SECRET"]


@dataclass(frozen=True)
class PaymentRequest:
    params: dict[str, str]
    amount: int
    error: str = ""


def read_request(params: Mapping[str, str], at: datetime) -> PaymentRequest:
    """The merchant's payment URL, checked as the gateway checks it."""
    values = {key: str(value) for key, value in params.items() if key.startswith("vnp_")}
    amount = vnpay.from_vnp_amount(values.get("vnp_Amount", "")) or 0
    missing = [name for name in REQUIRED if not values.get(name)]
    if missing:
        return PaymentRequest(values, amount, _("Thiếu tham số: %s") % ", ".join(missing))
    if not vnpay.verify(values, _secret()):
        return PaymentRequest(values, amount, _("Sai chữ ký (mã 70)."))
    if values["vnp_TmnCode"] != settings.MOTCUA_PAYMENT["VNPAY_TMN_CODE"]:
        return PaymentRequest(values, amount, _("Mã website (vnp_TmnCode) không tồn tại."))
    if values["vnp_Version"] != vnpay.VERSION or values["vnp_Command"] != "pay":
        return PaymentRequest(values, amount, _("Phiên bản hoặc lệnh không được hỗ trợ."))
    if amount <= 0:
        return PaymentRequest(values, amount, _("Số tiền không hợp lệ."))
    expire = values.get("vnp_ExpireDate")
    if expire:
        try:
            expired = vnpay.parse_date(expire) < at
        except ValueError:
            return PaymentRequest(values, amount, _("vnp_ExpireDate không đúng định dạng."))
        if expired:
            return PaymentRequest(values, amount, _("Giao dịch đã quá thời gian chờ thanh toán."))
    return PaymentRequest(values, amount)


def result_params(request: PaymentRequest, outcome: str, at: datetime, bank: str = "NCB") -> dict:
    """The signed parameters of the IPN and of the return, as VNPay sends them."""
    response = _RESPONSE[outcome]
    params = {
        "vnp_Amount": request.params["vnp_Amount"],
        "vnp_BankCode": bank,
        "vnp_CardType": "ATM",
        "vnp_OrderInfo": request.params["vnp_OrderInfo"],
        "vnp_PayDate": vnpay.format_date(at),
        "vnp_ResponseCode": response,
        "vnp_TmnCode": request.params["vnp_TmnCode"],
        "vnp_TransactionNo": str(secrets.randbelow(10**8)).zfill(8),
        "vnp_TransactionStatus": "00" if response == "00" else "02",
        "vnp_TxnRef": request.params["vnp_TxnRef"],
    }
    if response == "00":
        params["vnp_BankTranNo"] = f"VNP{secrets.randbelow(10**8):08d}"
    params["vnp_SecureHash"] = vnpay.sign(params, _secret())
    return params


def query_of(params: Mapping[str, str]) -> str:
    values = {key: value for key, value in params.items() if key != "vnp_SecureHash"}
    return f"{vnpay.hash_data(values)}&vnp_SecureHash={params['vnp_SecureHash']}"


def deliver_ipn(ipn_url: str, params: Mapping[str, str], timeout: float = 10.0) -> str:
    """GET the merchant's IPN URL; the merchant's answer body (or the error) is returned."""
    separator = "&" if "?" in ipn_url else "?"
    url = f"{ipn_url}{separator}{query_of(params)}"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        logger.warning("sandbox IPN to %s failed: %s", ipn_url, exc)
        return f"error: {exc}"
