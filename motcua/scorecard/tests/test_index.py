"""The index of the hand-built dataset (tests/conftest.py), every criterion's numerator,
denominator and points counted by hand, the edge cases of DOMAIN.md §8 among them."""

from datetime import timedelta
from decimal import Decimal
from random import Random

import pytest

from motcua.catalog.models import Procedure
from motcua.core.periods import quarter
from motcua.dossiers.models import Channel, Dossier, DossierFile, Outcome
from motcua.payments.models import PaymentOrder
from motcua.scorecard import measures
from motcua.scorecard.models import Criterion
from motcua.scorecard.selectors import index_for, scope_for
from motcua.sync.models import OutboxEvent
from motcua.workdays.selectors import get_work_calendar

from .conftest import vn

pytestmark = pytest.mark.django_db

D = Decimal
Q1 = quarter(2026, 1)
AFTER = vn(2026, 6, 1, 9)  # the period is over: open dossiers are judged at 1/4/2026 00:00


def numbers(index, code):  # type: ignore[no-untyped-def]
    c = index.criterion(code)
    return c.numerator, c.denominator, c.ratio, c.points


def test_every_criterion_of_the_department_counted_by_hand(dataset):
    index = index_for(dataset["units"]["department"], Q1, at=AFTER)

    # 1.3 published procedures of the department and its school: full, school complete;
    # partial (applicants blank), fee2 (no steps) incomplete; the draft and the other
    # district's are not counted. 2/4 = 50 % of 2 points → 1.00.
    assert numbers(index, "1.3") == (2, 4, D("50.00"), D("1.00"))
    # 1.4 received in Q1: d1 d2 d3 d4 d5 d6 d7 d11 d13 (9). Every event delivered: d1, d5,
    # d13. d2 has a pending event, d6 a dead one, d3 d4 d7 d11 none at all.
    # 3/9 × 6 = 2.00.
    assert numbers(index, "1.4") == (3, 9, D("33.33"), D("2.00"))
    # 2.1 resolved in Q1: d1 d2 d3 d9 d11 d13; open at the end: d4 d5 d6 d7 (d6 is resolved
    # only on 8/4). On time: d1, d2 (its due date moved from 15/1 to 22/1 by the supplement
    # wait, so 21/1 is early), d11, d13; d5 and d6 not yet due on 1/4; d7 waiting for the
    # citizen since 18/3, before its due date 19/3. Late: d3 (two supplement requests, though
    # done before its due date), d9 (resolved after its due date), d4 (due 25/3, still open).
    # 7/10 × 20 = 14.00.
    assert numbers(index, "2.1") == (7, 10, D("70.00"), D("14.00"))
    # 3.1 received in Q1 under the fully-online procedure: d1 online, d2 direct, d13 postal.
    # 1/3 below the 50 % threshold: (1/3) × 12 ÷ 0.5 = 8.00.
    assert numbers(index, "3.1") == (1, 3, D("33.33"), D("8.00"))
    # 4.1 fee-bearing procedures: full (online payment) and fee2 (not). 1/2 against 80 %:
    # 0.5 × 2 ÷ 0.8 = 1.25.
    assert numbers(index, "4.1") == (1, 2, D("50.00"), D("1.25"))
    # 4.2 of those, paid online in Q1: full (d1, d13); fee2 never. 1/2 → 1.25.
    assert numbers(index, "4.2") == (1, 2, D("50.00"), D("1.25"))
    # 4.3 received in Q1 under a fee-bearing procedure: d1 d2 d13 (full), d11 (fee2). Paid
    # online: d1, d13 (d2 in cash, d11 not at all). 2/4 × 6 = 3.00.
    assert numbers(index, "4.3") == (2, 4, D("50.00"), D("3.00"))
    # 5.1 resolved and granted in Q1: d1 d2 d3 d9 d13 (d11 was refused on the merits). With
    # an e-result: all but d3. 4/5 × 6 = 4.80.
    assert numbers(index, "5.1") == (4, 5, D("80.00"), D("4.80"))
    # 5.2 of those, every component digitized and an e-result: d1, d13 (d2 and d9 not
    # digitized, d3 no e-result). 2/5 × 4 = 1.60.
    assert numbers(index, "5.2") == (2, 5, D("40.00"), D("1.60"))
    # 5.4 received in Q1 with something re-used: d1 (a file from the data store), d5 (its
    # procedure takes a paper from a national database). 2/9 against 80 %:
    # (2/9) × 2 ÷ 0.8 = 0.5555… → 0.56.
    assert numbers(index, "5.4") == (2, 9, D("22.22"), D("0.56"))
    # 5.5 received in Q1 linked to the applicant's store: d1 (file from it, e-result into
    # it), d13 (e-result into it); d2's e-result was not stored. (2/9) × 4 = 0.888… → 0.89.
    assert numbers(index, "5.5") == (2, 9, D("22.22"), D("0.89"))
    # 6.1 feedback closed in Q1: f1, f5 (the school's), f6 on time, f2 late (f3 is another
    # district's, f4 closed in April). 3/4 × 6 = 4.50.
    assert numbers(index, "6.1") == (3, 4, D("75.00"), D("4.50"))
    # 6.2 answer ratings in Q1: f1, f5 satisfied, f6 not. 2/3 × 6 = 4.00.
    assert numbers(index, "6.2") == (2, 3, D("66.67"), D("4.00"))
    # 6.3 100 % − (late 3/10 of 2.1 + dissatisfied 1/3: d1 very satisfied, d2 dissatisfied,
    # d13 neutral; d8 is another district's) = 11/30 = 36.67 %; below 90 %:
    # (11/30) × 6 ÷ 0.9 = 2.444… → 2.44.
    c = index.criterion("6.3")
    assert (c.ratio, c.points) == (D("36.67"), D("2.44"))
    assert [(p.numerator, p.denominator, p.ratio) for p in c.parts] == [
        (3, 10, D("30.00")),
        (1, 3, D("33.33")),
    ]

    # Not applicable by configuration: no data for them here.
    for code in ("1.1", "1.2", "5.3", "5.6", "5.7"):
        c = index.criterion(code)
        assert not c.applicable and c.points is None and c.reason

    # Sum of the points: 1 + 2 + 14 + 8 + 1.25 + 1.25 + 3 + 4.8 + 1.6 + 0.56 + 0.89 + 4.5 +
    # 4 + 2.44 = 49.29 out of the 84 points that apply (100 − 6 − 4 − 2 − 2 − 2):
    # 49.29 ÷ 84 × 100 = 58.678… → 58.68.
    assert index.total.points == D("49.29")
    assert index.total.max_points == D("84.00")
    assert index.total.out_of_100 == D("58.68")
    groups = {g.number: (g.points, g.max_points, g.configured_max) for g in index.groups}
    assert groups == {
        1: (D("3.00"), D("8.00"), D("18.00")),
        2: (D("14.00"), D("20.00"), D("20.00")),
        3: (D("8.00"), D("12.00"), D("12.00")),
        4: (D("5.50"), D("10.00"), D("10.00")),
        5: (D("7.85"), D("16.00"), D("22.00")),
        6: (D("10.94"), D("18.00"), D("18.00")),
    }
    assert sum(g.configured_max for g in index.groups) == D("100")


