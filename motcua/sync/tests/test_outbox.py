"""Delivery to the portal (the local stand-in): in order per dossier, once, through outages
and crashes; the staff page and API that retry or dead-letter an event."""

from unittest import mock

import pytest
from django.utils import timezone

from motcua.sync import services, standin
from motcua.sync.models import EventState, OutboxEvent, PortalReceipt
from motcua.sync.selectors import synchronized_dossier_ids
from motcua.sync.services import LEASE_SECONDS, dossier_synchronized, outbox_deliver

from .conftest import LATER, vn

pytestmark = pytest.mark.django_db


def _later(seconds: int = 0):  # type: ignore[no-untyped-def]
    return timezone.now() + LATER + timezone.timedelta(seconds=seconds)


def _received(dossier):  # type: ignore[no-untyped-def]
    return list(PortalReceipt.objects.filter(code=dossier.code).order_by("pk"))


def _expected_keys(dossier):  # type: ignore[no-untyped-def]
    return list(OutboxEvent.objects.filter(dossier=dossier).values_list("key", flat=True))


def test_the_whole_life_reaches_the_portal_in_order(lifecycle):
    dossier = lifecycle()
    outbox_deliver()
    received = _received(dossier)
    assert [r.key for r in received] == _expected_keys(dossier)
    words = [r.body["TrangThaiHoSo"] for r in received if r.endpoint != "steps"]
    assert words[0] == "receiving" and words[-1] == "done"
    assert [r.endpoint for r in received if r.endpoint != "steps"][:2] == ["create", "update"]
    last = received[-2].body
    assert last["NgayTra"] == "20260303080000" and last["NgayKetThucXuLy"]
    assert last["DanhSachGiayToKetQua"]  # the signed e-result
    assert dossier_synchronized(dossier)
    assert synchronized_dossier_ids([dossier.pk]) == {dossier.pk}


def test_receiver_down_for_a_while_then_back_delivers_each_event_once_in_order(lifecycle):
    dossier = lifecycle()
    mode = standin.mode()
    mode.fail_all = True
    mode.save()
    outbox_deliver()
    head = OutboxEvent.objects.get(dossier=dossier, sequence=1)
    assert head.state == EventState.PENDING and head.attempts == 1
    assert "503" in head.last_error and head.next_attempt_at > timezone.now()
    assert not dossier_synchronized(dossier)
    outbox_deliver()  # not due yet: no new attempt
    head.refresh_from_db()
    assert head.attempts == 1
    outbox_deliver(at=_later(3600 * 3))
    head.refresh_from_db()
    assert head.attempts == 2 and _received(dossier) == []
    mode.fail_all = False
    mode.save()
    outbox_deliver(at=_later(3600 * 6))
    assert [r.key for r in _received(dossier)] == _expected_keys(dossier)
    assert dossier_synchronized(dossier)


def test_a_failure_mid_queue_keeps_the_rest_waiting_behind_it(lifecycle):
    dossier = lifecycle()
    calls = {"n": 0}
    real = standin.receive

    def third_call_fails(endpoint, key, body):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 3:
            return 503, {"error_code": "-1", "message": "bận"}
        return real(endpoint, key, body)

    with mock.patch.object(standin, "receive", third_call_fails):
        outbox_deliver()
    states = list(OutboxEvent.objects.filter(dossier=dossier).values_list("state", flat=True)[:4])
    assert states[:2] == ["delivered", "delivered"] and set(states[2:]) == {"pending"}
    outbox_deliver(at=_later())
    assert [r.key for r in _received(dossier)] == _expected_keys(dossier)


def test_a_sender_killed_mid_delivery_loses_nothing_and_the_portal_applies_once(lifecycle):
    dossier = lifecycle()
    applied = []
    real = standin.receive

    def spy(endpoint, key, body):  # type: ignore[no-untyped-def]
        status, answer = real(endpoint, key, body)
        applied.append((key, answer.get("duplicate", False)))
        return status, answer

    with (
        mock.patch.object(standin, "receive", spy),
        mock.patch.object(services, "_mark_delivered", side_effect=SystemExit("killed")),
        pytest.raises(SystemExit),
    ):
        services.outbox_deliver_one()
    # The portal got the first message, the sender died before writing it down.
    assert len(_received(dossier)) == 1
    head = OutboxEvent.objects.get(dossier=dossier, sequence=1)
    assert head.state == EventState.PENDING and head.claimed_by
    assert services.outbox_deliver_one() is None  # its claim still holds the dossier
    with mock.patch.object(standin, "receive", spy):
        outbox_deliver(at=_later(LEASE_SECONDS))
    assert applied[1] == (head.key, True)  # the resent message: a duplicate, not applied again
    received = _received(dossier)
    assert [r.key for r in received] == _expected_keys(dossier)
    assert len({r.key for r in received}) == len(received)
    assert dossier_synchronized(dossier)


def test_an_existing_dossier_switches_from_create_to_update(submit, users):
    dossier = submit()
    standin.receive("create", "earlier-system-key", {**_first_body(dossier)})
    outbox_deliver()
    event = OutboxEvent.objects.get(dossier=dossier, sequence=1)
    assert event.state == EventState.DELIVERED and event.endpoint == "update"


