"""Dossiers (hồ sơ): what was asked, by whom, under which procedure version, where it stands.

`Dossier.status` changes only through `services` (the table is `workflow.RULES`). History only
grows: every action adds a `DossierEvent`, every supplement wait adds a `Pause`, an extension
adds an `Extension`; nothing rewrites the past.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.workflow import ACTIVE, OPEN, Action, Status


class Channel(models.IntegerChoices):
    DIRECT = 1, _("Trực tiếp")
    ONLINE = 2, _("Trực tuyến")
    POSTAL = 3, _("Bưu chính")


class Outcome(models.TextChoices):
    EARLY = "early", _("Trước hạn")
    ON_TIME = "on_time", _("Đúng hạn")
    LATE = "late", _("Quá hạn")


class ReturnMethod(models.TextChoices):
    DESK = "desk", _("Trực tiếp tại Bộ phận Một cửa")
    POSTAL = "postal", _("Qua dịch vụ bưu chính")
    ONLINE = "online", _("Trực tuyến (bản điện tử)")


class ProposalKind(models.TextChoices):
    GRANT = "grant", _("Đề nghị giải quyết")
    DENY = "deny", _("Đề nghị không giải quyết")


class Sequence(models.Model):
    """Counters that must be gap-free under concurrency: dossier codes per agency per day,
    tracking-book lines per agency per year. Incremented by one upsert in the caller's
    transaction, so a rolled-back dossier gives its number back."""

    key = models.CharField(max_length=100, unique=True)
    value = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("bộ đếm")
        verbose_name_plural = _("bộ đếm")

    def __str__(self) -> str:
        return f"{self.key} = {self.value}"


class Dossier(models.Model):
    code = models.CharField(_("mã hồ sơ"), max_length=64, unique=True)
    procedure = models.ForeignKey(
        "catalog.Procedure",
        on_delete=models.PROTECT,
        related_name="dossiers",
        verbose_name=_("thủ tục (phiên bản)"),
    )
    agency = models.ForeignKey(
        "organization.Unit",
        on_delete=models.PROTECT,
        related_name="dossiers",
        verbose_name=_("cơ quan giải quyết"),
    )
    channel = models.PositiveSmallIntegerField(_("kênh nộp"), choices=Channel.choices)
    status = models.PositiveSmallIntegerField(
        _("trạng thái"), choices=Status.choices, default=Status.SUBMITTED
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
        verbose_name=_("tài khoản người nộp"),
    )
    applicant_name = models.CharField(_("họ tên người nộp"), max_length=255)
    applicant_id_number = models.CharField(
        _("số định danh / mã số thuế"), max_length=14, db_index=True
    )
    applicant_phone = models.CharField(_("điện thoại"), max_length=16, blank=True)
    applicant_email = models.EmailField(_("thư điện tử"), blank=True)
    applicant_address = models.CharField(_("địa chỉ"), max_length=500, blank=True)
    applicant_organization = models.CharField(_("tên tổ chức"), max_length=255, blank=True)
    request = models.TextField(_("nội dung yêu cầu"))

    submitted_at = models.DateTimeField(_("nộp lúc"))
    received_at = models.DateTimeField(_("tiếp nhận lúc"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người tiếp nhận"),
    )
    book_line = models.PositiveIntegerField(_("số thứ tự trong sổ"), null=True, blank=True)
    original_due_at = models.DateTimeField(_("hẹn trả ban đầu"), null=True, blank=True)
    due_at = models.DateTimeField(
        _("hẹn trả kết quả"),
        null=True,
        blank=True,
        help_text=_("Hẹn trả ban đầu cộng thời gian tạm dừng chờ bổ sung."),
    )
    extended_due_at = models.DateTimeField(_("hẹn trả sau gia hạn"), null=True, blank=True)
    paused_seconds = models.BigIntegerField(_("thời gian tạm dừng (giây làm việc)"), default=0)
    supplement_count = models.PositiveSmallIntegerField(_("số lần yêu cầu bổ sung"), default=0)
    multiple_supplements = models.BooleanField(_("bổ sung nhiều lần"), default=False)
    has_digitized_components = models.BooleanField(
        _("có thành phần số hóa"),
        default=False,
        help_text=_("Mọi thành phần phải nộp đều có bản điện tử (HoSoCoThanhPhanSoHoa)."),
    )

    current_step = models.ForeignKey(
        "catalog.ProcessStep",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bước hiện tại"),
    )
    step_started_at = models.DateTimeField(_("bắt đầu bước lúc"), null=True, blank=True)
    step_due_at = models.DateTimeField(_("hạn của bước"), null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_dossiers",
        verbose_name=_("người đang xử lý"),
    )
    proposal = models.CharField(
        _("đề xuất"), max_length=8, choices=ProposalKind.choices, blank=True
    )
    proposal_note = models.TextField(_("nội dung đề xuất"), blank=True)

    resolved_at = models.DateTimeField(_("xử lý xong lúc"), null=True, blank=True)
    outcome = models.CharField(
        _("kết quả đúng hạn"), max_length=8, choices=Outcome.choices, blank=True
    )
    granted = models.BooleanField(_("được giải quyết"), null=True, blank=True)
    returned_at = models.DateTimeField(_("trả kết quả lúc"), null=True, blank=True)
    return_method = models.CharField(
        _("hình thức trả kết quả"), max_length=8, choices=ReturnMethod.choices, blank=True
    )
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        ordering = ["due_at", "pk"]
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        indexes = [
            # The staff queue: a unit's open dossiers by due date.
            models.Index(fields=["agency", "status", "due_at"], name="dossier_agency_status_due"),
            models.Index(fields=["assignee", "status", "due_at"], name="dossier_assignee_due"),
            models.Index(fields=["status", "due_at"], name="dossier_status_due"),
            # The open queue by due date (overdue, "assigned to me", any open status): a
            # partial index of the few per cent still open, read in order until a page is full.
            models.Index(
                fields=["due_at", "id"],
                condition=Q(status__in=sorted(OPEN)),
                name="dossier_open_due",
            ),
            # The staff page's default: every unfinished dossier (open, or resolved and
            # waiting to be returned), by due date.
            models.Index(
                fields=["due_at", "id"],
                condition=Q(status__in=sorted(ACTIVE)),
                name="dossier_active_due",
            ),
            # Any list by due date with no open-status filter, e.g. all of a unit's dossiers.
            models.Index(fields=["due_at", "id"], name="dossier_due"),
            models.Index(fields=["applicant", "submitted_at"], name="dossier_applicant"),
            models.Index(fields=["procedure", "status"], name="dossier_procedure_status"),
            models.Index(fields=["submitted_at"], name="dossier_submitted"),
            # Resolved in a period (statistics, the 766 index, the control room's charts).
            models.Index(fields=["resolved_at"], name="dossier_resolved"),
            # The tracking book (BM.06): an agency's dossiers by date of receipt, read in order.
            models.Index(fields=["agency", "received_at"], name="dossier_agency_received"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="dossier_status_known"
            ),
            models.CheckConstraint(
                condition=Q(channel__in=Channel.values), name="dossier_channel_known"
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def status_name(self) -> str:
        return str(Status(self.status).label)

    @property
    def appointment_at(self):  # type: ignore[no-untyped-def]
        """The date shown to the citizen: the extended date once an apology was issued."""
        return self.extended_due_at or self.due_at


def dossier_file_path(instance: "DossierFile", filename: str) -> str:
    # The user's file name never reaches the file system (kept in `original_name`).
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"dossiers/{instance.dossier.submitted_at:%Y/%m}/{uuid.uuid4().hex}{suffix}"


class DossierFile(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="files")
    component = models.ForeignKey(
        "catalog.ProcedureComponent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("thành phần hồ sơ"),
    )
    file = models.FileField(_("tệp"), upload_to=dossier_file_path, max_length=255)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    round = models.PositiveSmallIntegerField(
        _("lần nộp"), default=0, help_text=_("0 là lần nộp đầu; 1 trở đi là các lần bổ sung.")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"))
    content_type = models.CharField(_("định dạng"), max_length=64, blank=True)
    sha256 = models.CharField(_("mã kiểm tra SHA-256"), max_length=64, blank=True)
    digitized = models.BooleanField(
        _("số hóa tại bộ phận một cửa"),
        default=False,
        help_text=_("Bản quét từ giấy tờ giấy người nộp mang đến."),
    )
    page_count = models.PositiveIntegerField(_("số trang"), null=True, blank=True)
    stored_document = models.ForeignKey(
        "documents.StoredDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dùng lại từ kho dữ liệu"),
    )

    class Meta:
        ordering = ["dossier", "round", "pk"]
        verbose_name = _("tệp hồ sơ")
        verbose_name_plural = _("tệp hồ sơ")

    def __str__(self) -> str:
        return self.original_name


class ShownComponent(models.Model):
    """A paper shown at the desk and checked, but not kept (Circular 03/2025 Art. 5 cases)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="shown_components")
    component = models.ForeignKey(
        "catalog.ProcedureComponent",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("thành phần hồ sơ"),
    )
    shown_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cán bộ kiểm tra"),
    )
    shown_at = models.DateTimeField(_("kiểm tra lúc"))
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        ordering = ["dossier", "component"]
        verbose_name = _("giấy tờ xuất trình, không lưu")
        verbose_name_plural = _("giấy tờ xuất trình, không lưu")
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "component"], name="dossiers_shown_component_unique"
            )
        ]

    def __str__(self) -> str:
        return str(self.component)


