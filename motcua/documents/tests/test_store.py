"""The citizen's data store: papers of a received dossier are kept under the applicant's ID
number, listed and downloaded under "my documents", and offered to a second dossier of the
same person, which attaches them by reference instead of asking for them again."""

import base64
import hashlib
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.catalog.selectors import procedure_get
from motcua.documents.models import AccessKind, FileAccess, StoredDocument, StoredOrigin
from motcua.documents.tests import samples
from motcua.documents.tests.conftest import api
from motcua.dossiers.models import Dossier, DossierFile
from motcua.dossiers.services import dossier_act
from motcua.dossiers.workflow import Action

pytestmark = pytest.mark.django_db

TRANSFER = "2.002481"
CITIZEN_ID = "079090001234"


def components(code: str = TRANSFER) -> dict[int, object]:
    return {c.order: c for c in procedure_get(code=code).components.all()}


def test_receiving_a_dossier_keeps_its_typed_papers_in_the_applicants_store(users, submit_received):
    dossier = submit_received(receive=False)
    assert not StoredDocument.objects.exists()  # submitted is not accepted yet
    dossier = dossier_act(code=dossier.code, actor=users["motcua"], action="receive")
    stored = StoredDocument.objects.order_by("document_type__code")
    # Học bạ and the school's transfer letter have a type; the request form has none.
    assert [d.document_type.code for d in stored] == [
        "giay-gioi-thieu-truong-noi-di",
        "hoc-ba-thcs",
    ]
    hoc_ba = stored.get(document_type__code="hoc-ba-thcs")
    row = dossier.files.get(component__document_type__code="hoc-ba-thcs")
    assert hoc_ba.owner_id_number == CITIZEN_ID and hoc_ba.owner_kind == "person"
    assert hoc_ba.origin == StoredOrigin.DOSSIER_FILE and hoc_ba.source_dossier == dossier
    assert hoc_ba.title == "Học bạ trung học cơ sở"
    assert hoc_ba.issuer == "Trường trung học cơ sở"
    # Its own copy of the bytes, with its own checksum.
    assert hoc_ba.file.name != row.file.name and hoc_ba.file.name.startswith("store/")
    with hoc_ba.file.open("rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == hoc_ba.sha256 == row.sha256
    receive = dossier.events.get(action=Action.RECEIVE)
    assert sorted(receive.data["stored_documents"]) == sorted(d.pk for d in stored)


def test_the_same_paper_is_not_stored_twice(submit_received):
    submit_received()
    submit_received()  # the same bytes again, uploaded rather than reused
    assert StoredDocument.objects.count() == 2


def test_my_documents_page_lists_and_downloads_the_store(client, users, submit_received):
    submit_received()
    client.force_login(users["congdan"])
    html = client.get("/giay-to/").content.decode()
    assert "Giấy tờ của tôi" in html and "Học bạ trung học cơ sở" in html
    document = StoredDocument.objects.get(document_type__code="hoc-ba-thcs")
    assert f'href="/giay-to/{document.pk}/tai-ve/"' in html
    response = client.get(f"/giay-to/{document.pk}/tai-ve/")
    assert response.status_code == 200
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == document.sha256
    log = FileAccess.objects.get(kind=AccessKind.STORED, object_id=document.pk)
    assert log.user == users["congdan"] and log.ground == "applicant"


def test_another_person_cannot_see_or_download_my_store(
    client, users, other_citizen, submit_received
):
    submit_received()
    document = StoredDocument.objects.first()
    client.force_login(other_citizen)
    assert "Học bạ" not in client.get("/giay-to/").content.decode()
    assert client.get(f"/giay-to/{document.pk}/tai-ve/").status_code == 404
    assert api(other_citizen).get("/api/v1/documents/").json() == []
    assert api(other_citizen).get(f"/api/v1/documents/{document.pk}/file/").status_code == 404
    assert api(users["motcua"]).get(f"/api/v1/documents/{document.pk}/file/").status_code == 404
    assert not FileAccess.objects.exists()


def test_the_store_api_lists_and_downloads(users, submit_received):
    submit_received()
    client = api(users["congdan"])
    body = client.get("/api/v1/documents/").json()
    assert {d["document_type"]["code"] for d in body} == {
        "hoc-ba-thcs",
        "giay-gioi-thieu-truong-noi-di",
    }
    first = body[0]
    assert first["valid"] is True and first["origin"] == "dossier_file"
    assert first["source_dossier"] == Dossier.objects.get().code
    response = client.get(first["download"], HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == first["sha256"]
    assert FileAccess.objects.filter(kind=AccessKind.STORED, object_id=first["id"]).count() == 1


# --- a second dossier of the same person reuses the store -------------------------------


def test_second_dossier_on_the_web_reuses_the_store(client, users, submit_received):
    submit_received()
    parts = components()
    hoc_ba = StoredDocument.objects.get(document_type__code="hoc-ba-thcs")
    letter = StoredDocument.objects.get(document_type__code="giay-gioi-thieu-truong-noi-di")
    client.force_login(users["congdan"])
    page = client.get(f"/ho-so/nop/{TRANSFER}/").content.decode()
    # Offered, ticked by default; no upload asked for those components.
    assert "Dùng «Học bạ trung học cơ sở» trong kho dữ liệu của tôi" in page
    assert f'name="reuse_{parts[2].pk}"' in page and "checked" in page
    response = client.post(
        f"/ho-so/nop/{TRANSFER}/",
        {
            "request": "Xin chuyển trường cho con lần hai.",
            f"component_{parts[1].pk}": SimpleUploadedFile("don.pdf", samples.pdf_bytes()),
            f"reuse_{parts[2].pk}": "on",
            f"reuse_{parts[3].pk}": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()
    second = Dossier.objects.latest("pk")
    assert_reused(second, {parts[2].pk: hoc_ba, parts[3].pk: letter})
    # The dossier page says so, and the reused paper downloads from the store's copy.
    page = client.get(f"/ho-so/{second.code}/").content.decode()
    assert "Dùng lại từ kho dữ liệu" in page
    row = second.files.get(component=parts[2])
    download = client.get(f"/ho-so/{second.code}/tep/{row.pk}/")
    assert download.status_code == 200
    assert hashlib.sha256(b"".join(download.streaming_content)).hexdigest() == hoc_ba.sha256
    # Received: nothing new enters the store (the reused papers are already there).
    dossier_act(code=second.code, actor=users["motcua"], action="receive")
    assert StoredDocument.objects.count() == 2


def test_second_dossier_over_the_api_reuses_the_store(users, submit_received):
    submit_received()
    parts = components()
    client = api(users["congdan"])
    offers = client.get("/api/v1/documents/offers/", {"procedure": TRANSFER}).json()
    assert {o["component"] for o in offers} == {parts[2].pk, parts[3].pk}
    reuses = {o["component"]: o["stored_document"]["id"] for o in offers}
    response = client.post(
        "/api/v1/dossiers/", payload("Xin chuyển trường lần hai.", reuses), format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["has_digitized_components"] is True
    assert sorted(f["origin"] for f in body["files"]) == ["reused", "reused", "uploaded"]
    second = Dossier.objects.get(code=body["code"])
    assert_reused(
        second,
        {o["component"]: StoredDocument.objects.get(pk=o["stored_document"]["id"]) for o in offers},
    )
    papers = client.get(f"/api/v1/dossiers/{second.code}/components/").json()
    states = {c["id"]: c["state"] for c in papers["components"]}
    assert states == {parts[1].pk: "uploaded", parts[2].pk: "reused", parts[3].pk: "reused"}
    reused = next(f for f in body["files"] if f["component"] == parts[2].pk)
    download = client.get(reused["download"])
    assert download.status_code == 200
    assert FileAccess.objects.filter(kind=AccessKind.DOSSIER_FILE, object_id=reused["id"]).exists()


def payload(request: str, reuses: dict[int, int]) -> dict:
    """TRANSFER: files for the required components not answered from the store."""
    files = [
        {
            "component": c.pk,
            "name": f"tp-{c.order}.pdf",
            "content": base64.b64encode(samples.pdf_bytes()).decode(),
        }
        for c in components().values()
        if c.is_required and c.pk not in reuses
    ]
    return {
        "procedure": TRANSFER,
        "request": request,
        "components": files,
        "stored_documents": [
            {"component": component, "stored_document": stored}
            for component, stored in reuses.items()
        ],
    }


def assert_reused(dossier: Dossier, expected: dict[int, StoredDocument]) -> None:
    """The dossier answers those components with the stored papers, by reference, and its
    history says it."""
    for component_id, document in expected.items():
        row = dossier.files.get(component_id=component_id)
        assert row.stored_document == document and not row.file
        assert row.sha256 == document.sha256 and row.original_name == document.original_name
    events = dossier.events.filter(action=Action.REUSE_DOCUMENT)
    assert sorted(e.data["component"] for e in events) == sorted(expected)
    assert all(e.from_status == e.to_status for e in events)
    assert dossier.has_digitized_components


def test_an_expired_paper_is_neither_offered_nor_reusable(users, submit_received):
    submit_received()
    parts = components()
    StoredDocument.objects.update(valid_until=date(2020, 1, 1))
    client = api(users["congdan"])
    assert client.get("/api/v1/documents/offers/", {"procedure": TRANSFER}).json() == []
    stored = StoredDocument.objects.get(document_type__code="hoc-ba-thcs")
    response = client.post(
        "/api/v1/dossiers/", payload("Lần hai.", {parts[2].pk: stored.pk}), format="json"
    )
    assert response.status_code == 400
    assert "hết hiệu lực" in response.json()["detail"]


def test_another_persons_paper_cannot_be_reused(users, other_citizen, submit_received):
    submit_received()
    parts = components()
    stored = StoredDocument.objects.get(document_type__code="hoc-ba-thcs")
    before = Dossier.objects.count()
    response = api(other_citizen).post(
        "/api/v1/dossiers/",
        payload("Thử dùng giấy tờ của người khác.", {parts[2].pk: stored.pk}),
        format="json",
    )
    assert response.status_code == 400
    assert "stored_documents[0]" in response.json()["errors"]
    assert Dossier.objects.count() == before


def test_a_paper_of_another_type_cannot_answer_a_component(users, submit_received):
    submit_received()
    parts = components()
    letter = StoredDocument.objects.get(document_type__code="giay-gioi-thieu-truong-noi-di")
    response = api(users["congdan"]).post(
        "/api/v1/dossiers/", payload("Nhầm loại giấy tờ.", {parts[2].pk: letter.pk}), format="json"
    )
    assert response.status_code == 400
    assert "không phải loại giấy tờ" in response.json()["detail"]


def test_the_officer_at_the_desk_is_offered_the_store_and_attaches_it(users, submit_received):
    submit_received()
    parts = components()
    officer = api(users["motcua"])
    response = officer.post(
        "/api/v1/dossiers/",
        {
            "procedure": TRANSFER,
            "request": "Phụ huynh nộp tại quầy.",
            "channel": 1,
            "applicant": {"name": "Võ Minh Tuấn", "id_number": CITIZEN_ID},
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    code = response.json()["code"]
    papers = officer.get(f"/api/v1/dossiers/{code}/components/").json()
    offer = next(c["offer"] for c in papers["components"] if c["id"] == parts[2].pk)
    assert offer["document_type"] == "hoc-ba-thcs"
    attached = officer.post(
        f"/api/v1/dossiers/{code}/components/{parts[2].pk}/stored-document/",
        {"stored_document": offer["id"]},
        format="json",
    )
    assert attached.status_code == 201, attached.json()
    assert attached.json()["origin"] == "reused"
    again = officer.post(
        f"/api/v1/dossiers/{code}/components/{parts[2].pk}/stored-document/",
        {"stored_document": offer["id"]},
        format="json",
    )
    assert again.status_code == 409
    dossier = Dossier.objects.get(code=code)
    event = dossier.events.get(action=Action.REUSE_DOCUMENT)
    assert event.actor == users["motcua"] and event.from_status == event.to_status == 2
    assert DossierFile.objects.filter(dossier=dossier, stored_document__isnull=False).count() == 1
    # Another person's dossier is not offered this citizen's papers.
    other = officer.post(
        "/api/v1/dossiers/",
        {
            "procedure": TRANSFER,
            "request": "Người khác.",
            "channel": 1,
            "applicant": {"name": "Đỗ Thị Mai", "id_number": "079190004321"},
        },
        format="json",
    ).json()
    papers = officer.get(f"/api/v1/dossiers/{other['code']}/components/").json()
    assert all(c["offer"] is None for c in papers["components"])


def test_the_store_list_and_the_components_cost_a_fixed_number_of_queries(users, submit_received):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = api(users["congdan"])
    first = submit_received()

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    store_one = count("/api/v1/documents/")
    papers_one = count(f"/api/v1/dossiers/{first.code}/components/")
    for _ in range(3):
        StoredDocument.objects.create(
            **{
                f.name: getattr(StoredDocument.objects.first(), f.name)
                for f in StoredDocument._meta.concrete_fields
                if f.name != "id"
            }
        )
    assert count("/api/v1/documents/") == store_one
    assert count(f"/api/v1/dossiers/{first.code}/components/") == papers_one
