"""The API: the same numbers and lists as the pages, problem JSON for bad parameters."""

from datetime import timedelta

import pytest

from motcua.dossiers.models import Outcome
from motcua.dossiers.workflow import Status

from .conftest import NOW, TRANSFER, api, step, vn

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossiers(make_dossier, users, frozen):
    return {
        "overdue": make_dossier(due_at=NOW - timedelta(hours=2), current_step=step(TRANSFER, 2)),
        "at_risk": make_dossier(
            due_at=vn(2026, 3, 5, 9, 0),
            current_step=step(TRANSFER, 2),
            assignee=users["chuyenvien"],
        ),
        "resolved": make_dossier(
            status=Status.RETURNED,
            outcome=Outcome.EARLY,
            resolved_at=vn(2026, 3, 2, 9, 0),
            received_at=vn(2026, 2, 26, 9, 0),
        ),
    }


def test_the_control_room_for_the_head(users, dossiers, django_assert_max_num_queries):
    api(users["lanhdao"]).get("/api/v1/control-room/")  # the calendar built and cached
    # Units (dossiers, feedback), calendar ×2, processes ×2, open counts, violations,
    # stopped, feedback, charts, versions.
    with django_assert_max_num_queries(12):
        response = api(users["lanhdao"]).get("/api/v1/control-room/?weeks=2")
    assert response.status_code == 200
    body = response.json()
    assert body["scope"] == "units"
    assert body["period"] == {
        "kind": "month",
        "start": "2026-03-01",
        "end": "2026-03-31",
        "label": "Tháng 3/2026",
    }
    counts = {c["flag"]: c["count"] for c in body["counts"]}
    assert counts == {
        "overdue": 1,
        "due_today": 0,
        "at_risk": 1,
        "supplement": 0,
        "violations": 0,
        "extended": 0,
        "stopped": 0,
    }
    assert body["feedback_overdue"] == 0
    assert body["weekly"] == [
        {"start": "2026-02-23", "end": "2026-03-01", "received": 1, "resolved": 0},
        {"start": "2026-03-02", "end": "2026-03-08", "received": 0, "resolved": 1},
    ]
    assert body["on_time"] == [
        {
            "procedure": TRANSFER,
            "procedure_name": body["on_time"][0]["procedure_name"],
            "resolved": 1,
            "on_time": 1,
            "late": 0,
            "share": "100.0",
        }
    ]


def test_the_control_room_for_a_specialist(users, dossiers):
    body = api(users["chuyenvien"]).get("/api/v1/control-room/").json()
    assert body["scope"] == "assigned"
    assert {c["flag"]: c["count"] for c in body["counts"]}["at_risk"] == 1
    assert "stopped" not in {c["flag"] for c in body["counts"]}
    assert body["weekly"] == [] and body["on_time"] == []


def test_the_dossiers_behind_a_number(users, dossiers, django_assert_max_num_queries):
    # Units ×2, the calendar (checked ×2, built ×2 the first time), processes ×2, the page,
    # procedure and step labels (cached afterwards).
    with django_assert_max_num_queries(11):
        response = api(users["lanhdao"]).get("/api/v1/control-room/dossiers/?flag=at_risk")
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [row["code"] for row in rows] == [dossiers["at_risk"].code]
    assert rows[0]["current_step"]["order"] == 2 and rows[0]["overdue"] is False


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/control-room/?weeks=53", "weeks"),
        ("/api/v1/control-room/?period=custom&from=2026-03-10&to=2026-03-01", "to"),
        ("/api/v1/control-room/?period=quarter&number=5", "number"),
        ("/api/v1/control-room/dossiers/", "flag"),
        ("/api/v1/control-room/dossiers/?flag=overdue&page_size=0", "page_size"),
        ("/api/v1/procedure-review/?years=0", "years"),
        ("/api/v1/procedure-review/?supplement_min=x", "supplement_min"),
        ("/api/v1/procedure-review/?min_dossiers=-1", "min_dossiers"),
        ("/api/v1/procedure-review/?period=custom&from=2026-13-01&to=2026-03-01", "from"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it(users, frozen, url, field):
    response = api(users["lanhdao"]).get(url)
    assert response.status_code == 400
    body = response.json()
    assert body["type"] == "invalid" and field in body["errors"]


def test_the_procedure_review(users, make_dossier, frozen, django_assert_max_num_queries):
    make_dossier(procedure_code=TRANSFER, submitted_at=vn(2026, 2, 2, 8, 0))
    for _ in range(10):
        make_dossier(status=Status.RETURNED, outcome=Outcome.LATE, resolved_at=vn(2026, 3, 2, 9))
    with django_assert_max_num_queries(9):
        response = api(users["chuyenvien"]).get(
            "/api/v1/procedure-review/?years=3&late_min=50&period=month&number=3"
        )
    assert response.status_code == 200
    body = response.json()
    assert body["years"] == 3 and body["thresholds"] == {
        "late_min": "50.0",
        "supplement_min": "20.0",
        "min_dossiers": 10,
    }
    assert TRANSFER not in {p["procedure"] for p in body["idle"]}
    assert all(p["last_submitted_at"] is None and p["dossiers"] == 0 for p in body["idle"])
    assert [(r["procedure"], r["resolved"], r["late"], r["late_rate"]) for r in body["rates"]] == [
        (TRANSFER, 10, 10, "100.0")
    ]
    assert body["proposals"] == []


@pytest.mark.parametrize(
    "url", ["/api/v1/control-room/", "/api/v1/control-room/dossiers/?flag=overdue"]
)
def test_citizens_and_anonymous_callers_are_refused(users, url):
    assert api(users["congdan"]).get(url).status_code == 403
    assert api().get(url).status_code in (401, 403)
    assert api(users["motcua"]).get("/api/v1/procedure-review/").status_code == 403
