"""The procedure catalog (thủ tục hành chính): fields, procedures in versions, their parts.

A procedure is identified by its national code and a version; at most one version of a code
is published at a time, and a published or retired version is never edited (a change makes a
new draft version, see `services.procedure_new_version`). Dossiers point at the version.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import Role
from motcua.catalog import completeness
from motcua.core.text import fold

procedure_code_validator = RegexValidator(
    r"^[0-9]\.[0-9]{6}(\.[0-9A-Z]{1,5})*$",
    _("Mã thủ tục phải có dạng 1.004889 hoặc 1.004889.000.00.00.H29."),
)


class Field(models.Model):
    """A field (lĩnh vực) that groups procedures, e.g. "Văn bằng, chứng chỉ"."""

    code = models.SlugField(_("mã lĩnh vực"), max_length=64, unique=True)
    name = models.CharField(_("tên lĩnh vực"), max_length=255)

    class Meta:
        ordering = ["name"]
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().save(*args, **kwargs)
        # The field's name is part of every procedure's folded search text.
        procedures = list(self.procedures.select_related("field"))
        for procedure in procedures:
            procedure.field = self
            procedure.search_text = procedure.build_search_text()
        Procedure.objects.bulk_update(procedures, ["search_text"])


class ProcedureStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    PUBLISHED = "published", _("Đang áp dụng")
    RETIRED = "retired", _("Hết hiệu lực")


class ResultType(models.TextChoices):
    PAPER = "paper", _("Bản giấy")
    ELECTRONIC = "electronic", _("Bản điện tử")
    BOTH = "both", _("Bản giấy và bản điện tử")


class OnlineLevel(models.TextChoices):
    FULL = "full", _("Toàn trình")
    PARTIAL = "partial", _("Một phần")
    NONE = "none", _("Không")


class Procedure(models.Model):
    code = models.CharField(
        _("mã thủ tục"),
        max_length=64,
        validators=[procedure_code_validator],
        help_text=_("Mã trên Cơ sở dữ liệu quốc gia về TTHC, ví dụ 1.004889.000.00.00.H29."),
    )
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    status = models.CharField(
        _("trạng thái"),
        max_length=16,
        choices=ProcedureStatus.choices,
        default=ProcedureStatus.DRAFT,
    )
    valid_from = models.DateTimeField(_("áp dụng từ"), null=True, blank=True)
    valid_until = models.DateTimeField(_("áp dụng đến"), null=True, blank=True)

    name = models.CharField(_("tên thủ tục"), max_length=500)
    field = models.ForeignKey(
        Field, on_delete=models.PROTECT, related_name="procedures", verbose_name=_("lĩnh vực")
    )
    level = models.ForeignKey(
        "organization.UnitLevel",
        on_delete=models.PROTECT,
        related_name="procedures",
        verbose_name=_("cấp thực hiện"),
    )
    handling_unit = models.ForeignKey(
        "organization.Unit",
        on_delete=models.PROTECT,
        related_name="procedures",
        verbose_name=_("cơ quan thực hiện"),
    )
    legal_basis = models.TextField(_("căn cứ pháp lý"), blank=True)
    steps_text = models.TextField(
        _("trình tự thực hiện"), blank=True, help_text=_("Mỗi bước một dòng.")
    )
    accepts_direct = models.BooleanField(_("nộp trực tiếp"), default=True)
    accepts_postal = models.BooleanField(_("nộp qua bưu chính"), default=False)
    accepts_online = models.BooleanField(_("nộp trực tuyến"), default=False)
    time_limit_days = models.DecimalField(
        _("thời hạn giải quyết (ngày làm việc)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("0 là trong ngày làm việc; để trống khi chưa xác định."),
    )
    online_time_limit_days = models.DecimalField(
        _("thời hạn khi nộp trực tuyến (ngày làm việc)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Chỉ nhập khi khác thời hạn chung."),
    )
    cutoff_time = models.TimeField(
        _("giờ tiếp nhận muộn nhất trong ngày"),
        null=True,
        blank=True,
        help_text=_("Nhận sau giờ này thì tính từ ngày làm việc tiếp theo, ví dụ 15:00."),
    )
    time_limit_text = models.TextField(_("thời hạn (nguyên văn)"), blank=True)
    applicants = models.TextField(_("đối tượng thực hiện"), blank=True)
    result_type = models.CharField(
        _("hình thức kết quả"), max_length=16, choices=ResultType.choices, default=ResultType.PAPER
    )
    result_name = models.TextField(_("kết quả thực hiện"), blank=True)
    online_level = models.CharField(
        _("mức độ dịch vụ công trực tuyến"),
        max_length=16,
        choices=OnlineLevel.choices,
        default=OnlineLevel.NONE,
    )
    online_payment = models.BooleanField(_("thanh toán trực tuyến"), default=False)
    result_document_type = models.ForeignKey(
        "DocumentType",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("loại giấy tờ kết quả"),
        help_text=_("Kết quả điện tử được lưu vào kho dữ liệu của người nộp với loại này."),
    )
    assigned_officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="assigned_procedures",
        verbose_name=_("cán bộ được phân công"),
    )
    is_demo_filled = models.BooleanField(
        _("có dữ liệu minh họa"),
        default=False,
        help_text=_("Một số giá trị không có trong nguồn công bố và được điền để minh họa."),
    )
    demo_notes = models.TextField(_("ghi chú dữ liệu minh họa"), blank=True)
    sources = models.JSONField(_("nguồn"), default=list, blank=True)
    search_text = models.CharField(
        _("nội dung tìm kiếm"), max_length=1000, blank=True, editable=False, db_index=True
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        ordering = ["code", "version"]
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")
        constraints = [
            models.UniqueConstraint(
                fields=["code", "version"],
                name="catalog_procedure_code_version_unique",
                violation_error_message=_("Mã thủ tục và phiên bản này đã tồn tại."),
            ),
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(status=ProcedureStatus.PUBLISHED),
                name="catalog_procedure_one_published_per_code",
                violation_error_message=_("Mỗi mã thủ tục chỉ có một phiên bản đang áp dụng."),
            ),
            models.CheckConstraint(
                condition=Q(version__gte=1), name="catalog_procedure_version_positive"
            ),
            models.CheckConstraint(
                condition=Q(time_limit_days__isnull=True) | Q(time_limit_days__gte=0),
                name="catalog_procedure_time_limit_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(online_time_limit_days__isnull=True) | Q(online_time_limit_days__gte=0),
                name="catalog_procedure_online_time_limit_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_until__gte=F("valid_from")),
                name="catalog_procedure_valid_range",
                violation_error_message=_("Ngày hết hiệu lực phải sau ngày áp dụng."),
            ),
            models.CheckConstraint(
                condition=Q(online_level=OnlineLevel.NONE) | Q(accepts_online=True),
                name="catalog_procedure_online_level_needs_online",
                violation_error_message=_(
                    "Thủ tục có dịch vụ công trực tuyến phải nhận hồ sơ trực tuyến."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status=ProcedureStatus.PUBLISHED) | Q(valid_from__isnull=False),
                name="catalog_procedure_published_has_valid_from",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        self.search_text = self.build_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"name", "code", "field"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def build_search_text(self) -> str:
        return fold(f"{self.name} {self.code} {self.field.name if self.field_id else ''}")[:1000]

    @property
    def is_editable(self) -> bool:
        return self.status == ProcedureStatus.DRAFT

    @property
    def steps(self) -> list[str]:
        return [line.strip() for line in self.steps_text.splitlines() if line.strip()]

    @property
    def methods(self) -> list[str]:
        """The submission channels, in the portal's words."""
        labels = [
            (self.accepts_direct, _("Trực tiếp")),
            (self.accepts_postal, _("Bưu chính")),
            (self.accepts_online, _("Trực tuyến")),
        ]
        return [str(label) for accepted, label in labels if accepted]

    def completeness_parts(self) -> completeness.ProcedureParts:
        return completeness.ProcedureParts(
            name=self.name,
            steps_text=self.steps_text,
            methods=(self.accepts_direct, self.accepts_postal, self.accepts_online),
            components=tuple(
                completeness.ComponentCopies(
                    is_database=c.source == ComponentSource.DATABASE,
                    copies_original=c.copies_original,
                    copies_copy=c.copies_copy,
                )
                for c in self.components.all()
            ),
            time_limit_days=self.time_limit_days,
            applicants=self.applicants,
            has_agency=self.handling_unit_id is not None,
        )

    @property
    def missing_parts(self) -> list[str]:
        """Codes of the Decision 766 parts this procedure lacks (see `completeness.PARTS`)."""
        return completeness.missing_parts(self.completeness_parts())

    @property
    def is_complete(self) -> bool:
        return not self.missing_parts


