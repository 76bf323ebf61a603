from datetime import datetime

import pytest
from django.core.files.base import ContentFile

from motcua.core.clock import VIETNAM_TZ
from motcua.core.demo import load_demo
from motcua.documents.tests.samples import pdf_bytes
from motcua.dossiers.services import Upload, dossier_submit

TRANSFER = "2.002481"  # online, 3 working days: officer 2 h, specialist 16 h, head 4 h, officer 2 h
DIPLOMA_COPY = "3.000467.H18"  # desk or post, same day with a 15:00 cut-off


def vn(*args: int) -> datetime:
    return datetime(*args, tzinfo=VIETNAM_TZ)


@pytest.fixture
def demo(db):
    return load_demo()


@pytest.fixture
def users(demo):
    return demo["users"]


def pdf(name: str = "don.pdf", pages: int = 1) -> ContentFile:
    """A real (blank) PDF: uploads are parsed, so a fake one would be refused."""
    return ContentFile(pdf_bytes(pages), name=name)


def paper(name: str) -> Upload:
    """One PDF given without naming a component (e.g. a supplement)."""
    return Upload(component_id=None, file=pdf(name), name=name)


def uploads_for(procedure) -> list[Upload]:
    return [
        Upload(component_id=c.pk, file=pdf(f"tp{c.pk}.pdf"), name=f"Thành phần {c.order}.pdf")
        for c in procedure.components.all()
        if c.source == "upload" and c.is_required
    ]


@pytest.fixture
def submit(users):
    from motcua.catalog.selectors import procedure_get

    def make(at: datetime | None = None, code: str = TRANSFER, citizen=None):
        procedure = procedure_get(code=code)
        return dossier_submit(
            citizen=citizen or users["congdan"],
            procedure_code=code,
            request="Xin chuyển trường cho con từ Quận 5 về Quận 11.",
            uploads=uploads_for(procedure),
            at=at or vn(2026, 3, 2, 7, 0),
        )

    return make
