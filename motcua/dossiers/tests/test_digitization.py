"""Digitization at the desk: the one-stop officer scans the paper components of a dossier
(page count read from the PDF, who and when kept), or records a paper shown and not kept;
the dossier's digitization flag (HoSoCoThanhPhanSoHoa) follows, and its history says it."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from motcua.catalog.selectors import procedure_get
from motcua.core.exceptions import Conflict, NotAllowed
from motcua.documents.tests.samples import javascript_pdf, jpeg_bytes, pdf_bytes
from motcua.dossiers.models import DossierFile, ShownComponent
from motcua.dossiers.services import (
    Applicant,
    Upload,
    dossier_act,
    dossier_component_show,
    dossier_file_upload,
    dossier_register,
)
from motcua.dossiers.tests.conftest import DIPLOMA_COPY, TRANSFER, vn
from motcua.dossiers.workflow import Action, Status

pytestmark = pytest.mark.django_db


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def component(code: str, order: int):
    return procedure_get(code=code).components.get(order=order)


@pytest.fixture
def registered(users):
    """A TRANSFER dossier brought on paper to the desk, registered without scans."""
    return dossier_register(
        officer=users["motcua"],
        procedure_code=TRANSFER,
        channel=1,
        applicant=Applicant(name="Võ Minh Tuấn", id_number="079090001234"),
        request="Xin chuyển trường cho con.",
        at=vn(2026, 3, 2, 9, 0),
    )


def scan(dossier, user, order: int, pages: int = 1, digitized: bool = True, name: str = ""):
    return dossier_file_upload(
        code=dossier.code,
        actor=user,
        component_id=component(TRANSFER, order).pk,
        upload=Upload(
            component_id=None,
            file=ContentFile(pdf_bytes(pages)),
            name=name or f"quet-{order}.pdf",
        ),
        digitized=digitized,
    )


def test_a_desk_registration_without_scans_is_not_digitized(registered):
    assert registered.status == Status.RECEIVED
    assert registered.has_digitized_components is False


def test_the_officer_scans_each_paper_with_its_page_count(registered, users):
    row = scan(registered, users["motcua"], 2, pages=3, name="hoc-ba.pdf")
    assert row.digitized and row.page_count == 3
    assert row.uploaded_by == users["motcua"] and row.content_type == "application/pdf"
    event = registered.events.get(action=Action.DIGITIZE)
    assert event.from_status == event.to_status == Status.RECEIVED
    assert event.actor == users["motcua"] and "hoc-ba.pdf" in event.note and "3 trang" in event.note
    assert event.data == {"component": row.component_id, "file": row.pk, "page_count": 3}
    registered.refresh_from_db()
    assert registered.has_digitized_components is False  # two papers still only on paper
    scan(registered, users["motcua"], 1)
    scan(registered, users["motcua"], 3)
    registered.refresh_from_db()
    assert registered.has_digitized_components is True
    assert registered.status == Status.RECEIVED  # papers never move the status


def test_a_scan_of_a_typed_paper_enters_the_store_of_a_received_dossier(registered, users):
    from motcua.documents.models import StoredDocument

    scan(registered, users["motcua"], 2, pages=2)  # Học bạ
    stored = StoredDocument.objects.get()
    assert stored.document_type.code == "hoc-ba-thcs" and stored.owner_id_number == "079090001234"


def test_an_image_scan_counts_one_page(registered, users):
    row = dossier_file_upload(
        code=registered.code,
        actor=users["motcua"],
        component_id=component(TRANSFER, 1).pk,
        upload=Upload(component_id=None, file=ContentFile(jpeg_bytes()), name="don.jpg"),
        digitized=True,
    )
    assert row.page_count == 1 and row.content_type == "image/jpeg"


def test_shown_not_kept_counts_as_given_and_is_recorded(registered, users):
    scan(registered, users["motcua"], 1)
    scan(registered, users["motcua"], 3)
    shown = dossier_component_show(
        code=registered.code,
        actor=users["motcua"],
        component_id=component(TRANSFER, 2).pk,
        note="Đã đối chiếu học bạ bản chính, trả lại phụ huynh.",
    )
    assert shown.shown_by == users["motcua"] and shown.note.startswith("Đã đối chiếu")
    registered.refresh_from_db()
    assert registered.has_digitized_components is True
    event = registered.events.get(action=Action.SHOW_PAPER)
    assert event.from_status == event.to_status and "Đã đối chiếu" in event.note
    with pytest.raises(Conflict):
        dossier_component_show(
            code=registered.code, actor=users["motcua"], component_id=shown.component_id
        )


def test_only_the_officer_digitizes_or_records_shown_papers(submit, users):
    dossier = submit()
    for username in ("congdan", "chuyenvien"):
        with pytest.raises(NotAllowed):
            scan(dossier, users[username], 1)
        with pytest.raises(NotAllowed):
            dossier_component_show(
                code=dossier.code,
                actor=users[username],
                component_id=component(TRANSFER, 1).pk,
            )


def test_the_citizen_adds_papers_only_while_asked_for_a_supplement(submit, users):
    dossier = submit()
    with pytest.raises(Conflict):
        scan(dossier, users["congdan"], 2, digitized=False)
    dossier_act(
        code=dossier.code,
        actor=users["motcua"],
        action="request-supplement",
        data=__import__("motcua.dossiers.services", fromlist=["ActionInput"]).ActionInput(
            items=["Học bạ bản rõ hơn"], note="Bản quét mờ."
        ),
    )
    row = scan(dossier, users["congdan"], 2, digitized=False, name="hoc-ba-ro.pdf")
    assert row.round == 1 and not row.digitized
    assert dossier.events.filter(action=Action.ATTACH_FILE).exists()
    # The supplement action then resumes the dossier with the paper already attached.
    dossier = dossier_act(code=dossier.code, actor=users["congdan"], action="supplement")
    assert dossier.status == Status.SUBMITTED


def test_no_paper_is_added_to_a_finished_dossier(registered, users):
    from motcua.dossiers.services import ActionInput

    dossier_act(
        code=registered.code,
        actor=users["motcua"],
        action="stop",
        data=ActionInput(note="Người nộp đề nghị dừng."),
    )
    with pytest.raises(Conflict):
        scan(registered, users["motcua"], 1)


def test_desk_registration_scans_are_digitized(users):
    dossier = dossier_register(
        officer=users["motcua"],
        procedure_code=DIPLOMA_COPY,
        channel=1,
        applicant=Applicant(name="Võ Minh Tuấn", id_number="079090001234"),
        request="Cấp bản sao bằng tốt nghiệp THCS.",
        uploads=[
            Upload(
                component_id=component(DIPLOMA_COPY, 1).pk,
                file=ContentFile(pdf_bytes(2)),
                name="don.pdf",
            )
        ],
    )
    row = dossier.files.get()
    assert row.digitized and row.page_count == 2 and row.uploaded_by == users["motcua"]
    # The request form is the only required paper; the ID card is a database look-up.
    assert dossier.has_digitized_components is True


# --- the dossier page -------------------------------------------------------------------


def test_the_page_shows_each_components_state(client, registered, users):
    scan(registered, users["motcua"], 1, pages=2)
    dossier_component_show(
        code=registered.code, actor=users["motcua"], component_id=component(TRANSFER, 2).pk
    )
    client.force_login(users["motcua"])
    html = client.get(f"/ho-so/{registered.code}/").content.decode()
    assert "Số hóa tại bộ phận một cửa" in html and "số hóa tại quầy, 2 trang" in html
    assert "Xuất trình tại quầy, không lưu" in html
    assert "Chưa có" in html  # the third paper
    assert "Chưa đủ bản điện tử" in html
    assert (
        f'action="/ho-so/{registered.code}/thanh-phan/{component(TRANSFER, 3).pk}/so-hoa/"' in html
    )


def test_the_officer_scans_from_the_page(client, registered, users):
    part = component(TRANSFER, 2)
    client.force_login(users["motcua"])
    response = client.post(
        f"/ho-so/{registered.code}/thanh-phan/{part.pk}/so-hoa/",
        {f"scan-{part.pk}-file": SimpleUploadedFile("hoc-ba.pdf", pdf_bytes(4))},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#component-{part.pk}")
    row = DossierFile.objects.get(dossier=registered, component=part)
    assert row.digitized and row.page_count == 4


def test_a_refused_scan_comes_back_on_the_page_with_the_reason(client, registered, users):
    part = component(TRANSFER, 2)
    client.force_login(users["motcua"])
    response = client.post(
        f"/ho-so/{registered.code}/thanh-phan/{part.pk}/so-hoa/",
        {f"scan-{part.pk}-file": SimpleUploadedFile("hoc-ba.pdf", javascript_pdf())},
    )
    assert response.status_code == 422
    assert "«hoc-ba.pdf» là PDF có chứa mã JavaScript" in response.content.decode()
    assert not DossierFile.objects.filter(dossier=registered).exists()


def test_the_officer_records_a_shown_paper_from_the_page(client, registered, users):
    part = component(TRANSFER, 3)
    client.force_login(users["motcua"])
    response = client.post(
        f"/ho-so/{registered.code}/thanh-phan/{part.pk}/xuat-trinh/",
        {f"shown-{part.pk}-note": "Đã xem bản chính."},
    )
    assert response.status_code == 302
    assert (
        ShownComponent.objects.get(dossier=registered, component=part).note == "Đã xem bản chính."
    )


def test_the_citizen_sees_states_but_no_desk_forms(client, submit, users):
    dossier = submit()
    client.force_login(users["congdan"])
    html = client.get(f"/ho-so/{dossier.code}/").content.decode()
    assert "Nộp bản điện tử" in html and "/so-hoa/" not in html and "/xuat-trinh/" not in html


# --- the API ----------------------------------------------------------------------------


def test_api_digitizes_lists_and_records_shown(registered, users):
    officer = api(users["motcua"])
    part = component(TRANSFER, 1)
    response = officer.post(
        f"/api/v1/dossiers/{registered.code}/components/{part.pk}/files/",
        {"file": SimpleUploadedFile("don.pdf", pdf_bytes(2)), "digitized": "true"},
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["origin"] == "digitized" and body["page_count"] == 2 and len(body["sha256"]) == 64
    shown = officer.post(
        f"/api/v1/dossiers/{registered.code}/components/{component(TRANSFER, 2).pk}/shown/",
        {"note": "Đối chiếu bản chính."},
        format="json",
    )
    assert shown.status_code == 201 and shown.json()["note"] == "Đối chiếu bản chính."
    papers = officer.get(f"/api/v1/dossiers/{registered.code}/components/").json()
    states = [c["state"] for c in papers["components"]]
    assert states == ["digitized", "shown", "missing"]
    assert papers["has_digitized_components"] is False
    assert papers["components"][0]["accepted_kinds"] == ["pdf", "jpeg", "png"]
    assert papers["components"][1]["document_type"]["code"] == "hoc-ba-thcs"


def test_api_refuses_digitization_by_a_citizen(submit, users):
    dossier = submit()
    part = component(TRANSFER, 1)
    response = api(users["congdan"]).post(
        f"/api/v1/dossiers/{dossier.code}/components/{part.pk}/files/",
        {"file": SimpleUploadedFile("don.pdf", pdf_bytes()), "digitized": "true"},
        format="multipart",
    )
    assert response.status_code == 403


def test_api_component_of_another_procedure_is_404(registered, users):
    other = component(DIPLOMA_COPY, 1)
    response = api(users["motcua"]).post(
        f"/api/v1/dossiers/{registered.code}/components/{other.pk}/shown/", {}, format="json"
    )
    assert response.status_code == 404


def test_database_components_need_no_paper(users):
    dossier = dossier_register(
        officer=users["motcua"],
        procedure_code=DIPLOMA_COPY,
        channel=1,
        applicant=Applicant(name="Võ Minh Tuấn", id_number="079090001234"),
        request="Cấp bản sao.",
    )
    cccd = component(DIPLOMA_COPY, 2)
    response = api(users["motcua"]).post(
        f"/api/v1/dossiers/{dossier.code}/components/{cccd.pk}/files/",
        {"file": SimpleUploadedFile("cccd.pdf", pdf_bytes()), "digitized": "true"},
        format="multipart",
    )
    assert response.status_code == 400 and "cơ sở dữ liệu" in response.json()["detail"]
    papers = api(users["motcua"]).get(f"/api/v1/dossiers/{dossier.code}/components/").json()
    assert papers["components"][1]["state"] == "database"
