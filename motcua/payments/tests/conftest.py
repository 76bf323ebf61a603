from urllib.parse import parse_qsl, urlsplit

import pytest
from rest_framework.test import APIClient

from motcua.catalog.models import ProcedureFee
from motcua.catalog.selectors import procedure_get
from motcua.dossiers.tests.conftest import TRANSFER, demo, submit, users  # noqa: F401

FEE = 50_000
FEE_ONLINE = 40_000


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def fee_on_receipt(demo):  # noqa: F811
    """The school transfer charges 50,000 đ on receipt, 40,000 đ when paid online (a fee made
    up for the tests: the real procedure is free)."""
    procedure = procedure_get(code=TRANSFER)
    return ProcedureFee.objects.create(
        procedure=procedure,
        name="Lệ phí thử nghiệm",
        amount=FEE,
        online_amount=FEE_ONLINE,
        stage="submission",
    )


@pytest.fixture
def owing(fee_on_receipt, submit, users):  # noqa: F811
    """A dossier received by the officer and now waiting for payment (status 6)."""
    dossier = submit()
    response = api(users["motcua"]).post(
        f"/api/v1/dossiers/{dossier.code}/actions/receive/", {}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == 6
    return dossier


def gateway_params(redirect_url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(redirect_url).query, keep_blank_values=True))
