"""Fixtures of the feedback tests: the demo (units, one user per role, the catalog), a helper
that files an item, one that walks a dossier to its returned result through the services."""

from datetime import datetime, timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from rest_framework.test import APIClient

from motcua.documents.tests.samples import pdf_bytes
from motcua.dossiers.services import ActionInput as DossierInput
from motcua.dossiers.services import dossier_act, dossier_submit
from motcua.dossiers.tests.conftest import DIPLOMA_COPY, TRANSFER, uploads_for, vn
from motcua.feedback.services import ActionInput, Attachment, Contact, feedback_act, feedback_file

__all__ = ["DIPLOMA_COPY", "TRANSFER", "vn"]


@pytest.fixture(scope="module")
def _demo_once(django_db_setup, django_db_blocker):
    """The demo (units, users, catalog), loaded once per test module inside a transaction
    that is rolled back at the end of the module; each test runs in a savepoint inside it
    (pytest-django's higher-scoped transactions). Without the other apps' demo rows nor this
    app's: the tests count what they make themselves (the demo itself: test_demo.py)."""
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
def submit(users):
    """Online submission by the demo citizen, as the dossier tests do."""
    from motcua.catalog.selectors import procedure_get

    def make(at: datetime | None = None, code: str = TRANSFER, citizen=None):
        return dossier_submit(
            citizen=citizen or users["congdan"],
            procedure_code=code,
            request="Xin chuyển trường cho con từ Quận 5 về Quận 11.",
            uploads=uploads_for(procedure_get(code=code)),
            at=at or vn(2026, 3, 2, 7, 0),
        )

    return make


def pdf_attachment(name: str = "anh.pdf") -> Attachment:
    return Attachment(file=ContentFile(pdf_bytes(), name=name), name=name)


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def file_item(demo):
    """File an item about the transfer procedure (the department's), with a contact."""

    def make(at: datetime | None = None, **overrides):
        values = {
            "kind": "procedure",
            "title": "Hỏi về thời hạn chuyển trường",
            "content": "Tôi muốn biết thời hạn giải quyết hồ sơ chuyển trường.",
            "procedure_code": TRANSFER,
            "contact": Contact(name="Lê Văn Hùng", phone="0912 888 777"),
            "at": at or vn(2026, 3, 2, 9, 0),
        }
        values.update(overrides)
        return feedback_file(**values)

    return make


def act(item, user, action, at, **data):
    return feedback_act(
        code=item.tracking_code, actor=user, action=action, data=ActionInput(**data), at=at
    )


def answered(item, users, at: datetime):
    """receive → assign to the demo specialist → answer; returns the item awaiting the head."""
    act(item, users["motcua"], "receive", at)
    act(
        item,
        users["motcua"],
        "assign",
        at + timedelta(minutes=10),
        assignee_id=users["chuyenvien"].pk,
    )
    return act(
        item,
        users["chuyenvien"],
        "answer",
        at + timedelta(hours=2),
        note="Thời hạn là 3 ngày làm việc.",
    )


@pytest.fixture
def returned(submit, users):
    """A dossier of the demo citizen walked to status 10 (result returned)."""

    def make(at: datetime | None = None, code: str = TRANSFER):
        start = at or vn(2026, 3, 2, 7, 0)
        dossier = submit(at=start, code=code)

        def step(user, action, minutes, **data):
            dossier_act(
                code=dossier.code,
                actor=users[user],
                action=action,
                data=DossierInput(**data),
                at=start + timedelta(minutes=minutes),
            )

        step("motcua", "receive", 60)
        step("motcua", "handover", 90)
        step("chuyenvien", "propose", 180, proposal="grant", note="Đủ điều kiện.")
        step("lanhdao", "approve", 240)
        step("motcua", "return-result", 300, return_method="desk")
        dossier.refresh_from_db()
        return dossier

    return make
