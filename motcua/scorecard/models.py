"""The configuration of the Decision 766 index: one row per criterion with its group, maximum,
threshold and whether it applies here. Seeded with DOMAIN.md §8 (migration 0002) and edited in
the admin; the numbers themselves are always computed live (`selectors.index_for`)."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Criterion(models.Model):
    code = models.CharField(
        _("mã tiêu chí"), max_length=8, unique=True, help_text=_("Ví dụ 1.4, 2.1.")
    )
    group = models.PositiveSmallIntegerField(
        _("nhóm"), validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    group_name = models.CharField(_("tên nhóm"), max_length=255)
    name = models.CharField(_("tên tiêu chí"), max_length=500)
    description = models.TextField(
        _("cách tính"), blank=True, help_text=_("Tử số, mẫu số và nguồn số liệu, để hiển thị.")
    )
    max_points = models.DecimalField(
        _("điểm tối đa"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    threshold = models.DecimalField(
        _("ngưỡng đạt điểm tối đa (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("100"),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
        help_text=_(
            "Tỷ lệ từ ngưỡng này trở lên được điểm tối đa; thấp hơn: tỷ lệ × điểm ÷ ngưỡng."
        ),
    )
    applicable = models.BooleanField(_("áp dụng"), default=True)
    reason = models.TextField(
        _("lý do không áp dụng"), blank=True, help_text=_("Hiển thị khi tiêu chí không áp dụng.")
    )
    is_assumption = models.BooleanField(
        _("ngưỡng là giả định"),
        default=False,
        help_text=_("Ngưỡng chưa có căn cứ công bố chính thức (xem ADR 0012)."),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        ordering = ["group", "order", "code"]
        verbose_name = _("tiêu chí Quyết định 766")
        verbose_name_plural = _("tiêu chí Quyết định 766")
        constraints = [
            models.CheckConstraint(
                condition=Q(threshold__gt=0) & Q(threshold__lte=100),
                name="scorecard_criterion_threshold_range",
                violation_error_message=_("Ngưỡng phải lớn hơn 0 và không quá 100%."),
            ),
            models.CheckConstraint(
                condition=Q(max_points__gte=0), name="scorecard_criterion_max_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
