"""The pure parts: tracking codes, removing personal data, the table of staff actions."""

import pytest

from motcua.accounts.models import Role
from motcua.feedback import codes
from motcua.feedback.anonymize import HIDDEN, scrub
from motcua.feedback.workflow import Action, Status, allowed_actions


def test_a_tracking_code_is_ten_unambiguous_symbols():
    made = {codes.new_code() for _ in range(500)}
    assert len(made) == 500
    for code in made:
        assert code.startswith("PA-") and len(code) == 14
        assert not set(code[3:].replace("-", "")) & set("ILOU")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("PA-7K3M9-QX2HT", "PA-7K3M9-QX2HT"),
        ("pa 7k3m9 qx2ht", "PA-7K3M9-QX2HT"),
        ("7K3M9QX2HT", "PA-7K3M9-QX2HT"),
        ("PA-7K3M9-QX2HO", "PA-7K3M9-QX2H0"),  # O read as zero
        ("PA-1LI00-00000", "PA-11100-00000"),
        ("PA-7K3M9-QX2H", None),
        ("PA-7K3M9-QX2HU", None),
        ("", None),
    ],
)
def test_a_typed_code_is_read_forgivingly(typed, stored):
    assert codes.normalize(typed) == stored


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Gọi 0912 345 678 nhé", "0912 345 678"),
        ("Gọi 0912.345.678 nhé", "0912.345.678"),
        ("Gọi +84 912345678 nhé", "912345678"),
        ("CCCD 079090001234.", "079090001234"),
        ("CMND 025123456", "025123456"),
        ("Thư: ten.ho+pakn@mail.example.vn", "@"),
    ],
)
def test_scrub_removes_phones_ids_and_emails(text, gone):
    result = scrub(text)
    assert gone not in result and HIDDEN in result


def test_scrub_keeps_codes_dates_amounts_and_removes_the_filers_own_data():
    text = (
        "Thủ tục 1.004889.000.00.00.H29, hồ sơ 000.00.21.H29-240327-0001, ngày 12/03/2026, "
        "phí 1.500.000 đồng. Người gửi: nguyễn văn an."
    )
    result = scrub(text, known=["Nguyễn Văn An", ""])
    assert "1.004889.000.00.00.H29" in result and "000.00.21.H29-240327-0001" in result
    assert "12/03/2026" in result and "1.500.000" in result
    assert "nguyễn văn an" not in result.lower()


def test_two_phones_side_by_side_are_both_removed():
    assert scrub("0912345678 - 0987654321") == f"{HIDDEN} - {HIDDEN}"


def test_the_table_of_staff_actions():
    assert allowed_actions(Status.NEW, Role.OFFICER) == [
        Action.RECEIVE,
        Action.CLASSIFY,
        Action.REFUSE,
    ]
    assert allowed_actions(Status.ANSWERED, Role.HEAD) == [
        Action.CLASSIFY,
        Action.RETURN_ANSWER,
        Action.PUBLISH,
    ]
    assert allowed_actions(Status.PROCESSING, Role.SPECIALIST) == [
        Action.REQUEST_INFO,
        Action.ANSWER,
    ]
    assert allowed_actions(Status.PUBLISHED, Role.HEAD) == []
    assert allowed_actions(Status.NEW, Role.CITIZEN) == []
