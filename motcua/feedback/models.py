"""Feedback and petitions, their history and attachments; ratings of answers and of dossiers.

`Feedback.status` changes only through `services`. History only grows: every step adds a
`FeedbackEvent` (who, when, from, to, note, the step's due date and whether it was met); a
rating is written once and never changed. The public page reads only the `public_*` texts,
which were scrubbed of personal data when the answer was published.
"""

import uuid
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.feedback.workflow import OPEN, Action, Status


class FeedbackKind(models.TextChoices):
    PROCEDURE = "procedure", _("Phản ánh về thủ tục hành chính")
    DOSSIER = "dossier", _("Phản ánh về việc giải quyết hồ sơ")
    CONDUCT = "conduct", _("Phản ánh về hành vi, thái độ của cán bộ")
    PROPOSAL = "proposal", _("Kiến nghị đơn giản hóa thủ tục")


class ConductIssue(models.TextChoices):
    HARASSMENT = "harassment", _("Gây phiền hà, sách nhiễu")
    EXTRA_PAPERS = "extra_papers", _("Yêu cầu thêm giấy tờ ngoài quy định")
    DELAY = "delay", _("Chậm trễ, trễ hẹn")
    OTHER = "other", _("Khác")


class FeedbackCategory(models.Model):
    """The classification staff give a feedback item (configurable by the administrator)."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên nhóm"), max_length=255)
    description = models.TextField(_("mô tả"), blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("nhóm phản ánh, kiến nghị")
        verbose_name_plural = _("nhóm phản ánh, kiến nghị")

    def __str__(self) -> str:
        return self.name


def _days(default: str, verbose: str, help_text: str) -> models.DecimalField:
    return models.DecimalField(
        verbose,
        max_digits=4,
        decimal_places=1,
        default=Decimal(default),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=help_text,
    )


class FeedbackSettings(models.Model):
    """The time limits of each step (working days) and the unit that receives feedback that
    names no procedure, dossier or unit. One row (id 1), seeded by the migration."""

    refuse_days = _days(
        "2",
        _("thời hạn tiếp nhận hoặc từ chối (ngày làm việc)"),
        _("Tính từ khi người dân gửi phản ánh."),
    )
    info_days = _days(
        "5",
        _("thời hạn đề nghị bổ sung thông tin (ngày làm việc)"),
        _("Tính từ khi người dân gửi phản ánh."),
    )
    answer_days = _days(
        "15",
        _("thời hạn trả lời (ngày làm việc)"),
        _("Tính từ khi người dân gửi phản ánh; thời gian chờ bổ sung thông tin không tính."),
    )
    publish_days = _days(
        "2",
        _("thời hạn công khai trả lời (ngày làm việc)"),
        _("Tính từ khi có trả lời."),
    )
    default_unit = models.ForeignKey(
        "organization.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đơn vị tiếp nhận mặc định"),
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("cấu hình phản ánh, kiến nghị")
        verbose_name_plural = _("cấu hình phản ánh, kiến nghị")
        constraints = [models.CheckConstraint(condition=Q(id=1), name="feedback_settings_one_row")]

    def __str__(self) -> str:
        return str(_("Cấu hình phản ánh, kiến nghị"))


class Feedback(models.Model):
    tracking_code = models.CharField(_("mã theo dõi"), max_length=16, unique=True)
    kind = models.CharField(_("loại"), max_length=16, choices=FeedbackKind.choices)
    conduct_issue = models.CharField(
        _("hành vi bị phản ánh"), max_length=16, choices=ConductIssue.choices, blank=True
    )
    category = models.ForeignKey(
        FeedbackCategory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="feedback",
        verbose_name=_("nhóm"),
    )
    title = models.CharField(_("tiêu đề"), max_length=255)
    content = models.TextField(_("nội dung"))
    procedure = models.ForeignKey(
        "catalog.Procedure",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("thủ tục (phiên bản)"),
    )
    procedure_code = models.CharField(_("mã thủ tục"), max_length=64, blank=True, db_index=True)
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hồ sơ"),
    )
    officer_name = models.CharField(_("cán bộ bị phản ánh"), max_length=255, blank=True)

    anonymous = models.BooleanField(_("gửi ẩn danh"), default=False)
    filer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="feedback",
        verbose_name=_("tài khoản người gửi"),
    )
    filer_name = models.CharField(_("họ tên người gửi"), max_length=255, blank=True)
    filer_phone = models.CharField(_("điện thoại"), max_length=16, blank=True)
    filer_email = models.EmailField(_("thư điện tử"), blank=True)
    filer_address = models.CharField(_("địa chỉ"), max_length=500, blank=True)

    unit = models.ForeignKey(
        "organization.Unit",
        on_delete=models.PROTECT,
        related_name="feedback",
        verbose_name=_("đơn vị xử lý"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_feedback",
        verbose_name=_("chuyên viên được giao"),
    )
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=Status.choices, default=Status.NEW
    )
    resume_status = models.CharField(
        _("trạng thái khi có bổ sung"), max_length=16, choices=Status.choices, blank=True
    )

    filed_at = models.DateTimeField(_("gửi lúc"))
    received_at = models.DateTimeField(_("tiếp nhận lúc"), null=True, blank=True)
    decide_due_at = models.DateTimeField(_("hạn tiếp nhận hoặc từ chối"))
    info_due_at = models.DateTimeField(_("hạn đề nghị bổ sung thông tin"))
    answer_due_at = models.DateTimeField(_("hạn trả lời"))
    publish_due_at = models.DateTimeField(_("hạn công khai"), null=True, blank=True)
    due_at = models.DateTimeField(
        _("hạn của bước hiện tại"),
        null=True,
        blank=True,
        help_text=_("Trống khi đang chờ người gửi bổ sung hoặc đã kết thúc."),
    )
    paused_at = models.DateTimeField(_("chờ bổ sung từ"), null=True, blank=True)
    paused_seconds = models.BigIntegerField(_("thời gian chờ bổ sung (giây làm việc)"), default=0)
    was_late = models.BooleanField(
        _("có bước trễ hạn"), default=False, help_text=_("Một bước nào đó làm sau hạn.")
    )

    info_request = models.TextField(_("nội dung đề nghị bổ sung"), blank=True)
    refusal_reason = models.TextField(_("lý do từ chối"), blank=True)
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    answered_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người trả lời"),
    )
    published_at = models.DateTimeField(_("công khai lúc"), null=True, blank=True)
    public_title = models.CharField(_("tiêu đề công khai"), max_length=255, blank=True)
    public_question = models.TextField(_("nội dung công khai"), blank=True)
    public_answer = models.TextField(_("trả lời công khai"), blank=True)
    search_text = models.TextField(_("nội dung tìm kiếm"), blank=True, editable=False)
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        ordering = ["-filed_at", "-pk"]
        verbose_name = _("phản ánh, kiến nghị")
        verbose_name_plural = _("phản ánh, kiến nghị")
        indexes = [
            models.Index(fields=["unit", "status", "due_at"], name="feedback_unit_status_due"),
            models.Index(
                fields=["due_at", "id"],
                condition=Q(status__in=sorted(OPEN)),
                name="feedback_open_due",
            ),
            models.Index(fields=["assignee", "status"], name="feedback_assignee"),
            models.Index(fields=["status", "published_at"], name="feedback_published"),
            models.Index(fields=["kind", "procedure_code"], name="feedback_kind_procedure"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="feedback_status_known"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=FeedbackKind.values), name="feedback_kind_known"
            ),
            # Anonymous feedback keeps no contact and no account.
            models.CheckConstraint(
                condition=Q(anonymous=False)
                | Q(filer__isnull=True, filer_name="", filer_phone="", filer_email=""),
                name="feedback_anonymous_keeps_no_contact",
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_code

    @property
    def status_name(self) -> str:
        return str(Status(self.status).label)

    @property
    def can_be_answered_personally(self) -> bool:
        return not self.anonymous and bool(self.filer_id or self.filer_email or self.filer_phone)


class FeedbackEvent(models.Model):
    """One step of a feedback item's history; rows are only ever added."""

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("thao tác"), max_length=16, choices=Action.choices)
    at = models.DateTimeField(_("thời điểm"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    actor_name = models.CharField(_("tên người thực hiện"), max_length=255, blank=True)
    from_status = models.CharField(
        _("từ trạng thái"), max_length=16, choices=Status.choices, blank=True
    )
    to_status = models.CharField(_("sang trạng thái"), max_length=16, choices=Status.choices)
    to_unit = models.ForeignKey(
        "organization.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("giao đơn vị"),
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("giao chuyên viên"),
    )
    note = models.TextField(_("ghi chú"), blank=True)
    due_at = models.DateTimeField(_("hạn của bước"), null=True, blank=True)
    on_time = models.BooleanField(_("đúng hạn"), null=True, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("bước xử lý phản ánh")
        verbose_name_plural = _("quá trình xử lý phản ánh")
        indexes = [models.Index(fields=["feedback", "at"], name="feedback_event_at")]

    def __str__(self) -> str:
        return f"{self.feedback_id} {self.action} {self.at:%Y-%m-%d %H:%M}"


def attachment_path(instance: "FeedbackAttachment", filename: str) -> str:
    # The filer's file name never reaches the file system (kept in `original_name`).
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"feedback/{instance.uploaded_at:%Y/%m}/{uuid.uuid4().hex}{suffix}"


class FeedbackAttachment(models.Model):
    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="attachments")
    event = models.ForeignKey(
        FeedbackEvent,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("gửi kèm bước"),
    )
    file = models.FileField(_("tệp"), upload_to=attachment_path, max_length=255)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    content_type = models.CharField(_("định dạng"), max_length=64)
    sha256 = models.CharField(_("mã kiểm tra SHA-256"), max_length=64)
    page_count = models.PositiveIntegerField(_("số trang"), null=True, blank=True)
    uploaded_at = models.DateTimeField(_("tải lên lúc"))

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("tệp đính kèm phản ánh")
        verbose_name_plural = _("tệp đính kèm phản ánh")

    def __str__(self) -> str:
        return self.original_name


class AnswerRating(models.Model):
    """The filer's rating of a published answer: once, satisfied or not (with a reason)."""

    feedback = models.OneToOneField(
        Feedback, on_delete=models.CASCADE, related_name="rating", verbose_name=_("phản ánh")
    )
    satisfied = models.BooleanField(_("hài lòng"))
    reason = models.TextField(_("lý do"), blank=True)
    rated_at = models.DateTimeField(_("đánh giá lúc"))

    class Meta:
        verbose_name = _("đánh giá trả lời phản ánh")
        verbose_name_plural = _("đánh giá trả lời phản ánh")
        constraints = [
            models.CheckConstraint(
                condition=Q(satisfied=True) | ~Q(reason=""),
                name="answer_rating_reason_when_not_satisfied",
            )
        ]

    def __str__(self) -> str:
        return f"{self.feedback_id}: {self.satisfied}"


class Level(models.IntegerChoices):
    VERY_SATISFIED = 5, _("Rất hài lòng")
    SATISFIED = 4, _("Hài lòng")
    NEUTRAL = 3, _("Bình thường")
    DISSATISFIED = 2, _("Không hài lòng")
    VERY_DISSATISFIED = 1, _("Rất không hài lòng")


# Best first, as the public page lists them.
LEVELS = sorted(Level, reverse=True)


class RatingChannel(models.TextChoices):
    ONLINE = "online", _("Trực tuyến, bằng tài khoản")
    KIOSK = "kiosk", _("Tại quầy, bằng mã hồ sơ và số giấy tờ")


# The optional criteria of a dossier rating, each met (yes), not met (no) or not answered.
CRITERIA = {
    "guidance": _("Được hướng dẫn đầy đủ, dễ hiểu"),
    "timeliness": _("Được giải quyết đúng hẹn"),
    "attitude": _("Cán bộ có thái độ đúng mực, tận tình"),
    "no_extra_papers": _("Không bị yêu cầu thêm giấy tờ ngoài quy định"),
    "cost": _("Chi phí đúng quy định, không phát sinh"),
}


def _criterion(name: str) -> models.BooleanField:
    return models.BooleanField(CRITERIA[name], null=True, blank=True)


class DossierRating(models.Model):
    """The applicant's rating of how a returned dossier was handled: once per dossier."""

    dossier = models.OneToOneField(
        "dossiers.Dossier",
        on_delete=models.PROTECT,
        related_name="rating",
        verbose_name=_("hồ sơ"),
    )
    level = models.PositiveSmallIntegerField(_("mức độ hài lòng"), choices=Level.choices)
    guidance = _criterion("guidance")
    timeliness = _criterion("timeliness")
    attitude = _criterion("attitude")
    no_extra_papers = _criterion("no_extra_papers")
    cost = _criterion("cost")
    comment = models.TextField(_("ý kiến"), blank=True)
    channel = models.CharField(_("cách đánh giá"), max_length=8, choices=RatingChannel.choices)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tài khoản đánh giá"),
    )
    rated_at = models.DateTimeField(_("đánh giá lúc"))

    class Meta:
        ordering = ["-rated_at", "-pk"]
        verbose_name = _("đánh giá giải quyết hồ sơ")
        verbose_name_plural = _("đánh giá giải quyết hồ sơ")
        indexes = [models.Index(fields=["rated_at"], name="dossier_rating_at")]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__in=Level.values), name="dossier_rating_level_known"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.level}"
