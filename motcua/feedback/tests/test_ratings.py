"""Satisfaction with dossier handling: once per returned dossier, by its applicant only, and
the public aggregates per unit, per procedure and period."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from motcua.accounts.models import ApplicantKind, Role, User
from motcua.core.demo import DEMO_CITIZEN_ID
from motcua.core.exceptions import Conflict, InvalidInput, NotAllowed, NotFound
from motcua.feedback import selectors
from motcua.feedback.models import DossierRating, Level, RatingChannel
from motcua.feedback.services import DossierRatingInput, dossier_rate
from motcua.feedback.tests.conftest import vn

pytestmark = pytest.mark.django_db


def rate(dossier, level=Level.SATISFIED, at=None, **kwargs):
    return dossier_rate(
        code=dossier.code,
        rating=DossierRatingInput(
            level=level, criteria=kwargs.pop("criteria", {}), comment=kwargs.pop("comment", "")
        ),
        at=at or vn(2026, 3, 10, 9),
        **kwargs,
    )


def test_the_applicant_rates_a_returned_dossier_once(returned, users):
    dossier = returned()
    rating = rate(
        dossier,
        Level.VERY_SATISFIED,
        user=users["congdan"],
        criteria={"guidance": True, "no_extra_papers": False},
        comment="Cán bộ hướng dẫn tận tình.",
    )
    assert rating.dossier == dossier and rating.channel == RatingChannel.ONLINE
    assert (rating.guidance, rating.no_extra_papers, rating.cost) == (True, False, None)
    with pytest.raises(Conflict) as exc:
        rate(dossier, Level.DISSATISFIED, user=users["congdan"])
    assert exc.value.status == 409 and exc.value.code == "already_rated"
    assert DossierRating.objects.get().level == Level.VERY_SATISFIED


def test_only_the_applicant_may_rate(returned, users):
    dossier = returned()
    neighbour = User.objects.create(
        username="hangxom", role=Role.CITIZEN, applicant_kind=ApplicantKind.INDIVIDUAL
    )
    for person in (neighbour, users["motcua"], users["lanhdao"]):
        with pytest.raises(NotAllowed) as exc:
            rate(dossier, user=person)
        assert exc.value.status == 403
    assert not DossierRating.objects.exists()


def test_a_dossier_not_yet_returned_cannot_be_rated(submit, users):
    dossier = submit()
    with pytest.raises(Conflict) as exc:
        rate(dossier, user=users["congdan"])
    assert "Mới đăng ký" in exc.value.message
    with pytest.raises(Conflict):
        rate(dossier, id_number=DEMO_CITIZEN_ID)


def test_the_kiosk_needs_the_code_and_the_applicants_id_number(returned):
    dossier = returned()
    with pytest.raises(InvalidInput) as exc:
        rate(dossier)
    assert "id_number" in exc.value.errors
    with pytest.raises(NotFound):
        rate(dossier, id_number="079090009999")
    with pytest.raises(NotFound):
        dossier_rate(
            code="000.00.21.H29-000000-0000",
            rating=DossierRatingInput(level=4),
            id_number=DEMO_CITIZEN_ID,
        )
    rating = rate(dossier, Level.NEUTRAL, id_number=DEMO_CITIZEN_ID)
    assert rating.channel == RatingChannel.KIOSK and rating.rated_by is None
    with pytest.raises(Conflict):
        rate(dossier, id_number=DEMO_CITIZEN_ID)


def test_level_and_criteria_are_checked(returned, users):
    dossier = returned()
    with pytest.raises(InvalidInput) as exc:
        rate(dossier, level=7, user=users["congdan"])
    assert "level" in exc.value.errors
    with pytest.raises(InvalidInput) as exc:
        rate(dossier, user=users["congdan"], criteria={"speed": True})
    assert "criteria" in exc.value.errors


def test_the_database_holds_one_rating_per_dossier(returned):
    dossier = returned()
    values = {"level": 4, "channel": "kiosk", "rated_at": vn(2026, 3, 10)}
    DossierRating.objects.create(dossier=dossier, **values)
    with pytest.raises(IntegrityError), transaction.atomic():
        DossierRating.objects.create(dossier=dossier, **values)


def test_aggregates_per_unit_procedure_and_period(returned, users, demo):
    # Three dossiers of the transfer procedure and one of another online procedure.
    march = [returned(vn(2026, 3, day, 7)) for day in (2, 3)]
    other = returned(vn(2026, 3, 4, 7), code="1.012962.000.00.00.H38")
    april = returned(vn(2026, 3, 5, 7))
    rate(march[0], Level.VERY_SATISFIED, user=users["congdan"], at=vn(2026, 3, 10, 9))
    rate(
        march[1],
        Level.SATISFIED,
        user=users["congdan"],
        at=vn(2026, 3, 31, 23, 30),  # still March in Vietnam (16:30 UTC)
        criteria={"attitude": True},
    )
    rate(
        other,
        Level.DISSATISFIED,
        id_number=DEMO_CITIZEN_ID,
        at=vn(2026, 3, 12),
        criteria={"attitude": False},
    )
    rate(april, Level.VERY_DISSATISFIED, user=users["congdan"], at=vn(2026, 4, 1, 0, 30))

    march_summary = selectors.rating_summary(start=date(2026, 3, 1), end=date(2026, 3, 31))
    overall = march_summary.overall
    assert overall.total == 3
    shares = {s.level: (s.count, s.percent) for s in overall.shares}
    assert shares[Level.VERY_SATISFIED] == (1, Decimal("33.3"))
    assert shares[Level.DISSATISFIED] == (1, Decimal("33.3"))
    assert shares[Level.VERY_DISSATISFIED] == (0, Decimal("0"))
    assert overall.satisfied_percent == Decimal("66.7")
    assert overall.criteria["attitude"] == Decimal("50.0")
    assert overall.criteria["cost"] is None
    by_procedure = {row.key: row for row in march_summary.by_procedure}
    assert by_procedure["2.002481"].total == 2
    assert by_procedure["1.012962.000.00.00.H38"].total == 1
    assert by_procedure["1.012962.000.00.00.H38"].label.startswith("Giải thể trường mẫu giáo")
    [unit] = march_summary.by_unit
    assert unit.label == demo["department"].name and unit.total == 3

    april_summary = selectors.rating_summary(start=date(2026, 4, 1), end=date(2026, 4, 30))
    assert april_summary.overall.total == 1
    assert april_summary.overall.shares[-1].percent == Decimal("100.0")

    only_transfer = selectors.rating_summary(
        start=date(2026, 1, 1), end=date(2026, 12, 31), procedure="2.002481"
    )
    assert only_transfer.overall.total == 3
    school = demo["schools"][0]
    assert (
        selectors.rating_summary(
            start=date(2026, 1, 1), end=date(2026, 12, 31), unit_id=school.pk
        ).overall.total
        == 0
    )
    # The index numbers (Decision 766, group 6): satisfied and dissatisfied in the year.
    year = selectors.dossier_satisfaction(start=vn(2026, 1, 1), end=vn(2027, 1, 1))
    assert (year.rated, year.satisfied, year.dissatisfied) == (4, 2, 2)


def test_an_empty_period_and_a_reversed_one(demo):
    empty = selectors.rating_summary(start=date(2026, 1, 1), end=date(2026, 1, 31))
    assert empty.overall.total == 0 and empty.by_unit == [] and empty.by_procedure == []
    with pytest.raises(InvalidInput) as exc:
        selectors.summary_period("2026-02-01", "2026-01-01", today=date(2026, 3, 1))
    assert "to" in exc.value.errors
    with pytest.raises(InvalidInput) as exc:
        selectors.summary_period("hôm qua", "", today=date(2026, 3, 1))
    assert "from" in exc.value.errors
    assert selectors.summary_period("", "", today=date(2026, 3, 1)) == (
        date(2026, 1, 1),
        date(2026, 3, 1),
    )
