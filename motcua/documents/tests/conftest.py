from pathlib import Path

import pytest
from rest_framework.test import APIClient

from motcua.accounts.models import ApplicantKind, Role, User
from motcua.accounts.services import staff_create
from motcua.core.demo import load_demo


@pytest.fixture
def media(settings, tmp_path) -> Path:
    """A fresh MEDIA_ROOT, so a test can say that nothing was written."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


def stored_files(root: Path) -> list[Path]:
    """Files written for dossiers or the data store (the demo's form templates aside)."""
    return sorted(
        p
        for folder in ("dossiers", "store")
        if (root / folder).exists()
        for p in (root / folder).rglob("*")
        if p.is_file()
    )


@pytest.fixture
def demo(media, db):
    return load_demo()


@pytest.fixture
def users(demo):
    return demo["users"]


@pytest.fixture
def other_citizen(demo) -> User:
    user = User(
        username="nguoikhac",
        full_name="Đỗ Thị Mai",
        role=Role.CITIZEN,
        applicant_kind=ApplicantKind.INDIVIDUAL,
        citizen_id="079190004321",
    )
    user.set_password("x")
    user.save()
    return user


@pytest.fixture
def other_unit_staff(demo) -> User:
    """A specialist of a school: staff, but not of the department that handles the dossiers."""
    return staff_create(
        username="chuyenvien-truong",
        full_name="Phan Văn Nam",
        role=Role.SPECIALIST,
        password="x",
        units=[demo["schools"][0]],
    )


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def submit_received(users):
    """A TRANSFER dossier submitted online by `congdan` and received by the officer."""
    from django.core.files.base import ContentFile

    from motcua.catalog.selectors import procedure_get
    from motcua.documents.tests.samples import pdf_bytes
    from motcua.dossiers.services import Upload, dossier_act, dossier_submit

    def make(citizen=None, receive: bool = True):
        procedure = procedure_get(code="2.002481")
        uploads = [
            Upload(
                component_id=c.pk, file=ContentFile(pdf_bytes(c.order)), name=f"tp-{c.order}.pdf"
            )
            for c in procedure.components.all()
            if c.is_required and not c.is_database
        ]
        dossier = dossier_submit(
            citizen=citizen or users["congdan"],
            procedure_code=procedure.code,
            request="Xin chuyển trường cho con từ Quận 5 về Quận 11.",
            uploads=uploads,
        )
        if receive:
            dossier = dossier_act(code=dossier.code, actor=users["motcua"], action="receive")
        return dossier

    return make
