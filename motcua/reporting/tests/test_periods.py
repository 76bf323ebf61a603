"""Periods and deadlines (Decree 09 Art. 12, DOMAIN.md §10), across years and days off."""

from datetime import date

import pytest

from motcua.core.exceptions import InvalidInput
from motcua.reporting import periods as rules
from motcua.reporting import services
from motcua.reporting.models import DataField, ReportPeriod
from motcua.reporting.periods import DayOffShift, DeadlineRule, Frequency
from motcua.workdays.clock import WorkCalendar
from motcua.workdays.models import CalendarOverride, OverrideKind

VIETNAM = WorkCalendar.for_vietnam()


def test_quarter_cutoffs_run_from_the_15th_before_to_the_14th_of_the_last_month():
    q1, q2, q3, q4 = rules.cutoffs(Frequency.QUARTERLY, 2027)
    assert (q1.starts_on, q1.ends_on) == (date(2026, 12, 15), date(2027, 3, 14))
    assert (q2.starts_on, q2.ends_on) == (date(2027, 3, 15), date(2027, 6, 14))
    assert (q3.starts_on, q3.ends_on) == (date(2027, 6, 15), date(2027, 9, 14))
    assert (q4.starts_on, q4.ends_on) == (date(2027, 9, 15), date(2027, 12, 14))


def test_consecutive_periods_leave_no_gap_across_years():
    for frequency in (Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.HALF_YEARLY):
        chain = rules.cutoffs(frequency, 2025) + rules.cutoffs(frequency, 2026)
        for before, after in zip(chain, chain[1:], strict=False):
            assert (after.starts_on - before.ends_on).days == 1, (frequency, before, after)


def test_half_year_year_and_month_cutoffs():
    h1, h2 = rules.cutoffs(Frequency.HALF_YEARLY, 2026)
    assert (h1.starts_on, h1.ends_on) == (date(2025, 12, 15), date(2026, 6, 14))
    assert (h2.starts_on, h2.ends_on) == (date(2026, 6, 15), date(2026, 12, 14))
    (year,) = rules.cutoffs(Frequency.YEARLY, 2026)
    assert (year.starts_on, year.ends_on) == (date(2025, 12, 15), date(2026, 12, 14))
    january = rules.cutoff(Frequency.MONTHLY, 2027, 1)
    assert (january.starts_on, january.ends_on) == (date(2026, 12, 15), date(2027, 1, 14))
    assert len(rules.cutoffs(Frequency.MONTHLY, 2026)) == 12
    with pytest.raises(ValueError):
        rules.cutoff(Frequency.QUARTERLY, 2026, 5)


def test_deadline_on_a_sunday_moves_to_the_friday_before():
    q1 = rules.cutoff(Frequency.QUARTERLY, 2024, 1)
    # 10 March 2024 is a Sunday (the seed's "10th of the quarter's last month").
    assert rules.nominal_deadline(q1, DeadlineRule.DAY_OF_LAST_MONTH, day=10) == date(2024, 3, 10)
    due = rules.deadline(q1, DeadlineRule.DAY_OF_LAST_MONTH, day=10, calendar=VIETNAM)
    assert due == date(2024, 3, 8)


def test_deadline_in_tet_moves_before_the_whole_holiday():
    february = rules.cutoff(Frequency.MONTHLY, 2027, 2)
    # Tết 2027 is 4–10 February (holidays package); the 10th moves back to Wednesday 3rd.
    due = rules.deadline(february, DeadlineRule.DAY_OF_LAST_MONTH, day=10, calendar=VIETNAM)
    assert due == date(2027, 2, 3)


def test_deadline_on_30_april_moves_back_or_forward_as_configured():
    plan = rules.cutoff(Frequency.ONCE, 2025, 1)
    kwargs = dict(day=30, month=4, calendar=VIETNAM)
    assert rules.deadline(plan, DeadlineRule.FIXED_DATE, **kwargs) == date(2025, 4, 29)
    # Forward: 30/4, 1/5 holidays, 2/5 swapped day off, 3–4/5 weekend → Monday 5/5.
    assert rules.deadline(plan, DeadlineRule.FIXED_DATE, shift=DayOffShift.NEXT, **kwargs) == date(
        2025, 5, 5
    )
    assert rules.deadline(plan, DeadlineRule.FIXED_DATE, shift=DayOffShift.NONE, **kwargs) == date(
        2025, 4, 30
    )


