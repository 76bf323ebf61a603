"""Statistics periods: a month, a quarter, a year or a custom range of days, read from a query
string and turned into instants in Vietnam time. Shared by the control room, the Decision 766
index and the II.06a statistics report, so every page reads `?period=quarter&year=2026&number=2`
the same way and names the parameter it cannot read.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.core.clock import VIETNAM_TZ
from motcua.core.exceptions import InvalidInput

KINDS: dict[str, str] = {
    "month": gettext_lazy("Tháng"),
    "quarter": gettext_lazy("Quý"),
    "year": gettext_lazy("Năm"),
    "custom": gettext_lazy("Tùy chọn"),
}
MAX_CUSTOM_DAYS = 3 * 366
FIRST_YEAR = 2000


@dataclass(frozen=True)
class Period:
    kind: str
    start: date  # first day
    end: date  # last day, included
    year: int | None = None
    number: int | None = None  # month 1–12 or quarter 1–4

    @property
    def start_at(self) -> datetime:
        """00:00 of the first day, Vietnam time."""
        return datetime.combine(self.start, time(), tzinfo=VIETNAM_TZ)

    @property
    def end_at(self) -> datetime:
        """00:00 of the day after the last day: the period is [start_at, end_at)."""
        return datetime.combine(self.end + timedelta(days=1), time(), tzinfo=VIETNAM_TZ)

    @property
    def label(self) -> str:
        if self.kind == "month":
            return _("Tháng %(month)s/%(year)s") % {"month": self.number, "year": self.year}
        if self.kind == "quarter":
            return _("Quý %(quarter)s năm %(year)s") % {"quarter": self.number, "year": self.year}
        if self.kind == "year":
            return _("Năm %(year)s") % {"year": self.year}
        return _("Từ ngày %(start)s đến ngày %(end)s") % {
            "start": f"{self.start:%d/%m/%Y}",
            "end": f"{self.end:%d/%m/%Y}",
        }

    def previous(self) -> Period:
        """The period of the same kind just before this one (a custom range of equal length)."""
        if self.kind == "custom":
            days = (self.end - self.start).days + 1
            return custom(self.start - timedelta(days=days), self.start - timedelta(days=1))
        if self.kind == "year":
            return year(self.year - 1)  # type: ignore[operator]
        if self.kind == "quarter":
            y, q = (self.year, self.number - 1) if self.number > 1 else (self.year - 1, 4)  # type: ignore[operator]
            return quarter(y, q)  # type: ignore[arg-type]
        y, m = (self.year, self.number - 1) if self.number > 1 else (self.year - 1, 12)  # type: ignore[operator]
        return month(y, m)  # type: ignore[arg-type]

    def as_params(self) -> dict[str, str]:
        """The query parameters that read back as this period (for links and exports)."""
        if self.kind == "custom":
            return {"period": "custom", "from": self.start.isoformat(), "to": self.end.isoformat()}
        params = {"period": self.kind, "year": str(self.year)}
        if self.number is not None:
            params["number"] = str(self.number)
        return params


def month(y: int, m: int) -> Period:
    last = calendar.monthrange(y, m)[1]
    return Period("month", date(y, m, 1), date(y, m, last), y, m)


def quarter(y: int, q: int) -> Period:
    first = 3 * (q - 1) + 1
    last = calendar.monthrange(y, first + 2)[1]
    return Period("quarter", date(y, first, 1), date(y, first + 2, last), y, q)


def year(y: int) -> Period:
    return Period("year", date(y, 1, 1), date(y, 12, 31), y)


def custom(start: date, end: date) -> Period:
    if end < start:
        raise InvalidInput(_("Ngày kết thúc phải từ ngày bắt đầu trở đi."), field="to")
    if (end - start).days + 1 > MAX_CUSTOM_DAYS:
        raise InvalidInput(
            _("Khoảng thời gian tùy chọn tối đa %(days)s ngày.") % {"days": MAX_CUSTOM_DAYS},
            field="to",
        )
    return Period("custom", start, end)


def int_param(params: Mapping[str, str], name: str, *, low: int, high: int, default: int) -> int:
    """An optional whole number in [low, high] from a query string; anything else names the
    parameter."""
    raw = (params.get(name) or "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise InvalidInput(
            _("%(name)s phải là số từ %(low)s đến %(high)s.")
            % {"name": name, "low": low, "high": high},
            field=name,
        )
    return value


def _day(params: Mapping[str, str], name: str) -> date:
    raw = (params.get(name) or "").strip()
    try:
        return date.fromisoformat(raw)
    except ValueError as exc:
        raise InvalidInput(
            _("%(name)s phải là ngày dạng YYYY-MM-DD.") % {"name": name}, field=name
        ) from exc


def period_from_params(params: Mapping[str, str], *, today: date, default: str = "year") -> Period:
    """Reads `period` (month | quarter | year | custom) with `year` and `number`, or `from` and
    `to` for a custom range. Missing values mean the current month, quarter or year."""
    kind = (params.get("period") or default).strip()
    if kind not in KINDS:
        raise InvalidInput(
            _("period phải là một trong: %(kinds)s.") % {"kinds": ", ".join(KINDS)},
            field="period",
        )
    if kind == "custom":
        return custom(_day(params, "from"), _day(params, "to"))
    y = int_param(params, "year", low=FIRST_YEAR, high=today.year + 1, default=today.year)
    if kind == "year":
        return year(y)
    if kind == "quarter":
        current = (today.month - 1) // 3 + 1
        return quarter(y, int_param(params, "number", low=1, high=4, default=current))
    return month(y, int_param(params, "number", low=1, high=12, default=today.month))
