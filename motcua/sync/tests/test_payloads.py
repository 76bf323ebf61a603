"""The portal's two message shapes, written in the change's transaction, and the backoff."""

import random
import re
from datetime import timedelta

import pytest
from django.db import transaction

from motcua.sync.models import EventKind, OutboxEvent
from motcua.sync.payloads import DOSSIER_FIELDS, STEP_FIELDS, portal_date
from motcua.sync.services import BACKOFF_CAP_SECONDS, backoff

from .conftest import act, vn

pytestmark = pytest.mark.django_db


def test_portal_dates_are_vietnam_time_without_separators():
    assert portal_date(vn(2026, 3, 2, 8, 5, 9)) == "20260302080509"
    assert portal_date(None) == ""


def test_each_change_writes_a_dossier_and_a_step_message_in_order(submit, users):
    dossier = submit()
    act(dossier, users["motcua"], "receive", vn(2026, 3, 2, 8, 0))
    events = list(OutboxEvent.objects.filter(dossier=dossier).order_by("sequence"))
    assert [(e.sequence, e.kind) for e in events] == [
        (1, EventKind.DOSSIER),
        (2, EventKind.STEP),
        (3, EventKind.DOSSIER),
        (4, EventKind.STEP),
    ]
    assert len({e.key for e in events}) == 4
    received = events[2].payload
    assert set(received) == set(DOSSIER_FIELDS)  # jsonb keeps no key order
    assert received["MaHoSo"] == dossier.code and received["MaTTHC"] == "2.002481"
    assert received["TrangThaiHoSo"] == "new" and received["KenhThucHien"] == 2
    assert received["NgayTiepNhan"] == "20260302080000"
    assert re.fullmatch(r"\d{14}", received["NgayHenTra"])
    assert received["NgayTra"] == "" and received["DuocThanhToanTrucTuyen"] == 0
    assert received["TaiLieuNop"] and "MaKiemTra" in received["TaiLieuNop"][0]
    step = events[3].payload
    assert set(step) == set(STEP_FIELDS)
    assert step["ThoiDiemXuLy"] == "20260302080000" and step["TrangThai"] == "new"
    assert step["NoiDungXuLy"] == "Tiếp nhận" and step["NguoiXuLy"]
    assert events[0].payload["TrangThaiHoSo"] == "receiving"


def test_a_rolled_back_change_leaves_no_event(submit, users):
    dossier = submit()
    before = OutboxEvent.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        act(dossier, users["motcua"], "receive", vn(2026, 3, 2, 8, 0))
        assert OutboxEvent.objects.count() == before + 2
        raise RuntimeError("the request failed after the change")
    assert OutboxEvent.objects.count() == before
    dossier.refresh_from_db()
    assert dossier.status == 1


def test_backoff_grows_exponentially_with_jitter_up_to_the_cap():
    rng = random.Random(7)
    delays = [backoff(n, rng=rng) for n in range(1, 12)]
    for n, delay in enumerate(delays, start=1):
        ceiling = min(BACKOFF_CAP_SECONDS, 30 * 2 ** (n - 1))
        assert timedelta(seconds=ceiling / 2) <= delay <= timedelta(seconds=ceiling)
    assert delays[5] > delays[0] * 8
    assert len({backoff(3) for _ in range(20)}) > 1  # jitter: senders do not retry in step
