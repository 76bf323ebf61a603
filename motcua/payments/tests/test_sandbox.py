"""The local sandbox gateway end to end over real HTTP: it checks the payment URL, sends the
signed IPN server to server, and sends the browser back."""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client, override_settings

from motcua.dossiers.models import Dossier
from motcua.payments.models import GatewayMessage, OrderStatus, PaymentOrder
from motcua.payments.tests.conftest import api, gateway_params


def _pay(live_server, owing, users, outcome: str):
    started = api(users["congdan"]).post(f"/api/v1/dossiers/{owing.code}/payments/online/")
    assert started.status_code == 201
    redirect = started.json()["redirect_url"]
    browser = Client()
    path = urlsplit(redirect)
    page = browser.get(path.path, gateway_params(redirect))
    assert page.status_code == 200 and "THỬ NGHIỆM" in page.content.decode()
    fields = {**gateway_params(redirect), "outcome": outcome, "bank": "NCB"}
    with override_settings(
        MOTCUA_PAYMENT={
            **settings.MOTCUA_PAYMENT,
            "SANDBOX_IPN_URL": f"{live_server.url}/api/v1/payments/vnpay/ipn/",
        }
    ):
        back = browser.post(path.path, fields)
    assert back.status_code == 302
    assert urlsplit(back["Location"]).path == "/thanh-toan/vnpay/ket-qua/"
    return PaymentOrder.objects.get(txn_ref=started.json()["txn_ref"]), back["Location"]


@pytest.mark.django_db(transaction=True)
def test_sandbox_pays_and_the_ipn_arrives_over_http(live_server, owing, users):
    order, location = _pay(live_server, owing, users, "pay")
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert Dossier.objects.get(pk=owing.pk).status == 2
    assert GatewayMessage.objects.filter(kind="ipn", answer_code="00").count() == 1


@pytest.mark.django_db(transaction=True)
def test_sandbox_sends_the_ipn_twice_and_the_second_changes_nothing(live_server, owing, users):
    order, _location = _pay(live_server, owing, users, "pay-double-ipn")
    codes = list(
        GatewayMessage.objects.filter(kind="ipn")
        .order_by("pk")
        .values_list("answer_code", flat=True)
    )
    assert codes == ["00", "02"]
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID


@pytest.mark.django_db(transaction=True)
def test_sandbox_timeout_sends_no_ipn_and_the_order_stays_pending(live_server, owing, users):
    order, _location = _pay(live_server, owing, users, "timeout")
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING
    assert not GatewayMessage.objects.filter(kind="ipn").exists()


@pytest.mark.django_db
def test_sandbox_refuses_a_payment_url_with_a_bad_signature(owing, users, client):
    started = api(users["congdan"]).post(f"/api/v1/dossiers/{owing.code}/payments/online/")
    redirect = started.json()["redirect_url"]
    params = gateway_params(redirect)
    params["vnp_Amount"] = "100"
    page = client.get(urlsplit(redirect).path, params)
    assert page.status_code == 400 and "Sai chữ ký" in page.content.decode()
