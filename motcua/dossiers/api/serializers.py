import base64
import binascii

from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from motcua.accounts.models import User
from motcua.dossiers.models import Channel, Dossier, DossierEvent, Pause, ProposalKind, ReturnMethod
from motcua.dossiers.selectors import is_overdue
from motcua.dossiers.services import Applicant, Upload
from motcua.dossiers.workflow import Status


class ComponentFileInputSerializer(serializers.Serializer):
    component = serializers.IntegerField(
        required=False, allow_null=True, help_text="Mã thành phần hồ sơ (id trong danh mục)."
    )
    name = serializers.CharField(max_length=255, help_text="Tên tệp, ví dụ don.pdf.")
    content = serializers.CharField(help_text="Nội dung tệp mã hóa base64.")

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


class DossierDetailOutputSerializer(DossierListOutputSerializer):
    pauses = PauseOutputSerializer(many=True)
    history = EventOutputSerializer(many=True, source="events")
    allowed_actions = serializers.SerializerMethodField()
    files = serializers.SerializerMethodField()

    class Meta(DossierListOutputSerializer.Meta):
        fields = [
            *DossierListOutputSerializer.Meta.fields,
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
            "allowed_actions",
        ]

    def get_allowed_actions(self, dossier: Dossier) -> list[str]:
        from motcua.dossiers.workflow import allowed_actions

        return [
            str(a)
            for a in allowed_actions(Status(dossier.status), self.context["request"].user.role)
        ]

    def get_files(self, dossier: Dossier) -> list[dict]:
        return [
            {"name": f.original_name, "component": f.component_id, "size": f.size, "round": f.round}
            for f in dossier.files.all()
        ]


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
