"""Input and output shapes of the feedback and rating API. Inputs only parse; every rule
(contact unless anonymous, upload checks, who may act, once only) is the services'."""

import base64
import binascii
from typing import Any

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from rest_framework import serializers

from motcua.feedback.models import (
    CRITERIA,
    AnswerRating,
    ConductIssue,
    DossierRating,
    Feedback,
    FeedbackAttachment,
    FeedbackCategory,
    FeedbackEvent,
    FeedbackKind,
)
from motcua.feedback.selectors import is_overdue, rating_of
from motcua.feedback.services import ActionInput, Attachment, DossierRatingInput
from motcua.feedback.workflow import Status

PUBLIC_NOTES = frozenset({"refuse", "request-info", "reply"})


class AttachmentInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=255, help_text="Tên tệp, ví dụ anh-chup.jpg.")
    content = serializers.CharField(
        allow_blank=True, trim_whitespace=False, help_text="Nội dung tệp mã hóa base64."
    )

    def validate(self, attrs: dict) -> Attachment:
        try:
            raw = base64.b64decode(attrs["content"], validate=True)
        except (binascii.Error, ValueError) as exc:
            raise serializers.ValidationError(
                {"content": _("Nội dung tệp không phải base64 hợp lệ.")}
            ) from exc
        return Attachment(file=ContentFile(raw, name=attrs["name"]), name=attrs["name"])


def _text(**kwargs: Any) -> serializers.CharField:
    return serializers.CharField(required=False, allow_blank=True, default="", **kwargs)


class FeedbackFileInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=FeedbackKind.choices)
    title = serializers.CharField(max_length=255)
    content = serializers.CharField()
    procedure = _text(help_text="Mã thủ tục (bắt buộc với loại procedure và proposal).")
    dossier = _text(help_text="Mã hồ sơ (bắt buộc với loại dossier).")
    conduct_issue = serializers.ChoiceField(
        choices=ConductIssue.choices, required=False, allow_blank=True, default=""
    )
    officer_name = _text(max_length=255, help_text="Cán bộ bị phản ánh (nếu biết).")
    unit = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="Cơ quan nhận (id đơn vị)."
    )
    anonymous = serializers.BooleanField(required=False, default=False)
    name = _text(max_length=255, help_text="Bắt buộc trừ khi gửi ẩn danh.")
    phone = _text(max_length=32, help_text="Điện thoại hoặc thư điện tử: bắt buộc trừ khi ẩn danh.")
    email = _text(max_length=254)
    address = _text(max_length=500)
    attachments = AttachmentInputSerializer(many=True, required=False, default=list)


class CodeNameSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class AttachmentOutputSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name")

    class Meta:
        model = FeedbackAttachment
        fields = ["id", "name", "size", "content_type", "page_count", "uploaded_at"]


class PublicEventOutputSerializer(serializers.ModelSerializer):
    action_name = serializers.CharField(source="get_action_display")
    to_status_name = serializers.CharField(source="get_to_status_display")
    note = serializers.SerializerMethodField()

    class Meta:
        model = FeedbackEvent
        fields = ["action", "action_name", "at", "to_status", "to_status_name", "note"]

    def get_note(self, event: FeedbackEvent) -> str:
        # Internal notes (assignment, a returned draft) stay with the staff.
        return event.note if event.action in PUBLIC_NOTES else ""


class AnswerRatingOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = AnswerRating
        fields = ["satisfied", "reason", "rated_at"]


class FeedbackTrackOutputSerializer(serializers.ModelSerializer):
    """What the holder of the tracking code sees: their own text and the answer, never the
    staff's internal notes."""

    kind_name = serializers.CharField(source="get_kind_display")
    status_name = serializers.CharField()
    procedure_name = serializers.SerializerMethodField()
    unit_name = serializers.CharField(source="unit.name")
    answer = serializers.SerializerMethodField()
    info_request = serializers.SerializerMethodField()
    refusal_reason = serializers.SerializerMethodField()
    rating = serializers.SerializerMethodField()
    can_reply = serializers.SerializerMethodField()
    can_rate = serializers.SerializerMethodField()
    attachments = AttachmentOutputSerializer(many=True)
    history = PublicEventOutputSerializer(many=True, source="events")

    class Meta:
        model = Feedback
        fields = [
            "tracking_code",
            "kind",
            "kind_name",
            "title",
            "content",
            "anonymous",
            "status",
            "status_name",
            "filed_at",
            "procedure_code",
            "procedure_name",
            "unit_name",
            "info_request",
            "refusal_reason",
            "answer",
            "published_at",
            "rating",
            "can_reply",
            "can_rate",
            "attachments",
            "history",
        ]

    def get_procedure_name(self, feedback: Feedback) -> str:
        return feedback.procedure.name if feedback.procedure_id else ""

    def get_answer(self, feedback: Feedback) -> str:
        return feedback.answer if feedback.status == Status.PUBLISHED else ""

    def get_info_request(self, feedback: Feedback) -> str:
        return feedback.info_request if feedback.status == Status.WAITING_INFO else ""

    def get_refusal_reason(self, feedback: Feedback) -> str:
        return feedback.refusal_reason if feedback.status == Status.REFUSED else ""

    def get_rating(self, feedback: Feedback) -> dict | None:
        rating = rating_of(feedback)
        return AnswerRatingOutputSerializer(rating).data if rating else None

    def get_can_reply(self, feedback: Feedback) -> bool:
        return feedback.status == Status.WAITING_INFO

    def get_can_rate(self, feedback: Feedback) -> bool:
        return feedback.status == Status.PUBLISHED and rating_of(feedback) is None


class UnitBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class UserBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    name = serializers.CharField(source="display_name")


class FeedbackListOutputSerializer(serializers.ModelSerializer):
    kind_name = serializers.CharField(source="get_kind_display")
    status_name = serializers.CharField()
    unit = UnitBriefSerializer()
    assignee = UserBriefSerializer(allow_null=True)
    category = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Feedback
        fields = [
            "tracking_code",
            "kind",
            "kind_name",
            "category",
            "title",
            "status",
            "status_name",
            "unit",
            "assignee",
            "procedure_code",
            "filed_at",
            "due_at",
            "overdue",
            "was_late",
        ]

    def get_overdue(self, feedback: Feedback) -> bool:
        return is_overdue(feedback, self.context["now"])


class StaffEventOutputSerializer(serializers.ModelSerializer):
    action_name = serializers.CharField(source="get_action_display")
    to_unit = UnitBriefSerializer(allow_null=True)
    to_user = UserBriefSerializer(allow_null=True)

    class Meta:
        model = FeedbackEvent
        fields = [
            "action",
            "action_name",
            "at",
            "actor_name",
            "from_status",
            "to_status",
            "to_unit",
            "to_user",
            "note",
            "due_at",
            "on_time",
        ]


class FeedbackDetailOutputSerializer(FeedbackListOutputSerializer):
    """Staff view: the filer's contact (none when anonymous), each step's due date, history."""

    conduct_issue_name = serializers.CharField(source="get_conduct_issue_display")
    dossier_code = serializers.SerializerMethodField()
    filer = serializers.SerializerMethodField()
    attachments = AttachmentOutputSerializer(many=True)
    history = StaffEventOutputSerializer(many=True, source="events")
    rating = serializers.SerializerMethodField()
    allowed_actions = serializers.SerializerMethodField()

    class Meta(FeedbackListOutputSerializer.Meta):
        fields = [
            *FeedbackListOutputSerializer.Meta.fields,
            "content",
            "conduct_issue",
            "conduct_issue_name",
            "officer_name",
            "dossier_code",
            "anonymous",
            "filer",
            "received_at",
            "decide_due_at",
            "info_due_at",
            "answer_due_at",
            "publish_due_at",
            "paused_at",
            "info_request",
            "refusal_reason",
            "answer",
            "answered_at",
            "published_at",
            "public_title",
            "public_question",
            "public_answer",
            "rating",
            "attachments",
            "history",
            "allowed_actions",
        ]

    def get_dossier_code(self, feedback: Feedback) -> str:
        return feedback.dossier.code if feedback.dossier_id else ""

    def get_filer(self, feedback: Feedback) -> dict | None:
        if feedback.anonymous:
            return None
        return {
            "name": feedback.filer_name,
            "phone": feedback.filer_phone,
            "email": feedback.filer_email,
            "address": feedback.filer_address,
            "has_account": feedback.filer_id is not None,
        }

    def get_rating(self, feedback: Feedback) -> dict | None:
        rating = rating_of(feedback)
        return AnswerRatingOutputSerializer(rating).data if rating else None

    def get_allowed_actions(self, feedback: Feedback) -> list[str]:
        return self.context.get("allowed_actions", [])


class FeedbackPageOutputSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = FeedbackListOutputSerializer(many=True)


class FeedbackActionInputSerializer(serializers.Serializer):
    note = _text(
        help_text="Lý do (refuse), nội dung cần bổ sung (request-info), nội dung trả lời "
        "(answer), điều cần sửa (return-answer), ghi chú (các thao tác khác)."
    )
    category = _text(help_text="Mã nhóm phản ánh (classify; có thể kèm receive).")
    unit = serializers.IntegerField(required=False, allow_null=True, default=None)
    assignee = serializers.IntegerField(required=False, allow_null=True, default=None)
    public_title = _text(max_length=255, help_text="publish: tiêu đề công khai (nếu sửa).")
    public_question = _text(help_text="publish: nội dung công khai (nếu sửa).")
    public_answer = _text(help_text="publish: trả lời công khai (nếu sửa).")

    def validate(self, attrs: dict) -> ActionInput:
        return ActionInput(
            note=attrs["note"],
            category=attrs["category"],
            unit_id=attrs["unit"],
            assignee_id=attrs["assignee"],
            public_title=attrs["public_title"],
            public_question=attrs["public_question"],
            public_answer=attrs["public_answer"],
        )


