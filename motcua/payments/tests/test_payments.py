"""Paying a dossier's fee: online through the VNPay protocol (the local sandbox plays the
gateway), or at the desk; the IPN rules; the receipt; expiry; reconciliation."""

from datetime import timedelta
from io import BytesIO
from urllib.parse import urlencode

import pytest
from django.conf import settings
from openpyxl import load_workbook

from motcua.core.clock import now
from motcua.documents.models import StoredDocument
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.payments import vnpay
from motcua.payments.models import Discrepancy, GatewayMessage, OrderStatus, PaymentOrder
from motcua.payments.sandbox.gateway import Outcome, read_request, result_params
from motcua.payments.services import orders_expire
from motcua.payments.tests.conftest import FEE, FEE_ONLINE, api, gateway_params

pytestmark = pytest.mark.django_db

IPN = "/api/v1/payments/vnpay/ipn/"
SECRET = settings.MOTCUA_PAYMENT["VNPAY_HASH_SECRET"]


def start(owing, users) -> dict:
    response = api(users["congdan"]).post(f"/api/v1/dossiers/{owing.code}/payments/online/")
    assert response.status_code == 201, response.json()
    return response.json()


def gateway_answer(started: dict, outcome: str = Outcome.PAY) -> dict[str, str]:
    """What the sandbox gateway sends back (IPN and return) for the payment URL."""
    request = read_request(gateway_params(started["redirect_url"]), now())
    assert request.error == ""
    return result_params(request, outcome, now())


def ipn(client, params: dict) -> dict:
    response = client.get(IPN + "?" + urlencode(params))
    assert response.status_code == 200
    return response.json()


def test_receipt_of_a_dossier_with_a_fee_waits_for_payment_and_shows_the_online_price(owing, users):
    body = api(users["congdan"]).get(f"/api/v1/dossiers/{owing.code}/payments/").json()
    assert body["waiting_for_payment"] is True and body["stage"] == "submission"
    assert body["amount_online"] == FEE_ONLINE and body["amount_at_desk"] == FEE
    owing.refresh_from_db()
    assert owing.status == 6


def test_payment_url_is_signed_vnpay_2_1_0_with_amount_times_100(owing, users):
    started = start(owing, users)
    params = gateway_params(started["redirect_url"])
    assert params["vnp_Version"] == "2.1.0" and params["vnp_Command"] == "pay"
    assert params["vnp_Amount"] == str(FEE_ONLINE * 100)
    assert params["vnp_TxnRef"] == started["txn_ref"]
    created = vnpay.parse_date(params["vnp_CreateDate"])  # GMT+7 wall time
    assert abs((now() - created).total_seconds()) < 60
    assert vnpay.parse_date(params["vnp_ExpireDate"]) > vnpay.parse_date(params["vnp_CreateDate"])
    assert vnpay.verify(params, SECRET)
    assert SECRET not in started["redirect_url"]


def test_ipn_confirms_the_payment_the_dossier_continues_and_a_receipt_is_issued(
    owing, users, client
):
    started = start(owing, users)
    assert ipn(client, gateway_answer(started)) == {"RspCode": "00", "Message": "Confirm Success"}
    order = PaymentOrder.objects.get(txn_ref=started["txn_ref"])
    assert order.status == OrderStatus.PAID and order.gateway_transaction_no
    owing.refresh_from_db()
    assert owing.status == 2  # received: the clock runs again
    assert DossierEvent.objects.filter(dossier=owing, action="pay").exists()
    receipt = StoredDocument.objects.get(pk=order.receipt_id)
    assert receipt.owner_id_number == owing.applicant_id_number
    assert receipt.file.read().startswith(b"%PDF")
    # The citizen sees the receipt in "my documents".
    store = api(users["congdan"]).get("/api/v1/documents/").json()
    titles = [row["title"] for row in (store["results"] if isinstance(store, dict) else store)]
    assert any(order.receipt_number in title for title in titles)


def test_the_browser_return_changes_nothing(owing, users, client):
    started = start(owing, users)
    answer = gateway_answer(started)
    client.force_login(users["congdan"])
    page = client.get("/thanh-toan/vnpay/ket-qua/?" + urlencode(answer))
    assert page.status_code == 200
    assert "Đang chờ cổng thanh toán xác nhận" in page.content.decode()
    order = PaymentOrder.objects.get(txn_ref=started["txn_ref"])
    assert order.status == OrderStatus.PENDING
    assert Dossier.objects.get(pk=owing.pk).status == 6
    # The IPN, arriving after the browser, settles it; the return page now says so.
    assert ipn(client, answer)["RspCode"] == "00"
    page = client.get("/thanh-toan/vnpay/ket-qua/?" + urlencode(answer))
    assert "Thanh toán thành công" in page.content.decode()


