"""Decision 766: a procedure is complete with all seven parts; the rest are reported."""

from decimal import Decimal

import pytest

from motcua.catalog.completeness import ComponentCopies, ProcedureParts, missing_parts, part_labels
from motcua.catalog.services import ComponentData, procedure_create


def _parts(**overrides) -> ProcedureParts:
    values = dict(
        name="Cấp bản sao văn bằng",
        steps_text="Nộp hồ sơ",
        methods=(True, False, False),
        components=(ComponentCopies(is_database=False, copies_original=1, copies_copy=0),),
        time_limit_days=Decimal("0"),
        applicants="Cá nhân",
        has_agency=True,
    )
    values.update(overrides)
    return ProcedureParts(**values)


def test_all_seven_parts_present_is_complete():
    assert missing_parts(_parts()) == []


def test_same_day_time_limit_counts_as_a_time_limit():
    assert "time_limit" not in missing_parts(_parts(time_limit_days=Decimal("0")))


def test_each_missing_part_is_reported_in_the_decisions_order():
    empty = _parts(
        name=" ",
        steps_text="",
        methods=(False, False, False),
        components=(),
        time_limit_days=None,
        applicants="",
        has_agency=False,
    )
    assert missing_parts(empty) == [
        "name",
        "steps",
        "methods",
        "components",
        "time_limit",
        "applicants",
        "agency",
    ]
    assert part_labels(["components", "time_limit"]) == [
        "Thành phần, số lượng hồ sơ",
        "Thời hạn giải quyết",
    ]


def test_a_component_without_copies_is_incomplete_unless_looked_up_in_a_database():
    no_copies = ComponentCopies(is_database=False, copies_original=0, copies_copy=0)
    lookup = ComponentCopies(is_database=True, copies_original=0, copies_copy=0)
    assert missing_parts(_parts(components=(no_copies,))) == ["components"]
    assert missing_parts(_parts(components=(lookup,))) == []


@pytest.mark.django_db
def test_procedure_reports_its_missing_parts(make_data):
    draft = procedure_create(
        data=make_data(
            applicants="",
            steps_text="",
            time_limit_days=None,
            process_steps=(),
            components=(ComponentData(name="Đơn đề nghị"),),
        )
    )
    assert draft.missing_parts == ["steps", "components", "time_limit", "applicants"]
    assert draft.is_complete is False


@pytest.mark.django_db
def test_admin_list_shows_completeness_and_the_missing_parts(admin_client, make_data, publish):
    publish()
    procedure_create(data=make_data(code="1.000003", applicants="", steps_text=""))
    response = admin_client.get("/admin/catalog/procedure/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Trình tự thực hiện, Đối tượng thực hiện" in html
    assert 'alt="True"' in html and 'alt="False"' in html
