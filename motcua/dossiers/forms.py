"""Web forms of the dossier pages: online submission, desk registration, each workflow action.

The forms only shape input; every rule is the services' (`dossier_submit`, `dossier_register`,
`dossier_act`), whose `DomainError.errors` the views put back on these forms' fields.
"""

from datetime import datetime
from typing import Any

from django import forms
from django.core.validators import FileExtensionValidator
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import User
from motcua.catalog.models import Procedure, ProcedureComponent
from motcua.core.clock import VIETNAM_TZ, local
from motcua.documents.models import StoredDocument
from motcua.dossiers.models import Channel, ProposalKind, ReturnMethod
from motcua.dossiers.services import ActionInput, Reuse, Upload
from motcua.dossiers.workflow import FINAL, Action, Status

FILE_TYPES = ["pdf", "jpg", "jpeg", "png"]
FILE_ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
FILE_HELP = _("Tệp PDF hoặc ảnh (JPG, PNG), tối đa 20 MB.")
file_type_validator = FileExtensionValidator(
    FILE_TYPES, message=_("Chỉ nhận tệp PDF hoặc ảnh JPG, PNG.")
)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files under one input (Django's documented pattern)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": FILE_ACCEPT, "multiple": True})
        )
        kwargs.setdefault("validators", [file_type_validator])
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list:
        items = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if not items and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


def _uploads(files: list, component_id: int | None = None) -> list[Upload]:
    return [Upload(component_id=component_id, file=f, name=f.name) for f in files]


