"""The drill-down: exactly the rows that cost a criterion its points, each with why."""

import pytest

from motcua.core.exceptions import NotFound
from motcua.core.periods import quarter
from motcua.scorecard.selectors import criterion_losses, index_for, loss_rows, losses_page

from .conftest import vn

pytestmark = pytest.mark.django_db

Q1 = quarter(2026, 1)
AFTER = vn(2026, 6, 1, 9)


def losses(dataset, code):  # type: ignore[no-untyped-def]
    found = criterion_losses(dataset["units"]["department"], Q1, code, at=AFTER)
    rows = loss_rows(found, found.rows)
    return {row.reference: [why for why, _label in row.reasons] for row in rows}


def codes(dataset, *numbers):  # type: ignore[no-untyped-def]
    return [dataset["dossiers"][n].code for n in numbers]


def test_progress_lists_the_late_dossiers_with_why(dataset):
    d = dataset["dossiers"]
    assert losses(dataset, "2.1") == {
        d[3].code: ["supplemented_twice"],
        d[9].code: ["resolved_late"],
        d[4].code: ["overdue_at_end"],
    }


def test_synchronization_lists_what_the_portal_does_not_have(dataset):
    d = dataset["dossiers"]
    assert losses(dataset, "1.4") == {
        d[2].code: ["unsent"],
        d[3].code: ["no_events"],
        d[4].code: ["no_events"],
        d[6].code: ["dead"],
        d[7].code: ["no_events"],
        d[11].code: ["no_events"],
    }


def test_each_dossier_criterion_lists_denominator_minus_numerator(dataset):
    d = dataset["dossiers"]
    expected = {
        "3.1": {d[2].code: ["direct"], d[13].code: ["postal"]},
        "4.3": {d[2].code: ["paid_at_desk"], d[11].code: ["not_paid"]},
        "5.1": {d[3].code: ["no_e_result"]},
        "5.2": {
            d[2].code: ["not_digitized"],
            d[3].code: ["no_e_result"],
            d[9].code: ["not_digitized"],
        },
        "5.4": dict.fromkeys(codes(dataset, 2, 3, 4, 6, 7, 11, 13), ["no_reuse"]),
        "5.5": dict.fromkeys(codes(dataset, 2, 3, 4, 5, 6, 7, 11), ["not_linked"]),
    }
    index = index_for(dataset["units"]["department"], Q1, at=AFTER)
    for code, rows in expected.items():
        assert losses(dataset, code) == rows, code
        c = index.criterion(code)
        assert len(rows) == c.denominator - c.numerator, code


def test_satisfaction_lists_late_and_dissatisfied_dossiers(dataset):
    d = dataset["dossiers"]
    assert losses(dataset, "6.3") == {
        d[2].code: ["dissatisfied"],
        d[3].code: ["supplemented_twice"],
        d[9].code: ["resolved_late"],
        d[4].code: ["overdue_at_end"],
    }


def test_procedure_criteria_list_procedures_with_the_missing_parts(dataset):
    catalog = dataset["catalog"]
    assert losses(dataset, "1.3") == {
        catalog["partial"].code: ["missing_applicants"],
        catalog["fee2"].code: ["missing_steps"],
    }
    assert losses(dataset, "4.1") == {catalog["fee2"].code: ["no_online_payment"]}
    assert losses(dataset, "4.2") == {catalog["fee2"].code: ["no_payment_in_period"]}


def test_feedback_criteria_list_the_items(dataset):
    f = dataset["feedback"]
    assert losses(dataset, "6.1") == {f[2].tracking_code: ["late"]}
    assert losses(dataset, "6.2") == {f[6].tracking_code: ["dissatisfied"]}


def test_a_criterion_without_data_has_no_drill_down(dataset):
    with pytest.raises(NotFound):
        criterion_losses(dataset["units"]["department"], Q1, "1.1", at=AFTER)
    with pytest.raises(NotFound):
        criterion_losses(dataset["units"]["department"], Q1, "9.9", at=AFTER)


def test_a_page_reads_in_a_bounded_number_of_queries(dataset, django_assert_max_num_queries):
    found = criterion_losses(dataset["units"]["department"], Q1, "5.4", at=AFTER)
    # The count and the page (PostgreSQL: also the savepoint, its release and SET LOCAL).
    with django_assert_max_num_queries(6):
        page = losses_page(found, 2, per_page=3)
    assert page.page.paginator.count == 7 and len(page.rows) == 3
    assert all(row.unit and row.title and row.at for row in page.rows)
