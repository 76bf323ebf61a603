"""Periodic reporting (Decree 09/2019/NĐ-CP) and the implementation plan's tasks.

A `ReportType` carries Art. 7's elements: what is asked (an outline of free-text sections and
data tables of typed fields), who reports (units and unit categories), who receives, how
often, the cut-off and the deadline rules. `ReportPeriod` rows are generated from them. A
unit's `Report` holds its values (`ReportValue`, one row per field, so the department's
consolidation is an aggregate query) and texts; the department's `ConsolidatedReport` goes
up to the district office. History only grows: `ReportEvent`, `Reminder`, `TaskUpdate`.
"""

import re
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.reporting.periods import (
    DayOffShift,
    DeadlineRule,
    Frequency,
    period_label,
)
from motcua.reporting.workflow import Action, ConsolidatedStatus, ReportStatus

CODE_PATTERN = r"^[A-Za-z][A-Za-z0-9_]{0,39}$"
code_validator = RegexValidator(
    CODE_PATTERN,
    _("Mã gồm chữ cái không dấu, chữ số và dấu gạch dưới, bắt đầu bằng chữ cái (tối đa 40)."),
)
SUM_PART = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,39}$")


def sum_parts(expression: str) -> list[str]:
    """ "B + C" → ["B", "C"]; empty when there is no rule. Raises ValueError when malformed."""
    if not expression or not expression.strip():
        return []
    parts = [part.strip() for part in expression.split("+")]
    if len(parts) < 2 or not all(SUM_PART.match(part) for part in parts):
        raise ValueError(expression)
    return parts


# --- units and their categories ----------------------------------------------------------


class UnitCategory(models.Model):
    """A group of units for consolidation, e.g. public kindergartens or private schools."""

    code = models.SlugField(_("mã nhóm"), max_length=40, unique=True)
    name = models.CharField(_("tên nhóm"), max_length=150)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("nhóm đơn vị")
        verbose_name_plural = _("nhóm đơn vị")

    def __str__(self) -> str:
        return self.name


class ReportingUnit(models.Model):
    """The category a unit belongs to for reporting (units stay in `organization`)."""

    unit = models.OneToOneField(
        "organization.Unit",
        on_delete=models.CASCADE,
        related_name="reporting_profile",
        verbose_name=_("đơn vị"),
    )
    category = models.ForeignKey(
        UnitCategory, on_delete=models.PROTECT, related_name="members", verbose_name=_("nhóm")
    )

    class Meta:
        verbose_name = _("phân nhóm đơn vị")
        verbose_name_plural = _("phân nhóm đơn vị")

    def __str__(self) -> str:
        return f"{self.unit} · {self.category}"


# --- report types ------------------------------------------------------------------------


class FieldKind(models.TextChoices):
    INTEGER = "integer", _("Số nguyên")
    DECIMAL = "decimal", _("Số thập phân")
    PERCENT = "percent", _("Tỷ lệ phần trăm")
    TEXT = "text", _("Văn bản")
    DATE = "date", _("Ngày")
    CHOICE = "choice", _("Chọn một giá trị")


NUMERIC_KINDS = frozenset({FieldKind.INTEGER, FieldKind.DECIMAL, FieldKind.PERCENT})


class Aggregate(models.TextChoices):
    SUM = "sum", _("Cộng tổng")
    AVERAGE = "average", _("Trung bình")
    NONE = "none", _("Không tổng hợp")


class DossierMetric(models.TextChoices):
    """Numbers the department's report takes from the dossiers in motcua for the period."""

    RECEIVED = "received", _("Số hồ sơ tiếp nhận trong kỳ")
    RECEIVED_ONLINE = "received_online", _("Số hồ sơ tiếp nhận trực tuyến trong kỳ")
    RESOLVED = "resolved", _("Số hồ sơ đã giải quyết trong kỳ")
    RESOLVED_ON_TIME = "resolved_on_time", _("Số hồ sơ giải quyết trước hạn và đúng hạn")
    RESOLVED_LATE = "resolved_late", _("Số hồ sơ giải quyết quá hạn")
    ON_TIME_RATE = "on_time_rate", _("Tỷ lệ hồ sơ giải quyết đúng hạn (%)")
    ONLINE_RATE = "online_rate", _("Tỷ lệ hồ sơ tiếp nhận trực tuyến (%)")


