"""Concurrency on PostgreSQL: codes stay unique and gap-free, and of two people acting on one
dossier at once, exactly one succeeds."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from motcua.core.exceptions import Conflict
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import dossier_act, dossier_submit
from motcua.dossiers.tests.conftest import TRANSFER, uploads_for, vn

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real row locks"),
]


def _in_thread(function):
    def run(*args):
        try:
            return function(*args)
        finally:
            connections.close_all()

    return run


def test_dossier_codes_unique_and_gap_free_under_parallel_submissions(demo):
    from motcua.catalog.selectors import procedure_get

    citizen = demo["users"]["congdan"]
    procedure = procedure_get(code=TRANSFER)
    barrier = threading.Barrier(8)

    @_in_thread
    def submit(i):
        barrier.wait() if i < 8 else None
        return dossier_submit(
            citizen=citizen,
            procedure_code=TRANSFER,
            request=f"Yêu cầu {i}",
            uploads=uploads_for(procedure),
            at=vn(2026, 3, 2, 9),
        ).code

    with ThreadPoolExecutor(max_workers=8) as pool:
        codes = list(pool.map(submit, range(40)))
    assert len(set(codes)) == 40
    numbers = sorted(int(code.rsplit("-", 1)[1]) for code in codes)
    assert numbers == list(range(1, 41))
    assert Dossier.objects.count() == 40


def test_two_people_acting_at_once_cannot_both_succeed(demo):
    from motcua.catalog.selectors import procedure_get

    users = demo["users"]
    from motcua.accounts.services import staff_create

    second_officer = staff_create(
        username="motcua2",
        full_name="Cán bộ 2",
        role="officer",
        password="x",
        units=[demo["department"]],
    )
    dossier = dossier_submit(
        citizen=users["congdan"],
        procedure_code=TRANSFER,
        request="Xin",
        uploads=uploads_for(procedure_get(code=TRANSFER)),
        at=vn(2026, 3, 2, 8),
    )
    barrier = threading.Barrier(2)

    @_in_thread
    def receive(officer):
        barrier.wait()
        try:
            dossier_act(code=dossier.code, actor=officer, action="receive", at=vn(2026, 3, 2, 9))
            return "ok"
        except Conflict:
            return "conflict"

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = sorted(pool.map(receive, [users["motcua"], second_officer]))
    assert results == ["conflict", "ok"]
    assert Dossier.objects.get().events.filter(action="receive").count() == 1
