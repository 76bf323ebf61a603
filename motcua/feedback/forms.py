"""Web forms of the feedback and rating pages. They only shape input; every rule is the
services', whose `DomainError.errors` the views put back on these forms' fields (the field
names are the services' and the API's)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import User
from motcua.catalog.selectors import published_procedures
from motcua.feedback.anonymize import scrub
from motcua.feedback.models import (
    CRITERIA,
    LEVELS,
    ConductIssue,
    Feedback,
    FeedbackCategory,
    FeedbackKind,
)
from motcua.feedback.selectors import assignable_specialists
from motcua.feedback.services import ActionInput, Attachment, DossierRatingInput
from motcua.feedback.workflow import Action, Status
from motcua.organization.models import Unit
from motcua.organization.selectors import member_subtree

FILE_ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files under one input (Django's documented pattern); their content is checked
    by the service, not here."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": FILE_ACCEPT, "multiple": True})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list:
        items = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


def _attachments(files: list) -> list[Attachment]:
    return [Attachment(file=f, name=f.name) for f in files]


def _procedure_choices() -> list[tuple[str, str]]:
    rows = published_procedures().order_by("name").values_list("code", "name")
    return [("", _("— Chọn thủ tục —")), *((code, f"{name} ({code})") for code, name in rows)]


class FileForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Bạn muốn phản ánh, kiến nghị về"),
        choices=FeedbackKind.choices,
        widget=forms.RadioSelect,
    )
    procedure = forms.ChoiceField(
        label=_("Thủ tục hành chính"),
        required=False,
        help_text=_("Bắt buộc khi phản ánh về thủ tục hoặc kiến nghị đơn giản hóa thủ tục."),
    )
    dossier = forms.CharField(
        label=_("Mã hồ sơ"),
        required=False,
        max_length=64,
        help_text=_("Bắt buộc khi phản ánh về một hồ sơ, ví dụ 000.00.21.H29-240327-0001."),
    )
    conduct_issue = forms.ChoiceField(
        label=_("Hành vi của cán bộ"),
        required=False,
        choices=ConductIssue.choices,
        widget=forms.RadioSelect,
        help_text=_("Chỉ khi phản ánh về hành vi, thái độ của cán bộ."),
    )
    officer_name = forms.CharField(
        label=_("Cán bộ bị phản ánh (nếu biết)"), required=False, max_length=255
    )
    unit = forms.ChoiceField(
        label=_("Cơ quan nhận phản ánh"),
        required=False,
        help_text=_("Để trống nếu đã chọn thủ tục hoặc nhập mã hồ sơ."),
    )
    title = forms.CharField(label=_("Tiêu đề"), max_length=255)
    content = forms.CharField(
        label=_("Nội dung"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Trình bày sự việc, thời gian, địa điểm và điều bạn kiến nghị."),
    )
    attachments = MultipleFileField(
        label=_("Tệp đính kèm"),
        required=False,
        help_text=_("Tối đa 5 tệp PDF hoặc ảnh (JPG, PNG), mỗi tệp tối đa 20 MB."),
    )
    anonymous = forms.BooleanField(
        label=_("Gửi ẩn danh"),
        required=False,
        help_text=_(
            "Phản ánh ẩn danh vẫn được tiếp nhận và xử lý nhưng không được trả lời riêng; "
            "bạn theo dõi kết quả bằng mã theo dõi. Thông tin liên hệ sẽ không được lưu."
        ),
    )
    name = forms.CharField(label=_("Họ và tên"), required=False, max_length=255)
    phone = forms.CharField(
        label=_("Số điện thoại"),
        required=False,
        max_length=32,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.CharField(
        label=_("Thư điện tử"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Nhập số điện thoại hoặc thư điện tử để nhận trả lời."),
    )
    address = forms.CharField(label=_("Địa chỉ"), required=False, max_length=500)

    CONTACT = ("name", "phone", "email", "address")
    SUBJECT = ("procedure", "dossier", "conduct_issue", "officer_name", "unit")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["procedure"].choices = _procedure_choices()
        units = Unit.objects.filter(is_active=True, level__is_school=False).order_by("path")
        self.fields["unit"].choices = [
            ("", _("— Không rõ: chuyển bộ phận tiếp nhận —")),
            *((str(u.pk), u.name) for u in units),
        ]

    def contact_fields(self) -> list:
        return [self[name] for name in self.CONTACT]

    def subject_fields(self) -> list:
        return [self[name] for name in self.SUBJECT]

    def attachments_list(self) -> list[Attachment]:
        return _attachments(self.cleaned_data.get("attachments") or [])

    def field_for_error(self, key: str) -> str | None:
        if key.startswith("attachments"):
            return "attachments"
        return key if key in self.fields else None


class TrackForm(forms.Form):
    ma = forms.CharField(
        label=_("Mã theo dõi"),
        max_length=32,
        help_text=_("Ví dụ PA-7K3M9-QX2HT (không phân biệt chữ hoa, chữ thường)."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class ReplyForm(forms.Form):
    text = forms.CharField(label=_("Thông tin bổ sung"), widget=forms.Textarea(attrs={"rows": 4}))
    attachments = MultipleFileField(
        label=_("Tệp đính kèm"),
        required=False,
        help_text=_("Tối đa 5 tệp PDF hoặc ảnh (JPG, PNG)."),
    )

    def attachments_list(self) -> list[Attachment]:
        return _attachments(self.cleaned_data.get("attachments") or [])

    def field_for_error(self, key: str) -> str | None:
        if key.startswith("attachments"):
            return "attachments"
        return key if key in self.fields else None


class AnswerRatingForm(forms.Form):
    satisfied = forms.TypedChoiceField(
        label=_("Bạn có hài lòng với trả lời?"),
        choices=[("1", _("Hài lòng")), ("0", _("Chưa hài lòng"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Lý do"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bắt buộc khi chưa hài lòng."),
    )

    def field_for_error(self, key: str) -> str | None:
        return key if key in self.fields else None


# --- staff actions -----------------------------------------------------------------------

ACTION_LABELS = {
    Action.RECEIVE: (_("Tiếp nhận"), _("Tiếp nhận")),
    Action.CLASSIFY: (_("Phân loại"), _("Lưu phân loại")),
    Action.ASSIGN: (_("Giao xử lý"), _("Giao")),
    Action.REQUEST_INFO: (_("Đề nghị người gửi bổ sung thông tin"), _("Gửi đề nghị")),
    Action.ANSWER: (_("Trả lời"), _("Gửi trả lời để duyệt")),
    Action.RETURN_ANSWER: (_("Trả lại dự thảo trả lời"), _("Trả lại")),
    Action.PUBLISH: (_("Duyệt và công khai trả lời"), _("Duyệt và công khai")),
    Action.REFUSE: (_("Từ chối xử lý"), _("Từ chối")),
}
NOTE_LABELS = {
    Action.REFUSE: _("Lý do từ chối"),
    Action.REQUEST_INFO: _("Thông tin cần người gửi bổ sung"),
    Action.ANSWER: _("Nội dung trả lời"),
    Action.RETURN_ANSWER: _("Điều cần sửa"),
}


def _categories() -> list[tuple[str, str]]:
    rows = FeedbackCategory.objects.filter(is_active=True).values_list("code", "name")
    return [("", _("— Chọn nhóm —")), *rows]


class ActionForm(forms.Form):
    """One staff action; the fields it shows depend on the action."""

    def __init__(
        self, *args: Any, action: Action, feedback: Feedback, user: User, **kwargs: Any
    ) -> None:
        kwargs.setdefault("prefix", action.value)
        super().__init__(*args, **kwargs)
        self.action = action
        self.label, self.button = ACTION_LABELS[action]
        if action in (Action.RECEIVE, Action.CLASSIFY):
            self.fields["category"] = forms.ChoiceField(
                label=_("Nhóm phản ánh"),
                choices=_categories(),
                required=action == Action.CLASSIFY,
                initial=feedback.category.code if feedback.category_id else "",
            )
        if action == Action.ASSIGN:
            units = member_subtree(user.pk).filter(is_active=True).order_by("path")
            self.fields["unit"] = forms.TypedChoiceField(
                label=_("Đơn vị xử lý"),
                choices=[(str(u.pk), u.name) for u in units],
                coerce=int,
                required=False,
                initial=str(feedback.unit_id),
            )
            specialists = assignable_specialists(feedback)
            self.fields["assignee"] = forms.TypedChoiceField(
                label=_("Chuyên viên"),
                choices=[("", _("— Chưa giao chuyên viên —"))]
                + [(str(u.pk), u.display_name) for u in specialists],
                coerce=int,
                required=False,
                empty_value=None,
            )
        if action == Action.PUBLISH:
            known = [feedback.filer_name, feedback.filer_phone, feedback.filer_email]
            self.fields["public_title"] = forms.CharField(
                label=_("Tiêu đề công khai"),
                max_length=255,
                required=False,
                initial=scrub(feedback.title, known=known),
            )
            self.fields["public_question"] = forms.CharField(
                label=_("Nội dung công khai"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                initial=scrub(feedback.content, known=known),
                help_text=_(
                    "Đã bỏ số điện thoại, thư điện tử, số giấy tờ và tên người gửi; hãy "
                    "bỏ thêm mọi thông tin cá nhân khác trước khi công khai. Để trống: "
                    "dùng nội dung gốc (vẫn được lọc thông tin cá nhân)."
                ),
            )
            self.fields["public_answer"] = forms.CharField(
                label=_("Trả lời công khai"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 6}),
                initial=scrub(feedback.answer, known=known),
            )
        required = action in NOTE_LABELS
        self.fields["note"] = forms.CharField(
            label=NOTE_LABELS.get(action, _("Ghi chú")),
            required=required,
            widget=forms.Textarea(attrs={"rows": 6 if action == Action.ANSWER else 3}),
            initial=feedback.answer if action == Action.ANSWER else "",
        )

    def to_input(self) -> ActionInput:
        data = self.cleaned_data
        return ActionInput(
            note=data.get("note", ""),
            category=data.get("category", ""),
            unit_id=data.get("unit") or None,
            assignee_id=data.get("assignee") or None,
            public_title=data.get("public_title", ""),
            public_question=data.get("public_question", ""),
            public_answer=data.get("public_answer", ""),
        )

    def field_for_error(self, key: str) -> str | None:
        return key if key in self.fields else None


class StaffFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        required=False,
        choices=[("", _("Tất cả"))] + list(Status.choices),
    )
    kind = forms.ChoiceField(
        label=_("Loại"), required=False, choices=[("", _("Tất cả"))] + list(FeedbackKind.choices)
    )
    overdue = forms.BooleanField(label=_("Chỉ quá hạn"), required=False)
    mine = forms.BooleanField(label=_("Được giao cho tôi"), required=False)


# --- dossier ratings ---------------------------------------------------------------------

TRI_STATE = [("", _("Không đánh giá")), ("1", _("Có")), ("0", _("Không"))]


class DossierRatingForm(forms.Form):
    level = forms.TypedChoiceField(
        label=_("Mức độ hài lòng của bạn"),
        choices=[(str(level.value), level.label) for level in LEVELS],
        coerce=int,
        widget=forms.RadioSelect(attrs={"class": "levels"}),
    )
    comment = forms.CharField(
        label=_("Ý kiến khác (nếu có)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, kiosk: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label in CRITERIA.items():
            self.fields[name] = forms.TypedChoiceField(
                label=label,
                choices=TRI_STATE,
                coerce=lambda value: value == "1",
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
            )
        if kiosk:
            self.fields["code"] = forms.CharField(
                label=_("Mã hồ sơ"),
                max_length=64,
                help_text=_("In trên giấy tiếp nhận và hẹn trả kết quả."),
            )
            self.fields["id_number"] = forms.CharField(
                label=_("Số định danh cá nhân (hoặc mã số thuế) của người nộp"),
                max_length=14,
                widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            )
            self.order_fields(["code", "id_number", "level"])

    def criteria_fields(self) -> list:
        return [self[name] for name in CRITERIA]

    def identity_fields(self) -> list:
        return [self[name] for name in ("code", "id_number") if name in self.fields]

    def to_input(self) -> DossierRatingInput:
        data = self.cleaned_data
        return DossierRatingInput(
            level=data["level"],
            criteria={name: data.get(name) for name in CRITERIA},
            comment=data.get("comment", ""),
        )

    def field_for_error(self, key: str) -> str | None:
        return key if key in self.fields else None


class SummaryForm(forms.Form):
    start = forms.DateField(
        label=_("Từ ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("Đến ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    unit = forms.TypedChoiceField(label=_("Đơn vị"), required=False, coerce=int, empty_value=None)
    procedure = forms.ChoiceField(label=_("Thủ tục"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(is_active=True, level__is_school=False).order_by("path")
        self.fields["unit"].choices = [("", _("Tất cả"))] + [(str(u.pk), u.name) for u in units]
        choices = _procedure_choices()
        self.fields["procedure"].choices = [("", _("Tất cả")), *choices[1:]]