class DossierEvent(models.Model):
    """One line of the dossier's history (append-only); hand-overs are the rows of BM.05."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("thao tác"), max_length=24, choices=Action.choices)
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
    from_status = models.PositiveSmallIntegerField(
        _("từ trạng thái"), choices=Status.choices, null=True, blank=True
    )
    to_status = models.PositiveSmallIntegerField(_("sang trạng thái"), choices=Status.choices)
    from_step = models.ForeignKey(
        "catalog.ProcessStep", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_step = models.ForeignKey(
        "catalog.ProcessStep", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chuyển cho"),
    )
    step_due_at = models.DateTimeField(_("hạn của bước"), null=True, blank=True)
    step_outcome = models.CharField(
        _("kết quả bước"), max_length=8, choices=Outcome.choices, blank=True
    )
    note = models.TextField(_("ghi chú"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["dossier", "at", "pk"]
        verbose_name = _("lịch sử xử lý")
        verbose_name_plural = _("lịch sử xử lý")
        indexes = [models.Index(fields=["dossier", "at"], name="dossier_event_at")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.at:%d/%m/%Y %H:%M})"


class PauseKind(models.TextChoices):
    SUPPLEMENT = "supplement", _("Chờ bổ sung hồ sơ")
    PAYMENT = "payment", _("Chờ nộp phí, lệ phí")


class Pause(models.Model):
    """A wait for the citizen: a supplement (BM.02) or a fee (status 6). The clock stops from
    `started_at` until `ended_at`, and the due date moves by the working time in between.
    Supplement requests and payment waits are numbered apart (supplement number n is the
    n-th request, the rule of "at most once")."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="pauses")
    kind = models.CharField(
        _("loại"),
        max_length=16,
        choices=PauseKind.choices,
        default=PauseKind.SUPPLEMENT,
        db_default=PauseKind.SUPPLEMENT,
    )
    number = models.PositiveSmallIntegerField(_("lần yêu cầu"))
    started_at = models.DateTimeField(_("bắt đầu"))
    ended_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    working_seconds = models.BigIntegerField(
        _("thời gian làm việc tạm dừng (giây)"), null=True, blank=True
    )
    clock_stopped = models.BooleanField(
        _("tạm dừng thời hạn"),
        default=True,
        help_text=_("Không tạm dừng khi hồ sơ chưa được tiếp nhận (thời hạn chưa bắt đầu)."),
    )
    resume_status = models.PositiveSmallIntegerField(choices=Status.choices)
    items = models.JSONField(_("nội dung cần bổ sung"), default=list)
    reason = models.TextField(_("lý do"))
    second_request_reason = models.TextField(_("lý do yêu cầu bổ sung lần sau"), blank=True)
    contact = models.CharField(_("người liên hệ"), max_length=255, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["dossier", "number"]
        verbose_name = _("tạm dừng chờ người nộp")
        verbose_name_plural = _("tạm dừng chờ người nộp")
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "kind", "number"], name="pause_kind_number_unique"
            ),
            models.UniqueConstraint(
                fields=["dossier"], condition=Q(ended_at__isnull=True), name="pause_one_open"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} #{self.number}"


class Extension(models.Model):
    """The apology and extension (BM.04): at most one per dossier."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="extension")
    issued_at = models.DateTimeField(_("lập lúc"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("lý do"))
    previous_due_at = models.DateTimeField(_("hẹn trả trước đó"))
    new_due_at = models.DateTimeField(_("hẹn trả mới"))

    class Meta:
        verbose_name = _("phiếu xin lỗi và gia hạn")
        verbose_name_plural = _("phiếu xin lỗi và gia hạn")

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.new_due_at:%d/%m/%Y}"
