"""The procedure review (plan 306, item 2.2): idle procedures by code across versions, the
procedures whose dossiers are often late or supplemented, the proposals to simplify."""

from decimal import Decimal

import pytest
from django.utils import timezone

from motcua.catalog.models import Procedure, ProcedureStatus
from motcua.catalog.services import procedure_new_version, procedure_publish
from motcua.core.exceptions import NotAllowed
from motcua.core.periods import month
from motcua.dossiers.models import Outcome
from motcua.dossiers.workflow import Status
from motcua.feedback.models import FeedbackKind
from motcua.feedback.services import Contact, feedback_file
from motcua.supervision import selectors
from motcua.supervision.selectors import Thresholds

from .conftest import DIPLOMA_COPY, NOW, TRANSFER, published, vn

pytestmark = pytest.mark.django_db

DEFAULTS = Thresholds(Decimal("10"), Decimal("20"), 10)
OTHER_CODES = 8  # the demo's ten procedures less the two given dossiers here


def review(user, *, years=3, thresholds=DEFAULTS):
    return selectors.procedure_review(
        user, years=years, period=month(2026, 3), thresholds=thresholds, now=NOW
    )


@pytest.fixture
def diploma_v1(demo):
    """The diploma copy procedure revised: version 1 retired, version 2 published."""
    first = published(DIPLOMA_COPY)
    procedure_publish(procedure=procedure_new_version(procedure=first), at=timezone.now())
    first.refresh_from_db()
    assert first.status == ProcedureStatus.RETIRED
    return first


def test_idle_procedures_by_code_across_versions(make_dossier, diploma_v1, users, demo):
    make_dossier(procedure_code=TRANSFER, submitted_at=vn(2026, 2, 2, 8, 0))
    make_dossier(procedure=diploma_v1, submitted_at=vn(2024, 6, 1, 8, 0))
    make_dossier(procedure=diploma_v1, submitted_at=vn(2023, 6, 1, 8, 0))

    three_years = review(users["lanhdao"], years=3)
    assert three_years.since == vn(2023, 3, 4, 10, 0)
    idle = [p.code for p in three_years.idle]
    assert TRANSFER not in idle and DIPLOMA_COPY not in idle
    assert len(idle) == OTHER_CODES
    assert all(p.last_submitted_at is None and p.dossiers == 0 for p in three_years.idle)
    assert idle == sorted(idle)  # never used: by code

    one_year = review(users["lanhdao"], years=1)
    assert len(one_year.idle) == OTHER_CODES + 1
    last = one_year.idle[-1]  # the only one ever used comes after the never-used ones
    assert (last.code, last.last_submitted_at, last.dossiers) == (
        DIPLOMA_COPY,
        vn(2024, 6, 1, 8, 0),
        2,
    )
    assert last.name == published(DIPLOMA_COPY).name


def test_a_dossier_of_another_agency_does_not_make_a_procedure_active(make_dossier, users):
    from motcua.organization.models import UnitLevel
    from motcua.organization.services import unit_create

    elsewhere = unit_create(name="UBND Quận 5", level=UnitLevel.objects.get(code="district"))
    make_dossier(procedure_code=TRANSFER, agency=elsewhere, submitted_at=vn(2026, 3, 1, 8, 0))
    assert TRANSFER in {p.code for p in review(users["lanhdao"]).idle}


def resolved(make_dossier, n, *, outcome=Outcome.ON_TIME, supplements=0, **fields):
    for _ in range(n):
        make_dossier(
            status=Status.RETURNED,
            outcome=outcome,
            resolved_at=vn(2026, 3, 3, 9, 0),
            supplement_count=supplements,
            multiple_supplements=supplements >= 2,
            **fields,
        )


@pytest.fixture
def rates_dataset(make_dossier, diploma_v1):
    codes = sorted(
        Procedure.objects.filter(status=ProcedureStatus.PUBLISHED)
        .exclude(code__in=[TRANSFER, DIPLOMA_COPY])
        .values_list("code", flat=True)
    )
    # Transfer: 1 late in 10 (10 %): reaches the late threshold.
    resolved(make_dossier, 9, procedure_code=TRANSFER)
    resolved(make_dossier, 1, procedure_code=TRANSFER, outcome=Outcome.LATE)
    # Diploma copy, on both versions: 2 supplemented in 10 (20 %), one of them twice (and
    # so late: 10 %).
    resolved(make_dossier, 4, procedure=diploma_v1)
    resolved(make_dossier, 1, procedure=diploma_v1, supplements=2, outcome=Outcome.LATE)
    resolved(make_dossier, 4, procedure_code=DIPLOMA_COPY)
    resolved(make_dossier, 1, procedure_code=DIPLOMA_COPY, supplements=1)
    # All 9 late, but fewer than 10 resolved.
    resolved(make_dossier, 9, procedure_code=codes[0], outcome=Outcome.LATE)
    # 1 supplemented in 10 (10 %): under both thresholds.
    resolved(make_dossier, 9, procedure_code=codes[1])
    resolved(make_dossier, 1, procedure_code=codes[1], supplements=1)
    # Late, but resolved in February: not in the period.
    make_dossier(
        procedure_code=codes[1],
        status=Status.RETURNED,
        outcome=Outcome.LATE,
        resolved_at=vn(2026, 2, 28, 9, 0),
    )
    return codes


def test_procedures_often_late_or_supplemented_with_thresholds(rates_dataset, users):
    rates = review(users["lanhdao"]).rates
    assert [
        (r.code, r.resolved, r.late, str(r.late_rate), r.supplemented, str(r.supplement_rate))
        for r in rates
    ] == [
        # Equally often late: the more often supplemented first.
        (DIPLOMA_COPY, 10, 1, "10.0", 2, "20.0"),
        (TRANSFER, 10, 1, "10.0", 0, "0.0"),
    ]
    assert [r.violations for r in rates] == [1, 0]

    stricter = Thresholds(Decimal("11"), Decimal("20"), 10)
    assert [r.code for r in review(users["lanhdao"], thresholds=stricter).rates] == [DIPLOMA_COPY]
    fewer = Thresholds(Decimal("10"), Decimal("10"), 9)
    assert [r.code for r in review(users["lanhdao"], thresholds=fewer).rates] == [
        rates_dataset[0],  # 100 % late
        DIPLOMA_COPY,
        TRANSFER,
        rates_dataset[1],  # 10 % supplemented
    ]


def test_proposals_to_simplify_are_listed(demo, users):
    contact = Contact(name="Lê Văn Hùng", phone="0912888777")
    proposal = feedback_file(
        kind=FeedbackKind.PROPOSAL,
        title="Bỏ bản sao giấy khai sinh",
        content="Đã có trong cơ sở dữ liệu dân cư.",
        procedure_code=TRANSFER,
        contact=contact,
        at=vn(2026, 3, 2, 9, 0),
    )
    feedback_file(
        kind=FeedbackKind.PROCEDURE,
        title="Hỏi thời hạn",
        content="Bao lâu?",
        procedure_code=TRANSFER,
        contact=contact,
        at=vn(2026, 3, 2, 9, 0),
    )
    assert [f.tracking_code for f in review(users["lanhdao"]).proposals] == [proposal.tracking_code]


def test_only_heads_specialists_and_administrators_review(users):
    for name in ("congdan", "truong", "motcua"):
        with pytest.raises(NotAllowed):
            review(users[name])
    for name in ("lanhdao", "chuyenvien", "admin"):
        assert review(users[name]).years == 3