class VietnamDateTimeField(forms.DateTimeField):
    """A `datetime-local` input read as Vietnam time whatever the active time zone."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]

    def to_python(self, value: Any) -> datetime | None:
        with timezone.override(VIETNAM_TZ):
            return super().to_python(value)


# --- intake --------------------------------------------------------------------------


class SubmitForm(forms.Form):
    """Online submission: the request, the address, one file per component to upload."""

    request = forms.CharField(
        label=_("Nội dung yêu cầu"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ví dụ: xin chuyển trường cho con từ Quận 5 về Quận 11."),
    )
    address = forms.CharField(label=_("Địa chỉ liên hệ"), max_length=500, required=False)

    def __init__(
        self,
        *args: Any,
        procedure: Procedure,
        offers: dict[int, StoredDocument] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.procedure = procedure
        self.offers = offers or {}
        self.database_components: list[ProcedureComponent] = []
        components = list(procedure.components.all())
        for component in components:
            if component.is_database:
                self.database_components.append(component)
                continue
            name = f"component_{component.pk}"
            offer = self.offers.get(component.pk)
            self.fields[name] = forms.FileField(
                label=component.name,
                # A paper of the store may answer it instead (checked in clean()).
                required=component.is_required and offer is None,
                validators=[file_type_validator],
                widget=forms.ClearableFileInput(attrs={"accept": FILE_ACCEPT}),
                help_text=_copies(component),
            )
            if offer is not None:
                self.fields[f"reuse_{component.pk}"] = forms.BooleanField(
                    label=_("Dùng «%(title)s» trong kho dữ liệu của tôi (lưu ngày %(day)s)")
                    % {"title": offer.title, "day": f"{local(offer.created_at):%d/%m/%Y}"},
                    required=False,
                    initial=True,
                    help_text=_("Không cần tải lên lại; chọn tệp mới ở trên nếu muốn thay."),
                )
        self.component_fields: list[
            tuple[ProcedureComponent, forms.BoundField, forms.BoundField | None]
        ] = [
            (
                c,
                self[f"component_{c.pk}"],
                self[f"reuse_{c.pk}"] if c.pk in self.offers else None,
            )
            for c in components
            if not c.is_database
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for component, field, reuse in self.component_fields:
            if reuse is None or not component.is_required:
                continue
            if not data.get(field.name) and not data.get(reuse.name):
                self.add_error(field.name, forms.ValidationError(_("Vui lòng chọn tệp.")))
        return data

    def uploads(self) -> list[tuple[str, Upload]]:
        """The files given, each with the name of its field (to place the service's errors)."""
        uploads = []
        for component, field, _reuse in self.component_fields:
            file = self.cleaned_data.get(field.name)
            if file:
                uploads.append(
                    (field.name, Upload(component_id=component.pk, file=file, name=file.name))
                )
        return uploads

    def reuses(self) -> list[Reuse]:
        """Components answered from the store: ticked, and no new file chosen."""
        return [
            Reuse(component_id=component.pk, stored_document_id=self.offers[component.pk].pk)
            for component, field, reuse in self.component_fields
            if reuse is not None
            and self.cleaned_data.get(reuse.name)
            and not self.cleaned_data.get(field.name)
        ]


def _copies(component: ProcedureComponent) -> str:
    parts = []
    if component.copies_original:
        parts.append(_("%(n)s bản chính") % {"n": component.copies_original})
    if component.copies_copy:
        parts.append(_("%(n)s bản sao") % {"n": component.copies_copy})
    need = _("Bắt buộc") if component.is_required else _("Không bắt buộc, nộp nếu có")
    return " · ".join([*(str(p) for p in parts), str(need), str(FILE_HELP)])


class RegisterForm(forms.Form):
    """A dossier brought to the desk or received by post."""

    procedure = forms.ModelChoiceField(
        label=_("Thủ tục hành chính"), queryset=Procedure.objects.none(), to_field_name="code"
    )
    channel = forms.TypedChoiceField(
        label=_("Kênh tiếp nhận"),
        coerce=int,
        choices=[(Channel.DIRECT, Channel.DIRECT.label), (Channel.POSTAL, Channel.POSTAL.label)],
        initial=Channel.DIRECT,
        widget=forms.RadioSelect,
    )
    applicant_name = forms.CharField(label=_("Họ tên người nộp"), max_length=255)
    applicant_id_number = forms.CharField(
        label=_("Số định danh cá nhân / mã số thuế"),
        max_length=14,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    applicant_phone = forms.CharField(
        label=_("Điện thoại"),
        max_length=16,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    applicant_address = forms.CharField(label=_("Địa chỉ"), max_length=500, required=False)
    request = forms.CharField(label=_("Nội dung yêu cầu"), widget=forms.Textarea(attrs={"rows": 3}))
    files = MultipleFileField(
        label=_("Bản quét hồ sơ"), required=False, help_text=_("Không bắt buộc. ") + FILE_HELP
    )

    FIELD_MAP = {
        "applicant.name": "applicant_name",
        "applicant.id_number": "applicant_id_number",
        "components": "files",
    }

    def __init__(self, *args: Any, procedures: QuerySet[Procedure], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["procedure"].queryset = procedures
        self.fields["procedure"].label_from_instance = lambda p: f"{p.code} — {p.name}"

    def uploads(self) -> list[Upload]:
        return _uploads(self.cleaned_data["files"])

    def field_for_error(self, key: str) -> str | None:
        key = self.FIELD_MAP.get(key, key)
        if key.startswith("components["):
            key = "files"
        return key if key in self.fields else None


# --- actions ----------------------------------------------------------------------------


class ActionForm(forms.Form):
    """Base of the action forms: `to_input` turns cleaned data into the service's input."""

    action: Action
    submit_label = ""

    def __init__(self, *args: Any, dossier: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", self.action.value)
        super().__init__(*args, **kwargs)
        self.dossier = dossier

    @property
    def label(self) -> str:
        return str(self.action.label)

    @property
    def button(self) -> str:
        return str(self.submit_label or self.action.label)

    @property
    def has_files(self) -> bool:
        return any(isinstance(f, forms.FileField) for f in self.fields.values())

    def to_input(self) -> ActionInput:
        data = self.cleaned_data
        return ActionInput(note=data.get("note", "") or "")

    def field_for_error(self, key: str) -> str | None:
        if key.startswith("components"):
            key = "files"
        return key if key in self.fields else None


def _note(label: Any = None, *, required: bool = False, rows: int = 2) -> forms.CharField:
    return forms.CharField(
        label=label or _("Ghi chú"),
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class ReceiveForm(ActionForm):
    action = Action.RECEIVE
    submit_label = _("Tiếp nhận hồ sơ")
    note = _note()


class RefuseForm(ActionForm):
    action = Action.REFUSE
    reasons = forms.CharField(
        label=_("Lý do từ chối"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mỗi lý do một dòng; nêu cụ thể căn cứ."),
    )

    def to_input(self) -> ActionInput:
        return ActionInput(reasons=_lines(self.cleaned_data["reasons"]))


class RequestSupplementForm(ActionForm):
    action = Action.REQUEST_SUPPLEMENT
    items = forms.CharField(
        label=_("Nội dung cần bổ sung, hoàn thiện"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mỗi giấy tờ hoặc nội dung một dòng."),
    )
    note = _note(_("Lý do"), required=True)
    contact = forms.CharField(
        label=_("Người, số điện thoại liên hệ"),
        max_length=255,
        required=False,
        help_text=_("Để trống: tên bạn và số điện thoại của cơ quan."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.dossier is not None and self.dossier.supplement_count >= 1:
            self.fields["second_request_reason"] = forms.CharField(
                label=_("Lý do phải yêu cầu bổ sung thêm lần nữa"),
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_(
                    "Hồ sơ đã được yêu cầu bổ sung một lần. Yêu cầu lần nữa là vi phạm "
                    "(bổ sung nhiều lần) và hồ sơ sẽ bị tính là trễ hạn."
                ),
            )

    @property
    def is_second_request(self) -> bool:
        return "second_request_reason" in self.fields

    def to_input(self) -> ActionInput:
        data = self.cleaned_data
        return ActionInput(
            items=_lines(data["items"]),
            note=data["note"],
            contact=data.get("contact", ""),
            second_request_reason=data.get("second_request_reason", ""),
        )


class SupplementForm(ActionForm):
    action = Action.SUPPLEMENT
    submit_label = _("Gửi giấy tờ bổ sung")
    files = MultipleFileField(label=_("Giấy tờ bổ sung"), help_text=FILE_HELP)
    note = _note()

    def __init__(self, *args: Any, files_required: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # At the desk the officer may record paper brought in without a scan.
        self.fields["files"].required = files_required

    def to_input(self) -> ActionInput:
        return ActionInput(
            note=self.cleaned_data.get("note", ""), files=_uploads(self.cleaned_data["files"])
        )


class HandoverForm(ActionForm):
    action = Action.HANDOVER
    to_user = forms.ModelChoiceField(
        label=_("Chuyển cho"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Theo phân công mặc định"),
    )
    note = _note()

    def __init__(self, *args: Any, candidates: QuerySet[User] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if candidates is None:
            del self.fields["to_user"]
        else:
            self.fields["to_user"].queryset = candidates
            self.fields["to_user"].label_from_instance = _person

    def to_input(self) -> ActionInput:
        data = self.cleaned_data
        return ActionInput(note=data.get("note", ""), to_user=data.get("to_user"))


def _person(user: User) -> str:
    return f"{user.display_name} ({user.position})" if user.position else user.display_name


class ReturnToPreviousForm(ActionForm):
    action = Action.RETURN_TO_PREVIOUS
    note = _note(_("Lý do trả lại"), required=True)


class ProposeForm(ActionForm):
    action = Action.PROPOSE
    proposal = forms.ChoiceField(
        label=_("Đề xuất"),
        choices=ProposalKind.choices,
        initial=ProposalKind.GRANT,
        widget=forms.RadioSelect,
    )
    note = _note(_("Nội dung đề xuất"), required=True, rows=3)

    def to_input(self) -> ActionInput:
        return ActionInput(proposal=self.cleaned_data["proposal"], note=self.cleaned_data["note"])


class ApproveForm(ActionForm):
    action = Action.APPROVE
    note = _note()


class RejectProposalForm(ActionForm):
    action = Action.REJECT_PROPOSAL
    note = _note(_("Lý do không phê duyệt"), required=True)


class ExtendForm(ActionForm):
    action = Action.EXTEND
    note = _note(_("Lý do chậm trễ"), required=True)
    new_due_at = VietnamDateTimeField(
        label=_("Ngày giờ hẹn trả mới"),
        help_text=_("Giờ Việt Nam; phải là ngày làm việc, trong giờ hành chính."),
    )

    def to_input(self) -> ActionInput:
        return ActionInput(
            note=self.cleaned_data["note"], new_due_at=self.cleaned_data["new_due_at"]
        )


class StopForm(ActionForm):
    action = Action.STOP
    note = _note(_("Lý do dừng xử lý"), required=True)


class WithdrawForm(ActionForm):
    action = Action.WITHDRAW
    submit_label = _("Xác nhận rút hồ sơ")
    note = _note(_("Lý do rút hồ sơ"), required=True)
    confirm = forms.BooleanField(
        label=_("Tôi hiểu rằng hồ sơ đã rút sẽ không được tiếp tục giải quyết."), required=True
    )


class ReturnResultForm(ActionForm):
    action = Action.RETURN_RESULT
    return_method = forms.ChoiceField(
        label=_("Hình thức trả kết quả"), choices=ReturnMethod.choices, initial=ReturnMethod.DESK
    )
    note = _note()

    def to_input(self) -> ActionInput:
        return ActionInput(
            return_method=self.cleaned_data["return_method"], note=self.cleaned_data.get("note", "")
        )


ACTION_FORMS: dict[Action, type[ActionForm]] = {
    form.action: form
    for form in (
        ReceiveForm,
        RefuseForm,
        RequestSupplementForm,
        SupplementForm,
        HandoverForm,
        ReturnToPreviousForm,
        ProposeForm,
        ApproveForm,
        RejectProposalForm,
        ExtendForm,
        StopForm,
        WithdrawForm,
        ReturnResultForm,
    )
}


# --- the dossier's papers: desk scans, shown papers -------------------------------------


class ScanForm(forms.Form):
    """The officer's scan of one component brought on paper (PDF or image)."""

    file = forms.FileField(
        label=_("Bản quét"),
        allow_empty_file=True,  # the service names the file and the reason
        widget=forms.ClearableFileInput(attrs={"accept": FILE_ACCEPT}),
        help_text=_("PDF nhiều trang hoặc ảnh JPG, PNG; số trang được đọc từ tệp."),
    )

    def upload(self, component_id: int) -> Upload:
        file = self.cleaned_data["file"]
        return Upload(component_id=component_id, file=file, name=file.name)


class ShownForm(forms.Form):
    """A paper shown at the desk and checked, but not kept."""

    note = forms.CharField(
        label=_("Ghi chú"),
        max_length=500,
        required=False,
        help_text=_("Ví dụ: đã đối chiếu bản chính, trả lại người nộp."),
    )


class StoredChoiceForm(forms.Form):
    """Use a paper of the applicant's data store for a component."""

    stored_document = forms.IntegerField(widget=forms.HiddenInput)


# --- the staff queue --------------------------------------------------------------------

ACTIVE = "active"
ALL = "all"


class QueueFilterForm(forms.Form):
    """The queue's filters, read from the query string (a GET form that also works without
    JavaScript)."""

    status = forms.ChoiceField(label=_("Trạng thái"), required=False)
    procedure = forms.ChoiceField(label=_("Thủ tục"), required=False)
    mine = forms.BooleanField(label=_("Của tôi"), required=False)
    overdue = forms.BooleanField(label=_("Quá hạn"), required=False)

    def __init__(self, *args: Any, procedures: QuerySet[Procedure], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            ("", _("Đang giải quyết")),
            (ALL, _("Tất cả trạng thái")),
            *((str(value), label) for value, label in Status.choices),
        ]
        self.fields["procedure"].choices = [
            ("", _("Tất cả thủ tục")),
            *((p.code, f"{p.code} — {p.name}") for p in procedures),
        ]

    def filters(self) -> dict[str, Any]:
        """Arguments for `selectors.dossier_list`; an invalid value counts as not given."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        status = data.get("status", "")
        if status == ALL:
            statuses = None
        elif status:
            statuses = [int(status)]
        else:
            statuses = [s for s in Status if s not in FINAL]
        return {
            "status": statuses,
            "procedure": data.get("procedure", ""),
            "assignee_me": bool(data.get("mine")),
            "overdue": bool(data.get("overdue")),
        }


class LookupForm(forms.Form):
    """The public status page: the dossier code and the applicant's ID number or phone."""

    code = forms.CharField(
        label=_("Mã hồ sơ"),
        max_length=64,
        help_text=_("In trên giấy tiếp nhận, ví dụ 000.00.21.H29-260302-0001."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    id_number = forms.CharField(
        label=_("Số định danh cá nhân, mã số thuế hoặc số điện thoại"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip()
