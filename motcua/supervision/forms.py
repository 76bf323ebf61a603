"""The filters of the control room and the review as GET forms. They only label and render the
inputs (with the values in use); `params` reads and checks the query string."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.core.periods import KINDS, Period
from motcua.supervision.params import MAX_WEEKS, MAX_YEARS


def _number(label: Any, *, low: int, high: int, help_text: Any = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=low,
        max_value=high,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class PeriodFields(forms.Form):
    """`period` (month, quarter, year, custom) with `year` and `number`, or `from` and `to`."""

    period = forms.ChoiceField(label=_("Kỳ"), choices=list(KINDS.items()), required=False)
    year = _number(_("Năm"), low=2000, high=2100)
    number = _number(_("Tháng hoặc quý"), low=1, high=12, help_text=_("Tháng 1–12, quý 1–4."))
    start = forms.DateField(
        label=_("Từ ngày"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end = forms.DateField(
        label=_("Đến ngày"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, period: Period, **kwargs: Any) -> None:
        initial = kwargs.setdefault("initial", {})
        initial.update(
            period=period.kind,
            year=period.year or period.start.year,
            number=period.number,
            start=period.start,
            end=period.end,
        )
        super().__init__(*args, **kwargs)

    def add_prefix(self, field_name: str) -> str:
        # The query string's names (`from` is a Python keyword).
        return {"start": "from", "end": "to"}.get(field_name, field_name)


class ControlRoomFilterForm(PeriodFields):
    weeks = _number(
        _("Số tuần của biểu đồ"),
        low=1,
        high=MAX_WEEKS,
        help_text=_("Biểu đồ hồ sơ tiếp nhận, giải quyết theo tuần."),
    )

    def __init__(self, *args: Any, weeks: int, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})["weeks"] = weeks
        super().__init__(*args, **kwargs)


class ReviewFilterForm(PeriodFields):
    years = _number(
        _("Số năm không phát sinh hồ sơ"),
        low=1,
        high=MAX_YEARS,
    )
    late_min = forms.DecimalField(
        label=_("Tỉ lệ trễ hạn từ (%)"), required=False, min_value=0, max_value=100
    )
    supplement_min = forms.DecimalField(
        label=_("Tỉ lệ phải bổ sung từ (%)"), required=False, min_value=0, max_value=100
    )
    min_dossiers = _number(_("Số hồ sơ tối thiểu"), low=1, high=1_000_000)

    def __init__(self, *args: Any, review: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).update(
            years=review.years,
            late_min=review.thresholds.late_percent,
            supplement_min=review.thresholds.supplement_percent,
            min_dossiers=review.thresholds.min_dossiers,
        )
        super().__init__(*args, period=review.period, **kwargs)
