"""Dossiers from before the outbox get their portal events: the dossier as it is now, then
one step per history row, in order; never twice; delivered like any other event."""

from io import StringIO

import pytest
from django.core.management import call_command

from motcua.dossiers.models import Dossier, DossierEvent
from motcua.sync.models import EventKind, EventState, OutboxEvent, PortalReceipt
from motcua.sync.selectors import synchronized_dossier_ids
from motcua.sync.services import (
    dossier_synchronized,
    dossiers_without_events,
    outbox_backfill,
    outbox_deliver,
)

from .conftest import vn

pytestmark = pytest.mark.django_db


@pytest.fixture
def legacy(lifecycle):
    """A returned dossier whose events were never written (as before the outbox)."""
    dossier = lifecycle()
    OutboxEvent.objects.filter(dossier=dossier).delete()
    return dossier


def test_a_dossier_without_events_gets_its_state_then_its_history(legacy, submit):
    recent = submit(at=vn(2026, 3, 2, 9))  # written through the services: has its events
    before = list(OutboxEvent.objects.filter(dossier=recent).values_list("pk", flat=True))
    history = list(DossierEvent.objects.filter(dossier=legacy).order_by("at", "pk"))

    assert outbox_backfill(dry_run=True).dossiers == 1
    assert OutboxEvent.objects.filter(dossier=legacy).count() == 0  # a dry run writes nothing
    done = outbox_backfill()

    assert (done.dossiers, done.events) == (1, 1 + len(history))
    events = list(OutboxEvent.objects.filter(dossier=legacy).order_by("sequence"))
    assert [e.sequence for e in events] == list(range(1, len(history) + 2))
    assert [e.kind for e in events] == [EventKind.DOSSIER] + [EventKind.STEP] * len(history)
    assert events[0].key == f"{legacy.code}:{history[-1].pk}:dossier"
    assert [e.key for e in events[1:]] == [f"{legacy.code}:{h.pk}:step" for h in history]
    assert events[0].payload["TrangThaiHoSo"] == "done"  # as it is now
    assert events[0].payload["DanhSachGiayToKetQua"]  # its signed e-result
    assert [e.payload["TrangThai"] for e in events[1:]][-1] == "done"
    assert all(e.state == EventState.PENDING for e in events)
    assert list(OutboxEvent.objects.filter(dossier=recent).values_list("pk", flat=True)) == before


def test_backfilling_twice_writes_nothing_more(legacy):
    first = outbox_backfill()
    count = OutboxEvent.objects.count()
    assert first.dossiers == 1
    assert outbox_backfill() == type(first)(dossiers=0, events=0)
    assert outbox_backfill(dry_run=True).dossiers == 0
    assert OutboxEvent.objects.count() == count


def test_backfilled_events_reach_the_portal_in_order(legacy):
    assert not dossier_synchronized(legacy)  # no event at all: the portal never heard of it
    assert synchronized_dossier_ids([legacy.pk]) == set()
    outbox_backfill()
    outbox_deliver()
    received = list(PortalReceipt.objects.filter(code=legacy.code).order_by("pk"))
    keys = list(OutboxEvent.objects.filter(dossier=legacy).values_list("key", flat=True))
    assert [r.key for r in received] == keys
    assert received[0].endpoint == "create"
    assert dossier_synchronized(legacy)
    assert synchronized_dossier_ids([legacy.pk]) == {legacy.pk}


def test_batches_and_a_dossier_with_no_history(submit):
    dossiers = [submit(at=vn(2026, 3, 2, 9 + n)) for n in range(3)]
    OutboxEvent.objects.filter(dossier__in=dossiers).delete()
    DossierEvent.objects.filter(dossier=dossiers[2]).delete()  # generated without history
    seen = []
    done = outbox_backfill(batch_size=2, progress=seen.append)
    assert [b.dossiers for b in seen] == [2, 3]
    assert done.dossiers == 3 and not dossiers_without_events().exists()
    bare = list(OutboxEvent.objects.filter(dossier=dossiers[2]))
    assert [(e.kind, e.key) for e in bare] == [
        (EventKind.DOSSIER, f"{dossiers[2].code}:backfill:dossier")
    ]


def test_the_command_counts_then_writes(legacy):
    out = StringIO()
    call_command("sync_backfill", "--dry-run", stdout=out)
    history = DossierEvent.objects.filter(dossier=legacy).count()
    assert f"1 dossiers without portal events; {history + 1} events would be written" in (
        out.getvalue()
    )
    out = StringIO()
    call_command("sync_backfill", "--batch", "10", stdout=out)
    assert f"Backfilled 1 dossiers with {history + 1} events." in out.getvalue()
    out = StringIO()
    call_command("sync_backfill", stdout=out)
    assert "Backfilled 0 dossiers with 0 events." in out.getvalue()
    assert Dossier.objects.count() == 1
