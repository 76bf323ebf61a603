"""Form II.06a's numbers on a hand-built quarter (`conftest.quarter_data`), worked out on paper,
and the rules behind them: the scope, the cut-off of a period not over, who may see what."""

import pytest

from motcua.accounts.models import Role, User
from motcua.core import periods
from motcua.core.exceptions import InvalidInput, NotAllowed
from motcua.stats.selectors import (
    COLUMNS,
    Counts,
    ii06a,
    ii06a_request,
    receiving_unit_name,
    statistics_units,
)
from motcua.stats.tests.conftest import AFTER, QUARTER, vn

pytestmark = pytest.mark.django_db

# Department and school together, the quarter over (see conftest for each dossier's story).
EXPECTED_TOTAL = Counts(
    received_total=13,  # 1–11, 13, 17 (12, 14, 15, 16 and 18 are out)
    received_online=4,  # 1, 6, 9, 11
    received_direct_postal=7,  # 2, 3, 7, 8, 10, 13, 17
    carried_over=2,  # 4, 5
    resolved_total=5,  # 1, 2, 3, 4, 17
    resolved_early=1,  # 1
    resolved_on_time=2,  # 2, 17
    resolved_late=2,  # 3, 4
    in_progress_total=5,  # 5, 6, 7, 8, 13
    in_progress_within=2,  # 6, 13
    in_progress_overdue=3,  # 5, 7 (past due), 8 (supplemented twice)
    ended_unresolved=3,  # 9 refused, 10 withdrawn, 11 stopped
)
EXPECTED_SECONDARY = Counts(12, 4, 6, 2, 4, 1, 1, 2, 5, 2, 3, 3)  # the department's field
EXPECTED_DIPLOMAS = Counts(1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0)  # the school's field


def test_every_kind_of_dossier_lands_in_its_column(quarter_data, units):
    report = ii06a(units["department"], QUARTER, at=AFTER)
    assert report.total == EXPECTED_TOTAL
    assert report.reconciles and report.complete
    assert [(line.field_name, line.counts) for line in report.by_field] == [
        ("Giáo dục trung học", EXPECTED_SECONDARY),
        ("Văn bằng, chứng chỉ", EXPECTED_DIPLOMAS),
    ]


def test_each_unit_of_the_tree_has_its_block_with_its_fields(quarter_data, units):
    report = ii06a(units["department"], QUARTER, at=AFTER)
    assert report.unit_count == 2
    assert [(b.unit_name, b.counts) for b in report.by_unit] == [
        ("Phòng GD&ĐT", EXPECTED_SECONDARY),
        ("Trường THCS A", EXPECTED_DIPLOMAS),
    ]
    assert [line.field_name for line in report.by_unit[1].fields] == ["Văn bằng, chứng chỉ"]


def test_a_sub_unit_reports_its_own_dossiers_only(quarter_data, units):
    report = ii06a(units["school"], QUARTER, at=AFTER)
    assert report.total == EXPECTED_DIPLOMAS
    assert report.unit_count == 1


def test_a_unit_outside_the_tree_is_not_counted(quarter_data, units):
    report = ii06a(units["other"], QUARTER, at=AFTER)
    assert report.total == Counts(1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1, 0)  # 18, overdue at the end


def test_a_period_not_over_is_counted_up_to_now(quarter_data, units):
    """At 12:00 on 3/3/2026 the quarter is not over: what is open is judged now, and what
    happens later (received on 20/3, 25/3, 30/3) is not counted yet."""
    report = ii06a(units["department"], QUARTER, at=vn(2026, 3, 3, 12))
    assert not report.complete
    assert report.until == vn(2026, 3, 3, 12)
    assert report.total == Counts(
        received_total=10,  # 1, 2, 3, 4, 5, 7, 9, 10, 11, 17
        received_online=3,  # 1, 9, 11
        received_direct_postal=5,  # 2, 3, 7, 10, 17
        carried_over=2,  # 4, 5
        resolved_total=5,  # 1, 2, 3, 4, 17
        resolved_early=1,
        resolved_on_time=2,
        resolved_late=2,
        in_progress_total=2,  # 5, 7
        in_progress_within=1,  # 7: due 5/3, still within time on 3/3
        in_progress_overdue=1,  # 5
        ended_unresolved=3,
    )
    assert report.reconciles


