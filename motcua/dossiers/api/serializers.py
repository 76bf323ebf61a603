import base64
import binascii
from typing import Any

from django.core.files.base import ContentFile
from django.core.validators import ProhibitNullCharactersValidator
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from motcua.accounts.models import User
from motcua.documents.api.results import EResultSummarySerializer
from motcua.documents.models import StoredDocument
from motcua.documents.uploads import accepted_kinds
from motcua.dossiers.models import (
    Channel,
    Dossier,
    DossierEvent,
    DossierFile,
    Pause,
    ProposalKind,
    ReturnMethod,
    ShownComponent,
)
from motcua.dossiers.selectors import ComponentPapers, PaperState, file_origin, is_overdue
from motcua.dossiers.services import Applicant, Reuse, Upload
from motcua.dossiers.workflow import Status


class ComponentFileInputSerializer(serializers.Serializer):
    component = serializers.IntegerField(
        required=False, allow_null=True, help_text="Mã thành phần hồ sơ (id trong danh mục)."
    )
    name = serializers.CharField(max_length=255, help_text="Tên tệp, ví dụ don.pdf.")
    content = serializers.CharField(
        allow_blank=True, trim_whitespace=False, help_text="Nội dung tệp mã hóa base64."
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The upload check refuses a name with control characters and says which file.
        name = self.fields["name"]
        name.validators = [
            v for v in name.validators if not isinstance(v, ProhibitNullCharactersValidator)
        ]

    def validate(self, attrs: dict) -> Upload:
        try:
            raw = base64.b64decode(attrs["content"], validate=True)
        except (binascii.Error, ValueError) as exc:
            raise serializers.ValidationError(
                {"content": _("Nội dung tệp không phải base64 hợp lệ.")}
            ) from exc
        return Upload(
            component_id=attrs.get("component"),
            file=ContentFile(raw, name=attrs["name"]),
            name=attrs["name"],
        )


class StoredDocumentReuseInputSerializer(serializers.Serializer):
    component = serializers.IntegerField(help_text="Mã thành phần hồ sơ (id trong danh mục).")
    stored_document = serializers.IntegerField(
        help_text="Mã giấy tờ trong kho dữ liệu của người nộp (GET /api/v1/documents/offers/)."
    )

    def validate(self, attrs: dict) -> Reuse:
        return Reuse(component_id=attrs["component"], stored_document_id=attrs["stored_document"])


class ApplicantInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=255)
    id_number = serializers.CharField(max_length=14)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    address = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    organization = serializers.CharField(
        max_length=255, required=False, allow_blank=True, default=""
    )

    def validate(self, attrs: dict) -> Applicant:
        return Applicant(**attrs)


class DossierCreateInputSerializer(serializers.Serializer):
    procedure = serializers.CharField(max_length=64, help_text="Mã thủ tục.")
    request = serializers.CharField(help_text="Nội dung yêu cầu.")
    applicant = ApplicantInputSerializer(
        required=False, help_text="Mặc định lấy từ tài khoản người dân."
    )
    channel = serializers.ChoiceField(
        choices=Channel.choices,
        required=False,
        help_text="Chỉ cán bộ một cửa: 1 trực tiếp, 3 bưu chính (tiếp nhận ngay).",
    )
    components = ComponentFileInputSerializer(many=True, required=False, default=list)
    stored_documents = StoredDocumentReuseInputSerializer(
        many=True,
        required=False,
        default=list,
        help_text="Thành phần dùng lại giấy tờ đã có trong kho dữ liệu của người nộp "
        "(không cần tải lên lại).",
    )


class StepSerializer(serializers.Serializer):
    order = serializers.IntegerField()
    name = serializers.CharField()
    role = serializers.CharField()


class DossierListOutputSerializer(serializers.ModelSerializer):
    procedure = serializers.CharField(source="procedure.code")
    procedure_name = serializers.CharField(source="procedure.name")
    status_name = serializers.CharField()
    due_at = serializers.DateTimeField(source="appointment_at", allow_null=True)
    overdue = serializers.SerializerMethodField()
    current_step = StepSerializer(allow_null=True)
    assignee = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Dossier
        fields = [
            "code",
            "procedure",
            "procedure_name",
            "status",
            "status_name",
            "channel",
            "applicant_name",
            "submitted_at",
            "received_at",
            "due_at",
            "overdue",
            "current_step",
            "step_due_at",
            "assignee",
            "multiple_supplements",
        ]

    def get_overdue(self, dossier: Dossier) -> bool:
        return is_overdue(dossier, self.context["now"])


class DossierPageOutputSerializer(serializers.Serializer):
    """A page of the queue: no total count (see api/pagination.py)."""

    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = DossierListOutputSerializer(many=True)


class PauseOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Pause
        fields = [
            "kind",
            "number",
            "started_at",
            "ended_at",
            "working_seconds",
            "clock_stopped",
            "items",
            "reason",
            "second_request_reason",
            "contact",
        ]


class EventOutputSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor_name")
    from_step = serializers.CharField(source="from_step.name", allow_null=True, default=None)
    to_step = serializers.CharField(source="to_step.name", allow_null=True, default=None)
    to_user = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = DossierEvent
        fields = [
            "action",
            "at",
            "actor",
            "from_status",
            "to_status",
            "from_step",
            "to_step",
            "to_user",
            "step_due_at",
            "step_outcome",
            "note",
            "data",
        ]


