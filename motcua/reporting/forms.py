"""Forms of the reporting pages. They only carry text to the services, which parse and check
it (one place for every rule and its Vietnamese message)."""

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.reporting.models import DataField, FieldKind, OutlineSection, TaskStatus


def form_text(value: Any) -> str:
    """A stored value as it is typed back: decimal comma, no grouping, dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        normalized = value.normalize()
        if normalized == normalized.to_integral_value():
            normalized = normalized.quantize(Decimal(1))
        return f"{normalized:f}".replace(".", ",")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _widget(field: DataField) -> forms.Widget:
    attrs: dict[str, str] = {"autocomplete": "off"}
    if field.help_text:
        attrs["aria-describedby"] = f"id_v_{field.code}_help"
    if field.kind == FieldKind.INTEGER:
        return forms.TextInput(attrs={**attrs, "inputmode": "numeric"})
    if field.kind in (FieldKind.DECIMAL, FieldKind.PERCENT):
        return forms.TextInput(attrs={**attrs, "inputmode": "decimal"})
    if field.kind == FieldKind.DATE:
        return forms.DateInput(attrs={**attrs, "type": "date"})
    if field.kind == FieldKind.CHOICE:
        return forms.Select(choices=[("", "—"), *[(c, c) for c in field.choices]], attrs=attrs)
    return forms.Textarea(attrs={**attrs, "rows": 3})


class ReportForm(forms.Form):
    """One input per asked field (`v_<code>`) and per outline section (`s_<code>`)."""

    def __init__(
        self,
        *args: Any,
        data_fields: list[DataField],
        sections: list[OutlineSection],
        values: dict[str, Any],
        texts: dict[str, str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.data_fields = data_fields
        self.sections = sections
        for f in data_fields:
            label = f"{f.label} ({f.unit_label})" if f.unit_label else f.label
            self.fields[f"v_{f.code}"] = forms.CharField(
                label=label,
                required=False,
                strip=True,
                initial=form_text(values.get(f.code)),
                help_text=f.help_text,
                widget=_widget(f),
            )
            self.fields[f"v_{f.code}"].report_required = f.required
        for s in sections:
            self.fields[f"s_{s.code}"] = forms.CharField(
                label=s.title,
                required=False,
                strip=False,
                initial=texts.get(s.code, ""),
                help_text=s.guidance,
                widget=forms.Textarea(attrs={"rows": 5}),
            )
            self.fields[f"s_{s.code}"].report_required = s.required

    def tables(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The bound fields grouped by data table, in order."""
        groups: list[tuple[str, list[forms.BoundField]]] = []
        for f in self.data_fields:
            if not groups or groups[-1][0] != f.table.title:
                groups.append((f.table.title, []))
            groups[-1][1].append(self[f"v_{f.code}"])
        return groups

    def section_fields(self) -> list[forms.BoundField]:
        return [self[f"s_{s.code}"] for s in self.sections]

    def values(self) -> dict[str, str]:
        return {f.code: self.cleaned_data.get(f"v_{f.code}", "") for f in self.data_fields}

    def texts(self) -> dict[str, str]:
        return {s.code: self.cleaned_data.get(f"s_{s.code}", "") for s in self.sections}

    def field_for_error(self, key: str) -> str | None:
        kind, _dot, code = key.partition(".")
        name = {"values": f"v_{code}", "sections": f"s_{code}"}.get(kind)
        return name if name in self.fields else None


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do trả lại"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text=_("Đơn vị sẽ thấy lý do này và chỉnh sửa, nộp lại báo cáo."),
    )


class ConsolidatedForm(forms.Form):
    document_number = forms.CharField(
        label=_("Số văn bản"), max_length=60, required=False, help_text=_("Ví dụ: 125/BC-GDĐT")
    )
    place = forms.CharField(label=_("Địa danh"), max_length=100, required=False)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=100, required=False)
    signer_name = forms.CharField(label=_("Người ký"), max_length=150, required=False)
    summary = forms.CharField(
        label=_("Đánh giá chung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Nhận xét của cơ quan tổng hợp, in trong báo cáo gửi cấp trên."),
    )


class PlanImportForm(forms.Form):
    number = forms.CharField(
        label=_("Số kế hoạch"), max_length=60, help_text=_("Ví dụ: 306/KH-GDĐT")
    )
    title = forms.CharField(label=_("Tên kế hoạch"), max_length=500)
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    issued_on = forms.DateField(
        label=_("Ngày ban hành"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    file = forms.FileField(
        label=_("Phụ lục nhiệm vụ (.xlsx)"),
        help_text=_("Một nhiệm vụ một dòng, dưới dòng tiêu đề có cột «STT»."),
    )

    def field_for_error(self, key: str) -> str | None:
        return key if key in self.fields else None


class TaskUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Tình trạng"), choices=TaskStatus.choices)
    percent = forms.IntegerField(
        label=_("Tiến độ (%)"),
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": "5"}),
    )
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def field_for_error(self, key: str) -> str | None:
        return key if key in self.fields else None
