"""Reading a plan's appendix (phụ lục) from xlsx: one task a row, as departments write them.

The header row is found by its "STT" cell; columns are recognized by their words (nội dung,
chủ trì, phối hợp, bắt đầu / kết thúc or one "thời gian" column, sản phẩm). Dates may be real
dates or the usual text: "05/4/2024", "Tháng 4/2024", "Quý II/2024", "Năm 2024",
"Thường xuyên" (the whole year), "Trước 05/4/2024", "Từ 01/4/2024 đến 30/6/2024". Rows that
only head a group (a roman number, no lead unit) are skipped. Units are matched by name
without diacritics; an unmatched name is kept as written.
"""

import calendar as gregorian
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import IO, Any

from django.core.files.base import File
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from motcua.core.exceptions import InvalidInput
from motcua.core.text import fold
from motcua.organization.models import Unit

MAX_ROWS = 500
HEADER_SEARCH_ROWS = 20
ROMAN = re.compile(r"^(?=[IVXLC]+\.?$)[IVXLC]+\.?$")
DAY = re.compile(r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})")
MONTH = re.compile(r"^(?:thang\s*)?(\d{1,2})\s*(?:/|nam)\s*(\d{4})$")
QUARTER = re.compile(r"^quy\s*([ivx]+|[1-4])\s*(?:/|nam)\s*(\d{4})$")
YEAR = re.compile(r"^(?:nam\s*)?(\d{4})$")
ROMAN_NUMBERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
ALL_YEAR = ("thuong xuyen", "ca nam", "trong nam", "hang nam", "hang quy", "hang thang")

COLUMNS = {
    "number": ("stt",),
    "content": ("noi dung",),
    "lead": ("chu tri",),
    "coordinating": ("phoi hop",),
    "start": ("bat dau",),
    "end": ("ket thuc", "hoan thanh"),
    "time": ("thoi gian",),
    "product": ("san pham", "ket qua"),
}


@dataclass
class TaskRow:
    number: str
    content: str
    lead_unit_name: str
    lead_unit: Unit | None
    coordinating_text: str
    coordinating_units: list[Unit] = field(default_factory=list)
    starts_on: date = date.min
    ends_on: date = date.min
    expected_product: str = ""


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", " ", str(value)).strip()


def time_range(value: Any, *, year: int) -> tuple[date, date]:
    """The (first, last) day a cell's date or text stands for. Raises ValueError."""
    if isinstance(value, datetime):
        return value.date(), value.date()
    if isinstance(value, date):
        return value, value
    text = fold(_text(value)).rstrip(".")
    if not text:
        raise ValueError("empty")
    if any(text.startswith(word) for word in ALL_YEAR):
        return date(year, 1, 1), date(year, 12, 31)
    days = [date(int(y), int(m), int(d)) for d, m, y in DAY.findall(text)]
    if len(days) == 2:
        return days[0], days[1]
    if len(days) == 1:
        if text.startswith(("truoc", "den", "cham nhat")):
            return date(days[0].year, 1, 1), days[0]
        return days[0], days[0]
    match = MONTH.match(text)
    if match:
        month, y = int(match.group(1)), int(match.group(2))
        return date(y, month, 1), date(y, month, gregorian.monthrange(y, month)[1])
    match = QUARTER.match(text)
    if match:
        raw, y = match.group(1), int(match.group(2))
        quarter = int(raw) if raw.isdigit() else ROMAN_NUMBERS.get(raw, 0)
        if not 1 <= quarter <= 4:
            raise ValueError(text)
        last = quarter * 3
        return date(y, last - 2, 1), date(y, last, gregorian.monthrange(y, last)[1])
    match = YEAR.match(text)
    if match:
        y = int(match.group(1))
        return date(y, 1, 1), date(y, 12, 31)
    raise ValueError(text)


class UnitMatcher:
    """Finds a unit by its name or short name, without diacritics or case; a unique unit
    whose name is inside the text, or whose name the text mostly covers, also matches."""

    def __init__(self, units: Iterable[Unit]) -> None:
        self.units = list(units)
        self.names = [(fold(u.name), fold(u.short_name), u) for u in self.units]

    def find(self, text: str) -> Unit | None:
        key = fold(text)
        if not key:
            return None
        exact = [u for name, short, u in self.names if key in (name, short)]
        if len(exact) == 1:
            return exact[0]
        # "Phòng Giáo dục và Đào tạo" for "… Quận 11", but not "tiểu học" for any primary
        # school: a part must cover most of the name.
        close = [
            u
            for name, short, u in self.names
            if name in key or (key in name and len(key) >= 0.6 * len(name))
        ]
        return close[0] if len(close) == 1 else None

    def split(self, text: str) -> list[Unit]:
        found: list[Unit] = []
        for piece in re.split(r"[;,\n]|\s+-\s+", text or ""):
            unit = self.find(piece.strip(" -+.")) if piece.strip() else None
            if unit is not None and unit not in found:
                found.append(unit)
        return found


