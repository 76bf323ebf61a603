"""VNPay's payment protocol, version 2.1.0: the signed redirect, and the return and IPN checks.

Pure functions, no Django: the merchant side (`gateway.VNPayProvider`) and the local sandbox
(`payments.sandbox`) both speak through them, so the two ends can never disagree by accident
while the tests hold each to the published rules:

- the payment URL carries `vnp_*` parameters; the amount is in VND × 100; dates are
  `yyyyMMddHHmmss` in GMT+7;
- the signature `vnp_SecureHash` is HMAC-SHA512 with the merchant's secret over the
  parameters sorted by name, each name and value URL-encoded as a form (space as `+`,
  PHP's `urlencode`, Python's `quote_plus`) and joined with `&`;
- on the return and the IPN the hash is checked over every `vnp_*` parameter received, after
  removing `vnp_SecureHash` and `vnp_SecureHashType`;
- the IPN is answered with JSON `{"RspCode": "..", "Message": ".."}`.
"""

import hashlib
import hmac
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from urllib.parse import quote_plus

VERSION = "2.1.0"
GMT7 = timezone(timedelta(hours=7))
DATE_FORMAT = "%Y%m%d%H%M%S"
HASH_FIELDS_EXCLUDED = frozenset({"vnp_SecureHash", "vnp_SecureHashType"})

# The IPN answers VNPay expects (RspCode, Message).
CONFIRM_SUCCESS = ("00", "Confirm Success")
ORDER_NOT_FOUND = ("01", "Order not found")
ORDER_ALREADY_CONFIRMED = ("02", "Order already confirmed")
INVALID_AMOUNT = ("04", "invalid amount")
INVALID_SIGNATURE = ("97", "Invalid signature")
UNKNOWN_ERROR = ("99", "Unknown error")

# vnp_ResponseCode / vnp_TransactionStatus: "00" is a successful payment.
SUCCESS = "00"
RESPONSE_MESSAGES = {
    "00": "Giao dịch thành công",
    "07": "Trừ tiền thành công, giao dịch bị nghi ngờ",
    "09": "Thẻ/Tài khoản chưa đăng ký dịch vụ InternetBanking",
    "10": "Xác thực thông tin thẻ/tài khoản không đúng quá 3 lần",
    "11": "Đã hết hạn chờ thanh toán",
    "12": "Thẻ/Tài khoản bị khóa",
    "13": "Nhập sai mật khẩu xác thực giao dịch (OTP)",
    "24": "Khách hàng hủy giao dịch",
    "51": "Tài khoản không đủ số dư",
    "65": "Tài khoản đã vượt quá hạn mức giao dịch trong ngày",
    "75": "Ngân hàng thanh toán đang bảo trì",
    "79": "Nhập sai mật khẩu thanh toán quá số lần quy định",
    "99": "Lỗi khác",
}


def format_date(moment: datetime) -> str:
    """`yyyyMMddHHmmss` in GMT+7, as VNPay reads `vnp_CreateDate` and `vnp_ExpireDate`."""
    if moment.tzinfo is None:
        raise ValueError("an aware datetime is required")
    return moment.astimezone(GMT7).strftime(DATE_FORMAT)


def parse_date(value: str) -> datetime:
    return datetime.strptime(value, DATE_FORMAT).replace(tzinfo=GMT7)


def to_vnp_amount(amount_vnd: int) -> str:
    return str(int(amount_vnd) * 100)


def from_vnp_amount(value: str) -> int | None:
    """VND from `vnp_Amount`, or None when it is not a whole number of đồng × 100."""
    if not value or not value.isdigit():
        return None
    number = int(value)
    if number % 100:
        return None
    return number // 100


def hash_data(params: Mapping[str, str]) -> str:
    """The signed string: `vnp_*` parameters but the hash itself, sorted, form-encoded."""
    items = sorted(
        (key, str(value))
        for key, value in params.items()
        if key.startswith("vnp_") and key not in HASH_FIELDS_EXCLUDED
    )
    return "&".join(f"{quote_plus(key)}={quote_plus(value)}" for key, value in items)


def sign(params: Mapping[str, str], secret: str) -> str:
    return hmac.new(
        secret.encode("utf-8"), hash_data(params).encode("utf-8"), hashlib.sha512
    ).hexdigest()


def signed_query(params: Mapping[str, str], secret: str) -> str:
    """The query string of a payment URL (or of an IPN): parameters, then `vnp_SecureHash`.
    Empty values are left out, as VNPay's own samples do."""
    present = {key: str(value) for key, value in params.items() if value not in (None, "")}
    query = hash_data(present)
    return f"{query}&vnp_SecureHash={sign(present, secret)}"


def verify(params: Mapping[str, str], secret: str) -> bool:
    received = params.get("vnp_SecureHash", "")
    if not received or not secret:
        return False
    return hmac.compare_digest(received.lower(), sign(params, secret))