def test_the_previous_quarter_carries_over_what_was_open_at_its_end(quarter_data, units):
    q4 = ii06a(units["department"], QUARTER.previous(), at=AFTER)
    q1 = ii06a(units["department"], QUARTER, at=AFTER)
    assert q4.total.in_progress_total == q1.total.carried_over == 2
    assert q4.total.received_total == 3  # 4, 5 and 14


def test_no_dossier_gives_zeros_not_an_error(units, catalog):
    report = ii06a(units["department"], periods.month(2026, 2), at=AFTER)
    assert report.total == Counts() and report.by_field == [] and report.by_unit == []
    assert report.reconciles


def test_the_report_takes_two_queries_whatever_the_data(
    quarter_data, units, django_assert_num_queries
):
    with django_assert_num_queries(2):
        ii06a(units["department"], QUARTER, at=AFTER)
    with django_assert_num_queries(2):
        ii06a(units["province"], periods.year(2026), at=AFTER)


def test_counts_reconcile_only_when_the_identities_hold():
    assert EXPECTED_TOTAL.reconciles
    for name in COLUMNS:
        broken = Counts(**{n: getattr(EXPECTED_TOTAL, n) for n in COLUMNS})
        setattr(broken, name, getattr(broken, name) + 1)
        assert not broken.reconciles, name


# --- who may see what, and the parameters ---------------------------------------------------


def test_staff_see_their_units_and_below_the_administrator_every_unit(staff, units):
    names = [u.name for u in statistics_units(staff["head"])]
    assert names == ["Phòng GD&ĐT", "Trường THCS A"]
    assert statistics_units(staff["admin"]).count() == 5


@pytest.mark.parametrize("role", [Role.SCHOOL, Role.CITIZEN])
def test_schools_and_citizens_may_not_read_statistics(staff, role):
    user = staff["school"] if role == Role.SCHOOL else User.objects.create(role=Role.CITIZEN)
    with pytest.raises(NotAllowed):
        statistics_units(user)


def test_the_unit_defaults_to_ones_own_and_the_period_to_this_year(staff, units):
    wanted = ii06a_request(staff["officer"], {}, today=vn(2026, 5, 6).date())
    assert wanted.unit == units["department"]
    assert wanted.period == periods.year(2026)


@pytest.mark.parametrize(
    ("params", "fields"),
    [
        ({"unit": "abc"}, {"unit"}),
        ({"unit": "{other}"}, {"unit"}),
        ({"period": "week"}, {"period"}),
        ({"period": "month", "number": "13"}, {"number"}),
        ({"year": "20x6"}, {"year"}),
        ({"period": "custom", "from": "2026-02-30", "to": "2026-03-01"}, {"from"}),
        ({"period": "custom", "from": "2026-03-01", "to": "2026-02-01"}, {"to"}),
        ({"unit": "x", "period": "week"}, {"unit", "period"}),
    ],
)
def test_bad_parameters_are_named(staff, units, params, fields):
    params = {k: v.format(other=units["other"].pk) for k, v in params.items()}
    with pytest.raises(InvalidInput) as caught:
        ii06a_request(staff["head"], params, today=vn(2026, 5, 6).date())
    assert set(caught.value.errors) == fields


def test_the_receiving_unit_is_the_parent_unless_configured(units, settings):
    assert receiving_unit_name(units["department"]) == "UBND Quận 11"
    assert receiving_unit_name(units["province"]) == ""
    settings.MOTCUA_STATISTICS_RECEIVER = "Văn phòng UBND Quận 11"
    assert receiving_unit_name(units["department"]) == "Văn phòng UBND Quận 11"