class ReplyInputSerializer(serializers.Serializer):
    text = serializers.CharField()
    attachments = AttachmentInputSerializer(many=True, required=False, default=list)


class AnswerRatingInputSerializer(serializers.Serializer):
    satisfied = serializers.BooleanField()
    reason = _text(help_text="Bắt buộc khi chưa hài lòng.")


class CategoryOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = FeedbackCategory
        fields = ["code", "name", "description"]


class PublishedAnswerOutputSerializer(serializers.ModelSerializer):
    """A published answer: only the texts scrubbed of personal data, never the tracking code."""

    kind_name = serializers.CharField(source="get_kind_display")
    category = serializers.SerializerMethodField()
    procedure_name = serializers.SerializerMethodField()
    unit_name = serializers.CharField(source="unit.name")
    title = serializers.CharField(source="public_title")
    question = serializers.CharField(source="public_question")
    answer = serializers.CharField(source="public_answer")

    class Meta:
        model = Feedback
        fields = [
            "id",
            "kind",
            "kind_name",
            "category",
            "procedure_code",
            "procedure_name",
            "unit_name",
            "title",
            "question",
            "answer",
            "published_at",
        ]

    def get_category(self, feedback: Feedback) -> str:
        return feedback.category.name if feedback.category_id else ""

    def get_procedure_name(self, feedback: Feedback) -> str:
        return feedback.procedure.name if feedback.procedure_id else ""


# --- dossier ratings ---------------------------------------------------------------------


class CriteriaSerializer(serializers.Serializer):
    """Each criterion: true (met), false (not met), null or absent (not answered)."""

    guidance = serializers.BooleanField(required=False, allow_null=True, default=None)
    timeliness = serializers.BooleanField(required=False, allow_null=True, default=None)
    attitude = serializers.BooleanField(required=False, allow_null=True, default=None)
    no_extra_papers = serializers.BooleanField(required=False, allow_null=True, default=None)
    cost = serializers.BooleanField(required=False, allow_null=True, default=None)


class DossierRatingInputSerializer(serializers.Serializer):
    level = serializers.IntegerField(
        help_text="5 rất hài lòng, 4 hài lòng, 3 bình thường, 2 không hài lòng, "
        "1 rất không hài lòng."
    )
    criteria = CriteriaSerializer(required=False, default=dict)
    comment = _text()

    def validate(self, attrs: dict) -> DossierRatingInput:
        criteria = {name: attrs["criteria"].get(name) for name in CRITERIA}
        return DossierRatingInput(level=attrs["level"], criteria=criteria, comment=attrs["comment"])


class KioskRatingInputSerializer(DossierRatingInputSerializer):
    code = serializers.CharField(help_text="Mã hồ sơ.")
    id_number = serializers.CharField(help_text="Số định danh cá nhân hoặc mã số thuế người nộp.")

    def validate(self, attrs: dict) -> dict:  # type: ignore[override]
        return {
            "code": attrs["code"],
            "id_number": attrs["id_number"],
            "rating": super().validate(attrs),
        }


class DossierRatingOutputSerializer(serializers.ModelSerializer):
    dossier = serializers.CharField(source="dossier.code")
    level_name = serializers.CharField(source="get_level_display")
    criteria = serializers.SerializerMethodField()

    class Meta:
        model = DossierRating
        fields = ["dossier", "level", "level_name", "criteria", "comment", "channel", "rated_at"]

    def get_criteria(self, rating: DossierRating) -> CriteriaSerializer:
        return {name: getattr(rating, name) for name in CRITERIA}  # type: ignore[return-value]


class LevelShareSerializer(serializers.Serializer):
    level = serializers.IntegerField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    percent = serializers.DecimalField(max_digits=5, decimal_places=1)


class CriteriaShareSerializer(serializers.Serializer):
    """Per criterion, the share (%) of answers saying it was met; null when none answered."""

    guidance = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    timeliness = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    attitude = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    no_extra_papers = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    cost = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)


class RatingRowSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="id đơn vị, mã thủ tục, hoặc all.")
    label = serializers.CharField()
    total = serializers.IntegerField()
    satisfied_percent = serializers.DecimalField(max_digits=5, decimal_places=1)
    levels = LevelShareSerializer(many=True, source="shares")
    criteria = CriteriaShareSerializer()


class RatingSummaryOutputSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    overall = RatingRowSerializer()
    by_unit = RatingRowSerializer(many=True)
    by_procedure = RatingRowSerializer(many=True)
