import pytest

from motcua.core.exceptions import InvalidInput
from motcua.organization.models import Unit
from motcua.organization.selectors import member_subtree, member_subtree_ids, unit_subtree
from motcua.organization.services import unit_create

pytestmark = pytest.mark.django_db


def test_unit_subtree_holds_the_unit_and_everything_below(units):
    names = set(unit_subtree([units["district"]]).values_list("name", flat=True))
    assert names == {"UBND Quận 11", "Phòng GD&ĐT", "Trường THCS A"}
    assert "UBND Quận 5" not in names


def test_unit_level_is_data_so_a_commune_office_works_the_same(levels):
    from motcua.organization.models import UnitLevel

    commune = UnitLevel.objects.create(code="commune", name="Xã", rank=2)
    office = UnitLevel.objects.create(code="office", name="Phòng Văn hóa - Xã hội", rank=3)
    root = unit_create(name="UBND Tỉnh Nghệ An", level=levels["province"], code="000.00.00.H40")
    xa = unit_create(name="UBND Xã Diễn Châu", level=commune, parent=root, code="000.01.21.H40")
    vhxh = unit_create(name="Phòng VH-XH", level=office, parent=xa, code="000.21.01.H40")
    assert list(unit_subtree([xa]).order_by("depth")) == [xa, vhxh]


def test_unit_code_format_is_checked(levels):
    with pytest.raises(Exception) as exc:
        unit_create(name="Sai mã", level=levels["province"], code="H29-000")
    assert "000.00.21.H29" in str(exc.value)
    assert not Unit.objects.exists()


def test_unit_code_is_unique(units, levels):
    with pytest.raises(Exception):  # noqa: B017 - ValidationError from full_clean
        unit_create(
            name="Trùng mã",
            level=levels["district"],
            parent=units["province"],
            code="000.00.11.H29",
        )
    assert Unit.objects.filter(code="000.00.11.H29").count() == 1


def test_units_api_lists_the_tree_with_parents(client, units):
    response = client.get("/api/v1/units/")
    assert response.status_code == 200
    rows = {row["name"]: row for row in response.json()}
    assert rows["Phòng GD&ĐT"]["parent"] == units["district"].pk
    assert rows["UBND Thành phố"]["parent"] is None
    assert rows["Phòng GD&ĐT"]["code"] == "000.00.21.H29"
    assert rows["Trường THCS A"]["level"] == "school"


def test_invalid_input_is_a_domain_error():
    assert InvalidInput("x", field="code").errors == {"code": ["x"]}


def test_member_subtree_ids_are_the_members_units_and_everything_below(units, make_staff):
    # Two memberships in different branches, one of them nested under the other's sibling.
    staff = make_staff(unit=units["department"])
    staff.units.add(units["other"])
    expected = {units["department"].pk, units["school"].pk, units["other"].pk}
    assert set(member_subtree_ids(staff.pk)) == expected
    assert set(member_subtree(staff.pk).values_list("pk", flat=True)) == expected
    # Nobody else's units, and none for a person without a unit.
    outsider = make_staff(username="outsider", unit=units["province"])
    outsider.units.clear()
    assert member_subtree_ids(outsider.pk) == []
