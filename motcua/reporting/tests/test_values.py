"""The rules of a report's values: each message names the field and the rule."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from motcua.reporting.values import check_sections, check_values, number_text


@dataclass
class Spec:
    code: str
    kind: str
    label: str = ""
    required: bool = True
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    choices: list = field(default_factory=list)
    sum_of: str = ""

    def __post_init__(self) -> None:
        self.label = self.label or self.code.upper()


@dataclass
class Section:
    code: str
    title: str
    required: bool = True


SPECS = [
    Spec("total", "integer", "Tổng hồ sơ", sum_of="online + direct", min_value=Decimal(0)),
    Spec("online", "integer", "Trực tuyến"),
    Spec("direct", "integer", "Trực tiếp"),
    Spec("rate", "percent", "Tỷ lệ"),
    Spec("money", "decimal", "Kinh phí", required=False, max_value=Decimal(1000)),
    Spec("grade", "choice", "Mức độ", choices=["Tốt", "Khá"]),
    Spec("day", "date", "Ngày", required=False),
]


def errors_of(raw: dict, *, final: bool = True) -> dict[str, list[str]]:
    return check_values(SPECS, raw, final=final).errors


def test_numbers_are_read_the_vietnamese_way_and_json_numbers_as_they_are():
    checked = check_values(
        SPECS,
        {
            "total": "1.234",
            "online": 1000,
            "direct": "234",
            "rate": "95,5",
            "money": "12,25",
            "grade": "Tốt",
            "day": "05/12/2026",
        },
        final=True,
    )
    assert checked.errors == {}
    assert checked.values["total"] == 1234
    assert checked.values["rate"] == Decimal("95.5")
    assert checked.values["money"] == Decimal("12.25")
    assert checked.values["day"] == date(2026, 12, 5)
    assert number_text(Decimal("1234.50")) == "1.234,5"


def test_type_errors_name_the_field_and_the_rule():
    errors = errors_of({"online": "mười", "direct": "2,5", "rate": "abc", "day": "32/13/2026"})
    assert errors["values.online"] == ["«Trực tuyến» (online): phải là một số."]
    assert errors["values.direct"] == ["«Trực tiếp» (direct): phải là số nguyên."]
    assert "values.rate" in errors
    assert "ngày/tháng/năm" in errors["values.day"][0]


def test_bounds_and_the_percent_range():
    errors = errors_of({"total": -1, "rate": "100,5", "money": "1000,01"}, final=False)
    assert errors["values.total"] == ["«Tổng hồ sơ» (total): không được nhỏ hơn 0 (đang là -1)."]
    assert errors["values.rate"] == ["«Tỷ lệ» (rate): không được lớn hơn 100 (đang là 100,5)."]
    assert "không được lớn hơn 1.000" in errors["values.money"][0]


def test_required_fields_wait_for_submission():
    assert errors_of({"online": 3}, final=False) == {}
    errors = errors_of({"online": 3, "direct": 2, "total": 5})
    assert errors["values.rate"] == ["«Tỷ lệ» (rate): bắt buộc nhập."]
    assert errors["values.grade"] == ["«Mức độ» (grade): bắt buộc nhập."]
    assert "values.money" not in errors  # not required


def test_sum_rule_names_the_parts_and_both_numbers():
    errors = errors_of({"total": 10, "online": 7, "direct": 5, "rate": 1, "grade": "Tốt"})
    assert errors == {
        "values.total": [
            "«Tổng hồ sơ» (total) phải bằng Trực tuyến (online) + Trực tiếp (direct) = 12, "
            "đang là 10."
        ]
    }
    ok = errors_of({"total": 12, "online": 7, "direct": 5, "rate": 1, "grade": "Tốt"})
    assert ok == {}


def test_choices_and_unknown_codes_are_refused():
    errors = errors_of({"grade": "Xuất sắc", "bogus": 1}, final=False)
    assert errors["values.grade"] == ["«Mức độ» (grade): phải là một trong các giá trị: Tốt; Khá."]
    assert "bogus" in errors["values.bogus"][0]


def test_required_sections_on_submission():
    sections = [Section("done", "Kết quả"), Section("ideas", "Đề xuất", required=False)]
    assert check_sections(sections, {"done": " "}, final=False).errors == {}
    errors = check_sections(sections, {"done": " "}, final=True).errors
    assert errors == {"sections.done": ["Mục «Kết quả»: bắt buộc nhập nội dung."]}
