"""A citizen pays a dossier's fee online through the local sandbox gateway (VNPay protocol,
IPN over real HTTP), comes back to the return page, and finds the receipt."""

import pytest

from browser_tests.conftest import sign_in

pytestmark = pytest.mark.browser

TRANSFER = "2.002481"


@pytest.fixture
def owing(demo):
    """The school transfer with a fee on receipt (made up for the test), received by the
    officer: it waits for payment (status 6)."""
    from motcua.catalog.models import ProcedureFee
    from motcua.catalog.selectors import procedure_get
    from motcua.dossiers.services import Applicant, dossier_register

    users = demo["users"]
    ProcedureFee.objects.create(
        procedure=procedure_get(code=TRANSFER),
        name="Lệ phí thử nghiệm",
        amount=50_000,
        online_amount=40_000,
        stage="submission",
    )
    citizen = users["congdan"]
    dossier = dossier_register(
        officer=users["motcua"],
        procedure_code=TRANSFER,
        channel=1,
        applicant=Applicant(name=citizen.full_name, id_number=citizen.citizen_id),
        request="Xin chuyển trường cho con.",
        citizen=citizen,
    )
    assert dossier.status == 6
    return dossier


def test_citizen_pays_online_through_the_sandbox_and_sees_the_receipt(page, live_server, owing):
    from motcua.payments.models import PaymentOrder

    base = live_server.url
    sign_in(page, base, "congdan")
    page.goto(f"{base}/ho-so/{owing.code}/")
    page.get_by_role("button", name="Thanh toán trực tuyến 40.000 đ").click()
    # The sandbox gateway's page.
    page.wait_for_url("**/cong-thanh-toan-thu-nghiem/**")
    assert "THỬ NGHIỆM" in page.content()
    page.get_by_label("Thanh toán thành công").check()
    page.get_by_role("button", name="Xác nhận").click()
    # Back on the return page; the IPN has already been received over HTTP.
    page.wait_for_url("**/thanh-toan/vnpay/ket-qua/**")
    page.get_by_text("Thanh toán thành công.").wait_for()
    order = PaymentOrder.objects.get(dossier=owing)
    assert order.status == "paid" and order.receipt_number
    assert order.receipt_number in page.content()
    # The receipt is in "my documents".
    page.goto(base + "/giay-to/")
    assert order.receipt_number in page.content()
