"""The feedback and rating pages: the same rules as the services, shown on the forms, with
the statuses a browser and htmx expect."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.core.demo import DEMO_CITIZEN_ID
from motcua.documents.tests.samples import pdf_bytes
from motcua.feedback.models import DossierRating, Feedback
from motcua.feedback.services import Contact, feedback_file
from motcua.feedback.tests.conftest import TRANSFER, act, answered, vn

pytestmark = pytest.mark.django_db


def form(**overrides) -> dict:
    values = {
        "kind": "procedure",
        "procedure": TRANSFER,
        "title": "Hỏi thời hạn chuyển trường",
        "content": "Bao lâu thì có kết quả?",
        "name": "Lê Văn Hùng",
        "phone": "0912888777",
    }
    values.update(overrides)
    return values


def test_a_visitor_files_and_is_sent_to_the_tracking_page(client, demo):
    page = client.get("/phan-anh/")
    assert page.status_code == 200 and "Gửi phản ánh, kiến nghị" in page.content.decode()
    pdf = SimpleUploadedFile("don.pdf", pdf_bytes(), content_type="application/pdf")
    response = client.post("/phan-anh/", {**form(), "attachments": [pdf]}, follow=True)
    item = Feedback.objects.get()
    assert response.redirect_chain[-1][0] == f"/phan-anh/tra-cuu/?ma={item.tracking_code}"
    html = response.content.decode()
    assert item.tracking_code in html and "Chờ tiếp nhận" in html and "don.pdf" in html
    assert item.filer is None and item.attachments.count() == 1


def test_a_missing_contact_is_shown_on_its_field(client, demo):
    response = client.post("/phan-anh/", form(name="", phone=""))
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_name_error"' in html and "Vui lòng nhập họ tên" in html
    assert not Feedback.objects.exists()
    response = client.post("/phan-anh/", form(name="", phone="", anonymous="on"))
    assert response.status_code == 302 and Feedback.objects.get().anonymous


def test_a_bad_attachment_is_shown_on_the_field_and_nothing_is_stored(client, demo):
    program = SimpleUploadedFile("anh.jpg", b"MZ\x90\x00", content_type="image/jpeg")
    response = client.post("/phan-anh/", {**form(), "attachments": [program]})
    assert response.status_code == 422
    assert 'id="id_attachments_error"' in response.content.decode()
    assert not Feedback.objects.exists()


def test_a_signed_in_citizen_files_with_the_account_and_sees_it_in_their_list(client, users):
    client.force_login(users["congdan"])
    page = client.get("/phan-anh/").content.decode()
    assert 'value="Võ Minh Tuấn"' in page  # contact filled from the account
    client.post("/phan-anh/", form(name="", phone=""))
    item = Feedback.objects.get()
    assert item.filer == users["congdan"]
    assert item.tracking_code in client.get("/phan-anh/cua-toi/").content.decode()


def test_tracking_lookup_and_the_filers_reply(client, users):
    item = feedback_file(
        kind="procedure",
        title="Hỏi",
        content="Nội dung.",
        procedure_code=TRANSFER,
        anonymous=True,
        at=vn(2026, 3, 2, 9),
    )
    assert client.get("/phan-anh/tra-cuu/?ma=PA-00000-00000").status_code == 404
    assert client.get("/phan-anh/tra-cuu/?ma=").status_code == 422
    act(item, users["motcua"], "receive", vn(2026, 3, 2, 10))
    act(item, users["motcua"], "request-info", vn(2026, 3, 2, 11), note="Trường nào?")
    page = client.get(f"/phan-anh/tra-cuu/?ma={item.tracking_code}")
    assert "Trường nào?" in page.content.decode()
    url = f"/phan-anh/tra-cuu/{item.tracking_code}/bo-sung/"
    assert client.post(url, {"reply-text": ""}).status_code == 422
    response = client.post(url, {"reply-text": "Trường THCS Lữ Gia."})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "received" and item.events.last().note == "Trường THCS Lữ Gia."
    assert client.post(url, {"reply-text": "Lần nữa."}).status_code == 409


def test_staff_take_each_step_on_the_page(client, users):
    item = feedback_file(
        kind="procedure",
        title="Hỏi",
        content="Nội dung.",
        procedure_code=TRANSFER,
        contact=Contact(name="A", phone="0912000111"),
    )
    base = f"/phan-anh/quan-ly/{item.tracking_code}/"
    client.force_login(users["motcua"])
    page = client.get(base).content.decode()
    assert 'aria-label="Tiếp nhận"' in page and "Duyệt và công khai" not in page
    assert client.post(base + "receive/", {"receive-category": "quy-dinh"}).status_code == 302
    response = client.post(base + "assign/", {"assign-assignee": str(users["chuyenvien"].pk)})
    assert response.status_code == 302
    client.force_login(users["chuyenvien"])
    response = client.post(base + "answer/", {"answer-note": ""})
    assert response.status_code == 422 and "answer-note" in response.content.decode()
    assert client.post(base + "answer/", {"answer-note": "Ba ngày."}).status_code == 302
    client.force_login(users["lanhdao"])
    page = client.get(base).content.decode()
    assert 'name="publish-public_answer"' in page
    response = client.post(
        base + "publish/",
        {
            "publish-public_title": "Hỏi",
            "publish-public_question": "Nội dung.",
            "publish-public_answer": "Ba ngày.",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "published"
    assert client.post(base + "publish/", {}).status_code == 409


def test_staff_of_another_unit_get_404_and_citizens_403(client, users):
    item = feedback_file(
        kind="procedure", title="Hỏi", content="Nội dung.", procedure_code=TRANSFER, anonymous=True
    )
    base = f"/phan-anh/quan-ly/{item.tracking_code}/"
    client.force_login(users["truong"])  # a school below the department
    assert client.get(base).status_code == 404
    assert client.post(base + "receive/", {}).status_code == 404
    client.force_login(users["congdan"])
    assert client.get(base).status_code == 403
    client.logout()
    assert client.get(base).status_code == 302  # to the login page


def test_the_heads_view_lists_overdue_items_and_links_the_proposals(client, users):
    late = feedback_file(
        kind="proposal",
        title="Bỏ bản sao giấy khai sinh",
        content="Dữ liệu đã có trong CSDL dân cư.",
        procedure_code=TRANSFER,
        anonymous=True,
        at=vn(2026, 3, 2, 9),  # long past its two working days
    )
    fresh = feedback_file(
        kind="procedure",
        title="Mới gửi",
        content="Nội dung.",
        procedure_code=TRANSFER,
        anonymous=True,
    )
    client.force_login(users["lanhdao"])
    html = client.get("/phan-anh/quan-ly/").content.decode()
    panel = html.split('id="h-overdue"')[1].split("</section>")[0]
    assert late.tracking_code in panel and fresh.tracking_code not in panel
    assert "/phan-anh/quan-ly/de-xuat/" in html
    proposals = client.get("/phan-anh/quan-ly/de-xuat/").content.decode()
    assert "Bỏ bản sao giấy khai sinh" in proposals and f"/thu-tuc/{TRANSFER}/" in proposals
    assert "Mới gửi" not in proposals
    detail = client.get(f"/phan-anh/quan-ly/{late.tracking_code}/").content.decode()
    assert "Quá hạn" in detail


def test_the_public_page_shows_only_published_anonymized_answers(client, users):
    item = feedback_file(
        kind="procedure",
        title="Hồ sơ của Trần Văn Bảy",
        content="Tôi là Trần Văn Bảy, điện thoại 0987 654 321, thư bay@example.vn.",
        procedure_code=TRANSFER,
        contact=Contact(name="Trần Văn Bảy", phone="0987654321", email="bay@example.vn"),
        at=vn(2026, 3, 2, 9),
    )
    draft = feedback_file(
        kind="procedure",
        title="Chưa công khai",
        content="Không được hiện.",
        procedure_code=TRANSFER,
        anonymous=True,
    )
    act(answered(item, users, vn(2026, 3, 2, 10)), users["lanhdao"], "publish", vn(2026, 3, 3))
    html = client.get("/phan-anh/cong-khai/?q=ho so").content.decode()
    assert "Thời hạn là 3 ngày làm việc." in html
    for personal in ("Trần Văn Bảy", "0987 654 321", "0987654321", "bay@example.vn"):
        assert personal not in html
    assert item.tracking_code not in html and draft.title not in html
    by_procedure = client.get(f"/phan-anh/cong-khai/?procedure={TRANSFER}").content.decode()
    assert "Thời hạn là 3 ngày làm việc." in by_procedure
    other = client.get("/phan-anh/cong-khai/?procedure=3.000467.H18").content.decode()
    assert "Thời hạn là 3 ngày làm việc." not in other
    fragment = client.get("/phan-anh/cong-khai/?q=thoi han", HTTP_HX_REQUEST="true")
    assert "<html" not in fragment.content.decode()


def test_the_filer_rates_the_answer_on_the_tracking_page(client, users):
    item = answered(
        feedback_file(
            kind="procedure",
            title="Hỏi",
            content="Nội dung.",
            procedure_code=TRANSFER,
            anonymous=True,
        ),
        users,
        vn(2026, 3, 2, 10),
    )
    act(item, users["lanhdao"], "publish", vn(2026, 3, 3))
    url = f"/phan-anh/tra-cuu/{item.tracking_code}/danh-gia/"
    response = client.post(url, {"rating-satisfied": "0", "rating-reason": ""})
    assert response.status_code == 422 and "rating-reason" in response.content.decode()
    assert client.post(url, {"rating-satisfied": "1"}).status_code == 302
    assert client.post(url, {"rating-satisfied": "1"}).status_code == 409
    page = client.get(f"/phan-anh/tra-cuu/?ma={item.tracking_code}").content.decode()
    assert "Bạn đã đánh giá: hài lòng." in page


def test_kiosk_rating_with_code_and_id_number(client, returned):
    dossier = returned()
    page = client.get("/danh-gia/")
    assert page.status_code == 200 and 'name="id_number"' in page.content.decode()
    wrong = client.post(
        "/danh-gia/", {"code": dossier.code, "id_number": "079090009999", "level": "4"}
    )
    assert wrong.status_code == 404 and not DossierRating.objects.exists()
    response = client.post(
        "/danh-gia/",
        {"code": dossier.code, "id_number": DEMO_CITIZEN_ID, "level": "5", "attitude": "1"},
    )
    assert response.status_code == 302
    rating = DossierRating.objects.get()
    assert rating.level == 5 and rating.attitude is True and rating.guidance is None
    again = client.post(
        "/danh-gia/", {"code": dossier.code, "id_number": DEMO_CITIZEN_ID, "level": "1"}
    )
    assert again.status_code == 409 and "đã được đánh giá" in again.content.decode()


def test_the_applicant_rates_online_and_others_may_not(client, returned, users):
    dossier = returned()
    url = f"/danh-gia/ho-so/{dossier.code}/"
    client.force_login(users["motcua"])
    assert client.get(url).status_code == 403
    client.force_login(users["congdan"])
    assert dossier.code in client.get("/danh-gia/").content.decode()  # waiting for a rating
    assert client.post(url, {"level": "3"}).status_code == 302
    assert DossierRating.objects.get().channel == "online"
    assert dossier.code not in client.get("/danh-gia/").content.decode()
    assert client.post(url, {"level": "3"}).status_code == 409


def test_the_public_summary_page_shows_counts_shares_and_a_chart(client, returned, users):
    from motcua.feedback.services import DossierRatingInput, dossier_rate

    dossier = returned()
    dossier_rate(
        code=dossier.code,
        rating=DossierRatingInput(level=4),
        user=users["congdan"],
        at=vn(2026, 3, 10),
    )
    response = client.get("/danh-gia/ket-qua/?start=2026-03-01&end=2026-03-31")
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 đánh giá" in html and "100,0%" in html and "<svg" in html
    assert 'class="lv4" x="0" y="0" width="100.0"' in html
    assert demo_unit_name(users) in html
    empty = client.get("/danh-gia/ket-qua/?start=2026-04-01&end=2026-04-30").content.decode()
    assert "Chưa có đánh giá trong kỳ." in empty
    assert client.get("/danh-gia/ket-qua/?start=2026-05-01&end=2026-04-01").status_code == 422


def demo_unit_name(users) -> str:
    return users["motcua"].units.get().name