class DocumentType(models.Model):
    """A kind of paper (loại giấy tờ), e.g. "Bằng tốt nghiệp THCS" or "Giấy khai sinh": the key
    that matches a procedure's component with a document already in a person's data store."""

    code = models.SlugField(_("mã loại giấy tờ"), max_length=64, unique=True)
    name = models.CharField(_("tên loại giấy tờ"), max_length=255)
    issuer = models.CharField(
        _("cơ quan cấp thường gặp"),
        max_length=255,
        blank=True,
        help_text=_("Gợi ý khi lưu vào kho."),
    )
    validity_months = models.PositiveSmallIntegerField(
        _("thời hạn hiệu lực (tháng)"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu giấy tờ có giá trị không thời hạn."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("loại giấy tờ")
        verbose_name_plural = _("loại giấy tờ")

    def __str__(self) -> str:
        return self.name


class FileKind(models.TextChoices):
    """The types an upload may be, detected from its content (never its name)."""

    PDF = "pdf", "PDF"
    JPEG = "jpeg", "JPEG"
    PNG = "png", "PNG"


DEFAULT_ACCEPTED_KINDS = "pdf,jpeg,png"


class ComponentSource(models.TextChoices):
    UPLOAD = "upload", _("Người nộp cung cấp")
    DATABASE = "database", _("Khai thác từ cơ sở dữ liệu")


class ProcedureComponent(models.Model):
    """A required component (thành phần hồ sơ), or a document replaced by a database look-up
    (Resolution 66.7/2025/NQ-CP): then the citizen is not asked for it."""

    procedure = models.ForeignKey(
        Procedure, on_delete=models.CASCADE, related_name="components", verbose_name=_("thủ tục")
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    name = models.CharField(_("tên giấy tờ"), max_length=500)
    copies_original = models.PositiveSmallIntegerField(_("số bản chính"), default=0)
    copies_copy = models.PositiveSmallIntegerField(_("số bản sao"), default=0)
    note = models.TextField(_("ghi chú"), blank=True)
    is_required = models.BooleanField(
        _("bắt buộc"),
        default=True,
        help_text=_("Bỏ chọn với giấy tờ chỉ nộp trong một số trường hợp (ví dụ giấy ủy quyền)."),
    )
    form_template = models.FileField(
        _("mẫu đơn, tờ khai"), upload_to="catalog/forms/", blank=True, max_length=255
    )
    source = models.CharField(
        _("nguồn"), max_length=16, choices=ComponentSource.choices, default=ComponentSource.UPLOAD
    )
    database_name = models.CharField(
        _("cơ sở dữ liệu"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: CSDL quốc gia về dân cư."),
    )
    database_agency = models.CharField(_("cơ quan quản lý CSDL"), max_length=255, blank=True)
    database_legal_basis = models.TextField(
        _("căn cứ khai thác CSDL"),
        blank=True,
        help_text=_("Ví dụ: Nghị quyết 66.7/2025/NQ-CP Phụ lục I, STT 193."),
    )
    document_type = models.ForeignKey(
        DocumentType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("loại giấy tờ"),
        help_text=_("Giấy tờ cùng loại đã có trong kho dữ liệu của người nộp được dùng lại."),
    )
    accepted_kinds = models.CharField(
        _("định dạng được nhận"),
        max_length=32,
        default=DEFAULT_ACCEPTED_KINDS,
        help_text=_("Các định dạng cách nhau bởi dấu phẩy: pdf, jpeg, png."),
    )

    class Meta:
        ordering = ["procedure", "order", "pk"]
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "order"], name="catalog_component_order_unique"
            ),
            models.CheckConstraint(
                condition=Q(source=ComponentSource.UPLOAD) | ~Q(database_name=""),
                name="catalog_component_database_named",
                violation_error_message=_("Thành phần khai thác từ CSDL phải ghi tên CSDL."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_database(self) -> bool:
        return self.source == ComponentSource.DATABASE


class FeeStage(models.TextChoices):
    """When a fee is due: the dossier waits for payment (status 6) at that point."""

    SUBMISSION = "submission", _("Khi tiếp nhận hồ sơ")
    RESULT = "result", _("Trước khi nhận kết quả")


class ProcedureFee(models.Model):
    procedure = models.ForeignKey(
        Procedure, on_delete=models.CASCADE, related_name="fees", verbose_name=_("thủ tục")
    )
    name = models.CharField(_("tên phí, lệ phí"), max_length=255)
    amount = models.PositiveBigIntegerField(_("mức thu (đồng)"))
    online_amount = models.PositiveBigIntegerField(
        _("mức thu khi nộp trực tuyến (đồng)"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu không giảm khi nộp, thanh toán trực tuyến."),
    )
    note = models.TextField(_("ghi chú"), blank=True)
    stage = models.CharField(
        _("thời điểm thu"),
        max_length=16,
        choices=FeeStage.choices,
        default=FeeStage.SUBMISSION,
        db_default=FeeStage.SUBMISSION,
    )

    class Meta:
        ordering = ["procedure", "pk"]
        verbose_name = _("phí, lệ phí")
        verbose_name_plural = _("phí, lệ phí")
        constraints = [
            models.CheckConstraint(
                condition=Q(online_amount__isnull=True) | Q(online_amount__lte=F("amount")),
                name="catalog_fee_online_not_higher",
                violation_error_message=_("Mức thu trực tuyến không được cao hơn mức thu chung."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.amount} đ"


class ProcessStep(models.Model):
    """A step of the internal process (quy trình nội bộ) with its share of the time limit."""

    procedure = models.ForeignKey(
        Procedure,
        on_delete=models.CASCADE,
        related_name="process_steps",
        verbose_name=_("thủ tục"),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    name = models.CharField(_("nội dung công việc"), max_length=500)
    role = models.CharField(_("vai trò"), max_length=16, choices=Role.choices, blank=True)
    unit = models.ForeignKey(
        "organization.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="process_steps",
        verbose_name=_("đơn vị thực hiện"),
    )
    hours = models.DecimalField(
        _("thời gian (giờ làm việc)"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )

    class Meta:
        ordering = ["procedure", "order", "pk"]
        verbose_name = _("bước quy trình nội bộ")
        verbose_name_plural = _("quy trình nội bộ")
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "order"], name="catalog_process_step_order_unique"
            ),
            models.CheckConstraint(
                condition=~Q(role="") | Q(unit__isnull=False),
                name="catalog_process_step_has_actor",
                violation_error_message=_("Mỗi bước phải có vai trò hoặc đơn vị thực hiện."),
            ),
            models.CheckConstraint(
                condition=Q(hours__gte=0), name="catalog_process_step_hours_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.name