def test_average_handling_time_in_working_days(dataset):
    index = index_for(dataset["units"]["department"], Q1, at=AFTER)
    # Resolved in Q1, working days after the day of receipt up to the day of resolution:
    # d1 5/1→7/1: 2; d2 12/1→21/1: 7; d3 2/2→4/2: 2; d9 22/12→5/1: 9 (1/1 is a holiday);
    # d11 13/2→23/2: 1 (Tết 16–20/2 and two weekends); d13 2/3→3/3: 1. 22 ÷ 6 = 3.67.
    assert index.average.dossiers == 6
    assert index.average.working_days == D("3.67")


def test_a_sub_unit_alone_and_criteria_with_no_denominator(dataset):
    index = index_for(dataset["units"]["school"], Q1, at=AFTER)
    # Only d5 (received 26/3, open and within time at the end) and the school's procedure.
    assert numbers(index, "1.3") == (1, 1, D("100.00"), D("2.00"))
    assert numbers(index, "1.4") == (1, 1, D("100.00"), D("6.00"))
    assert numbers(index, "2.1") == (1, 1, D("100.00"), D("20.00"))
    assert numbers(index, "5.4") == (1, 1, D("100.00"), D("2.00"))
    assert numbers(index, "5.5") == (0, 1, D("0.00"), D("0.00"))
    assert numbers(index, "6.1") == (1, 1, D("100.00"), D("6.00"))  # f5
    assert numbers(index, "6.2") == (1, 1, D("100.00"), D("6.00"))
    assert index.criterion("6.3").points == D("6.00")  # 100 % − (0 + 0)
    # No fully-online procedure, no fee, nothing resolved: nothing to count.
    for code in ("3.1", "4.1", "4.2", "4.3", "5.1", "5.2"):
        c = index.criterion(code)
        assert not c.applicable and c.denominator == 0 and c.points is None
        assert "mẫu số" in str(c.reason)
    # 2 + 6 + 20 + 2 + 0 + 6 + 6 + 6 = 48 of 52 → 92.31.
    assert (index.total.points, index.total.max_points) == (D("48.00"), D("52.00"))
    assert index.total.out_of_100 == D("92.31")


def test_a_period_without_dossiers_counts_only_the_catalog(dataset):
    index = index_for(dataset["units"]["department"], quarter(2025, 3), at=AFTER)
    applicable = {c.code: c.points for c in index.criteria if c.applicable}
    # The catalog as it is now (1.3, 4.1) and no online payment in the quarter (4.2).
    assert applicable == {"1.3": D("1.00"), "4.1": D("1.25"), "4.2": D("0.00")}
    assert index.total.out_of_100 == D("37.50")  # 2.25 ÷ 6
    assert index.average.working_days is None


