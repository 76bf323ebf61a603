"""Pure rules of a report's values: parsing each typed field and checking the type's rules.

Every message names the field (its label and code) and the rule it breaks, in Vietnamese.
A draft is checked for types and bounds only; a submission also for required fields and
sums ("A = B + C"). No database: the fields are passed in.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from django.utils.translation import gettext as _

from motcua.reporting.models import FieldKind, sum_parts

_INT_GROUPED = re.compile(r"^-?\d{1,3}([.,\s]\d{3})+$")
_DATE_VN = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
MAX_TEXT = 20_000


class FieldSpec(Protocol):
    code: str
    label: str
    kind: str
    required: bool
    min_value: Decimal | None
    max_value: Decimal | None
    choices: list
    sum_of: str


@dataclass
class Checked:
    """Parsed values by field code (None: left empty) and the errors by key."""

    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)

    def add(self, key: str, message: str) -> None:
        self.errors.setdefault(key, []).append(message)


def value_key(code: str) -> str:
    return f"values.{code}"


def section_key(code: str) -> str:
    return f"sections.{code}"


def _name(spec: FieldSpec) -> str:
    return f"«{spec.label}» ({spec.code})"


def number_text(value: Decimal) -> str:
    """12.50 → "12,5"; 1234 → "1.234" (Vietnamese separators)."""
    normalized = value.normalize()
    if normalized == normalized.to_integral_value():
        normalized = normalized.quantize(Decimal(1))
    sign = "-" if normalized < 0 else ""
    whole, _dot, fraction = f"{abs(normalized):f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


def _parse_number(raw: Any, *, integer: bool) -> Decimal:
    if isinstance(raw, bool):
        raise ValueError
    if isinstance(raw, int | Decimal):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(str(raw))
    text = str(raw).strip().replace("\u00a0", " ")
    if integer and _INT_GROUPED.match(text):
        text = re.sub(r"[.,\s]", "", text)
    elif "," in text:
        # Vietnamese: "1.234,5" is 1234.5; a lone comma is the decimal separator.
        text = text.replace(".", "").replace(" ", "").replace(",", ".")
    try:
        value = Decimal(text.replace(" ", ""))
    except InvalidOperation as exc:
        raise ValueError from exc
    if not value.is_finite():
        raise ValueError
    return value


def _parse_date(raw: Any) -> date:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = str(raw).strip()
    match = _DATE_VN.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
        return date(year, month, day)
    return date.fromisoformat(text)


def _empty(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def parse_field(spec: FieldSpec, raw: Any, checked: Checked) -> None:
    """Parse one raw value into `checked.values[code]`, or add the field's error."""
    key = value_key(spec.code)
    if _empty(raw):
        checked.values[spec.code] = None
        return
    name = _name(spec)
    if spec.kind in (FieldKind.INTEGER, FieldKind.DECIMAL, FieldKind.PERCENT):
        integer = spec.kind == FieldKind.INTEGER
        try:
            value = _parse_number(raw, integer=integer)
        except ValueError:
            checked.add(key, _("%(name)s: phải là một số.") % {"name": name})
            return
        if integer and value != value.to_integral_value():
            checked.add(key, _("%(name)s: phải là số nguyên.") % {"name": name})
            return
        if abs(value) >= Decimal("1e15") or value.normalize().as_tuple().exponent < -4:  # type: ignore[operator]
            checked.add(
                key,
                _("%(name)s: tối đa 15 chữ số phần nguyên và 4 chữ số thập phân.") % {"name": name},
            )
            return
        lowest, highest = spec.min_value, spec.max_value
        if spec.kind == FieldKind.PERCENT:
            lowest = max(lowest, Decimal(0)) if lowest is not None else Decimal(0)
            highest = min(highest, Decimal(100)) if highest is not None else Decimal(100)
        if lowest is not None and value < lowest:
            checked.add(
                key,
                _("%(name)s: không được nhỏ hơn %(min)s (đang là %(value)s).")
                % {"name": name, "min": number_text(lowest), "value": number_text(value)},
            )
            return
        if highest is not None and value > highest:
            checked.add(
                key,
                _("%(name)s: không được lớn hơn %(max)s (đang là %(value)s).")
                % {"name": name, "max": number_text(highest), "value": number_text(value)},
            )
            return
        checked.values[spec.code] = value
    elif spec.kind == FieldKind.DATE:
        try:
            checked.values[spec.code] = _parse_date(raw)
        except (ValueError, TypeError):
            checked.add(key, _("%(name)s: phải là một ngày dạng ngày/tháng/năm.") % {"name": name})
    elif spec.kind == FieldKind.CHOICE:
        text = str(raw).strip()
        if text not in spec.choices:
            checked.add(
                key,
                _("%(name)s: phải là một trong các giá trị: %(choices)s.")
                % {"name": name, "choices": "; ".join(spec.choices)},
            )
            return
        checked.values[spec.code] = text
    else:
        text = str(raw).strip()
        if len(text) > MAX_TEXT:
            checked.add(key, _("%(name)s: dài quá %(n)s ký tự.") % {"name": name, "n": MAX_TEXT})
            return
        checked.values[spec.code] = text