class ReportType(models.Model):
    code = models.SlugField(_("mã loại báo cáo"), max_length=60, unique=True)
    name = models.CharField(_("tên báo cáo"), max_length=255)
    content = models.TextField(_("nội dung yêu cầu báo cáo"), blank=True)
    legal_basis = models.CharField(_("căn cứ ban hành"), max_length=500, blank=True)
    reporter_units = models.ManyToManyField(
        "organization.Unit",
        blank=True,
        related_name="+",
        verbose_name=_("đơn vị thực hiện báo cáo"),
    )
    reporter_categories = models.ManyToManyField(
        UnitCategory,
        blank=True,
        related_name="report_types",
        verbose_name=_("nhóm đơn vị thực hiện báo cáo"),
        help_text=_("Mọi đơn vị thuộc các nhóm này đều phải báo cáo."),
    )
    receiver = models.ForeignKey(
        "organization.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cơ quan nhận báo cáo"),
    )
    channel = models.CharField(
        _("phương thức gửi, nhận"),
        max_length=255,
        default="Hệ thống thông tin báo cáo (motcua), kèm văn bản điện tử",
    )
    frequency = models.CharField(_("tần suất"), max_length=16, choices=Frequency.choices)
    deadline_rule = models.CharField(
        _("cách tính thời hạn gửi"), max_length=24, choices=DeadlineRule.choices
    )
    deadline_day = models.PositiveSmallIntegerField(
        _("ngày (D)"), validators=[MinValueValidator(0), MaxValueValidator(366)]
    )
    deadline_month = models.PositiveSmallIntegerField(
        _("tháng (M)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    day_off_shift = models.CharField(
        _("hạn rơi vào ngày nghỉ"),
        max_length=10,
        choices=DayOffShift.choices,
        default=DayOffShift.PREVIOUS,
    )
    upward_receiver = models.ForeignKey(
        "organization.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cơ quan nhận báo cáo tổng hợp"),
        help_text=_("Nơi cơ quan nhận gửi báo cáo tổng hợp của mình, ví dụ Văn phòng UBND."),
    )
    upward_deadline_rule = models.CharField(
        _("cách tính hạn gửi báo cáo tổng hợp"),
        max_length=24,
        choices=DeadlineRule.choices,
        blank=True,
    )
    upward_deadline_day = models.PositiveSmallIntegerField(
        _("ngày (D) của hạn tổng hợp"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(366)],
    )
    upward_deadline_month = models.PositiveSmallIntegerField(
        _("tháng (M) của hạn tổng hợp"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    guidance = models.TextField(_("hướng dẫn thực hiện"), blank=True)
    remind_days_before = models.PositiveSmallIntegerField(
        _("nhắc trước hạn (ngày làm việc)"),
        default=3,
        help_text=_("0: không nhắc trước hạn."),
    )
    remind_overdue = models.BooleanField(_("nhắc khi quá hạn"), default=True)
    remind_by_email = models.BooleanField(_("nhắc cả qua thư điện tử"), default=True)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("loại báo cáo")
        verbose_name_plural = _("loại báo cáo")
        constraints = [
            models.CheckConstraint(
                condition=Q(frequency__in=Frequency.values), name="report_type_frequency_known"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        errors.update(
            _deadline_errors(
                self.frequency,
                self.deadline_rule,
                self.deadline_day,
                self.deadline_month,
                prefix="deadline",
            )
        )
        if self.upward_deadline_rule:
            errors.update(
                _deadline_errors(
                    self.frequency,
                    self.upward_deadline_rule,
                    self.upward_deadline_day,
                    self.upward_deadline_month,
                    prefix="upward_deadline",
                )
            )
            if self.upward_receiver_id is None:
                errors["upward_receiver"] = [
                    str(_("Có hạn gửi báo cáo tổng hợp thì phải chọn cơ quan nhận."))
                ]
        if errors:
            raise ValidationError(errors)


def _deadline_errors(
    frequency: str, rule: str, day: int | None, month: int | None, *, prefix: str
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if day is None:
        return {f"{prefix}_day": [str(_("Vui lòng nhập ngày (D)."))]}
    if rule in (DeadlineRule.DAY_OF_LAST_MONTH, DeadlineRule.FIXED_DATE) and not 1 <= day <= 31:
        errors[f"{prefix}_day"] = [str(_("Ngày trong tháng phải từ 1 đến 31."))]
    if rule == DeadlineRule.FIXED_DATE:
        if month is None:
            errors[f"{prefix}_month"] = [str(_("Hạn theo ngày cố định cần có tháng (M)."))]
        if frequency not in (Frequency.ONCE, Frequency.YEARLY):
            errors[f"{prefix}_rule"] = [
                str(_("Hạn theo ngày cố định chỉ dùng cho báo cáo năm hoặc một lần."))
            ]
    return errors


class DataTable(models.Model):
    """A table of indicators (chỉ tiêu) of a report type; each field is one row."""

    report_type = models.ForeignKey(
        ReportType, on_delete=models.CASCADE, related_name="tables", verbose_name=_("loại báo cáo")
    )
    title = models.CharField(_("tên biểu"), max_length=255)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("biểu số liệu")
        verbose_name_plural = _("biểu số liệu")

    def __str__(self) -> str:
        return self.title


class DataField(models.Model):
    table = models.ForeignKey(
        DataTable, on_delete=models.CASCADE, related_name="fields", verbose_name=_("biểu")
    )
    code = models.CharField(_("mã chỉ tiêu"), max_length=40, validators=[code_validator])
    label = models.CharField(_("tên chỉ tiêu"), max_length=255)
    kind = models.CharField(_("kiểu dữ liệu"), max_length=10, choices=FieldKind.choices)
    unit_label = models.CharField(_("đơn vị tính"), max_length=40, blank=True)
    required = models.BooleanField(_("bắt buộc"), default=True)
    min_value = models.DecimalField(
        _("giá trị nhỏ nhất"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("giá trị lớn nhất"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    choices = models.JSONField(
        _("các giá trị được chọn"),
        default=list,
        blank=True,
        help_text=_('Danh sách JSON các chuỗi, ví dụ ["Đạt", "Chưa đạt"].'),
    )
    sum_of = models.CharField(
        _("bằng tổng của"),
        max_length=255,
        blank=True,
        help_text=_("Mã các chỉ tiêu, ví dụ «B + C»: chỉ tiêu này phải bằng B + C."),
    )
    aggregate = models.CharField(
        _("cách tổng hợp"), max_length=8, choices=Aggregate.choices, default=Aggregate.SUM
    )
    dossier_metric = models.CharField(
        _("lấy từ dữ liệu hồ sơ"),
        max_length=20,
        choices=DossierMetric.choices,
        blank=True,
        help_text=_(
            "Chỉ tiêu này không hỏi đơn vị báo cáo: báo cáo tổng hợp lấy số từ hồ sơ trong kỳ."
        ),
    )
    help_text = models.CharField(_("hướng dẫn"), max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["table__order", "table_id", "order", "pk"]
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        constraints = [
            models.UniqueConstraint(fields=["table", "code"], name="datafield_code_unique"),
            models.CheckConstraint(
                condition=Q(kind__in=FieldKind.values), name="datafield_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.label}"

    @property
    def is_numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS

    @property
    def asked(self) -> bool:
        """Asked of the reporting units (a dossier metric is filled by the consolidation)."""
        return not self.dossier_metric

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        numeric = self.kind in NUMERIC_KINDS
        if not numeric and (self.min_value is not None or self.max_value is not None):
            errors["min_value"] = [
                str(_("Chỉ chỉ tiêu kiểu số mới có giá trị nhỏ nhất, lớn nhất."))
            ]
        if (
            self.min_value is not None
            and self.max_value is not None
            and self.min_value > self.max_value
        ):
            errors["max_value"] = [str(_("Giá trị lớn nhất phải không nhỏ hơn giá trị nhỏ nhất."))]
        if self.kind == FieldKind.CHOICE:
            if (
                not isinstance(self.choices, list)
                or not self.choices
                or not all(isinstance(c, str) and c.strip() for c in self.choices)
                or len(set(self.choices)) != len(self.choices)
            ):
                errors["choices"] = [
                    str(_("Kiểu chọn cần một danh sách JSON các chuỗi khác nhau, không rỗng."))
                ]
        elif self.choices:
            errors["choices"] = [str(_("Chỉ kiểu chọn mới có danh sách giá trị."))]
        try:
            parts = sum_parts(self.sum_of)
        except ValueError:
            errors["sum_of"] = [str(_("Quy tắc tổng phải có dạng «B + C» (mã các chỉ tiêu)."))]
        else:
            if parts and not numeric:
                errors["sum_of"] = [str(_("Chỉ chỉ tiêu kiểu số mới có quy tắc tổng."))]
            elif self.code in parts:
                errors["sum_of"] = [str(_("Chỉ tiêu không thể là tổng của chính nó."))]
        if not numeric and self.aggregate != Aggregate.NONE:
            errors["aggregate"] = [str(_("Chỉ tiêu không phải kiểu số: chọn «Không tổng hợp»."))]
        if self.dossier_metric and not numeric:
            errors["dossier_metric"] = [str(_("Số liệu hồ sơ chỉ gán cho chỉ tiêu kiểu số."))]
        if errors:
            raise ValidationError(errors)


class OutlineSection(models.Model):
    """A free-text section of the outline (đề cương), e.g. "Kết quả đạt được"."""

    report_type = models.ForeignKey(
        ReportType,
        on_delete=models.CASCADE,
        related_name="sections",
        verbose_name=_("loại báo cáo"),
    )
    code = models.CharField(_("mã mục"), max_length=40, validators=[code_validator])
    title = models.CharField(_("tên mục"), max_length=255)
    guidance = models.TextField(_("gợi ý nội dung"), blank=True)
    required = models.BooleanField(_("bắt buộc"), default=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("mục đề cương")
        verbose_name_plural = _("mục đề cương")
        constraints = [
            models.UniqueConstraint(fields=["report_type", "code"], name="section_code_unique")
        ]

    def __str__(self) -> str:
        return self.title


# --- periods and reports -------------------------------------------------------------------


class ReportPeriod(models.Model):
    report_type = models.ForeignKey(
        ReportType, on_delete=models.CASCADE, related_name="periods", verbose_name=_("loại báo cáo")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveSmallIntegerField(_("kỳ số"))
    starts_on = models.DateField(_("chốt số liệu từ ngày"))
    ends_on = models.DateField(_("chốt số liệu đến ngày"))
    deadline = models.DateField(_("hạn gửi báo cáo"))
    upward_deadline = models.DateField(_("hạn gửi báo cáo tổng hợp"), null=True, blank=True)

    class Meta:
        ordering = ["-ends_on", "report_type__name"]
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        constraints = [
            models.UniqueConstraint(
                fields=["report_type", "year", "number"], name="report_period_unique"
            )
        ]
        indexes = [models.Index(fields=["deadline"], name="report_period_deadline")]

    def __str__(self) -> str:
        return f"{self.report_type} · {self.label}"

    @property
    def label(self) -> str:
        return period_label(self.report_type.frequency, self.year, self.number)


class Report(models.Model):
    period = models.ForeignKey(
        ReportPeriod, on_delete=models.PROTECT, related_name="reports", verbose_name=_("kỳ")
    )
    unit = models.ForeignKey(
        "organization.Unit",
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("đơn vị báo cáo"),
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    first_submitted_at = models.DateTimeField(_("nộp lần đầu lúc"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người nộp"),
    )
    late = models.BooleanField(
        _("nộp trễ hạn"),
        null=True,
        blank=True,
        help_text=_("Xét theo lần nộp đầu tiên so với hạn gửi của kỳ."),
    )
    returned_at = models.DateTimeField(_("trả lại lúc"), null=True, blank=True)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"))
    updated_at = models.DateTimeField(_("cập nhật lúc"))

    class Meta:
        ordering = ["period", "unit__name"]
        verbose_name = _("báo cáo của đơn vị")
        verbose_name_plural = _("báo cáo của đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["period", "unit"], name="report_period_unit_unique"),
            models.CheckConstraint(
                condition=Q(status__in=ReportStatus.values), name="report_status_known"
            ),
        ]
        indexes = [models.Index(fields=["period", "status"], name="report_period_status")]

    def __str__(self) -> str:
        return f"{self.unit} · {self.period}"

    @property
    def is_editable(self) -> bool:
        return self.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)


class ReportValue(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="values")
    field = models.ForeignKey(DataField, on_delete=models.PROTECT, related_name="+")
    number = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    text = models.TextField(blank=True)
    date = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("số liệu")
        verbose_name_plural = _("số liệu")
        constraints = [
            models.UniqueConstraint(fields=["report", "field"], name="report_value_unique")
        ]

    def __str__(self) -> str:
        return f"{self.field_id}: {self.number if self.number is not None else self.text}"


class ReportSectionText(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="texts")
    section = models.ForeignKey(OutlineSection, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("nội dung mục")
        verbose_name_plural = _("nội dung mục")
        constraints = [
            models.UniqueConstraint(fields=["report", "section"], name="report_section_unique")
        ]

    def __str__(self) -> str:
        return self.text[:60]


def _generated_name(folder: str, filename: str) -> str:
    # The user's file name never reaches the file system (it is kept in `original_name`).
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"{folder}/{uuid.uuid4().hex}{suffix}"


def report_attachment_path(instance: "ReportAttachment", filename: str) -> str:
    return _generated_name(f"reports/{instance.report.period.year}", filename)


class ReportAttachment(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("tệp"), upload_to=report_attachment_path, max_length=255)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(_("mã kiểm tra SHA-256"), max_length=64)
    content_type = models.CharField(_("định dạng"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"))
    removed_at = models.DateTimeField(_("gỡ lúc"), null=True, blank=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("tệp đính kèm báo cáo")
        verbose_name_plural = _("tệp đính kèm báo cáo")

    def __str__(self) -> str:
        return self.original_name


class ConsolidatedReport(models.Model):
    """The receiving office's own report for a period, sent up to its own receiver.

    `data` is the consolidation as served by the API, frozen when the report is sent."""

    period = models.OneToOneField(
        ReportPeriod, on_delete=models.PROTECT, related_name="consolidated", verbose_name=_("kỳ")
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=ConsolidatedStatus.choices,
        default=ConsolidatedStatus.DRAFT,
    )
    document_number = models.CharField(_("số văn bản"), max_length=60, blank=True)
    place = models.CharField(_("địa danh"), max_length=100, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=100, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=150, blank=True)
    summary = models.TextField(_("đánh giá chung của cơ quan tổng hợp"), blank=True)
    data = models.JSONField(_("số liệu đã gửi"), default=dict, blank=True)
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người gửi"),
    )
    late = models.BooleanField(_("gửi trễ hạn"), null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"))
    updated_at = models.DateTimeField(_("cập nhật lúc"))

    class Meta:
        verbose_name = _("báo cáo tổng hợp")
        verbose_name_plural = _("báo cáo tổng hợp")

    def __str__(self) -> str:
        return str(self.period)


class ReportEvent(models.Model):
    """One line of history: who did what, when, and what changed (a report or a
    consolidated report, never both)."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    consolidated = models.ForeignKey(
        ConsolidatedReport,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
    )
    action = models.CharField(_("thao tác"), max_length=16, choices=Action.choices)
    at = models.DateTimeField(_("lúc"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    actor_name = models.CharField(_("người thực hiện"), max_length=255, blank=True)
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    data = models.JSONField(_("thay đổi"), default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("lịch sử báo cáo")
        verbose_name_plural = _("lịch sử báo cáo")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(report__isnull=False, consolidated__isnull=True)
                    | Q(report__isnull=True, consolidated__isnull=False)
                ),
                name="report_event_one_subject",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} · {self.at:%Y-%m-%d %H:%M}"


class ReminderKind(models.TextChoices):
    BEFORE = "before", _("Nhắc trước hạn")
    OVERDUE = "overdue", _("Nhắc quá hạn")
    MANUAL = "manual", _("Nhắc theo yêu cầu của cơ quan nhận")


class Reminder(models.Model):
    """A reminder sent to a unit for a period: the automatic ones exist once per kind, which
    is what makes `reminders_send` idempotent."""

    period = models.ForeignKey(ReportPeriod, on_delete=models.CASCADE, related_name="reminders")
    unit = models.ForeignKey("organization.Unit", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("loại nhắc"), max_length=8, choices=ReminderKind.choices)
    sent_at = models.DateTimeField(_("gửi lúc"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recipients = models.PositiveSmallIntegerField(_("số người nhận"), default=0)

    class Meta:
        ordering = ["-sent_at", "pk"]
        verbose_name = _("lần nhắc báo cáo")
        verbose_name_plural = _("lần nhắc báo cáo")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "unit", "kind"],
                condition=Q(kind__in=["before", "overdue"]),
                name="reminder_automatic_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.sent_at:%Y-%m-%d}"


# --- the implementation plan ---------------------------------------------------------------


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Hoàn thành")
    PAUSED = "paused", _("Tạm dừng")


class Plan(models.Model):
    number = models.CharField(_("số kế hoạch"), max_length=60)
    title = models.CharField(_("tên kế hoạch"), max_length=500)
    year = models.PositiveSmallIntegerField(_("năm"))
    unit = models.ForeignKey(
        "organization.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cơ quan ban hành"),
    )
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-year", "number"]
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        constraints = [
            models.UniqueConstraint(fields=["unit", "number", "year"], name="plan_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number} · {self.title}"


class PlanTask(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    number = models.CharField(_("số thứ tự"), max_length=10)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    content = models.TextField(_("nội dung công việc"))
    lead_unit = models.ForeignKey(
        "organization.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đơn vị chủ trì"),
    )
    lead_unit_name = models.CharField(_("đơn vị chủ trì (như ghi trong kế hoạch)"), max_length=255)
    coordinating_units = models.ManyToManyField(
        "organization.Unit", blank=True, related_name="+", verbose_name=_("đơn vị phối hợp")
    )
    coordinating_text = models.CharField(
        _("đơn vị phối hợp (như ghi trong kế hoạch)"), max_length=500, blank=True
    )
    starts_on = models.DateField(_("bắt đầu"))
    ends_on = models.DateField(_("kết thúc"))
    expected_product = models.CharField(_("dự kiến sản phẩm"), max_length=500, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    percent = models.PositiveSmallIntegerField(
        _("tiến độ (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    updated_at = models.DateTimeField(_("cập nhật tiến độ lúc"), null=True, blank=True)

    class Meta:
        ordering = ["plan", "order", "pk"]
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_task_number_unique"),
            models.CheckConstraint(condition=Q(percent__lte=100), name="plan_task_percent_max"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="plan_task_dates_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.content[:60]}"


class TaskUpdate(models.Model):
    task = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="updates")
    at = models.DateTimeField(_("lúc"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    by_name = models.CharField(_("người cập nhật"), max_length=255)
    status = models.CharField(_("tình trạng"), max_length=12, choices=TaskStatus.choices)
    percent = models.PositiveSmallIntegerField(_("tiến độ (%)"))
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("cập nhật tiến độ")
        verbose_name_plural = _("cập nhật tiến độ")

    def __str__(self) -> str:
        return f"{self.get_status_display()} · {self.percent}%"


def task_evidence_path(instance: "TaskEvidence", filename: str) -> str:
    return _generated_name(f"plans/{instance.update.task.plan.year}", filename)


class TaskEvidence(models.Model):
    update = models.ForeignKey(TaskUpdate, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("tệp"), upload_to=task_evidence_path, max_length=255)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(_("mã kiểm tra SHA-256"), max_length=64)
    content_type = models.CharField(_("định dạng"), max_length=100)

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")

    def __str__(self) -> str:
        return self.original_name