def test_a_repeated_ipn_changes_nothing_and_answers_02(owing, users, client):
    started = start(owing, users)
    answer = gateway_answer(started)
    assert ipn(client, answer)["RspCode"] == "00"
    order = PaymentOrder.objects.get(txn_ref=started["txn_ref"])
    events = DossierEvent.objects.filter(dossier=owing).count()
    assert ipn(client, answer) == {"RspCode": "02", "Message": "Order already confirmed"}
    again = PaymentOrder.objects.get(pk=order.pk)
    assert (again.status, again.paid_at, again.receipt_number) == (
        order.status,
        order.paid_at,
        order.receipt_number,
    )
    assert DossierEvent.objects.filter(dossier=owing).count() == events
    assert StoredDocument.objects.filter(origin="receipt").count() == 1


def test_tampered_amount_is_rejected_97_and_nothing_changes(owing, users, client):
    started = start(owing, users)
    answer = gateway_answer(started)
    answer["vnp_Amount"] = str(FEE_ONLINE)  # 100 times less, hash unchanged
    assert ipn(client, answer)["RspCode"] == "97"
    assert PaymentOrder.objects.get(txn_ref=started["txn_ref"]).status == OrderStatus.PENDING
    assert Dossier.objects.get(pk=owing.pk).status == 6
    message = GatewayMessage.objects.get(kind="ipn")
    assert message.discrepancy == Discrepancy.INVALID_SIGNATURE


def test_tampered_signature_is_rejected_97(owing, users, client):
    started = start(owing, users)
    answer = gateway_answer(started)
    answer["vnp_SecureHash"] = answer["vnp_SecureHash"][::-1]
    assert ipn(client, answer) == {"RspCode": "97", "Message": "Invalid signature"}
    assert PaymentOrder.objects.get(txn_ref=started["txn_ref"]).status == OrderStatus.PENDING


def test_correctly_signed_wrong_amount_is_04_and_flagged(owing, users, client):
    started = start(owing, users)
    answer = gateway_answer(started)
    answer["vnp_Amount"] = str((FEE_ONLINE - 1000) * 100)
    answer["vnp_SecureHash"] = vnpay.sign(answer, SECRET)
    assert ipn(client, answer) == {"RspCode": "04", "Message": "invalid amount"}
    assert PaymentOrder.objects.get(txn_ref=started["txn_ref"]).status == OrderStatus.PENDING
    assert GatewayMessage.objects.get().discrepancy == Discrepancy.AMOUNT_MISMATCH


def test_unknown_order_is_01_and_flagged(owing, users, client):
    started = start(owing, users)
    answer = gateway_answer(started)
    answer["vnp_TxnRef"] = "NO-SUCH-ORDER"
    answer["vnp_SecureHash"] = vnpay.sign(answer, SECRET)
    assert ipn(client, answer) == {"RspCode": "01", "Message": "Order not found"}
    assert GatewayMessage.objects.get().discrepancy == Discrepancy.UNKNOWN_ORDER


def test_declined_payment_fails_the_order_and_the_dossier_still_waits(owing, users, client):
    started = start(owing, users)
    assert ipn(client, gateway_answer(started, Outcome.DECLINE))["RspCode"] == "00"
    assert PaymentOrder.objects.get(txn_ref=started["txn_ref"]).status == OrderStatus.FAILED
    assert Dossier.objects.get(pk=owing.pk).status == 6
    # The citizen can try again with a new order.
    assert start(owing, users)["txn_ref"] != started["txn_ref"]


def test_an_order_expires_and_a_late_ipn_is_recorded_and_flagged(owing, users, client):
    started = start(owing, users)
    answer = gateway_answer(started)
    assert orders_expire(now() + timedelta(hours=1)) == 1
    assert PaymentOrder.objects.get(txn_ref=started["txn_ref"]).status == OrderStatus.EXPIRED
    assert ipn(client, answer)["RspCode"] == "02"
    message = GatewayMessage.objects.get(kind="ipn")
    assert message.discrepancy == Discrepancy.LATE_AFTER_EXPIRY
    assert Dossier.objects.get(pk=owing.pk).status == 6