def test_during_the_period_open_dossiers_are_judged_now(dataset):
    # On 24/3 at noon d4 (due 25/3) is still within time, d7 waits for its supplement.
    at = vn(2026, 3, 24, 12)
    index = index_for(dataset["units"]["department"], Q1, at=at)
    assert index.as_of == at and index.is_partial
    # Resolved in Q1 so far: d1 d2 d3 d9 d11 d13 (4 on time); open now: d4, d6, d7 (d5
    # arrives on 26/3), all within time. 7/9.
    assert numbers(index, "2.1")[:2] == (7, 9)


def test_configuration_changes_the_points(dataset):
    Criterion.objects.filter(code="3.1").update(threshold=D("100"), max_points=D("10"))
    Criterion.objects.filter(code="1.4").update(applicable=False, reason="Chưa kết nối Cổng.")
    index = index_for(dataset["units"]["department"], Q1, at=AFTER)
    assert numbers(index, "3.1") == (1, 3, D("33.33"), D("3.33"))  # (1/3) × 10
    assert index.criterion("1.4").reason == "Chưa kết nối Cổng."
    assert index.criterion("1.4").points is None


def test_the_seven_parts_in_sql_agree_with_completeness(dataset):
    scope = scope_for(dataset["units"]["province"], Q1, AFTER)
    conditions = measures.missing_part_conditions()
    for procedure in Procedure.objects.filter(status="published"):
        in_sql = [
            part
            for part, condition in conditions.items()
            if measures.procedures(scope).filter(pk=procedure.pk).filter(condition).exists()
        ]
        assert in_sql == procedure.missing_parts, procedure.code


def test_the_fast_counts_are_the_rules_drill_downs_filter_with(dataset):
    scope = scope_for(dataset["units"]["department"], Q1, AFTER)
    facts = measures.procedure_facts()
    rules = measures.dossier_rules(scope, facts)
    fast = measures.count_dossiers(scope, facts, set(measures.DOSSIER_CODES)).counts
    for code, rule in rules.items():
        rows = measures.dossiers(scope)
        expected = (rows.filter(rule.base & rule.good).count(), rows.filter(rule.base).count())
        assert fast[code] == expected, code


def test_the_index_takes_a_bounded_number_of_queries(dataset, django_assert_max_num_queries):
    # Whatever the number of dossiers: the subtree, the criteria, the procedure facts, two or
    # three dossier aggregates and three presence probes, one over procedures, three over
    # feedback, the calendar's fingerprint (and its rows when it changed).
    with django_assert_max_num_queries(20):
        index_for(dataset["units"]["department"], Q1, at=AFTER)


def test_the_working_day_span_in_sql_agrees_with_the_calendar(units, catalog):
    """Random receipts and resolutions across weekends, Tết and New Year: the database's sum
    is the calendar's, day by day."""
    calendar = get_work_calendar()
    rng = Random(766)
    expected = 0
    for number in range(40):
        received = vn(2025, 10, 1, 7) + timedelta(minutes=rng.randrange(0, 150 * 24 * 60))
        resolved = received + timedelta(minutes=rng.randrange(0, 40 * 24 * 60))
        if not (vn(2026, 1, 1) <= resolved < vn(2026, 4, 1)):
            resolved = vn(2026, 1, 1) + timedelta(minutes=rng.randrange(0, 89 * 24 * 60))
            received = min(received, resolved)
        Dossier.objects.create(
            code=f"SPAN-{number}",
            procedure=catalog["partial"],
            agency=units["department"],
            channel=Channel.DIRECT,
            applicant_name="A",
            applicant_id_number="079090001234",
            request="x",
            submitted_at=received,
            received_at=received,
            due_at=resolved,
            resolved_at=resolved,
            outcome=Outcome.ON_TIME,
            status=10,
        )
        day = received.astimezone(resolved.tzinfo).date()
        last = resolved.date()
        while day < last:
            day += timedelta(days=1)
            expected += calendar.is_working_day(day)
    scope = scope_for(units["department"], Q1, AFTER)
    found = measures.count_dossiers(scope, measures.procedure_facts(), {"2.1"}, calendar)
    assert found.resolved == 40
    assert found.working_days == expected


def test_facts_found_nowhere_are_not_looked_up_dossier_by_dossier(dataset):
    OutboxEvent.objects.all().delete()
    DossierFile.objects.all().delete()
    PaymentOrder.objects.all().delete()
    index = index_for(dataset["units"]["department"], Q1, at=AFTER)
    # No event anywhere: none of the 9 received is synchronized; nothing paid online.
    assert numbers(index, "1.4")[:2] == (0, 9)
    assert numbers(index, "4.3")[:2] == (0, 4)
    # Re-use: only d5 (its procedure's database component); linked: d1, d13 (e-results).
    assert numbers(index, "5.4")[:2] == (1, 9)
    assert numbers(index, "5.5")[:2] == (2, 9)
    scope = scope_for(dataset["units"]["department"], Q1, AFTER)
    facts = measures.procedure_facts()
    fast = measures.count_dossiers(scope, facts, set(measures.DOSSIER_CODES)).counts
    for code, rule in measures.dossier_rules(scope, facts).items():
        rows = measures.dossiers(scope)
        expected = (rows.filter(rule.base & rule.good).count(), rows.filter(rule.base).count())
        assert fast[code] == expected, code
