"""The pages: who may open them, what they show, the xlsx exports, bad parameters."""

import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook

from motcua.dossiers.models import Outcome
from motcua.dossiers.workflow import Status
from motcua.feedback.models import FeedbackKind
from motcua.feedback.services import Contact, feedback_file

from .conftest import NOW, TRANSFER, step, vn

pytestmark = pytest.mark.django_db


@pytest.fixture
def some_dossiers(make_dossier, users, frozen):
    overdue = make_dossier(
        due_at=NOW - timedelta(hours=2),
        current_step=step(TRANSFER, 2),
        assignee=users["chuyenvien"],
    )
    make_dossier(status=Status.RETURNED, outcome=Outcome.LATE, resolved_at=vn(2026, 3, 2, 9, 0))
    make_dossier(status=Status.STOPPED, closed_at=vn(2026, 3, 3, 9, 0))
    return {"overdue": overdue}


def test_the_heads_page_shows_each_number_as_a_link_and_the_charts(client, users, some_dossiers):
    client.force_login(users["lanhdao"])
    response = client.get("/dieu-hanh/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/dieu-hanh/ho-so/?flag=overdue&amp;period=month&amp;year=2026&amp;number=3" in html
    assert "/dieu-hanh/ho-so/?flag=stopped&amp;period=month" in html
    assert "/phan-anh/quan-ly/?overdue=on" in html
    # The weekly chart (SVG) and its table, the on-time table with its procedure.
    assert '<svg class="weekly-chart"' in html and "<caption>" in html
    assert "2.002481" in html and "0,0%" in html  # one resolved in March, late


def test_the_specialists_page_is_narrower(client, users, some_dossiers):
    client.force_login(users["chuyenvien"])
    html = client.get("/dieu-hanh/").content.decode()
    assert "Hồ sơ của tôi cần chú ý" in html
    assert "flag=stopped" not in html and "weekly-chart" not in html
    assert "/phan-anh/quan-ly/?overdue=on&amp;mine=on" in html


def test_a_number_opens_its_list_in_the_queues_layout(client, users, some_dossiers):
    client.force_login(users["lanhdao"])
    response = client.get("/dieu-hanh/ho-so/?flag=overdue")
    assert response.status_code == 200
    html = response.content.decode()
    assert some_dossiers["overdue"].code in html and 'class="overdue"' in html
    partial = client.get("/dieu-hanh/ho-so/?flag=overdue", headers={"HX-Request": "true"})
    assert partial.status_code == 200 and "<html" not in partial.content.decode()
    assert some_dossiers["overdue"].code in partial.content.decode()


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/dieu-hanh/?weeks=0", "weeks"),
        ("/dieu-hanh/?period=week", "period"),
        ("/dieu-hanh/?period=month&number=13", "number"),
        ("/dieu-hanh/ho-so/", "flag"),
        ("/dieu-hanh/ho-so/?flag=late", "flag"),
        ("/ra-soat-thu-tuc/?years=abc", "years"),
        ("/ra-soat-thu-tuc/?late_min=120", "late_min"),
        ("/ra-soat-thu-tuc/khong-phat-sinh.xlsx?min_dossiers=0", "min_dossiers"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it(client, users, frozen, url, field):
    client.force_login(users["lanhdao"])
    response = client.get(url)
    assert response.status_code == 400
    assert field in response.content.decode()


def test_anonymous_people_are_sent_to_log_in(client, demo):
    for url in ("/dieu-hanh/", "/dieu-hanh/ho-so/?flag=overdue", "/ra-soat-thu-tuc/"):
        response = client.get(url)
        assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


@pytest.mark.parametrize(
    ("name", "url"),
    [
        ("congdan", "/dieu-hanh/"),
        ("congdan", "/dieu-hanh/ho-so/?flag=overdue"),
        ("truong", "/dieu-hanh/"),
        ("congdan", "/ra-soat-thu-tuc/"),
        ("motcua", "/ra-soat-thu-tuc/"),
        ("congdan", "/ra-soat-thu-tuc/kien-nghi-don-gian-hoa.xlsx"),
        # Access is checked before the parameters are read.
        ("congdan", "/dieu-hanh/?weeks=0"),
    ],
)
def test_who_may_not_open_the_pages_gets_a_403(client, users, frozen, name, url):
    client.force_login(users[name])
    assert client.get(url).status_code == 403


def test_the_review_page_and_its_three_exports(client, users, make_dossier, frozen):
    make_dossier(procedure_code=TRANSFER, submitted_at=vn(2026, 2, 2, 8, 0))
    feedback_file(
        kind=FeedbackKind.PROPOSAL,
        title="Bỏ bản sao giấy khai sinh",
        content="Đã có trong cơ sở dữ liệu dân cư.",
        procedure_code=TRANSFER,
        contact=Contact(name="Lê Văn Hùng", phone="0912888777"),
        at=vn(2026, 3, 2, 9, 0),
    )
    for _ in range(10):
        make_dossier(status=Status.RETURNED, outcome=Outcome.LATE, resolved_at=vn(2026, 3, 2, 9))
    client.force_login(users["lanhdao"])
    page = client.get("/ra-soat-thu-tuc/?years=2&period=month&year=2026&number=3")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/ra-soat-thu-tuc/khong-phat-sinh.xlsx?years=2&amp;period=month" in html
    assert "Bỏ bản sao giấy khai sinh" in html

    def sheet(url):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        book = load_workbook(io.BytesIO(response.content))
        return [list(row) for row in book.active.iter_rows(values_only=True)], response

    rows, response = sheet("/ra-soat-thu-tuc/khong-phat-sinh.xlsx?years=2")
    assert 'filename="ra-soat-khong-phat-sinh-2-nam.xlsx"' in response["Content-Disposition"]
    assert "2 NĂM" in rows[0][0] and rows[1][1] == "Mã thủ tục"
    idle_codes = [row[1] for row in rows[2:]]
    assert len(idle_codes) == 9 and TRANSFER not in idle_codes
    assert rows[2][5] == "Chưa có hồ sơ" and rows[2][6] == 0

    rows, _response = sheet("/ra-soat-thu-tuc/tre-han-bo-sung.xlsx?period=month&year=2026&number=3")
    assert rows[2][1:6] == [TRANSFER, rows[2][2], 10, 10, 100.0]

    rows, _response = sheet("/ra-soat-thu-tuc/kien-nghi-don-gian-hoa.xlsx")
    assert rows[2][1] == TRANSFER and rows[2][4] == "Bỏ bản sao giấy khai sinh"
    assert rows[2][5] == "Đã có trong cơ sở dữ liệu dân cư."


def test_an_unknown_export_is_404(client, users):
    client.force_login(users["lanhdao"])
    assert client.get("/ra-soat-thu-tuc/khong-co.xlsx").status_code == 404


def test_the_pages_make_a_bounded_number_of_queries(
    client, users, make_dossier, frozen, django_assert_max_num_queries
):
    for day in range(2, 6):
        make_dossier(status=Status.RETURNED, outcome=Outcome.ON_TIME, resolved_at=vn(2026, 3, day))
        make_dossier(due_at=NOW - timedelta(days=day), current_step=step(TRANSFER, 1))
    client.force_login(users["lanhdao"])
    client.get("/dieu-hanh/")  # the calendar and labels cached
    # Session, user, units (dossiers, feedback), calendar ×2, processes ×2, open counts,
    # violations, stopped, feedback, charts (however many weeks), versions, the header's
    # unread notifications.
    with django_assert_max_num_queries(15):
        assert client.get("/dieu-hanh/?weeks=52").status_code == 200
    # Session, user, units ×2, count, page, notifications.
    with django_assert_max_num_queries(8):
        assert client.get("/dieu-hanh/ho-so/?flag=overdue").status_code == 200
    # Session, user, units ×3, procedures, numbers, versions, proposals, notifications.
    with django_assert_max_num_queries(10):
        assert client.get("/ra-soat-thu-tuc/").status_code == 200