def test_desk_payment_by_the_officer_issues_a_receipt(owing, users):
    response = api(users["motcua"]).post(
        f"/api/v1/dossiers/{owing.code}/payments/desk/", {"method": "cash"}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["amount"] == FEE and response.json()["receipt_number"]
    assert Dossier.objects.get(pk=owing.pk).status == 2
    # Only the officer records it, and only while the dossier owes it.
    again = api(users["motcua"]).post(
        f"/api/v1/dossiers/{owing.code}/payments/desk/", {"method": "cash"}, format="json"
    )
    assert again.status_code == 409
    bad = api(users["motcua"]).post(
        f"/api/v1/dossiers/{owing.code}/payments/desk/", {"method": "bitcoin"}, format="json"
    )
    assert bad.status_code == 400 and "method" in bad.json()["errors"]


def test_transfer_at_the_desk_needs_a_reference_and_citizens_cannot_record_it(owing, users):
    response = api(users["motcua"]).post(
        f"/api/v1/dossiers/{owing.code}/payments/desk/", {"method": "transfer"}, format="json"
    )
    assert response.status_code == 400 and "reference" in response.json()["errors"]
    response = api(users["congdan"]).post(
        f"/api/v1/dossiers/{owing.code}/payments/desk/", {"method": "cash"}, format="json"
    )
    assert response.status_code == 403


def test_paid_at_desk_then_a_late_online_confirmation_is_flagged(owing, users, client):
    started = start(owing, users)
    answer = gateway_answer(started)
    api(users["motcua"]).post(
        f"/api/v1/dossiers/{owing.code}/payments/desk/", {"method": "cash"}, format="json"
    )
    assert ipn(client, answer)["RspCode"] == "02"
    message = GatewayMessage.objects.get(kind="ipn")
    assert message.discrepancy in (Discrepancy.PAID_TWICE, Discrepancy.LATE_AFTER_EXPIRY)
    assert PaymentOrder.objects.filter(dossier=owing, status="paid").count() == 1


def test_only_the_applicant_pays_online(owing, users):
    response = api(users["motcua"]).post(f"/api/v1/dossiers/{owing.code}/payments/online/")
    assert response.status_code == 403


def test_a_dossier_that_owes_nothing_cannot_be_paid(submit, users):
    dossier = submit()
    response = api(users["congdan"]).post(f"/api/v1/dossiers/{dossier.code}/payments/online/")
    assert response.status_code == 409


def test_reconciliation_lists_payments_totals_and_discrepancies(owing, users, client):
    started = start(owing, users)
    answer = gateway_answer(started)
    ipn(client, answer)
    stray = dict(answer, vnp_TxnRef="STRAY-1")
    stray["vnp_SecureHash"] = vnpay.sign(stray, SECRET)
    ipn(client, stray)
    officer = api(users["motcua"])
    body = officer.get("/api/v1/payments/reconciliation/").json()
    assert body["total_amount"] == FEE_ONLINE and body["online_amount"] == FEE_ONLINE
    assert [row["dossier"] for row in body["payments"]] == [owing.code]
    assert body["payments"][0]["gateway_transaction_no"] == answer["vnp_TransactionNo"]
    assert [row["kind"] for row in body["discrepancies"]] == ["unknown_order"]
    client.force_login(users["motcua"])
    sheet = client.get("/thanh-toan/doi-soat/?format=xlsx")
    assert sheet.status_code == 200
    book = load_workbook(BytesIO(sheet.content))
    rows = list(book["Thanh toán"].iter_rows(values_only=True))
    assert rows[2][0] == owing.code and rows[2][2] == FEE_ONLINE
    assert list(book["Sai lệch"].iter_rows(values_only=True))[1][2] == "STRAY-1"
    bad = officer.get("/api/v1/payments/reconciliation/?start=2026-13-01")
    assert bad.status_code == 400 and "start" in bad.json()["errors"]
    assert api(users["congdan"]).get("/api/v1/payments/reconciliation/").status_code == 403


def test_waiting_for_payment_stops_the_clock_and_the_due_date_moves(fee_on_receipt, submit, users):
    from motcua.dossiers.services import dossier_act
    from motcua.dossiers.tests.conftest import vn
    from motcua.payments.services import desk_payment_record
    from motcua.workdays.selectors import get_work_calendar

    dossier = submit(at=vn(2026, 3, 2, 7, 0))
    received_at = vn(2026, 3, 2, 8, 0)
    dossier = dossier_act(
        code=dossier.code, actor=users["motcua"], action="receive", at=received_at
    )
    assert dossier.status == 6
    due_before = dossier.due_at
    paid_at = vn(2026, 3, 4, 8, 0)  # two working days later
    desk_payment_record(code=dossier.code, officer=users["motcua"], method="cash", at=paid_at)
    dossier.refresh_from_db()
    calendar = get_work_calendar()
    assert dossier.status == 2
    assert dossier.paused_seconds == int(
        calendar.working_time_between(received_at, paid_at).total_seconds()
    )
    assert dossier.due_at == calendar.add_working_hours(due_before, timedelta(hours=16))
    pause = dossier.pauses.get(kind="payment")
    assert pause.ended_at == paid_at and pause.clock_stopped
    # A payment wait is not a supplement request: no violation, no supplement counted.
    assert dossier.supplement_count == 0 and not dossier.multiple_supplements


def test_a_fee_due_on_the_result_holds_the_result_until_paid(demo, submit, users):
    from motcua.catalog.models import ProcedureFee
    from motcua.catalog.selectors import procedure_get
    from motcua.documents.models import EResult
    from motcua.dossiers.tests.conftest import TRANSFER

    ProcedureFee.objects.create(
        procedure=procedure_get(code=TRANSFER), name="Lệ phí cấp", amount=20_000, stage="result"
    )
    code = submit().code
    officer, specialist, head = (api(users[n]) for n in ("motcua", "chuyenvien", "lanhdao"))

    def act(client, action, **data):
        return client.post(f"/api/v1/dossiers/{code}/actions/{action}/", data, format="json")

    assert act(officer, "receive").json()["status"] == 2  # nothing due on receipt
    act(officer, "handover")
    act(specialist, "propose", proposal="grant", note="Đủ điều kiện.")
    approved = act(head, "approve").json()
    assert approved["status"] == 6 and approved["resolved_at"]
    assert not EResult.objects.filter(dossier__code=code).exists()
    assert act(officer, "return-result", return_method="desk").status_code == 409
    paid = officer.post(
        f"/api/v1/dossiers/{code}/payments/desk/", {"method": "cash"}, format="json"
    )
    assert paid.status_code == 201 and paid.json()["amount"] == 20_000
    assert Dossier.objects.get(code=code).status == 9
    assert EResult.objects.filter(dossier__code=code).exists()
    assert act(officer, "return-result", return_method="desk").json()["status"] == 10


def test_the_citizen_may_withdraw_while_a_fee_is_owed(owing, users):
    response = api(users["congdan"]).post(
        f"/api/v1/dossiers/{owing.code}/actions/withdraw/", {}, format="json"
    )
    assert response.status_code == 200 and response.json()["status"] == 7
    assert (
        api(users["congdan"]).post(f"/api/v1/dossiers/{owing.code}/payments/online/").status_code
        == 409
    )


def test_the_dossier_page_offers_online_payment_to_the_applicant_and_the_desk_to_the_officer(
    owing, users, client
):
    client.force_login(users["congdan"])
    page = client.get(f"/ho-so/{owing.code}/").content.decode()
    assert "Thanh toán trực tuyến 40.000 đ" in page and "Thu phí tại quầy" not in page
    client.force_login(users["motcua"])
    page = client.get(f"/ho-so/{owing.code}/").content.decode()
    assert "Thu phí tại quầy" in page and "Thanh toán trực tuyến 40.000" not in page
    response = client.post(f"/thanh-toan/ho-so/{owing.code}/tai-quay/", {"method": "cash"})
    assert response.status_code == 302
    assert Dossier.objects.get(pk=owing.pk).status == 2


def test_a_reconciler_closes_a_discrepancy_with_a_note(owing, users, client):
    started = start(owing, users)
    stray = dict(gateway_answer(started), vnp_TxnRef="STRAY-2")
    stray["vnp_SecureHash"] = vnpay.sign(stray, SECRET)
    ipn(client, stray)
    officer = api(users["motcua"])
    [row] = officer.get("/api/v1/payments/reconciliation/").json()["discrepancies"]
    url = f"/api/v1/payments/discrepancies/{row['id']}/resolve/"
    assert officer.post(url, {"note": ""}, format="json").status_code == 400
    assert api(users["congdan"]).post(url, {"note": "x"}, format="json").status_code == 403
    done = officer.post(url, {"note": "Đã liên hệ ngân hàng hoàn tiền."}, format="json")
    assert done.status_code == 200 and done.json()["resolved"] is True
    assert GatewayMessage.objects.get(pk=row["id"]).resolution_note.startswith("Đã liên hệ")


def test_the_receipt_is_downloaded_from_the_dossier_by_its_applicant_and_staff(
    owing, users, client
):
    from motcua.documents.models import FileAccess

    order_ref = (
        api(users["motcua"])
        .post(f"/api/v1/dossiers/{owing.code}/payments/desk/", {"method": "cash"}, format="json")
        .json()["txn_ref"]
    )
    url = f"/api/v1/dossiers/{owing.code}/payments/{order_ref}/receipt/"
    for name in ("congdan", "motcua"):
        response = api(users[name]).get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert FileAccess.objects.filter(dossier=owing).count() == 2
    client.force_login(users["congdan"])
    page = client.get(f"/ho-so/{owing.code}/").content.decode()
    assert f"/thanh-toan/ho-so/{owing.code}/bien-lai/{order_ref}/" in page
    assert client.get(f"/thanh-toan/ho-so/{owing.code}/bien-lai/{order_ref}/").status_code == 200
    assert api(users["congdan"]).get(url.replace(order_ref, "NOPE")).status_code == 404
