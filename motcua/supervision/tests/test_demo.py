"""The control room and the review on the demo data: `load_demo` and generated dossiers."""

from io import StringIO

import pytest
from django.core.management import call_command

from motcua.core.demo import load_demo
from motcua.dossiers.models import Dossier

from .conftest import api

pytestmark = pytest.mark.django_db


def test_the_pages_and_the_api_answer_on_the_demo(client, frozen):
    users = load_demo()["users"]
    call_command(
        "generate_dossiers",
        "--count",
        "300",
        "--seed",
        "3",
        "--years",
        "2025-2026",
        stdout=StringIO(),
    )
    assert Dossier.objects.count() == 300
    call_command("refresh_step_durations", stdout=StringIO())
    for name in ("lanhdao", "chuyenvien", "motcua"):
        client.force_login(users[name])
        assert client.get("/dieu-hanh/").status_code == 200
        assert client.get("/dieu-hanh/ho-so/?flag=at_risk").status_code == 200
        assert api(users[name]).get("/api/v1/control-room/?period=year").status_code == 200
    body = api(users["lanhdao"]).get("/api/v1/control-room/?period=year&weeks=52").json()
    assert sum(w["received"] for w in body["weekly"]) > 0 and body["on_time"]
    client.force_login(users["lanhdao"])
    for url in (
        "/ra-soat-thu-tuc/",
        "/ra-soat-thu-tuc/khong-phat-sinh.xlsx",
        "/ra-soat-thu-tuc/tre-han-bo-sung.xlsx",
        "/ra-soat-thu-tuc/kien-nghi-don-gian-hoa.xlsx",
    ):
        assert client.get(url).status_code == 200
    review = api(users["lanhdao"]).get("/api/v1/procedure-review/?min_dossiers=1").json()
    assert review["rates"] or review["idle"]
