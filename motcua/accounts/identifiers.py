"""Validation of Vietnamese personal and business identifiers, as plain functions.

Citizen ID (CCCD, số định danh cá nhân, Circular 59/2021/TT-BCA): 12 digits =
3-digit province code of the place of birth registration + 1 digit for gender and century
+ 2 digits of the birth year + 6 random digits. Tax code (mã số thuế): 10 digits, or
10 digits, a hyphen and 3 digits for a branch.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Province codes of the 63 provinces as listed in Circular 07/2016/TT-BCA (unchanged for IDs
# already issued after the 2025 merger of provinces).
PROVINCE_CODES = frozenset(
    {
        "001",
        "002",
        "004",
        "006",
        "008",
        "010",
        "011",
        "012",
        "014",
        "015",
        "017",
        "019",
        "020",
        "022",
        "024",
        "025",
        "026",
        "027",
        "030",
        "031",
        "033",
        "034",
        "035",
        "036",
        "037",
        "038",
        "040",
        "042",
        "044",
        "045",
        "046",
        "048",
        "049",
        "051",
        "052",
        "054",
        "056",
        "058",
        "060",
        "062",
        "064",
        "066",
        "067",
        "068",
        "070",
        "072",
        "074",
        "075",
        "077",
        "079",
        "080",
        "082",
        "083",
        "084",
        "086",
        "087",
        "089",
        "091",
        "092",
        "093",
        "094",
        "095",
        "096",
    }
)

_CITIZEN_ID = re.compile(r"^\d{12}$")
_TAX_CODE = re.compile(r"^\d{10}(-\d{3})?$")
_PHONE = re.compile(r"^(0|\+84)\d{9,10}$")


def birth_year(citizen_id: str) -> int:
    """The birth year encoded in a citizen ID: century from the gender digit, then two digits."""
    century = 1900 + 100 * (int(citizen_id[3]) // 2)
    return century + int(citizen_id[4:6])


def validate_citizen_id(value: str, *, current_year: int | None = None) -> None:
    if not _CITIZEN_ID.match(value or ""):
        raise ValidationError(
            _("Số định danh cá nhân phải gồm đúng 12 chữ số."), code="citizen_id_format"
        )
    if value[:3] not in PROVINCE_CODES:
        raise ValidationError(
            _("Ba chữ số đầu của số định danh (%(code)s) không phải mã tỉnh hợp lệ.")
            % {"code": value[:3]},
            code="citizen_id_province",
        )
    if current_year is not None and birth_year(value) > current_year:
        raise ValidationError(
            _("Năm sinh mã hóa trong số định danh nằm ở tương lai."), code="citizen_id_year"
        )


def validate_tax_code(value: str) -> None:
    if not _TAX_CODE.match(value or ""):
        raise ValidationError(
            _("Mã số thuế phải gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số."),
            code="tax_code_format",
        )


def normalize_phone(value: str) -> str:
    return re.sub(r"[\s.\-()]", "", value or "")


def validate_phone(value: str) -> None:
    if not _PHONE.match(normalize_phone(value)):
        raise ValidationError(
            _("Số điện thoại không hợp lệ (ví dụ 0912345678)."), code="phone_format"
        )