def _first_body(dossier):  # type: ignore[no-untyped-def]
    return OutboxEvent.objects.get(dossier=dossier, sequence=1).payload


def test_steps_go_ten_per_call_and_the_stand_in_validates(submit, users):
    dossier = submit()
    step = OutboxEvent.objects.get(dossier=dossier, sequence=2).payload
    too_many = {"data": [step] * 11}
    assert standin.receive("steps", ",".join(f"k{i}" for i in range(11)), too_many)[0] == 400
    status, answer = standin.receive(
        "update", "bad", {**_first_body(dossier), "NgayTiepNhan": "2026"}
    )
    assert status == 400 and "NgayTiepNhan" in answer["message"]
    status, answer = standin.receive("create", "bad2", {"MaHoSo": dossier.code})
    assert status == 400 and "MaTTHC" in answer["message"]
    calls = []
    real = standin.receive

    def count(endpoint, key, body):  # type: ignore[no-untyped-def]
        calls.append((endpoint, len(body["data"]) if endpoint == "steps" else 1))
        return real(endpoint, key, body)

    # Twelve steps in a row (history lines of the papers) go as 10 + 2.
    events = list(OutboxEvent.objects.filter(dossier=dossier))
    for n in range(12):
        OutboxEvent.objects.create(
            dossier=dossier,
            sequence=10 + n,
            kind="step",
            key=f"{dossier.code}:extra:{n}",
            payload=step,
            created_at=events[0].created_at,
            next_attempt_at=events[0].created_at,
        )
    with mock.patch.object(standin, "receive", count):
        outbox_deliver()
    assert calls == [("create", 1), ("steps", 10), ("steps", 3)]


def test_two_senders_never_take_the_same_dossier(submit, users):
    first, second = submit(), submit(at=vn(2026, 3, 2, 7, 5))
    one = services._claim(timezone.now(), 50, set())
    two = services._claim(timezone.now(), 50, set())
    assert one and two
    assert {one[1][0].dossier_id, two[1][0].dossier_id} == {first.pk, second.pk}
    assert services._claim(timezone.now(), 50, set()) is None


def test_staff_page_shows_failures_and_retries_or_dead_letters(client, lifecycle, users):
    dossier = lifecycle()
    mode = standin.mode()
    mode.fail_all = True
    mode.save()
    outbox_deliver()
    head = OutboxEvent.objects.get(dossier=dossier, sequence=1)
    client.force_login(users["chuyenvien"])
    assert client.get("/dong-bo/").status_code == 403
    client.force_login(users["lanhdao"])
    page = client.get("/dong-bo/?failing=1")
    assert page.status_code == 200
    assert "503" in page.content.decode() and dossier.code in page.content.decode()
    mode.fail_all = False
    mode.save()
    response = client.post(f"/dong-bo/{head.pk}/retry/")
    assert response.status_code == 302
    head.refresh_from_db()
    assert head.next_attempt_at <= timezone.now()
    response = client.post(f"/dong-bo/{head.pk}/dead-letter/")
    head.refresh_from_db()
    assert head.state == EventState.DEAD and "Ngừng gửi" in head.last_error
    outbox_deliver()  # the later events go on without it
    assert OutboxEvent.objects.filter(dossier=dossier, state="pending").count() == 0
    assert not dossier_synchronized(dossier)
    response = client.post(f"/dong-bo/{head.pk}/retry/")
    head.refresh_from_db()
    assert head.state == EventState.PENDING
    outbox_deliver()
    assert dossier_synchronized(dossier)


def test_outbox_api_lists_and_dead_letters(lifecycle, users):
    from rest_framework.test import APIClient

    dossier = lifecycle()
    api = APIClient()
    api.force_authenticate(users["motcua"])
    assert api.get("/api/v1/sync/outbox/").status_code == 403
    api.force_authenticate(users["lanhdao"])
    rows = api.get("/api/v1/sync/outbox/?state=pending").json()
    assert rows and rows[0]["dossier"] == dossier.code and rows[0]["state"] == "pending"
    response = api.post(f"/api/v1/sync/outbox/{rows[0]['id']}/dead-letter/")
    assert response.status_code == 200 and response.json()["state"] == "dead"
    assert api.post(f"/api/v1/sync/outbox/{rows[0]['id']}/dead-letter/").status_code == 409


def test_the_stand_in_over_http_is_idempotent_and_answers_exists(client, submit):
    import json

    dossier = submit()
    body = json.dumps(_first_body(dossier))
    url = "/cong-dvcqg-thu-nghiem/hoso/tao"
    first = client.post(url, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k1")
    assert first.json()["error_code"] == "0"
    again = client.post(url, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k1")
    assert again.json()["duplicate"] is True
    other = client.post(url, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k2")
    assert other.json() == {"error_code": "1", "message": standin.ALREADY_EXISTS}
    assert PortalReceipt.objects.filter(code=dossier.code).count() == 1


def test_the_stand_in_is_off_in_production(client, settings, submit):
    settings.MOTCUA_PORTAL_STANDIN = False
    response = client.post("/cong-dvcqg-thu-nghiem/hoso/tao", "{}", content_type="application/json")
    assert response.status_code == 404