def _columns(header: tuple) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = fold(_text(cell))
        for name, words in COLUMNS.items():
            if name not in found and any(word in key for word in words):
                # "Thời gian bắt đầu" is the start, not the single time column.
                if name == "time" and any(w in key for w in ("bat dau", "ket thuc", "hoan thanh")):
                    continue
                found[name] = index
                break
    return found


def parse_plan_xlsx(file: File | IO[bytes], *, year: int, units: Iterable[Unit]) -> list[TaskRow]:
    """The tasks of the appendix's first sheet; `InvalidInput` naming every bad row/column."""
    stream = file.file if isinstance(file, File) and file.file is not None else file
    try:
        stream.seek(0)
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any failure to open means "not an xlsx"
        raise InvalidInput(
            _("Tệp không đọc được như một bảng tính Excel (.xlsx)."), field="file"
        ) from exc
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True, max_row=MAX_ROWS + HEADER_SEARCH_ROWS))
    workbook.close()
    header_at = next(
        (
            i
            for i, row in enumerate(rows[:HEADER_SEARCH_ROWS])
            if any(fold(_text(c)) == "stt" for c in row)
        ),
        None,
    )
    if header_at is None:
        raise InvalidInput(
            _("Không thấy dòng tiêu đề có cột «STT» trong %(n)s dòng đầu của trang tính.")
            % {"n": HEADER_SEARCH_ROWS},
            field="file",
        )
    columns = _columns(rows[header_at])
    needed = {
        "content": _("Nội dung công việc"),
        "lead": _("Đơn vị chủ trì"),
    }
    missing = [str(label) for name, label in needed.items() if name not in columns]
    if "time" not in columns and not {"start", "end"} <= columns.keys():
        missing.append(str(_("Thời gian thực hiện (hoặc Bắt đầu và Kết thúc)")))
    if missing:
        raise InvalidInput(
            _("Thiếu cột: %(columns)s.") % {"columns": ", ".join(missing)}, field="file"
        )
    matcher = UnitMatcher(units)
    result: list[TaskRow] = []
    errors: list[str] = []
    seen: set[str] = set()

    def cell(row: tuple, name: str) -> Any:
        index = columns.get(name)
        return row[index] if index is not None and index < len(row) else None

    def where(line: int, name: str) -> str:
        return f"{get_column_letter(columns[name] + 1)}{line}"

    for offset, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        number = _text(cell(row, "number"))
        content = _text(cell(row, "content"))
        lead = _text(cell(row, "lead"))
        if not content and not lead:
            continue
        if not lead and (not number or ROMAN.match(number)):
            continue  # a group heading
        if fold(content) in ("noi dung cong viec", "noi dung") or number in ("(1)", "1)"):
            continue  # a numbering row under the header
        problems = []
        if not content:
            problems.append(
                _("ô %(cell)s: thiếu nội dung công việc.") % {"cell": where(offset, "content")}
            )
        if not lead:
            problems.append(
                _("ô %(cell)s: thiếu đơn vị chủ trì.") % {"cell": where(offset, "lead")}
            )
        if not number:
            number = str(len(result) + 1)
        if number in seen:
            problems.append(_("số thứ tự «%(n)s» bị trùng.") % {"n": number})
        seen.add(number)
        try:
            if "start" in columns and "end" in columns:
                start = time_range(cell(row, "start"), year=year)[0]
                end = time_range(cell(row, "end"), year=year)[1]
            else:
                start, end = time_range(cell(row, "time"), year=year)
        except (ValueError, TypeError):
            name = "start" if "start" in columns else "time"
            problems.append(
                _(
                    "ô %(cell)s: không hiểu thời gian thực hiện (ví dụ hợp lệ: 05/4/%(y)s, "
                    "Tháng 4/%(y)s, Quý II/%(y)s, Thường xuyên)."
                )
                % {"cell": where(offset, name), "y": year}
            )
            start = end = date.min
        else:
            if end < start:
                problems.append(
                    _("dòng %(line)s: ngày kết thúc trước ngày bắt đầu.") % {"line": offset}
                )
        if problems:
            errors.extend(
                _("Dòng %(line)s: %(problem)s") % {"line": offset, "problem": p} for p in problems
            )
            continue
        coordinating = _text(cell(row, "coordinating"))
        result.append(
            TaskRow(
                number=number[:10],
                content=content,
                lead_unit_name=lead[:255],
                lead_unit=matcher.find(lead),
                coordinating_text=coordinating[:500],
                coordinating_units=matcher.split(coordinating),
                starts_on=start,
                ends_on=end,
                expected_product=_text(cell(row, "product"))[:500],
            )
        )
    if len(result) + len(errors) > MAX_ROWS:
        raise InvalidInput(_("Tối đa %(n)s nhiệm vụ.") % {"n": MAX_ROWS}, field="file")
    if errors:
        raise InvalidInput(errors[0], errors={"file": errors})
    if not result:
        raise InvalidInput(_("Tệp không có nhiệm vụ nào dưới dòng tiêu đề."), field="file")
    return result
