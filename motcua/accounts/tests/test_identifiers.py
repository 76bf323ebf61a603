import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from motcua.accounts.identifiers import (
    PROVINCE_CODES,
    birth_year,
    validate_citizen_id,
    validate_tax_code,
)


@given(
    province=st.sampled_from(sorted(PROVINCE_CODES)),
    century_gender=st.sampled_from("0123"),
    year=st.integers(0, 99),
    rest=st.integers(0, 999_999),
)
def test_citizen_id_with_province_prefix_is_accepted(province, century_gender, year, rest):
    value = f"{province}{century_gender}{year:02d}{rest:06d}"
    if birth_year(value) <= 2026:
        validate_citizen_id(value, current_year=2026)


@pytest.mark.parametrize(
    "value", ["", "07909000123", "0790900012345", "07909000123a", " 79090001234"]
)
def test_citizen_id_must_be_twelve_digits(value):
    with pytest.raises(ValidationError) as exc:
        validate_citizen_id(value)
    assert "12 chữ số" in exc.value.messages[0]


@pytest.mark.parametrize("prefix", ["000", "003", "097", "999", "100"])
def test_citizen_id_needs_a_real_province_code(prefix):
    with pytest.raises(ValidationError) as exc:
        validate_citizen_id(prefix + "090001234")
    assert prefix in exc.value.messages[0]


def test_citizen_id_birth_year_cannot_be_in_the_future():
    # gender digit 3 = female born in the 2000s; 2099 is in the future
    with pytest.raises(ValidationError):
        validate_citizen_id("079399001234", current_year=2026)
    assert birth_year("079205001234") == 2005


@pytest.mark.parametrize("value", ["0301234567", "0301234567-001"])
def test_tax_code_formats(value):
    validate_tax_code(value)


@pytest.mark.parametrize("value", ["030123456", "0301234567-01", "abc"])
def test_tax_code_rejects_other_formats(value):
    with pytest.raises(ValidationError):
        validate_tax_code(value)