def check_values(specs: Iterable[FieldSpec], raw: Mapping[str, Any], *, final: bool) -> Checked:
    """Parse every field; with `final` (a submission) also require and sum.

    Unknown codes in `raw` are refused (a typo must not be silently dropped).
    """
    specs = list(specs)
    by_code = {spec.code: spec for spec in specs}
    checked = Checked()
    for code in raw:
        if code not in by_code:
            checked.add(
                value_key(code),
                _("Mã chỉ tiêu «%(code)s» không có trong loại báo cáo này.") % {"code": code},
            )
    for spec in specs:
        parse_field(spec, raw.get(spec.code), checked)
    if not final:
        return checked
    for spec in specs:
        key = value_key(spec.code)
        if key in checked.errors:
            continue
        if spec.required and checked.values.get(spec.code) is None:
            checked.add(key, _("%(name)s: bắt buộc nhập.") % {"name": _name(spec)})
    for spec in specs:
        _check_sum(spec, by_code, checked)
    return checked


def _check_sum(spec: FieldSpec, by_code: Mapping[str, FieldSpec], checked: Checked) -> None:
    parts = sum_parts(spec.sum_of)
    if not parts:
        return
    key = value_key(spec.code)
    if key in checked.errors or any(value_key(p) in checked.errors for p in parts):
        return
    total_value = checked.values.get(spec.code)
    part_values = [checked.values.get(part) for part in parts]
    if total_value is None and all(v is None for v in part_values):
        return
    expected = sum((v or Decimal(0) for v in part_values), Decimal(0))
    actual = total_value or Decimal(0)
    if actual != expected:
        labels = " + ".join(f"{by_code[p].label} ({p})" if p in by_code else p for p in parts)
        checked.add(
            key,
            _("%(name)s phải bằng %(parts)s = %(expected)s, đang là %(actual)s.")
            % {
                "name": _name(spec),
                "parts": labels,
                "expected": number_text(expected),
                "actual": number_text(actual),
            },
        )


def check_sections(sections: Iterable[Any], raw: Mapping[str, Any], *, final: bool) -> Checked:
    """The outline's texts by section code; with `final` the required ones must be filled."""
    sections = list(sections)
    by_code = {s.code: s for s in sections}
    checked = Checked()
    for code in raw:
        if code not in by_code:
            checked.add(
                section_key(code),
                _("Mục «%(code)s» không có trong đề cương của loại báo cáo này.") % {"code": code},
            )
    for section in sections:
        value = raw.get(section.code)
        text = "" if value is None else str(value).strip()
        if len(text) > MAX_TEXT:
            checked.add(
                section_key(section.code),
                _("Mục «%(title)s»: dài quá %(n)s ký tự.")
                % {"title": section.title, "n": MAX_TEXT},
            )
            continue
        if final and section.required and not text:
            checked.add(
                section_key(section.code),
                _("Mục «%(title)s»: bắt buộc nhập nội dung.") % {"title": section.title},
            )
        checked.values[section.code] = text
    return checked