def test_the_seed_deadlines():
    year = rules.cutoff(Frequency.YEARLY, 2026, 1)
    # 5 December 2026 is a Saturday.
    assert rules.deadline(year, DeadlineRule.FIXED_DATE, day=5, month=12, calendar=VIETNAM) == date(
        2026, 12, 4
    )
    plans = rules.cutoff(Frequency.ONCE, 2024, 1)
    assert rules.deadline(plans, DeadlineRule.FIXED_DATE, day=5, month=4, calendar=VIETNAM) == date(
        2024, 4, 5
    )


def test_day_31_is_the_last_day_of_a_shorter_month_and_days_after_cutoff():
    q2 = rules.cutoff(Frequency.QUARTERLY, 2026, 2)
    assert rules.nominal_deadline(q2, DeadlineRule.DAY_OF_LAST_MONTH, day=31) == date(2026, 6, 30)
    assert rules.nominal_deadline(q2, DeadlineRule.DAYS_AFTER_CUTOFF, day=5) == date(2026, 6, 19)


def test_working_days_before_skips_the_tet_holiday():
    # Three working days before Thursday 11 February 2027 (after Tết 4–10/2).
    assert rules.working_days_before(date(2027, 2, 11), 3, VIETNAM) == date(2027, 2, 1)
    assert rules.working_days_before(date(2027, 2, 11), 0, VIETNAM) == date(2027, 2, 11)


def test_period_labels():
    assert rules.period_label(Frequency.QUARTERLY, 2026, 3) == "Quý III năm 2026"
    assert rules.period_label(Frequency.HALF_YEARLY, 2026, 1) == "6 tháng đầu năm 2026"
    assert rules.period_label(Frequency.MONTHLY, 2026, 2) == "Tháng 2 năm 2026"


@pytest.mark.django_db
def test_generated_periods_use_the_agency_calendar_and_are_idempotent(quarterly):
    # A local day off (a database override) on Thursday 10 December 2026, the Q4 upward
    # deadline, moves it to Wednesday 9th.
    CalendarOverride.objects.create(
        day=date(2026, 12, 10), kind=OverrideKind.DAY_OFF, reason="QĐ 123/QĐ-UBND"
    )
    first = services.periods_generate(report_type_id=quarterly.pk, year=2026)
    assert [p.number for p in first] == [1, 2, 3, 4]
    q1, q2, q3, q4 = first
    assert (q1.starts_on, q1.ends_on) == (date(2025, 12, 15), date(2026, 3, 14))
    assert q1.deadline == date(2026, 3, 5)
    assert q3.deadline == date(2026, 9, 4)  # the 5th is a Saturday
    assert q4.upward_deadline == date(2026, 12, 9)
    again = services.periods_generate(report_type_id=quarterly.pk, year=2026)
    assert [p.pk for p in again] == [p.pk for p in first]
    assert ReportPeriod.objects.filter(report_type=quarterly).count() == 4
    services.periods_generate(report_type_id=quarterly.pk, year=2027)
    assert ReportPeriod.objects.get(report_type=quarterly, year=2027, number=1).starts_on == date(
        2026, 12, 15
    )


@pytest.mark.django_db
def test_a_broken_sum_rule_refuses_period_generation(quarterly):
    DataField.objects.filter(table__report_type=quarterly, code="a").update(sum_of="b + zz")
    with pytest.raises(InvalidInput) as caught:
        services.periods_generate(report_type_id=quarterly.pk, year=2026)
    assert "zz" in caught.value.message


@pytest.mark.django_db
def test_fixed_date_deadlines_only_for_yearly_or_once(make_type):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        make_type(deadline_rule=DeadlineRule.FIXED_DATE, deadline_day=5, deadline_month=12)
    assert "deadline_rule" in caught.value.message_dict
