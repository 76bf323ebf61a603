"""VNPay 2.1.0 signatures, as published: a known answer, and what a change does to it."""

from datetime import UTC, datetime
from urllib.parse import parse_qsl

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.payments import vnpay

SECRET = "KATSECRETKATSECRETKATSECRET2026"
PARAMS = {
    "vnp_Version": "2.1.0",
    "vnp_Command": "pay",
    "vnp_TmnCode": "MOTCUA01",
    "vnp_Amount": "1000000",
    "vnp_CurrCode": "VND",
    "vnp_TxnRef": "PAY20261130000001",
    "vnp_OrderInfo": "Thanh toan le phi ho so 000.00.21.H29-261130-0001",
    "vnp_OrderType": "billpayment",
    "vnp_Locale": "vn",
    "vnp_ReturnUrl": "http://127.0.0.1:8000/thanh-toan/vnpay/ket-qua/",
    "vnp_IpAddr": "127.0.0.1",
    "vnp_CreateDate": "20261130101500",
}
# The signed string written out by hand from the rules (sorted names, form encoding: space
# as +, ':' and '/' escaped), and its HMAC-SHA512 computed outside Python with
# `openssl dgst -sha512 -hmac KATSECRETKATSECRETKATSECRET2026`.
KNOWN_STRING = (
    "vnp_Amount=1000000&vnp_Command=pay&vnp_CreateDate=20261130101500&vnp_CurrCode=VND"
    "&vnp_IpAddr=127.0.0.1&vnp_Locale=vn"
    "&vnp_OrderInfo=Thanh+toan+le+phi+ho+so+000.00.21.H29-261130-0001"
    "&vnp_OrderType=billpayment"
    "&vnp_ReturnUrl=http%3A%2F%2F127.0.0.1%3A8000%2Fthanh-toan%2Fvnpay%2Fket-qua%2F"
    "&vnp_TmnCode=MOTCUA01&vnp_TxnRef=PAY20261130000001&vnp_Version=2.1.0"
)
KNOWN_HASH = (
    "3f480148247086c13de45bd4b608ce8339840e41470311898b8d75ff41e8456527b9a0b52c9be36395127fc53"
    "ac0f865ae84aba2f1e7fcb1e3716a40a1816f55"
)


def test_signature_known_answer():
    assert vnpay.hash_data(PARAMS) == KNOWN_STRING
    assert vnpay.sign(PARAMS, SECRET) == KNOWN_HASH


def test_signed_query_carries_the_hash_last_and_verifies():
    query = vnpay.signed_query(PARAMS, SECRET)
    assert query == f"{KNOWN_STRING}&vnp_SecureHash={KNOWN_HASH}"
    received = dict(parse_qsl(query))
    assert vnpay.verify(received, SECRET)


def test_hash_type_and_hash_are_left_out_of_the_check():
    received = {**PARAMS, "vnp_SecureHash": KNOWN_HASH.upper(), "vnp_SecureHashType": "SHA512"}
    assert vnpay.verify(received, SECRET)


def test_a_changed_amount_or_hash_or_secret_fails():
    assert not vnpay.verify({**PARAMS, "vnp_Amount": "100", "vnp_SecureHash": KNOWN_HASH}, SECRET)
    assert not vnpay.verify({**PARAMS, "vnp_SecureHash": KNOWN_HASH[:-1] + "0"}, SECRET)
    assert not vnpay.verify({**PARAMS, "vnp_SecureHash": KNOWN_HASH}, "another-secret")
    assert not vnpay.verify(PARAMS, SECRET)  # no hash at all


def test_parameters_that_are_not_vnp_do_not_count():
    received = {**PARAMS, "vnp_SecureHash": KNOWN_HASH, "utm_source": "mail"}
    assert vnpay.verify(received, SECRET)


def test_amount_is_in_dong_times_100():
    assert vnpay.to_vnp_amount(10_000) == "1000000"
    assert vnpay.from_vnp_amount("1000000") == 10_000
    assert vnpay.from_vnp_amount("1000050") is None  # not whole đồng
    assert vnpay.from_vnp_amount("-100") is None
    assert vnpay.from_vnp_amount("") is None


def test_dates_are_in_gmt_plus_7():
    moment = datetime(2026, 11, 30, 3, 15, 0, tzinfo=UTC)
    assert vnpay.format_date(moment) == "20261130101500"
    assert vnpay.parse_date("20261130101500") == moment
    with pytest.raises(ValueError):
        vnpay.format_date(datetime(2026, 11, 30, 3, 15))  # noqa: DTZ001


@given(st.dictionaries(st.text(min_size=1, max_size=8), st.text(max_size=30), max_size=6))
def test_any_parameters_round_trip_through_a_url(extra):
    params = {**PARAMS, **{f"vnp_X{key}": value for key, value in extra.items()}}
    query = vnpay.signed_query(params, SECRET)
    received = dict(parse_qsl(query, keep_blank_values=True))
    assert vnpay.verify(received, SECRET)
