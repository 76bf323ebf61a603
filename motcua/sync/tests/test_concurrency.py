"""Several senders on PostgreSQL: each dossier's queue is delivered by one sender at a time,
in order and once, however many run together."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from motcua.dossiers.tests.conftest import demo, submit, users, vn  # noqa: F401
from motcua.sync import services
from motcua.sync.models import OutboxEvent, PortalReceipt

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real row locks"),
]


def test_a_head_locked_by_one_sender_is_skipped_by_another(submit):  # noqa: F811
    first, second = submit(), submit(at=vn(2026, 3, 2, 7, 5))
    locked, release = threading.Event(), threading.Event()

    def hold_first():
        try:
            with transaction.atomic():
                services._heads(timezone.now()).filter(dossier=first).select_for_update().first()
                locked.set()
                release.wait(10)
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold_first)
    holder.start()
    assert locked.wait(10)
    try:
        claimed = services._claim(timezone.now(), 50, set())
        assert claimed and claimed[1][0].dossier_id == second.pk
        assert services._claim(timezone.now(), 50, set()) is None
    finally:
        release.set()
        holder.join()


def test_parallel_senders_deliver_every_event_once_and_in_order(submit):  # noqa: F811
    dossiers = [submit(at=vn(2026, 3, 2, 7, i)) for i in range(6)]
    barrier = threading.Barrier(4)

    def sender(_):
        try:
            barrier.wait()
            return services.outbox_deliver()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=4) as pool:
        handled = sum(pool.map(sender, range(4)))
    assert handled == len(dossiers)
    for dossier in dossiers:
        keys = list(OutboxEvent.objects.filter(dossier=dossier).values_list("key", flat=True))
        received = list(
            PortalReceipt.objects.filter(code=dossier.code)
            .order_by("pk")
            .values_list("key", flat=True)
        )
        assert received == keys
