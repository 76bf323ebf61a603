"""Fixtures of the supervision tests: the demo (units, one user per role, the catalog) without
its feedback and reports, a fixed "now", and hand-built dossiers whose every date the tests
choose, so each expected number is counted by hand."""

from datetime import datetime
from itertools import count

import pytest
from django.db import transaction
from django.urls import get_resolver
from rest_framework.test import APIClient

from motcua.catalog.models import Procedure, ProcedureStatus
from motcua.core import clock
from motcua.dossiers.models import Channel, Dossier, Pause, PauseKind
from motcua.dossiers.tests.conftest import DIPLOMA_COPY, TRANSFER, vn
from motcua.dossiers.workflow import Status

__all__ = ["DIPLOMA_COPY", "NOW", "TRANSFER", "vn"]

# Wednesday 4 March 2026, 10:00 in Vietnam: a working day; the month is March.
NOW = vn(2026, 3, 4, 10, 0)


@pytest.fixture(scope="module")
def _demo_once(django_db_setup, django_db_blocker):
    """The demo loaded once per module in a transaction rolled back at its end; each test
    runs in a savepoint inside it. Without the demo's feedback and reports: the tests count
    what they make themselves."""
    from motcua.core import demo as core_demo

    with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock():
        patch.setattr(core_demo, "seed_demo_feedback", lambda **kw: [])
        patch.setattr(core_demo, "seed_demo_reporting", lambda **kw: None, raising=False)
        with transaction.atomic():
            yield core_demo.load_demo()
            transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_once, db):
    return _demo_once


@pytest.fixture
def users(demo):
    return demo["users"]


@pytest.fixture
def frozen(monkeypatch):
    """`clock.now()` is NOW wherever it is read through the module. Every view module is
    imported first: one imported while the clock is replaced (`from motcua.core.clock import
    now`) would keep the replacement for the rest of the test session."""
    get_resolver().url_patterns  # noqa: B018 (imports every view module)
    monkeypatch.setattr(clock, "now", lambda: NOW)
    return NOW


def published(code: str) -> Procedure:
    return Procedure.objects.get(code=code, status=ProcedureStatus.PUBLISHED)


def step(code: str, order: int):
    return published(code).process_steps.get(order=order)


_numbers = count(1)


@pytest.fixture
def make_dossier(demo):
    """A dossier row with the given fields (a received, processing transfer dossier of the
    department unless told otherwise). Read-side tests only: no service, no history."""

    def make(**fields) -> Dossier:
        code = fields.pop("procedure_code", TRANSFER)
        values = {
            "code": f"T-{next(_numbers):06d}",
            "procedure": published(code),
            "agency": demo["department"],
            "channel": Channel.DIRECT,
            "status": Status.PROCESSING,
            "applicant_name": "Nguyễn Văn A",
            "applicant_id_number": "079090001234",
            "request": "Yêu cầu",
            "submitted_at": vn(2026, 2, 2, 8, 0),
            "received_at": vn(2026, 2, 2, 8, 0),
            "due_at": vn(2026, 3, 20, 10, 0),
        }
        values.update(fields)
        return Dossier.objects.create(**values)

    return make


def second_request(dossier: Dossier, at: datetime, requested_by) -> None:
    """The dossier's first and second supplement requests, the second at `at`."""
    for number in (1, 2):
        Pause.objects.create(
            dossier=dossier,
            kind=PauseKind.SUPPLEMENT,
            number=number,
            started_at=at if number == 2 else vn(2026, 1, 5, 8, 0),
            ended_at=at,
            resume_status=Status.PROCESSING,
            reason="Thiếu giấy tờ",
            requested_by=requested_by,
        )


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client