class DossierFileOutputSerializer(serializers.ModelSerializer):
    """One file of a dossier; `download` checks its SHA-256 and logs the download."""

    name = serializers.CharField(source="original_name")
    origin = serializers.SerializerMethodField(help_text="uploaded, digitized hoặc reused.")
    download = serializers.SerializerMethodField()

    class Meta:
        model = DossierFile
        fields = [
            "id",
            "name",
            "component",
            "size",
            "round",
            "content_type",
            "sha256",
            "page_count",
            "digitized",
            "stored_document",
            "uploaded_at",
            "origin",
            "download",
        ]

    def get_origin(self, row: DossierFile) -> str:
        return str(file_origin(row).value)

    def get_download(self, row: DossierFile) -> str:
        code = self.context["dossier"].code if "dossier" in self.context else row.dossier.code
        return reverse("dossier-file-download", kwargs={"code": code, "file_id": row.pk})


class StoredDocumentBriefSerializer(serializers.ModelSerializer):
    document_type = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = StoredDocument
        fields = [
            "id",
            "title",
            "document_type",
            "issuer",
            "issued_on",
            "valid_until",
            "created_at",
        ]


class ShownOutputSerializer(serializers.ModelSerializer):
    shown_by = serializers.CharField(source="shown_by.display_name")

    class Meta:
        model = ShownComponent
        fields = ["shown_at", "shown_by", "note"]


class DocumentTypeOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class ComponentPapersOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="component.pk")
    order = serializers.IntegerField(source="component.order")
    name = serializers.CharField(source="component.name")
    source = serializers.CharField(source="component.source")
    is_required = serializers.BooleanField(source="component.is_required")
    document_type = DocumentTypeOutputSerializer(source="component.document_type", allow_null=True)
    accepted_kinds = serializers.SerializerMethodField()
    state = serializers.ChoiceField(choices=PaperState.choices)
    state_name = serializers.CharField()
    files = DossierFileOutputSerializer(many=True)
    shown = ShownOutputSerializer(allow_null=True)
    offer = StoredDocumentBriefSerializer(
        allow_null=True,
        help_text="Giấy tờ trong kho dữ liệu của người nộp dùng được cho thành phần này "
        "(khi người xem được đính kèm).",
    )

    def get_accepted_kinds(self, row: ComponentPapers) -> list[str]:
        return [str(kind.value) for kind in accepted_kinds(row.component.accepted_kinds)]


class DossierPapersOutputSerializer(serializers.Serializer):
    has_digitized_components = serializers.BooleanField(
        help_text="Mọi thành phần phải nộp đều có bản điện tử (HoSoCoThanhPhanSoHoa)."
    )
    components = ComponentPapersOutputSerializer(many=True)
    other_files = DossierFileOutputSerializer(many=True)


class ComponentFileUploadInputSerializer(serializers.Serializer):
    file = serializers.FileField(
        allow_empty_file=True, use_url=False, help_text="Tệp PDF, JPEG hoặc PNG."
    )
    digitized = serializers.BooleanField(
        default=False,
        help_text="Cán bộ một cửa: bản quét giấy tờ giấy tại quầy (ghi số trang, người quét).",
    )


class StoredDocumentAttachInputSerializer(serializers.Serializer):
    stored_document = serializers.IntegerField(
        help_text="Mã giấy tờ trong kho dữ liệu của người nộp."
    )


class ShownInputSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class DossierDetailOutputSerializer(DossierListOutputSerializer):
    pauses = PauseOutputSerializer(many=True)
    e_result = EResultSummarySerializer(read_only=True, allow_null=True)
    history = EventOutputSerializer(many=True, source="events")
    allowed_actions = serializers.SerializerMethodField()
    files = serializers.SerializerMethodField()

    class Meta(DossierListOutputSerializer.Meta):
        fields = [
            *DossierListOutputSerializer.Meta.fields,
            "has_digitized_components",
            "applicant_id_number",
            "applicant_phone",
            "applicant_email",
            "applicant_address",
            "request",
            "original_due_at",
            "extended_due_at",
            "paused_seconds",
            "supplement_count",
            "resolved_at",
            "outcome",
            "granted",
            "returned_at",
            "return_method",
            "closed_at",
            "book_line",
            "proposal",
            "proposal_note",
            "pauses",
            "history",
            "files",
            "e_result",
            "allowed_actions",
        ]

    def get_allowed_actions(self, dossier: Dossier) -> list[str]:
        from motcua.dossiers.workflow import allowed_actions

        return [
            str(a)
            for a in allowed_actions(Status(dossier.status), self.context["request"].user.role)
        ]

    @extend_schema_field(DossierFileOutputSerializer(many=True))
    def get_files(self, dossier: Dossier) -> list[dict]:
        return DossierFileOutputSerializer(
            dossier.files.all(), many=True, context={"dossier": dossier}
        ).data


class ActionInputSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")
    reasons = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    items = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    contact = serializers.CharField(required=False, allow_blank=True, default="")
    second_request_reason = serializers.CharField(required=False, allow_blank=True, default="")
    to_user = serializers.SlugRelatedField(
        slug_field="username",
        queryset=User.objects.all(),
        required=False,
        allow_null=True,
        default=None,
    )
    proposal = serializers.ChoiceField(
        choices=ProposalKind.choices, required=False, allow_blank=True, default=""
    )
    new_due_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    return_method = serializers.ChoiceField(
        choices=ReturnMethod.choices, required=False, allow_blank=True, default=""
    )
    components = ComponentFileInputSerializer(many=True, required=False, default=list)


class PublicDossierOutputSerializer(serializers.ModelSerializer):
    procedure = serializers.CharField(source="procedure.code")
    procedure_name = serializers.CharField(source="procedure.name")
    status_name = serializers.CharField()
    due_at = serializers.DateTimeField(source="appointment_at", allow_null=True)

    class Meta:
        model = Dossier
        fields = [
            "code",
            "procedure",
            "procedure_name",
            "status",
            "status_name",
            "submitted_at",
            "received_at",
            "due_at",
            "resolved_at",
            "returned_at",
        ]
